"""The pages of the first-run wizard that need no device: welcome and language, site and
gate, the first admin account, screening, and the summary.

A page knows its fields and what is wrong with them; it never writes anything. The wizard
(:mod:`gatekeeper.ui.first_run`) asks each page in turn: ``is_complete()`` (may Next be
pressed), ``validate()`` (a :class:`Problem` to show, or None), ``summary()`` (rows for the
last page), and tells it when it is shown (``enter``) and left (``leave``). Messages are
translated here; the rules are the services' (:mod:`gatekeeper.services.first_run`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.domain.enums import Role, TempUnit
from gatekeeper.domain.temperature import (
    DEFAULT_FEVER_THRESHOLD_C,
    PLAUSIBLE_MAX_C,
    PLAUSIBLE_MIN_C,
    c_to_f,
)
from gatekeeper.errors import UserError
from gatekeeper.services.first_run import (
    MAX_USERNAME,
    AdminAccount,
    check_screening,
    check_username,
)
from gatekeeper.services.setup import MAX_NAME, _clean_name
from gatekeeper.services.users import MIN_PASSWORD, check_secret
from gatekeeper.ui.i18n import ENGLISH, LANGUAGE_NAMES, LANGUAGES
from gatekeeper.ui.theme import TEXT_MARGIN

Message = Callable[[], str]

DEFAULT_ADMIN = "admin"
MAX_PASSWORD = 200
#: A threshold outside this band is allowed, with a word of caution.
USUAL_THRESHOLDS_C = (37.0, 38.0)
THRESHOLD_MIN_C = round(PLAUSIBLE_MIN_C + 0.1, 1)
THRESHOLD_MAX_C = round(PLAUSIBLE_MAX_C - 0.1, 1)


@dataclass(frozen=True)
class Problem:
    """What keeps a page from being left: a message (a function, so that it follows a change
    of language while it is shown) and the field to put right."""

    message: Message
    focus: QWidget | None = None


# -- building blocks ------------------------------------------------------------------------


def field_label(parent: QWidget, object_name: str = "FieldLabel") -> QLabel:
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    return label


def hint_label(parent: QWidget) -> QLabel:
    return field_label(parent, "Hint")


def line_edit(parent: QWidget, max_length: int) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setMaxLength(max_length)
    edit.setTextMargins(TEXT_MARGIN, 0, 0, 0)
    return edit


def set_state(widget: QWidget, name: str, value: str) -> None:
    """Set a style property and have the style sheet look at it again."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


class WizardPage(QWidget):
    """One step of the wizard."""

    #: An input changed: the wizard clears the message shown and looks at Next again.
    changed = Signal()
    #: Return was pressed in a field: the wizard goes on, as Next would.
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WizardPage")

    def is_complete(self) -> bool:
        return True

    def validate(self) -> Problem | None:
        return None

    def enter(self) -> None:
        """The page is shown."""

    def leave(self) -> None:
        """Another page is shown, or the wizard closes: stop what the page started."""

    def summary(self) -> list[tuple[str, str]]:
        return []

    def retranslate_ui(self) -> None:
        pass

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


# -- 1. welcome and language ----------------------------------------------------------------


class WelcomePage(WizardPage):
    """The language of the screens (switched at once), and what the set-up asks for."""

    language_selected = Signal(str)

    def __init__(self, language: str = ENGLISH, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language_label = field_label(self)
        self.language_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        choices = QHBoxLayout()
        choices.setSpacing(12)
        for code in LANGUAGES:
            button = QPushButton(LANGUAGE_NAMES[code], self)  # each in its own language
            button.setObjectName("LanguageOption")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setMinimumSize(180, 52)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _checked=False, code=code: self._picked(code))
            group.addButton(button)
            choices.addWidget(button)
            self.language_buttons[code] = button
        choices.addStretch(1)
        self.language_hint = hint_label(self)

        self.needs_label = field_label(self)
        self.needs_items = [field_label(self, "Bullet") for _ in range(4)]

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.language_label)
        layout.addSpacing(8)
        layout.addLayout(choices)
        layout.addSpacing(6)
        layout.addWidget(self.language_hint)
        layout.addSpacing(26)
        layout.addWidget(self.needs_label)
        layout.addSpacing(6)
        for item in self.needs_items:
            row = QHBoxLayout()
            row.setSpacing(8)
            bullet = QLabel("•", self)  # notr: a bullet
            bullet.setObjectName("Bullet")
            row.addWidget(bullet, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(item, 1)
            layout.addLayout(row)
            layout.addSpacing(4)
        layout.addStretch(1)
        self.set_language(language)
        self.retranslate_ui()

    @property
    def language(self) -> str:
        for code, button in self.language_buttons.items():
            if button.isChecked():
                return code
        return ENGLISH

    def set_language(self, language: str) -> None:
        self.language_buttons[language].setChecked(True)

    def _picked(self, code: str) -> None:
        self.language_selected.emit(code)

    def summary(self) -> list[tuple[str, str]]:
        return [(self.tr("Language"), LANGUAGE_NAMES[self.language])]

    def retranslate_ui(self) -> None:
        self.language_label.setText(self.tr("Language of the screens"))
        self.language_hint.setText(
            self.tr("Guards and officers can switch it at any time with the switch at the top.")
        )
        self.needs_label.setText(self.tr("You will need"))
        texts = (
            self.tr("The names of the site and of this gate"),
            self.tr("A password for the administrator of gatekeeper"),
            self.tr("The camera and the thermometer plugged in, if this computer is a gate's "
                    "kiosk: you can try them out here"),
            self.tr("About five minutes. Nothing is saved until you press Create at the end."),
        )
        for label, text in zip(self.needs_items, texts, strict=True):
            label.setText(text)


# -- 2. site, gate and time zone ------------------------------------------------------------


class SitePage(WizardPage):
    """The site's name, this gate's name, and the time zone (from the list; any case)."""

    def __init__(
        self,
        *,
        timezones: Sequence[str],
        default_timezone: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._timezones = list(timezones)
        self._zones_folded = {zone.casefold(): zone for zone in self._timezones}

        self.site_label, self.site_edit, self.site_hint = self._text_field()
        self.gate_label, self.gate_edit, self.gate_hint = self._text_field()
        self.timezone_label = field_label(self)
        self.timezone_combo = self._timezone_combo(default_timezone)
        self.timezone_label.setBuddy(self.timezone_combo)
        self.timezone_hint = hint_label(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for label, field, hint in (
            (self.site_label, self.site_edit, self.site_hint),
            (self.gate_label, self.gate_edit, self.gate_hint),
            (self.timezone_label, self.timezone_combo, self.timezone_hint),
        ):
            layout.addWidget(label)
            layout.addSpacing(5)
            layout.addWidget(field)
            layout.addSpacing(4)
            layout.addWidget(hint)
            layout.addSpacing(14)
        layout.addStretch(1)

        for edit in (self.site_edit, self.gate_edit):
            edit.textChanged.connect(self.changed)
            edit.returnPressed.connect(self.submitted)
        self.timezone_combo.editTextChanged.connect(self.changed)
        zone_edit = self.timezone_combo.lineEdit()
        if zone_edit is not None:
            zone_edit.returnPressed.connect(self.submitted)
        self.retranslate_ui()

    def _text_field(self) -> tuple[QLabel, QLineEdit, QLabel]:
        label = field_label(self)
        edit = line_edit(self, MAX_NAME)
        edit.setClearButtonEnabled(True)
        label.setBuddy(edit)
        return label, edit, hint_label(self)

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
        zone_edit = combo.lineEdit()
        if zone_edit is not None:
            zone_edit.setTextMargins(TEXT_MARGIN - 2, 0, 0, 0)
        index = combo.findText(default_timezone)
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setEditText(default_timezone)
        return combo

    def values(self) -> tuple[str, str, str]:
        """Site name, gate name and time zone as typed, without surrounding blanks."""
        return (
            self.site_edit.text().strip(),
            self.gate_edit.text().strip(),
            self.timezone_combo.currentText().strip(),
        )

    def is_complete(self) -> bool:
        return all(self.values())

    def canonical_zone(self, text: str) -> str | None:
        return self._zones_folded.get(text.casefold())

    def validate(self) -> Problem | None:
        site, gate, zone_text = self.values()
        for name, edit, empty in (
            (site, self.site_edit, lambda: self.tr("Type the name of the site.")),
            (gate, self.gate_edit, lambda: self.tr("Type the name of this gate.")),
        ):
            if not name:
                return Problem(empty, edit)
            try:
                _clean_name(name, "site")
            except UserError:
                return Problem(
                    lambda: self.tr("The name contains invisible control characters, "
                                    "perhaps pasted from elsewhere. Type it again."),
                    edit,
                )
        if not zone_text:
            return Problem(lambda: self.tr("Choose the time zone."), self.timezone_combo)
        zone = self.canonical_zone(zone_text)
        if zone is None:
            return Problem(
                lambda: self.tr(
                    "“{zone}” is not a time zone this computer knows. Choose one from the "
                    "list, such as Asia/Shanghai."
                ).format(zone=zone_text),
                self.timezone_combo,
            )
        if zone != zone_text:
            self.timezone_combo.setEditText(zone)
        return None

    def summary(self) -> list[tuple[str, str]]:
        site, gate, zone = self.values()
        return [
            (self.tr("Site"), site),
            (self.tr("Gate"), gate),
            (self.tr("Time zone"), self.canonical_zone(zone) or zone),
        ]

    def retranslate_ui(self) -> None:
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


# -- 3. the first admin ---------------------------------------------------------------------


class AdminPage(WizardPage):
    """The first admin account: a user name and the password, twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.username_label = field_label(self)
        self.username_edit = line_edit(self, MAX_USERNAME)
        self.username_edit.setText(DEFAULT_ADMIN)
        self.username_label.setBuddy(self.username_edit)
        self.username_hint = hint_label(self)

        self.password_label = field_label(self)
        self.password_edit = self._password_edit()
        self.password_label.setBuddy(self.password_edit)
        self.again_label = field_label(self)
        self.again_edit = self._password_edit()
        self.again_label.setBuddy(self.again_edit)
        self.show_check = QCheckBox(self)
        self.show_check.toggled.connect(self._show_passwords)

        self.length_rule = field_label(self, "Rule")
        self.match_rule = field_label(self, "Rule")
        self.password_hint = hint_label(self)

        passwords = QGridLayout()
        passwords.setHorizontalSpacing(16)
        passwords.setVerticalSpacing(5)
        passwords.addWidget(self.password_label, 0, 0)
        passwords.addWidget(self.again_label, 0, 1)
        passwords.addWidget(self.password_edit, 1, 0)
        passwords.addWidget(self.again_edit, 1, 1)
        passwords.addWidget(self.length_rule, 2, 0)
        passwords.addWidget(self.match_rule, 2, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.username_label)
        layout.addSpacing(5)
        layout.addWidget(self.username_edit)
        layout.addSpacing(4)
        layout.addWidget(self.username_hint)
        layout.addSpacing(16)
        layout.addLayout(passwords)
        layout.addSpacing(8)
        layout.addWidget(self.show_check)
        layout.addSpacing(14)
        layout.addWidget(self.password_hint)
        layout.addStretch(1)

        for edit in (self.username_edit, self.password_edit, self.again_edit):
            edit.textChanged.connect(self._typed)
            edit.returnPressed.connect(self.submitted)
        self.retranslate_ui()

    def _password_edit(self) -> QLineEdit:
        edit = line_edit(self, MAX_PASSWORD)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhSensitiveData
        )
        return edit

    def _show_passwords(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.password_edit.setEchoMode(mode)
        self.again_edit.setEchoMode(mode)

    def _typed(self) -> None:
        self._update_rules()
        self.changed.emit()

    def _update_rules(self) -> None:
        password, again = self.password_edit.text(), self.again_edit.text()
        long_enough = len(password) >= MIN_PASSWORD
        same = bool(password) and password == again
        mark = {True: "✓", False: "○"}  # notr: marks beside translated rules
        self.length_rule.setText(
            f"{mark[long_enough]}  "  # notr: a mark before translated text
            + self.tr("At least {count} characters").format(count=MIN_PASSWORD)
        )
        self.match_rule.setText(
            f"{mark[same]}  " + self.tr("Both entries the same")  # notr: a mark
        )
        set_state(self.length_rule, "met", "yes" if long_enough else "no")
        set_state(self.match_rule, "met", "yes" if same else "no")

    def account(self) -> AdminAccount:
        return AdminAccount(self.username_edit.text().strip(), self.password_edit.text())

    def is_complete(self) -> bool:
        edits = (self.username_edit, self.password_edit, self.again_edit)
        return all(edit.text().strip() for edit in edits)

    def validate(self) -> Problem | None:
        try:
            check_username(self.username_edit.text())
        except UserError:
            return Problem(
                lambda: self.tr(
                    "A user name is 1 to {count} characters, without control characters."
                ).format(count=MAX_USERNAME),
                self.username_edit,
            )
        password = self.password_edit.text()
        try:
            check_secret(Role.ADMIN, password)
        except UserError:
            return Problem(
                lambda: self.tr("The password needs at least {count} characters.").format(
                    count=MIN_PASSWORD
                ),
                self.password_edit,
            )
        if self.again_edit.text() != password:
            return Problem(
                lambda: self.tr("The two passwords differ. Type the same password twice."),
                self.again_edit,
            )
        return None

    def summary(self) -> list[tuple[str, str]]:
        return [
            (
                self.tr("Administrator"),
                self.tr("{name} (password set)").format(name=self.username_edit.text().strip()),
            )
        ]

    def retranslate_ui(self) -> None:
        self.username_label.setText(self.tr("&User name"))
        self.username_hint.setText(
            self.tr("Admins sign in to the officers' console, add users and change settings, "
                    "and unlock the kiosk.")
        )
        self.password_label.setText(self.tr("&Password"))
        self.again_label.setText(self.tr("Password &again"))
        self.show_check.setText(self.tr("Show the passwords"))
        self.password_hint.setText(
            self.tr("Keep the password somewhere safe: gatekeeper stores only a hash of it "
                    "and cannot show it again.")
        )
        self._update_rules()


# -- 6. screening ---------------------------------------------------------------------------


class ScreeningPage(WizardPage):
    """The fever threshold (°C, within the plausible range) and the unit guards type in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.threshold_label = field_label(self)
        self.threshold_spin = QDoubleSpinBox(self)
        self.threshold_spin.setDecimals(1)
        self.threshold_spin.setSingleStep(0.1)
        self.threshold_spin.setRange(THRESHOLD_MIN_C, THRESHOLD_MAX_C)
        self.threshold_spin.setValue(DEFAULT_FEVER_THRESHOLD_C)
        self.threshold_spin.setSuffix(" °C")  # notr: a unit symbol
        self.threshold_spin.setMinimumWidth(140)
        self.threshold_spin.setCorrectionMode(
            QDoubleSpinBox.CorrectionMode.CorrectToPreviousValue
        )
        self.threshold_label.setBuddy(self.threshold_spin)
        self.fahrenheit_label = field_label(self, "Caption")
        self.threshold_hint = hint_label(self)
        self.unusual_label = field_label(self, "Caution")
        self.unusual_label.hide()

        self.unit_label = field_label(self)
        self.unit_combo = QComboBox(self)
        self.unit_combo.addItem("", TempUnit.C.value)
        self.unit_combo.addItem("", TempUnit.F.value)
        self.unit_combo.setMinimumWidth(200)
        self.unit_label.setBuddy(self.unit_combo)
        self.unit_hint = hint_label(self)

        threshold_row = QHBoxLayout()
        threshold_row.setSpacing(14)
        threshold_row.addWidget(self.threshold_spin)
        threshold_row.addWidget(self.fahrenheit_label)
        threshold_row.addStretch(1)
        unit_row = QHBoxLayout()
        unit_row.addWidget(self.unit_combo)
        unit_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.threshold_label)
        layout.addSpacing(5)
        layout.addLayout(threshold_row)
        layout.addSpacing(6)
        layout.addWidget(self.threshold_hint)
        layout.addSpacing(6)
        layout.addWidget(self.unusual_label)
        layout.addSpacing(18)
        layout.addWidget(self.unit_label)
        layout.addSpacing(5)
        layout.addLayout(unit_row)
        layout.addSpacing(4)
        layout.addWidget(self.unit_hint)
        layout.addStretch(1)

        self.threshold_spin.valueChanged.connect(self._threshold_changed)
        self.threshold_spin.lineEdit().textEdited.connect(self.changed)
        self.unit_combo.currentIndexChanged.connect(self.changed)
        self.retranslate_ui()

    @property
    def threshold_c(self) -> float:
        return round(self.threshold_spin.value(), 1)

    @property
    def unit(self) -> TempUnit:
        return TempUnit(self.unit_combo.currentData())

    def _threshold_changed(self) -> None:
        self._update_notes()
        self.changed.emit()

    def _update_notes(self) -> None:
        value = self.threshold_c
        self.fahrenheit_label.setText(
            self.tr("= {value} °F").format(value=f"{c_to_f(value):.1f}")
        )
        low, high = USUAL_THRESHOLDS_C
        self.unusual_label.setVisible(not low <= value <= high)
        self.unusual_label.setText(
            self.tr(
                "Most sites use {usual} °C. Check that {value} °C is what your health "
                "authority asks for."
            ).format(usual=f"{DEFAULT_FEVER_THRESHOLD_C:.1f}", value=f"{value:.1f}")
        )

    def validate(self) -> Problem | None:
        out_of_range = Problem(
            lambda: self.tr("Type a fever threshold between {low} and {high} °C.").format(
                low=f"{THRESHOLD_MIN_C:.1f}", high=f"{THRESHOLD_MAX_C:.1f}"
            ),
            self.threshold_spin,
        )
        if not self.threshold_spin.hasAcceptableInput():
            return out_of_range
        try:
            check_screening(self.threshold_c, self.unit)
        except UserError:
            return out_of_range
        return None

    def summary(self) -> list[tuple[str, str]]:
        return [
            (self.tr("Fever threshold"), f"{self.threshold_c:.1f} °C"),  # notr: a number
            (self.tr("Readings typed in"), self.unit_combo.currentText()),
        ]

    def retranslate_ui(self) -> None:
        self.threshold_label.setText(self.tr("&Fever threshold"))
        self.threshold_hint.setText(
            self.tr(
                "A reading at or above this asks for a second reading; a second one at or "
                "above it denies entry. Readings outside {low}–{high} °C are measurement "
                "errors: the kiosk asks to measure again and never stores them."
            ).format(low=f"{PLAUSIBLE_MIN_C:g}", high=f"{PLAUSIBLE_MAX_C:g}")
        )
        self.unit_label.setText(self.tr("&Unit the guards type in"))
        self.unit_combo.setItemText(0, self.tr("°C (Celsius)"))
        self.unit_combo.setItemText(1, self.tr("°F (Fahrenheit)"))
        self.unit_hint.setText(
            self.tr("Records are kept in °C whichever unit is typed. An admin can change "
                    "both later in the console's settings.")
        )
        self._update_notes()


# -- 7. summary -----------------------------------------------------------------------------


class SummaryPage(WizardPage):
    """What will be created, in rows; nothing is written before Create."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows_grid = QGridLayout()
        self.rows_grid.setHorizontalSpacing(24)
        self.rows_grid.setVerticalSpacing(9)
        self.rows_grid.setColumnStretch(1, 1)
        self.note_label = hint_label(self)
        self._rows: list[tuple[QLabel, QLabel]] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self.rows_grid)
        layout.addSpacing(18)
        layout.addWidget(self.note_label)
        layout.addStretch(1)
        self.retranslate_ui()

    def set_rows(self, rows: Sequence[tuple[str, str]]) -> None:
        while len(self._rows) < len(rows):
            name = field_label(self, "SummaryName")
            value = field_label(self, "SummaryValue")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            index = len(self._rows)
            self.rows_grid.addWidget(name, index, 0, Qt.AlignmentFlag.AlignTop)
            self.rows_grid.addWidget(value, index, 1, Qt.AlignmentFlag.AlignTop)
            self._rows.append((name, value))
        for index, (name, value) in enumerate(self._rows):
            shown = index < len(rows)
            name.setVisible(shown)
            value.setVisible(shown)
            if shown:
                name.setText(rows[index][0])
                value.setText(rows[index][1])

    def rows(self) -> list[tuple[str, str]]:
        return [(n.text(), v.text()) for n, v in self._rows if not n.isHidden()]

    def retranslate_ui(self) -> None:
        self.note_label.setText(
            self.tr("Nothing has been saved yet. Create writes all of this at once; if "
                    "anything fails, nothing is kept and you can correct it here.")
        )
