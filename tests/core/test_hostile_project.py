"""Crafted review projects: valid JSON of the wrong shape is refused on open; the file is left untouched."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from core.errors import ProjectError
from core.review import serialize as ser
from core.review.checks import BadShape, check_report
from core.review.project import Project
from core.review.state import ReviewedReport, ValueEdit
from tests.core.project_support import fake_parse, write_source

ROOT = Path(__file__).resolve().parents[2]


def _project(tmp_path: Path) -> Path:
    path = tmp_path / "批次.ogiproj"
    files = [write_source(tmp_path / f"r{i}.txt", {"apply.new.total": i + 1}) for i in range(2)]
    with Project.create(path) as project:
        rrs = project.add_reports([ReviewedReport(fake_parse(str(f))) for f in files])
        rrs[0].apply(ValueEdit("apply.new.total", 9, note="更正"))
    return path


def _tamper(path: Path, sql: str, *args: object) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute(sql, args)
    conn.commit()
    conn.close()
    return path.read_bytes()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OGI_REVIEW_NO_PROCESSES": "1"}
    return subprocess.run(
        [sys.executable, "-m", "core", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )


STATE_DAMAGE = [
    ("UPDATE reports SET metadata = '[1, 2]'", ()),
    ("UPDATE reports SET metadata = '{\"agency\": {\"x\": 1}}'", ()),
    ("UPDATE reports SET section_starts = '{\"s1\": \"前面\"}'", ()),
    ("UPDATE reports SET row_remaps = '\"apply\"'", ()),
    ("UPDATE corrections SET new = '{\"a\": 1}'", ()),
    ("UPDATE corrections SET note = x'ff00'", ()),  # a BLOB: TEXT affinity would store 5 as '5'
    ("UPDATE confirmations SET note = x'ff'", ()),
]


@pytest.mark.parametrize(("sql", "args"), STATE_DAMAGE)
def test_wrong_shapes_in_review_state_refuse_to_open(tmp_path: Path, sql: str, args: tuple[object, ...]) -> None:
    path = _project(tmp_path)
    if "confirmations" in sql:
        conn = sqlite3.connect(path)
        conn.execute("INSERT INTO confirmations(report_id, key, note) VALUES (1, 'k', 'n')")
        conn.commit()
        conn.close()
    before = _tamper(path, sql, *args)
    for read_only in (True, False):
        with pytest.raises(ProjectError) as info:
            Project.open(path, read_only=read_only, parse=fake_parse)
        assert info.value.code == "project.corrupt" and "批次.ogiproj" in info.value.message
    assert path.read_bytes() == before  # left exactly as it was


def test_wrong_shapes_never_reach_the_command_line_as_internal_errors(tmp_path: Path) -> None:
    path = _project(tmp_path)
    _tamper(path, "UPDATE reports SET section_starts = '{\"s1\": [1]}'")
    for cmd in ("parse", "check"):
        done = _cli(cmd, "--json", str(path))
        assert done.returncode == 1 and "Traceback" not in done.stderr
        obj = json.loads(done.stdout.splitlines()[0])
        assert not obj["ok"] and obj["error"]["code"] == "project.corrupt"
    out = tmp_path / "汇总.xlsx"
    done = _cli("export", str(path), "-o", str(out))
    assert "Traceback" not in done.stderr and "内部错误" not in done.stderr


def _snapshot(path: Path) -> dict:
    conn = sqlite3.connect(path)
    blob = conn.execute("SELECT snapshot FROM reports ORDER BY id LIMIT 1").fetchone()[0]
    conn.close()
    return json.loads(zlib.decompress(blob))


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["values"][0].__setitem__(1, "十二"),
        lambda d: d["values"][0].__setitem__(4, ["a", "b"]),
        lambda d: d["document"].__setitem__("text", 42),
        lambda d: d["document"]["grids"].append({"n_rows": 100000, "n_cols": 100000, "cells": []}),
        lambda d: d["findings"].append({"rule": "x", "severity": "致命", "message": "m"}),
        lambda d: d.__setitem__("sections", [{"id": 1, "heading": [0, 1], "body": [0, 2]}]),
        lambda d: d["metadata"].__setitem__("year", {"value": [2023], "span": None, "source": ""}),
        lambda d: d.__setitem__("document", []),
    ],
)
def test_snapshot_of_the_wrong_shape_is_a_damaged_snapshot(tmp_path: Path, damage: object) -> None:
    path = _project(tmp_path)
    d = _snapshot(path)
    damage(d)  # type: ignore[operator]
    blob = zlib.compress(json.dumps(d, ensure_ascii=False).encode("utf-8"))
    with pytest.raises(ValueError):
        ser.unpack_report(blob)
    _tamper(path, "UPDATE reports SET snapshot = ? WHERE id = (SELECT MIN(id) FROM reports)", blob)
    (tmp_path / "r0.txt").unlink()  # nothing to re-read: the report cannot be shown, the others can
    with Project.open(path, read_only=True, parse=fake_parse) as project:
        assert len(project.reviewed_reports()) == 1
        ((_failed, err),) = project.failures()
        assert "r0.txt" in err.message


def test_snapshot_bomb_is_refused(tmp_path: Path) -> None:
    z = zlib.compressobj(9)
    blob = z.compress(b'{"format": 2, "pad": "') + b"".join(z.compress(b" " * (1 << 20)) for _ in range(300))
    blob += z.compress(b'"}') + z.flush()
    with pytest.raises(ValueError, match="beyond"):
        ser.unpack_report(blob)


def test_a_sound_snapshot_passes_the_checks(tmp_path: Path) -> None:
    report = fake_parse(str(write_source(tmp_path / "ok.txt", {"apply.new.total": 3})))
    check_report(ser.unpack_report(ser.pack_report(report)))
    report.values["apply.new.total"].value = True  # a bool is not a count
    with pytest.raises(BadShape):
        check_report(report)


def test_damaged_log_records_are_described_not_raised(tmp_path: Path) -> None:
    path = _project(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER edit_log_no_update")
    conn.execute("UPDATE edit_log SET edit = '[1]' WHERE kind = 'value'")
    conn.execute("UPDATE edit_log SET edit = '{\"field\": 5}' WHERE kind = 'add'")
    conn.commit()
    conn.close()
    with Project.open(path, read_only=True, parse=fake_parse) as project:
        lines = [e.describe() for e in project.log()]
    assert any("已损坏" in line for line in lines)


def _crafted(tmp_path: Path) -> tuple[Path, Path]:
    """A project in its own folder whose report points at a file elsewhere on the computer."""
    (tmp_path / "别人的").mkdir()
    secret = write_source(tmp_path / "别人的" / "机密.txt", {"apply.new.total": 5})
    folder = tmp_path / "项目"
    folder.mkdir()
    path = folder / "外部.ogiproj"
    with Project.create(path) as project:
        project.add_reports([ReviewedReport(fake_parse(str(secret)))])
    secret.write_text(secret.read_text(encoding="utf-8").replace("= 5", "= 6"), encoding="utf-8")  # changed since
    return path, secret


def test_sources_outside_the_project_folder_are_not_read_without_consent(tmp_path: Path) -> None:
    path, secret = _crafted(tmp_path)
    read: list[str] = []

    def spy(p: str):  # type: ignore[no-untyped-def]
        read.append(p)
        return fake_parse(p)

    before = path.read_bytes()
    with Project.open(path, parse=spy) as project:  # the default: refused
        (rr,) = project.reviewed_reports()
        assert rr.value("apply.new.total") == 5  # the saved snapshot, not the file's current content
        assert "项目文件夹之外" in project.notices()[rr.path]
        assert project.outside_refused() == [str(secret)]
    assert read == []
    asked: list[list[str]] = []
    with Project.open(path, parse=spy, outside=lambda paths: asked.append(paths) or False) as project:
        assert project.reviewed_reports()[0].value("apply.new.total") == 5
    assert asked == [[str(secret)]] and read == []
    with Project.open(path, parse=spy, outside=lambda paths: True) as project:  # the user agreed
        assert project.reviewed_reports()[0].value("apply.new.total") == 6
    assert read == [str(secret)]
    assert path.read_bytes() != before  # only then is the new content stored


def test_symlink_out_of_the_project_folder_counts_as_outside(tmp_path: Path) -> None:
    path, secret = _crafted(tmp_path)
    link = path.parent / "链接.txt"
    link.symlink_to(secret)
    from core.review import files

    assert not files.inside(str(link), str(path.parent))
    assert files.inside(str(path.parent / "子" / "a.txt"), str(path.parent))


def test_command_line_refuses_sources_outside_the_project(tmp_path: Path) -> None:
    path, _secret = _crafted(tmp_path)
    done = _cli("parse", "--json", str(path))
    obj = json.loads(done.stdout.splitlines()[0])
    assert obj["ok"] and obj["values"]["apply.new.total"] == 5  # the snapshot; the changed file is not read
    done = _cli("check", str(path))
    assert "项目文件夹之外" in done.stdout
