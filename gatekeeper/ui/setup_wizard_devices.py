"""The first-run wizard's device pages: the camera, with a live preview, and the thermometer,
with a test reading.

Both use what the kiosk uses (the capture loop through :class:`CameraBridge`, the thermometer
devices through :class:`ThermometerBridge`), so that what works here works at the gate. Every
thread a page starts (the camera search, the capture loop, a thermometer) is stopped when the
page is left or the wizard closes. The devices are given in :class:`WizardDevices`, so that
tests can stand in for them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.domain.enums import TempUnit
from gatekeeper.domain.temperature import ReadingError, parse_reading
from gatekeeper.errors import UserError
from gatekeeper.scanner.sources import IMAGE_SUFFIXES
from gatekeeper.scanner.thermometer import ThermometerSpec, parse_thermometer_spec
from gatekeeper.services.settings import check_camera, check_thermometer
from gatekeeper.ui.kiosk.devices import (
    LOST,
    RUNNING,
    STARTING,
    CameraBridge,
    LoopFactory,
    ReadingDeviceLike,
    SeenCode,
    ThermometerBridge,
)
from gatekeeper.ui.setup_wizard_pages import (
    Problem,
    WizardPage,
    field_label,
    line_edit,
    set_state,
)
from gatekeeper.ui.widgets.camera_view import CameraView

log = logging.getLogger(__name__)

#: Device numbers looked for.
PROBED_CAMERAS = range(4)
DEMO = "demo"
#: What the demo camera's sample badge says (read back to show that decoding works).
SAMPLE_CODE = "gatekeeper camera test"
VIDEO_SUFFIXES = (".avi", ".mp4", ".mkv", ".mov", ".webm", ".m4v")
BAUD_RATES = ("9600", "19200", "38400", "57600", "115200")
PREVIEW_FPS = 15.0
PREVIEW_SIZE = (296, 222)  # 4:3; a 16:9 picture fills it with a little cropped
STOP_TIMEOUT_S = 5.0


# -- the devices, as the wizard gets them ---------------------------------------------------


def probe_cameras(indices: Sequence[int] = PROBED_CAMERAS) -> list[int]:
    """The camera numbers that open now (the camera is released again at once)."""
    from gatekeeper.scanner.sources import DeviceSource, SourceError

    found = []
    for index in indices:
        source = DeviceSource(index)
        try:
            source.open()
        except SourceError:
            continue
        finally:
            source.close()
        found.append(index)
    return found


def capture_loop_for(spec: str) -> LoopFactory:
    """The kiosk's capture loop on `spec` (opened on the capture thread; a source that cannot
    be opened is a "lost" state with the reason, retried)."""
    from gatekeeper.scanner.capture import CaptureLoop
    from gatekeeper.scanner.decoder import QrDecoder
    from gatekeeper.scanner.sources import open_source

    tokens = (SAMPLE_CODE,) if spec == DEMO else ()

    def make(on_frame: Callable[[Any], None], on_state: Callable[[Any, str], None]) -> Any:
        return CaptureLoop(
            lambda: open_source(spec, demo_tokens=tokens), QrDecoder(), on_frame, on_state,
            target_fps=PREVIEW_FPS, reconnect_delays=(1.0, 2.0),
        )

    return make


def open_thermometer(spec: ThermometerSpec) -> ReadingDeviceLike | None:
    from gatekeeper.scanner.thermometer import open_device

    return open_device(spec)


def serial_ports() -> list[str]:
    """The serial ports this computer has (COM3, /dev/ttyUSB0, ...)."""
    try:
        from serial.tools import list_ports

        return sorted(port.device for port in list_ports.comports())
    except Exception:  # a port listing that fails only means an empty list
        log.warning("Cannot list the serial ports", exc_info=True)
        return []


@dataclass(frozen=True)
class WizardDevices:
    probe_cameras: Callable[[], list[int]] = probe_cameras
    camera_loop: Callable[[str], LoopFactory] = capture_loop_for
    open_thermometer: Callable[[ThermometerSpec], ReadingDeviceLike | None] = open_thermometer
    serial_ports: Callable[[], list[str]] = serial_ports
    #: How long a test reading may take (a serial thermometer sends when it is used).
    reading_timeout_s: float = 20.0


class _ProbeReport(QObject):
    """Carries the search's result from its thread to the page (a queued signal)."""

    done = Signal(object)  # list[int]


# -- 4. the camera --------------------------------------------------------------------------


class CameraPage(WizardPage):
    """The camera choices: the cameras found (0-3, searched on a thread), the demo camera, a
    video file or a folder of pictures; the chosen one is shown live."""

    def __init__(self, devices: WizardDevices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.devices = devices
        self.found: list[int] | None = None  # None: not searched yet
        self._probe: threading.Thread | None = None
        self._report = _ProbeReport()  # no parent: the search thread may outlive the page
        self._report.done.connect(self._probed, Qt.ConnectionType.QueuedConnection)
        self.bridge: CameraBridge | None = None
        self.previewing: str | None = None
        self.codes_read = 0
        self._active = False
        self._file: str | None = None
        self._detail = ""

        self.choices_label = field_label(self)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.camera_buttons: dict[int, QRadioButton] = {}
        self.cameras_box = QVBoxLayout()
        self.cameras_box.setSpacing(6)
        self.search_status = field_label(self, "Hint")
        self.search_button = QPushButton(self)
        self.search_button.setObjectName("Link")
        self.search_button.setAutoDefault(False)
        self.search_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.search_button.clicked.connect(self.search)

        self.demo_radio = QRadioButton(self)
        self.demo_hint = field_label(self, "ChoiceHint")
        self.file_radio = QRadioButton(self)
        self.file_hint = field_label(self, "ChoiceHint")
        self.file_path_label = field_label(self, "Path")
        self.file_path_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.video_button = QPushButton(self)
        self.folder_button = QPushButton(self)
        for button in (self.video_button, self.folder_button):
            button.setAutoDefault(False)
        self.video_button.clicked.connect(self.choose_video)
        self.folder_button.clicked.connect(self.choose_folder)
        for radio in (self.demo_radio, self.file_radio):
            self.group.addButton(radio)
        self.group.buttonToggled.connect(self._choice_toggled)

        self.view = CameraView(self, surround="#ffffff")
        self.view.setFixedSize(PREVIEW_SIZE[0], PREVIEW_SIZE[1])
        self.view.frame_shown.connect(self._frame_shown)
        self.preview_caption = field_label(self, "Hint")
        self.preview_caption.setFixedWidth(PREVIEW_SIZE[0])

        self._lay_out()
        self.retranslate_ui()

    def _lay_out(self) -> None:
        search_row = QHBoxLayout()
        search_row.setContentsMargins(0, 2, 0, 0)
        search_row.addWidget(self.search_button)
        search_row.addStretch(1)
        file_buttons = QHBoxLayout()
        file_buttons.setContentsMargins(26, 0, 0, 0)
        file_buttons.setSpacing(8)
        file_buttons.addWidget(self.video_button)
        file_buttons.addWidget(self.folder_button)
        file_buttons.addStretch(1)

        choices = QVBoxLayout()
        choices.setSpacing(0)
        choices.addWidget(self.choices_label)
        choices.addSpacing(8)
        choices.addLayout(self.cameras_box)
        choices.addWidget(self.search_status)
        choices.addLayout(search_row)
        choices.addSpacing(12)
        choices.addWidget(self.demo_radio)
        choices.addWidget(self.demo_hint)
        choices.addSpacing(12)
        choices.addWidget(self.file_radio)
        choices.addWidget(self.file_hint)
        choices.addSpacing(6)
        choices.addLayout(file_buttons)
        choices.addSpacing(4)
        choices.addWidget(self.file_path_label)
        choices.addStretch(1)
        for hint in (self.demo_hint, self.file_hint, self.file_path_label):
            hint.setContentsMargins(26, 0, 0, 0)

        preview = QVBoxLayout()
        preview.setSpacing(8)
        preview.addWidget(self.view)
        preview.addWidget(self.preview_caption)
        preview.addStretch(1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        layout.addLayout(choices, 1)
        layout.addLayout(preview, 0)

    # -- searching for cameras ----------------------------------------------------------

    @property
    def searching(self) -> bool:
        return self._probe is not None and self._probe.is_alive()

    def search(self) -> None:
        """Look for cameras 0-3 on a thread (the preview stops meanwhile: a camera in use
        may not open twice)."""
        if self.searching:
            return
        self._stop_preview()
        self.search_button.setEnabled(False)
        report, probe = self._report, self.devices.probe_cameras

        def run() -> None:
            try:
                found = probe()
            except Exception:
                log.exception("Looking for cameras failed")
                found = []
            report.done.emit(found)

        self._probe = threading.Thread(target=run, name="camera-probe", daemon=True)
        self._probe.start()
        self._show_search_status()

    def _probed(self, found: list[int]) -> None:
        probe, self._probe = self._probe, None
        if probe is not None:
            probe.join(STOP_TIMEOUT_S)  # it has reported: it is ending
        self.found = list(found)
        self.search_button.setEnabled(True)
        chosen = self.spec()
        for index, button in list(self.camera_buttons.items()):
            if index not in self.found and chosen != str(index):
                self.group.removeButton(button)
                button.deleteLater()
                del self.camera_buttons[index]
        for index in self.found:
            if index not in self.camera_buttons:
                button = QRadioButton(self)
                self.group.addButton(button)
                self.cameras_box.insertWidget(len(self.camera_buttons), button)
                self.camera_buttons[index] = button
        self._retranslate_cameras()
        self._show_search_status()
        if self.group.checkedButton() is None and self.found:
            self.camera_buttons[self.found[0]].setChecked(True)
        elif self._active:
            self._start_preview()

    def _show_search_status(self) -> None:
        if self.searching or self.found is None:
            self.search_status.setText(self.tr("Looking for cameras…"))
        elif not self.found:
            self.search_status.setText(
                self.tr("No camera found on this computer. Plug one in and search again, or "
                        "try the demo camera or a video for now.")
            )
        else:
            self.search_status.setText(
                self.tr("Cameras found: {count}.").format(count=len(self.found))
            )

    # -- the choice ---------------------------------------------------------------------

    def spec(self) -> str | None:
        """The chosen camera as ``--camera`` takes it; None when nothing is chosen."""
        checked = self.group.checkedButton()
        if checked is None:
            return None
        if checked is self.demo_radio:
            return DEMO
        if checked is self.file_radio:
            return self._file
        for index, button in self.camera_buttons.items():
            if button is checked:
                return str(index)
        return None

    def set_file(self, path: str) -> None:
        """Choose a video file, an image or a folder of images."""
        self._file = path
        self.file_path_label.setText(path)
        self.file_path_label.setToolTip(path)
        if self.file_radio.isChecked():
            self._choice_changed()
        else:
            self.file_radio.setChecked(True)

    def choose_video(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in (*VIDEO_SUFFIXES, *IMAGE_SUFFIXES))
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a video or a picture"),
            self._start_folder(),
            self.tr("Videos and pictures ({patterns});;All files (*)").format(patterns=patterns),
        )
        if path:
            self.set_file(path)

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder of pictures"), self._start_folder()
        )
        if path:
            self.set_file(path)

    def _start_folder(self) -> str:
        return str(Path(self._file).parent) if self._file else str(Path.home())

    def _choice_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self._choice_changed()

    def _choice_changed(self) -> None:
        self.changed.emit()
        if self._active:
            self._start_preview()
        else:
            self._show_idle()

    # -- the preview --------------------------------------------------------------------

    def _start_preview(self) -> None:
        spec = self.spec()
        if spec == self.previewing and self.bridge is not None:
            return
        self._stop_preview()
        if spec is None:
            self._show_idle()
            return
        bridge = CameraBridge(self.devices.camera_loop(spec))
        queued = Qt.ConnectionType.QueuedConnection
        bridge.frame_ready.connect(self._frame, queued)
        bridge.codes_seen.connect(self._codes, queued)
        bridge.state_changed.connect(self._state, queued)
        self.bridge, self.previewing = bridge, spec
        self.codes_read = 0
        self.view.clear_frame()
        self._state(STARTING, "")
        bridge.start()

    def _stop_preview(self) -> None:
        bridge, self.bridge, self.previewing = self.bridge, None, None
        if bridge is None:
            return
        bridge.stop(timeout=STOP_TIMEOUT_S)
        for signal in (bridge.frame_ready, bridge.codes_seen, bridge.state_changed):
            signal.disconnect()
        bridge.deleteLater()  # frames still queued for it are dropped with it

    def _show_idle(self) -> None:
        self.view.clear_frame()
        self.view.set_overlay(self.tr("Choose a camera to see its picture"), "", "info")
        self._detail = ""
        self.preview_caption.setText(
            self.tr("Not chosen: the kiosk will use camera 0 when it is plugged in.")
        )

    def _frame(self, image: QImage, codes: tuple[SeenCode, ...]) -> None:
        if self.sender() is not self.bridge:
            return
        self.view.set_frame(image, [code.corners for code in codes])
        if not self.view.isVisible() and self.bridge is not None:
            self.bridge.preview_shown()

    def _frame_shown(self) -> None:
        if self.bridge is not None:
            self.bridge.preview_shown()

    def _codes(self, codes: tuple[SeenCode, ...]) -> None:
        if self.sender() is not self.bridge:
            return
        self.codes_read += len(codes)
        self._caption()

    def _state(self, state: str, detail: str) -> None:
        if self.bridge is None:
            return
        self._detail = detail
        if state == LOST:
            self.view.clear_frame()
        self._caption(state)

    def _caption(self, state: str | None = None) -> None:
        state = state or (self.bridge.state if self.bridge is not None else "")
        if state == RUNNING:
            self.view.set_overlay("")
            self.preview_caption.setText(
                self.tr("A QR code was read: this camera works for badges.")
                if self.codes_read
                else self.tr("Hold a badge up to the camera: its code is outlined in green "
                             "when it can be read.")
            )
            set_state(self.preview_caption, "kind", "ok" if self.codes_read else "")
        elif state == LOST:
            self.view.set_overlay(self.tr("No picture from this camera"), self._detail, "problem")
            self.preview_caption.setText(
                self.tr("Check the cable, or choose another camera. The kiosk keeps trying "
                        "to reconnect.")
            )
            set_state(self.preview_caption, "kind", "problem")
        elif state == STARTING:
            self.view.set_overlay(self.tr("Starting the camera…"), "", "info")
            self.preview_caption.setText("")
            set_state(self.preview_caption, "kind", "")

    # -- the page -----------------------------------------------------------------------

    def enter(self) -> None:
        self._active = True
        if self.found is None and not self.searching:
            self.search()
        elif not self.searching:
            self._start_preview()
        if self.spec() is None:
            self._show_idle()

    def leave(self) -> None:
        self._active = False
        self._stop_preview()

    def shutdown(self) -> None:
        """Stop the preview and wait for a search still running."""
        self.leave()
        probe = self._probe
        if probe is not None:
            probe.join(STOP_TIMEOUT_S)

    def validate(self) -> Problem | None:
        checked = self.group.checkedButton()
        if checked is self.file_radio and not self._file:
            return Problem(
                lambda: self.tr("Choose a video file or a folder of pictures, or another "
                                "camera."),
                self.video_button,
            )
        spec = self.spec()
        if spec is not None:
            try:
                check_camera(spec)
            except UserError:
                return Problem(
                    lambda: self.tr("“{path}” cannot be found any more. Choose the video or "
                                    "the folder again.").format(path=spec),
                    self.video_button,
                )
        return None

    def describe(self, spec: str | None) -> str:
        if spec is None:
            return self.tr("Not chosen (camera 0)")
        if spec == DEMO:
            return self.tr("Demo camera")
        if spec.isdigit():
            return self.tr("Camera {number}").format(number=spec)
        if Path(spec).is_dir():
            return self.tr("Pictures in {path}").format(path=spec)
        return self.tr("Video {path}").format(path=spec)

    def summary(self) -> list[tuple[str, str]]:
        return [(self.tr("Camera"), self.describe(self.spec()))]

    def _retranslate_cameras(self) -> None:
        for index, button in self.camera_buttons.items():
            found = self.found is not None and index in self.found
            text = self.tr("Camera {number}").format(number=index)
            button.setText(text if found else self.tr("{camera} (not found now)").format(
                camera=text))

    def retranslate_ui(self) -> None:
        self.choices_label.setText(self.tr("Camera at the gate"))
        self.search_button.setText(self.tr("Search again"))
        self.demo_radio.setText(self.tr("Demo camera"))
        self.demo_hint.setText(
            self.tr("A sample badge on a moving picture, to try gatekeeper without a camera.")
        )
        self.file_radio.setText(self.tr("A video file or a folder of pictures"))
        self.file_hint.setText(self.tr("Played in a loop, like a camera: for tests and "
                                       "training."))
        self.video_button.setText(self.tr("Video…"))
        self.folder_button.setText(self.tr("Folder…"))
        if not self._file:
            self.file_path_label.setText(self.tr("Nothing chosen yet"))
        self._retranslate_cameras()
        self._show_search_status()
        if self.bridge is not None:
            self._caption()
        elif self.spec() is None or not self._active:
            self._show_idle()


# -- 5. the thermometer ---------------------------------------------------------------------


MANUAL, HID, SERIAL, SIMULATED = "manual", "hid", "serial", "sim"


class ThermometerPage(WizardPage):
    """How temperatures reach the kiosk, and a test reading from the device chosen."""

    def __init__(self, devices: WizardDevices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.devices = devices
        self.bridge: ThermometerBridge | None = None
        self.testing = False
        self._result: tuple[str, Callable[[], str]] | None = None  # kind, message

        self.kind_label = field_label(self)
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        self.hints: dict[str, QLabel] = {}
        for kind in (MANUAL, HID, SERIAL, SIMULATED):
            radio = QRadioButton(self)
            self.group.addButton(radio)
            self.radios[kind] = radio
            hint = field_label(self, "ChoiceHint")
            hint.setContentsMargins(26, 0, 0, 0)
            self.hints[kind] = hint
        self.radios[MANUAL].setChecked(True)

        self.port_combo = QComboBox(self)
        self.port_combo.setEditable(True)
        self.port_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.port_combo.setMinimumWidth(190)
        self.port_combo.addItems(self.devices.serial_ports())
        self.baud_combo = QComboBox(self)
        self.baud_combo.addItems(BAUD_RATES)
        self.sim_edit = line_edit(self, 40)
        self.sim_edit.setText("36.6")
        self.sim_edit.setMaximumWidth(190)

        self.test_button = QPushButton(self)
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self.take_test_reading)
        self.hid_edit = line_edit(self, 32)
        self.hid_edit.hide()
        self.hid_edit.returnPressed.connect(self._hid_entered)
        self.result_label = field_label(self, "Result")
        self.result_label.hide()
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(self._timed_out)

        self._lay_out()
        self.group.buttonToggled.connect(self._kind_toggled)
        self.port_combo.editTextChanged.connect(self._spec_edited)
        self.baud_combo.currentIndexChanged.connect(self._spec_edited)
        self.sim_edit.textChanged.connect(self._spec_edited)
        self.retranslate_ui()
        self._update_fields()

    def _lay_out(self) -> None:
        serial_row = QHBoxLayout()
        serial_row.setContentsMargins(26, 4, 0, 0)
        serial_row.setSpacing(8)
        serial_row.addWidget(self.port_combo)
        serial_row.addWidget(self.baud_combo)
        serial_row.addStretch(1)
        sim_row = QHBoxLayout()
        sim_row.setContentsMargins(26, 4, 0, 0)
        sim_row.addWidget(self.sim_edit)
        sim_row.addStretch(1)
        rows = {SERIAL: serial_row, SIMULATED: sim_row}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.kind_label)
        layout.addSpacing(8)
        for kind, radio in self.radios.items():
            layout.addWidget(radio)
            layout.addWidget(self.hints[kind])
            if kind in rows:
                layout.addLayout(rows[kind])
            layout.addSpacing(10)
        layout.addSpacing(6)
        test_row = QHBoxLayout()
        test_row.setSpacing(12)
        test_row.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignTop)
        result = QVBoxLayout()
        result.setSpacing(6)
        result.addWidget(self.hid_edit)
        result.addWidget(self.result_label)
        test_row.addLayout(result, 1)
        layout.addLayout(test_row)
        layout.addStretch(1)

    # -- the choice ---------------------------------------------------------------------

    @property
    def kind(self) -> str:
        for kind, radio in self.radios.items():
            if radio.isChecked():
                return kind
        return MANUAL

    def spec_text(self) -> str:
        """The choice as ``--thermometer`` takes it."""
        kind = self.kind
        if kind == SERIAL:
            return f"serial:{self.port_combo.currentText().strip()},{self.baud_combo.currentText()}"
        if kind == SIMULATED:
            return f"sim:{self.sim_edit.text().strip()}"
        return kind

    def _kind_toggled(self, _radio: QRadioButton, checked: bool) -> None:
        if checked:
            self._spec_edited()

    def _spec_edited(self) -> None:
        self._stop_test()
        self._set_result(None, None)
        self._update_fields()
        self.changed.emit()

    def _update_fields(self) -> None:
        kind = self.kind
        self.port_combo.setEnabled(kind == SERIAL)
        self.baud_combo.setEnabled(kind == SERIAL)
        self.sim_edit.setEnabled(kind == SIMULATED)
        self.test_button.setEnabled(kind != MANUAL)
        if kind == MANUAL:
            self._set_result(
                "info", lambda: self.tr("Guards type each reading on the kiosk's keypad: "
                                        "there is nothing to test.")
            )

    def validate(self) -> Problem | None:
        kind = self.kind
        if kind == SERIAL and not self.port_combo.currentText().strip():
            return Problem(
                lambda: self.tr("Choose or type the serial port of the thermometer, such as "
                                "/dev/ttyUSB0 or COM3."),
                self.port_combo,
            )
        try:
            check_thermometer(self.spec_text())
        except UserError as exc:
            if kind == SIMULATED:
                value = self.sim_edit.text().strip()
                return Problem(
                    lambda: self.tr("“{value}” is not a reading. Type a temperature such as "
                                    "36.6 or 97.9F.").format(value=value),
                    self.sim_edit,
                )
            detail = str(exc)
            return Problem(
                lambda: self.tr("This thermometer cannot be used: {detail}").format(
                    detail=detail),
                self.port_combo,
            )
        return None

    # -- the test reading ---------------------------------------------------------------

    def take_test_reading(self) -> None:
        """Open the device chosen and wait for one reading (or its error, or the time out).
        A keyboard-wedge thermometer types into a field shown for it."""
        self._stop_test()
        problem = self.validate()
        if problem is not None:
            self._set_result("problem", problem.message)
            return
        spec = parse_thermometer_spec(self.spec_text())
        seconds = self.devices.reading_timeout_s
        self.testing = True
        self.test_button.setEnabled(False)
        if spec.kind == HID:
            self.hid_edit.clear()
            self.hid_edit.show()
            self.hid_edit.setFocus()
            self._set_result(
                "info", lambda: self.tr("Take a reading with the thermometer now: it types the "
                                        "value into the field above.")
            )
            self._timeout.start(int(seconds * 1000))
            return
        try:
            device = self.devices.open_thermometer(spec)
        except (UserError, OSError, ValueError) as exc:
            detail = str(exc)
            self._finish_test("problem", lambda: self.tr("The thermometer cannot be opened: "
                                                         "{detail}").format(detail=detail))
            return
        if device is None:  # manual
            self._finish_test(None, None)
            return
        bridge = ThermometerBridge(device, description=spec.text)
        queued = Qt.ConnectionType.QueuedConnection
        bridge.reading.connect(self._reading, queued)
        bridge.failed.connect(self._failed, queued)
        self.bridge = bridge
        self._set_result(
            "info", lambda: self.tr("Waiting for a reading from {device}… Take a reading with "
                                    "the thermometer now.").format(device=spec.text)
        )
        self._timeout.start(int(seconds * 1000))
        try:
            bridge.start()
            bridge.request()
        except (UserError, OSError, ValueError) as exc:
            detail = str(exc)
            self._finish_test("problem", lambda: self.tr("The thermometer cannot be opened: "
                                                         "{detail}").format(detail=detail))

    def _reading(self, text: str) -> None:
        if self.sender() is not self.bridge:
            return
        self._show_reading(text)

    def _hid_entered(self) -> None:
        if self.testing and self.kind == HID:
            self._show_reading(self.hid_edit.text())

    def _show_reading(self, text: str) -> None:
        try:
            reading = parse_reading(text, TempUnit.C)
        except ReadingError as exc:
            implausible = exc.implausible
            shown = text.strip()[:20]
            self._finish_test(
                "problem",
                (lambda: self.tr("The thermometer sent {text}, which is outside the plausible "
                                 "range of body temperatures: measure a person, not the room."
                                 ).format(text=shown))
                if implausible
                else (lambda: self.tr("The thermometer sent “{text}”, which is not a "
                                      "temperature.").format(text=shown)),
            )
            return
        value = f"{reading.value_c:.1f} °C"  # notr: a number and a unit
        if reading.unit_entered is TempUnit.F:
            value = f"{reading.value_entered:.1f} °F = {value}"  # notr: numbers and units
        self._finish_test(
            "ok", lambda: self.tr("Reading received: {value}. The thermometer works.").format(
                value=value)
        )

    def _failed(self, message: str) -> None:
        if self.sender() is not self.bridge:
            return
        self._finish_test(
            "problem", lambda: self.tr("The thermometer did not answer: {detail}").format(
                detail=message)
        )

    def _timed_out(self) -> None:
        seconds = self.devices.reading_timeout_s
        self._finish_test(
            "problem",
            lambda: self.tr("No reading arrived within {seconds} s. Check the cable and the "
                            "port, then take a reading with the thermometer while the test "
                            "waits.").format(seconds=f"{seconds:g}"),
        )

    def _finish_test(self, kind: str | None, message: Callable[[], str] | None) -> None:
        self._stop_test()
        self._set_result(kind, message)

    def _stop_test(self) -> None:
        self._timeout.stop()
        bridge, self.bridge = self.bridge, None
        if bridge is not None:
            for signal in (bridge.reading, bridge.failed):
                signal.disconnect()
            bridge.stop()
            bridge.deleteLater()
        self.hid_edit.hide()
        self.testing = False
        self.test_button.setEnabled(self.kind != MANUAL)

    def _set_result(self, kind: str | None, message: Callable[[], str] | None) -> None:
        self._result = None if kind is None or message is None else (kind, message)
        if self._result is None:
            self.result_label.clear()
            self.result_label.hide()
            return
        set_state(self.result_label, "kind", kind or "")
        self.result_label.setText(self._result[1]())
        self.result_label.show()

    @property
    def result_text(self) -> str:
        return self.result_label.text() if self._result is not None else ""

    @property
    def result_kind(self) -> str:
        return self._result[0] if self._result is not None else ""

    # -- the page -----------------------------------------------------------------------

    def leave(self) -> None:
        self._stop_test()

    def shutdown(self) -> None:
        self.leave()

    def describe(self) -> str:
        kind = self.kind
        if kind == SERIAL:
            return self.tr("Serial port {port} ({baud} baud)").format(
                port=self.port_combo.currentText().strip(), baud=self.baud_combo.currentText()
            )
        if kind == SIMULATED:
            return self.tr("Simulated, always {value}").format(value=self.sim_edit.text().strip())
        if kind == HID:
            return self.tr("USB thermometer that types its readings")
        return self.tr("Typed by the guard")

    def summary(self) -> list[tuple[str, str]]:
        return [(self.tr("Thermometer"), self.describe())]

    def retranslate_ui(self) -> None:
        self.kind_label.setText(self.tr("How temperatures reach the kiosk"))
        texts = {
            MANUAL: (self.tr("Typed by the guard"),
                     self.tr("The guard types each reading on the kiosk's keypad.")),
            HID: (self.tr("USB thermometer that types its readings"),
                  self.tr("It types the value and Enter, like a keyboard (a keyboard wedge).")),
            SERIAL: (self.tr("Thermometer on a serial port"),
                     self.tr("It sends a line of text per reading; choose its port and speed.")),
            SIMULATED: (self.tr("Simulated"),
                        self.tr("Always answers with this value: for demonstrations and "
                                "training.")),
        }
        for kind, (title, hint) in texts.items():
            self.radios[kind].setText(title)
            self.hints[kind].setText(hint)
        self.port_combo.lineEdit().setPlaceholderText(self.tr("Port, such as COM3"))
        self.test_button.setText(self.tr("Take a test reading"))
        self.hid_edit.setPlaceholderText(self.tr("The thermometer types here"))
        if self._result is not None:
            self.result_label.setText(self._result[1]())
