"""Synthetic reports for the review-project tests (made-up agencies and numbers)."""

from __future__ import annotations

import hashlib
from array import array
from pathlib import Path

from core.model import (
    ExtraRow,
    Finding,
    Grid,
    GridCell,
    Located,
    Metadata,
    PageBox,
    Report,
    Section,
    SourceDocument,
    Span,
    Value,
)


def write_source(path: Path, values: dict[str, int], agency: str = "示例县测试局") -> Path:
    """A tiny text report: a title line, then one ``field = value`` line per statistic."""
    lines = [f"{agency}2023年政府信息公开工作年度报告", "一、总体情况"]
    lines += [f"{fid} = {v}" for fid, v in values.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def fake_parse(path: str) -> Report:
    """Parse what ``write_source`` wrote (stands in for the real parser, whose output is not fixed yet)."""
    raw = Path(path).read_bytes()
    text = raw.decode("utf-8")
    doc = SourceDocument(path=path, form="txt", original=text, text=text, offsets=list(range(len(text))))
    values: dict[str, Value] = {}
    pos = 0
    for line in text.splitlines(keepends=True):
        if " = " in line:
            fid, _, num = line.strip().partition(" = ")
            start = pos + line.index(num)
            values[fid] = Value(fid, int(num), raw=num, origin="table", span=Span(start, start + len(num)))
        pos += len(line)
    title = text.splitlines()[0]
    meta = Metadata(agency=Located(title.split("2023")[0], Span(0, 6), "title"), year=Located(2023, None, "title"))
    heading = text.index("一、总体情况")
    sec = Section("s1", "一、总体情况", Span(heading, heading + 6), Span(heading, len(text)))
    return Report(
        path=path,
        document=doc,
        template="2021",
        metadata=meta,
        sections=[sec],
        values=values,
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def rich_report(path: str) -> Report:
    """A report using every part of the model (for the snapshot round trip)."""
    original = "ＡＢ某局　报告\n表\t1\t2\n"
    text = "AB某局 报告\n表\t1\t2\n"
    offsets = array("l", [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])  # as the loaders make them
    assert len(offsets) == len(text)
    cells = [
        GridCell("表", 0, 0, span=Span(7, 8), page=1, bbox=(1.0, 2.0, 3.5, 4.0)),
        GridCell("1", 0, 1, colspan=2, page=1),
    ]
    doc = SourceDocument(
        path=path,
        form="pdf",
        original=original,
        text=text,
        offsets=offsets,
        grids=[Grid(cells, 1, 3, Span(7, 13), (1,))],
        boilerplate=["当前位置：首页"],
        pages=[PageBox(1, 595.0, 842.0, Span(0, 14))],
        encoding="gb18030",
        notes=[("pdf.scanned", "第 2 页是扫描件")],
    )
    child = Section("h2", "（一）小节", Span(3, 5), Span(3, 6), level=2)
    return Report(
        path=path,
        document=doc,
        kind="summary",
        template="2019",
        table_templates={"apply": "2019", "active": "2021"},
        metadata=Metadata(
            agency=Located("某局", Span(2, 4), "title"),
            year=Located(2020, None, "filename"),
            published=Located("2021-01-15", Span(0, 1), "header"),
            index_no=Located("000-2021-01", None, "boilerplate"),
            publisher=Located("某局办公室", None, "header"),
            title=Located("AB某局 报告", Span(0, 7), "title"),
        ),
        sections=[Section("h1", "报告", Span(0, 7), Span(0, 14), children=[child])],
        values={
            "apply.new.total": Value(
                "apply.new.total", 12, "12", "table", Span(9, 11), 1, 0, 3, 4, (1.0, 2.0, 3.0, 4.0)
            ),
            "active.rules.made": Value("active.rules.made", 2.5, "2.5万元", "inferred"),
            "review.total": Value("review.total", None, "—", "prose"),
        },
        extra_rows=[ExtraRow("apply", "其中：依申请", ["1", "/"], Span(1, 2))],
        findings=[
            Finding(
                "apply.balance",
                "error",
                "收支不平衡",
                ["apply.new.total"],
                Span(1, 3),
                {"left": 3, "key": "k"},
                {"apply.new.total": 11},
            )
        ],
        prose_figures=[Value("apply.new.total", 12, "12", "prose", Span(3, 5))],
        sha256="ab" * 32,
    )
