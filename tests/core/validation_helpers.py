"""Builders of synthetic reports for the validation tests: consistent value sets and Report objects."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping

from core import templates
from core.model import Finding, Located, Metadata, Report, Section, SourceDocument, Span, Value
from core.review.state import ReviewedReport
from core.templates import APPLY_COLUMNS, TABLE_ACTIVE, TABLE_APPLY, TEMPLATE_2019, TEMPLATE_2021
from core.validation.rules import OUTCOMES

APPLICANTS = [c.key for c in APPLY_COLUMNS if c.key != "total"]
HEADINGS = {
    "s1": "一、总体情况",
    "s2": "二、主动公开政府信息情况",
    "s3": "三、收到和处理政府信息公开申请情况",
    "s4": "四、政府信息公开行政复议、行政诉讼情况",
    "s5": "五、存在的主要问题及改进情况",
    "s6": "六、其他需要报告的事项",
}
DEFAULT_BODIES = {
    "s1": "本年度，示例局认真贯彻落实政府信息公开条例，各项工作有序推进。",
    "s2": "（见表二）",
    "s3": "（见表三）",
    "s4": "（见表四）",
    "s5": "一是公开内容有待丰富；二是解读形式较单一。下一步将持续改进。",
    "s6": "本年度未收取信息处理费。",
}


def consistent_values(
    template: str, rng: random.Random | int = 0, *, zero: bool = False, high: int = 30
) -> dict[str, int]:
    """A full value set for a template in which every identity holds (all zeros with ``zero``)."""
    if isinstance(rng, int):
        rng = random.Random(rng)

    def n(hi: int = high) -> int:
        return 0 if zero else (0 if rng.random() < 0.4 else rng.randint(1, hi))

    vals: dict[str, int] = {}
    for f in templates.fields_for(template, TABLE_ACTIVE):
        vals[f.id] = 0 if f.row.key == "rules" else n()
    outcomes = OUTCOMES[template]
    col_handled = {}
    for c in APPLICANTS:
        for r in outcomes:
            vals[f"apply.{r}.{c}"] = n()
        col_handled[c] = sum(vals[f"apply.{r}.{c}"] for r in outcomes)
        vals[f"apply.total_handled.{c}"] = col_handled[c]
        carried = 0 if zero else rng.randint(0, col_handled[c])
        forward = n(5)
        vals[f"apply.carried.{c}"] = carried
        vals[f"apply.carry_forward.{c}"] = forward
        vals[f"apply.new.{c}"] = col_handled[c] + forward - carried
    for r in ("new", "carried", *outcomes, "total_handled", "carry_forward"):
        vals[f"apply.{r}.total"] = sum(vals[f"apply.{r}.{c}"] for c in APPLICANTS)
    for g in ("review", "suit_direct", "suit_after_review"):
        parts = {k: n(6) for k in ("upheld", "corrected", "other", "pending")}
        for k, v in parts.items():
            vals[f"{g}.{k}"] = v
        vals[f"{g}.total"] = sum(parts.values())
    expected = {f.id for f in templates.fields_for(template)}
    assert set(vals) == expected, set(vals) ^ expected
    return vals


def make_report(
    values: Mapping[str, int | float | None] | None = None,
    template: str = TEMPLATE_2021,
    *,
    kind: str = "report",
    agency: str | None = "示例市示例局",
    year: int | None = None,
    sections: Iterable[str] | None = None,
    bodies: Mapping[str, str] | None = None,
    preamble: str | None = None,
    table_templates: Mapping[str, str] | None = None,
    prose: Iterable[tuple[str, int, str]] = (),
    findings: Iterable[Finding] = (),
    raw: Mapping[str, str] | None = None,
    origins: Mapping[str, str] | None = None,
    path: str = "示例.txt",
) -> ReviewedReport:
    """A parsed report as the parser would hand it over, built from a values dict.

    ``prose`` is (field, value, sentence) triples appended to section 一 and recorded in
    ``prose_figures`` with the span of the number. ``raw``/``origins`` override tokens/origins.
    """
    if year is None:
        year = 2020 if template == TEMPLATE_2019 else 2023
    sids = list(HEADINGS) if sections is None else list(sections)
    body_text = dict(DEFAULT_BODIES)
    body_text.update(bodies or {})
    head = preamble if preamble is not None else f"本报告中所列数据的统计期限为{year}年1月1日至{year}年12月31日。"
    title = f"{agency or ''}{year}年政府信息公开工作年度报告"
    text = f"{title}\n{head}\n"
    secs: list[Section] = []
    prose_figs: list[Value] = []
    for sid in sids:
        start = len(text)
        heading = HEADINGS.get(sid, sid)
        text += heading + "\n"
        h = Span(start, start + len(heading))
        text += body_text.get(sid, "") + "\n"
        if sid == "s1":
            for fid, v, sentence in prose:
                at = len(text) + sentence.index(str(v))
                text += sentence + "\n"
                prose_figs.append(Value(fid, v, str(v), "prose", Span(at, at + len(str(v)))))
        secs.append(Section(sid, heading, h, Span(start, start)))
    if "s1" not in sids:
        for fid, v, sentence in prose:
            at = len(text) + sentence.index(str(v))
            text += sentence + "\n"
            prose_figs.append(Value(fid, v, str(v), "prose", Span(at, at + len(str(v)))))
    ends = [s.heading.start for s in secs[1:]] + [len(text)] if secs else []
    secs = [Section(s.id, s.title, s.heading, Span(s.heading.start, e)) for s, e in zip(secs, ends, strict=True)]
    vals: dict[str, Value] = {}
    for fid, v in (values or {}).items():
        token = (raw or {}).get(fid, "" if v is None else str(v))
        origin = (origins or {}).get(fid, "table")
        vals[fid] = Value(fid, v, token, origin)  # type: ignore[arg-type]
    if table_templates is None:
        present = {templates.all_fields()[f].table for f in vals if f in templates.all_fields()}
        table_templates = {t: template for t in present if template in templates.TEMPLATES}
    doc = SourceDocument(path=path, form="txt", original=text, text=text, offsets=list(range(len(text))))
    meta = Metadata(agency=Located(agency), year=Located(year), title=Located(title))
    report = Report(
        path=path,
        document=doc,
        kind=kind,  # type: ignore[arg-type]
        template=template,
        table_templates=dict(table_templates),
        metadata=meta,
        sections=secs,
        values=vals,
        findings=list(findings),
        prose_figures=prose_figs,
    )
    return ReviewedReport(report)


def apply_fields(template: str = TEMPLATE_2021) -> list[str]:
    return [f.id for f in templates.fields_for(template, TABLE_APPLY)]


__all__ = ["TEMPLATE_2019", "TEMPLATE_2021", "consistent_values", "make_report"]
