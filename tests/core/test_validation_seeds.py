"""Validation on real documents through the parser (seeds and corpus).

Seed 002 is a 2021 工作总结 (work summary) filed instead of the six-part report, whose reviewer
asked for a closing sentence on 信息受理费 — the fee rule therefore applies to summaries of 2021
on (searching the whole text, since a summary has no 六).
"""

from __future__ import annotations

import json
from functools import cache

import pytest

from core.parsing import parse_report
from core.review.state import ReviewedReport, ValueEdit
from core.validation import RULES, validate
from tests.conftest import CORPUS, seed


@cache
def _parsed(path: str):
    return parse_report(path)


def _rr(path) -> ReviewedReport:
    return ReviewedReport(_parsed(str(path)))


def _ours(rr: ReviewedReport):
    """Findings of validation rules (the parser's own left out)."""
    return [f for f in validate(rr) if f.rule in RULES]


def test_seed_002_summary_without_fee_sentence():
    rr = _rr(seed("002"))
    assert rr.report.kind == "summary" and rr.metadata_value("year") == 2021
    found = _ours(rr)
    assert [f.rule for f in found] == ["s6.fee_statement"]
    assert found[0].message.startswith("工作总结未说明信息处理费收取情况")


def test_seed_000_2021_report_whose_six_only_states_the_period():
    rr = _rr(seed("000"))
    assert rr.metadata_value("year") == 2021
    found = {f.rule: f for f in _ours(rr)}
    fee = found.pop("s6.fee_statement")
    s6 = next(s for s in rr.sections() if s.id == "s6")
    assert fee.span == s6.heading
    # the parser already said the tables were lost; the period (2021) fits the year
    assert "tables.lost" in {f.rule for f in validate(rr)}
    assert found == {}


def test_seed_001_2019_format_county_report_is_clean():
    rr = _rr(seed("001"))
    assert rr.template == "2019"
    assert _ours(rr) == []


def test_huaian_pdf_through_the_parser_has_no_validation_finding():
    rr = _rr(CORPUS / "huaian_city_2024.pdf")
    truth = json.loads((CORPUS / "huaian_city_2024.expected.json").read_text(encoding="utf-8"))
    if {k: v.value for k, v in rr.values().items()} != truth["values"]:
        pytest.fail("the parser does not read huaian_city_2024.pdf as expected.json: a parsing regression")
    assert _ours(rr) == []


def test_kewei_blank_total_is_pinpointed_by_the_identities():
    rr = _rr(CORPUS / "kewei_2024.md")
    printed = rr.value("apply.carry_forward.total")
    errors = [f for f in _ours(rr) if f.severity == "error"]
    if printed == 0:  # the blank cell read as 0, as the contract says: two identities break, one cell explains both
        assert sorted(f.rule for f in errors) == ["apply.balance", "apply.row_total"]
        assert all(f.suggestion == {"apply.carry_forward.total": 1} for f in errors)
    else:  # left out (None) or read as the 1 the source PDF printed
        assert printed in (None, 1)
        assert errors == []
    rr.apply(ValueEdit("apply.carry_forward.total", 1))
    assert [f for f in _ours(rr) if f.severity == "error"] == []


def test_blank_national_template_says_it_is_blank():
    rr = _rr(CORPUS / "template_2021_blank.docx")
    assert all(v.value in (0, None) for v in rr.values().values())
    # every table is printed (blank): none is "missing" and no identity breaks; 六 says where the
    # fee is reported. But a reviewer must hear that nothing was filled in and who published it.
    rules = sorted((f.rule, f.params.get("key")) for f in _ours(rr))
    assert rules == [
        ("metadata.missing", "发布机关,报告年度"),
        ("table.blank", "active"),
        ("table.blank", "appeal"),
        ("table.blank", "apply"),
    ]
