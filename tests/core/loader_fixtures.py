"""Synthetic report files for loader tests and the load benchmark (made-up agencies and numbers)."""

from __future__ import annotations

import random
from pathlib import Path

PROSE = (
    "本年度，我局坚持以公开为常态、不公开为例外，认真贯彻落实《中华人民共和国政府信息公开条例》，"
    "不断完善政府信息公开制度，拓宽公开渠道，加强政策解读和回应关切，全面提升政务公开工作质量和实效。"
)
TABLE3_ROWS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开",
    "1.属于国家秘密",
    "1.本机关不掌握相关政府信息",
    "（七）总计",
    "四、结转下年度继续办理",
]
HEAD3 = ["项目", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def report_parts(seed: int, scale: int = 1) -> tuple[str, list[str], list[list[str]]]:
    """A title, prose paragraphs and a table (rows of cells) for synthetic report ``seed``.

    ``scale`` repeats the prose paragraphs to reach the length of a real report (scale 6 ≈ 8,000
    characters).
    """
    rnd = random.Random(seed)
    agency = f"青禾县第{seed % 97 + 1}局"
    title = f"{agency}{2020 + seed % 5}年政府信息公开工作年度报告"
    paras = [
        "一、总体情况",
        *[PROSE * 3] * scale,
        "二、主动公开政府信息情况",
        *[PROSE * 2] * scale,
        "三、收到和处理政府信息公开申请情况",
    ]
    rows = [HEAD3]
    for label in TABLE3_ROWS:
        nums = [rnd.randint(0, 40) for _ in range(6)]
        rows.append([label, *map(str, nums), str(sum(nums))])
    paras_after = [
        "四、政府信息公开行政复议、行政诉讼情况",
        PROSE,
        "五、存在的主要问题及改进情况",
        PROSE * 2,
        "六、其他需要报告的事项",
        "无。",
    ]
    return title, [*paras, "<TABLE>", *paras_after], rows


def make_txt(path: Path, seed: int, encoding: str = "utf-8", scale: int = 1) -> Path:
    title, paras, rows = report_parts(seed, scale)
    lines = [title]
    for p in paras:
        lines.extend("\t".join(r) for r in rows) if p == "<TABLE>" else lines.append(p)
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


def make_md(path: Path, seed: int, scale: int = 1) -> Path:
    title, paras, rows = report_parts(seed, scale)
    lines = [f"# {title}", ""]
    for p in paras:
        if p == "<TABLE>":
            lines.append("| " + " | ".join(rows[0]) + " |")
            lines.append("|" + "---|" * len(rows[0]))
            lines.extend("| " + " | ".join(r) + " |" for r in rows[1:])
        elif p.endswith("情况") or p.endswith("事项"):
            lines.append(f"## **{p}**")
        else:
            lines.append(p)
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def make_html(path: Path, seed: int, encoding: str = "gb18030", scale: int = 1) -> Path:
    title, paras, rows = report_parts(seed, scale)
    body = [f"<h1>{title}</h1>"]
    for p in paras:
        if p == "<TABLE>":
            body.append('<table border="1">')
            body.append('<tr><td rowspan="2">项目</td><td colspan="7">申请人情况</td></tr>')
            body.append("<tr>" + "".join(f"<td><p><span>{h}</span></p></td>" for h in rows[0][1:]) + "</tr>")
            for r in rows[1:]:
                body.append("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>")
            body.append("</table>")
        else:
            body.append(f"<p>{p}</p>")
    html = (
        f'<html><head><meta charset="gb2312"><title>{title}</title><script>var x = "<p>";</script></head>'
        f'<body><div class="nav">首页 &gt; 政府信息公开</div><div class="content">{"".join(body)}</div>'
        "<div>【打印】【关闭】</div></body></html>"
    )
    path.write_bytes(html.encode(encoding))
    return path


def make_docx(path: Path, seed: int, scale: int = 1) -> Path:
    import docx

    title, paras, rows = report_parts(seed, scale)
    d = docx.Document()
    d.add_paragraph(title)
    for p in paras:
        if p == "<TABLE>":
            t = d.add_table(rows=len(rows) + 1, cols=len(rows[0]))
            top = t.cell(0, 1).merge(t.cell(0, len(rows[0]) - 1))
            top.text = "申请人情况"
            head = t.cell(0, 0).merge(t.cell(1, 0))
            head.text = "项目"
            for k, h in enumerate(rows[0][1:], start=1):
                t.cell(1, k).text = h
            for r, row in enumerate(rows[1:], start=2):
                for k, v in enumerate(row):
                    t.cell(r, k).text = v
        else:
            d.add_paragraph(p)
    d.save(str(path))
    return path


def make_pdf(path: Path, seed: int = 1, pages: int = 3, split_table: bool = True) -> Path:
    """A text PDF: running header, page-number footer, wrapped prose, a table split over two pages.

    Pages 1..pages-2 hold prose; page pages-1 ends with the first rows of a ruled table whose
    label 「（四）无法提供」 is cut by the page break as 「（四）无」 / 「法提供」; the last page
    starts with the rest of the table. Without ``split_table`` every page is prose.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    font, size = "STSong-Light", 12
    left, right = 72.0, width - 72
    per_line = int((right - left) // size)
    title, paras, _ = report_parts(seed)
    body = [p for p in paras if p != "<TABLE>"]
    state = {"n": 0, "y": 0.0}

    def new_page() -> None:
        if state["n"]:
            c.showPage()
        state["n"] += 1
        c.setFont(font, 9)
        c.drawString(left, height - 40, "青禾县人民政府办公室文件")
        c.drawCentredString(width / 2, 30, f"- {state['n']} -")
        c.setFont(font, size)
        state["y"] = height - 80

    def paragraph(text: str, bottom: float = 90) -> None:
        heading = text[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")
        text = text if heading else "\u3000\u3000" + text
        for i in range(0, len(text), per_line):
            ln = text[i : i + per_line]
            if state["y"] < bottom:
                new_page()
            if ln.startswith("\u3000\u3000"):
                c.drawString(left + 2 * size, state["y"], ln[2:])
            else:
                c.drawString(left, state["y"], ln)
            state["y"] -= size * 1.6

    new_page()
    c.setFont(font, 16)
    c.drawCentredString(width / 2, state["y"], title)
    state["y"] -= 36
    c.setFont(font, size)
    k = 0
    while state["n"] < (pages - 1 if split_table else pages) or state["y"] > 300:
        paragraph(body[k % len(body)])
        k += 1
        if state["n"] >= (pages - 1 if split_table else pages) and state["y"] < 300:
            break
    if not split_table:
        c.save()
        return path
    cols = [left, left + 110, left + 220, left + 340, left + 395, right]
    rh = 24.0

    def cell(text: str, top: float, c0: int, c1: int, nrows: int = 1) -> None:
        x0, x1 = cols[c0], cols[c1]
        c.rect(x0, top - nrows * rh, x1 - x0, nrows * rh)
        if text:
            c.setFont(font, 9)
            c.drawString(x0 + 3, top - rh + 8, text)
            c.setFont(font, size)

    c.drawString(left, state["y"] - 4, "三、收到和处理政府信息公开申请情况")
    y = 60 + 4 * rh
    cell("项目", y, 0, 3)
    cell("自然人", y, 3, 4)
    cell("总计", y, 4, 5)
    cell("三、本年度办理结果", y - rh, 0, 1, 3)
    cell("（一）予以公开", y - rh, 1, 3)
    cell("5", y - rh, 3, 4)
    cell("5", y - rh, 4, 5)
    cell("（二）部分公开", y - 2 * rh, 1, 3)
    cell("2", y - 2 * rh, 3, 4)
    cell("2", y - 2 * rh, 4, 5)
    cell("（四）无", y - 3 * rh, 1, 2)
    cell("1.本机关不掌握", y - 3 * rh, 2, 3)
    cell("3", y - 3 * rh, 3, 4)
    cell("3", y - 3 * rh, 4, 5)
    new_page()
    y = height - 70
    cell("", y, 0, 1, 3)
    cell("法提供", y, 1, 2, 2)
    cell("2.没有现成信息", y, 2, 3)
    cell("1", y, 3, 4)
    cell("1", y, 4, 5)
    cell("3.补正后申请内容仍不明确", y - rh, 2, 3)
    cell("0", y - rh, 3, 4)
    cell("0", y - rh, 4, 5)
    cell("（七）总计", y - 2 * rh, 1, 3)
    cell("11", y - 2 * rh, 3, 4)
    cell("11", y - 2 * rh, 4, 5)
    state["y"] = y - 3 * rh - 30
    paragraph("四、政府信息公开行政复议、行政诉讼情况")
    paragraph(PROSE)
    c.save()
    return path


Cell = tuple[str, int, int, int, int]  # text, row, first column, end column, rows spanned


def make_table_pdf(path: Path, part_a: list[Cell], part_b: list[Cell], widths: list[float]) -> Path:
    """Two pages: a ruled table ending at the bottom of page 1 (``part_a``) and going on at the top
    of page 2 (``part_b``); cells are ``(text, row, c0, c1, nrows)`` on a grid of ``widths``."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    height = A4[1]
    c = canvas.Canvas(str(path), pagesize=A4)
    cols = [72.0]
    for w in widths:
        cols.append(cols[-1] + w)
    rh = 22.0

    def draw(cells: list[Cell], top: float) -> None:
        c.setFont("STSong-Light", 9)
        for text, row, c0, c1, nrows in cells:
            y = top - row * rh
            c.rect(cols[c0], y - nrows * rh, cols[c1] - cols[c0], nrows * rh)
            if text:
                c.drawString(cols[c0] + 3, y - rh + 8, text)

    c.setFont("STSong-Light", 12)
    c.drawString(72, height - 80, "三、收到和处理政府信息公开申请情况")
    rows_a = max(r + n for _, r, _, _, n in part_a)
    draw(part_a, 60 + rows_a * rh)
    c.showPage()
    draw(part_b, height - 60)
    c.save()
    return path
