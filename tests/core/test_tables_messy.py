"""Messy forms (issue #13): flattened `` | `` tables, cells run together, Markdown with stray cells."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.model import SourceDocument
from core.parsing.tables import extract_tables
from core.validation import validate
from tests.core.validation_helpers import make_report
from tests.synth import Noise, random_values
from tests.synth.messy import render_messy


def _doc(text: str, name: str = "t.txt") -> SourceDocument:
    return SourceDocument(name, "txt", text, text, list(range(len(text))))


def _tables(text: str):
    return extract_tables(_doc(text), [])


def _values(res) -> dict:
    return {k: v.value for k, v in res.values.items()}


def _errors_after_validation(res, template: str) -> list[str]:
    """Error rules the validator raises on the values read (a consistent report must raise none)."""
    rr = make_report(
        {k: v.value for k, v in res.values.items() if v.value is not None}, template, findings=res.findings
    )
    return [f.rule for f in validate(rr) if f.severity == "error"]


# --------------------------------------------------------------------------- flattened onto one line

FLAT_ACTIVE = (
    "二、主动公开政府信息情况\n"
    "第二十条第（一）项 | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 | 规章 | 0 | 0 | 0 | "
    "行政规范性文件 | 4 |  | 59 | 第二十条第（五）项 | 信息内容 | 本年处理决定数量 | 行政许可 | 532 | "
    "第二十条第（六）项 | 信息内容 | 本年处理决定数量 | 行政处罚 | 7 | 行政强制 | — | 第二十条第（八）项 | "
    "信息内容 | 本年收费金额（单位：万元） | 行政事业性收费 | 486.92\n"
)


def test_flat_active_table_is_cut_back_into_rows() -> None:
    res = _tables(FLAT_ACTIVE)
    v = _values(res)
    assert v["active.normative.issued"] == 4 and v["active.normative.repealed"] == 0
    assert v["active.normative.in_force"] == 59
    assert v["active.license.decisions"] == 532 and v["active.penalty.decisions"] == 7
    assert v["active.coercion.decisions"] == 0 and v["active.fees.amount"] == 486.92
    assert res.findings == []
    # the values keep their place in the text
    text = FLAT_ACTIVE
    span = res.values["active.license.decisions"].span
    assert text[span.start : span.end] == "532"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    template=st.sampled_from(["2021", "2019"]),
    empty_rate=st.sampled_from([0.0, 0.5]),
)
def test_flat_round_trip(seed, template, empty_rate) -> None:
    values = random_values(template, random.Random(seed))
    out = render_messy(values, template, "flat", noise=Noise(empty_rate), seed=seed)
    res = _tables(out.content)
    assert _values(res) == values
    assert res.findings == []


def test_flat_broken_identity_is_reported_not_repaired() -> None:
    values = random_values("2021", random.Random(4))
    values["apply.granted.natural"] += 1  # the row total and the outcome sum no longer hold
    out = render_messy(values, "2021", "flat", seed=4)
    res = _tables(out.content)
    assert _values(res) == values
    assert "apply.row_total" in _errors_after_validation(res, "2021")
