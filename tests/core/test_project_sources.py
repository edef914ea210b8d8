"""Sources changed or gone since parsing: reparse and flag, or show the snapshot and say so."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from core.batch import PROJECT_SUFFIX
from core.errors import LoadError
from core.review.project import PrintedChange, Project
from core.review.state import ReviewedReport, ValueEdit
from tests.core.project_support import fake_parse, write_source


class CountingParse:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, path: str):
        self.calls.append(path)
        return fake_parse(path)


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    a = write_source(tmp_path / "a.txt", {"apply.new.total": 10, "apply.carried.total": 4, "review.total": 1})
    b = write_source(tmp_path / "b.txt", {"apply.new.total": 20})
    path = tmp_path / ("p" + PROJECT_SUFFIX)
    with Project.create(path) as project:
        ra, rb = project.add_reports([ReviewedReport(fake_parse(str(a))), ReviewedReport(fake_parse(str(b)))])
        ra.apply(ValueEdit("apply.new.total", 11, note="原件为11"))
        ra.apply(ValueEdit("apply.carried.total", 5))
        rb.apply(ValueEdit("apply.new.total", 21))
    return path, a, b


def test_unchanged_sources_use_the_snapshot(setup):
    path, a, _ = setup
    parse = CountingParse()
    os.utime(a, (1_000_000, 1_000_000))  # touched, same content: hashed once, not parsed
    with Project.open(path, parse=parse) as project:
        assert parse.calls == [] and project.notices() == {} and project.printed_changes() == []
    with Project.open(path, parse=parse) as project:
        assert parse.calls == []
        assert project.reviewed_reports()[0].value("apply.new.total") == 11


def test_changed_source_is_reparsed_and_changed_printed_values_flagged(setup):
    path, a, _ = setup
    write_source(a, {"apply.new.total": 12, "apply.carried.total": 4, "review.total": 3})
    parse = CountingParse()
    with Project.open(path, parse=parse) as project:
        assert parse.calls == [str(a)]
        ra = project.report(str(a))
        assert ra is not None
        assert ra.value("review.total") == 3  # the new parse is shown
        assert ra.value("apply.new.total") == 11  # the correction still applies
        c = ra.state.corrections["apply.new.total"]
        assert (c.printed_changed, c.printed_before, c.printed) == (True, 10, 12)
        assert ra.state.corrections["apply.carried.total"].printed_changed is False
        assert project.printed_changes() == [PrintedChange(str(a), "apply.new.total", 10, 12, 11)]
        notice = project.notices()[str(a)]
        assert "a.txt" in notice and "已被修改" in notice and "apply.new.total" in notice
        assert list(project.notices()) == [str(a)]
        assert project.log(str(a))[-1].kind == "source_changed"
    # Saved: the next open neither reparses nor loses the flag.
    parse2 = CountingParse()
    with Project.open(path, parse=parse2) as project:
        assert parse2.calls == []
        c = project.report(str(a)).state.corrections["apply.new.total"]
        assert (c.printed_changed, c.printed_before, c.printed) == (True, 10, 12)
        # Correcting it again acknowledges the new printed value.
        project.report(str(a)).apply(ValueEdit("apply.new.total", 11, note="复核"))
        assert project.printed_changes() == []


def test_changed_source_in_read_only_mode_is_flagged_but_not_written(setup):
    path, a, _ = setup
    write_source(a, {"apply.new.total": 13, "apply.carried.total": 4})
    before = path.read_bytes()
    with Project.open(path, read_only=True, parse=fake_parse) as project:
        assert [p.field for p in project.printed_changes()] == ["apply.new.total"]
    assert path.read_bytes() == before


def test_read_only_reconciliation_is_saved_by_save_as(setup, tmp_path):
    path, a, _ = setup
    write_source(a, {"apply.new.total": 13, "apply.carried.total": 4})
    copy_path = tmp_path / ("copy" + PROJECT_SUFFIX)
    with Project.open(path, read_only=True, parse=fake_parse) as project:
        project.save_as(copy_path)
    parse = CountingParse()
    with Project.open(copy_path, parse=parse) as copy:
        assert parse.calls == []
        assert [p.now for p in copy.printed_changes()] == [13]


def test_missing_source_shows_the_snapshot_with_a_notice(setup):
    path, _a, b = setup
    text_before = fake_parse(str(b)).text
    b.unlink()
    with Project.open(path, parse=fake_parse) as project:
        rb = project.report(str(b))
        assert rb is not None
        assert rb.report.text == text_before and rb.value("apply.new.total") == 21
        assert rb.report.values["apply.new.total"].value == 20
        notice = project.notices()[str(b)]
        assert "b.txt" in notice and "找不到" in notice
        rb.apply(ValueEdit("apply.new.total", 22))  # still editable
    with Project.open(path) as project:
        assert project.report(str(b)).value("apply.new.total") == 22


def test_unreadable_changed_source_falls_back_to_the_snapshot(setup):
    path, a, _ = setup
    a.write_text("被改坏了", encoding="utf-8")

    def failing(p: str):
        raise LoadError(f"无法读取“{Path(p).name}”。")

    with Project.open(path, parse=failing) as project:
        ra = project.report(str(a))
        assert ra.value("apply.new.total") == 11 and ra.report.values["apply.new.total"].value == 10
        assert "重新解析失败" in project.notices()[str(a)]


def test_damaged_snapshot_is_reparsed_or_reported(setup):
    path, a, b = setup
    conn = sqlite3.connect(path)
    conn.execute("UPDATE reports SET snapshot = x'00ff'")
    conn.commit()
    conn.close()
    b.unlink()
    with Project.open(path, parse=fake_parse) as project:
        assert [r.path for r in project.reviewed_reports()] == [str(a)]
        assert project.report(str(a)).value("apply.new.total") == 11
        [(fpath, err)] = project.failures()
        assert fpath == str(b) and "b.txt" in err.message


def test_moving_the_whole_folder_keeps_sources_found(setup, tmp_path):
    import shutil

    path, _a, _b = setup
    moved = tmp_path.parent / (tmp_path.name + "-moved")
    shutil.copytree(tmp_path, moved)
    shutil.rmtree(tmp_path)
    try:
        parse = CountingParse()
        with Project.open(moved / path.name, parse=parse) as project:
            assert [r.path for r in project.reviewed_reports()] == [str(moved / "a.txt"), str(moved / "b.txt")]
            assert project.notices() == {} and parse.calls == []
            assert project.report(str(moved / "a.txt")).value("apply.new.total") == 11
    finally:
        shutil.rmtree(moved)
