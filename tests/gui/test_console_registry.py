"""The console's staff registry page and the person file, on the real services and a temporary
SQLite database with the demo people. Each test drives the page as an officer does and then
checks the database, not only the screen."""

from __future__ import annotations

import csv
import io
import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import zxingcpp
from openpyxl import Workbook
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from gatekeeper.domain.enums import Direction, PersonKind
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.domain.tokens import TokenError, TokenProblem
from gatekeeper.services.container import Services
from gatekeeper.services.demo import DemoData
from gatekeeper.services.review import LogFilter, ReviewService
from gatekeeper.services.screening import Declaration, TakenReading
from gatekeeper.services.staff_import import StaffImportError, read_staff_file
from gatekeeper.services.users import UserView
from gatekeeper.storage.models import AuditEntry, Person
from gatekeeper.ui.console.import_dialog import ImportDialog, problem_text
from gatekeeper.ui.console.person_dialog import PersonDialog
from gatekeeper.ui.console.person_file import (
    AMENDMENTS,
    BADGES,
    DECLARATIONS,
    TRAVEL,
    PersonFileDialog,
)
from gatekeeper.ui.console.registry import Column, RegistryPage
from gatekeeper.ui.i18n import CHINESE, Translations
from gatekeeper.ui.kiosk.worker import ServiceWorker

WAIT_MS = 10_000
QR_ONLY = zxingcpp.BarcodeFormat.QRCode


def user(services: Services, name: str) -> UserView:
    return next(u for u in services.users.list() if u.username == name)


def person(services: Services, staff_no: str) -> Person:
    with services.db.session() as session:
        found = session.scalars(select(Person).where(Person.staff_no == staff_no)).one()
        session.expunge(found)
        return found


def people_count(services: Services) -> int:
    with services.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Person)) or 0)


@pytest.fixture
def worker() -> Iterator[ServiceWorker]:
    made = ServiceWorker(name="gatekeeper-console")
    yield made
    assert made.stop()
    assert not made.running


@pytest.fixture
def make_page(
    qtbot: QtBot, services: Services, demo_data: DemoData, worker: ServiceWorker
) -> Iterator[type[RegistryPage]]:
    made: list[RegistryPage] = []

    class Made(RegistryPage):
        def __init__(self, username: str = "officer") -> None:
            super().__init__(services, user(services, username), worker)
            qtbot.addWidget(self)
            self.confirm = lambda _title, _text, _action: True
            self.resize(1200, 760)
            self.show()
            made.append(self)
            qtbot.waitUntil(lambda: not self.busy and self.model.rowCount() > 0,
                            timeout=WAIT_MS)

    yield Made
    for page in made:
        page.shutdown()
    assert worker.stop() and not worker.running
    assert not [t for t in threading.enumerate() if t.name == "gatekeeper-log-reader"]


@pytest.fixture
def page(make_page: type[RegistryPage]) -> RegistryPage:
    return make_page()


def wait_idle(qtbot: QtBot, page: RegistryPage) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)


def shown_staff_nos(page: RegistryPage) -> list[str]:
    return [p.staff_no for p in page.model.people]


def search(qtbot: QtBot, page: RegistryPage, text: str) -> None:
    page.search_edit.setText(text)
    qtbot.waitUntil(lambda: not page._timer.isActive() and not page.busy, timeout=WAIT_MS)


# -- the list ----------------------------------------------------------------------------------


def test_the_registry_lists_everyone_with_their_badges(page: RegistryPage) -> None:
    assert shown_staff_nos(page) == ["1001", "1002", "1003", "1004", "1005", "C2001"]
    model = page.model
    row = model.row_of(person(page.services, "C2001").id)
    assert model.data(model.index(row, Column.NAME)) == "Mark Evans"
    assert model.data(model.index(row, Column.KIND)) == "Contractor"
    assert model.data(model.index(row, Column.STATE)) == "Active"
    assert model.data(model.index(row, Column.BADGE)) == "1"
    assert page.count_label.text() == "6 people"


def test_search_by_name_number_phone_and_department(qtbot: QtBot, page: RegistryPage) -> None:
    services = page.services
    services.staff.update(person(services, "1004").id, phone="138 0013 8000")
    search(qtbot, page, "王芳")
    assert shown_staff_nos(page) == ["1002"]
    search(qtbot, page, "C20")
    assert shown_staff_nos(page) == ["C2001"]
    search(qtbot, page, "0013")
    assert shown_staff_nos(page) == ["1004"]
    search(qtbot, page, "车间")
    assert shown_staff_nos(page) == ["1001", "1003"]
    assert page.count_label.text() == "2 of 6 people"
    search(qtbot, page, "nobody like this")
    assert shown_staff_nos(page) == []


def test_kind_and_state_filters(qtbot: QtBot, page: RegistryPage) -> None:
    page.services.staff.deactivate(person(page.services, "1005").id)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(str(PersonKind.CONTRACTOR)))
    wait_idle(qtbot, page)
    assert shown_staff_nos(page) == ["C2001"]
    page.kind_combo.setCurrentIndex(0)
    page.state_combo.setCurrentIndex(page.state_combo.findData("inactive"))
    wait_idle(qtbot, page)
    assert shown_staff_nos(page) == ["1005"]
    page.state_combo.setCurrentIndex(page.state_combo.findData("active"))
    wait_idle(qtbot, page)
    assert "1005" not in shown_staff_nos(page) and len(shown_staff_nos(page)) == 5


def test_columns_sort(page: RegistryPage) -> None:
    page.table.sortByColumn(int(Column.STAFF_NO), Qt.SortOrder.DescendingOrder)
    assert shown_staff_nos(page) == ["C2001", "1005", "1004", "1003", "1002", "1001"]
    page.table.sortByColumn(int(Column.KIND), Qt.SortOrder.AscendingOrder)  # Contractor
    assert shown_staff_nos(page)[0] == "C2001"
    page.table.sortByColumn(int(Column.NAME), Qt.SortOrder.AscendingOrder)
    # Names sort as the interface language does (English: Latin first, then Chinese).
    assert shown_staff_nos(page)[0] == "C2001"


# -- add, edit, deactivate -------------------------------------------------------------------


def test_add_a_person(qtbot: QtBot, page: RegistryPage) -> None:
    page.add_person()
    dialog = page._dialogs[-1]
    assert isinstance(dialog, PersonDialog)
    dialog.staff_no_edit.setText("2001")
    dialog.name_edit.setText("欧阳娜娜")
    dialog.department_combo.setCurrentText("质检部")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("contractor"))
    dialog.phone_edit.setText("139 0000 1111")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=WAIT_MS)
    stored = person(page.services, "2001")
    assert (stored.name, stored.department, stored.kind, stored.phone, stored.active) == (
        "欧阳娜娜", "质检部", "contractor", "13900001111", True)
    qtbot.waitUntil(lambda: "2001" in shown_staff_nos(page) and not page.busy, timeout=WAIT_MS)
    assert [p.staff_no for p in page.selected_people()] == ["2001"]
    assert "Added 欧阳娜娜 (2001)" in page.message.text()


def test_adding_bad_values_is_refused_in_the_dialog(qtbot: QtBot, page: RegistryPage) -> None:
    before = people_count(page.services)
    page.add_person()
    dialog = page._dialogs[-1]
    dialog.staff_no_edit.setText("1001")
    dialog.name_edit.setText("又一个张伟")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.busy and bool(dialog.message.text()), timeout=WAIT_MS)
    assert "already in the registry" in dialog.message.text()
    assert dialog.isVisible() and dialog.saved is None
    dialog.staff_no_edit.setText("3001")
    dialog.name_edit.setText("")
    dialog.phone_edit.setText("call me")
    dialog.save()
    qtbot.waitUntil(lambda: "name is missing" in dialog.message.text(), timeout=WAIT_MS)
    assert "phone 'call me'" in dialog.message.text()
    assert people_count(page.services) == before
    dialog.reject()


def test_edit_a_person(qtbot: QtBot, page: RegistryPage) -> None:
    assert page.select_staff_no("1002")
    dialog = page.edit_person()
    assert dialog is not None
    assert dialog.name_edit.text() == "王芳"
    dialog.name_edit.setText("王 芳")
    dialog.department_combo.setCurrentText("总装车间")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=WAIT_MS)
    stored = person(page.services, "1002")
    assert (stored.name, stored.department) == ("王 芳", "总装车间")
    wait_idle(qtbot, page)
    row = page.model.row_of(stored.id)
    assert page.model.data(page.model.index(row, Column.NAME)) == "王 芳"
    with page.services.db.session() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last is not None and (last.action, last.actor) == ("person.update", "officer")


def test_deactivate_and_reactivate(qtbot: QtBot, page: RegistryPage) -> None:
    services = page.services
    token = services.badges.issue(["1003"])[0].token
    assert page.select_staff_no("1003")
    assert page.active_button.text() == "Deactivate…"
    asked: list[str] = []

    def decline(_title: str, text: str, _action: str) -> bool:
        asked.append(text)
        return False

    page.confirm = decline
    page.toggle_active()
    assert asked and "李娜 (1003)" in asked[0]
    assert person(services, "1003").active
    page.confirm = lambda *_args: True
    page.toggle_active()
    qtbot.waitUntil(lambda: not person(services, "1003").active, timeout=WAIT_MS)
    wait_idle(qtbot, page)
    with pytest.raises(TokenError) as caught:
        services.badges.verify(token)
    assert caught.value.problem is TokenProblem.INACTIVE_PERSON
    assert page.active_button.text() == "Reactivate…"
    row = page.model.row_of(person(services, "1003").id)
    assert page.model.data(page.model.index(row, Column.STATE)) == "Inactive"
    page.toggle_active()
    qtbot.waitUntil(lambda: person(services, "1003").active, timeout=WAIT_MS)
    assert services.badges.verify(token).person.staff_no == "1003"


def test_a_guard_cannot_change_the_registry(make_page: type[RegistryPage]) -> None:
    page = make_page("guard")
    page.select_staff_no("1001")
    for button in (page.add_button, page.edit_button, page.active_button, page.photo_button,
                   page.import_button, page.badge_button):
        assert not button.isEnabled()
    assert page.file_button.isEnabled()


# -- photo -----------------------------------------------------------------------------------


def test_photo_is_scaled_and_stored_as_jpeg(
    qtbot: QtBot, page: RegistryPage, tmp_path: Path
) -> None:
    picture = QImage(1600, 1200, QImage.Format.Format_ARGB32)
    picture.fill(QColor(30, 120, 200, 255))
    path = tmp_path / "portrait.png"
    assert picture.save(str(path))
    page.select_staff_no("1001")
    page.choose_photo(str(path))
    qtbot.waitUntil(lambda: person(page.services, "1001").photo is not None, timeout=WAIT_MS)
    data = person(page.services, "1001").photo
    assert data is not None and data[:3] == b"\xff\xd8\xff"
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == (400, 300)
    wait_idle(qtbot, page)
    row = page.model.row_of(person(page.services, "1001").id)
    assert page.model.data(page.model.index(row, Column.PHOTO)) == "✓"


def test_a_file_that_is_no_picture_is_refused(page: RegistryPage, tmp_path: Path) -> None:
    path = tmp_path / "notes.png"
    path.write_text("not a picture")
    page.select_staff_no("1001")
    page.choose_photo(str(path))
    assert "notes.png is not a picture" in page.message.text()
    assert person(page.services, "1001").photo is None


# -- import ----------------------------------------------------------------------------------


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def open_import(page: RegistryPage) -> ImportDialog:
    dialog = page.open_import()
    assert isinstance(dialog, ImportDialog)
    return dialog


def test_import_a_good_file_shows_the_counts(
    qtbot: QtBot, page: RegistryPage, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "staff.csv", [
        ["工号", "姓名", "部门", "类型", "电话"],
        ["3001", "马超", "总装车间", "员工", "13800000001"],
        ["3002", "黄月英", "质检部", "承包商", ""],
        ["1001", "张伟", "总装车间", "员工", ""],
        ["1002", "王芳", "质量部", "员工", ""],
    ])
    dialog = open_import(page)
    dialog.import_file(path)
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=WAIT_MS)
    assert dialog.message.text() == (
        "Imported staff.csv: 2 added, 1 updated, 1 unchanged.")
    assert dialog.problems_table.isHidden()
    assert person(page.services, "3002").kind == "contractor"
    assert person(page.services, "1002").department == "质量部"
    qtbot.waitUntil(lambda: "3001" in shown_staff_nos(page) and not page.busy,
                    timeout=WAIT_MS)
    dialog.reject()


def test_import_an_xlsx_workbook(qtbot: QtBot, page: RegistryPage, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["staff_no", "name", "department"])
    sheet.append([4001, "Li Lei", "Maintenance"])
    book.save(tmp_path / "staff.xlsx")
    dialog = open_import(page)
    dialog.import_file(tmp_path / "staff.xlsx")
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=WAIT_MS)
    assert (dialog.summary.added, dialog.summary.updated) == (1, 0)
    assert person(page.services, "4001").name == "Li Lei"


def test_import_a_bad_file_lists_every_bad_row_and_changes_nothing(
    qtbot: QtBot, page: RegistryPage, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "bad.csv", [
        ["staff_no", "name", "phone"],
        ["3001", "马超", "138 0000 0001"],
        ["3002", "", ""],
        ["3003", "赵云", "call me"],
        ["3001", "马超 again", ""],
        ["=1+1", "Formula", ""],
    ])
    before = people_count(page.services)
    dialog = open_import(page)
    dialog.import_file(path)
    qtbot.waitUntil(lambda: bool(dialog.problems), timeout=WAIT_MS)
    rows = dialog.problem_rows()
    assert [number for number, _ in rows] == ["2", "3", "4", "5", "6"]
    reasons = dict(rows)
    assert reasons["3"] == "name is missing"
    assert "phone 'call me'" in reasons["4"]
    assert reasons["2"] == "staff number 3001 also appears in row 5"
    assert reasons["5"] == "staff number 3001 also appears in row 2"
    assert "formula" in reasons["6"]
    assert dialog.problems_table.isVisibleTo(dialog)
    assert "Nothing was imported: 5 rows of bad.csv have problems" in dialog.message.text()
    assert dialog.summary is None
    assert people_count(page.services) == before
    with page.services.db.session() as session:
        assert not session.scalars(
            select(AuditEntry).where(AuditEntry.action == "person.import")).first()


def test_import_a_file_of_the_wrong_kind(
    qtbot: QtBot, page: RegistryPage, tmp_path: Path
) -> None:
    path = tmp_path / "staff.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    dialog = open_import(page)
    dialog.import_file(path)
    qtbot.waitUntil(lambda: not dialog.busy and bool(dialog.message.text()), timeout=WAIT_MS)
    assert "save it as .xlsx" in dialog.message.text()
    assert dialog.problems_table.isHidden()


# -- badges ----------------------------------------------------------------------------------


def decode(path: Path) -> str:
    with Image.open(path) as image:
        (result,) = zxingcpp.read_barcodes(
            image.convert("L"), formats=QR_ONLY, text_mode=zxingcpp.TextMode.Plain)
    return str(result.text)


def test_a_badge_png_decodes_to_the_persons_token(
    qtbot: QtBot, page: RegistryPage, tmp_path: Path
) -> None:
    page.select_staff_no("1002")
    target = tmp_path / "badge-1002.png"
    page.save_badges(str(target))
    qtbot.waitUntil(lambda: target.exists() and not page.busy, timeout=WAIT_MS)
    token = decode(target)
    assert page.services.badges.verify(token).person.staff_no == "1002"
    assert f"Saved the badge of 王芳 to {target}" in page.message.text()


def test_badges_of_several_people_go_to_a_pdf_sheet(
    qtbot: QtBot, page: RegistryPage, tmp_path: Path
) -> None:
    page.select_staff_no("1001")
    page.select_staff_no("1003", add=True)
    assert len(page.selected_people()) == 2
    page.save_badges(str(tmp_path / "two.png"))
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert "use .pdf for several" in page.message.text()
    assert not (tmp_path / "two.png").exists()
    page.save_badges(str(tmp_path / "two.pdf"))
    qtbot.waitUntil(lambda: (tmp_path / "two.pdf").exists() and not page.busy, timeout=WAIT_MS)
    assert (tmp_path / "two.pdf").read_bytes().startswith(b"%PDF")
    assert "Saved 2 badges" in page.message.text()
    page.save_badges(str(tmp_path / "everyone.pdf"), everyone=True)
    qtbot.waitUntil(lambda: (tmp_path / "everyone.pdf").exists() and not page.busy,
                    timeout=WAIT_MS)
    assert "Saved 6 badges" in page.message.text()


def test_an_svg_badge(qtbot: QtBot, page: RegistryPage, tmp_path: Path) -> None:
    page.select_staff_no("C2001")
    page.save_badges(str(tmp_path / "c2001.svg"))
    qtbot.waitUntil(lambda: (tmp_path / "c2001.svg").exists(), timeout=WAIT_MS)
    assert "Mark Evans" in (tmp_path / "c2001.svg").read_text(encoding="utf-8")


def test_reissue_revokes_the_old_badge(
    qtbot: QtBot, page: RegistryPage, demo_data: DemoData, tmp_path: Path
) -> None:
    old = demo_data.tokens[0]  # 1001's badge, version 1
    assert page.services.badges.verify(old).person.staff_no == "1001"
    page.select_staff_no("1001")
    page.reissue_badge()
    qtbot.waitUntil(lambda: person(page.services, "1001").badge_version == 2, timeout=WAIT_MS)
    with pytest.raises(TokenError) as caught:
        page.services.badges.verify(old)
    assert caught.value.problem is TokenProblem.REVOKED
    wait_idle(qtbot, page)
    assert "new badge (version 2)" in page.message.text()
    row = page.model.row_of(person(page.services, "1001").id)
    assert page.model.data(page.model.index(row, Column.BADGE)) == "2"
    # The badge printed now is the new one.
    page.select_staff_no("1001")
    page.save_badges(str(tmp_path / "new.png"))
    qtbot.waitUntil(lambda: (tmp_path / "new.png").exists() and not page.busy, timeout=WAIT_MS)
    assert page.services.badges.verify(decode(tmp_path / "new.png")).claims.version == 2


# -- the person file -------------------------------------------------------------------------


def screen(services: Services, person_id: uuid.UUID, value: str, direction: Direction) -> None:
    s = services.screening
    s.screen(s.identify_manual(person_id), TakenReading(parse_reading(value), "sim"), direction)


def table_texts(table: object, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]  # type: ignore[attr-defined]


def test_the_person_file_shows_everything_about_one_person(
    qtbot: QtBot, page: RegistryPage
) -> None:
    services = page.services
    services.settings.update(duplicate_window_s=0)
    zhang = person(services, "1001")
    other = person(services, "1002")
    services.screening.declare(zhang.id, Declaration(places_visited=("武汉",)))
    screen(services, zhang.id, "36.5", Direction.IN)
    screen(services, zhang.id, "36.7", Direction.IN)
    screen(services, other.id, "36.6", Direction.IN)
    screen(services, zhang.id, "36.4", Direction.OUT)
    officer = user(services, "officer")
    second = ReviewService(services.db, services.installation).query(
        LogFilter(person_id=zhang.id)).rows_at(1, 1)[0]
    services.amend.amend(second.event_id, by=officer, reason="guard pressed In by mistake",
                         direction=Direction.OUT)
    services.badges.revoke("1001")
    services.observation.update_settings(officer, regions=["武汉"], days=14)
    today = services.observation.today()
    services.observation.record_travel(zhang.id, "武汉", today - timedelta(days=2), officer,
                                       note="返乡")

    page.select_staff_no("1001")
    dialog = page.open_selected_file()
    assert isinstance(dialog, PersonFileDialog)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.data is not None and not dialog.loading, timeout=WAIT_MS)

    assert dialog.name_label.text() == "张伟"
    assert dialog.facts["staff_no"][1].text() == "1001"
    assert dialog.facts["badge"][1].text() == "Version 2"
    assert dialog.state_label.text() == "Active"
    assert dialog.observation_label.isVisibleTo(dialog)
    clears = today - timedelta(days=2) + timedelta(days=13)
    assert dialog.observation_label.text() == f"Under observation until {clears.isoformat()}"

    # Entries and exits: his three events, newest first, the corrected one marked.
    model = dialog.events_model
    assert model.count == 3
    rows = [model.row_at(r) for r in range(3)]
    assert all(r is not None and r.person_id == zhang.id for r in rows)
    assert [r.temperature_c for r in rows if r] == [36.4, 36.7, 36.5]
    assert [r.amended for r in rows if r] == [False, True, False]
    assert dialog.events_count.text().startswith("3 entries and exits")

    dialog.tabs.setCurrentIndex(BADGES)
    assert table_texts(dialog.badges_table, 0) == ["2", "1"]
    assert table_texts(dialog.badges_table, 3)[0] == "Current"
    assert table_texts(dialog.badges_table, 3)[1].startswith("Replaced on ")

    dialog.tabs.setCurrentIndex(DECLARATIONS)
    assert table_texts(dialog.declarations_table, 4) == ["武汉"]
    assert table_texts(dialog.declarations_table, 2) == ["At a gate"]

    dialog.tabs.setCurrentIndex(AMENDMENTS)
    assert table_texts(dialog.amendments_table, 1) == ["Direction: In → Out"]
    assert table_texts(dialog.amendments_table, 2) == ["guard pressed In by mistake"]
    assert table_texts(dialog.amendments_table, 3) == ["officer"]

    dialog.tabs.setCurrentIndex(TRAVEL)
    assert table_texts(dialog.journeys_table, 0) == ["武汉"]
    assert table_texts(dialog.journeys_table, 2) == [
        f"Under observation, clears on {(clears + timedelta(days=1)).isoformat()}"]
    qtbot.waitUntil(lambda: len(dialog.series_chart.values) == 14, timeout=WAIT_MS)
    # Readings of today, the third day of the observation: the highest is 36.7.
    assert dialog.series_chart.values[2] == 36.7
    assert dialog.series_chart.values[0] is None
    dialog.close_file()


def test_record_travel_from_the_person_file(qtbot: QtBot, page: RegistryPage) -> None:
    services = page.services
    officer = user(services, "officer")
    services.observation.update_settings(officer, regions=["武汉"])
    dialog = page.open_person_file(person(services, "1003").id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.data is not None, timeout=WAIT_MS)
    travel = dialog.record_travel()
    assert travel is not None
    travel.origin_edit.setText("上海")
    travel.save()
    qtbot.waitUntil(lambda: "travel history" in dialog.message.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not dialog.loading and dialog.journeys_table.rowCount() == 1,
                    timeout=WAIT_MS)
    assert table_texts(dialog.journeys_table, 2) == ["Travel history only"]
    travel = dialog.record_travel()
    assert travel is not None
    travel.origin_edit.setText("")
    travel.save()
    qtbot.waitUntil(lambda: "place of origin is empty" in travel.message.text(),
                    timeout=WAIT_MS)
    travel.origin_edit.setText("武汉")
    travel.save()
    qtbot.waitUntil(lambda: "under observation until" in dialog.message.text(),
                    timeout=WAIT_MS)
    assert len(services.observation.history(person(services, "1003").id)) == 2
    dialog.close_file()


def test_a_guard_cannot_record_travel(qtbot: QtBot, make_page: type[RegistryPage]) -> None:
    page = make_page("guard")
    dialog = page.open_person_file(person(page.services, "1001").id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.data is not None, timeout=WAIT_MS)
    assert not dialog.travel_button.isEnabled()
    assert dialog.record_travel() is None
    dialog.close_file()


def test_the_page_speaks_chinese(
    qtbot: QtBot, page: RegistryPage, translations: Translations
) -> None:
    translations.set_language(CHINESE)
    QApplication.processEvents()
    assert page.search_edit.placeholderText() == "按姓名、工号、手机号或部门搜索"
    assert page.count_label.text() == "共 6 人"
    assert page.add_button.text() == "添加…"
    model = page.model
    row = model.row_of(person(page.services, "C2001").id)
    assert model.data(model.index(row, Column.KIND)) == "承包商"
    assert model.headerData(int(Column.NAME), Qt.Orientation.Horizontal) == "姓名"


BAD_ROWS = (
    "工号,姓名,类型,电话\n3001,马超,员工,138\n3002,,,\n3003,赵云,boss,call me\n"
    "1.23457E+11,黄忠,,+86+1\n3001,马超,,()\n3001,a,,12345678901234567890123456789012345\n"
    "=A1,b,,1.5E+11\n3004,c,,\n3004,d,,\n"
)


def test_import_problems_in_both_languages(tmp_path: Path, translations: Translations) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(BAD_ROWS, encoding="utf-8")
    with pytest.raises(StaffImportError) as caught:
        read_staff_file(path)
    reasons = [p.reason for p in caught.value.problems]
    assert len(reasons) == 14
    # English: exactly what the reader wrote.
    assert [problem_text(r) for r in reasons] == reasons
    translations.set_language(CHINESE)
    chinese = {r: problem_text(r) for r in reasons}
    assert all(text != reason for reason, text in chinese.items()), chinese
    assert chinese["name is missing"] == "姓名未填写"
    assert chinese["staff number 3001 also appears in rows 6 and 7"] == (
        "工号 3001 与第 6、7 行重复")
    assert chinese["staff number 3004 also appears in row 10"] == "工号 3004 与第 10 行重复"


def test_the_periodic_refresh_keeps_the_selection(qtbot: QtBot, page: RegistryPage) -> None:
    page.select_staff_no("1004")
    page.refresh()
    wait_idle(qtbot, page)
    assert [p.staff_no for p in page.selected_people()] == ["1004"]
    # Someone else adds a person meanwhile: the list follows, the selection stays.
    page.services.staff.add(staff_no="1000", name="新人")
    page.refresh()
    qtbot.waitUntil(lambda: "1000" in shown_staff_nos(page) and not page.busy, timeout=WAIT_MS)
    assert [p.staff_no for p in page.selected_people()] == ["1004"]


def test_a_first_badge_for_someone_new(
    qtbot: QtBot, page: RegistryPage, tmp_path: Path
) -> None:
    page.services.staff.add(staff_no="5001", name="新员工", department="总装车间")
    page.refresh()
    qtbot.waitUntil(lambda: "5001" in shown_staff_nos(page) and not page.busy, timeout=WAIT_MS)
    row = page.model.row_of(person(page.services, "5001").id)
    assert page.model.data(page.model.index(row, Column.BADGE)) == "—"
    page.select_staff_no("5001")
    page.save_badges(str(tmp_path / "new.png"))
    qtbot.waitUntil(lambda: (tmp_path / "new.png").exists() and not page.busy, timeout=WAIT_MS)
    assert person(page.services, "5001").badge_version == 1
    verified = page.services.badges.verify(decode(tmp_path / "new.png"))
    assert (verified.person.staff_no, verified.claims.version) == ("5001", 1)
    wait_idle(qtbot, page)
    row = page.model.row_of(person(page.services, "5001").id)
    assert page.model.data(page.model.index(row, Column.BADGE)) == "1"


def test_an_officer_makes_a_personal_code_that_works_on_the_phone_pages(
    qtbot: QtBot, page: RegistryPage
) -> None:
    from gatekeeper.services.selfservice import (
        CodeRefused,
        DeclarationRequest,
        HealthAnswers,
        SelfService,
    )

    page.select_staff_no("1001")
    assert page.code_action.isEnabled()
    page.new_personal_code()
    qtbot.waitUntil(lambda: page.last_code is not None and not page.busy, timeout=WAIT_MS)
    assert "new personal code" in page.message.text()
    code = page.last_code
    assert code is not None and len(code.replace("-", "")) == 8
    service = SelfService(page.services.db, page.services.installation,
                          page.services.badges)
    healthy = HealthAnswers(contact="no")
    declared = service.declare(DeclarationRequest("1001", code, healthy))
    assert declared.name == "张伟" and not declared.risky
    with pytest.raises(CodeRefused):  # a code is the person's own
        service.declare(DeclarationRequest("1002", code, healthy))
    with page.services.db.session() as session:
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "person.code"))
    assert entry.actor == "officer" and code.replace("-", "") not in entry.details


def test_a_guard_cannot_make_personal_codes(qtbot: QtBot, make_page: type[RegistryPage]
                                            ) -> None:
    guard_page = make_page("guard")
    guard_page.select_staff_no("1001")
    assert not guard_page.badge_button.isEnabled()
    guard_page.new_personal_code()  # reached anyway: the service refuses and audits
    qtbot.waitUntil(lambda: not guard_page.busy, timeout=WAIT_MS)
    assert guard_page.last_code is None
    assert "may not set personal codes" in guard_page.message.text()
