"""Messy forms (issue #13): flattened `` | `` tables, cells run together, Markdown with stray cells."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.model import SourceDocument
from core.parsing import parse_report
from core.parsing.tables import extract_tables
from core.resources import sample_files
from core.review.state import ReviewedReport
from core.validation import validate
from tests.core.validation_helpers import make_report
from tests.synth import Noise, random_values
from tests.synth.forms import render_text
from tests.synth.layout import Printer, report_blocks
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


# --------------------------------------------------------------------------- cells run together

GLUED_APPLY_ROW = "一、本年新收政府信息公开申请数量713000074"


def test_a_glued_row_with_one_split_is_read() -> None:
    from core.parsing.tables.runs import solve_row, tokenise

    rows = tokenise(GLUED_APPLY_ROW, 0)
    assert len(rows) == 1
    readings, cut = solve_row(rows[0].atoms, 7, ((6, (0, 1, 2, 3, 4, 5)),))
    assert not cut
    assert [[c[0] for c in r] for r in readings] == [[71, 3, 0, 0, 0, 0, 74]]


def test_the_next_labels_numeral_is_peeled_off_the_run() -> None:
    from core.parsing.tables.runs import tokenise

    rows = tokenise("5.属于三类内部事务信息10000016.属于四类过程性信息0000000", 0)
    assert [r.label for r in rows] == ["5.属于三类内部事务信息", "6.属于四类过程性信息"]
    assert [a.text for a in rows[0].atoms] == ["1000001"]


def test_several_splits_take_none_and_list_them() -> None:
    text = (
        "二、主动公开政府信息情况\n第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000"
        "行政规范性文件41059第二十条第（五）项信息内容本年处理决定数量行政许可532\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    values = random_values("2021", random.Random(1))
    out = render_messy(values, "2021", "glued", seed=1)
    i = out.content.index("三、收到和处理政府信息公开申请情况")
    res = _tables(text + out.content[i + len("三、收到和处理政府信息公开申请情况\n") :])
    v = _values(res)
    assert v["active.rules.issued"] == 0 and v["active.license.decisions"] == 532
    assert "active.normative.issued" not in v
    f = next(f for f in res.findings if f.rule == "table.glued_ambiguous" and "active.normative.issued" in f.fields)
    assert f.severity == "warning" and "41/0/59" in f.message and "4/10/59" in f.message
    assert [4, 10, 59] in f.params["candidates"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    template=st.sampled_from(["2021", "2019"]),
    form=st.sampled_from(["glued", "glued_rows"]),
    empty_rate=st.sampled_from([0.0, 0.0, 0.5]),
)
def test_glued_never_reads_a_wrong_value_and_flags_what_it_leaves_out(seed, template, form, empty_rate) -> None:
    values = random_values(template, random.Random(seed))
    out = render_messy(values, template, form, noise=Noise(empty_rate), seed=seed)
    res = _tables(out.content)
    read = _values(res)
    assert read, "nothing read"
    assert {k: read[k] for k in read} == {k: values[k] for k in read}
    flagged = {f for x in res.findings for f in x.fields}
    assert set(values) - set(read) <= flagged
    assert all(x.severity == "warning" for x in res.findings)
    assert all(v.origin == "inferred" for v in res.values.values())  # a split by structure says so
    if not empty_rate:  # the 表四 of a consistent report is read whole
        assert all(k in read for k in values if k.startswith(("review.", "suit_")))


def test_glued_broken_identity_is_reported_not_repaired() -> None:
    values = random_values("2021", random.Random(8))
    values["apply.carry_forward.natural"] += 1  # 勾稽 no longer holds
    values["apply.carry_forward.total"] += 1
    out = render_messy(values, "2021", "glued", seed=8)
    res = _tables(out.content)
    read = _values(res)
    assert {k: read[k] for k in read} == {k: values[k] for k in read}
    if "apply.carry_forward.natural" in read:
        assert "apply.balance" in _errors_after_validation(res, "2021")
    else:
        assert any("apply.carry_forward.natural" in f.fields for f in res.findings)


def test_dashes_and_signs_in_a_glued_row() -> None:
    from core.parsing.tables.runs import solve_row, tokenise

    # —— may be one empty cell or two: the row total decides
    (row,) = tokenise("（一）予以公开/无2300——23", 0)
    readings, _ = solve_row(row.atoms, 7, ((6, (0, 1, 2, 3, 4, 5)),))
    assert {tuple(c[0] for c in r) for r in readings} == {(0, 0, 23, 0, 0, 0, 23)}
    # a dash before digits is a sign only in a signed column (本年增/减)
    (row,) = tokenise("行政许可12-5", 0)
    got, _ = solve_row(row.atoms, 3, (), frozenset({1}))
    assert {tuple(c[0] for c in r) for r in got} == {(12, 0, 5)}  # 5 is no 增/减: the dash is a cell
    got, _ = solve_row(row.atoms, 2, (), frozenset({1}))
    assert {tuple(c[0] for c in r) for r in got} == {(12, -5)}
    got, _ = solve_row(row.atoms, 2, (), frozenset())
    assert got == []  # no signed column: three cells, never two


def test_a_pathological_run_is_bounded_and_flagged() -> None:
    from core.parsing.tables.runs import Atom, solve_row

    readings, cut = solve_row([Atom("d", "1" * 40, 0)], 15, ())
    assert cut and len(readings) <= 24


# --------------------------------------------------------------------------- Markdown with stray empty cells


def test_md_stray_cells_are_aligned_by_the_identities() -> None:
    values = random_values("2021", random.Random(21))
    pr = Printer(Noise(), random.Random(0))
    text = render_text(report_blocks(values, "2021", pr, "示例局", 2022), "md")
    # a stray empty cell inside the row of 新收 and at the end of 上年结转: values slide one column right
    lines = text.split("\n")
    for k, ln in enumerate(lines):
        if ln.startswith("| 一、本年新收"):
            parts = ln.split(" | ")
            parts.insert(4, "")  # between 自然人 and 商业企业
            lines[k] = " | ".join(parts)
        elif ln.startswith("| 二、上年结转"):
            lines[k] = ln + "  |"
    res = _tables("\n".join(lines))
    read = _values(res)
    shifted = {f.params.get("key") for f in res.findings if f.rule == "table.inferred"}
    assert shifted == {"new", "carried"} or values["apply.carried.total"] == 0
    assert {k: read[k] for k in read if k.startswith("apply.")} == {
        k: v for k, v in values.items() if k.startswith("apply.")
    }
    assert _errors_after_validation(res, "2021") == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    template=st.sampled_from(["2021", "2019"]),
    empty_rate=st.sampled_from([0.0, 0.3]),
)
def test_md_stray_never_reads_a_wrong_value_nor_blames_the_agency(seed, template, empty_rate) -> None:
    values = random_values(template, random.Random(seed))
    out = render_messy(values, template, "md_stray", noise=Noise(empty_rate, fullwidth=0.2), seed=seed)
    res = _tables(out.content)
    read = _values(res)
    assert {k: read[k] for k in read} == {k: values[k] for k in read}
    flagged = {f for x in res.findings for f in x.fields}
    assert set(values) - set(read) <= flagged
    assert all(x.severity == "warning" for x in res.findings)
    assert _errors_after_validation(res, template) == []


def test_md_stray_cell_in_table_four_is_dropped_by_the_group_totals() -> None:
    head = (
        "四、政府信息公开行政复议、行政诉讼情况\n\n"
        "| 行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  |  |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
        "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 |  |  |  |  | 复议后起诉 |  |  |  |  |\n"
        "|  |  |  |  |  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
    )
    # 行政复议 结果维持 printed blank, and a stray blank cell at the end
    res = _tables(head + "|  | 0 | 5 |  | 5 | 9 | - | 0 | / | 9 | 0 | / | 0 | 9 | 9 |  |\n\n五、存在的主要问题\n")
    assert [res.values[f].value for f in ("review.upheld", "review.other", "review.total", "suit_direct.upheld")] == [0, 5, 5, 9]
    assert [f.rule for f in res.findings] == ["table.inferred"]


def test_md_stray_broken_identity_is_reported_not_repaired() -> None:
    values = random_values("2021", random.Random(5))
    values["apply.new.natural"] += 1  # 勾稽 and the row total no longer hold
    out = render_messy(values, "2021", "md_stray", seed=5)
    res = _tables(out.content)
    read = _values(res)
    assert {k: read[k] for k in read} == {k: values[k] for k in read}
    if "apply.new.natural" in read:
        assert {"apply.balance", "apply.row_total"} & set(_errors_after_validation(res, "2021"))
    else:
        assert any("apply.new.natural" in f.fields for f in res.findings)


# --------------------------------------------------------------------------- 表二 settled with last year's report


def test_glued_in_force_settled_by_last_years_report(tmp_path) -> None:
    from core.batch import Batch
    from core.parsing import parse_report

    values = random_values("2021", random.Random(2))
    values.update({"active.normative.issued": 6, "active.normative.repealed": 9, "active.normative.in_force": 3665})
    out = render_messy(values, "2021", "glued", seed=2, agency="示例市生态环境局", year=2023)
    rep = parse_report(str(out.write(tmp_path / "this")))
    amb = next(f for f in rep.findings if f.rule == "table.glued_ambiguous" and f.params["key"] == "normative")
    assert [6, 9, 3665] in amb.params["candidates"] and len(amb.params["candidates"]) > 1
    assert "active.normative.issued" not in rep.values
    last = make_report(
        {"active.normative.in_force": 3668}, agency="示例市生态环境局", year=2022, path=str(tmp_path / "last.txt")
    )
    this = ReviewedReport(rep)
    batch = Batch([this, last])
    entry = batch.entry_for(this)
    (f,) = [f for f in entry.findings if f.rule == "cross.glued_settled"]
    assert f.suggestion == {"active.normative.issued": 6, "active.normative.repealed": 9, "active.normative.in_force": 3665}
    assert f.severity == "warning" and "3668" in f.message
    assert "active.normative.issued" not in this.report.values  # a suggestion, never written in
    # with last year's figure not matching any split, nothing is suggested
    other = make_report(
        {"active.normative.in_force": 1}, agency="示例市生态环境局", year=2022, path=str(tmp_path / "other.txt")
    )
    batch2 = Batch([ReviewedReport(rep), other])
    assert not [f for e in batch2.entries for f in e.findings if f.rule == "cross.glued_settled"]


def test_glued_row_settled_by_a_figure_stated_in_prose() -> None:
    values = random_values("2021", random.Random(2))
    values.update({"active.normative.issued": 6, "active.normative.repealed": 9, "active.normative.in_force": 3665})
    out = render_messy(values, "2021", "glued", seed=2)
    res = _tables(out.content)
    assert "active.normative.issued" not in res.values
    stated = out.content.replace(
        "（一）主动公开\n", "（一）主动公开\n本年度制发行政规范性文件6件，废止9件，现行有效3665件。全市各单位制发规范性文件120件。\n", 1
    )
    res = _tables(stated)
    v = _values(res)
    assert (v["active.normative.issued"], v["active.normative.repealed"], v["active.normative.in_force"]) == (6, 9, 3665)
    f = next(f for f in res.findings if f.rule == "table.glued_prose")
    assert f.severity == "warning" and "制发行政规范性文件6件" in f.message
    assert res.values["active.normative.issued"].origin == "inferred"
    # a sentence about the whole city, or about 规章 and 规范性文件 at once, settles nothing
    for sentence in ("全市制发行政规范性文件6件，废止9件。", "制发规章和规范性文件6件，废止9件。"):
        res = _tables(out.content.replace("（一）主动公开\n", f"（一）主动公开\n{sentence}\n", 1))
        assert "active.normative.issued" not in res.values


# --------------------------------------------------------------------------- mixed layouts


def _mixed_report(tmp_path, active: str, apply: str, year: int):
    from tests.synth import render

    a = random_values(active, random.Random(5))
    b = random_values(apply, random.Random(6))
    ta = render(a, active, "txt_tabs", seed=5, year=year).content
    tb = render(b, apply, "txt_tabs", seed=6, year=year).content
    h3, h4 = "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议"
    text = ta[: ta.index(h3)] + tb[tb.index(h3) : tb.index(h4)] + ta[ta.index(h4) :]
    path = tmp_path / f"mixed_{active}_{apply}_{year}.txt"
    path.write_text(text, encoding="utf-8")
    return b


def test_mixed_layouts_take_the_format_of_the_year_and_keep_each_tables_fields(tmp_path) -> None:
    from core.parsing import parse_report

    b = _mixed_report(tmp_path, "2021", "2019", 2023)
    rep = parse_report(str(tmp_path / "mixed_2021_2019_2023.txt"))
    assert rep.template == "2021"
    assert rep.table_templates["active"] == "2021" and rep.table_templates["apply"] == "2019"
    got = {k: v.value for k, v in rep.values.items() if k.startswith("apply.")}
    assert got == {k: x for k, x in b.items() if k.startswith("apply.")}  # 2019 rows land in 2019 field IDs
    found = validate(ReviewedReport(rep))
    assert "template.mixed" in {f.rule for f in found if f.severity == "warning"}
    assert [f.rule for f in found if f.severity == "error"] == []
    _mixed_report(tmp_path, "2019", "2021", 2020)
    rep = parse_report(str(tmp_path / "mixed_2019_2021_2020.txt"))
    assert rep.template == "2019"


# --------------------------------------------------------------------------- header cells spanning differently


def _active_2019_spanning(values: dict, value_slot: int) -> list:
    """表二 (2019) as a real table: header cells span two grid columns, data cells one (the figure in
    ``value_slot`` of the two, the other an empty cell)."""
    from core.templates import TABLE_ACTIVE, field_id_for, layout
    from tests.synth.layout import GCell, GTable

    t = GTable(TABLE_ACTIVE, 7)
    r = 0
    for block in layout("2019", TABLE_ACTIVE):
        width = 6 // len(block.columns)
        t.cells.append(GCell(block.caption, r, 0, cs=7))
        r += 1
        t.cells.append(GCell("信息内容", r, 0))
        for k, col in enumerate(block.columns):
            t.cells.append(GCell(col.label, r, 1 + k * width, cs=width))
        r += 1
        for row in block.rows:
            t.cells.append(GCell(row.label, r, 0))
            for k, col in enumerate(block.columns):
                fid = field_id_for(TABLE_ACTIVE, row, col)
                for j in range(width):
                    text = str(values[fid]) if j == min(value_slot, width - 1) else ""
                    t.cells.append(GCell(text, r, 1 + k * width + j, field=fid if text else None))
            r += 1
    return [("h", "二、主动公开政府信息情况"), ("table", t), ("h", "三、收到和处理政府信息公开申请情况")]


@pytest.mark.parametrize("slot", [0, 1])
def test_header_cells_spanning_two_grid_columns_regroup_the_data_row(slot: int) -> None:
    from tests.synth.forms import simulate_document

    values = random_values("2019", random.Random(9))
    doc = simulate_document(_active_2019_spanning(values, slot), "html")
    res = extract_tables(doc, [])
    want = {k: x for k, x in values.items() if k.startswith("active.")}
    assert _values(res) == want
    assert [f for f in res.findings if f.rule.startswith("table.")] == []


def _general_total_last(digits: str, due: int) -> tuple[object, int]:
    """The general search on a 表三 row of plain digits: each total off the end, the parts before it."""
    from core.parsing.tables import runs

    budget = [runs.BUDGET]
    out: list = []
    try:
        for ln in range(1, min(runs.MAX_DIGITS, len(digits)) + 1):
            piece = digits[len(digits) - ln :]
            if len(piece) > 1 and piece[0] == "0":
                continue
            rest = digits[: len(digits) - ln]
            if rest and sum(map(int, rest)) % 9 != int(piece) % 9:
                continue
            atoms = [runs.Atom("d", rest, 5)] if rest else []
            got, _ = runs._search(atoms, [("part", -1)] * (due - 1), due - 1, int(piece), budget)
            out.extend((*g, (int(piece), piece, 5 + len(rest), 5 + len(digits))) for g in got)
            if len(out) > runs.MAX_SOLUTIONS:
                return out[: runs.MAX_SOLUTIONS], budget[0]
    except runs.Overflow:
        return [], budget[0]
    return list(dict.fromkeys(out)), budget[0]


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(st.sampled_from([0, 0, 0, 1, 2, 7, 10, 35, 100, 999, 12345]), min_size=6, max_size=6),
    noise=st.text(alphabet="0123456789", max_size=12),
    glue=st.booleans(),
)
def test_the_plain_digit_row_search_reads_as_the_general_search(parts: list[int], noise: str, glue: bool) -> None:
    """The fast path for one run of digits (表三) gives the general search's readings and budget use."""
    from core.parsing.tables import runs

    digits = "".join(map(str, parts)) + str(sum(parts)) if glue else (noise or "0")
    budget = [runs.BUDGET]
    try:
        fast = runs._total_last_digits(digits, 5, 7, budget)[0]
    except runs.Overflow:
        fast = []
    assert (fast, budget[0]) == _general_total_last(digits, 7)


# --------------------------------------------------------------------------- artefacts of real reports

_ARTEFACTS = {
    # a page break inside a Word table repeats the row group's heading
    "heading printed twice": ("三、本年度办理结果\t（一）予以公开", "三、本年度办理结果\n三、本年度办理结果\t（一）予以公开"),
    "heading typo": ("四、政府信息公开行政复议", "四、政府信息公开行政法复议"),
    "label split by a space": ("社会公益组织", "社会公益 组织"),
    "group heading split by a space": ("三、本年度办理结果", "三、本年度办 理结果"),
}


@pytest.mark.parametrize("artefact", sorted(_ARTEFACTS))
def test_artefacts_of_real_reports_read_as_the_clean_report(artefact: str, tmp_path) -> None:
    src = next(p for p in sample_files() if "审计局2020" in p.name)
    clean = parse_report(str(src))
    old, new = _ARTEFACTS[artefact]
    text = src.read_text(encoding="utf-8")
    assert old in text
    messy = tmp_path / src.name
    messy.write_text(text.replace(old, new, 1), encoding="utf-8")
    got = parse_report(str(messy))
    assert {k: v.value for k, v in got.values.items()} == {k: v.value for k, v in clean.values.items()}
    assert len(clean.values) > 150
    assert [s.id for s in got.sections] == [s.id for s in clean.sections] == [f"s{i}" for i in range(1, 7)]
    assert [(f.rule, f.fields) for f in got.findings] == [(f.rule, f.fields) for f in clean.findings]
