"""The identities of §6: one broken case per rule, the fields/sides/difference named, no false alarm."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import templates
from core.validation import IDENTITIES, RULES, validate
from core.validation.identities import checks_for
from core.validation.rules import OUTCOMES
from tests.core.validation_helpers import APPLICANTS, consistent_values, make_report

IDENTITY_RULES = {"apply.balance", "apply.row_total", "apply.outcome_sum", "appeal.total"}


def _errors(rr, rule=None):
    return [f for f in validate(rr) if f.severity == "error" and (rule is None or f.rule == rule)]


def _bump(vals, fid, by=1):
    vals[fid] += by
    return vals


# --------------------------------------------------------------------------- declarations


def test_every_identity_rule_is_declared_as_data():
    assert {i.rule for i in IDENTITIES} == IDENTITY_RULES
    for rule in IDENTITY_RULES:
        assert RULES[rule].severity == "error"
        assert RULES[rule].scope == "identity"


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_outcome_rows_are_exactly_the_printed_rows_between_granted_and_total(template):
    rows = [r.key for b in templates.layout(template, "apply") for r in b.rows]
    assert list(OUTCOMES[template]) == rows[rows.index("granted") : rows.index("total_handled")]


@pytest.mark.parametrize("template,n_rows", [("2019", 23), ("2021", 25)])
def test_checks_cover_every_column_and_row(template, n_rows):
    checks = checks_for(template, "apply")
    by_rule: dict[str, int] = {}
    for c in checks:
        by_rule[c.rule] = by_rule.get(c.rule, 0) + 1
    assert by_rule == {"apply.balance": 7, "apply.row_total": n_rows, "apply.outcome_sum": 7}
    assert len(checks_for(template, "appeal")) == 3
    # every printed 表三 cell is read by at least one check
    read = {fid for c in checks for fid in c.fields}
    assert read == {f.id for f in templates.fields_for(template, "apply")}


# --------------------------------------------------------------------------- no false alarm


@settings(max_examples=40, deadline=None)
@given(template=st.sampled_from(["2019", "2021"]), seed=st.integers(0, 10**6), zero=st.booleans())
def test_consistent_reports_have_no_finding_at_all(template, seed, zero):
    rr = make_report(consistent_values(template, random.Random(seed), zero=zero), template)
    assert validate(rr) == []


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("token", ["", "/", "—", "0", "无"])
def test_empty_printed_tables_break_no_identity(template, token):
    vals = consistent_values(template, zero=True)
    rr = make_report(vals, template, raw={fid: token for fid in vals})
    found = validate(rr)
    assert [f for f in found if f.severity == "error"] == []
    # a table printed with every cell blank is worth a look (a blank template, or numbers lost);
    # an explicit 0, / or — is a printed answer and says nothing
    blank = sorted(f.params["key"] for f in found if f.rule == "table.blank")
    assert blank == (["active", "appeal", "apply"] if token == "" else [])
    assert [f for f in found if f.rule != "table.blank"] == []


def test_large_consistent_values():
    rr = make_report(consistent_values("2021", 7, high=100000), "2021")
    assert validate(rr) == []


# --------------------------------------------------------------------------- 勾稽


def _zero_with_natural_column(template="2021"):
    vals = consistent_values(template, zero=True)
    for row, n in (("new", 5), ("carried", 1), ("granted", 4), ("total_handled", 4), ("carry_forward", 1)):
        vals[f"apply.{row}.natural"] = n
        vals[f"apply.{row}.total"] = n
    return vals


def test_balance_broken_names_fields_sides_and_difference():
    rr = make_report(_zero_with_natural_column())
    found = {f.params["column"]: f for f in _errors(rr, "apply.balance")}
    assert set(found) == {"自然人", "总计"}
    f = found["自然人"]
    assert f.message == "表三 “自然人” 列勾稽不平：第一项 5 + 第二项 1 = 6，第三项（七）总计 4 + 第四项 1 = 5，相差 1"
    assert f.fields == [
        "apply.new.natural",
        "apply.carried.natural",
        "apply.total_handled.natural",
        "apply.carry_forward.natural",
    ]
    assert (f.params["left"], f.params["right"], f.params["diff"]) == (6, 5, 1)
    assert f.suggestion == {}
    # only the balance is broken: rows and outcome sums hold
    assert {x.rule for x in _errors(rr)} == {"apply.balance"}


def test_values_stay_as_printed():
    vals = _bump(consistent_values("2021", 3), "apply.granted.legal", 2)
    rr = make_report(vals)
    before = {k: v.value for k, v in rr.values().items()}
    findings = validate(rr)
    assert any(f.suggestion for f in findings)
    assert {k: v.value for k, v in rr.values().items()} == before
    assert rr.state.corrections == {}


# --------------------------------------------------------------------------- row totals


def test_row_total_broken_with_a_suggested_cell():
    vals = _bump(consistent_values("2021", 1), "apply.granted.natural", 3)
    rr = make_report(vals)
    errs = _errors(rr)
    assert {f.rule for f in errs} == {"apply.row_total", "apply.outcome_sum"}
    row = next(f for f in errs if f.rule == "apply.row_total")
    assert row.params["row"] == "（一）予以公开"
    assert row.fields[0] == "apply.granted.total"
    assert set(row.fields) == {f"apply.granted.{c}" for c in [*APPLICANTS, "total"]}
    assert row.params["diff"] == -3
    assert row.message.startswith(f"表三 “（一）予以公开” 行合计不符：“总计” 列 {vals['apply.granted.total']}，自然人 ")
    assert "相差 3" in row.message
    # one cell explains both broken identities: suggested, never applied
    printed = vals["apply.granted.natural"]
    for f in errs:
        assert f.suggestion == {"apply.granted.natural": printed - 3}
        assert "仅为建议" in f.message
    assert rr.value("apply.granted.natural") == printed


def test_row_total_of_a_2021_leaf_row_is_named_by_group_and_leaf():
    vals = _bump(consistent_values("2021", 2), "apply.other.no_fee.total", 1)
    rr = make_report(vals)
    row = next(f for f in _errors(rr) if f.rule == "apply.row_total")
    assert row.params["row"] == "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用"
    assert "apply." not in row.message


# --------------------------------------------------------------------------- outcome sums


@pytest.mark.parametrize(
    "template,cell",
    [
        ("2019", "apply.other.research"),
        ("2021", "apply.other.no_correction.research"),
        ("2021", "apply.denied.query_matter.research"),
    ],
)
def test_outcome_sum_broken_per_template(template, cell):
    vals = consistent_values(template, 5)
    vals[cell] += 2
    row_total = cell.rsplit(".", 1)[0] + ".total"
    vals[row_total] += 2  # the row stays balanced: only the column sum breaks
    rr = make_report(vals, template)
    errs = _errors(rr)
    assert {f.rule for f in errs} == {"apply.outcome_sum"}
    by_col = {f.params["column"]: f for f in errs}
    assert set(by_col) == {"科研机构", "总计"}
    f = by_col["科研机构"]
    assert f.fields[0] == "apply.total_handled.research"
    assert cell in f.fields
    assert len(f.fields) == 1 + len(OUTCOMES[template])
    assert f.params["diff"] == -2
    assert f"（七）总计” {vals['apply.total_handled.research']}" in f.message
    assert f"之和 {vals['apply.total_handled.research'] + 2}" in f.message
    assert "相差 2" in f.message


def test_2019_outcome_sum_does_not_read_2021_rows():
    vals = consistent_values("2019", 8)
    vals["apply.other.no_fee.natural"] = 99  # a stray 2021 cell: not part of the 2019 identity
    rr = make_report(vals, "2019")
    assert _errors(rr) == []


# --------------------------------------------------------------------------- 表四


@pytest.mark.parametrize(
    "group,label", [("review", "行政复议"), ("suit_direct", "未经复议直接起诉"), ("suit_after_review", "复议后起诉")]
)
def test_appeal_total_broken(group, label):
    vals = consistent_values("2021", 4)
    vals[f"{group}.pending"] += 1
    rr = make_report(vals)
    (f,) = _errors(rr)
    assert f.rule == "appeal.total"
    assert f.fields == [f"{group}.total", f"{group}.upheld", f"{group}.corrected", f"{group}.other", f"{group}.pending"]
    assert f.message.startswith("表四 ")
    assert label in f.message
    assert (f.params["left"], f.params["right"], f.params["diff"]) == (
        vals[f"{group}.total"],
        vals[f"{group}.total"] + 1,
        -1,
    )
    assert f.suggestion == {}  # any of the five cells could explain it


# --------------------------------------------------------------------------- missing operands


def test_missing_or_unreadable_operand_is_not_claimed_broken():
    vals = _bump(consistent_values("2021", 6), "apply.granted.natural", 1)
    del vals["apply.granted.total"]  # the row total cannot be decided
    vals["apply.total_handled.natural"] = None  # unreadable: the parser reports it
    rr = make_report(vals)
    assert _errors(rr) == []


def test_prose_only_figures_do_not_enter_identities():
    vals = {"apply.new.total": 7, "apply.carried.total": 0}
    vals |= {"apply.total_handled.total": 5, "apply.carry_forward.total": 0}
    rr = make_report(vals, origins={k: "prose" for k in vals}, kind="summary", sections=[])
    assert _errors(rr) == []


def test_edited_values_are_checked():
    from core.review.state import ValueEdit

    rr = make_report(consistent_values("2021", 9))
    rr.apply(ValueEdit("review.total", 1000))
    assert [f.rule for f in _errors(rr)] == ["appeal.total"]


def test_a_blank_cell_counted_as_zero_is_named():
    vals = consistent_values("2021", 12)
    vals["apply.carry_forward.natural"] = 2
    vals["apply.carry_forward.total"] = 0
    for c in ("commercial", "research", "social", "legal", "other"):
        vals[f"apply.carry_forward.{c}"] = 0
    for c in APPLICANTS:
        handled, carried = vals[f"apply.total_handled.{c}"], vals[f"apply.carried.{c}"]
        vals[f"apply.new.{c}"] = handled + vals[f"apply.carry_forward.{c}"] - carried
    vals["apply.new.total"] = sum(vals[f"apply.new.{c}"] for c in APPLICANTS)
    rr = make_report(vals, raw={"apply.carry_forward.total": ""})
    row = next(f for f in _errors(rr) if f.rule == "apply.row_total")
    assert row.message.endswith(
        "；其中“总计”原表为空白，按 0 计。"
        "若表三 “四、结转下年度继续办理” 行 “总计” 列应为 2，则相关等式均成立（仅为建议，未修改原值）"
    )
    assert row.suggestion == {"apply.carry_forward.total": 2}
