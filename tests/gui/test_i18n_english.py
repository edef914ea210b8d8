"""The English UI: every marked string is translated, no Chinese literal escapes tr(), no stray Chinese shown."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QToolBar,
    QWidget,
)
from shiboken6 import getCppPointer

from core import messages, templates
from core.layout import national_tables, template_rows
from core.resources import resource_dir, sample_files
from gui.i18n import arg, install_translators
from tests.conftest import ROOT

TS = resource_dir() / "translations" / "ogi_review_en.ts"
GUI = ROOT / "gui"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
TR_CALLS = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}

# Chinese literals outside tr() on purpose, by module: text that is not UI chrome.
UNTRANSLATED_ON_PURPOSE = {
    # Console output of the command line and the self-test (the CLI speaks Chinese by design).
    "launcher.py": None,
    "selftest.py": None,
    # Each language's own name in the language chooser.
    "i18n.py": {"简体中文"},
    # Log line, not shown.
    "errors.py": {"未处理的异常：\n%s"},
    # What a reviewer may type into a cell: empty-cell token, units, 增/减 signs.
    "cell_values.py": {"无", "万元", "元", "件", "项", "个", "次", "起", "增", "减"},
    "numeric_delegate.py": {"^[+\\-＋－增减]?["},
    # The workspace project's file name in the data folder (not shown as text).
    "project_session.py": {"工作区"},
}


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(c.find("name").text, m.find("source").text, m) for c in root.iter("context") for m in c.iter("message")]


def test_every_extracted_string_has_an_english_translation(tmp_path: Path) -> None:
    """lupdate over all of gui/ finds nothing the .ts lacks, and every entry is translated (not empty)."""
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    sources = sorted(str(p) for p in GUI.rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    extracted = {(ctx, src) for ctx, src, _ in _messages(fresh)}
    assert len(extracted) > 250
    in_ts = {(ctx, src): m for ctx, src, m in _messages(TS)}
    missing = sorted(extracted - set(in_ts))
    assert not missing, f"run `python -m gui.i18n`, add English to fill_en.py, run it: {missing[:5]}"
    bad = []
    for key in extracted:
        tr = in_ts[key].find("translation")
        if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished") or not (tr.text or "").strip():
            bad.append(key)
    assert not bad, f"untranslated in {TS.name}: {sorted(bad)[:5]}"
    # Placeholders survive translation (a lost %2 would drop a number from the sentence).
    for (_ctx, src), m in in_ts.items():
        if (_ctx, src) in extracted:
            want = sorted(re.findall(r"%\d", src))
            assert sorted(re.findall(r"%\d", m.find("translation").text)) == want, src


def test_the_compiled_qm_is_current(qapp) -> None:  # type: ignore[no-untyped-def]
    """The .qm answers every string of the .ts (it is rebuilt by `python -m gui.i18n`)."""
    app = qapp
    try:
        assert install_translators(app, "en")
        stale = [
            (ctx, src)
            for ctx, src, m in _messages(TS)
            if m.find("translation").get("type") is None
            and QCoreApplication.translate(ctx, src) != m.find("translation").text
        ]
    finally:
        install_translators(app, "zh_CN")
    assert not stale, f"run `python -m gui.i18n` to rebuild the .qm: {stale[:5]}"


def _untranslated_literals(path: Path) -> list[str]:
    """Chinese string literals of a module that are no argument of tr()/translate() (docstrings aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    marked: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
            if name in TR_CALLS:
                marked.update(id(a) for a in node.args if isinstance(a, ast.Constant))
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            marked.add(id(first.value))  # docstring
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and CJK.search(n.value) and id(n) not in marked
    ]


def test_no_chinese_literal_escapes_translation() -> None:
    """A Chinese literal in gui/ is either marked for lupdate or listed above with its reason."""
    found = {}
    for path in sorted(GUI.rglob("*.py")):
        allowed = UNTRANSLATED_ON_PURPOSE.get(path.name, set())
        if allowed is None:
            continue
        stray = [s for s in _untranslated_literals(path) if s not in allowed]
        if stray:
            found[str(path.relative_to(ROOT))] = stray
    assert not found, f"wrap these in self.tr()/QCoreApplication.translate(): {found}"


def test_the_scanner_sees_an_unmarked_literal(tmp_path: Path) -> None:
    p = tmp_path / "m.py"
    p.write_text('"""文档。"""\nA = "中文"\nB = QCoreApplication.translate("X", "已翻译")\nC = f"{A}共 {B} 页"\n')
    assert sorted(_untranslated_literals(p)) == sorted(["中文", "共 ", " 页"])


def test_arg_fills_placeholders_in_one_pass() -> None:
    assert arg("修改 %1：%2 → %3", "a%2", 5, 6) == "修改 a%2：5 → 6"
    assert arg("%2 and %1", "x", "y") == "y and x"
    assert arg("%1 %2", "only") == "only %2"


# --------------------------------------------------------------------------- the English window


def _official_texts(window: object) -> list[str]:
    """Chinese that stays Chinese in English: printed table labels, report metadata, file names, findings."""
    out: set[str] = set(templates.TABLE_SHORT.values()) | set(templates.TABLE_TITLES.values())
    for template in templates.TEMPLATES:  # every printed label of the tables (core/layout.py)
        out |= {t.text for t in national_tables(template).texts}
    for template in templates.LAYOUTS:
        for table in templates.TABLE_SHORT:
            try:
                blocks = templates.layout(template, table)
            except KeyError:
                continue
            out |= {label for _name, label in template_rows(table, template)}
            for block in blocks:
                out.add(block.caption)
                for row in block.rows:
                    out |= {row.label, row.group}
                for col in block.columns:
                    out.add(col.label)
                    if col.group:
                        out.add(col.group)
    for entry in window.entries():  # type: ignore[attr-defined]
        rr = entry.reviewed
        out |= {Path(rr.path).name, Path(rr.path).stem}
        for key in ("agency", "year", "published", "index_no", "publisher", "title"):
            value = rr.metadata_value(key)
            if value:
                out.add(str(value))
        out |= {s.title.strip() for s in rr.report.sections if s.title.strip()}
        out |= {templates.field(fid).printed_name() for fid in rr.report.values}
        for f in entry.findings:
            if messages.text(f, "en") == f.message:
                out.add(f.message)  # a kind that stays Chinese (core.messages.CHINESE_ONLY)
                continue
            # the report's own words a finding quotes: labels, sentences, operands as printed
            for value in f.params.values():
                for v in value if isinstance(value, list) else [value]:
                    if isinstance(v, str) and CJK.search(v):
                        out |= {v, *re.split(r"[、，；,]\s*|\s*\+\s*", v)}
    return sorted((t for t in out if t), key=len, reverse=True)


def _strip(text: str, official: list[str]) -> str:
    text = re.sub(r"<[^>]+>", "", text)
    for t in official:
        text = text.replace(t, "")
    return text


def _texts(window: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of the window's menus, toolbar, docks, tabs, headers, labels, buttons and fields."""
    yield "window title", window.windowTitle()

    # Each submenu found from its own side: with PySide6 6.8, a menu reached through QAction.menu() is deleted
    # together with that action's Python wrapper.
    submenus = {getCppPointer(m.menuAction())[0]: m for m in window.findChildren(QMenu)}

    def menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
        menu.aboutToShow.emit()  # fill menus built on demand (recent files/projects)
        yield where, menu.title()
        for act in menu.actions():
            sub = submenus.get(getCppPointer(act)[0])
            if sub is not None:
                yield from menu_texts(sub, f"{where} › {sub.title()}")
            elif not act.isSeparator():
                yield f"{where} › action", act.text()
                yield f"{where} › {act.text()} tip", act.statusTip()

    for act in window.menuBar().actions():
        sub = submenus.get(getCppPointer(act)[0])
        if sub is not None:
            yield from menu_texts(sub, "menu")
    for bar in window.findChildren(QToolBar):
        yield "toolbar", bar.windowTitle()
        for act in bar.actions():
            yield "toolbar action", act.text()
            yield "toolbar tooltip", act.toolTip()
    for w in window.findChildren(QWidget):
        if not w.isVisible():
            continue
        name = f"{type(w).__name__}#{w.objectName()}"
        if isinstance(w, QDockWidget):
            yield name, w.windowTitle()
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield f"{name} tab", w.tabText(i)
        elif isinstance(w, QLabel):
            yield name, w.text()
        elif isinstance(w, QAbstractButton):
            yield name, w.text()
            yield f"{name} tooltip", w.toolTip()
        elif isinstance(w, QLineEdit):
            yield f"{name} placeholder", w.placeholderText()
        elif isinstance(w, QComboBox):
            # The findings' kinds are named by their (Chinese) messages, like the findings list rows.
            kinds = w.objectName() == "findings_rule_filter"
            for i in range(1 if kinds else 0, 1 if kinds else w.count()):
                yield f"{name} item", w.itemText(i)
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            for orientation, n in ((Qt.Horizontal, model.columnCount()), (Qt.Vertical, 0)):
                for section in range(n):
                    value = model.headerData(section, orientation, Qt.DisplayRole)
                    yield f"{name} header", str(value or "")


@pytest.fixture
def english(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    assert install_translators(qapp, "en")
    yield
    install_translators(qapp, "zh_CN")


@pytest.mark.slow
def test_english_window_shows_no_stray_chinese(qtbot, qapp, english, sync_workers) -> None:  # type: ignore[no-untyped-def]
    """Every sample report shown in English: menus, toolbar, headers, legend and buttons speak English."""
    from gui.main_window.window import MainWindow

    samples = sample_files()
    assert samples, "resources/samples has no sample reports"
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.batch_finished, timeout=120000):
        window.open_paths([str(p) for p in samples])
    entries = window.entries()
    assert len(entries) == len(samples)
    assert any(e.findings for e in entries), "no sample has findings: the findings panel goes unchecked"
    official = _official_texts(window)
    stray = []
    for entry in [*entries, max(entries, key=lambda e: len(e.findings))]:
        window.show_entry(entry)
        if entry.findings:
            window.go_to_next_finding(1)
        seen = list(_texts(window))
        assert any(text == "&File" for _, text in seen)
        assert any(text == "Severity" for _, text in seen)
        stray += [(Path(entry.path).name, where, text) for where, text in seen if CJK.search(_strip(text, official))]
    assert not stray, stray[:10]
    # the findings themselves are in English (worded by core.messages), the report's words quoted
    model = window.findings_panel.model
    shown = [model.data(model.index(i, 1), Qt.DisplayRole) for i in range(model.rowCount())]
    assert shown and all(s != f.message for s, f in zip(shown, model.findings, strict=True)), shown
    qtbot.wait(50)  # let layouts settle before grabbing (not a synchronisation point)
    out = ROOT / "tests" / "output"
    out.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(out / "main_window_en.png"))


@pytest.mark.slow
def test_english_cell_tooltip_and_undo_name(qtbot, qapp, english, sync_workers) -> None:  # type: ignore[no-untyped-def]
    """A corrected cell's tooltip and the undo step name: English around the printed cell name."""
    from gui.main_window.window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.batch_finished, timeout=120000):
        window.open_paths([str(sample_files()[0])])
    tables = window.stat_tables
    model = tables.models[templates.TABLE_APPLY]
    fid = next(f for f in window.current.reviewed.report.values if model.grid.of_field(f) is not None)
    cell = model.grid.of_field(fid)
    index = model.index(cell.row, cell.col)
    old = model.data(index, Qt.EditRole)
    assert model.setData(index, str((old or 0) + 7), Qt.EditRole)
    official = _official_texts(window)
    name = templates.field(fid).printed_name()
    undo = window.act_undo.text()
    assert name in undo and undo.startswith("Undo Change "), undo
    tip = model.data(index, Qt.ToolTipRole)
    assert "Printed value: " in tip and "Corrected: " in tip, tip
    assert not CJK.search(_strip(tip, official)), tip
    assert not CJK.search(_strip(undo, official)), undo


@pytest.mark.slow
def test_english_row_label_dialog(qtbot, qapp, english, sync_workers) -> None:  # type: ignore[no-untyped-def]
    """The 更正行标签 dialog: English chrome around the printed row labels and values."""
    from gui.main_window.window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.batch_finished, timeout=120000):
        window.open_paths([str(sample_files()[0])])
    model = window.stat_tables.models[templates.TABLE_APPLY]
    row = next(c.row_name for c in model.grid.cells if c.kind == "label" and c.row_name)
    dialog = window.stat_tables.open_remap_dialog(row)
    assert dialog is not None
    qtbot.addWidget(dialog)
    official = _official_texts(window)
    texts = [dialog.windowTitle(), *(w.text() for w in dialog.findChildren(QLabel))]
    texts += [dialog.rows.item(i).text() for i in range(dialog.rows.count())]
    assert dialog.windowTitle() == "Correct Row Label"
    assert any("(as read)" in t for t in texts)
    stray = [t for t in texts if CJK.search(_strip(t, official))]
    assert not stray, stray
    dialog.reject()
