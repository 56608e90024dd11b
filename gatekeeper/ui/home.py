"""The home window: the state of this gate and the first commands to run.

It stands in until the kiosk and the console exist. Everything it shows is passed in: the
installation, a callable counting the people in the registry, where the data is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gatekeeper import __version__
from gatekeeper.errors import UserError
from gatekeeper.services.setup import Installation
from gatekeeper.ui.i18n import ENGLISH
from gatekeeper.ui.theme import mono_font
from gatekeeper.ui.widgets.language_switch import LanguageSwitch
from gatekeeper.ui.widgets.vertical_scroll import VerticalScrollArea

COPIED_FEEDBACK_MS = 1500


def zone_with_offset(zone: str, now: datetime | None = None) -> str:
    """'Asia/Shanghai (UTC+08:00)'; the bare name when the zone is UTC or unknown."""
    try:
        info = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return zone
    offset = (now or datetime.now(info)).astimezone(info).utcoffset()
    if offset is None or zone in ("UTC", "Etc/UTC"):
        return zone
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{zone} (UTC{sign}{hours:02d}:{minutes:02d})"


def quote_argument(text: str) -> str:
    """Quote a path for a command line if it has blanks (double quotes work in POSIX shells,
    cmd.exe and PowerShell alike)."""
    return f'"{text}"' if any(ch.isspace() for ch in text) else text


class HomeWindow(QWidget):
    language_selected = Signal(str)

    def __init__(
        self,
        installation: Installation,
        *,
        count_people: Callable[[], int],
        data_dir: str,
        database: str | None = None,
        command: str = "gatekeeper",
        language: str = ENGLISH,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.installation = installation
        self._count_people = count_people
        self._count: int | None = None
        self._count_error: str | None = None

        self.setObjectName("Screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

        self.language_switch = LanguageSwitch(language, self)
        self.language_switch.language_selected.connect(self.language_selected)

        self.title_label = self._label("Title", "gatekeeper")  # notr: the product's name
        self.subtitle_label = self._label(
            "Subtitle", f"{installation.site_name} · {installation.gate_name}", selectable=True
        )

        # This gate
        self.details_title = self._label("SectionTitle")
        self.site_caption = self._label("Caption")
        self.site_value = self._label("Value", installation.site_name, selectable=True)
        self.gate_caption = self._label("Caption")
        self.gate_value = self._label("Value", installation.gate_name, selectable=True)
        self.timezone_caption = self._label("Caption")
        self.timezone_value = self._label(
            "Value", zone_with_offset(installation.timezone), selectable=True
        )
        self.data_dir_caption = self._label("Caption")
        self.data_dir_value = self._label("Value", data_dir, selectable=True)
        self.database_caption = self._label("Caption")
        self.database_value = self._label("Value", database or "", selectable=True)
        self.database_caption.setVisible(bool(database))
        self.database_value.setVisible(bool(database))

        # People
        self.people_title = self._label("SectionTitle")
        self.count_label = self._label("BigNumber", selectable=True)
        self.count_caption = self._label("Hint")
        self.refresh_button = QPushButton(self)
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.refresh)

        # Get started
        self.start_title = self._label("SectionTitle")
        self.commands = {
            "import": f"{command} staff import FILE",
            "badges": f"{command} badge --all --out badges.pdf",
            "kiosk": f"{command} kiosk --fullscreen",
            "console": f"{command} console",
            "help": f"{command} --help",
        }
        self.step_labels: dict[str, QLabel] = {}
        self.command_labels: dict[str, QLabel] = {}
        self.copy_buttons: dict[str, QPushButton] = {}
        for key, text in self.commands.items():
            self.step_labels[key] = self._label("Hint")
            code = self._label("Command", text, selectable=True)
            code.setFont(mono_font())
            code.setWordWrap(False)
            self.command_labels[key] = code
            button = QPushButton(self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, key=key: self.copy_command(key))
            self.copy_buttons[key] = button

        self.footer_label = self._label("Footnote")

        self._lay_out()
        self.retranslate_ui()
        self.refresh()

    # -- construction ------------------------------------------------------------------

    def _label(self, role: str, text: str = "", *, selectable: bool = False) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(role)
        label.setWordWrap(True)
        if selectable:
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _card(self) -> tuple[QFrame, QVBoxLayout]:
        card = QFrame(self)
        card.setObjectName("Card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        return card, layout

    def _lay_out(self) -> None:
        titles = QVBoxLayout()
        titles.setSpacing(4)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        header = QHBoxLayout()
        header.addLayout(titles, 1)
        header.addWidget(self.language_switch, 0, Qt.AlignmentFlag.AlignTop)

        details, details_layout = self._card()
        details_layout.addWidget(self.details_title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(8)
        rows = (
            (self.site_caption, self.site_value),
            (self.gate_caption, self.gate_value),
            (self.timezone_caption, self.timezone_value),
            (self.data_dir_caption, self.data_dir_value),
            (self.database_caption, self.database_value),
        )
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for row, (caption, value) in enumerate(rows):
            grid.addWidget(caption, row, 0, left)
            grid.addWidget(value, row, 1)
        grid.setColumnStretch(1, 1)
        details_layout.addLayout(grid)
        details_layout.addStretch(1)

        people, people_layout = self._card()
        people.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        people.setMinimumWidth(240)
        people_layout.addWidget(self.people_title)
        people_layout.addWidget(self.count_label)
        people_layout.addWidget(self.count_caption)
        people_layout.addStretch(1)
        people_layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)

        top_cards = QHBoxLayout()
        top_cards.setSpacing(16)
        top_cards.addWidget(details, 3)
        top_cards.addWidget(people, 1)

        start, start_layout = self._card()
        start_layout.addWidget(self.start_title)
        for key in self.commands:
            start_layout.addSpacing(4)
            start_layout.addWidget(self.step_labels[key])
            row = QHBoxLayout()
            row.setSpacing(12)
            row.addWidget(self.command_labels[key], 1)
            row.addWidget(self.copy_buttons[key])
            start_layout.addLayout(row)

        # The cards scroll when the window is too low for them (at 980x720 in any language,
        # the five steps do not fit): squeezed, their texts were cut off.
        cards = QWidget()
        cards_layout = QVBoxLayout(cards)
        cards_layout.setContentsMargins(0, 0, 0, 0)
        cards_layout.setSpacing(0)
        cards_layout.addLayout(top_cards)
        cards_layout.addSpacing(16)
        cards_layout.addWidget(start)
        self.cards_scroll = VerticalScrollArea(cards, self)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 18, 28, 20)
        outer.setSpacing(0)
        outer.addLayout(header)
        outer.addSpacing(20)
        outer.addWidget(self.cards_scroll, 1)
        outer.addSpacing(12)
        outer.addWidget(self.footer_label)

    # -- behaviour ---------------------------------------------------------------------

    @property
    def people_count(self) -> int | None:
        return self._count

    def refresh(self) -> None:
        """Count the people in the registry again (a command line may have added some)."""
        try:
            self._count = self._count_people()
            self._count_error = None
        except UserError as exc:
            self._count = None
            self._count_error = str(exc)
        self._show_count()

    def _show_count(self) -> None:
        if self._count is None:
            self.count_label.setText("—")
            self.count_caption.setText(
                self.tr("The registry could not be read: {reason}").format(
                    reason=self._count_error or ""
                )
            )
            return
        self.count_label.setText(QLocale().toString(self._count))
        if self._count == 0:
            self.count_caption.setText(
                self.tr("Nobody is registered yet. Start with the first step below.")
            )
        else:
            self.count_caption.setText(self.tr("people registered at this site"))

    def copy_command(self, key: str) -> None:
        clipboard = QApplication.clipboard()
        clipboard.setText(self.commands[key])
        button = self.copy_buttons[key]
        button.setText(self.tr("Copied"))
        QTimer.singleShot(COPIED_FEEDBACK_MS, button, lambda: button.setText(self.tr("Copy")))

    def set_language(self, language: str) -> None:
        self.language_switch.set_language(language)

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif kind == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.refresh()
        super().changeEvent(event)

    # -- translation -------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            self.tr("gatekeeper — {gate}, {site}").format(
                gate=self.installation.gate_name, site=self.installation.site_name
            )
        )
        self.details_title.setText(self.tr("This gate"))
        self.site_caption.setText(self.tr("Site"))
        self.gate_caption.setText(self.tr("Gate"))
        self.timezone_caption.setText(self.tr("Time zone"))
        self.data_dir_caption.setText(self.tr("Data folder"))
        self.database_caption.setText(self.tr("Database"))
        self.people_title.setText(self.tr("Registry"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.start_title.setText(self.tr("Get started"))
        self.step_labels["import"].setText(
            self.tr(
                "1. Add your staff from a .csv or .xlsx file (add --help to the command to "
                "see the columns it reads):"
            )
        )
        self.step_labels["badges"].setText(self.tr("2. Print a badge for everyone:"))
        self.step_labels["kiosk"].setText(
            self.tr("3. Start the screening kiosk at the gate (add --help for its options):")
        )
        self.step_labels["console"].setText(
            self.tr("4. Open the safety officer's console (an officer signs in):")
        )
        self.step_labels["help"].setText(self.tr("Every command, with its options:"))
        for button in self.copy_buttons.values():
            button.setText(self.tr("Copy"))
            button.setToolTip(self.tr("Copy the command to the clipboard"))
        self.footer_label.setText(
            self.tr(
                "gatekeeper {version}. Run the commands in a terminal on this computer."
            ).format(version=__version__)
        )
        self._show_count()
