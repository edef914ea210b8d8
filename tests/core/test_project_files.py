"""Bad project files get a clear message and stay untouched; a second instance gets a read-only view."""

from __future__ import annotations

import datetime as dt
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core.batch import PROJECT_SUFFIX
from core.errors import ProjectError
from core.review.lock import LockInfo, ProjectLocked, lock_path, read_lock
from core.review.project import Project
from core.review.state import ReviewedReport, ValueEdit, local_minute
from tests.core.project_support import fake_parse, write_source


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / ("good" + PROJECT_SUFFIX)
    with Project.create(path) as project:
        files = [write_source(tmp_path / f"r{i}.txt", {"apply.new.total": i}) for i in range(12)]
        for rr in project.add_reports([ReviewedReport(fake_parse(str(f))) for f in files]):
            rr.apply(ValueEdit("apply.new.total", 100, note="更正"))
    return path


def _expect_refused(path: Path, *words: str) -> ProjectError:
    """Opening (both ways) fails with a Chinese message; the file and its folder are left as they were."""
    before = path.read_bytes()
    listing = sorted(os.listdir(path.parent))
    errors = []
    for read_only in (False, True):
        with pytest.raises(ProjectError) as info:
            Project.open(path, read_only=read_only)
        assert not isinstance(info.value, ProjectLocked)
        errors.append(info.value)
    assert path.read_bytes() == before
    assert sorted(os.listdir(path.parent)) == listing  # no lock, -wal or -shm left behind
    for err in errors:
        assert path.name in err.message
        for w in words:
            assert w in err.message
    return errors[0]


def test_not_sqlite(tmp_path):
    path = tmp_path / ("notes" + PROJECT_SUFFIX)
    path.write_text("这不是数据库，只是一段文字。" * 20, encoding="utf-8")
    assert _expect_refused(path, "不是审核项目").code == "project.not_project"


def test_empty_file(tmp_path):
    path = tmp_path / ("empty" + PROJECT_SUFFIX)
    path.write_bytes(b"")
    _expect_refused(path, "损坏")


def test_other_sqlite_database(tmp_path):
    path = tmp_path / ("other" + PROJECT_SUFFIX)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    assert _expect_refused(path, "不是本程序").code == "project.not_project"


def test_truncated(project_file):
    data = project_file.read_bytes()
    project_file.write_bytes(data[: len(data) // 2 + 100])
    assert _expect_refused(project_file, "损坏", "截断").code == "project.corrupt"


def test_corrupt_page(project_file):
    data = bytearray(project_file.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for n in range(1, len(data) // page):  # scramble every b-tree page header after the first
        data[n * page : n * page + 12] = b"\xff" * 12
    project_file.write_bytes(bytes(data))
    assert _expect_refused(project_file, "损坏").code == "project.corrupt"


def test_newer_version(project_file):
    conn = sqlite3.connect(project_file)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    err = _expect_refused(project_file, "更新版本", "99")
    assert err.code == "project.newer"


def test_missing(tmp_path):
    with pytest.raises(ProjectError, match="找不到"):
        Project.open(tmp_path / ("nowhere" + PROJECT_SUFFIX))
    assert os.listdir(tmp_path) == []


def test_create_refuses_to_overwrite_unless_asked(project_file):
    before = project_file.read_bytes()
    with pytest.raises(ProjectError, match="已存在"):
        Project.create(project_file)
    assert project_file.read_bytes() == before
    Project.create(project_file, overwrite=True).close()
    with Project.open(project_file) as fresh:
        assert fresh.reviewed_reports() == []


# --------------------------------------------------------------------------- second instance


def test_second_open_is_locked_with_a_clear_message_and_read_only_works(project_file):
    first = Project.open(project_file)
    holder = read_lock(project_file)
    assert holder is not None and holder.pid == os.getpid() and holder.host == socket.gethostname()
    with pytest.raises(ProjectLocked) as info:
        Project.open(project_file)
    assert "只读" in info.value.message and project_file.name in info.value.message
    assert holder.user in info.value.message and str(os.getpid()) in info.value.message
    first.reviewed_reports()[0].apply(ValueEdit("apply.new.total", 5))  # committed, in the WAL
    with Project.open(project_file, read_only=True) as viewer:
        assert viewer.reviewed_reports()[0].value("apply.new.total") == 5
        with pytest.raises(ProjectError, match="只读"):
            viewer.reviewed_reports()[1].apply(ValueEdit("apply.new.total", 6))
    assert read_lock(project_file) == holder  # the viewer never touched the lock
    first.close()
    assert not Path(lock_path(project_file)).exists()
    Project.open(project_file).close()


def test_lock_held_by_another_process(project_file):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from core.review.project import Project; "
         "p = Project.open(sys.argv[1]); print('ready', flush=True); time.sleep(60)", str(project_file)],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(ProjectLocked, match=str(holder.pid)):
            Project.open(project_file)
        with Project.open(project_file, read_only=True) as viewer:
            assert len(viewer.reviewed_reports()) == 12
    finally:
        holder.kill()
        holder.wait()
    # The holder died without releasing: its lock is stale and taken over.
    assert read_lock(project_file).pid == holder.pid
    with Project.open(project_file) as again:
        assert read_lock(project_file).pid == os.getpid()
        assert again.reviewed_reports()[0].value("apply.new.total") == 100


def test_lock_of_another_host_is_respected(project_file):
    Path(lock_path(project_file)).write_text(
        LockInfo(1, "某台其他电脑", "zhangsan", "2026-01-01T09:00:00+08:00").to_json(), encoding="utf-8"
    )
    with pytest.raises(ProjectLocked, match="zhangsan") as info:
        Project.open(project_file)
    assert "某台其他电脑" in info.value.message
    assert read_lock(project_file).user == "zhangsan"
    # The time it was opened is this computer's local time to the minute, never a raw ISO stamp.
    when = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))).astimezone()
    assert f"{when:%Y-%m-%d %H:%M} 起" in info.value.message and "T09:00:00" not in info.value.message


def test_record_stamps_read_as_local_minutes() -> None:
    stamp = "2026-12-06T03:39:27+00:00"
    want = dt.datetime(2026, 12, 6, 3, 39, 27, tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    assert local_minute(stamp) == want
    assert local_minute("不是时间") == "不是时间" and local_minute("") == ""


def test_garbage_lock_is_stale(project_file):
    Path(lock_path(project_file)).write_bytes(b"")
    with Project.open(project_file):
        assert read_lock(project_file).pid == os.getpid()


def test_damaged_contents_inside_a_sound_database(project_file):
    conn = sqlite3.connect(project_file)
    conn.execute("UPDATE reports SET metadata = '{broken' WHERE id = 3")
    conn.commit()
    conn.close()
    assert _expect_refused(project_file, "损坏").code == "project.corrupt"


def test_write_atomically_replaces_whole_files_with_the_default_mode(tmp_path):
    from core.review.files import write_atomically

    target = tmp_path / "机关名录.csv"
    target.write_bytes(b"old")
    write_atomically(target, "名称\n甲局\n".encode())
    assert target.read_text(encoding="utf-8") == "名称\n甲局\n"
    if os.name == "posix":
        umask = os.umask(0)
        os.umask(umask)
        assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    # a failed rename (the target is a folder) leaves the folder as it was: no temporary file behind
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(OSError):
        write_atomically(folder, b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.csv", "机关名录.csv"]
