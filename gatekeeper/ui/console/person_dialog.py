"""Adding a person to the registry, or editing one: staff number, name, department, kind,
phone. The values are checked by the staff service (the same rules as ``gatekeeper staff
add`` and the import); its message shows in the dialog, which stays open to fix it.

Also the words the console uses for a person's kind and state, shared by the registry page and
the person file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.domain.enums import PersonKind
from gatekeeper.services.container import Services
from gatekeeper.services.staff_import import MAX_DEPARTMENT, MAX_NAME, MAX_PHONE, MAX_STAFF_NO
from gatekeeper.services.users import UserView
from gatekeeper.services.views import PersonView
from gatekeeper.ui.kiosk.worker import ServiceWorker
from gatekeeper.ui.theme import TEXT_MARGIN
from gatekeeper.ui.widgets.message_bar import MessageBar
from gatekeeper.ui.widgets.save_dialog import SaveDialog


def kind_text(kind: PersonKind | str) -> str:
    value = str(kind)
    if value == PersonKind.EMPLOYEE:
        return QCoreApplication.translate("PersonTexts", "Employee")
    if value == PersonKind.CONTRACTOR:
        return QCoreApplication.translate("PersonTexts", "Contractor")
    if value == PersonKind.VISITOR:
        return QCoreApplication.translate("PersonTexts", "Visitor")
    return value


def active_text(active: bool) -> str:
    if active:
        return QCoreApplication.translate("PersonTexts", "Active")
    return QCoreApplication.translate("PersonTexts", "Inactive")


def badge_text(version: int) -> str:
    if version <= 0:
        return QCoreApplication.translate("PersonTexts", "No badge yet")
    return QCoreApplication.translate("PersonTexts", "Version {version}").format(version=version)


class PersonDialog(SaveDialog):
    """``person`` None: a new person. On success the dialog is accepted and ``saved`` holds
    the person as stored."""

    def __init__(
        self,
        services: Services,
        user: UserView,
        worker: ServiceWorker,
        person: PersonView | None = None,
        *,
        departments: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, parent)
        self.services = services
        self.user = user
        self.person = person
        self.saved: PersonView | None = None
        self.setModal(True)
        self.setMinimumWidth(460)

        self.title_label = QLabel(self)
        self.title_label.setObjectName("SectionTitle")
        self.message = MessageBar(self)
        self.staff_no_edit = self._edit(MAX_STAFF_NO)
        self.name_edit = self._edit(MAX_NAME)
        self.department_combo = QComboBox(self)
        self.department_combo.setEditable(True)
        self.department_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.department_combo.addItems(sorted({d for d in departments if d}))
        line = self.department_combo.lineEdit()
        assert line is not None
        line.setMaxLength(MAX_DEPARTMENT)
        line.setTextMargins(TEXT_MARGIN, 0, 0, 0)
        self.kind_combo = QComboBox(self)
        for kind in PersonKind:
            self.kind_combo.addItem("", str(kind))
        self.phone_edit = self._edit(MAX_PHONE)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(10)
        self.staff_no_label = QLabel(self)
        self.name_label = QLabel(self)
        self.department_label = QLabel(self)
        self.kind_label = QLabel(self)
        self.phone_label = QLabel(self)
        self.form.addRow(self.staff_no_label, self.staff_no_edit)
        self.form.addRow(self.name_label, self.name_edit)
        self.form.addRow(self.department_label, self.department_combo)
        self.form.addRow(self.kind_label, self.kind_combo)
        self.form.addRow(self.phone_label, self.phone_edit)
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("Hint")
        self.hint_label.setWordWrap(True)

        self.make_buttons()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(12)
        layout.addWidget(self.title_label)
        layout.addWidget(self.message)
        layout.addLayout(self.form)
        layout.addWidget(self.hint_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        if person is not None:
            self.staff_no_edit.setText(person.staff_no)
            self.name_edit.setText(person.name)
            self.department_combo.setCurrentText(person.department)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(str(person.kind))))
            self.phone_edit.setText(person.phone)
        else:
            self.department_combo.setCurrentText("")
        self.retranslate_ui()
        (self.name_edit if person is not None else self.staff_no_edit).setFocus()

    def _edit(self, limit: int) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setMaxLength(limit)
        edit.setTextMargins(TEXT_MARGIN, 0, 0, 0)
        return edit

    def values(self) -> dict[str, Any]:
        return {
            "staff_no": self.staff_no_edit.text(),
            "name": self.name_edit.text(),
            "department": self.department_combo.currentText(),
            "kind": str(self.kind_combo.currentData()),
            "phone": self.phone_edit.text(),
        }

    def save(self) -> None:
        if self._busy:
            return
        values = self.values()
        staff = self.services.staff
        by = self.user
        person = self.person
        if person is None:
            def job() -> PersonView:
                return staff.add(**values, by=by)
        else:
            person_id = person.id

            def job() -> PersonView:
                return staff.update(person_id, **values, by=by)

        self.run_save(job, self._saved)

    def _saved(self, person: PersonView) -> None:
        self.saved = person

    def retranslate_ui(self) -> None:
        if self.person is None:
            self.setWindowTitle(self.tr("Add a person"))
            self.title_label.setText(self.tr("Add a person to the registry"))
            self.save_button.setText(self.tr("Add"))
        else:
            self.setWindowTitle(self.tr("Edit a person"))
            self.title_label.setText(
                self.tr("Edit {name} ({staff_no})").format(
                    name=self.person.name, staff_no=self.person.staff_no
                )
            )
            self.save_button.setText(self.tr("Save"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.staff_no_label.setText(self.tr("Staff number"))
        self.name_label.setText(self.tr("Name"))
        self.department_label.setText(self.tr("Department"))
        self.kind_label.setText(self.tr("Kind"))
        self.phone_label.setText(self.tr("Phone"))
        self.staff_no_edit.setPlaceholderText(self.tr("Required, e.g. 1001"))
        self.name_edit.setPlaceholderText(self.tr("Required"))
        self.phone_edit.setPlaceholderText(self.tr("Optional"))
        for index in range(self.kind_combo.count()):
            self.kind_combo.setItemText(index, kind_text(str(self.kind_combo.itemData(index))))
        if self.person is not None:
            self.hint_label.setText(
                self.tr("A new staff number keeps the person's badge valid: a badge names the "
                        "person, not the number.")
            )
        else:
            self.hint_label.setText(
                self.tr("Print the person's badge from the registry once they are added.")
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
