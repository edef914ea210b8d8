"""Figures stated in prose: mapped conservatively, prose-only ones with a warning."""

from __future__ import annotations

import pytest

from core.model import Report, SourceDocument, Value
from core.parsing import parse_report
from core.parsing.prose import find_prose_figures, prose_values
from tests.conftest import seed


def _figures(text: str) -> dict[str, int]:
    return {v.field: v.value for v in find_prose_figures(text)}  # type: ignore[misc]


def test_seed_004_work_summary() -> None:
    rep = parse_report(str(seed("004")))
    got = {k: (v.value, v.origin) for k, v in rep.values.items()}
    assert got == {
        "apply.new.total": (2, "prose"),
        "apply.partial.total": (1, "prose"),
        "apply.unable.not_held.total": (1, "prose"),
    }
    warned = [f for f in rep.findings if f.rule == "prose.figure"]
    assert sorted(f.fields[0] for f in warned) == sorted(got)
    assert all(f.severity == "warning" for f in warned)
    v = rep.values["apply.new.total"]
    assert rep.text[v.span.start : v.span.end] == v.raw  # type: ignore[union-attr]


def test_seed_002_maps_nothing() -> None:
    # 主动公开政府信息37条 is no table field; 受理…0件 is not 新收; 无…行政复议 has no number
    rep = parse_report(str(seed("002")))
    assert rep.values == {}
    assert rep.prose_figures == []


def test_seed_001_prose_is_not_mapped_over_the_table() -> None:
    rep = parse_report(str(seed("001")))
    assert all(v.origin != "prose" for v in rep.values.values())
    assert not [f for f in rep.findings if f.rule == "prose.figure"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度共收到政府信息公开申请12件，其中予以公开5件，部分公开2件。", {"apply.new.total": 12, "apply.granted.total": 5, "apply.partial.total": 2}),
        ("上年结转政府信息公开申请 3 件。", {"apply.carried.total": 3}),
        ("因政府信息公开被申请行政复议2起。", {"review.total": 2}),
        ("发生1件涉及政府信息公开的行政复议。", {"review.total": 1}),
        ("全市共收到政府信息公开申请1200件。", {}),
        ("主动公开政府信息共32条。", {}),
        ("全年共受理依申请公开件0件。", {}),
        ("共收到申请两件。", {}),
        ("共收到政府信息公开申请两件。", {"apply.new.total": 2}),
        ("不予公开3件，无法提供4件。", {}),
        ("行政诉讼1起。", {}),
        ("收到政府信息公开申请的答复时间平均为3个工作日。", {}),
        ("收到政府信息公开申请后平均3件一批处理。", {}),
        ("转下一年度办理答复的有 1 件。", {"apply.carry_forward.total": 1}),
        ("予以公开及部分公开42件。", {}),
        ("予以公开和部分公开共42件，其中部分公开3件。", {"apply.partial.total": 3}),
        ("全年办结政府信息公开申请15件。", {"apply.total_handled.total": 15}),
        ("本年度制发行政规范性文件6件，废止规范性文件2件，现行有效规范性文件120件。",
         {"active.normative.issued": 6, "active.normative.repealed": 2, "active.normative.in_force": 120}),
        ("制定政府规章1件。", {"active.rules.issued": 1}),
        ("全年作出行政许可决定356件，行政处罚决定12件，行政强制决定0件。",
         {"active.license.decisions": 356, "active.penalty.decisions": 12, "active.coercion.decisions": 0}),
        ("公开行政许可事项清单128项。", {}),
        ("全市各单位制发规范性文件120件。", {}),
    ],
)  # fmt: skip
def test_sentences(sentence: str, expected: dict[str, int]) -> None:
    assert _figures(sentence) == expected


def test_prose_figures_are_recorded_even_when_the_table_states_them() -> None:
    text = "本年共收到政府信息公开申请7件。"
    doc = SourceDocument("t", "txt", text, text)
    report = Report("t", doc)
    report.values["apply.new.total"] = Value("apply.new.total", 8)
    values, findings = prose_values(doc, report)
    assert values == {} and findings == []
    assert [(v.field, v.value, v.origin) for v in report.prose_figures] == [("apply.new.total", 7, "prose")]


def test_kewei_prose_figures_are_recorded_next_to_the_table() -> None:
    from tests.conftest import CORPUS

    rep = parse_report(str(CORPUS / "kewei_2024.md"))
    got = {v.field: v.value for v in rep.prose_figures}
    assert got == {
        "review.total": 1,
        "apply.new.total": 34,
        "apply.carried.total": 2,
        "apply.granted.total": 9,
        "apply.partial.total": 0,
        "apply.carry_forward.total": 1,  # the table's 总计 cell is blank: the rules compare the two
    }
    assert all(v.origin != "prose" for v in rep.values.values())  # every field is in the table


@pytest.mark.timeout(30)
def test_long_line_of_spaced_digits_does_not_hang():
    # Regression: an unbounded number pattern backtracked quadratically on such a line.
    from core.parsing.prose import find_prose_figures

    assert find_prose_figures("一、总体情况\n" + "1 " * 50000) == []
