"""Translators: Chinese is the source language; an English translation (resources/translations) is optional.

The ``.ts`` files are made with ``pyside6-lupdate`` and compiled to ``.qm`` with ``pyside6-lrelease``
(both ship with PySide6-Essentials in ``.venv/bin``); ``update_translations()`` runs both. The
compiled ``.qm`` is committed beside its ``.ts`` so a checkout runs without the tools.

Workflow after changing UI text: ``python -m gui.i18n`` (extract + compile), add English for new
sources to ``resources/translations/fill_en.py`` and run it, then ``python -m gui.i18n`` again.
lupdate only sees literals inside ``self.tr(…)``, ``QCoreApplication.translate("Ctx", …)`` and
``QT_TRANSLATE_NOOP("Ctx", …)``; fill numbers and names in with ``arg(translated, …)``.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from core import messages
from core.model import Finding
from core.resources import resource_dir

log = logging.getLogger(__name__)

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
_installed: list[QTranslator] = []


_ARG = re.compile(r"%([1-9])")


def arg(template: str, *args: object) -> str:
    """Fill ``%1``…``%9`` of an already translated string in one pass (like ``QString.arg``).

    Placeholders keep sentences whole for translators; arguments containing ``%2`` are not rescanned.
    """
    return _ARG.sub(lambda m: str(args[int(m.group(1)) - 1]) if int(m.group(1)) <= len(args) else m.group(0), template)


def finding_text(finding: Finding) -> str:
    """A finding in the UI's language: English from core.messages' catalog, Chinese when it has no English form."""
    app = QCoreApplication.instance()
    language = app.property("ogi_language") if app is not None else None
    return messages.text(finding, str(language or "zh_CN"))


def translations_dir() -> Path:
    return resource_dir() / "translations"


def install_translators(app: QCoreApplication, language: str) -> bool:
    """Install qtbase's and the app's translator for ``language``; True if the app's loaded.

    Chinese needs no app translator (it is the source language) but still gets qtbase_zh_CN so
    standard dialogs (file dialog buttons, context menus) speak Chinese too.
    """
    app.setProperty("ogi_language", language)  # what finding_text reads
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    base = QTranslator(app)
    if base.load(QLocale(language), "qtbase", "_", qt_dir):
        app.installTranslator(base)
        _installed.append(base)
    if language.startswith("zh"):
        # The few strings of Qt's own dialogs that qtbase_zh_CN leaves in English (the file
        # dialog's labels), from resources/translations/qt_gaps_zh_CN.ts (compiled with lrelease).
        gaps = QTranslator(app)
        if gaps.load(str(translations_dir() / "qt_gaps_zh_CN.qm")):
            app.installTranslator(gaps)
            _installed.append(gaps)
        return True
    tr = QTranslator(app)
    qm = translations_dir() / f"ogi_review_{language}.qm"
    if qm.is_file() and tr.load(str(qm)):
        app.installTranslator(tr)
        _installed.append(tr)
        return True
    log.warning("translation %s not found at %s", language, qm)
    return False


def update_translations() -> int:
    """Re-extract strings into the .ts files and compile the .qm files (developer/packaging step)."""
    root = resource_dir().parent
    sources = sorted(str(p) for p in (root / "gui").rglob("*.py"))
    bindir = Path(sys.executable).parent
    rc = 0
    for lang in LANGUAGES:
        if lang.startswith("zh"):
            continue
        ts = translations_dir() / f"ogi_review_{lang}.ts"
        rc |= subprocess.call([str(bindir / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(ts)])
        rc |= subprocess.call([str(bindir / "pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))])
    return rc


if __name__ == "__main__":
    sys.exit(update_translations())
