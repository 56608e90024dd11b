"""The first-run wizard: language, site and gate, the first admin, camera, thermometer,
screening, then a summary and Create.

Nothing is written before Create: the pages (:mod:`gatekeeper.ui.setup_wizard_pages`,
:mod:`gatekeeper.ui.setup_wizard_devices`) only collect and check. Create gives the whole
:class:`~gatekeeper.services.first_run.SetupPlan` to ``initialise(plan)``, which writes it in
one transaction and returns the new Installation, or raises UserError (shown on the summary
page; nothing is kept). Then ``created(installation)`` is emitted. The widget does not know
about databases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.errors import UserError
from gatekeeper.services.first_run import SetupPlan
from gatekeeper.services.setup import Installation
from gatekeeper.ui.i18n import ENGLISH
from gatekeeper.ui.setup_wizard_devices import CameraPage, ThermometerPage, WizardDevices
from gatekeeper.ui.setup_wizard_pages import (
    AdminPage,
    Problem,
    ScreeningPage,
    SitePage,
    SummaryPage,
    WelcomePage,
    WizardPage,
    set_state,
)
from gatekeeper.ui.theme import ACCENT
from gatekeeper.ui.widgets.language_switch import LanguageSwitch

Initialise = Callable[[SetupPlan], Installation]

CARD_WIDTH = 960
CARD_HEIGHT = 640
RAIL_WIDTH = 272

WIZARD_STYLE = f"""
QFrame#StepRail {{
    background: #f4f7f9;
    border: none;
    border-right: 1px solid #e1e7ec;
    border-top-left-radius: 11px;
    border-bottom-left-radius: 11px;
}}
QLabel#RailBrand {{
    font-size: 16pt;
    font-weight: 600;
    color: {ACCENT};
}}
QLabel#RailCaption, QLabel#RailFootnote {{
    color: #5f6f7c;
}}
QPushButton#Step {{
    text-align: left;
    border: 1px solid transparent;
    background: transparent;
    color: #8a97a2;
    padding: 7px 10px;
    border-radius: 6px;
}}
QPushButton#Step[state="done"] {{
    color: #24323d;
}}
QPushButton#Step[state="done"]:hover {{
    background: #e7edf1;
}}
QPushButton#Step[state="current"] {{
    background: #ffffff;
    border: 1px solid #d5dde5;
    color: {ACCENT};
    font-weight: 600;
}}
QLabel#StepCount {{
    color: {ACCENT};
    font-weight: 600;
}}
QLabel#WizardTitle {{
    font-size: 19pt;
    font-weight: 600;
    color: #14212b;
}}
QLabel#ChoiceHint, QLabel#SummaryName {{
    color: #5f6f7c;
}}
QLabel#SummaryValue, QLabel#Bullet {{
    color: #14212b;
}}
QLabel#Path {{
    color: #4a5a68;
}}
QDoubleSpinBox {{
    min-height: 30px;
}}
QLabel#SummaryValue {{
    font-weight: 600;
}}
QLabel#Rule {{
    color: #7a8894;
}}
QLabel#Rule[met="yes"], QLabel#Hint[kind="ok"] {{
    color: #1e6b38;
}}
QLabel#Hint[kind="problem"] {{
    color: #a8201a;
}}
QLabel#Caution {{
    color: #7a4f00;
    background: #fff6e0;
    border: 1px solid #f1d9a0;
    border-radius: 6px;
    padding: 6px 10px;
}}
QLabel#Result {{
    border-radius: 6px;
    padding: 8px 10px;
}}
QLabel#Result[kind="ok"] {{
    color: #1e6b38;
    background: #e8f6ed;
    border: 1px solid #b7e0c4;
}}
QLabel#Result[kind="problem"] {{
    color: #a8201a;
    background: #fdeceb;
    border: 1px solid #f4b9b5;
}}
QLabel#Result[kind="info"] {{
    color: #24323d;
    background: #f3f6f8;
    border: 1px solid #d5dde5;
}}
QPushButton#LanguageOption {{
    border: 1px solid #b9c6d0;
    border-radius: 8px;
    background: #ffffff;
    color: #24323d;
    font-size: 13pt;
    padding: 10px 24px;
}}
QPushButton#LanguageOption:checked {{
    border: 2px solid {ACCENT};
    background: #e6f2f1;
    color: {ACCENT};
    font-weight: 600;
}}
QPushButton#Link {{
    border: none;
    background: transparent;
    color: {ACCENT};
    text-decoration: underline;
    padding: 0 2px;
    min-height: 0;
}}
"""


class FirstRunScreen(QWidget):
    """Shown while the data directory holds no installation: the set-up wizard."""

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
        devices: WizardDevices | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._initialise = initialise
        self._data_dir = data_dir
        self._error: Callable[[], str] | None = None
        self._reached = 0
        self._closed = False
        devices = devices or WizardDevices()

        self.setObjectName("Screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(WIZARD_STYLE)

        self.language_switch = LanguageSwitch(language, self)
        self.language_switch.language_selected.connect(self.language_selected)

        self.welcome_page = WelcomePage(language, self)
        self.welcome_page.language_selected.connect(self.language_selected)
        self.site_page = SitePage(timezones=timezones, default_timezone=default_timezone)
        self.admin_page = AdminPage()
        self.camera_page = CameraPage(devices)
        self.thermometer_page = ThermometerPage(devices)
        self.screening_page = ScreeningPage()
        self.summary_page = SummaryPage()
        self.pages: list[WizardPage] = [
            self.welcome_page, self.site_page, self.admin_page, self.camera_page,
            self.thermometer_page, self.screening_page, self.summary_page,
        ]

        self.step_count_label = self._label("StepCount")
        self.title_label = self._label("WizardTitle")
        self.subtitle_label = self._label("Subtitle")
        self.stack = QStackedWidget(self)
        for page in self.pages:
            self.stack.addWidget(page)
            page.changed.connect(self._inputs_changed)
            page.submitted.connect(self.go_next)

        self.error_label = self._label("Error")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.back_button = self._button(self.go_back)
        self.next_button = self._button(self.go_next, primary=True)
        self.create_button = self._button(self.create, primary=True)

        self.brand_label = self._label("RailBrand")
        self.brand_label.setText("gatekeeper")  # notr: the product's name
        self.rail_caption = self._label("RailCaption")
        self.step_buttons: list[QPushButton] = []
        for index in range(len(self.pages)):
            button = QPushButton(self)
            button.setObjectName("Step")
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, index=index: self._step_clicked(index))
            self.step_buttons.append(button)
        self.data_dir_label = self._label("RailFootnote")
        self.data_dir_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_dir_label.setVisible(data_dir is not None)

        self._lay_out()
        self.retranslate_ui()
        self._show_page(0)

    # -- construction ------------------------------------------------------------------

    def _label(self, object_name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(object_name)
        label.setWordWrap(True)
        return label

    def _button(self, action: Callable[[], None], *, primary: bool = False) -> QPushButton:
        button = QPushButton(self)
        if primary:
            button.setObjectName("Primary")
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setMinimumWidth(120)
        button.clicked.connect(action)
        return button

    def _lay_out(self) -> None:
        card = QFrame(self)
        card.setObjectName("Card")
        card.setFixedSize(CARD_WIDTH, CARD_HEIGHT)
        card.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        rail = QFrame(card)
        rail.setObjectName("StepRail")
        rail.setFixedWidth(RAIL_WIDTH)
        steps = QVBoxLayout(rail)
        steps.setContentsMargins(22, 28, 18, 22)
        steps.setSpacing(2)
        steps.addWidget(self.brand_label)
        steps.addWidget(self.rail_caption)
        steps.addSpacing(24)
        for button in self.step_buttons:
            steps.addWidget(button)
        steps.addStretch(1)
        steps.addWidget(self.data_dir_label)

        content = QVBoxLayout()
        content.setContentsMargins(38, 30, 38, 26)
        content.setSpacing(0)
        content.addWidget(self.step_count_label)
        content.addSpacing(6)
        content.addWidget(self.title_label)
        content.addSpacing(6)
        content.addWidget(self.subtitle_label)
        content.addSpacing(22)
        content.addWidget(self.stack, 1)
        content.addWidget(self.error_label)
        content.addSpacing(14)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.create_button)
        content.addLayout(buttons)

        inner = QHBoxLayout(card)
        inner.setContentsMargins(1, 1, 1, 1)
        inner.setSpacing(0)
        inner.addWidget(rail)
        inner.addLayout(content, 1)

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
        outer.addStretch(2)

    # -- compatibility with the one-page screen: the fields of the site page ------------

    @property
    def site_edit(self) -> QLineEdit:
        return self.site_page.site_edit

    @property
    def gate_edit(self) -> QLineEdit:
        return self.site_page.gate_edit

    @property
    def timezone_combo(self) -> QComboBox:
        return self.site_page.timezone_combo

    def values(self) -> tuple[str, str, str]:
        """Site name, gate name and time zone as typed, without surrounding blanks."""
        return self.site_page.values()

    # -- moving between pages ----------------------------------------------------------

    @property
    def current_index(self) -> int:
        return self.stack.currentIndex()

    @property
    def current_page(self) -> WizardPage:
        return self.pages[self.current_index]

    def go_next(self) -> None:
        """Check the page; on to the next one when it is right, else say what is wrong."""
        if self.current_page is self.summary_page:
            self.create()
            return
        problem = self.current_page.validate()
        if problem is not None:
            self._show_problem(problem)
            return
        self._show_page(self.current_index + 1)

    def go_back(self) -> None:
        if self.current_index > 0:
            self._show_page(self.current_index - 1)

    def go_to(self, index: int) -> None:
        """Show a page already reached (the steps on the left)."""
        if 0 <= index <= self._reached:
            self._show_page(index)

    def _step_clicked(self, index: int) -> None:
        self.go_to(index)

    def _show_page(self, index: int) -> None:
        previous = self.stack.currentWidget()
        if isinstance(previous, WizardPage) and previous is not self.pages[index]:
            previous.leave()
        self._reached = max(self._reached, index)
        page = self.pages[index]
        if page is self.summary_page:
            self.summary_page.set_rows(self.summary_rows())
        self.stack.setCurrentIndex(index)
        self._set_error(None)
        self._update_chrome()
        if not self._closed and self.isVisible():
            page.enter()
        self._focus_first(page)

    def _focus_first(self, page: WizardPage) -> None:
        for widget in page.findChildren(QWidget):
            if (
                isinstance(widget, QLineEdit | QComboBox)
                and widget.isEnabled()
                and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
                and not widget.isHidden()
            ):
                widget.setFocus()
                return
        (self.create_button if page is self.summary_page else self.next_button).setFocus()

    def _update_chrome(self) -> None:
        index, last = self.current_index, len(self.pages) - 1
        self.back_button.setVisible(index > 0)
        self.next_button.setVisible(index < last)
        self.create_button.setVisible(index == last)
        self.next_button.setDefault(index < last)
        self.create_button.setDefault(index == last)
        self._update_next_button()
        for step, button in enumerate(self.step_buttons):
            state = "current" if step == index else "done" if step <= self._reached else "todo"
            set_state(button, "state", state)
            button.setEnabled(step <= self._reached)
            button.setCursor(
                Qt.CursorShape.PointingHandCursor if step <= self._reached and step != index
                else Qt.CursorShape.ArrowCursor
            )
        self._retranslate_chrome()

    def _update_next_button(self) -> None:
        self.next_button.setEnabled(self.current_page.is_complete())

    def _inputs_changed(self) -> None:
        if self.sender() is self.current_page:
            self._set_error(None)
        self._update_next_button()

    def _show_problem(self, problem: Problem) -> None:
        self._set_error(problem.message)
        if problem.focus is not None:
            problem.focus.setFocus()

    # -- create ------------------------------------------------------------------------

    def plan(self) -> SetupPlan:
        """What the pages hold, as the set-up service takes it."""
        site, gate, zone_text = self.site_page.values()
        return SetupPlan(
            site_name=site,
            gate_name=gate,
            timezone=self.site_page.canonical_zone(zone_text) or zone_text,
            admin=self.admin_page.account(),
            camera=self.camera_page.spec(),
            thermometer=self.thermometer_page.spec_text(),
            fever_threshold_c=self.screening_page.threshold_c,
            temperature_unit=self.screening_page.unit,
        )

    def summary_rows(self) -> list[tuple[str, str]]:
        rows = [row for page in self.pages for row in page.summary()]
        if self._data_dir is not None:
            rows.append((self.tr("Data folder"), self._data_dir))
        return rows

    def create(self) -> None:
        """Check every page (showing the first with a problem), then create it all at once;
        a refusal is shown on the summary page and nothing is kept."""
        for index, page in enumerate(self.pages):
            problem = page.validate()
            if problem is not None:
                self._reached = max(self._reached, index)
                self._show_page(index)
                self._show_problem(problem)
                return
        plan = self.plan()
        if self.current_page is not self.summary_page:
            self._show_page(len(self.pages) - 1)
        self.create_button.setEnabled(False)
        self.back_button.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            installation = self._initialise(plan)
        except UserError as exc:
            reason = str(exc)
            self._set_error(lambda: self.tr("Nothing was created: {reason}").format(reason=reason))
            return
        finally:
            QApplication.restoreOverrideCursor()
            self.create_button.setEnabled(True)
            self.back_button.setEnabled(True)
        self.shutdown()
        self.created.emit(installation)

    def _set_error(self, message: Callable[[], str] | None) -> None:
        self._error = message
        if message is None:
            self.error_label.clear()
            self.error_label.hide()
        else:
            self.error_label.setText(message())
            self.error_label.show()

    # -- life --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._closed:
            self.current_page.enter()

    def shutdown(self) -> None:
        """Stop the camera, the camera search and any thermometer test (idempotent)."""
        self._closed = True
        self.camera_page.shutdown()
        self.thermometer_page.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def set_language(self, language: str) -> None:
        """Show which language is in use (the switches themselves only report clicks)."""
        self.language_switch.set_language(language)
        self.welcome_page.set_language(language)

    # -- translation -------------------------------------------------------------------

    def _titles(self) -> list[tuple[str, str, str]]:
        """Per page: the step's name, the title and the line under it."""
        return [
            (
                self.tr("Language"),
                self.tr("Welcome to gatekeeper"),
                self.tr("Health screening and staff registration at the gate. Set up this "
                        "computer in a few steps: this is done once."),
            ),
            (
                self.tr("Site and gate"),
                self.tr("Where is this gate?"),
                self.tr("Tell gatekeeper where it is working. The names appear on screens, "
                        "badges and reports."),
            ),
            (
                self.tr("Administrator"),
                self.tr("The administrator"),
                self.tr("The first account of gatekeeper. It signs in to the officers' "
                        "console, where it can add the other users."),
            ),
            (
                self.tr("Camera"),
                self.tr("The camera"),
                self.tr("The kiosk reads badges with it. Choose one and check its picture."),
            ),
            (
                self.tr("Thermometer"),
                self.tr("The thermometer"),
                self.tr("Choose how readings reach the kiosk, and try it with a test reading."),
            ),
            (
                self.tr("Screening"),
                self.tr("Screening"),
                self.tr("When a temperature counts as fever, and the unit guards type in."),
            ),
            (
                self.tr("Summary"),
                self.tr("Ready to create the site"),
                self.tr("Check what will be set up. Go back to change anything."),
            ),
        ]

    def _retranslate_chrome(self) -> None:
        titles = self._titles()
        index = self.current_index
        for step, (button, (name, _, _)) in enumerate(
            zip(self.step_buttons, titles, strict=True)
        ):
            mark = "✓" if step < self._reached and step != index else str(step + 1)
            button.setText(f"{mark}   {name}")  # notr: a number or mark before the name
        _, title, subtitle = titles[index]
        self.step_count_label.setText(
            self.tr("Step {number} of {total}").format(number=index + 1, total=len(titles))
        )
        self.title_label.setText(title)
        self.subtitle_label.setText(subtitle)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("gatekeeper — set up this gate"))
        self.rail_caption.setText(self.tr("Set up this gate"))
        if self._data_dir is not None:
            self.data_dir_label.setText(
                self.tr("Data will be kept in {path}").format(path=self._data_dir)
            )
        self.back_button.setText(self.tr("&Back"))
        self.next_button.setText(self.tr("&Next"))
        self.create_button.setText(self.tr("Create"))
        if self.stack.count():
            self._retranslate_chrome()
            if self.current_page is self.summary_page:
                self.summary_page.set_rows(self.summary_rows())
        if self._error is not None:
            self.error_label.setText(self._error())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
