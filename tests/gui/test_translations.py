"""The translations are complete, current with the source, and compiled from what is committed.

The commands here are the Makefile's `translations` target; keep the two in step:

    pyside6-lupdate -silent -locations none -no-obsolete -source-language en -extensions py \
        gatekeeper/app.py gatekeeper/ui \
        -ts resources/translations/gatekeeper_zh_CN.ts resources/translations/gatekeeper_en.ts
    pyside6-lrelease -silent resources/translations/gatekeeper_zh_CN.ts \
        -qm gatekeeper/resources/translations/gatekeeper_zh_CN.qm
"""

from __future__ import annotations

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
    assert messages(ZH_TS), "no messages at all"
    assert problems(ZH_TS) == []


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
