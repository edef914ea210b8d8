"""PDF loader: prose in reading order, running headers/footers removed, tables → grids.

Pages are read by ``core.loading.pdf_layer`` (characters and ruling lines through pypdfium2, in
pdfplumber's shapes, about 3× faster); pdfplumber's own reader is the fallback for a file or page
pdfium cannot read. Either way pdfplumber's table finder and text-line grouping do the rest.

Tables continued on the next page are joined into one Grid (see ``pdf_tables``); hard-wrapped
prose lines are marked as soft breaks, which normalisation removes.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from core.errors import Cancelled, LoadError
from core.loading.builder import DocBuilder
from core.loading.limits import MAX_PDF_PAGES, LimitExceeded
from core.loading.pdf_tables import TablePart, join_parts, part_from_table
from core.model import PageBox, SourceDocument

_PAGE_NO_RE = re.compile(
    r"^(?:[-—–－\s]*\d+[-—–－\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*第\s*\d+\s*页|"
    r"\d+\s*/\s*\d+|[Pp]age\s*\d+(?:\s*of\s*\d+)?)$"
)
_HEADING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[）)]|第[一二三四五六七八九十\d]+[章节部分]|表[一二三四\d])"
)
log = logging.getLogger(__name__)

_EDGE_ZONE = 0.09  # share of the page height treated as header/footer zone


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int


@dataclass
class _Page:
    number: int
    width: float
    height: float
    items: list[tuple[float, object]] = field(default_factory=list)  # (top, _Line | TablePart)


def load_pdf(path: str, cancelled: Callable[[], bool] | None = None) -> SourceDocument:
    """Read a text PDF.

    Raises:
        LoadError: encrypted, corrupt, or scanned (no text layer) PDF.
    """
    name = Path(path).name
    try:
        pages = _read_with_layer(path, name, cancelled)
    except (LoadError, Cancelled, LimitExceeded):
        raise
    except Exception as exc:  # pdfium could not open or read it: pdfplumber decides (and names the problem)
        log.info("pdfium could not read %s (%s); reading it with pdfplumber", name, exc)
        pages = _read_with_pdfplumber(path, name, cancelled)
    return _assemble(path, pages)


def _read_with_layer(path: str, name: str, cancelled: Callable[[], bool] | None) -> list[_Page]:
    from core.loading.pdf_layer import open_layer

    with open_layer(path) as pdf:  # checks the streams' inflated sizes first (pdf_layer.check_streams)
        if len(pdf) > MAX_PDF_PAGES:
            raise _too_many_pages()
        return _read_pages(pdf, name, cancelled)


def _read_with_pdfplumber(path: str, name: str, cancelled: Callable[[], bool] | None) -> list[_Page]:
    import pdfplumber

    from core.loading import pdf_guard

    pdf_guard.install()
    pdf_guard.start_document()
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        inner = _cause(exc)
        if isinstance(inner, LimitExceeded):
            raise inner from None
        raise _open_error(name, exc) from exc
    try:
        with pdf:
            _check_page_count(pdf)
            return _read_pages(pdf, name, cancelled)
    except (LoadError, Cancelled, LimitExceeded):
        raise
    except Exception as exc:
        inner = _cause(exc)
        if isinstance(inner, LimitExceeded):  # raised inside pdfminer, wrapped by pdfplumber
            raise inner from None
        raise _open_error(name, exc) from exc


def _cause(exc: Exception) -> Exception:
    """pdfplumber wraps pdfminer's errors (``PdfminerException(e)``): the original, when there is one."""
    seen = 0
    while seen < 5 and exc.args and isinstance(exc.args[0], Exception):
        exc = exc.args[0]
        seen += 1
    return exc


def _check_page_count(pdf: Any) -> None:
    """Refuse a PDF of more than ``MAX_PDF_PAGES`` pages before reading any (walks the page tree only)."""
    from itertools import islice

    from pdfminer.pdfpage import PDFPage

    n = len(list(islice(PDFPage.create_pages(pdf.doc), MAX_PDF_PAGES + 1)))
    if n > MAX_PDF_PAGES:
        raise _too_many_pages()


def _too_many_pages() -> LimitExceeded:
    return LimitExceeded("limit.pdf_pages", f"超过 {MAX_PDF_PAGES} 页", f"{MAX_PDF_PAGES} 页")


def _open_error(name: str, exc: Exception) -> LoadError:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    kind = f"{type(exc).__name__}/{type(inner).__name__}"
    if "Password" in kind or "Encrypt" in kind or "encrypt" in str(exc).lower():
        return LoadError(
            f"PDF 文件“{name}”已加密（需要密码才能打开），无法读取。请向发布单位索取未加密的版本。",
            code="pdf.encrypted",
            details=f"{kind}: {exc}",
        )
    return LoadError(f"无法打开 PDF 文件“{name}”：文件已损坏或不完整。", code="pdf.corrupt", details=f"{kind}: {exc}")


def _read_pages(pdf: object, name: str, cancelled: Callable[[], bool] | None) -> list[_Page]:
    out: list[_Page] = []
    total_chars = 0
    scanned_pages = 0
    for page in pdf.pages:  # type: ignore[attr-defined]
        if cancelled is not None and cancelled():
            raise Cancelled()
        number = page.page_number
        p = _Page(number, float(page.width), float(page.height))
        chars = page.chars
        total_chars += len(chars)
        if len(chars) < 20 and page.images:
            scanned_pages += 1
        if chars:
            _read_page(page, p)
        page.close()  # drop the page's cached objects: memory stays bounded on long PDFs
        out.append(p)
    if not out:
        raise LoadError(f"PDF 文件“{name}”没有任何页面（文件可能已损坏）。", code="pdf.corrupt")
    if total_chars == 0 or scanned_pages == len(out):
        raise LoadError(
            f"PDF 文件“{name}”是扫描件，没有文字层，无法读取其中的文字；需要先做文字识别（OCR）后再导入。",
            code="pdf.scanned",
        )
    return out


def _read_page(page: object, p: _Page) -> None:
    tables = []
    for t in page.find_tables():  # type: ignore[attr-defined]
        part = part_from_table(t, p.number)
        if part is not None:
            tables.append(part)
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx = (obj["x0"] + obj["x1"]) / 2
        cy = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 - 1 <= cx <= x1 + 1 and t0 - 1 <= cy <= b1 + 1 for x0, t0, x1, b1 in boxes)

    prose: Any = page.filter(outside) if boxes else page  # type: ignore[attr-defined]
    for ln in prose.extract_text_lines(strip=True, return_chars=True):
        text = _with_column_gaps(ln["text"], ln["chars"])
        if text.strip():
            # indentation typed as (full-width) spaces: the line starts at its first visible character
            x0 = next((ch["x0"] for ch in ln["chars"] if not ch["text"].isspace()), ln["x0"])
            p.items.append((float(ln["top"]), _Line(text, x0, ln["x1"], ln["top"], ln["bottom"], p.number)))
    for t in tables:
        p.items.append((t.bbox[1], t))
    p.items.sort(key=lambda it: it[0])


def _strip_running(pages: list[_Page]) -> list[str]:
    """Remove page numbers and lines repeated at the top/bottom of most pages."""
    keys: Counter[str] = Counter()
    for p in pages:
        seen = set()
        for _, it in p.items:
            if isinstance(it, _Line) and _in_edge(it, p):
                seen.add(re.sub(r"\d+", "#", it.text.replace(" ", "")))
        keys.update(seen)
    need = max(2, (len(pages) + 1) // 2)
    running = {k for k, n in keys.items() if n >= need and len(pages) >= 2}
    removed: list[str] = []
    for p in pages:
        kept = []
        n = len(p.items)
        for k, (top, it) in enumerate(p.items):
            if isinstance(it, _Line) and _in_edge(it, p):
                compact = it.text.replace(" ", "").replace("\t", "")
                outer = k < 2 or k >= n - 2  # a page number is the first or last thing on the page
                if (outer and _PAGE_NO_RE.match(compact)) or re.sub(r"\d+", "#", compact) in running:
                    if compact not in removed and not _PAGE_NO_RE.match(compact):
                        removed.append(it.text.strip())
                    continue
            kept.append((top, it))
        p.items = kept
    return removed


def _in_edge(line: _Line, p: _Page) -> bool:
    return line.top < p.height * _EDGE_ZONE or line.bottom > p.height * (1 - _EDGE_ZONE)


def _assemble(path: str, pages: list[_Page]) -> SourceDocument:
    boiler = _strip_running(pages)
    lines = [it for p in pages for _, it in p.items if isinstance(it, _Line)]
    right, left, size = _margins(lines)
    # flow: pages' items in order; adjacent table parts across a page break are joined
    flow: list[object] = []
    for p in pages:
        for i, (_, it) in enumerate(p.items):
            if isinstance(it, TablePart):
                it.is_last = i == len(p.items) - 1
        for i, (_, it) in enumerate(p.items):
            if isinstance(it, TablePart) and i == 0 and flow and isinstance(flow[-1], list):
                last = flow[-1][-1]
                if last.page == p.number - 1 and last.is_last and last.compatible(it):
                    flow[-1].append(it)
                    continue
            if isinstance(it, TablePart):
                flow.append([it])
            else:
                flow.append(it)
    b = DocBuilder()
    b.boilerplate.extend(boiler)
    page_start: dict[int, int | None] = {p.number: None for p in pages}
    prev: _Line | None = None
    for item in flow:
        first_page = item[0].page if isinstance(item, list) else item.page  # type: ignore[attr-defined]
        if page_start.get(first_page) is None:
            page_start[first_page] = b.length
        if isinstance(item, list):
            b.newline()
            b.grid(join_parts(item))
            for part in item[1:]:
                if page_start.get(part.page) is None:
                    page_start[part.page] = b.length
            prev = None
            continue
        line = item
        assert isinstance(line, _Line)
        if prev is not None:
            if _continues(prev, line, right, left, size):
                b.soft_break()
            else:
                b.newline()
        b.add(line.text.strip())
        prev = line
    b.newline()
    starts = [(n, s) for n, s in page_start.items()]
    filled = []
    last = 0
    for n, s in starts:
        s = last if s is None else s
        filled.append((n, s))
        last = s
    by_number = {p.number: p for p in pages}
    for k, (n, s) in enumerate(filled):
        e = filled[k + 1][1] if k + 1 < len(filled) else b.length
        p = by_number[n]
        b.pages.append((PageBox(n, p.width, p.height), s, e))
    doc = b.build(path, "pdf", join_lines=False)
    empty = [p.number for p in pages if not p.items]
    if empty:
        doc.notes.append(
            ("pdf.page_without_text", f"第 {'、'.join(map(str, empty))} 页没有文字层（可能是扫描页），其内容未能读取。")
        )
    return doc


def _margins(lines: list[_Line]) -> tuple[float, float, float]:
    if not lines:
        return 0.0, 0.0, 10.0
    x1s = sorted(ln.x1 for ln in lines)
    right = x1s[int(len(x1s) * 0.9)]
    lefts = Counter(round(ln.x0) for ln in lines)
    left = float(min(k for k, _ in lefts.most_common(3)))
    sizes = sorted(ln.bottom - ln.top for ln in lines)
    size = max(6.0, sizes[len(sizes) // 2])
    return right, left, size


def _with_column_gaps(text: str, chars: list[dict[str, Any]]) -> str:
    """A line of an unruled table: wide gaps between words become tabs ("规章\t1\t0\t11").

    pdfplumber writes one space for any gap; a gap wider than two character heights is a column
    gap (prose never has one), so the line is rebuilt from its characters with tabs there.
    """
    visible = [ch for ch in chars if not ch["text"].isspace()]
    if len(visible) < 2:
        return text
    gaps = []
    for a, b in pairwise(visible):
        size = max(a["bottom"] - a["top"], 1.0)
        gaps.append((b["x0"] - a["x1"], size))
    wide = [i for i, (g, size) in enumerate(gaps) if g > 2 * size]
    if not wide:
        return text
    bounds = [-1, *wide, len(visible) - 1]
    if all(b - a == 1 for a, b in pairwise(bounds)):
        return text  # letter-spaced heading ("目    录"), not columns
    out = [visible[0]["text"]]
    for (gap, size), ch in zip(gaps, visible[1:], strict=True):
        if gap > 2 * size:
            out.append("\t")
        elif gap > 0.25 * size:
            out.append(" ")
        out.append(ch["text"])
    return "".join(out)


def _continues(prev: _Line, line: _Line, right: float, left: float, size: float) -> bool:
    """A hard wrap: the previous line reaches the right margin and the next is not a new paragraph."""
    if "\t" in prev.text or "\t" in line.text:
        return False
    if prev.x1 < right - 1.5 * size:
        return False
    if prev.bottom - prev.top > 1.15 * size or prev.x0 > left + 2.5 * size:
        return False  # a title: larger type or centred, never the start of a wrapped paragraph
    if line.x0 > left + 1.2 * size:  # first-line indent: a new paragraph
        return False
    if _HEADING_RE.match(line.text):
        return False
    if line.page == prev.page and line.top - prev.bottom > 2.5 * size:
        return False
    return True
