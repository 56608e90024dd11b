"""Fill unfinished entries of the zh_CN catalogue from JSON files.

Each `resources/translations/zh_CN/*.json` maps a context to {English source: Chinese}.
Engineers working on different screens write their own file, so that nobody edits the same
.ts at once; `make translations` runs lupdate, then this, then lrelease. An entry already
translated in the .ts is left as it is. Prints what is still unfinished and exits 1 if any.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "gatekeeper_zh_CN.ts"
SOURCES = ROOT / "resources" / "translations" / "zh_CN"


def _escape(text: str) -> str:
    """XML text as lupdate writes it."""
    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("'", "&apos;"),
                         ('"', "&quot;")):
        text = text.replace(raw, escaped)
    return text


UNFINISHED = re.compile(
    r"(<message>\s*<source>(?P<source>[^<]*)</source>\s*"
    r"(?:<(?P<tag>comment|extracomment)>[^<]*</(?P=tag)>\s*)*)"
    r'<translation type="unfinished">(?P<old>[^<]*)</translation>',
)
CONTEXT = re.compile(r"<context>\s*<name>(?P<name>.*?)</name>(?P<body>.*?)</context>", re.S)


def main() -> int:
    known: dict[tuple[str, str], str] = {}
    for path in sorted(SOURCES.glob("*.json")):
        for context, entries in json.loads(path.read_text(encoding="utf-8")).items():
            for source, translation in entries.items():
                known[(_escape(context), _escape(source))] = translation
    missing: list[str] = []

    def fill_context(match: re.Match[str]) -> str:
        name = match.group("name")

        def fill(message: re.Match[str]) -> str:
            source = message.group("source")
            translation = known.get((name, source))
            if translation is None:
                missing.append(f"{html.unescape(name)}: {html.unescape(source)}")
                return message.group(0)
            return f"{message.group(1)}<translation>{_escape(translation)}</translation>"

        body = UNFINISHED.sub(fill, match.group("body"))
        return match.group(0).replace(match.group("body"), body)

    text = TS.read_text(encoding="utf-8")
    TS.write_text(CONTEXT.sub(fill_context, text), encoding="utf-8")
    for line in missing:
        print(f"untranslated: {line}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
