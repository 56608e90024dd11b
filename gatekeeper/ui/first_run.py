"""The first-run screen: name the site and this gate, pick the time zone, create.

The widget does not know about databases: it is given ``initialise(site, gate, zone)``, which
returns the new Installation or raises UserError, and it emits ``created(installation)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.errors import UserError
from gatekeeper.services.setup import MAX_NAME, Installation
from gatekeeper.ui.i18n import ENGLISH
from gatekeeper.ui.theme import TEXT_MARGIN
from gatekeeper.ui.widgets.language_switch import LanguageSwitch

Initialise = Callable[[str, str, str], Installation]

CARD_WIDTH = 560


class FirstRunScreen(QWidget):
    """Shown while the data directory holds no installation."""

    created = Signal(object)  # Installation
    language_selected = Signal(str)

    def __init__(
        self,
        initialise: Initialise,
        *,
        timezones: Sequence[str],
        default_timezone: str,
        data_dir: str | None = None,
        language: str = ENGLISH,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._initialise = initialise
        self._timezones = list(timezones)
        self._zones_folded = {zone.casefold(): zone for zone in self._timezones}
        self._data_dir = data_dir
        self._error: Callable[[], str] | None = None

        self.setObjectName("Screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

        self.language_switch = LanguageSwitch(language, self)
        self.language_switch.language_selected.connect(self.language_selected)

        self.title_label = QLabel(self)
        self.title_label.setObjectName("Title")
        self.title_label.setWordWrap(True)
        self.intro_label = QLabel(self)
        self.intro_label.setObjectName("Subtitle")
        self.intro_label.setWordWrap(True)

        self.site_label, self.site_edit, self.site_hint = self._text_field()
        self.gate_label, self.gate_edit, self.gate_hint = self._text_field()

        self.timezone_label = self._field_label()
        self.timezone_combo = self._timezone_combo(default_timezone)
        self.timezone_label.setBuddy(self.timezone_combo)
        self.timezone_hint = self._hint_label()

        self.error_label = QLabel(self)
        self.error_label.setObjectName("Error")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.data_dir_label = QLabel(self)
        self.data_dir_label.setObjectName("Footnote")
        self.data_dir_label.setWordWrap(True)
        self.data_dir_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_dir_label.setVisible(data_dir is not None)

        self.create_button = QPushButton(self)
        self.create_button.setObjectName("Primary")
        self.create_button.setDefault(True)
        self.create_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.create_button.clicked.connect(self.create)

        self._lay_out()

        for edit in (self.site_edit, self.gate_edit):
            edit.textChanged.connect(self._inputs_changed)
            edit.returnPressed.connect(self.create)
        self.timezone_combo.editTextChanged.connect(self._inputs_changed)
        line_edit = self.timezone_combo.lineEdit()
        if line_edit is not None:
            line_edit.returnPressed.connect(self.create)

        self.retranslate_ui()
        self._update_create_button()
        self.site_edit.setFocus()

    # -- construction ------------------------------------------------------------------

    def _field_label(self) -> QLabel:
        label = QLabel(self)
        label.setObjectName("FieldLabel")
        return label

    def _hint_label(self) -> QLabel:
        label = QLabel(self)
        label.setObjectName("Hint")
        label.setWordWrap(True)
        return label

    def _text_field(self) -> tuple[QLabel, QLineEdit, QLabel]:
        label = self._field_label()
        edit = QLineEdit(self)
        edit.setMaxLength(MAX_NAME)
        edit.setClearButtonEnabled(True)
        edit.setTextMargins(TEXT_MARGIN, 0, 0, 0)
        label.setBuddy(edit)
        return label, edit, self._hint_label()

    def _timezone_combo(self, default_timezone: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setMaxVisibleItems(14)
        combo.addItems(self._timezones)
        completer = QCompleter(self._timezones, combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        combo.setCompleter(completer)
        if combo.lineEdit() is not None:
            combo.lineEdit().setTextMargins(TEXT_MARGIN - 2, 0, 0, 0)
        index = combo.findText(default_timezone)
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setEditText(default_timezone)
        return combo

    def _lay_out(self) -> None:
        card = QFrame(self)
        card.setObjectName("Card")
        card.setFixedWidth(CARD_WIDTH)
        card.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Maximum)

        form = QVBoxLayout(card)
        form.setContentsMargins(36, 32, 36, 28)
        form.setSpacing(0)
        form.addWidget(self.title_label)
        form.addSpacing(10)
        form.addWidget(self.intro_label)
        form.addSpacing(22)
        fields = (
            (self.site_label, self.site_edit, self.site_hint),
            (self.gate_label, self.gate_edit, self.gate_hint),
            (self.timezone_label, self.timezone_combo, self.timezone_hint),
        )
        for label, field, hint in fields:
            form.addWidget(label)
            form.addSpacing(5)
            form.addWidget(field)
            form.addSpacing(4)
            form.addWidget(hint)
            form.addSpacing(14)
        form.addWidget(self.error_label)
        form.addSpacing(8)
        buttons = QHBoxLayout()
        buttons.addWidget(self.data_dir_label, 1)
        buttons.addSpacing(16)
        buttons.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignBottom)
        form.addLayout(buttons)

        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.language_switch)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 24)
        outer.addLayout(top)
        outer.addStretch(1)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card)
        middle.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(1)

    # -- behaviour ---------------------------------------------------------------------

    def values(self) -> tuple[str, str, str]:
        """Site name, gate name and time zone as typed, without surrounding blanks."""
        return (
            self.site_edit.text().strip(),
            self.gate_edit.text().strip(),
            self.timezone_combo.currentText().strip(),
        )

    def _inputs_changed(self) -> None:
        self._set_error(None)
        self._update_create_button()

    def _update_create_button(self) -> None:
        self.create_button.setEnabled(all(self.values()))

    def _canonical_zone(self, text: str) -> str | None:
        return self._zones_folded.get(text.casefold())

    def create(self) -> None:
        """Create the installation from the fields; any problem is shown on the screen."""
        site, gate, zone_text = self.values()
        if not (site and gate and zone_text):
            return
        zone = self._canonical_zone(zone_text)
        if zone is None:
            self._set_error(
                lambda: self.tr(
                    "“{zone}” is not a time zone this computer knows. Choose one from the "
                    "list, such as Asia/Shanghai."
                ).format(zone=zone_text)
            )
            self.timezone_combo.setFocus()
            return
        if zone != zone_text:
            self.timezone_combo.setEditText(zone)
        self.create_button.setEnabled(False)
        try:
            installation = self._initialise(site, gate, zone)
        except UserError as exc:
            message = str(exc)
            self._set_error(lambda: message)
            self._update_create_button()
            return
        self._update_create_button()
        self.created.emit(installation)

    def _set_error(self, message: Callable[[], str] | None) -> None:
        self._error = message
        if message is None:
            self.error_label.clear()
            self.error_label.hide()
        else:
            self.error_label.setText(message())
            self.error_label.show()

    def set_language(self, language: str) -> None:
        """Show which language is in use (the switch itself only reports clicks)."""
        self.language_switch.set_language(language)

    # -- translation -------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("gatekeeper — set up this gate"))
        self.title_label.setText(self.tr("Welcome to gatekeeper"))
        self.intro_label.setText(
            self.tr(
                "Tell gatekeeper where it is working. This takes a minute and is done once "
                "for this computer; you can add staff and print badges next."
            )
        )
        self.site_label.setText(self.tr("&Site name"))
        self.site_edit.setPlaceholderText(self.tr("For example: Shenzhen Plant 2"))
        self.site_hint.setText(self.tr("The factory or campus, as people there call it."))
        self.gate_label.setText(self.tr("&Gate name"))
        self.gate_edit.setPlaceholderText(self.tr("For example: North Gate"))
        self.gate_hint.setText(self.tr("The entrance where this computer stands."))
        self.timezone_label.setText(self.tr("&Time zone"))
        self.timezone_hint.setText(
            self.tr("Times are stored in UTC and shown to people in this zone.")
        )
        if self._data_dir is not None:
            self.data_dir_label.setText(
                self.tr("Data will be kept in {path}").format(path=self._data_dir)
            )
        self.create_button.setText(self.tr("Create"))
        if self._error is not None:
            self.error_label.setText(self._error())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
