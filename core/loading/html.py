"""HTML loader: our own decoding, lxml on the decoded string, real tables → grids."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from core.errors import Cancelled, LoadError
from core.loading.builder import DocBuilder, place_grid
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
    cleaned = _strip_declarations(text)
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

    # One pass over the tree with an explicit stack (the parser caps nesting at 256): per element
    # one loop turn, where iterwalk's start and end events cost two (and their tuples).
    count = 0
    stack: list[tuple[str, Any, Iterator[Any]]] = []
    siblings: Iterator[Any] = iter((root,))
    while True:
        for el in siblings:
            tag = el.tag
            tag = tag.lower() if isinstance(tag, str) else ""
            count += 1
            if count % 2000 == 0 and cancelled is not None and cancelled():
                raise Cancelled()
            if count > MAX_ELEMENTS:
                raise LoadError(
                    f"网页文件“{name}”过大（元素超过 {MAX_ELEMENTS} 个），不像是一份年度报告。", code="html.too_large"
                )
            if not tag or tag in _DROP:
                pass  # skipped with its subtree; its tail is text
            elif (style := el.get("style")) and "display:none" in style.replace(" ", "").lower():
                pass
            elif tag in _BOILER_TAGS or _boiler_hint(el):
                flush()
                for t in el.itertext():
                    t = _collapse(t)
                    if t:
                        b.boilerplate.append(t)
            elif tag == "table" and not _has_table(el):
                flush()
                _add_table(b, el)
            else:
                if tag in _BLOCK or tag == "br":
                    flush()
                if el.text:
                    line.append(el.text)
                if len(el):
                    stack.append((tag, el, siblings))
                    siblings = iter(el)
                    break  # into the children; the element ends when they are done
            # the element ends here (no children, or a subtree skipped)
            if tag in _BLOCK:
                flush()
            if el.tail:
                line.append(el.tail)
        else:
            if not stack:
                break
            tag, el, siblings = stack.pop()
            if tag in _BLOCK:
                flush()
            if el.tail:
                line.append(el.tail)
    flush()
    return b.build(path, "html", encoding=encoding)


def _strip_declarations(text: str) -> str:
    """``_DECL_RE.sub("", text)``, trying the pattern only where a ``<!`` or ``<?`` starts (the
    regex scan of a whole 100 KB page costs more than parsing it)."""
    starts = []
    for mark in ("<!", "<?"):
        i = text.find(mark)
        while i >= 0:
            starts.append(i)
            i = text.find(mark, i + 2)
    if not starts:
        return text
    starts.sort()
    out = []
    pos = 0
    for i in starts:
        if i < pos:
            continue  # inside a declaration already removed
        m = _DECL_RE.match(text, i)
        if m:
            out.append(text[pos:i])
            pos = m.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _boiler_hint(el: Any) -> bool:
    """A navigation/menu/footer container by its class or id."""
    cls = el.get("class")
    ident = el.get("id")
    if cls is None and ident is None:
        return False
    return bool(_BOILER_HINT.search(f"{cls or ''} {ident or ''}"))


def _collapse(s: str) -> str:
    if s.isspace():
        return ""  # the line breaks between blocks in the page's source
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


def _has_table(el: Any) -> bool:
    return next(el.iterdescendants("table"), None) is not None


def _rows(table: Any) -> list[Any]:
    """The table's own rows (not a nested table's), in order."""
    out = []
    for child in table:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        tag = tag.lower()
        if tag == "tr":
            out.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            out.extend(tr for tr in child if isinstance(tr.tag, str) and tr.tag.lower() == "tr")
    return out


def _add_table(b: DocBuilder, table: Any) -> None:
    caption = table.find("caption")
    if caption is not None:
        text = _collapse(_cell_text(caption))
        if text:
            b.paragraph(text)
    rows = []
    for tr in _rows(table):
        cells = []
        for td in tr:
            tag = td.tag
            if isinstance(tag, str) and tag.lower() in ("td", "th"):
                text = (td.text or "") if len(td) == 0 else _cell_text(td)
                rs = td.get("rowspan")
                cs = td.get("colspan")
                cells.append(
                    (text, 1 if rs is None else _span(td, "rowspan"), 1 if cs is None else _span(td, "colspan"))
                )
        if cells:
            rows.append(cells)
    if not rows:
        return
    try:
        grid = place_grid(rows)
    except ValueError:
        text = " ".join(t for r in rows for t, _, _ in r)
        b.table_too_large(len(rows), max(sum(min(cs, 10**6) for _, _, cs in r) for r in rows), _collapse(text))
        return
    if grid.n_cols == 1 and all(len(c.text) > 40 for c in grid.cells if c.text):
        # a one-column layout box around prose, not a table
        for c in grid.cells:
            if c.text:
                b.paragraph(c.text)
        return
    b.grid(grid)
