"""Synthetic reports for the window tests: made-up agencies and numbers, built in code."""

from __future__ import annotations

from pathlib import Path

from core.model import Finding, Located, Metadata, Report, Section, SourceDocument, Span, Value

HEADINGS = (
    ("s1", "一、总体情况"),
    ("s2", "二、主动公开政府信息情况"),
    ("s3", "三、收到和处理政府信息公开申请情况"),
    ("s4", "四、政府信息公开行政复议、行政诉讼情况"),
    ("s5", "五、存在的主要问题及改进情况"),
    ("s6", "六、其他需要报告的事项"),
)
TOTAL_RULE = "test.new_total"
NOTE_RULE = "test.section_note"


def report_text(agency: str, year: int, natural: int = 5, commercial: int = 1, total: int = 7) -> str:
    """A small 2021-style report; the 总计 of 本年新收 is printed as ``total``."""
    body = {
        "s1": f"{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开信息 12 条。\n（一）主动公开。本年度在门户网站公开各类信息。",
        "s2": "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t1\t0\t3",
        "s3": (
            "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和\n"
            f"一、本年新收政府信息公开申请数量\t{natural}\t{commercial}\t0\t0\t0\t0\t{total}\n"
            "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0"
        ),
        "s4": "行政复议\t维持\t结果纠正\t其他结果\t尚未审结\t总计\n\t0\t0\t0\t0\t0",
        "s5": "一是信息公开的及时性有待提高；二是解读形式较单一。",
        "s6": "本年度未收取信息处理费。",
    }
    lines = [f"{agency}{year}年政府信息公开工作年度报告", ""]
    for sid, heading in HEADINGS:
        lines.append(heading)
        lines.append(body[sid])
    return "\n".join(lines) + "\n"


def synthetic_report(
    path: str = "synthetic.txt",
    agency: str = "青松县示例局",
    year: int = 2023,
    total: int = 7,
    findings: bool = True,
    form: str = "txt",
) -> Report:
    """A parsed report built directly: sections, three located values, and two findings."""
    text = report_text(agency, year, total=total)
    doc = SourceDocument(path=path, form=form, original=text, text=text, offsets=list(range(len(text))))
    sections = []
    starts = [(sid, text.index(h + "\n"), h) for sid, h in HEADINGS]
    for i, (sid, start, h) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else len(text)
        sections.append(Section(sid, h, Span(start, start + len(h)), Span(start, end)))
    row = text.index("一、本年新收政府信息公开申请数量")
    line = text[row : text.index("\n", row)]
    cells = line.split("\t")
    pos, spans = row, []
    for c in cells:
        spans.append(Span(pos, pos + len(c)))
        pos += len(c) + 1
    values = {
        "apply.new.natural": Value("apply.new.natural", int(cells[1]), cells[1], span=spans[1]),
        "apply.new.commercial": Value("apply.new.commercial", int(cells[2]), cells[2], span=spans[2]),
        "apply.new.total": Value("apply.new.total", int(cells[7]), cells[7], span=spans[7]),
    }
    report = Report(path=path, document=doc, template="2021", sections=sections, values=values)
    report.table_templates = {"apply": "2021"}
    report.metadata = Metadata(agency=Located(agency, source="title"), year=Located(year, source="title"))
    if findings:
        s5 = sections[4]
        report.findings = [
            Finding(
                TOTAL_RULE,
                "error",
                f"表三 本年新收申请总计 {total} 不等于各类申请人之和 6",
                fields=["apply.new.total", "apply.new.natural", "apply.new.commercial"],
            ),
            Finding(NOTE_RULE, "warning", "第五部分内容过短", span=s5.heading),
        ]
    return report


def write_report(folder: Path, name: str, agency: str, year: int, total: int = 7) -> Path:
    """A report file on disk (UTF-8 text) for tests that go through the real parser."""
    p = folder / name
    p.write_text(report_text(agency, year, total=total), encoding="utf-8")
    return p
