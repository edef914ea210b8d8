"""Figures stated in prose: mapped conservatively, prose-only ones with a warning."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_seed_002_reads_accepted_as_new_with_its_own_warning() -> None:
    # 主动公开政府信息37条 is no table field; 无…行政复议 has no number; 受理…0件 is read as
    # 新收 (nothing says 收到) with a warning saying so, and is no figure to check the table against
    rep = parse_report(str(seed("002")))
    assert {k: (v.value, v.origin) for k, v in rep.values.items()} == {"apply.new.total": (0, "prose")}
    assert rep.prose_figures == []
    (warned,) = [f for f in rep.findings if f.rule == "prose.figure"]
    assert warned.fields == ["apply.new.total"] and "受理" in warned.message and "结转" in warned.message


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
        ("全年共接收政府信息公开申请9件。", {"apply.new.total": 9}),
        ("结转至下年度继续办理的申请2件。", {"apply.carry_forward.total": 2}),
        ("转入下一年度办理1件。", {"apply.carry_forward.total": 1}),
        ("上年度结转至本年度办理的申请3件。", {"apply.carried.total": 3}),  # into this year: no carry-forward
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
        # 不予处理 0 件: each of its rows is 0 (无法提供的 10 件 does not say which rows)
        **dict.fromkeys(
            (f"apply.rejected.{k}.total" for k in ("petition", "duplicate", "publication", "mass_repeat", "confirm_info")), 0
        ),
    }
    assert all(v.origin != "prose" for v in rep.values.values())  # every field is in the table


@pytest.mark.timeout(30)
def test_long_line_of_spaced_digits_does_not_hang():
    # Regression: an unbounded number pattern backtracked quadratically on such a line.
    from core.parsing.prose import find_prose_figures

    assert find_prose_figures("一、总体情况\n" + "1 " * 50000) == []


_DENIED = [f"apply.denied.{k}.total" for k in (
    "state_secret", "law_forbidden", "safety_stability", "third_party",
    "internal_affairs", "process_info", "enforcement_file", "query_matter",
)]  # fmt: skip
_UNABLE = ["apply.unable.not_held.total", "apply.unable.needs_creation.total", "apply.unable.unclear.total"]
_REJECTED = [f"apply.rejected.{k}.total" for k in ("petition", "duplicate", "publication", "mass_repeat", "confirm_info")]
_COLS = ("upheld", "corrected", "other", "pending")


def _zeros(fids: list[str], **but: int) -> dict[str, int]:
    return {f: but.get(f, 0) for f in fids}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 不予公开 / 无法提供 / 不予处理: a group of rows, placed only when the sentence settles them
        ("不予公开0件。", _zeros(_DENIED)),
        ("不予处理的申请为0件。", _zeros(_REJECTED)),
        ("无法提供4件，均为本机关不掌握相关政府信息。", _zeros(_UNABLE, **{"apply.unable.not_held.total": 4})),
        ("不予公开2件，原因均为保护第三方合法权益。", _zeros(_DENIED, **{"apply.denied.third_party.total": 2})),
        ("不予公开3件（其中属于国家秘密1件、保护第三方合法权益2件）。",
         _zeros(_DENIED, **{"apply.denied.state_secret.total": 1, "apply.denied.third_party.total": 2})),
        # the named rows do not add up to the group: only they are stated
        ("不予公开5件，其中属于国家秘密1件。", {"apply.denied.state_secret.total": 1}),
        ("不予公开3件。", {}),
        ("无法提供2件，涉及不掌握和需要另行制作的情形。", {}),  # two reasons, no figures
        ("部分公开和不予公开共5件。", {}),  # a sum of two rows
        ("予以公开5件、部分公开2件、不予公开0件。",
         {"apply.granted.total": 5, "apply.partial.total": 2, **_zeros(_DENIED)}),
        ("全市不予公开0件。", {}),
        # 受理 is not found by find_prose_figures (it is no figure to check a table against)
        ("全年共受理政府信息公开申请8件。", {}),
        # 表四: the group the sentence names, and the results named after it
        ("发生行政复议2起，其中维持1起，纠正1起。",
         {"review.total": 2, "review.upheld": 1, "review.corrected": 1, "review.other": 0, "review.pending": 0}),
        ("行政复议1起，尚未审结1起。", {"review.total": 1, "review.pending": 1, **_zeros([f"review.{c}" for c in _COLS[:3]])}),
        ("行政复议3起，维持2起。", {"review.total": 3, "review.upheld": 2}),
        ("行政复议0件。", {"review.total": 0, **_zeros([f"review.{c}" for c in _COLS])}),
        ("行政诉讼0起。", _zeros([f"{g}.{c}" for g in ("suit_direct", "suit_after_review") for c in (*_COLS, "total")])),
        ("行政诉讼2起。", {}),  # which of the two groups is not said
        ("行政诉讼3起，其中未经复议直接起诉2起（维持1起、尚未审结1起），复议后起诉1起，结果维持1起。",
         {"suit_direct.total": 2, "suit_direct.upheld": 1, "suit_direct.pending": 1,
          "suit_direct.corrected": 0, "suit_direct.other": 0,
          "suit_after_review.total": 1, "suit_after_review.upheld": 1,
          **_zeros([f"suit_after_review.{c}" for c in _COLS[1:]])}),
        ("经复议后提起行政诉讼1起，法院判决维持原行政行为1起。",
         {"suit_after_review.total": 1, "suit_after_review.upheld": 1, **_zeros([f"suit_after_review.{c}" for c in _COLS[1:]])}),
        ("直接提起行政诉讼2起。", {"suit_direct.total": 2}),
        ("行政复议被纠错1件。", {"review.corrected": 1}),
        ("复议纠错率为0%。", {}),
        ("办理行政复议案件120件，审理行政诉讼案件30件。", {}),  # a 复议机关's caseload, not appeals against the office
        ("全市发生行政诉讼0起。", {}),
        # 收费: 行政事业性收费 in 万元 (表二); the fee for answering applications is not it
        ("本年度行政事业性收费金额为12.5万元。", {"active.fees.amount": 12.5}),
        ("行政事业性收费0元。", {"active.fees.amount": 0}),
        ("行政事业性收费2500元。", {}),  # 万元 in the table may be rounded
        ("收取信息处理费200元。", {}),
        ("本年度收费金额为0万元。", {}),
    ],
)  # fmt: skip
def test_group_appeal_and_fee_sentences(sentence: str, expected: dict[str, int]) -> None:
    assert _figures(sentence) == expected


def _prose_only(text: str, template: str = "2021") -> tuple[dict[str, Value], list]:
    doc = SourceDocument("t", "txt", text, text)
    report = Report("t", doc)
    report.template = template
    return prose_values(doc, report)


def test_accepted_is_new_only_when_nothing_says_received() -> None:
    values, findings = _prose_only("全年共受理政府信息公开申请8件，共收到政府信息公开申请7件。")
    assert values["apply.new.total"].value == 7 and "受理" not in findings[0].message
    values, findings = _prose_only("全年共受理政府信息公开申请8件。")
    assert values["apply.new.total"].value == 8
    assert "受理" in findings[0].message and findings[0].severity == "warning"
    values, _ = _prose_only("全年共受理政府信息公开申请8件（含上年结转2件）。")
    assert "apply.new.total" not in values


def test_a_settled_group_is_one_warning_listing_its_rows() -> None:
    values, findings = _prose_only("不予处理0件，无法提供4件，均为本机关不掌握相关政府信息。")
    assert {f: v.value for f, v in values.items()} == {**_zeros(_REJECTED), **_zeros(_UNABLE, **{"apply.unable.not_held.total": 4})}
    assert all(v.origin == "prose" for v in values.values())
    by_fields = {tuple(f.fields): f for f in findings}
    assert set(by_fields) == {tuple(_REJECTED), tuple(_UNABLE)}
    assert all(f.rule == "prose.figure" and f.severity == "warning" for f in findings)
    assert "各项均为 0" in by_fields[tuple(_REJECTED)].message
    assert "只提到一种情形" in by_fields[tuple(_UNABLE)].message


def test_a_group_figure_the_sentence_does_not_settle_is_a_warning_not_a_value() -> None:
    values, findings = _prose_only("不予公开3件，行政诉讼2起。")
    assert values == {}
    assert [(f.rule, f.severity, f.fields) for f in findings] == [("prose.unplaced", "warning", [])] * 2
    assert "（三）不予公开" in findings[0].message and "行政诉讼" in findings[1].message
    # the table states the rows: nothing to say
    doc = SourceDocument("t", "txt", "不予公开3件。", "不予公开3件。")
    report = Report("t", doc)
    report.values["apply.denied.state_secret.total"] = Value("apply.denied.state_secret.total", 3)
    assert prose_values(doc, report) == ({}, [])


def test_a_field_the_format_has_not_is_not_placed() -> None:
    # 2019's 表二 行政事业性收费 has item counts, not an amount
    values, _ = _prose_only("行政事业性收费金额为3万元。", template="2019")
    assert values == {}
    values, _ = _prose_only("行政事业性收费金额为3万元。", template="2021")
    assert values["active.fees.amount"].value == 3


def test_spans_quote_the_sentence() -> None:
    text = "一、总体情况\n本年度不予公开3件（其中属于国家秘密1件、保护第三方合法权益2件），行政复议1起，维持1起。"
    for v in find_prose_figures(text):
        assert v.span is not None and text[v.span.start : v.span.end] == v.raw


# A work summary written from a table: each figure in one of the usual phrasings, in any order.
_PHRASES: dict[str, tuple[str, ...]] = {
    "apply.new.total": ("共收到政府信息公开申请{}件", "全年新收依申请公开申请{}件", "共接收政府信息公开申请{}件"),
    "apply.carried.total": ("上年结转政府信息公开申请{}件", "上年度结转申请{}件"),
    "apply.granted.total": ("予以公开{}件", "同意公开答复{}件"),
    "apply.partial.total": ("部分公开{}件", "部分公开答复{}件"),
    "apply.total_handled.total": ("全年办结政府信息公开申请{}件",),
    "apply.carry_forward.total": ("结转下年度继续办理{}件", "转下一年度办理{}件"),
    "review.total": ("因政府信息公开被申请行政复议{}起", "发生行政复议案件{}件"),
    "suit_direct.total": ("未经复议直接起诉{}件", "直接提起行政诉讼{}起"),
    "suit_after_review.total": ("复议后起诉{}件", "经复议后提起行政诉讼{}起"),
    "active.normative.issued": ("制发规范性文件{}件",),
    "active.penalty.decisions": ("作出行政处罚决定{}件",),
}
_FILLERS = ("我局坚持以公开为常态、不公开为例外", "依法规范答复流程", "全市各单位共收到申请1200件", "主动公开政府信息32条")


@settings(max_examples=200, deadline=None)
@given(
    figures=st.dictionaries(st.sampled_from(sorted(_PHRASES)), st.integers(0, 99999), min_size=1),
    choice=st.randoms(use_true_random=False),
)
def test_a_summary_written_from_figures_reads_back_to_them(figures: dict[str, int], choice: random.Random) -> None:
    clauses = [choice.choice(_PHRASES[fid]).format(n) + choice.choice("，。；") for fid, n in figures.items()]
    clauses += [f + "。" for f in choice.sample(_FILLERS, 2)]  # a clause about the whole city ends its sentence
    choice.shuffle(clauses)
    text = "一、总体情况\n" + "".join(clauses)
    got = {v.field: v.value for v in find_prose_figures(text) if v.field in _PHRASES}
    # a group total of 0 also settles its columns (0): those are checked by the sentence tests
    assert got == figures
