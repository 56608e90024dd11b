"""The user interface language: which one to use, and switching it while the app runs.

Source strings are English. Chinese comes from ``gatekeeper/resources/translations/
gatekeeper_zh_CN.qm`` (compiled from ``resources/translations/gatekeeper_zh_CN.ts``), read
through importlib.resources so that it works from an installed package. Installing or removing
a translator makes Qt send every widget a LanguageChange event; widgets answer it by calling
their ``retranslate_ui()``.
"""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = (ENGLISH, CHINESE)
# Each language is offered under its own name, so these are never translated.
LANGUAGE_NAMES = {ENGLISH: "English", CHINESE: "简体中文"}
ENV_LANGUAGE = "GATEKEEPER_LANG"
CATALOGUE = "gatekeeper"


def normalise_language(value: str | None) -> str | None:
    """The supported language that a code such as 'zh', 'zh-CN', 'zh_CN.UTF-8', 'en_GB' or
    'C' means; None for an empty value or a language gatekeeper does not have."""
    if not value:
        return None
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").lower()
    if code.startswith("zh"):
        return CHINESE
    if code in ("en", "c", "posix") or code.startswith("en_"):
        return ENGLISH
    return None


def choose_language(
    explicit: str | None = None,
    environment: str | None = None,
    saved: str | None = None,
    system_locale: str | None = None,
) -> str:
    """The first that names a supported language: the explicit choice (``--lang``), the
    environment (``GATEKEEPER_LANG``), the choice saved from the last run, else the system
    locale, where any Chinese locale means Simplified Chinese and anything else English."""
    for candidate in (explicit, environment, saved):
        language = normalise_language(candidate)
        if language is not None:
            return language
    if system_locale and system_locale.strip().lower().startswith("zh"):
        return CHINESE
    return ENGLISH


def catalogue_bytes(language: str) -> bytes | None:
    """The compiled translations for a language, or None when the package has none."""
    name = f"{CATALOGUE}_{language}.qm"
    path = resources.files("gatekeeper").joinpath("resources", "translations", name)
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None


class Translations:
    """Owns the application's translators: gatekeeper's own and Qt's (standard buttons)."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        # QTranslator.load(data) does not copy the data: it must outlive the translator.
        self._data: list[bytes] = []
        self.language = ENGLISH

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        self._data = []
        if language != ENGLISH:
            self._install_ours(language)
            self._install_qts(language)
        QLocale.setDefault(QLocale(language))
        self.language = language

    def _install_ours(self, language: str) -> None:
        data = catalogue_bytes(language)
        translator = QTranslator(self._app)
        if data is None or not translator.load(data):
            # A packaging bug, not a reason to refuse to start: the English text stays.
            log.error("The %s translations are missing from the package", language)
            return
        self._data.append(data)
        self._app.installTranslator(translator)
        self._installed.append(translator)

    def _install_qts(self, language: str) -> None:
        translator = QTranslator(self._app)
        directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{language}", directory):
            self._app.installTranslator(translator)
            self._installed.append(translator)
        else:
            log.info("Qt's own %s translations are not installed in %s", language, directory)
