"""A stretched pseudo-translation of gatekeeper, for finding labels that a longer language
would cut off.

    python tools/pseudo_translate.py OUT.qm [--ts OUT.ts] [--expansion 0.4]

Every text of the English catalogue (resources/translations/gatekeeper_en.ts) becomes, like
Qt's own pseudo-localisation, accented, bracketed and about 40% longer: "Save" is
"[Ŝàṽé ~~]". Placeholders ("{name}", "%s"), shortcut keys ("&Save": the letter after "&"),
file-dialog patterns ("(*.csv)", ";;") and line breaks are kept as they are, so that code
formatting the texts works on them unchanged. The .ts is compiled with Qt's lrelease from the
PySide6 wheel. tests/gui/test_layout_pseudo.py installs the result as a translator.

No Qt is imported here: lrelease runs as a program.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EN_TS = ROOT / "resources" / "translations" / "gatekeeper_en.ts"
LANGUAGE = "en_XA"  # the code Android and Chromium use for stretched pseudo-English
EXPANSION = 0.4
PAD = "~"
PAD_WORD = 5  # padding comes in words this long, so that word wrap can break it as a
# translation's longer words; one long run would be an unbreakable word no language has

ACCENTED = dict(zip(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "ÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŜŢÛṼŴẊÝŽåƀçðéƒĝĥîĵķļṁñöþǫŕŝţûṽŵẋýž",
    strict=True,
))

# Parts of a text that code or Qt reads: kept exactly.
PROTECTED = re.compile(
    r"\{[^{}]*\}"          # str.format placeholders
    r"|%(?:\d+|[sdfn%])"   # printf-style and Qt's %1 placeholders
    r"|&&|&\S"             # a literal ampersand; a shortcut key and its letter
    r"|\([^()]*\*[^()]*\)"  # file-dialog patterns: (*.csv *.xlsx)
    r"|;;"                 # file-dialog filter separator
)


def accent(text: str) -> str:
    """Letters accented, protected parts unchanged."""
    out: list[str] = []
    position = 0
    for match in PROTECTED.finditer(text):
        out.append("".join(ACCENTED.get(ch, ch) for ch in text[position:match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append("".join(ACCENTED.get(ch, ch) for ch in text[position:]))
    return "".join(out)


def padding(length: int) -> str:
    """About ``length`` characters of padding, spaces included: " ~~~~~ ~~~~~ ~~"."""
    if length <= 0:
        return ""
    words = []
    left = max(1, length - 1)
    while left > 0:
        word = min(PAD_WORD, left)
        words.append(PAD * word)
        left -= word + 1
    return " " + " ".join(words)


def pseudo(text: str, expansion: float = EXPANSION) -> str:
    """The stretched pseudo-translation of one text: each line accented and padded to about
    (1 + expansion) times its length, the whole text in brackets. Empty text stays empty."""
    if not text.strip():
        return text
    lines = []
    for line in text.split("\n"):
        pad = math.ceil(len(line) * expansion) if line.strip() else 0
        lines.append(accent(line) + padding(pad))
    return "[" + "\n".join(lines) + "]"


def pseudo_ts(source: Path, target: Path, expansion: float = EXPANSION) -> int:
    """Write a catalogue with every message of ``source`` pseudo-translated; the count."""
    tree = ET.parse(source)
    root = tree.getroot()
    root.set("language", LANGUAGE)
    count = 0
    for message in root.iter("message"):
        text = message.findtext("source", "")
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        forms = translation.findall("numerusform")
        if forms:
            for form in forms:
                form.text = pseudo(text, expansion)
        else:
            translation.text = pseudo(text, expansion)
        count += 1
    target.parent.mkdir(parents=True, exist_ok=True)
    tree.write(target, encoding="utf-8", xml_declaration=True)
    return count


def lrelease() -> str:
    """Qt's lrelease as shipped in the PySide6 wheel, else pyside6-lrelease on PATH."""
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.origin is not None:
        package = Path(spec.origin).parent
        for candidate in (package / "lrelease", package / "lrelease.exe"):
            if candidate.is_file():
                return str(candidate)
    found = shutil.which("pyside6-lrelease")
    if found is None:
        raise FileNotFoundError("lrelease is missing: it comes with PySide6-Essentials")
    return found


def build_qm(qm: Path, ts: Path | None = None, expansion: float = EXPANSION,
             source: Path = EN_TS) -> Path:
    """Make the pseudo-translation ``qm`` (and its ``ts``, beside it unless named)."""
    ts = ts or qm.with_suffix(".ts")
    pseudo_ts(source, ts, expansion)
    subprocess.run(
        [lrelease(), "-silent", str(ts), "-qm", str(qm)],
        check=True, capture_output=True, timeout=120,
    )
    return qm


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("qm", type=Path, help="the .qm to write")
    parser.add_argument("--ts", type=Path, help="where to write the .ts (default: beside)")
    parser.add_argument("--expansion", type=float, default=EXPANSION,
                        help="how much longer each text gets (default 0.4)")
    args = parser.parse_args(argv)
    build_qm(args.qm, args.ts, args.expansion)
    print(args.qm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
