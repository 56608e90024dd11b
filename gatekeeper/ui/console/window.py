"""The officer console's main window: navigation on the left, the page on the right, the
signed-in user and what happened in the status bar.

Every service call runs on the window's single-writer worker (:mod:`gatekeeper.ui.kiosk.
worker`); the GUI thread only paints. The visible page is read again every 30 s, and the
number of open alerts shown beside "Alerts" with it. Every few minutes (and once shortly
after the window opens) the window closes forgotten check-outs at the configured cut-off
(marked automatic exits) and lets the retention schedule purge when it is due; what they did,
or why they failed, goes in the status bar, never in a crash.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QColor, QFont, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.errors import UserError
from gatekeeper.services.container import Services
from gatekeeper.services.presence import AutoExit
from gatekeeper.services.retention import PurgeResult
from gatekeeper.services.users import UserView
from gatekeeper.ui.console.pages import PAGES, Page, button, pages_for, role_text
from gatekeeper.ui.i18n import ENGLISH
from gatekeeper.ui.kiosk.worker import ServiceWorker
from gatekeeper.ui.theme import ACCENT, LATIN_FAMILIES
from gatekeeper.ui.widgets.language_switch import LanguageSwitch

log = logging.getLogger(__name__)

REFRESH_MS = 30_000
HOUSEKEEPING_MS = 5 * 60_000
HOUSEKEEPING_DELAY_MS = 2_000
STATUS_MS = 15_000
NAV_WIDTH = 232
BADGE_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole

# Digits and the name in a Latin font that has a real bold face (the CJK fonts may not).
LATIN_FONTS = ", ".join(f'"{family}"' for family in LATIN_FAMILIES)

CONSOLE_STYLE = f"""
QWidget#Console {{
    background: #eef2f5;
}}
QFrame#ConsoleNav {{
    background: #16262f;
}}
QLabel#NavBrand {{
    font-family: {LATIN_FONTS};
    color: #ffffff;
    font-size: 16pt;
    font-weight: 600;
}}
QLabel#NavSite, QLabel#NavRole {{
    color: #9fb3c0;
}}
QLabel#NavUser {{
    color: #ffffff;
    font-weight: 600;
}}
QListWidget#NavList {{
    background: transparent;
    border: none;
    color: #d7e1e8;
    outline: none;
    font-size: 12pt;
}}
QListWidget#NavList::item {{
    padding: 9px 12px;
    margin: 1px 0;
    border-radius: 7px;
}}
QListWidget#NavList::item:hover {{
    background: #21363f;
}}
QListWidget#NavList::item:selected {{
    background: {ACCENT};
    color: #ffffff;
}}
QFrame#NavRule {{
    background: #2a3d48;
    max-height: 1px;
    min-height: 1px;
    border: none;
}}
QPushButton#NavButton {{
    background: transparent;
    color: #d7e1e8;
    border: 1px solid #3a5260;
    border-radius: 6px;
    padding: 5px 14px;
}}
QPushButton#NavButton:hover {{
    background: #21363f;
}}
QLabel#PageTitle {{
    font-size: 19pt;
    font-weight: 600;
    color: #14212b;
}}
QLabel#Updated {{
    color: #5f6f7c;
}}
QWidget#ConsolePage {{
    background: transparent;
}}
QLabel#CardTitle {{
    font-size: 12.5pt;
    font-weight: 600;
    color: #14212b;
}}
QLabel#CardCount {{
    font-size: 12.5pt;
    font-weight: 600;
    color: {ACCENT};
}}
QFrame#Tile {{
    background: #ffffff;
    border: 1px solid #d5dde5;
    border-radius: 10px;
}}
QLabel#TileNumber {{
    font-family: {LATIN_FONTS};
    font-size: 25pt;
    font-weight: 600;
    color: #14212b;
}}
QLabel#TileNumber[tone="alarm"] {{
    color: #c3281f;
}}
QLabel#TileNumber[tone="warn"] {{
    color: #b06d00;
}}
QLabel#TileNumber[tone="accent"] {{
    color: {ACCENT};
}}
QLabel#TileCaption {{
    color: #4a5a68;
}}
QTableWidget, QListWidget#CountList {{
    background: #ffffff;
    alternate-background-color: #f6f8fa;
    border: 1px solid #dfe6ec;
    border-radius: 6px;
    selection-background-color: #cfe7e4;
    selection-color: #14212b;
}}
QListWidget#CountList::item {{
    padding: 6px 8px;
}}
QHeaderView::section {{
    background: #f3f6f8;
    color: #4a5a68;
    font-weight: 600;
    border: none;
    border-bottom: 1px solid #dfe6ec;
    padding: 6px 8px;
}}
QTabWidget::pane {{
    background: #ffffff;
    border: 1px solid #d5dde5;
    border-radius: 8px;
    top: -1px;
}}
QTabBar::tab {{
    background: #e3e9ee;
    color: #4a5a68;
    padding: 7px 18px;
    border: 1px solid #d5dde5;
    border-bottom: none;
    border-top-left-radius: 6px;
    border-top-right-radius: 6px;
    margin-right: 2px;
}}
QTabBar::tab:selected {{
    background: #ffffff;
    color: #14212b;
    font-weight: 600;
}}
QAbstractSpinBox, QDateEdit, QTimeEdit {{
    min-height: 30px;
    padding-left: 4px;
}}
QWidget#TabPage {{
    background: #ffffff;
}}
QLabel#Notice {{
    color: #5c4400;
    background: #fff6dc;
    border: 1px solid #f0d48a;
    border-radius: 6px;
    padding: 8px 10px;
}}
QStatusBar {{
    background: #ffffff;
    border-top: 1px solid #d5dde5;
    color: #4a5a68;
}}
QStatusBar::item {{
    border: none;
}}
QLabel#StatusUser {{
    color: #24323d;
    padding: 0 8px;
}}
QLabel#StatusError {{
    color: #a8201a;
    font-weight: 600;
    padding: 0 8px;
}}
"""


class _NavDelegate(QStyledItemDelegate):
    """Draws a navigation entry with its count (open alerts) in a red pill on the right."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        # No wider than the navigation: a longer title is elided (and whole in its tooltip)
        # rather than scrolled sideways.
        size = super().sizeHint(option, index)
        view = self.parent()
        if isinstance(view, QListWidget):
            size.setWidth(min(size.width(), view.viewport().width()))
        return size

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        count = index.data(BADGE_ROLE)
        if not count:
            return
        text = str(count) if count < 100 else "99+"
        font = QFont(option.font)  # type: ignore[attr-defined]
        font.setBold(True)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        rect: QRect = option.rect  # type: ignore[attr-defined]
        width = max(22, metrics.horizontalAdvance(text) + 12)
        height = metrics.height() + 4
        pill = QRect(rect.right() - width - 10, rect.center().y() - height // 2, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#d9443a"))
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class ConsoleWindow(QMainWindow):
    """The console of a signed-in officer or admin. ``start()`` after showing it begins the
    refreshes; ``shutdown()`` (or closing) stops the timers and the worker."""

    language_selected = Signal(str)
    # The user chose to sign out (the window closes after).
    signed_out = Signal()
    closed = Signal()

    def __init__(
        self,
        services: Services,
        user: UserView,
        *,
        worker: ServiceWorker | None = None,
        language: str = ENGLISH,
        pages: Sequence[Page] = PAGES,
        refresh_ms: int = REFRESH_MS,
        housekeeping_ms: int = HOUSEKEEPING_MS,
        housekeeping_delay_ms: int = HOUSEKEEPING_DELAY_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.user = user
        self.worker = worker or ServiceWorker(self, name="gatekeeper-console")
        self._shut_down = False
        self._signing_out = False
        self._open_alerts: int | None = None
        self._counting = False
        self._housekeeping_errors: dict[str, str] = {}
        self._housekeeping_running: set[str] = set()
        self._housekeeping_delay_ms = housekeeping_delay_ms
        self.last_auto_exits: list[AutoExit] = []
        self.last_purge: PurgeResult | None = None

        self.setStyleSheet(CONSOLE_STYLE)
        self.specs = pages_for(user, pages)
        self.pages: dict[str, QWidget] = {}

        # Navigation
        nav = QFrame(self)
        nav.setObjectName("ConsoleNav")
        nav.setFixedWidth(NAV_WIDTH)
        installation = services.installation
        self.brand_label = QLabel("gatekeeper", nav)  # notr: the product's name
        self.brand_label.setObjectName("NavBrand")
        self.site_label = QLabel(f"{installation.site_name}\n{installation.gate_name}", nav)
        self.site_label.setObjectName("NavSite")
        self.site_label.setWordWrap(True)
        self.nav_list = QListWidget(nav)
        self.nav_list.setObjectName("NavList")
        self.nav_list.setItemDelegate(_NavDelegate(self.nav_list))
        self.nav_list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.nav_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.user_name_label = QLabel(user.display_name, nav)
        self.user_name_label.setObjectName("NavUser")
        self.user_name_label.setWordWrap(True)
        self.user_role_label = QLabel(nav)
        self.user_role_label.setObjectName("NavRole")
        self.sign_out_button = button(nav, "NavButton")
        self.sign_out_button.clicked.connect(self.sign_out)
        rule = QFrame(nav)
        rule.setObjectName("NavRule")

        nav_layout = QVBoxLayout(nav)
        nav_layout.setContentsMargins(16, 20, 16, 18)
        nav_layout.setSpacing(4)
        nav_layout.addWidget(self.brand_label)
        nav_layout.addWidget(self.site_label)
        nav_layout.addSpacing(18)
        nav_layout.addWidget(self.nav_list, 1)
        nav_layout.addWidget(rule)
        nav_layout.addSpacing(10)
        nav_layout.addWidget(self.user_name_label)
        nav_layout.addWidget(self.user_role_label)
        nav_layout.addSpacing(8)
        nav_layout.addWidget(self.sign_out_button, 0, Qt.AlignmentFlag.AlignLeft)

        # Header and pages
        self.title_label = QLabel(self)
        self.title_label.setObjectName("PageTitle")
        self.updated_label = QLabel(self)
        self.updated_label.setObjectName("Updated")
        self.language_switch = LanguageSwitch(language, self)
        self.language_switch.language_selected.connect(self.language_selected)
        self.stack = QStackedWidget(self)
        for spec in self.specs:
            page = spec.build(services, user, self.worker)
            page.setParent(self.stack)
            self.stack.addWidget(page)
            self.pages[spec.key] = page
            item = QListWidgetItem(spec.translated_title())
            item.setData(KEY_ROLE, spec.key)
            self.nav_list.addItem(item)
            self._connect_page(page)

        header = QHBoxLayout()
        header.setSpacing(16)
        header.addWidget(self.title_label)
        header.addStretch(1)
        header.addWidget(self.updated_label)
        header.addWidget(self.language_switch)
        main = QVBoxLayout()
        main.setContentsMargins(28, 18, 28, 14)
        main.setSpacing(12)
        main.addLayout(header)
        main.addWidget(self.stack, 1)

        central = QWidget(self)
        central.setObjectName("Console")
        central.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(nav)
        outer.addLayout(main, 1)
        self.setCentralWidget(central)

        # Status bar
        self.status_user = QLabel(self)
        self.status_user.setObjectName("StatusUser")
        self.status_error = QLabel(self)
        self.status_error.setObjectName("StatusError")
        self.status_error.hide()
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        bar.addPermanentWidget(self.status_error)
        bar.addPermanentWidget(self.status_user)

        # Timers
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(refresh_ms)
        self._refresh_timer.timeout.connect(self.refresh_now)
        self._housekeeping_timer = QTimer(self)
        self._housekeeping_timer.setInterval(housekeeping_ms)
        self._housekeeping_timer.timeout.connect(self.run_housekeeping)

        self.nav_list.currentRowChanged.connect(self._page_chosen)
        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        refresh.activated.connect(self.refresh_now)
        self.retranslate_ui()
        if self.specs:
            self.nav_list.setCurrentRow(0)

    def _connect_page(self, page: QWidget) -> None:
        for name, slot in (
            ("status_message", self.show_status),
            ("error_message", self.show_status),
            ("refreshed", self._page_refreshed),
            ("open_alerts_changed", self.set_open_alerts),
        ):
            signal = getattr(page, name, None)
            if signal is not None:
                signal.connect(slot)

    # -- pages -----------------------------------------------------------------------------

    @property
    def current_key(self) -> str:
        item = self.nav_list.currentItem()
        return str(item.data(KEY_ROLE)) if item is not None else ""

    @property
    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def page(self, key: str) -> Any:
        return self.pages[key]

    def select_page(self, key: str) -> None:
        for row in range(self.nav_list.count()):
            if self.nav_list.item(row).data(KEY_ROLE) == key:
                self.nav_list.setCurrentRow(row)
                return
        raise KeyError(key)

    def _page_chosen(self, row: int) -> None:
        if not 0 <= row < len(self.specs):
            return
        self.stack.setCurrentIndex(row)
        self.title_label.setText(self.specs[row].translated_title())
        self.updated_label.clear()
        if not self._shut_down:
            self._refresh_page()

    def _refresh_page(self) -> None:
        page = self.current_page
        refresh: Callable[[], None] | None = getattr(page, "refresh", None)
        if refresh is not None:
            refresh()

    def _page_refreshed(self) -> None:
        if self.sender() is self.current_page:
            now = self.services.reports.clock().astimezone(self.services.reports.zone)
            self.updated_label.setText(self.tr("Updated {time}").format(time=now.strftime("%H:%M")))

    # -- timers ----------------------------------------------------------------------------

    def start(self) -> None:
        """Show the first page's data and begin the periodic refreshes and housekeeping."""
        if self._shut_down:
            return
        self._refresh_timer.start()
        self._housekeeping_timer.start()
        QTimer.singleShot(self._housekeeping_delay_ms, self, self.run_housekeeping)
        self.refresh_now()

    def refresh_now(self) -> None:
        """Read the visible page again, and the count of open alerts."""
        if self._shut_down:
            return
        self._refresh_page()
        self.count_alerts()

    def count_alerts(self) -> None:
        if self._counting or self._shut_down or "alerts" not in self.pages:
            return
        alerts = self.services.alerts
        self._counting = True

        def done(count: int) -> None:
            self._counting = False
            self.set_open_alerts(count)

        def failed(error: BaseException) -> None:
            self._counting = False
            self._housekeeping_failed("alerts", error)

        self.worker.submit(lambda: len(alerts.open_alerts()), done, failed)

    @property
    def open_alerts(self) -> int | None:
        return self._open_alerts

    def set_open_alerts(self, count: int) -> None:
        self._open_alerts = count
        for row in range(self.nav_list.count()):
            item = self.nav_list.item(row)
            if item.data(KEY_ROLE) == "alerts":
                item.setData(BADGE_ROLE, count)
                item.setToolTip(self.tr("{count} open alerts").format(count=count))

    def run_housekeeping(self) -> None:
        """Close forgotten check-outs that are due and run the retention schedule, each in
        its own job on the worker."""
        if self._shut_down:
            return
        presence, retention = self.services.presence, self.services.retention
        jobs: tuple[tuple[str, Callable[[], Any], Callable[[Any], None]], ...] = (
            ("checkout", presence.close_forgotten_checkouts, self._checkouts_closed),
            ("purge", retention.run_scheduled, self._purged),
        )
        for name, job, done in jobs:
            if name in self._housekeeping_running:
                continue
            self._housekeeping_running.add(name)
            self.worker.submit(
                job,
                lambda result, name=name, done=done: self._housekeeping_done(name, done, result),
                lambda error, name=name: self._housekeeping_failed(name, error),
            )

    def _housekeeping_done(self, name: str, done: Callable[[Any], None], result: Any) -> None:
        self._housekeeping_running.discard(name)
        self._housekeeping_errors.pop(name, None)
        self._show_housekeeping_errors()
        done(result)

    def _checkouts_closed(self, closed: list[AutoExit]) -> None:
        self.last_auto_exits = list(closed)
        if not closed:
            return
        log.info("Closed %d forgotten check-outs", len(closed))
        self.show_status(
            self.tr("{count} forgotten check-outs were closed automatically at the cut-off "
                    "time (marked as automatic exits).").format(count=len(closed))
        )
        if self.current_key in ("dashboard", "onsite", "missed"):
            self._refresh_page()

    def _purged(self, result: PurgeResult | None) -> None:
        self.last_purge = result
        if result is None or result.removed.total == 0:
            return
        log.info("Scheduled purge removed %d records", result.removed.total)
        self.show_status(
            self.tr("The scheduled purge removed {count} old records.").format(
                count=result.removed.total
            )
        )

    def _housekeeping_failed(self, name: str, error: BaseException) -> None:
        self._housekeeping_running.discard(name)
        if isinstance(error, UserError):
            log.warning("Console %s: %s", name, error)
            reason = str(error)
        else:
            log.error("Console %s failed", name, exc_info=error)
            reason = type(error).__name__
        texts = {
            "checkout": self.tr("Closing forgotten check-outs failed: {reason}"),
            "purge": self.tr("The scheduled purge failed: {reason}"),
            "alerts": self.tr("Counting the open alerts failed: {reason}"),
        }
        self._housekeeping_errors[name] = texts[name].format(reason=reason)
        self._show_housekeeping_errors()

    def _show_housekeeping_errors(self) -> None:
        text = "  ·  ".join(self._housekeeping_errors.values())
        self.status_error.setText(text)
        self.status_error.setToolTip(text)
        self.status_error.setVisible(bool(text))

    @property
    def status_error_text(self) -> str:
        return self.status_error.text() if not self.status_error.isHidden() else ""

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_MS)

    # -- signing out, language, closing ----------------------------------------------------

    def sign_out(self) -> None:
        self._signing_out = True
        self.signed_out.emit()
        self.close()

    def set_language(self, language: str) -> None:
        self.language_switch.set_language(language)

    def retranslate_ui(self) -> None:
        installation = self.services.installation
        self.setWindowTitle(
            self.tr("gatekeeper console — {gate}, {site}").format(
                gate=installation.gate_name, site=installation.site_name
            )
        )
        for row, spec in enumerate(self.specs):
            self.nav_list.item(row).setText(spec.translated_title())
            self.nav_list.item(row).setToolTip(spec.translated_title())
        row = self.nav_list.currentRow()
        if 0 <= row < len(self.specs):
            self.title_label.setText(self.specs[row].translated_title())
        role = role_text(self.user.role)
        self.user_role_label.setText(role)
        self.status_user.setText(
            self.tr("Signed in as {name} ({role})").format(name=self.user.display_name, role=role)
        )
        self.sign_out_button.setText(self.tr("Sign out"))
        self.updated_label.clear()
        if self._open_alerts is not None:
            self.set_open_alerts(self._open_alerts)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def shutdown(self) -> None:
        """Stop the timers, the pages' own threads (their ``shutdown()``) and the worker (the
        jobs already submitted finish first)."""
        if self._shut_down:
            return
        self._shut_down = True
        self._refresh_timer.stop()
        self._housekeeping_timer.stop()
        for key, page in self.pages.items():
            stop: Callable[[], None] | None = getattr(page, "shutdown", None)
            if stop is None:
                continue
            try:
                stop()
            except Exception:  # closing goes on whatever one page does
                log.exception("Shutting down the console page %s failed", key)
        self.worker.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        event.accept()
        self.closed.emit()
