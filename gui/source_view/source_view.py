"""Sections tree beside the report's text (normalised or original), with highlighted spans and boundary moves."""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.model import Section, Span
from core.review.state import ReviewedReport
from gui.source_view.source_table import SourceCell, SourceTableView, cells_from_grid, cells_from_text

SECTION_NAMES = {
    "s1": QT_TRANSLATE_NOOP("SourceView", "第一部分 总体情况"),
    "s2": QT_TRANSLATE_NOOP("SourceView", "第二部分 主动公开政府信息情况"),
    "s3": QT_TRANSLATE_NOOP("SourceView", "第三部分 收到和处理政府信息公开申请情况"),
    "s4": QT_TRANSLATE_NOOP("SourceView", "第四部分 政府信息公开行政复议、行政诉讼情况"),
    "s5": QT_TRANSLATE_NOOP("SourceView", "第五部分 存在的主要问题及改进情况"),
    "s6": QT_TRANSLATE_NOOP("SourceView", "第六部分 其他需要报告的事项"),
}
SECTION_ORDINALS = {
    "s1": QT_TRANSLATE_NOOP("SourceView", "设为第一部分开头"),
    "s2": QT_TRANSLATE_NOOP("SourceView", "设为第二部分开头"),
    "s3": QT_TRANSLATE_NOOP("SourceView", "设为第三部分开头"),
    "s4": QT_TRANSLATE_NOOP("SourceView", "设为第四部分开头"),
    "s5": QT_TRANSLATE_NOOP("SourceView", "设为第五部分开头"),
    "s6": QT_TRANSLATE_NOOP("SourceView", "设为第六部分开头"),
}
SID_ROLE = Qt.UserRole + 1
VALUE_COLOR = QColor("#ffd54f")
SECTION_HEADING_COLOR = QColor("#bbdefb")
SECTION_BODY_COLOR = QColor("#f1f8ff")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SourceView", text)


SCROLL_MIN_HEIGHT = 40  # logical pixels: the text, the section list and the grid shrink this far

class _Utf16Map:
    """Python string index ↔ Qt document position (QTextDocument counts UTF-16 units)."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def to_qt(self, index: int) -> int:
        return index + bisect_left(self._astral, index) if self._astral else index

    def from_qt(self, pos: int) -> int:
        if not self._astral:
            return pos
        index = pos
        for _ in range(3):  # converges fast: each astral char before the position adds one unit
            index = pos - bisect_left(self._astral, index)
        return max(0, index)


class SourceView(QWidget):
    """What the program read, and where: sections and text, with the selection highlighted.

    Signals:
        section_start_requested(str, int): the reviewer asked section ``sid`` to start at a
            position of the normalised text (the start of the cursor's line).
        section_selected(str): a section was picked in the tree.
    """

    section_start_requested = Signal(str, int)
    section_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reviewed: ReviewedReport | None = None
        self.read_only = False  # a read-only project: section boundaries cannot be moved
        self._shown_text = ""
        self._map = _Utf16Map("")
        self._section_span: Span | None = None
        self._value_span: Span | None = None

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("sections_tree")
        self.tree.setHeaderLabels([self.tr("部分")])
        self.tree.setRootIsDecorated(False)
        self.tree.currentItemChanged.connect(self._tree_current_changed)

        self.text = QPlainTextEdit(self)
        self.text.setObjectName("source_text")
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.text.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.text.setContextMenuPolicy(Qt.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._context_menu)
        self.text.setTabStopDistance(self.text.fontMetrics().horizontalAdvance("0") * 8)

        self.original_check = QCheckBox(self.tr("显示原文"), self)
        self.original_check.setObjectName("show_original")
        self.original_check.setToolTip(self.tr("显示文件的原始文字（未经繁简转换、去除拼音和页眉页脚等规范化处理）"))
        self.original_check.toggled.connect(self._show_mode_changed)
        self.wrap_check = QCheckBox(self.tr("自动换行"), self)
        self.wrap_check.setObjectName("wrap_lines")
        self.wrap_check.setToolTip(self.tr("关闭后，表格的每一行在正文中占一行，便于对照各列"))
        self.wrap_check.setChecked(True)
        self.wrap_check.toggled.connect(
            lambda on: self.text.setLineWrapMode(QPlainTextEdit.WidgetWidth if on else QPlainTextEdit.NoWrap)
        )
        self.info = QLabel(self)
        self.info.setObjectName("source_info")
        self.info.setWordWrap(True)  # its own line: never squeezed away by the search box
        self.search = QLineEdit(self)
        self.search.setObjectName("source_search")
        self.search.setPlaceholderText(self.tr("查找"))
        self.search.setClearButtonEnabled(True)
        # up to 12 characters wide; on a narrow screen it gives way so the section list keeps its width
        self.search.setMaximumWidth(self.fontMetrics().averageCharWidth() * 12)
        self.search.setMinimumWidth(self.fontMetrics().averageCharWidth() * 6)
        self.search.setToolTip(self.tr("在原文中查找（Ctrl+Shift+F）：回车下一处，Shift+回车上一处"))
        self.search.returnPressed.connect(lambda: self.find_text(self.search.text()))
        self.search.installEventFilter(self)

        self.section_combo = QComboBox(self)
        self.section_combo.setObjectName("section_combo")
        # the longest heading does not set the pane's minimum width (a narrow screen elides it)
        self.section_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.section_combo.setMinimumContentsLength(3)
        self.section_button = QPushButton(self.tr("设为该部分开头"), self)
        self.section_button.setObjectName("section_start_button")
        self.section_button.setToolTip(self.tr("把光标所在行设为所选部分的开头（可撤销）"))
        self.section_button.clicked.connect(self._combo_requested)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.original_check)
        top.addWidget(self.wrap_check)
        top.addStretch(1)
        top.addWidget(self.search, 1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(QLabel(self.tr("光标所在行："), self))
        bottom.addWidget(self.section_combo, 1)
        bottom.addWidget(self.section_button)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        # The table the highlighted value was read from, as a table (HTML/Word/PDF grids; tab or
        # Markdown rows of text reports), under the flattened text.
        self.table_view = SourceTableView(self)
        self.table_view.hide()
        self.text_splitter = QSplitter(Qt.Vertical, self)
        self.text_splitter.setObjectName("source_text_splitter")
        self.text_splitter.addWidget(self.text)
        self.text_splitter.addWidget(self.table_view)
        self.text_splitter.setStretchFactor(0, 3)
        self.text_splitter.setStretchFactor(1, 2)
        rl.addWidget(self.text_splitter, 1)

        # A few lines each at least (not Qt's default of a scroll area's bars): the centre column
        # holds the metadata, this view and a PDF page within a 768-pixel screen at 150 %.
        for area in (self.tree, self.text, self.table_view):
            area.setMinimumHeight(SCROLL_MIN_HEIGHT)
        self.splitter = QSplitter(Qt.Horizontal, self)
        self.splitter.setObjectName("source_splitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([150, 370])
        # The rows of controls span the section list and the text: on a narrow window the pane's
        # minimum width is the wider of them, not the list's plus the controls' (1366×768 at 150 %).
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.info)
        lay.addWidget(self.splitter, 1)
        lay.addLayout(bottom)
        self._fill_combo([])

    # ---- public API
    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        editable = self.reviewed is not None and not self.showing_original() and not read_only
        self.section_button.setEnabled(editable)
        self.section_combo.setEnabled(editable)

    def set_report(self, reviewed: ReviewedReport | None) -> None:
        """Show a report's sections and text (None: empty)."""
        self.reviewed = reviewed
        self._section_span = None
        self._value_span = None
        self.table_view.hide()
        # A new report starts with no section selected: the previous report's choice would
        # highlight a part the reviewer never chose here.
        self.tree.blockSignals(True)
        self.tree.clear()
        self.tree.blockSignals(False)
        self._load_text()
        self.refresh_sections()

    def refresh_sections(self) -> None:
        """Rebuild the tree from the report's current sections (after a boundary move)."""
        current = self.current_section_id()
        self.tree.blockSignals(True)
        self.tree.clear()
        secs = self.reviewed.sections() if self.reviewed is not None else []
        for s in secs:
            self._add_item(self.tree.invisibleRootItem(), s)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self._fill_combo(secs)
        if self.reviewed is not None and not secs:
            self.info.setText(self.tr("未识别出报告的各部分，可在正文中把光标放在标题行上手工设定。"))
        elif self.reviewed is not None:
            self.info.setText(self._form_text())
        else:
            self.info.clear()  # no report shown: the last one's format would be stale
        if current:
            self.select_section(current, scroll=False)

    def select_section(self, sid: str, scroll: bool = True) -> bool:
        """Select a section in the tree, highlight it in the text and scroll to its heading."""
        item = self._find_item(sid)
        if item is None:
            return False
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(item)
        self.tree.blockSignals(False)
        sec = self._section(sid)
        self._section_span = sec.body if sec else None
        self._apply_highlights()
        if sec and scroll:
            self._scroll_to(sec.heading)
        return True

    def highlight_span(self, span: Span | None, scroll: bool = True) -> None:
        """Highlight a range of the normalised text (a value, a finding) and scroll to it; the
        table it lies in is shown as a table below the text."""
        self._value_span = span
        self._apply_highlights()
        self._show_source_table(span)
        if span is not None and scroll:
            self._scroll_to(span)
            sec = self._section_at(span.start)
            if sec is not None:
                item = self._find_item(sec.id)
                if item is not None:
                    self.tree.blockSignals(True)
                    self.tree.setCurrentItem(item)
                    self.tree.blockSignals(False)

    def find_text(self, text: str, backward: bool = False) -> bool:
        """Find the next (or previous) occurrence of ``text`` in the shown text, wrapping around."""
        if not text:
            return False

        def find() -> bool:
            if backward:
                return self.text.find(text, QTextDocument.FindFlag.FindBackward)
            return self.text.find(text)

        if find():
            return True
        cursor = self.text.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
        self.text.setTextCursor(cursor)
        found = find()
        if not found:
            self.info.setText(self.tr("原文中没有“%1”").replace("%1", text))
        return found

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                self.find_text(self.search.text(), backward=True)
                return True
        return super().eventFilter(watched, event)

    def _show_source_table(self, span: Span | None) -> None:
        rr = self.reviewed
        cells: list[SourceCell] = []
        if rr is not None and span is not None:
            grid = next(
                (g for g in rr.report.document.grids if g.span is not None and g.span.start <= span.start < g.span.end),
                None,
            )
            cells = cells_from_grid(grid) if grid is not None else cells_from_text(rr.report.text, span.start)
        if len(cells) < 2:
            self.table_view.hide()
            return
        self.table_view.show_cells(cells, span)
        self.table_view.show()

    def highlighted_text(self) -> str:
        """The text currently highlighted as the selected value (as shown)."""
        span = self._shown_span(self._value_span)
        return "" if span is None else self._shown_text[span.start : span.end]

    def current_section_id(self) -> str:
        item = self.tree.currentItem()
        return item.data(0, SID_ROLE) if item is not None else ""

    def showing_original(self) -> bool:
        return self.original_check.isChecked()

    def cursor_line_start(self) -> int | None:
        """Start of the cursor's line in the normalised text (None in the original-text view)."""
        if self.showing_original() or self.reviewed is None:
            return None
        pos = self._map.from_qt(self.text.textCursor().block().position())
        return min(pos, len(self._shown_text))

    def move_cursor_to(self, index: int) -> None:
        """Put the text cursor at a normalised-text index (tests, keyboard users)."""
        c = self.text.textCursor()
        c.setPosition(self._map.to_qt(min(index, len(self._shown_text))))
        self.text.setTextCursor(c)

    def section_actions_for_cursor(self) -> list[tuple[str, str]]:
        """(sid, label) of the boundary moves offered for the cursor's line."""
        return [(sid, label) for sid, label in self._boundary_choices()]

    # ---- internals
    def _form_text(self) -> str:
        doc = self.reviewed.report.document if self.reviewed else None
        if doc is None:
            return ""
        n = len(self.reviewed.sections())
        return self.tr("%1 格式，%2 个部分").replace("%1", doc.form.upper()).replace("%2", str(n))

    def _load_text(self) -> None:
        if self.reviewed is None:
            text = ""
        elif self.showing_original():
            doc = self.reviewed.report.document
            text = (doc.original or doc.text).replace("\r\n", " \n").replace("\r", "\n")
        else:
            text = self.reviewed.report.text
        self._shown_text = text
        self._map = _Utf16Map(text)
        self.text.setPlainText(text)
        editable = self.reviewed is not None and not self.showing_original() and not self.read_only
        self.section_button.setEnabled(editable)
        self.section_combo.setEnabled(editable)

    def _add_item(self, parent: QTreeWidgetItem, s: Section) -> None:
        title = s.title.strip() or (_tr(SECTION_NAMES[s.id]) if s.id in SECTION_NAMES else s.id)
        item = QTreeWidgetItem(parent, [title])
        item.setData(0, SID_ROLE, s.id)
        item.setToolTip(0, title)
        moved = self.reviewed is not None and s.id in self.reviewed.state.section_starts
        if moved:
            f = item.font(0)
            f.setItalic(True)
            item.setFont(0, f)
            item.setToolTip(0, title + "\n" + self.tr("（开头位置已手工调整）"))
        for child in s.children:
            self._add_item(item, child)

    def _find_item(self, sid: str) -> QTreeWidgetItem | None:
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            it = stack.pop(0)
            if it.data(0, SID_ROLE) == sid:
                return it
            stack.extend(it.child(i) for i in range(it.childCount()))
        return None

    def _section(self, sid: str) -> Section | None:
        if self.reviewed is None:
            return None
        stack = list(self.reviewed.sections())
        while stack:
            s = stack.pop(0)
            if s.id == sid:
                return s
            stack.extend(s.children)
        return None

    def _section_at(self, pos: int) -> Section | None:
        if self.reviewed is None:
            return None
        for s in self.reviewed.sections():
            if s.body.start <= pos < max(s.body.end, s.body.start + 1):
                return s
        return None

    def _boundary_choices(self) -> list[tuple[str, str]]:
        ids = list(SECTION_ORDINALS)
        if self.reviewed is not None:
            for s in self.reviewed.sections():
                if s.id not in ids:
                    ids.append(s.id)
        out = []
        for sid in ids:
            if sid in SECTION_ORDINALS:
                out.append((sid, _tr(SECTION_ORDINALS[sid])))
            else:
                sec = self._section(sid)
                title = sec.title if sec else sid
                out.append((sid, self.tr("设为“%1”的开头").replace("%1", title[:20])))
        return out

    def _fill_combo(self, secs: list[Section]) -> None:
        cur = self.section_combo.currentData()
        self.section_combo.clear()
        for sid, _label in self._boundary_choices():
            name = (
                _tr(SECTION_NAMES[sid])
                if sid in SECTION_NAMES
                else (self._section(sid).title if self._section(sid) else sid)
            )
            self.section_combo.addItem(name, sid)
        if cur:
            i = self.section_combo.findData(cur)
            if i >= 0:
                self.section_combo.setCurrentIndex(i)

    def _shown_span(self, span: Span | None) -> Span | None:
        if span is None or self.reviewed is None:
            return None
        if self.showing_original():
            return self.reviewed.report.document.to_original(span)
        return span

    def _cursor_for(self, span: Span) -> QTextCursor:
        c = QTextCursor(self.text.document())
        n = len(self._shown_text)
        c.setPosition(self._map.to_qt(min(span.start, n)))
        c.setPosition(self._map.to_qt(min(span.end, n)), QTextCursor.KeepAnchor)
        return c

    def _apply_highlights(self) -> None:
        sels = []
        sec = self._shown_span(self._section_span)
        if sec is not None:
            body = QTextEdit.ExtraSelection()
            body.format = QTextCharFormat()
            body.format.setBackground(SECTION_BODY_COLOR)
            body.cursor = self._cursor_for(sec)
            sels.append(body)
            line = QTextEdit.ExtraSelection()
            line.format = QTextCharFormat()
            line.format.setBackground(SECTION_HEADING_COLOR)
            line.format.setProperty(QTextFormat.FullWidthSelection, True)
            c = self._cursor_for(Span(sec.start, sec.start))
            line.cursor = c
            sels.append(line)
        val = self._shown_span(self._value_span)
        if val is not None:
            sel = QTextEdit.ExtraSelection()
            sel.format = QTextCharFormat()
            sel.format.setBackground(VALUE_COLOR)
            sel.format.setFontWeight(QFont.Bold)
            sel.cursor = self._cursor_for(val)
            sels.append(sel)
        self.text.setExtraSelections(sels)

    def _scroll_to(self, span: Span) -> None:
        shown = self._shown_span(span)
        if shown is None:
            return
        c = self._cursor_for(Span(shown.start, shown.start))
        self.text.setTextCursor(c)
        self.text.centerCursor()

    def _tree_current_changed(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        sid = item.data(0, SID_ROLE)
        self.select_section(sid)
        self.section_selected.emit(sid)

    def _show_mode_changed(self, _on: bool) -> None:
        pos = self.text.verticalScrollBar().value()
        self._load_text()
        self._apply_highlights()
        if self._value_span is not None:
            self._scroll_to(self._value_span)
        elif self._section_span is not None:
            self._scroll_to(self._section_span)
        else:
            self.text.verticalScrollBar().setValue(pos)

    def _combo_requested(self) -> None:
        sid = self.section_combo.currentData()
        start = self.cursor_line_start()
        if sid and start is not None:
            self.section_start_requested.emit(sid, start)

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.text.createStandardContextMenu(pos)
        if self.reviewed is not None and not self.read_only:
            if not self.showing_original():
                # Right-click moves the cursor to the clicked line first, like an editor.
                if not self.text.textCursor().hasSelection():
                    self.text.setTextCursor(self.text.cursorForPosition(pos))
                menu.addSeparator()
                sub = menu.addMenu(self.tr("设为部分开头"))
                for sid, label in self._boundary_choices():
                    act = sub.addAction(label)
                    act.triggered.connect(lambda _=False, s=sid: self._emit_for_cursor(s))
            else:
                act = menu.addAction(self.tr("设定部分开头：请先切换到规范化文本"))
                act.setEnabled(False)
        menu.exec(self.text.mapToGlobal(pos))
        menu.deleteLater()

    def _emit_for_cursor(self, sid: str) -> None:
        start = self.cursor_line_start()
        if start is not None:
            self.section_start_requested.emit(sid, start)
