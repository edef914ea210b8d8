"""Translations (English .qm built from the .ts) and the Simplified Chinese font."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase

from core.resources import resource_dir
from gui.i18n import install_translators

TS = resource_dir() / "translations" / "ogi_review_en.ts"


def _sources(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {(c.find("name").text, m.find("source").text) for c in root.iter("context") for m in c.iter("message")}


def test_a_simplified_chinese_font_is_installed(qapp) -> None:
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert families, "Qt finds no Simplified Chinese font: install fonts-noto-cjk (dev.sh does)"
    from gui.app import ensure_chinese_font

    assert ensure_chinese_font(qapp) in families


def test_english_translation_is_complete_and_current(tmp_path: Path) -> None:
    """Every string the GUI marks for translation is in the .ts, translated."""
    fresh = tmp_path / "fresh.ts"
    gui = resource_dir().parent / "gui"
    # The shell's modules (other engineers' widgets join the .ts when they mark strings for translation).
    mine = [
        "app.py",
        "main_window/window.py",
        "errors.py",
        "settings.py",
        "report_list/report_list.py",
        "source_view/source_view.py",
        "findings/findings_panel.py",
        "metadata/metadata_panel.py",
        "dialogs/confirm_dialog.py",
        "dialogs/settings_dialog.py",
    ]
    sources = [str(gui / m) for m in mine]
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    missing = _sources(fresh) - _sources(TS)
    assert not missing, f"run `python -m gui.i18n` and fill_en.py: {sorted(missing)[:5]}"
    unfinished = [
        m.find("source").text
        for m in ET.parse(TS).getroot().iter("message")
        if m.find("translation").get("type") == "unfinished"
    ]
    assert not unfinished


def test_english_switches_the_window_language(qtbot, qapp) -> None:
    try:
        assert install_translators(qapp, "en")
        assert QCoreApplication.translate("MainWindow", "打开文件…") == "Open Files…"
        from gui.main_window.window import MainWindow

        w = MainWindow()
        qtbot.addWidget(w)
        assert w.act_open.text() == "Open Files…"
        assert w.findings_panel.model.headerData(1, Qt.Horizontal) == "Findings"
    finally:
        install_translators(qapp, "zh_CN")
    assert QCoreApplication.translate("MainWindow", "打开文件…") == "打开文件…"
