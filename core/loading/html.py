"""HTML loader: our own decoding, lxml on the decoded string, real tables → grids."""

from __future__ import annotations

import re
from collections.abc import Callable

from core.errors import Cancelled, LoadError
from core.loading.builder import DocBuilder, make_grid, place_rows
from core.model import SourceDocument

_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "section", "article",
    "blockquote", "pre", "dd", "dt", "dl", "form", "center", "hr", "address", "figure", "figcaption", "main",
    "tbody", "thead", "tfoot", "caption", "td", "th", "body", "html",
}  # fmt: skip
_DROP = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "select",
    "option", "button", "input", "textarea", "map", "audio", "video", "head",
}  # fmt: skip
_BOILER_TAGS = {"nav", "header", "footer", "aside"}
_BOILER_HINT = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumb|crumb|footer|share|toolbar)(?:$|[\s_-])", re.I)
_DECL_RE = re.compile(r"<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>|<!ENTITY[^>]*>|<\?xml[^>]*\?>", re.I | re.S)
_WS_NL_CJK_RE = re.compile("(?<=[\u3000-\u9fff\uff00-\uffef])[ \t\r\f\v]*\n\\s*(?=[\u3000-\u9fff\uff00-\uffef])")
_WS_RE = re.compile(r"\s+")
MAX_ELEMENTS = 150_000


def load_html(path: str, text: str, encoding: str, cancelled: Callable[[], bool] | None = None) -> SourceDocument:
    """Parse decoded HTML text into a SourceDocument (grids for data tables).

    Raises:
        LoadError: the page is not parseable or absurdly large.
    """
    from lxml import etree

    name = path.rsplit("/", 1)[-1]
    cleaned = _DECL_RE.sub("", text)
    # Plain etree elements (not lxml.html's): no per-element Python class lookup, ~2× faster here.
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(cleaned or "<html></html>", parser=parser)
        if root is None:
            root = etree.fromstring("<html></html>", parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise LoadError(
            f"无法解析网页文件“{name}”：文件内容不是有效的 HTML。", code="html.invalid", details=str(exc)
        ) from exc
    b = DocBuilder()
    title = root.findtext(".//title")
    if title and title.strip():
        b.boilerplate.append(_WS_RE.sub(" ", title).strip())
    line: list[str] = []

    def flush() -> None:
        if line:
            s = _collapse("".join(line))
            line.clear()
            if s:
                b.paragraph(s)

    count = 0
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if event == "start":
            count += 1
            if count % 2000 == 0 and cancelled is not None and cancelled():
                raise Cancelled()
            if count > MAX_ELEMENTS:
                raise LoadError(
                    f"网页文件“{name}”过大（元素超过 {MAX_ELEMENTS} 个），不像是一份年度报告。", code="html.too_large"
                )
            if not tag or tag in _DROP:
                walker.skip_subtree()
                continue
            style = el.get("style")
            if style and "display:none" in style.replace(" ", "").lower():
                walker.skip_subtree()
                continue
            if tag in _BOILER_TAGS or _BOILER_HINT.search(f"{el.get('class', '')} {el.get('id', '')}"):
                flush()
                for s in el.itertext():
                    s = _collapse(s)
                    if s:
                        b.boilerplate.append(s)
                walker.skip_subtree()
                continue
            if tag == "table" and not el.xpath(".//table"):
                flush()
                _add_table(b, el)
                walker.skip_subtree()
                continue
            if tag == "br":
                flush()
            elif tag in _BLOCK:
                flush()
            if el.text and tag not in _DROP:
                line.append(el.text)
        else:
            if tag in _BLOCK:
                flush()
            if el.tail:
                line.append(el.tail)
    flush()
    return b.build(path, "html", encoding=encoding)


def _collapse(s: str) -> str:
    s = s.replace("\u00a0", " ")
    s = _WS_NL_CJK_RE.sub("", s)
    return _WS_RE.sub(" ", s).strip()


def _cell_text(cell: object) -> str:
    """Text of a table cell; block children and <br> become line breaks."""
    if len(cell) == 0:  # type: ignore[arg-type]  # the common case: <td>12</td>
        return cell.text or ""  # type: ignore[attr-defined]
    out: list[str] = [cell.text or ""]  # type: ignore[attr-defined]
    _children_text(cell, out)
    return "".join(out)


def _children_text(el: object, out: list[str]) -> None:
    # A plain recursive walk: several times faster than iterwalk's start/end events for cells.
    for child in el:  # type: ignore[attr-defined]
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag and tag not in _DROP:
            block = tag in _BLOCK
            if block or tag == "br":
                out.append("\n")
            if child.text:
                out.append(child.text)
            if len(child):
                _children_text(child, out)
            if block:
                out.append("\n")
        if child.tail:
            out.append(child.tail)


def _span(el: object, attr: str) -> int:
    raw = el.get(attr)  # type: ignore[attr-defined]
    if raw is None:
        return 1
    raw = raw.strip()
    if raw.isdigit():
        return int(raw) or 1
    m = re.match(r"\d+", raw)
    return int(m.group(0)) if m else 1


def _add_table(b: DocBuilder, table: object) -> None:
    caption = table.find("caption")  # type: ignore[attr-defined]
    if caption is not None:
        text = _collapse(_cell_text(caption))
        if text:
            b.paragraph(text)
    rows = []
    for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):  # type: ignore[attr-defined]
        cells = [
            (_cell_text(td), _span(td, "rowspan"), _span(td, "colspan"))
            for td in tr
            if isinstance(td.tag, str) and td.tag.lower() in ("td", "th")
        ]
        rows.append(cells)
    rows = [r for r in rows if r]
    if not rows:
        return
    try:
        placed, n_rows, n_cols = place_rows(rows)
    except ValueError:
        text = " ".join(t for r in rows for t, _, _ in r)
        b.table_too_large(len(rows), max(sum(min(cs, 10**6) for _, _, cs in r) for r in rows), _collapse(text))
        return
    grid = make_grid(placed, n_rows, n_cols)
    if n_cols == 1 and all(len(c.text) > 40 for c in grid.cells if c.text):
        # a one-column layout box around prose, not a table
        for c in grid.cells:
            if c.text:
                b.paragraph(c.text)
        return
    b.grid(grid)
