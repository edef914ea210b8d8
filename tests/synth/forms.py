"""Rendering synthetic report blocks as text forms and HTML, and as the loaders' SourceDocument."""

from __future__ import annotations

import html as _html
import random

from core.model import Grid, GridCell, SourceDocument, Span
from tests.synth.layout import Block, GTable

TEXT_FORMS = ("txt_tabs", "txt_pipes", "txt_cells_per_line", "txt_bare_appeal_run", "md")


def _slots(t: GTable) -> list[list[str]]:
    out = []
    for row in t.matrix():
        out.append([c.text if c is not None else "" for c in row])
    return out


def render_text(blocks: list[Block], form: str) -> str:
    """A text form of the report (tab/pipe runs, Markdown pipe tables, one cell per line, bare 表四 run)."""
    lines: list[str] = []
    for kind, obj in blocks:
        if kind != "table":
            text = str(obj)
            if form == "md":
                text = {"title": "# ", "h": "## ", "h2": "### "}.get(kind, "") + text
            lines.extend([text, ""])
            continue
        t: GTable = obj  # type: ignore[assignment]
        rows = _slots(t)
        if form in ("txt_tabs",) or (form == "txt_bare_appeal_run" and t.name != "appeal"):
            lines.extend("\t".join(r) for r in rows)
        elif form == "txt_bare_appeal_run":
            lines.append(" ".join(c.text for c in t.cells if c.field))
        elif form == "txt_pipes":
            lines.extend("|" + "|".join(r) + "|" for r in rows)
        elif form == "md":
            for k, r in enumerate(rows):
                lines.append("| " + " | ".join(r) + " |")
                if k == 0:
                    lines.append("|" + "---|" * t.n_cols)
        elif form == "txt_cells_per_line":
            for r in rows:
                lines.extend(s for s in r if s)
        else:
            raise ValueError(form)
        lines.append("")
    return "\n".join(lines)


def _split_digits(text: str, rng: random.Random) -> str:
    if len(text) >= 2 and text.isdigit() and rng.random() < 0.5:
        k = rng.randint(1, len(text) - 1)
        return f"<span>{text[:k]}</span><span>{text[k:]}</span>"
    return f"<span>{_html.escape(text)}</span>"


def render_html(
    blocks: list[Block], *, encoding: str = "utf-8", split_digits: bool = False, seed: int = 0, agency: str = "示例办公室"
) -> bytes:
    """A saved web page: CMS boilerplate, the report, tables with rowspan/colspan, <p>/<span> in cells."""
    rng = random.Random(seed)
    title = next(str(o) for k, o in blocks if k == "title")
    out = [
        f'<!DOCTYPE html><html><head><meta charset="{encoding}"><title>{_html.escape(title)}</title></head><body>',
        '<div class="nav">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>',
        f'<div class="meta">索引号：000000000/2022-00001　发布机构：{_html.escape(agency)}　浏览次数：<span>12</span></div>',
        '<div class="tools">打印 | 字号：大 中 小 | 关闭</div>',
    ]
    for kind, obj in blocks:
        if kind == "title":
            out.append(f"<h1>{_html.escape(str(obj))}</h1>")
        elif kind in ("h", "h2"):
            out.append(f"<p><strong>{_html.escape(str(obj))}</strong></p>")
        elif kind == "p":
            out.append(f"<p>{_html.escape(str(obj))}</p>")
        else:
            t: GTable = obj  # type: ignore[assignment]
            out.append('<table border="1" cellspacing="0">')
            for r in range(t.n_rows):
                out.append("<tr>")
                for c in (c for c in t.cells if c.r == r):
                    attrs = (f' rowspan="{c.rs}"' if c.rs > 1 else "") + (f' colspan="{c.cs}"' if c.cs > 1 else "")
                    if not c.text:
                        inner = "&nbsp;"
                    elif c.field and split_digits:
                        inner = _split_digits(c.text, rng)
                    else:
                        inner = f"<span>{_html.escape(c.text)}</span>"
                    out.append(f'<td{attrs}><p style="text-align:center">{inner}</p></td>')
                out.append("</tr>")
            out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out).encode(encoding if encoding.lower() != "gbk" else "gb18030")


def _bbox(r: int, k: int) -> tuple[float, float, float, float]:
    return (float(k * 30), float(r * 12), float(k * 30 + 30), float(r * 12 + 12))


def simulate_document(blocks: list[Block], form: str, path: str = "synthetic") -> SourceDocument:
    """What a loader makes of the structured forms (html/docx/pdf): text with each grid row a line
    of tab-separated slots (merged text once in its top-left slot), grids whose cell spans point
    into that text. Used to test table mapping independently of the loaders.
    """
    parts: list[str] = []
    grids: list[Grid] = []
    pos = 0

    def add(s: str) -> int:
        nonlocal pos
        start = pos
        parts.append(s)
        pos += len(s)
        return start

    page = 1
    for kind, obj in blocks:
        if kind != "table":
            add(str(obj) + "\n")
            continue
        t: GTable = obj  # type: ignore[assignment]
        m = t.matrix()
        cells: list[GridCell] = []
        gstart = pos
        for r, row in enumerate(m):
            for k, c in enumerate(row):
                if k:
                    add("\t")
                if c is None:
                    continue
                s = add(c.text)
                cells.append(
                    GridCell(
                        c.text, r, k, c.rs, c.cs, Span(s, s + len(c.text)),
                        page=page if form == "pdf" else None,
                        bbox=_bbox(r, k) if form == "pdf" else None,
                    )
                )
            add("\n")
        grids.append(Grid(cells, t.n_rows, t.n_cols, Span(gstart, pos), (page,) if form == "pdf" else ()))
        page += 1
    text = "".join(parts)
    return SourceDocument(path, form, text, text, list(range(len(text))), grids)
