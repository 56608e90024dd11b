"""Screenshots of the real run_gui: first run, then home, in one language."""
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gatekeeper import app as gateapp
from gatekeeper.ui.first_run import FirstRunScreen
from gatekeeper.ui.home import HomeWindow

language, out = sys.argv[1], sys.argv[2]
names = {"en": ("Shenzhen Plant 2", "North Gate"), "zh_CN": ("深圳二厂", "北门")}
suffix = {"en": "en", "zh_CN": "zh"}[language]
qapp = QApplication(sys.argv[:1])


def visible(kind):
    return next(w for w in qapp.topLevelWidgets() if isinstance(w, kind) and w.isVisible())


def first_run():
    screen = visible(FirstRunScreen)
    screen.grab().save(f"{out}/first-run-{suffix}.png")
    if len(sys.argv) > 3:
        screen.timezone_combo.setEditText("Mars/Olympus")
        screen.site_edit.setText(names[language][0])
        screen.gate_edit.setText(names[language][1])
        screen.create()
        screen.grab().save(f"{out}/first-run-error-{suffix}.png")
        screen.timezone_combo.setEditText("Asia/Shanghai")
    screen.site_edit.setText(names[language][0])
    screen.gate_edit.setText(names[language][1])
    screen.create()
    QTimer.singleShot(700, home)


def home():
    window = visible(HomeWindow)
    window.grab().save(f"{out}/home-{suffix}.png")
    qapp.quit()


QTimer.singleShot(900, first_run)
sys.exit(gateapp.run_gui(None, None, language))
