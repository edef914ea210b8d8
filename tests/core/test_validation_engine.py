"""The validator: ordering, confirmation as printed, stable keys, incremental update == full run."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core import templates
from core.model import Finding
from core.review.state import ConfirmEdit, MetadataEdit, RowRemapEdit, SectionStartEdit, ValueEdit
from core.validation import Validator, status, validate
from core.validation import engine as engine_mod
from tests.core.validation_helpers import consistent_values, make_report


def _sig(findings):
    return [(f.key, f.severity, f.message, f.suggestion, f.span) for f in findings]


def _broken_report():
    vals = consistent_values("2021", 11)
    vals["review.upheld"] += 1  # 表四: error
    vals["apply.granted.natural"] += 1  # 表三: two errors
    vals["active.rules.issued"] = 1  # county with 规章: warning
    return make_report(vals, agency="示例县审计局", bodies={"s6": "无。"})  # + fee warning


# --------------------------------------------------------------------------- ordering


def test_findings_ordered_by_severity_then_table_and_row():
    parser_info = Finding("cell.inferred", "info", "按位置推断", ["apply.new.natural"])
    rr = _broken_report()
    rr.report.findings.append(parser_info)
    found = validate(rr)
    assert [f.severity for f in found] == ["error", "error", "error", "warning", "warning", "info"]
    assert [f.rule for f in found[:3]] == ["apply.row_total", "apply.outcome_sum", "appeal.total"]
    assert [f.rule for f in found[3:5]] == ["active.rules_level", "s6.fee_statement"]
    assert found[-1] is parser_info


# --------------------------------------------------------------------------- confirmation


def test_confirmed_finding_stays_visible_but_resolved():
    rr = _broken_report()
    v = Validator(rr)
    before = v.findings()
    assert status(rr, before).errors == 3
    target = next(f for f in before if f.rule == "appeal.total")
    rr.apply(ConfirmEdit(target.key, "原文如此，已与报送单位核实"))
    after = v.update(kind="confirm")
    assert _sig(after) == _sig(before)  # still visible
    st_ = status(rr, after)
    assert (st_.errors, st_.confirmed) == (2, 1)
    assert rr.state.confirmed[target.key].note == "原文如此，已与报送单位核实"
    # the key survives re-validation and unrelated edits
    rr.apply(ValueEdit("apply.new.legal", 999))
    again = validate(rr)
    assert any(f.key == target.key and rr.is_confirmed(f) for f in again)


def test_keys_are_stable_and_distinct():
    rr = _broken_report()
    a, b = validate(rr), validate(rr)
    assert [f.key for f in a] == [f.key for f in b]
    assert len({f.key for f in a}) == len(a)
    rr2 = make_report({}, sections=["s1"])
    keys = [f.key for f in validate(rr2)]
    assert len(keys) == len(set(keys))  # five missing sections, three tables: all distinct


def test_status_labels():
    ok = make_report(consistent_values("2021", 1))
    assert status(ok, validate(ok)).label == "无问题"
    rr = _broken_report()
    assert status(rr, validate(rr)).label == "有错误"


# --------------------------------------------------------------------------- incremental


def test_update_reruns_only_the_rules_that_read_the_field(monkeypatch):
    rr = make_report(consistent_values("2021", 1))
    v = Validator(rr)
    calls: list[str] = []
    real = engine_mod.I.run

    def spy(check, *args):
        calls.append(check.rule)
        return real(check, *args)

    monkeypatch.setattr(engine_mod.I, "run", spy)
    rr.apply(ValueEdit("active.license.decisions", 3))
    v.update(["active.license.decisions"])
    assert calls == []
    rr.apply(ValueEdit("review.other", 40))
    found = v.update(["review.other"])
    assert calls == ["appeal.total"]
    assert [f.rule for f in found] == ["appeal.total"]
    calls.clear()
    rr.apply(ValueEdit("apply.partial.social", 40))
    v.update(["apply.partial.social"])
    assert sorted(calls) == ["apply.outcome_sum", "apply.row_total"]


def test_listener_keeps_findings_current():
    rr = make_report(consistent_values("2019", 2), "2019")
    v = Validator(rr)
    rr.listeners.append(v.on_change)
    inverse, _ = rr.apply(ValueEdit("apply.carried.natural", 77))
    assert _sig(v.findings()) == _sig(validate(rr))
    assert v.findings()
    rr.apply(inverse)
    assert v.findings() == []


def test_metadata_and_section_changes_rerun_document_rules():
    rr = make_report(consistent_values("2021", 3), year=2023)
    v = Validator(rr)
    rr.listeners.append(v.on_change)
    rr.apply(MetadataEdit("year", 2025))  # the preamble's period now disagrees
    assert [f.rule for f in v.findings()] == ["period.year_mismatch"]
    rr.apply(MetadataEdit("agency", "示例县审计局"))
    rr.apply(ValueEdit("active.rules.issued", 1))
    assert "active.rules_level" in [f.rule for f in v.findings()]
    s6 = next(s for s in rr.sections() if s.id == "s6")
    rr.apply(SectionStartEdit("s6", s6.body.end - 1))  # 六 shrinks to nothing: no fee sentence
    assert "s6.fee_statement" in [f.rule for f in v.findings()]
    assert _sig(v.findings()) == _sig(validate(rr))
    rr.apply(MetadataEdit("template", "2019"))  # the reviewer says: 2019 tables
    assert _sig(v.findings()) == _sig(validate(rr))


def test_row_remap_updates_identities():
    vals = consistent_values("2021", 4)
    rr = make_report(vals)
    v = Validator(rr)
    rr.listeners.append(v.on_change)
    rr.apply(RowRemapEdit("apply.granted", "apply.partial"))  # granted values now under partial
    assert _sig(v.findings()) == _sig(validate(rr))


_APPLY_AND_APPEAL = [f.id for f in templates.fields_for("2021") if f.table != "active"] + ["active.rules.issued"]


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 10**6),
    edits=st.lists(
        st.tuples(
            st.sampled_from(_APPLY_AND_APPEAL),
            st.one_of(st.none(), st.integers(0, 60)),
            st.booleans(),
        ),
        min_size=1,
        max_size=12,
    ),
)
def test_incremental_equals_full_after_random_edits(seed, edits):
    rr = make_report(consistent_values("2021", seed), agency="示例区审计局")
    v = Validator(rr)
    for fid, value, revert in edits:
        _, change = rr.apply(ValueEdit(fid, value, revert=revert))
        got = v.update(change.fields, kind=change.kind)
        assert _sig(got) == _sig(validate(rr))


@settings(max_examples=20, deadline=None)
@given(
    seed=st.integers(0, 10**6),
    edits=st.lists(
        st.tuples(st.sampled_from([*_APPLY_AND_APPEAL, "apply.other.natural", "apply.other.total"]), st.integers(0, 9)),
        min_size=1,
        max_size=8,
    ),
)
def test_incremental_equals_full_when_the_template_is_inferred(seed, edits):
    vals = {k: v for k, v in consistent_values("2021", seed).items() if not k.startswith("apply.other.")}
    rr = make_report(vals, "unknown", table_templates={})  # （六） rows lost: template from the rows present
    v = Validator(rr)
    for fid, value in edits:
        _, change = rr.apply(ValueEdit(fid, value))
        assert _sig(v.update(change.fields, kind=change.kind)) == _sig(validate(rr))


def test_span_only_findings_sort_by_their_section():
    from core.model import Span

    rr = make_report(consistent_values("2021", 1))
    s3 = next(s for s in rr.sections() if s.id == "s3")
    in_s3 = Span(s3.body.start + 3, s3.body.start + 4)
    stray = Finding("table.stray", "warning", "表三 中有一个不属于任何行的数字", span=in_s3)
    appeal = Finding("table.inferred", "warning", "表四 推定", ["review.total"])
    apply_ = Finding("table.inferred", "warning", "表三 推定", ["apply.new.total"])
    early = Finding("document.note", "warning", "文件说明")
    rr.report.findings.extend([appeal, stray, apply_, early])
    assert validate(rr) == [early, apply_, stray, appeal]


def test_table_three_is_checked_against_the_rows_it_prints():
    from core.validation.engine import apply_template

    rr = make_report(consistent_values("2019", 5), "2021", table_templates={"apply": "2021"})  # labels said 2021
    assert apply_template(rr) == "2019"
    vals = consistent_values("2019", 5)
    vals["apply.other.natural"] += 1
    vals["apply.other.total"] += 1
    rr = make_report(vals, "2021", table_templates={"apply": "2021"})
    assert {f.rule for f in validate(rr)} >= {"apply.outcome_sum"}
    empty = make_report({}, "unknown", table_templates={})
    assert apply_template(empty) is None
    empty.apply(MetadataEdit("template", "2019"))
    assert apply_template(empty) == "2019"


_ROWS = ["apply.granted", "apply.partial", "apply.new", "apply.other.other", "review", "suit_direct"]
_EDITS = st.one_of(
    st.builds(ValueEdit, st.sampled_from(_APPLY_AND_APPEAL), st.one_of(st.none(), st.integers(0, 60))),
    st.builds(MetadataEdit, st.just("year"), st.sampled_from([2019, 2021, 2023, 2024, None])),
    st.builds(MetadataEdit, st.just("agency"), st.sampled_from(["示例县审计局", "示例市示例局", "示例镇人民政府"])),
    st.builds(MetadataEdit, st.just("template"), st.sampled_from(["2019", "2021", "unknown"])),
    st.builds(RowRemapEdit, st.sampled_from(_ROWS), st.sampled_from([*_ROWS, None])),
    st.builds(SectionStartEdit, st.sampled_from(["s5", "s6"]), st.one_of(st.none(), st.integers(0, 200))),
    st.builds(ConfirmEdit, st.just("appeal.total|review.total"), st.sampled_from(["原文如此", None])),
)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10**6), edits=st.lists(_EDITS, min_size=1, max_size=10))
def test_incremental_equals_full_after_edits_of_every_kind(seed, edits):
    rr = make_report(consistent_values("2021", seed), agency="示例区审计局")
    v = Validator(rr)
    rr.listeners.append(v.on_change)
    for edit in edits:
        inverse, _ = rr.apply(edit)
        assert _sig(v.findings()) == _sig(validate(rr))
        rr.apply(inverse)  # undo too
        assert _sig(v.findings()) == _sig(validate(rr))
        rr.apply(edit)
