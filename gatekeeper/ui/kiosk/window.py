"""The kiosk at the gate: one window, a stack of screens, and the screening flow between them.

    sign-in (attended) -> scanning -> [declaration] -> temperature -> result -> scanning
                              |-> forgot badge (manual lookup) -^
                              |-> visitor registration -> temperature -> result -> visitor pass

Every service call runs on the single-writer worker (:mod:`.worker`); a result is shown only
after the call returned, so it is already committed. The camera and the thermometer report
through the bridges in :mod:`.devices`. Nothing here blocks the GUI thread.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QImage, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from gatekeeper.domain.enums import Decision, Direction, Method, Role, TempUnit
from gatekeeper.domain.screening import Reason
from gatekeeper.domain.temperature import (
    PLAUSIBLE_MAX_C,
    PLAUSIBLE_MIN_C,
    ReadingError,
    parse_reading,
)
from gatekeeper.domain.tokens import PREFIX as TOKEN_PREFIX
from gatekeeper.domain.tokens import TokenError
from gatekeeper.errors import UserError
from gatekeeper.services.container import Services
from gatekeeper.services.screening import (
    ClockJump,
    Declaration,
    DeclarationNeeded,
    Identity,
    Outcome,
    TakenReading,
)
from gatekeeper.services.settings import ScreeningSettings
from gatekeeper.services.users import SignInError, UserView
from gatekeeper.services.visitors import RegisteredVisitor, VisitorForm, VisitorFormError
from gatekeeper.ui.i18n import ENGLISH
from gatekeeper.ui.kiosk import sound as sounds
from gatekeeper.ui.kiosk import texts
from gatekeeper.ui.kiosk.admin import SettingsScreen, UnlockScreen
from gatekeeper.ui.kiosk.declaration import DeclarationScreen
from gatekeeper.ui.kiosk.devices import CameraBridge, KeyWedgeBuffer, SeenCode, ThermometerBridge
from gatekeeper.ui.kiosk.lookup import LookupScreen
from gatekeeper.ui.kiosk.result import ResultScreen, ResultView
from gatekeeper.ui.kiosk.scanning import ScanningScreen
from gatekeeper.ui.kiosk.signin import SignInScreen
from gatekeeper.ui.kiosk.sound import SilentPlayer, SoundPlayer
from gatekeeper.ui.kiosk.style import KIOSK_STYLE
from gatekeeper.ui.kiosk.sync_status import SyncChannel, SyncStrip
from gatekeeper.ui.kiosk.temperature import TemperatureScreen
from gatekeeper.ui.kiosk.visitor import VisitorPassScreen, VisitorScreen
from gatekeeper.ui.kiosk.worker import ServiceWorker

log = logging.getLogger(__name__)

#: A code that stays in view is acted on once; it counts as new after this long out of view.
SAME_CODE_GAP_S = 2.0
#: How long the visitor pass stays on screen when nobody presses Done.
PASS_SCREEN_S = 120
#: The amber screen moves on to the second reading after at most this long.
RECHECK_PAUSE_S = 4

SIGN_IN = "sign_in"
SCANNING = "scanning"
LOOKUP = "lookup"
DECLARATION = "declaration"
TEMPERATURE = "temperature"
RESULT = "result"
VISITOR = "visitor"
VISITOR_PASS = "visitor_pass"
UNLOCK = "unlock"
SETTINGS = "settings"


@dataclass(frozen=True)
class KioskOptions:
    """How this kiosk is set up (the command line's choices)."""

    attended: bool = True
    #: manual | hid | serial | sim: how temperatures arrive when there is no device object.
    thermometer_kind: str = "manual"
    #: The name readings are stored under, and calibration offsets are kept for.
    thermometer_description: str = "manual"
    default_direction: Direction = Direction.IN
    language: str = ENGLISH
    camera_description: str = ""
    #: How often the kiosk closes forgotten check-outs (services/presence.py), in ms: the
    #: kiosk runs all day, so the automatic exits happen even when no console is open.
    housekeeping_ms: int = 5 * 60 * 1000


@dataclass
class _Screening:
    """The screening in progress."""

    identity: Identity
    direction: Direction
    declaration: Declaration | None = None
    recheck_of: uuid.UUID | None = None
    first_c: float | None = None
    visitor: RegisteredVisitor | None = None


@dataclass
class _Identified:
    identity: Identity
    duplicate: Outcome | None
    declaration_needed: bool
    visitor: RegisteredVisitor | None = None


@dataclass
class _Refused:
    outcome: Outcome


class KioskWindow(QWidget):
    """The kiosk. Give it the services, and optionally the camera and thermometer bridges,
    a sound player and a worker (tests pass fakes); ``shutdown()`` stops what it owns."""

    language_selected = Signal(str)
    #: Emitted after every finished screening outcome shown (tests and logs).
    outcome_shown = Signal(object)
    #: The kiosk closed (after shutdown).
    closed = Signal()

    def __init__(
        self,
        services: Services,
        *,
        options: KioskOptions | None = None,
        camera: CameraBridge | None = None,
        thermometer: ThermometerBridge | None = None,
        sound: SoundPlayer | None = None,
        worker: ServiceWorker | None = None,
        sync: SyncChannel | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.options = options or KioskOptions()
        self.camera = camera
        self.thermometer = thermometer
        self.sound: SoundPlayer = sound or SilentPlayer()
        self.worker = worker or ServiceWorker(self)
        self.settings: ScreeningSettings = services.settings.screening()
        self.unit = self.settings.temperature_unit
        installation = services.installation
        self.zone = ZoneInfo(installation.timezone)
        self.guard: UserView | None = None
        self.officer: UserView | None = None
        self.last_outcome: Outcome | None = None
        self._pending: _Screening | None = None
        #: Photos fetched by the worker for the result screen (person id -> image bytes).
        self._photos: dict[uuid.UUID, bytes | None] = {}
        self._busy = False
        self._flow = 0
        self._seen: dict[str, float] = {}
        self._wedge = KeyWedgeBuffer()
        self._search_serial = 0
        self._language = self.options.language
        self._before_unlock = SCANNING
        self._close_allowed = False
        self._shut_down = False
        self._offsets: dict[str, float] = {}
        self._shown_visitor: RegisteredVisitor | None = None

        self.setObjectName("Kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(KIOSK_STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        site_line = f"{installation.site_name} · {installation.gate_name}"
        attended = self.options.attended
        device = thermometer is not None
        self.sign_in = SignInScreen(site_line, installation.timezone)
        self.scanning = ScanningScreen(
            site_line, installation.timezone, language=self._language, attended=attended
        )
        self.lookup = LookupScreen()
        self.declaration = DeclarationScreen()
        self.temperature = TemperatureScreen(
            self.unit, device=device, keypad=attended or not device
        )
        self.result = ResultScreen()
        self.visitor = VisitorScreen()
        self.visitor_pass = VisitorPassScreen()
        self.unlock = UnlockScreen()
        self.settings_screen = SettingsScreen(
            self._details, language=self._language, attended=attended
        )
        self.screens: dict[str, QWidget] = {
            SIGN_IN: self.sign_in,
            SCANNING: self.scanning,
            LOOKUP: self.lookup,
            DECLARATION: self.declaration,
            TEMPERATURE: self.temperature,
            RESULT: self.result,
            VISITOR: self.visitor,
            VISITOR_PASS: self.visitor_pass,
            UNLOCK: self.unlock,
            SETTINGS: self.settings_screen,
        }
        self.stack = QStackedWidget(self)
        for screen in self.screens.values():
            self.stack.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        # Shown when this computer's clock was set back behind the gate's last record.
        self.clock_warning = QLabel(self)
        self.clock_warning.setObjectName("KClockWarning")
        self.clock_warning.setWordWrap(True)
        self.clock_warning.hide()
        self._clock_jump: ClockJump | None = None
        layout.addWidget(self.clock_warning)
        #: The upstream sync running beside the kiosk, when it was started with one.
        self.sync_strip: SyncStrip | None = None
        if sync is not None:
            self.sync_strip = SyncStrip(sync, self.zone, self)
            layout.addWidget(self.sync_strip)

        self._result_timer = QTimer(self)
        self._result_timer.setSingleShot(True)
        self._result_timer.timeout.connect(self._result_timed_out)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._deadline = 0.0
        self._countdown_text: Callable[[int], str] | None = None

        self._housekeeping = QTimer(self)
        self._housekeeping.setInterval(self.options.housekeeping_ms)
        self._housekeeping.timeout.connect(self.close_forgotten_checkouts)

        self._connect()
        self._shortcuts()
        self.scanning.set_direction(self.options.default_direction)
        self.scanning.set_guard("")
        self._load_offsets()
        if attended:
            self._show(SIGN_IN)
            self._load_guards()
        else:
            self._show(SCANNING)
        if camera is not None:
            self._connect_camera(camera)
        if thermometer is not None:
            thermometer.reading.connect(self._device_reading, Qt.ConnectionType.QueuedConnection)
            thermometer.failed.connect(self._device_failed, Qt.ConnectionType.QueuedConnection)
        self.retranslate_ui()

    # -- wiring --------------------------------------------------------------------------

    def _connect(self) -> None:
        self.sign_in.submitted.connect(self._sign_in)
        self.sign_in.settings_requested.connect(self.request_settings)
        s = self.scanning
        s.lookup_requested.connect(self.open_lookup)
        s.visitor_requested.connect(self.open_visitor)
        s.settings_requested.connect(self.request_settings)
        s.sign_out_requested.connect(self.sign_out)
        s.language_selected.connect(self.language_selected)
        self.lookup.search_changed.connect(self._search)
        self.lookup.chosen.connect(self._lookup_chosen)
        self.lookup.cancelled.connect(self.back_to_scanning)
        self.declaration.submitted.connect(self._declared)
        self.declaration.declined.connect(self._declaration_declined)
        self.declaration.cancelled.connect(self.back_to_scanning)
        self.temperature.submitted.connect(self._typed_reading)
        self.temperature.cancelled.connect(self.back_to_scanning)
        self.temperature.remeasure_requested.connect(self._request_measurement)
        self.result.action_clicked.connect(self._result_action)
        self.visitor.submitted.connect(self._register_visitor)
        self.visitor.cancelled.connect(self.back_to_scanning)
        self.visitor_pass.done.connect(self.back_to_scanning)
        self.visitor_pass.print_requested.connect(self._print_pass)
        self.unlock.submitted.connect(self._unlock)
        self.unlock.cancelled.connect(self._leave_unlock)
        st = self.settings_screen
        st.back.connect(self._leave_unlock)
        st.fullscreen_toggled.connect(self._toggle_fullscreen)
        st.sign_out_requested.connect(self.sign_out)
        st.close_requested.connect(self._close_from_settings)
        st.language_selected.connect(self.language_selected)

    def _connect_camera(self, camera: CameraBridge) -> None:
        queued = Qt.ConnectionType.QueuedConnection
        camera.frame_ready.connect(self._frame, queued)
        camera.codes_seen.connect(self._codes, queued)
        camera.state_changed.connect(self._camera_state, queued)
        self.scanning.camera_view.frame_shown.connect(camera.preview_shown)
        self.scanning.set_camera_state(camera.state if camera.state != "stopped" else "starting")

    def _shortcuts(self) -> None:
        for keys, action in (
            ("F2", self.open_lookup),
            ("F3", self.open_visitor),
            ("F4", self.toggle_direction),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(action)

    def start(self) -> None:
        """Start the camera and the thermometer (call once, after showing the window)."""
        self._housekeeping.start()
        screening = self.services.screening
        self.worker.submit(screening.check_clock, self._show_clock_jump, self._job_failed)
        if self.sync_strip is not None:
            self.sync_strip.start()
        if self.camera is not None:
            self.camera.start()
        if self.thermometer is not None:
            try:
                self.thermometer.start()
            except (UserError, OSError) as exc:
                log.warning("The thermometer cannot start: %s", exc)
                self._device_failed(str(exc))

    # -- screens ---------------------------------------------------------------------------

    @property
    def current(self) -> str:
        widget = self.stack.currentWidget()
        for name, screen in self.screens.items():
            if screen is widget:
                return name
        return ""

    @property
    def busy(self) -> bool:
        return self._busy

    def _show(self, name: str) -> None:
        if name != RESULT:
            self._stop_timers()
        self.stack.setCurrentWidget(self.screens[name])
        if name in (SCANNING, RESULT):
            self._wedge.clear()
            self.setFocus()

    def back_to_scanning(self) -> None:
        """Abandon whatever is on screen (nothing unsaved is lost: every step that records
        has already been committed) and wait for the next person."""
        self._pending = None
        self._busy = False
        self._flow += 1  # a reply to a step begun before this is dropped
        if self.options.attended and self.guard is None:
            self._show(SIGN_IN)
            self.sign_in.reset()
            return
        self._show(SCANNING)

    def _accepting_scans(self) -> bool:
        if self._busy or self._shut_down:
            return False
        if self.options.attended and self.guard is None:
            return False
        return self.current in (SCANNING, RESULT)

    def _guard_id(self) -> uuid.UUID | None:
        return self.guard.id if self.guard is not None else None

    def _actor(self) -> str:
        return f"kiosk:{self.guard.username}" if self.guard is not None else "kiosk"

    # -- camera ----------------------------------------------------------------------------

    def _frame(self, image: QImage, codes: tuple[SeenCode, ...]) -> None:
        view = self.scanning.camera_view
        view.set_frame(image, [code.corners for code in codes])
        if not view.isVisible() and self.camera is not None:
            self.camera.preview_shown()

    def _camera_state(self, state: str, detail: str) -> None:
        if state == "lost":
            self.scanning.camera_view.clear_frame()
        self.scanning.set_camera_state(state, detail)

    def _codes(self, codes: tuple[SeenCode, ...]) -> None:
        self.scanning.camera_view.set_outlines([code.corners for code in codes])
        now = time.monotonic()
        for code in codes:
            last = self._seen.get(code.text)
            self._seen[code.text] = now
            if last is not None and now - last < SAME_CODE_GAP_S:
                continue  # still the same badge held up, already handled
            if self.handle_token(code.text, Method.QR):
                break
        if len(self._seen) > 64:
            self._seen = {t: s for t, s in self._seen.items() if now - s < SAME_CODE_GAP_S}

    # -- keyboard: a USB barcode scanner types the token and Enter -------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self._escape()
            return
        if self.current in (SCANNING, RESULT):
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                line = self._wedge.enter()
                if line.upper().startswith(TOKEN_PREFIX):
                    self.handle_token(line, Method.HID)
                return
            if event.text():
                self._wedge.feed(event.text())
                return
        super().keyPressEvent(event)

    def _escape(self) -> None:
        current = self.current
        if current in (LOOKUP, VISITOR, DECLARATION, TEMPERATURE, VISITOR_PASS):
            if not self._busy:
                self.back_to_scanning()
        elif current == RESULT:
            self._result_timed_out()
        elif current in (UNLOCK, SETTINGS):
            self._leave_unlock()
        elif current in (SCANNING, SIGN_IN):
            self.request_settings()

    def toggle_direction(self) -> None:
        if self.current == SCANNING:
            new = Direction.OUT if self.scanning.direction is Direction.IN else Direction.IN
            self.scanning.set_direction(new)

    # -- identify ----------------------------------------------------------------------------

    def handle_token(self, token: str, method: Method = Method.QR) -> bool:
        """Identify a badge or pass (from the camera or a USB scanner); False when the kiosk
        is not ready for a scan."""
        if not self._accepting_scans():
            return False
        self._stop_timers()
        direction = self.scanning.direction
        guard_id = self._guard_id()
        screening = self.services.screening

        def job() -> _Identified | _Refused:
            try:
                identity = screening.identify_token(token, method)
            except TokenError as error:
                return _Refused(screening.refuse(error, token, method, direction, guard_id))
            return _Identified(
                identity,
                screening.duplicate(identity, direction),
                screening.declaration_needed(identity),
            )

        self._run(job, lambda found: self._identified(found, direction))
        return True

    def _run(self, job: Callable[[], Any], done: Callable[[Any], None],
             failed: Callable[[BaseException], None] | None = None) -> None:
        self._busy = True
        flow = self._flow

        def finish(result: Any) -> None:
            if flow != self._flow:
                return  # the person went back meanwhile; what was recorded stays recorded
            self._busy = False
            done(result)

        def fail(error: BaseException) -> None:
            if flow != self._flow:
                log.warning("A kiosk step failed after it was abandoned: %s", error)
                return
            self._busy = False
            (failed or self._job_failed)(error)

        self.worker.submit(job, finish, fail)

    def _identified(self, found: _Identified | _Refused, direction: Direction) -> None:
        if isinstance(found, _Refused):
            self._pending = None
            self._show_outcome(found.outcome)
            return
        self._pending = _Screening(found.identity, direction, visitor=found.visitor)
        if found.duplicate is not None:
            self._show_outcome(found.duplicate)
        elif not found.identity.person.active:
            self._show_refusal(Reason.INACTIVE, found.identity)
        elif found.declaration_needed:
            self.declaration.start(found.identity.person)
            self._show(DECLARATION)
        else:
            self._ask_temperature()

    def open_lookup(self) -> None:
        if self.current != SCANNING or self._busy:
            return
        self.lookup.start()
        self._show(LOOKUP)

    def _search(self, text: str) -> None:
        self._search_serial += 1
        serial = self._search_serial
        if not text:
            self.lookup.set_results([])
            return
        screening = self.services.screening

        def done(people: Any) -> None:
            if serial == self._search_serial and self.current == LOOKUP:
                self.lookup.set_results(people)

        # Searches are reads: they do not block the screen while they run.
        self.worker.submit(lambda: screening.find_people(text), done, self._job_failed)

    def _lookup_chosen(self, person_id: uuid.UUID) -> None:
        if self._busy:
            return
        direction = self.scanning.direction
        screening = self.services.screening

        def job() -> _Identified:
            identity = screening.identify_manual(person_id)
            return _Identified(
                identity,
                screening.duplicate(identity, direction),
                screening.declaration_needed(identity),
            )

        self._run(job, lambda found: self._identified(found, direction))

    # -- declaration -----------------------------------------------------------------------

    def _declared(self, declaration: Declaration) -> None:
        if self._pending is None:
            self.back_to_scanning()
            return
        self._pending.declaration = declaration
        self._ask_temperature()

    def _declaration_declined(self) -> None:
        if self._pending is None:
            self.back_to_scanning()
            return
        self._show_refusal(Reason.DECLARATION_MISSING, self._pending.identity)

    # -- temperature -------------------------------------------------------------------------

    def _load_offsets(self) -> None:
        # A short read at start-up, before the window shows: offsets change rarely.
        description = self.thermometer.description if self.thermometer else (
            self.options.thermometer_description
        )
        for name in {description, self.options.thermometer_description, "manual"}:
            try:
                self._offsets[name] = self.services.settings.calibration_offset(name)
            except (UserError, ValueError) as exc:
                log.warning("Cannot read the calibration offset of %s: %s", name, exc)
                self._offsets[name] = 0.0

    def _ask_temperature(self) -> None:
        pending = self._pending
        if pending is None:
            return
        first = (
            texts.format_temperature(pending.first_c, self.unit)
            if pending.first_c is not None else ""
        )
        self.temperature.start(
            pending.identity.person, second=pending.recheck_of is not None, first_text=first
        )
        self._show(TEMPERATURE)
        self.temperature.reading_edit.setFocus()
        self._request_measurement()

    def _request_measurement(self) -> None:
        if self.thermometer is None or self.current != TEMPERATURE:
            return
        self.temperature.set_error("")
        self.temperature.set_measuring(True)
        self.thermometer.request()

    def _typed_reading(self, text: str) -> None:
        self._take_reading(text, self.options.thermometer_description)

    def _device_reading(self, text: str) -> None:
        if self.current != TEMPERATURE or self._busy or self.thermometer is None:
            return  # a reading nobody asked for
        self.temperature.set_measuring(False)
        self.temperature.set_reading_text(text.strip())
        self._take_reading(text, self.thermometer.description)

    def _device_failed(self, message: str) -> None:
        if self.current == TEMPERATURE:
            self.temperature.set_measuring(False)
            self.temperature.set_error(
                self.tr("The thermometer reports a problem: {message}").format(message=message)
            )

    def _offset(self, source: str) -> float:
        return self._offsets.get(source, 0.0)

    def _take_reading(self, text: str, source: str) -> None:
        pending = self._pending
        if pending is None or self._busy:
            return
        try:
            temperature = parse_reading(text, self.unit, self._offset(source))
        except ReadingError as exc:
            if exc.implausible:
                message = self.tr(
                    "{value} is outside the plausible range {low}–{high} °C: a measurement "
                    "error. Please re-measure."
                ).format(value=text.strip(), low=f"{PLAUSIBLE_MIN_C:.1f}",
                         high=f"{PLAUSIBLE_MAX_C:.1f}")
            else:
                message = self.tr("“{value}” is not a temperature. Type it like 36.6.").format(
                    value=text.strip()[:20]
                )
            self.temperature.set_error(message)
            self.temperature.reading_edit.selectAll()
            self.sound.play(sounds.NOTICE)
            return
        reading = TakenReading(temperature, source)
        guard_id = self._guard_id()
        screening = self.services.screening
        self.temperature.set_busy(True)
        if pending.recheck_of is not None:
            event_id = pending.recheck_of

            def job() -> Outcome:
                return self._with_photo(screening.recheck(event_id, reading, guard_id))
        else:
            identity, direction, declaration = (
                pending.identity, pending.direction, pending.declaration
            )

            def job() -> Outcome:
                return self._with_photo(
                    screening.screen(identity, reading, direction, guard_id, declaration)
                )

        self._run(job, self._screened, self._screen_failed)

    def _screened(self, outcome: Outcome) -> None:
        self.temperature.set_busy(False)
        pending = self._pending
        if pending is not None and outcome.decision is Decision.RECHECK and outcome.recorded:
            pending.recheck_of = outcome.event_id
            pending.first_c = outcome.readings_c[0] if outcome.readings_c else None
        self._show_outcome(outcome)

    def _screen_failed(self, error: BaseException) -> None:
        self.temperature.set_busy(False)
        if isinstance(error, DeclarationNeeded) and self._pending is not None:
            self.declaration.start(self._pending.identity.person)
            self._show(DECLARATION)
            return
        self._job_failed(error)

    # -- results -----------------------------------------------------------------------------

    def _local_time(self, moment: datetime) -> str:
        return moment.astimezone(self.zone).strftime("%H:%M:%S")

    def _person_detail(self, outcome_person: Any) -> str:
        if outcome_person is None:
            return ""
        parts = [outcome_person.department or outcome_person.employer, outcome_person.staff_no]
        return " · ".join(p for p in parts if p)

    def _with_photo(self, outcome: Outcome) -> Outcome:
        """Runs in the worker with the screening: fetch the person's photo for the result."""
        person = outcome.person
        if person is not None and person.has_photo and person.id not in self._photos:
            self._photos[person.id] = self.services.staff.photo(person.id)
        return outcome

    def _result_view(self, outcome: Outcome) -> ResultView:
        view = self._result_view_text(outcome)
        person = outcome.person
        photo = self._photos.get(person.id) if person is not None else None
        return replace(view, photo=photo) if photo else view

    def _result_view_text(self, outcome: Outcome) -> ResultView:
        person = outcome.person
        name = person.name if person else ""
        detail = self._person_detail(person)
        direction = texts.direction_word(outcome.direction)
        temperature = (
            texts.format_temperature(outcome.readings_c[-1], self.unit)
            if outcome.readings_c else ""
        )
        visitor = self._pending.visitor if self._pending is not None else None
        if outcome.duplicate_of is not None:
            at = self._local_time(outcome.duplicate_at or outcome.occurred_at)
            return ResultView(
                kind="duplicate",
                word=texts.duplicate_word(),
                name=name,
                detail=detail,
                reason=self.tr("Already recorded at {time} ({direction}). No new entry was made.")
                .format(time=at, direction=direction),
                action=self.tr("Show visitor pass") if visitor else self.tr("Next"),
            )
        when = self.tr("{direction} · {time}").format(
            direction=direction, time=self._local_time(outcome.occurred_at)
        )
        if outcome.decision is Decision.RECHECK:
            return ResultView(
                kind="recheck",
                word=texts.decision_word(Decision.RECHECK),
                name=name,
                detail=detail,
                temperature=temperature,
                reason=texts.reason_text(outcome.reason),
                when=when,
                action=self.tr("Second reading"),
            )
        if outcome.decision is Decision.PASS:
            return ResultView(
                kind="pass",
                word=texts.decision_word(Decision.PASS),
                name=name,
                detail=detail,
                temperature=temperature,
                reason=texts.reason_text(outcome.reason),
                when=when,
                action=self.tr("Show visitor pass") if visitor else self.tr("Next"),
            )
        note = ""
        if outcome.alert:
            note = self.tr("Security has been alerted.")
        elif not outcome.recorded and outcome.reason in (
            Reason.GARBLED, Reason.UNKNOWN_PERSON, Reason.FOREIGN_KEY, Reason.EXPIRED,
        ):
            note = self.tr("Please ask the guard for help.")
        return ResultView(
            kind="deny",
            word=texts.decision_word(Decision.DENY),
            name=name,
            detail=detail,
            temperature=temperature,
            reason=texts.reason_text(outcome.reason),
            when=when,
            note=note,
            action=self.tr("Next"),
        )

    def _show_outcome(self, outcome: Outcome) -> None:
        self.last_outcome = outcome
        self.result.show_result(lambda: self._result_view(outcome))
        self._show(RESULT)
        if outcome.duplicate_of is not None:
            self.sound.play(sounds.NOTICE)
            seconds = self.settings.result_seconds
        elif outcome.decision is Decision.PASS:
            self.sound.play(sounds.PASS)
            seconds = self.settings.result_seconds
        elif outcome.decision is Decision.RECHECK:
            self.sound.play(sounds.RECHECK)
            seconds = min(self.settings.result_seconds, RECHECK_PAUSE_S)
        else:
            self.sound.play(sounds.DENY)
            seconds = self.settings.result_seconds
        self._start_countdown(seconds, self._countdown_for(outcome))
        if outcome.clock_jump is not None:
            self._show_clock_jump(outcome.clock_jump)
        if self.sync_strip is not None and outcome.duplicate_of is None:
            self.sync_strip.nudge()  # a new record: send it up now, not at the next round
        self.outcome_shown.emit(outcome)

    def _countdown_for(self, outcome: Outcome) -> Callable[[int], str]:
        if outcome.decision is Decision.RECHECK and outcome.duplicate_of is None:
            return lambda s: self.tr("Second reading in {seconds} s").format(seconds=s)
        if self._pending is not None and self._pending.visitor is not None and (
            outcome.decision is Decision.PASS
        ):
            return lambda s: self.tr("Visitor pass in {seconds} s").format(seconds=s)
        return lambda s: self.tr("Next person in {seconds} s").format(seconds=s)

    def _show_refusal(self, reason: Reason, identity: Identity) -> None:
        """Record a deny for a person who may not be screened (an inactive person found by
        lookup, a required declaration not made), then show it like any outcome."""
        screening = self.services.screening
        direction = self._pending.direction if self._pending else self.scanning.direction
        guard_id = self._guard_id()
        self._pending = None
        self._run(
            lambda: screening.refuse_identity(identity, reason, direction, guard_id),
            self._show_outcome,
        )

    def _show_problem(self, message: str) -> None:
        """Something failed before anything was recorded: say so, plainly."""

        def build() -> ResultView:
            return ResultView(
                kind="duplicate",
                word=self.tr("NOT RECORDED"),
                reason=message,
                note=self.tr("Nothing was recorded. Please try again or ask the guard."),
                action=self.tr("Next"),
            )

        self._pending = None
        self.result.show_result(build)
        self._show(RESULT)
        self.sound.play(sounds.DENY)
        self._start_countdown(
            max(self.settings.result_seconds, 8),
            lambda s: self.tr("Next person in {seconds} s").format(seconds=s),
        )

    def _job_failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            log.warning("Kiosk: %s", error)
            message = str(error)
        else:
            log.error("Kiosk job failed", exc_info=error)
            message = self.tr("The kiosk could not finish this step ({error}).").format(
                error=type(error).__name__
            )
        if self.current in (TEMPERATURE, DECLARATION, LOOKUP, VISITOR, SCANNING, RESULT):
            self._show_problem(message)

    def _start_countdown(self, seconds: int, text: Callable[[int], str]) -> None:
        self._countdown_text = text
        self._deadline = time.monotonic() + seconds
        self._result_timer.start(seconds * 1000)
        self._countdown.start()
        self._tick()

    def _tick(self) -> None:
        left = max(0, round(self._deadline - time.monotonic()))
        if self._countdown_text is not None:
            self.result.set_countdown(self._countdown_text(left))

    def _stop_timers(self) -> None:
        self._result_timer.stop()
        self._countdown.stop()

    def close_forgotten_checkouts(self) -> None:
        """Past the site's check-out time, record the marked automatic exits (in the worker,
        between screenings; a failure is logged and tried again next time)."""
        if self._shut_down:
            return
        presence = self.services.presence

        def failed(error: BaseException) -> None:
            log.warning("Closing forgotten check-outs failed: %s", error)

        self.worker.submit(
            presence.close_forgotten_checkouts,
            lambda closed: log.info("Automatic exits recorded: %d", len(closed)) if closed
            else None,
            failed,
        )

    def _result_action(self) -> None:
        self._result_timed_out()

    def _result_timed_out(self) -> None:
        """The result has been seen: the second reading, the visitor's pass, or the next
        person."""
        self._stop_timers()
        if self.current == VISITOR_PASS:
            self.back_to_scanning()
            return
        if self.current != RESULT:
            return
        pending = self._pending
        outcome = self.last_outcome
        if pending is not None and outcome is not None and outcome.duplicate_of is None and (
            outcome.decision is Decision.RECHECK and pending.recheck_of is not None
        ):
            self._ask_temperature()
            return
        if (
            pending is not None and pending.visitor is not None and outcome is not None
            and outcome.decision is Decision.PASS
        ):
            self._show_visitor_pass(pending.visitor)
            return
        self.back_to_scanning()

    # -- visitors ----------------------------------------------------------------------------

    def open_visitor(self) -> None:
        if self.current != SCANNING or self._busy:
            return
        self.visitor.start()
        self._show(VISITOR)

    def _register_visitor(self, form: VisitorForm) -> None:
        if self._busy:
            return
        direction = self.scanning.direction
        visitors = self.services.visitors
        screening = self.services.screening
        actor = self._actor()

        def job() -> _Identified:
            registered = visitors.register(form, actor=actor)
            identity = screening.identify_manual(registered.person.id)
            return _Identified(
                identity,
                screening.duplicate(identity, direction),
                screening.declaration_needed(identity),
                visitor=registered,
            )

        def failed(error: BaseException) -> None:
            self.visitor.set_busy(False)
            if isinstance(error, VisitorFormError):
                self.visitor.set_problems(error.problems)
            elif isinstance(error, UserError):
                self.visitor.set_error(str(error))
            else:
                self._job_failed(error)

        def done(found: _Identified) -> None:
            self.visitor.set_busy(False)
            self._identified(found, direction)

        self.visitor.set_busy(True)
        self._run(job, done, failed)

    def _show_visitor_pass(self, visitor: RegisteredVisitor) -> None:
        expires = visitor.badge.expires_at
        until = expires.astimezone(self.zone).strftime("%H:%M") if expires else "—"
        self.visitor_pass.show_pass(
            visitor.badge.token, visitor.person.name, visitor.person.staff_no, until
        )
        self._pending = None
        self._shown_visitor = visitor
        self._show(VISITOR_PASS)
        self._result_timer.start(PASS_SCREEN_S * 1000)

    def _print_pass(self) -> None:
        from gatekeeper.ui.kiosk.printing import print_visitor_pass

        if self._shown_visitor is not None:
            print_visitor_pass(self, self._shown_visitor, self.services.installation, self.zone)

    # -- guards and officers -----------------------------------------------------------------

    def _load_guards(self) -> None:
        users = self.services.users
        self.worker.submit(
            lambda: users.list((Role.GUARD,)), self.sign_in.set_guards, self._job_failed
        )

    def _sign_in(self, username: str, pin: str) -> None:
        if self._busy:
            return
        users = self.services.users
        self.sign_in.set_busy(True)

        def done(user: UserView) -> None:
            self.guard = user
            self.sign_in.reset()
            self.scanning.set_guard(user.display_name)
            self.scanning.set_direction(self.options.default_direction)
            self._show(SCANNING)

        def failed(error: BaseException) -> None:
            self.sign_in.set_busy(False)
            self.sign_in.pin_edit.clear()
            if isinstance(error, SignInError):
                self.sign_in.set_error(self._sign_in_message(error, password=False))
            else:
                self.sign_in.set_error(str(error))

        self._run(
            lambda: users.authenticate(
                username, pin, allowed=(Role.GUARD,), purpose="kiosk.sign-in"
            ),
            done,
            failed,
        )

    @staticmethod
    def _sign_in_message(error: SignInError, *, password: bool) -> str:
        return texts.sign_in_error(
            error.wait_seconds, "may not" in str(error), password=password
        )

    def sign_out(self) -> None:
        """The guard's shift ends: back to the sign-in screen (attended mode)."""
        if not self.options.attended:
            return
        self.guard = None
        self._pending = None
        self._flow += 1
        self.scanning.set_guard("")
        self._show(SIGN_IN)
        self.sign_in.reset()
        self._load_guards()

    def request_settings(self) -> None:
        if self.current not in (SCANNING, SIGN_IN) or self._busy:
            return
        self._before_unlock = self.current
        self.unlock.start()
        self._show(UNLOCK)

    def _unlock(self, username: str, password: str) -> None:
        if self._busy:
            return
        users = self.services.users
        self.unlock.set_busy(True)

        def done(user: UserView) -> None:
            self.officer = user
            self.unlock.set_busy(False)
            self.settings_screen.start(user.display_name, self.isFullScreen())
            self._show(SETTINGS)

        def failed(error: BaseException) -> None:
            self.unlock.set_busy(False)
            if isinstance(error, SignInError):
                self.unlock.set_error(self._sign_in_message(error, password=True))
            else:
                self.unlock.set_error(str(error))

        self._run(
            lambda: users.authenticate(
                username, password, allowed=(Role.OFFICER, Role.ADMIN), purpose="kiosk.unlock"
            ),
            done,
            failed,
        )

    def _leave_unlock(self) -> None:
        self.officer = None
        if self._before_unlock == SIGN_IN or (self.options.attended and self.guard is None):
            self._show(SIGN_IN)
            self.sign_in.reset()
        else:
            self._show(SCANNING)

    def _toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.settings_screen.start(
            self.officer.display_name if self.officer else "", self.isFullScreen()
        )

    def _close_from_settings(self) -> None:
        self._close_allowed = True
        self.close()

    def _details(self) -> list[tuple[str, str]]:
        installation = self.services.installation
        thermometer = (
            self.thermometer.description if self.thermometer else
            self.options.thermometer_description
        )
        mode = self.tr("Attended (guard signs in)") if self.options.attended else self.tr(
            "Self-service (no guard)"
        )
        return [
            (self.tr("Site"), installation.site_name),
            (self.tr("Gate"), installation.gate_name),
            (self.tr("Mode"), mode),
            (self.tr("Camera"), self.options.camera_description or "—"),
            (self.tr("Thermometer"), thermometer),
            (self.tr("Fever threshold"), texts.format_temperature(
                self.settings.fever_threshold_c, TempUnit.C)),
        ]

    # -- language ----------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Show which language is in use on the switches (the app installs translators)."""
        self._language = language
        self.scanning.set_language(language)
        self.settings_screen.set_language(language)

    def _show_clock_jump(self, jump: ClockJump | None) -> None:
        """Warn (along the bottom, until the kiosk restarts) that the clock was set back:
        records keep their order by sequence number, but their times may be wrong."""
        if jump is None:
            return
        self._clock_jump = jump
        minutes = max(1, round(jump.behind.total_seconds() / 60))
        self.clock_warning.setText(
            self.tr("This computer's clock is {minutes} min behind the gate's last record "
                    "({time}): it was set back. Records keep their order, but their times "
                    "may be wrong. Set the date and time right, or tell whoever looks after "
                    "this gate.").format(
                minutes=minutes,
                time=jump.previous_at.astimezone(self.zone).strftime("%Y-%m-%d %H:%M"))
        )
        self.clock_warning.show()

    def retranslate_ui(self) -> None:
        if self._clock_jump is not None:
            self._show_clock_jump(self._clock_jump)
        installation = self.services.installation
        self.setWindowTitle(
            self.tr("gatekeeper kiosk — {gate}, {site}").format(
                gate=installation.gate_name, site=installation.site_name
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- closing -------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop the camera, the thermometer and the worker, and wait for them."""
        if self._shut_down:
            return
        self._shut_down = True
        self._stop_timers()
        self._housekeeping.stop()
        if self.camera is not None:
            try:
                self.camera.stop()
            except Exception:  # stopping must go on whatever one part does
                log.exception("Stopping the camera failed")
        if self.thermometer is not None:
            try:
                self.thermometer.stop()
            except Exception:
                log.exception("Stopping the thermometer failed")
        self.worker.stop()
        if self.sync_strip is not None:
            try:
                self.sync_strip.stop()
            except Exception:
                log.exception("Stopping the sync failed")

    def allow_close(self) -> None:
        """Let the next close() through without an officer (the application is quitting)."""
        self._close_allowed = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isFullScreen() and not self._close_allowed and not self._shut_down:
            # Alt+F4 on a locked kiosk: an officer must unlock it first.
            event.ignore()
            if self.current in (SCANNING, SIGN_IN):
                self.request_settings()
            return
        self.shutdown()
        event.accept()
        self.closed.emit()
