"""Review projects: every kind of edit survives reopening, the log records it, save-as, CLI."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core.batch import PROJECT_SUFFIX, Failure, iter_reviewed
from core.review import serialize as ser
from core.review.lock import read_lock
from core.review.project import Project, ProjectReadOnly
from core.review.state import (
    ConfirmEdit,
    MetadataEdit,
    ReviewedEdit,
    ReviewedReport,
    RowRemapEdit,
    SectionStartEdit,
    ValueEdit,
)
from tests.conftest import ROOT
from tests.core.project_support import fake_parse, rich_report, write_source

VALUES = {"apply.new.total": 7, "apply.carried.total": 2, "active.rules.made": 3}


@pytest.fixture
def batch(tmp_path: Path) -> tuple[Path, list[Path]]:
    src = tmp_path / "src"
    src.mkdir()
    files = [write_source(src / f"r{i}.txt", {k: v + i for k, v in VALUES.items()}, f"示例{i}局") for i in range(3)]
    return tmp_path / ("batch" + PROJECT_SUFFIX), files


def _every_edit(rr: ReviewedReport) -> None:
    rr.apply(ValueEdit("apply.new.total", 70, note="原件为七十"))
    rr.apply(ValueEdit("apply.carried.total", 5))
    rr.apply(ValueEdit("apply.carried.total", revert=True))
    rr.apply(ValueEdit("review.total", 1, note="表中漏印"))
    rr.apply(MetadataEdit("agency", "示例县某某局"))
    rr.apply(MetadataEdit("year", 2024))
    rr.apply(SectionStartEdit("s2", 3))
    rr.apply(RowRemapEdit("apply.granted", "apply.partial"))
    rr.apply(ConfirmEdit("apply.balance|apply.new.total", "原文如此"))
    rr.apply(ReviewedEdit(True))


def test_snapshot_round_trip_keeps_every_part_of_a_report(tmp_path):
    rep = rich_report(str(tmp_path / "x.pdf"))
    back = ser.unpack_report(ser.pack_report(rep))
    assert back == rep
    assert back.document.to_original(Span_(7, 8)) == rep.document.to_original(Span_(7, 8))
    with pytest.raises(ValueError):
        ser.unpack_report(b"not zlib")


@pytest.mark.parametrize("name", ["seeds", "corpus"])
def test_snapshots_of_real_reports_round_trip(name):
    from core.parsing import parse_report
    from tests.conftest import CORPUS, SEEDS

    folder = SEEDS if name == "seeds" else CORPUS
    paths = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".pdf", ".docx", ".md"))[:6]
    assert paths, f"no documents in {folder}"
    for p in paths:
        rep = parse_report(str(p))
        assert ser.unpack_report(ser.pack_report(rep)) == rep, p.name


def Span_(a: int, b: int):
    from core.model import Span

    return Span(a, b)


def test_every_kind_of_edit_survives_reopen(batch):
    path, files = batch
    with Project.create(path) as project:
        rrs = project.add_reports([ReviewedReport(fake_parse(str(f))) for f in files])
        _every_edit(rrs[1])
        expected_state = rrs[1].state
        expected_values = rrs[1].numbers()
        expected_sections = rrs[1].sections()
    assert read_lock(path) is None  # released on close
    with Project.open(path, parse=fake_parse) as again:
        reports = again.reviewed_reports()
        assert [r.path for r in reports] == [str(f) for f in files]
        assert reports[1].state == expected_state
        assert reports[1].numbers() == expected_values
        assert reports[1].sections() == expected_sections
        assert reports[1].value("apply.new.total") == 70
        assert reports[1].state.corrections["apply.new.total"].printed == 8
        assert reports[1].metadata_value("agency") == "示例县某某局"
        assert reports[0].state.is_empty() and reports[2].state.is_empty()
        assert again.notices() == {}


def test_log_records_every_edit_and_is_append_only(batch):
    path, files = batch
    with Project.create(path) as project:
        [rr] = project.add_reports([ReviewedReport(fake_parse(str(files[0])))])
        _every_edit(rr)
        log = project.log(str(files[0]))
    kinds = [e.kind for e in log]
    assert kinds == [
        "add",
        "value",
        "value",
        "value",
        "value",
        "metadata",
        "metadata",
        "section",
        "row_remap",
        "confirm",
        "reviewed",
    ]
    first = log[1]
    assert first.report == "src/r0.txt" and first.user and first.time
    assert first.data == {"field": "apply.new.total", "new": 70, "note": "原件为七十", "revert": False, "printed": 7}
    assert ser.edit_from_json(
        {"kind": kinds[1], **{k: v for k, v in first.data.items() if k != "printed"}}
    ) == ValueEdit("apply.new.total", 70, "原件为七十")
    lines = [e.describe() for e in log]
    assert "原文 7 → 70" in lines[1] and "原件为七十" in lines[1] and first.user in lines[1] and "r0.txt" in lines[1]
    assert "恢复原文数值" in lines[3] and "标记为已审核" in lines[-1] and "加入项目" in lines[0]
    conn = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM edit_log")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE edit_log SET user = 'x'")
        stored = [r[0] for r in conn.execute("SELECT path FROM reports ORDER BY position")]
        app_id, version = (
            conn.execute("PRAGMA application_id").fetchone()[0],
            conn.execute("PRAGMA user_version").fetchone()[0],
        )
    finally:
        conn.close()
    assert stored == ["src/r0.txt"]  # relative to the project file
    assert (app_id, version) == (0x4F474931, 1)


def test_adding_twice_and_removing(batch):
    path, files = batch
    with Project.create(path) as project:
        first = project.add_reports([ReviewedReport(fake_parse(str(f))) for f in files[:2]])
        again = project.add_report(ReviewedReport(fake_parse(str(files[0]))))
        assert again is first[0]
        first[1].apply(ValueEdit("apply.new.total", 99))
        assert project.remove_report(str(files[1])) is True
        assert project.remove_report(str(files[1])) is False
        with pytest.raises(ProjectReadOnly):
            first[1].apply(ValueEdit("apply.new.total", 98))  # no longer in the project: not saved
    with Project.open(path) as again_p:
        assert [r.path for r in again_p.reviewed_reports()] == [str(files[0])]
        assert [e.kind for e in again_p.log(str(files[1]))] == ["add", "value", "remove"]


def test_read_only_project_rejects_edits_and_writes_nothing(batch):
    path, files = batch
    with Project.create(path) as project:
        project.add_reports([ReviewedReport(fake_parse(str(f))) for f in files])
    before = path.read_bytes()
    listing = sorted(os.listdir(path.parent))
    with Project.open(path, read_only=True) as ro:
        rr = ro.reviewed_reports()[0]
        with pytest.raises(ProjectReadOnly, match="只读"):
            rr.apply(ValueEdit("apply.new.total", 1))
        assert rr.state.is_empty() and rr.value("apply.new.total") == 7
        with pytest.raises(ProjectReadOnly):
            ro.add_reports([ReviewedReport(fake_parse(str(files[0])))])
        with pytest.raises(ProjectReadOnly):
            ro.remove_report(str(files[0]))
        assert len(ro.log()) == 3
    assert path.read_bytes() == before
    assert sorted(os.listdir(path.parent)) == listing


def test_failed_write_rolls_the_edit_back(batch):
    path, files = batch
    project = Project.create(path)
    [rr] = project.add_reports([ReviewedReport(fake_parse(str(files[0])))])
    heard = []
    rr.listeners.append(lambda e, c: heard.append(e))
    conn = sqlite3.connect(path)
    conn.execute("BEGIN EXCLUSIVE")  # another writer holds the database: the save times out
    project._conn.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(Exception, match="没有保存"):
            rr.apply(ValueEdit("apply.new.total", 1))
    finally:
        conn.rollback()
        conn.close()
    assert rr.state.is_empty() and heard == []
    rr.apply(ValueEdit("apply.new.total", 2))
    assert heard == [ValueEdit("apply.new.total", 2)]
    project.close()


def test_save_as_leaves_both_files_valid_and_continues_on_the_copy(batch, tmp_path):
    path, files = batch
    project = Project.create(path)
    rrs = project.add_reports([ReviewedReport(fake_parse(str(f))) for f in files])
    rrs[0].apply(ValueEdit("apply.new.total", 11))
    copy_path = tmp_path / "elsewhere" / "deeper" / ("copy" + PROJECT_SUFFIX)
    copy_path.parent.mkdir(parents=True)
    project.save_as(copy_path)
    assert project.path == str(copy_path) and not project.read_only
    assert read_lock(path) is None and read_lock(copy_path) is not None
    rrs[0].apply(ValueEdit("apply.new.total", 12))  # goes to the copy only
    project.close()
    # the copy's sources lie outside its folder: read only with consent (the window asks)
    with Project.open(path) as old, Project.open(copy_path, outside=True) as new:
        assert old.reviewed_reports()[0].value("apply.new.total") == 11
        assert new.reviewed_reports()[0].value("apply.new.total") == 12
        assert [r.path for r in new.reviewed_reports()] == [str(f) for f in files]
        assert new.notices() == {}
        assert new.log()[-2].kind == "save_as"
    conn = sqlite3.connect(copy_path)
    stored = conn.execute("SELECT path FROM reports ORDER BY position").fetchone()[0]
    conn.close()
    assert stored == "../../src/r0.txt"
    assert not [n for n in os.listdir(copy_path.parent) if n.endswith(".tmp")]


def test_iter_reviewed_yields_project_reports_with_corrections(batch):
    path, files = batch
    with Project.create(path) as project:
        project.add_reports([ReviewedReport(fake_parse(str(f))) for f in files])[2].apply(
            ValueEdit("apply.new.total", 42)
        )
    items = list(iter_reviewed([str(path)]))
    assert [i.path for i in items] == [str(f) for f in files]
    assert items[2].value("apply.new.total") == 42 and items[0].value("apply.new.total") == 7
    broken = path.with_name("broken" + PROJECT_SUFFIX)
    broken.write_bytes(b"garbage" * 20)
    [failure] = list(iter_reviewed([str(broken)]))
    assert isinstance(failure, Failure) and "broken" in failure.error.message


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "core", *args], capture_output=True, text=True, cwd=ROOT, timeout=120, encoding="utf-8"
    )


def test_cli_applies_the_corrections_of_a_project(tmp_path):
    from core.parsing import parse_report

    src = tmp_path / "某县报告.txt"
    src.write_text("示例县测试局2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作正常。\n", encoding="utf-8")
    proj = tmp_path / ("审核" + PROJECT_SUFFIX)
    with Project.create(proj) as project:
        [rr] = project.add_reports([ReviewedReport(parse_report(str(src)))])
        rr.apply(ValueEdit("apply.new.total", 123, note="据原件"))
        rr.apply(MetadataEdit("agency", "示例县更正局"))
        before = rr.numbers()
    out = _cli("parse", "--json", str(proj))
    assert out.returncode == 0, out.stderr
    [obj] = [json.loads(line) for line in out.stdout.splitlines()]
    assert obj["file"] == str(src)
    assert obj["values"]["apply.new.total"] == 123
    assert obj["values"] == {k: v for k, v in sorted(before.items())}
    assert obj["metadata"]["agency"] == "示例县更正局"
    check = _cli("check", str(proj))
    assert "示例县更正局" in check.stdout
    assert sorted(os.listdir(tmp_path)) == sorted([src.name, proj.name])  # the CLI wrote nothing


def test_added_reports_keep_their_identity_and_listeners(batch, tmp_path):
    path, files = batch
    rr = ReviewedReport(fake_parse(str(files[0])))
    rr.apply(ValueEdit("apply.new.total", 1))  # an edit made before the project existed
    heard: list[object] = []
    rr.listeners.append(lambda e, c: heard.append(e))
    with Project.create(path) as project:
        [same] = project.add_reports([rr])
        assert same is rr and project.reviewed_reports() == [rr]
        rr.apply(ValueEdit("apply.new.total", 2))
        assert heard == [ValueEdit("apply.new.total", 2)]
    # A report of a closed project moves to a new one (新建项目 with reports open).
    other = tmp_path / ("other" + PROJECT_SUFFIX)
    with pytest.raises(ProjectReadOnly, match="已关闭"):
        rr.apply(ValueEdit("apply.new.total", 3))
    with Project.create(other) as project2:
        [moved] = project2.add_reports([rr])
        assert moved is rr
        rr.apply(ValueEdit("apply.new.total", 4))
        assert rr.link is not None and rr.link.project is project2 and len(rr.listeners) == 1
    with Project.open(path) as p1, Project.open(other) as p2:
        assert p1.reviewed_reports()[0].value("apply.new.total") == 2
        assert p2.reviewed_reports()[0].value("apply.new.total") == 4


def test_a_report_of_another_open_project_is_copied_not_taken(batch, tmp_path):
    path, files = batch
    with Project.create(path) as p1, Project.create(tmp_path / ("p2" + PROJECT_SUFFIX)) as p2:
        [rr] = p1.add_reports([ReviewedReport(fake_parse(str(files[0])))])
        [copy_rr] = p2.add_reports([rr])
        assert copy_rr is not rr and rr.link.project is p1 and copy_rr.link.project is p2
        copy_rr.apply(ValueEdit("apply.new.total", 5))
        assert rr.value("apply.new.total") == 7 and p1.reviewed_reports() == [rr]


def test_counted_choice_of_a_duplicate_group_is_saved_and_logged(batch):
    path, _files = batch
    with Project.create(path) as project:
        assert project.counted_choices() == {}
        project.set_counted_choice(("某某局", 2023), "abc123")
        project.set_counted_choice(("另一局", 2022), "def456")
        project.set_counted_choice(("另一局", 2022), None)
    with Project.open(path, read_only=True) as again:
        assert again.counted_choices() == {("某某局", 2023): "abc123"}
        lines = [e.describe() for e in again.log()]
        assert any("某某局 2023 年的重复报告改为计入选定的一份" in line for line in lines)
        assert any("恢复按默认规则" in line for line in lines)
        with pytest.raises(ProjectReadOnly):
            again.set_counted_choice(("某某局", 2023), None)


def test_a_report_packed_by_its_worker_is_stored_as_packed_and_not_packed_again(tmp_path, batch, monkeypatch):
    path, files = batch
    reports = [ReviewedReport(fake_parse(str(f))) for f in files[:2]]
    packed = [ser.pack_report(rr.report) for rr in reports]
    for rr, blob in zip(reports, packed, strict=True):
        rr.report.snapshot = blob

    def refuse(_report):  # type: ignore[no-untyped-def]
        raise AssertionError("packed again")

    monkeypatch.setattr(ser, "pack_report", refuse)
    with Project.create(str(path)) as project:
        project.add_reports(reports)
        assert all(rr.report.snapshot is None for rr in reports)  # stored: not kept in memory twice
        rows = project._require_conn().execute("SELECT snapshot FROM reports ORDER BY position").fetchall()
        assert [bytes(r[0]) for r in rows] == packed
        assert project.report(str(files[1])) is reports[1]
        assert project.remove_report(str(files[1])) and project.report(str(files[1])) is None
        # packed under another path than the one stored (a relative path): packed again here
        monkeypatch.undo()
        rel = ReviewedReport(fake_parse(os.path.relpath(files[2])))
        rel.report.snapshot = b"stale"
        project.add_reports([rel])
        row = project._require_conn().execute("SELECT snapshot FROM reports WHERE id = ?", (rel.link.report_id,)).fetchone()
        assert ser.unpack_report(bytes(row[0])).path == os.path.abspath(files[2])
