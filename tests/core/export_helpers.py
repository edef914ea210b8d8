"""Synthetic reviewed reports for the export tests and benchmark (made-up agencies and numbers)."""

from __future__ import annotations

import random
from typing import Any

from core import templates as T
from core.model import Located, Metadata, Report, SourceDocument, Value
from core.review.state import ReviewedReport

APPLICANTS = ("natural", "commercial", "research", "social", "legal", "other")


def consistent_values(template: str = "2021", seed: int = 0, scale: int = 20) -> dict[str, int | float]:
    """Random values for every field of a template that satisfy the national identities."""
    rnd = random.Random(seed)
    layout_t = template if template in T.LAYOUTS else T.TEMPLATE_2021
    (block,) = T.layout(layout_t, T.TABLE_APPLY)
    outcome_rows = [r.key for r in block.rows if r.level >= 1 and r.key != "total_handled"]
    vals: dict[str, int | float] = {}
    for col in APPLICANTS:
        handled = 0
        for key in outcome_rows:
            v = rnd.randint(0, scale) if rnd.random() < 0.6 else 0
            vals[f"apply.{key}.{col}"] = v
            handled += v
        carry_forward = rnd.randint(0, max(1, scale // 4))
        carried = rnd.randint(0, handled + carry_forward)
        vals[f"apply.total_handled.{col}"] = handled
        vals[f"apply.carry_forward.{col}"] = carry_forward
        vals[f"apply.carried.{col}"] = carried
        vals[f"apply.new.{col}"] = handled + carry_forward - carried
    for row in block.rows:
        vals[f"apply.{row.key}.total"] = sum(vals[f"apply.{row.key}.{c}"] for c in APPLICANTS)
    for g in T.APPEAL_GROUPS:
        parts = [rnd.randint(0, 5) for _ in range(4)]
        for k, v in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            vals[f"{g.key}.{k}"] = v
        vals[f"{g.key}.total"] = sum(parts)
    for f in T.fields_for(layout_t, T.TABLE_ACTIVE):
        if f.kind == "decimal":
            vals[f.id] = round(rnd.uniform(0, 500), 2)
        elif f.kind == "signed":
            vals[f.id] = rnd.randint(-30, 30)
        else:
            vals[f.id] = rnd.randint(0, 3 * scale)
    return vals




def make_reviewed(
    template: str = "2021",
    agency: str | None = "示例市测试局",
    year: int | None = 2023,
    seed: int = 0,
    values: dict[str, Any] | None = None,
    path: str = "示例市测试局2023年报.txt",
) -> ReviewedReport:
    """A ReviewedReport of a template with consistent random values (or the given ones)."""
    vals = consistent_values(template, seed) if values is None else values
    doc = SourceDocument(path=path, form="txt", original="", text="")
    report = Report(
        path=path,
        document=doc,
        template=template,
        metadata=Metadata(agency=Located(agency), year=Located(year)),
        values={fid: Value(fid, v, raw=str(v)) for fid, v in vals.items()},
    )
    return ReviewedReport(report)
