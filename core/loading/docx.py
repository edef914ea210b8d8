"""Word .docx loader: paragraphs and tables in body order, merges (gridSpan/vMerge) from the XML.

The body part (word/document.xml) is parsed directly with lxml (entities off, no network):
python-docx's ``Document()`` also parses styles, theme and numbering parts and cost ~20 ms a
file, more than everything else together; only the body is needed here.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.errors import Cancelled, LoadError
from core.loading.builder import DocBuilder, RawCell, make_grid
from core.loading.docx_numbering import Numbering, child, read_numbering
from core.loading.limits import MAX_DOCX_BODY_XML, MAX_GRID_CELLS, MAX_GRID_COLUMNS, LimitExceeded, describe_bytes
from core.model import SourceDocument

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_PART_XML = 64 * 1024 * 1024  # numbering.xml / styles.xml (larger: ignored)
MAX_RATIO = 200  # whole-archive uncompressed/compressed; real .docx files are ~3–20
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_zip(path: str) -> zipfile.ZipFile:
    """The archive, open, once it is known to be a Word document that is not truncated and would
    not inflate absurdly.

    Raises:
        LoadError: with a Chinese message naming the file.
    """
    name = Path(path).name
    zf = None
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
        names = {i.filename for i in infos}
        total = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        if zf is not None:
            zf.close()
        raise LoadError(
            f"无法打开 Word 文件“{name}”：文件已损坏或不完整（可能下载未完成），请重新获取原文件。",
            code="docx.corrupt",
            details=str(exc),
        ) from exc
    if "word/document.xml" not in names:
        zf.close()
        raise LoadError(f"文件“{name}”不是有效的 Word（.docx）文档：缺少正文部分。", code="docx.corrupt")
    if total > MAX_UNCOMPRESSED or (total > 20 * 1024 * 1024 and total > MAX_RATIO * max(packed, 1)):
        zf.close()
        raise LoadError(
            f"Word 文件“{name}”解压后达 {total / 1024 / 1024:.0f} MB，远超正常报告的大小"
            "（可能是恶意构造的压缩包），已拒绝读取。",
            code="docx.too_large",
        )
    return zf


def load_docx(path: str, cancelled: Callable[[], bool] | None = None) -> SourceDocument:
    """Read a .docx report; each body table becomes a Grid.

    Raises:
        LoadError: corrupt, truncated, or oversized file.
    """
    archive = open_zip(path)
    from lxml import etree

    name = Path(path).name
    try:
        with archive as zf:
            info = zf.getinfo("word/document.xml")
            if info.file_size > MAX_DOCX_BODY_XML:
                raise LimitExceeded(
                    "limit.docx_body",
                    f"的正文部分（word/document.xml）解压后有 {describe_bytes(info.file_size)}",
                    describe_bytes(MAX_DOCX_BODY_XML),
                )
            data = zf.read(info)
            extra = {
                part: zf.read(part) if part in zf.namelist() and zf.getinfo(part).file_size < MAX_PART_XML else None
                for part in ("word/numbering.xml", "word/styles.xml")
            }
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
        root = etree.fromstring(data, parser)
    except (LoadError, LimitExceeded):
        raise
    except Exception as exc:  # BadZipFile, zlib.error, CRC errors, XMLSyntaxError from a damaged member
        raise LoadError(
            f"无法读取 Word 文件“{name}”：文件内容已损坏或不完整。", code="docx.corrupt", details=repr(exc)
        ) from exc
    fallbacks = list(root.iter(MC_FALLBACK))  # text boxes carry their text twice (Choice + Fallback)
    for fb in fallbacks:
        fb.getparent().remove(fb)
    body = root.find(W + "body")
    if body is None:
        raise LoadError(f"Word 文件“{name}”没有正文。", code="docx.corrupt")
    numbering = read_numbering(
        extra["word/numbering.xml"], extra["word/styles.xml"], lambda raw: etree.fromstring(raw, parser)
    )
    b = DocBuilder()
    try:
        _walk(body, b, numbering, cancelled)
    except Cancelled:
        raise
    except RecursionError as exc:
        raise LoadError(f"Word 文件“{name}”结构过深，无法读取。", code="docx.corrupt") from exc
    b.notes.extend(numbering.notes())
    return b.build(path, "docx")


_P, _TBL, _SDT, _SDT_CONTENT, _TC, _TR, _TR_PR, _TC_PR = (
    W + n for n in ("p", "tbl", "sdt", "sdtContent", "tc", "tr", "trPr", "tcPr")
)
_T, _TAB, _BR, _CR, _NB_HYPHEN = (W + n for n in ("t", "tab", "br", "cr", "noBreakHyphen"))
_GRID_BEFORE, _GRID_SPAN, _V_MERGE, _VAL = (W + n for n in ("gridBefore", "gridSpan", "vMerge", "val"))


def _walk(body: Any, b: DocBuilder, num: Numbering, cancelled: Callable[[], bool] | None) -> None:
    for i, el in enumerate(body.iterchildren()):
        if i % 200 == 0 and cancelled is not None and cancelled():
            raise Cancelled()
        tag = el.tag
        if tag == _P:
            b.paragraph(_numbered_text(el, num))
        elif tag == _TBL:
            _add_table(b, el, num)
        elif tag == _SDT:
            content = child(el, _SDT_CONTENT)
            if content is not None:
                _walk(content, b, num, cancelled)


def _para_text(p: Any) -> str:
    out: list[str] = []
    for node in p.iter(_T, _TAB, _BR, _CR, _NB_HYPHEN):
        tag = node.tag
        if tag == _T:
            out.append(node.text or "")
        elif tag == _TAB:
            out.append(" ")
        elif tag == _NB_HYPHEN:
            out.append("-")
        else:
            out.append("\n")
    return "".join(out).strip()


def _numbered_text(p: Any, num: Numbering) -> str:
    """Paragraph text with the label of Word's automatic numbering in front ("一、总体情况")."""
    text = _para_text(p)
    label = num.label(p) if num.nums else ""  # an empty numbered paragraph still counts
    if not text or not label or text.startswith(label):
        return text
    return label + text


def _cell_text(tc: Any, num: Numbering) -> str:
    return "\n".join([_numbered_text(p, num) for p in tc.iter(_P)])


def _int_attr(el: Any, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(_VAL, default))
    except (TypeError, ValueError):
        return default


def _add_table(b: DocBuilder, tbl: Any, num: Numbering) -> None:
    """Rows of w:tc with gridSpan (columns) and vMerge (restart/continue) → a Grid."""
    cells: list[RawCell] = []
    open_merge: dict[int, RawCell] = {}  # column → the cell a vMerge continues
    n_cols = 0
    rows = [el for el in tbl if el.tag == _TR]
    for r, tr in enumerate(rows):
        col = 0
        flat: list[Any] = []
        for el in tr:
            tag = el.tag
            if tag == _TC:
                flat.append(el)
            elif tag == _SDT:
                content = child(el, _SDT_CONTENT)
                if content is not None:
                    flat.extend(tc for tc in content if tc.tag == _TC)
        tr_pr = child(tr, _TR_PR)
        if tr_pr is not None:
            col += max(0, _int_attr(child(tr_pr, _GRID_BEFORE), 0))
        for tc in flat:
            pr = child(tc, _TC_PR)
            span, vm = 1, None
            if pr is not None:
                grid_span = None
                for el in pr:  # one pass: the first gridSpan and vMerge
                    tag = el.tag
                    if tag == _GRID_SPAN:
                        grid_span = grid_span if grid_span is not None else el
                    elif tag == _V_MERGE:
                        vm = vm if vm is not None else el
                span = max(1, min(_int_attr(grid_span, 1), 1000))
            if vm is not None and vm.get(_VAL, "continue") != "restart" and col in open_merge:
                above = open_merge[col]
                above.rowspan = r - above.row + 1
                extra = _cell_text(tc, num).strip()
                if extra:
                    above.text += "\n" + extra
            else:
                cell = RawCell(_cell_text(tc, num), r, col, 1, span)
                cells.append(cell)
                if open_merge:
                    for k in [k for k in open_merge if col <= k < col + span]:
                        del open_merge[k]
                if vm is not None:
                    open_merge[col] = cell
            col += span
            if col > MAX_GRID_COLUMNS:
                break
        n_cols = max(n_cols, col)
        if n_cols > MAX_GRID_COLUMNS or n_cols * len(rows) > MAX_GRID_CELLS:
            text = " ".join(_cell_text(tc, num) for tc in tbl.iter(_TC))
            b.table_too_large(len(rows), n_cols, text)
            return
    if not cells:
        return
    b.grid(make_grid(cells, len(rows), n_cols))
