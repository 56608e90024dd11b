"""The translations are complete, current with the source, and compiled from what is committed.

The commands here are the Makefile's `translations` target; keep the two in step:

    pyside6-lupdate -silent -locations none -no-obsolete -source-language en -extensions py \
        gatekeeper/app.py gatekeeper/ui \
        -ts resources/translations/gatekeeper_zh_CN.ts resources/translations/gatekeeper_en.ts
    pyside6-lrelease -silent resources/translations/gatekeeper_zh_CN.ts \
        -qm gatekeeper/resources/translations/gatekeeper_zh_CN.qm
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QCoreApplication

from gatekeeper.ui.i18n import CHINESE, Translations

REPO = Path(__file__).resolve().parents[2]
TS_DIR = REPO / "resources" / "translations"
QM_DIR = REPO / "gatekeeper" / "resources" / "translations"
ZH_TS = TS_DIR / "gatekeeper_zh_CN.ts"
EN_TS = TS_DIR / "gatekeeper_en.ts"
ZH_QM = QM_DIR / "gatekeeper_zh_CN.qm"
ZH_JSON = TS_DIR / "zh_CN"  # what tools/fill_translations.py fills the zh_CN catalogue from
SOURCES = ["gatekeeper/app.py", "gatekeeper/ui"]
LUPDATE_OPTIONS = [
    "-silent",
    "-locations",
    "none",
    "-no-obsolete",
    "-source-language",
    "en",
    "-extensions",
    "py",
]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")

Key = tuple[str, str, str]  # context, source, disambiguation comment


def tool(name: str) -> str:
    """Qt's own lupdate/lrelease as shipped in the PySide6 wheel, else pyside6-NAME on PATH."""
    package = Path(PySide6.__file__).parent
    for candidate in (package / name, package / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        pytest.fail(f"{name} is missing: it comes with PySide6-Essentials")
    return found


def messages(ts: Path) -> dict[Key, ET.Element]:
    found: dict[Key, ET.Element] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            key = (name, message.findtext("source", ""), message.findtext("comment", ""))
            found[key] = message
    return found


STALE = ("obsolete", "vanished")


def stale(ts: Path) -> list[str]:
    """Entries whose text is gone from the source (lupdate keeps them unless -no-obsolete)."""
    found = []
    for (context, source, _), message in messages(ts).items():
        translation = message.find("translation")
        kind = translation.get("type") if translation is not None else None
        if kind in STALE:
            found.append(f"{context}: {source!r} is {kind}")
    return found


def problems(ts: Path) -> list[str]:
    """Every message that would not show in Chinese as written."""
    found = []
    for (context, source, _), message in messages(ts).items():
        translation = message.find("translation")
        if translation is None:
            found.append(f"{context}: {source!r} has no translation")
            continue
        kind = translation.get("type")
        if kind in ("unfinished", "obsolete", "vanished"):
            found.append(f"{context}: {source!r} is {kind}")
            continue
        forms = translation.findall("numerusform")
        texts = [form.text or "" for form in forms] if forms else [translation.text or ""]
        for text in texts:
            if not text.strip():
                found.append(f"{context}: {source!r} has an empty translation")
            elif sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                found.append(f"{context}: {source!r} and {text!r} differ in placeholders")
            elif ("&" in source.replace("&&", "")) != ("&" in text.replace("&&", "")):
                found.append(f"{context}: {source!r} and {text!r} differ in shortcut keys")
    return found


def test_chinese_is_complete() -> None:
    """No unfinished, obsolete or vanished entry, no empty translation, placeholders and
    shortcut keys as in the English."""
    assert messages(ZH_TS), "no messages at all"
    assert problems(ZH_TS) == []


def test_no_catalogue_keeps_texts_the_source_has_dropped() -> None:
    assert stale(ZH_TS) == []
    assert stale(EN_TS) == []


def test_every_chinese_text_in_the_json_files_is_used() -> None:
    """A translation in resources/translations/zh_CN/*.json whose English is no longer in the
    catalogue is dead: the text changed, and its new wording waits for a translation."""
    known = {(context, source) for context, source, _ in messages(ZH_TS)}
    unused = [
        f"{path.name}: {context}: {source!r}"
        for path in sorted(ZH_JSON.glob("*.json"))
        for context, entries in json.loads(path.read_text(encoding="utf-8")).items()
        for source in entries
        if (context, source) not in known
    ]
    assert unused == []


def test_catalogues_are_current_with_the_source(tmp_path: Path) -> None:
    """Running lupdate now would change nothing: no new, changed or removed texts."""
    for committed in (ZH_TS, EN_TS):
        fresh = tmp_path / committed.name
        shutil.copyfile(committed, fresh)
        subprocess.run(
            [tool("lupdate"), *LUPDATE_OPTIONS, *SOURCES, "-ts", str(fresh)],
            cwd=REPO,
            check=True,
            capture_output=True,
            timeout=120,
        )
        assert set(messages(fresh)) == set(messages(committed)), (
            f"{committed.name} is out of date: run `make translations` and translate what is new"
        )
    assert problems(tmp_path / ZH_TS.name) == []


def test_committed_qm_is_what_lrelease_makes(tmp_path: Path) -> None:
    fresh = tmp_path / ZH_QM.name
    subprocess.run(
        [tool("lrelease"), "-silent", str(ZH_TS), "-qm", str(fresh)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert ZH_QM.is_file(), f"{ZH_QM} is missing: run `make translations`"
    assert ZH_QM.read_bytes() == fresh.read_bytes(), (
        f"{ZH_QM.name} is stale: run `make translations` and commit the .qm"
    )


def test_the_packaged_catalogue_translates(qapp, translations: Translations) -> None:
    translations.set_language(CHINESE)
    assert QCoreApplication.translate("FirstRunScreen", "Create") == "创建"
    assert QCoreApplication.translate("FirstRunScreen", "Welcome to gatekeeper") == (
        "欢迎使用 gatekeeper"
    )


def test_problems_are_found(tmp_path: Path) -> None:
    """The checker itself: each kind of flaw in a catalogue is reported."""
    ts = tmp_path / "bad_zh_CN.ts"
    ts.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>C</name>
    <message><source>New</source><translation type="unfinished"></translation></message>
    <message><source>Gone</source><translation type="vanished">没了</translation></message>
    <message><source>Old</source><translation type="obsolete">旧</translation></message>
    <message><source>Blank</source><translation>  </translation></message>
    <message><source>In {path}</source><translation>在 {路径}</translation></message>
    <message><source>&amp;Save</source><translation>保存</translation></message>
    <message><source>Fine {n}</source><translation>好 {n}</translation></message>
</context>
</TS>
""",
        encoding="utf-8",
    )
    found = problems(ts)
    assert len(found) == 6
    assert not any("Fine" in line for line in found)
    assert stale(ts) == ["C: 'Gone' is vanished", "C: 'Old' is obsolete"]


def test_a_catalogue_with_an_obsolete_entry_is_not_current(tmp_path: Path) -> None:
    """What test_catalogues_are_current_with_the_source does, on a one-text source: lupdate
    (with -no-obsolete, as `make translations` runs it) drops a text the source no longer has,
    so a catalogue that still holds one compares different; and it is a problem in itself."""
    source = tmp_path / "screen.py"
    source.write_text(
        "from PySide6.QtWidgets import QWidget\n\n\n"
        "class Screen(QWidget):\n"
        "    def retranslate_ui(self):\n"
        "        self.setWindowTitle(self.tr('Kept'))\n",
        encoding="utf-8",
    )
    committed = tmp_path / "committed_zh_CN.ts"
    committed.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Screen</name>
    <message><source>Kept</source><translation>保留</translation></message>
    <message><source>Dropped</source><translation type="obsolete">删掉</translation></message>
</context>
</TS>
""",
        encoding="utf-8",
    )
    fresh = tmp_path / "fresh_zh_CN.ts"
    shutil.copyfile(committed, fresh)
    subprocess.run(
        [tool("lupdate"), *LUPDATE_OPTIONS, str(source), "-ts", str(fresh)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert set(messages(fresh)) == {("Screen", "Kept", "")}
    assert set(messages(fresh)) != set(messages(committed))
    assert problems(committed) == ["Screen: 'Dropped' is obsolete"]
    assert problems(fresh) == []
