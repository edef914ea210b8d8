"""core.batch.model: entries, findings (own + cross-year, kept current), status, completeness, duplicates."""

from __future__ import annotations

from core.batch import Batch, Completeness, Failure
from core.batch.directory import Directory, DirectoryAgency
from core.batch.model import prepare
from core.errors import LoadError
from core.review.state import ConfirmEdit, MetadataEdit, ReviewedEdit, ValueEdit
from tests.core.validation_helpers import consistent_values, make_report


def _pair(prev_forward: int = 2, this_carried: int = 5):
    last = consistent_values("2021", 1)
    last["apply.carry_forward.natural"] = prev_forward
    this = consistent_values("2021", 2)
    this["apply.carried.natural"] = this_carried
    a = make_report(last, year=2022, path="a2022.txt")
    b = make_report(this, year=2023, path="b2023.txt")
    return a, b


def _rules(entry) -> set[str]:
    return {f.rule for f in entry.findings}


def test_cross_year_findings_follow_the_batch():
    a, b = _pair()
    batch = Batch([b])
    (eb,) = batch.entries
    assert "cross.carry_over" not in _rules(eb)
    seen = []
    batch.listeners.append(seen.append)
    ea = batch.add(a)
    assert "cross.carry_over" in _rules(eb)  # the later report gains it when the earlier one arrives
    assert "cross.carry_over" not in _rules(ea)
    assert eb in seen[-1] and ea in seen[-1]
    # fixing the earlier report's figure removes the later report's finding
    _edit, change = a.apply(ValueEdit("apply.carry_forward.natural", 5))
    batch.update(ea, change)
    assert [f for f in eb.findings if f.rule == "cross.carry_over" and f.params["column"] == "自然人"] == []
    batch.remove(ea)
    assert "cross.carry_over" not in _rules(eb)


def test_status_counts_errors_on_a_reviewed_report():
    vals = consistent_values("2021", 3)
    vals["apply.new.total"] += 1  # breaks an identity
    rr = make_report(vals, path="x.txt")
    batch = Batch([rr])
    (e,) = batch.entries
    errors = e.status.errors
    assert errors > 0
    _edit, change = rr.apply(ReviewedEdit(True))
    batch.update(e, change)
    assert e.is_reviewed and e.status.errors == errors and e.status_key() == "error"
    assert batch.counts().with_errors == 1 and batch.counts().reviewed == 1
    # confirming every open finding leaves it reviewed and clean
    for f in list(e.open_findings()):
        _edit, change = rr.apply(ConfirmEdit(f.key, True))
        batch.update(e, change)
    assert e.status.errors == 0 and e.status_key() == "reviewed"


def test_completeness_and_what_is_counted():
    full = make_report(consistent_values("2021", 4), path="full.txt", agency="甲局")
    blank_vals = {k: 0 for k in consistent_values("2021", 4)}
    blank = make_report(blank_vals, raw={k: "" for k in blank_vals}, path="blank.txt", agency="乙局")
    prose = make_report({}, prose=[("apply.new.total", 5, "共收到申请5件。")], path="prose.txt", agency="丙局")
    other = make_report({}, kind="other", path="other.txt", agency=None)
    failed = Failure("bad.pdf", LoadError("无法读取文件“bad.pdf”。"))
    batch = Batch([full, blank, prose, other, failed])
    got = [(e.completeness, e.counted, e.not_counted_reason) for e in batch.entries]
    assert got == [
        (Completeness.COMPLETE, True, None),
        (Completeness.BLANK, False, "空白模板"),
        (Completeness.INCOMPLETE, False, "数据不完整"),
        (Completeness.NOT_REPORT, False, "无关文件"),
        (Completeness.UNREADABLE, False, "无法读取"),
    ]
    assert [e.index for e in batch.entries] == [0, 1, 2, 3, 4]
    batch.set_count_incomplete(True)
    assert batch.entries[2].counted and not batch.entries[1].counted


def test_duplicates_grouped_one_counted_and_choice_kept():
    v1 = consistent_values("2021", 5)
    v2 = dict(v1)
    v2["review.upheld"] += 1
    v2["review.total"] += 1
    a = make_report(v1, path="v1.txt", agency="示例局", year=2023)
    b = make_report(v2, path="v2.txt", agency="示例 局", year=2023)
    c = make_report(v1, path="other_year.txt", agency="示例局", year=2022)
    batch = Batch([a, b, c])
    (group,) = batch.duplicate_groups()
    assert [e.path for e in group] == ["v1.txt", "v2.txt"]
    assert [e.counted for e in group] == [False, True]  # two versions: the one received last
    assert group[0].not_counted_reason == "重复"
    heard: list[list] = []
    batch.listeners.append(heard.append)
    batch.set_counted_member(group[0])
    assert [e.counted for e in group] == [True, False]
    assert set(map(id, heard[-1])) >= {id(group[0]), id(group[1])}
    key = group[0].duplicate_key
    batch.set_chosen(key, None)  # undo: back to the default rule
    assert [e.counted for e in group] == [False, True]
    batch.set_chosen(key, group[0].content_key)
    assert [e.counted for e in group] == [True, False]
    assert batch.previous_year(group[0]) is batch.entries[2]
    assert batch.previous_year(batch.entries[2]) is None
    assert batch.entries[2].duplicate_key is None and batch.entries[2].counted
    # a metadata edit that moves one out of the group dissolves it
    _e, change = b.apply(MetadataEdit("year", 2024))
    batch.update(group[1], change)
    assert batch.duplicate_groups() == []
    assert all(e.counted for e in batch.entries)


def test_directory_names_region_level_and_missing():
    d = Directory(
        [
            DirectoryAgency("上海市科学技术委员会", ["上海市科委"], "市本级", "市级部门", "上海市人民政府"),
            DirectoryAgency("上海市教育委员会", [], "市本级", "市级部门", ""),
        ]
    )
    rr = make_report(consistent_values("2021", 6), agency="上海市科委", year=2023, path="k.txt")
    batch = Batch([rr], directory=d)
    (e,) = batch.entries
    assert (e.agency, e.region, e.level) == ("上海市科学技术委员会", "市本级", "市级部门")
    assert [a.name for a in batch.missing(2023)] == ["上海市教育委员会"]
    assert [a.name for a in batch.missing(2022)] == ["上海市科学技术委员会", "上海市教育委员会"]


def test_copies_of_last_year_are_compared_once_and_added_entries_keep_groups_current():
    last = consistent_values("2021", 1)
    last["apply.carry_forward.natural"] = 2
    this = consistent_values("2021", 2)
    this["apply.carried.natural"] = 5
    a = make_report(last, year=2022, path="a2022.txt")
    copy = make_report(last, year=2022, path="a2022-copy.txt")
    b = make_report(this, year=2023, path="b2023.txt")
    a.report.sha256 = copy.report.sha256 = "same-file"  # the same file opened twice
    expected = len([f for f in Batch([a, b]).entries[1].findings if f.rule == "cross.carry_over"])
    assert expected >= 1
    batch = Batch([b])
    (eb,) = batch.entries
    batch.extend([a, copy])
    carried = [f for f in eb.findings if f.rule == "cross.carry_over"]
    assert len(carried) == expected  # not once per copy
    # the copies form a duplicate group as they arrive, and adding them touched the later report
    group = batch.duplicate_groups()
    assert [[e.path for e in g] for g in group] == [["a2022.txt", "a2022-copy.txt"]]
    assert [e.counted for e in group[0]] == [True, False]
    # a corrected copy is another report: compared too
    e_copy = batch.entries[2]
    _edit, change = copy.apply(ValueEdit("apply.carry_forward.natural", 4))
    batch.update(e_copy, change)
    assert len([f for f in eb.findings if f.rule == "cross.carry_over"]) == 2 * expected


def test_prepared_entries_carry_their_own_findings():
    vals = consistent_values("2021", 3)
    vals["apply.new.total"] += 1  # breaks an identity
    rr = make_report(vals, path="x.txt")
    entry = prepare(rr)
    assert entry.validator is None and entry.own  # validated, the validator not kept
    expected = [f.key for f in Batch([make_report(vals, path="y.txt")]).entries[0].findings]
    batch = Batch()
    (added,) = batch.extend([entry])
    assert added is entry and added.index == 0
    assert [f.key for f in added.findings] == expected
    # the first edit builds the validator again and re-checks
    _edit, change = rr.apply(ValueEdit("apply.new.total", vals["apply.new.total"] - 1))
    batch.update(added, change)
    assert added.validator is not None
    assert len(added.findings) < len(expected)
