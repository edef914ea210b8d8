"""Failure paths: full disks, unwritable output, OS errors in Chinese, leftovers cleaned, odd file names."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from core.errors import ExportError, LoadError, ProjectError, os_advice, os_reason
from core.export import safe
from core.loading.dispatch import load_file
from tests.core.loader_fixtures import make_txt

ROOT = Path(__file__).resolve().parents[2]
HAS_DEV_FULL = os.path.exists("/dev/full")


def _cli(args: list[str], cwd: Path, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "OGI_REVIEW_NO_PROCESSES": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "core", *args], stdout=stdout, stderr=subprocess.PIPE, cwd=cwd, env=env, timeout=120
    )


@pytest.mark.parametrize(
    ("exc", "want"),
    [
        (OSError(errno.ELOOP, "Too many levels of symbolic links"), "符号链接层数过多"),
        (PermissionError(errno.EACCES, "Permission denied"), "没有权限"),
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
        (OSError(errno.EIO, "Input/output error"), "读写出错"),
        (OSError(9999, "Strange thing"), "错误码 9999"),
    ],
)
def test_os_errors_are_told_in_chinese(exc: OSError, want: str) -> None:
    reason = os_reason(exc)
    assert want in reason and exc.strerror not in reason


def test_symlink_loop_message_has_no_english(tmp_path: Path) -> None:
    a, b = tmp_path / "甲.txt", tmp_path / "乙.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(LoadError) as info:
        load_file(str(a))
    assert "甲.txt" in info.value.message and "符号链接" in info.value.message
    assert "Too many" not in info.value.message


@pytest.mark.skipif(not HAS_DEV_FULL, reason="needs /dev/full")
def test_parse_to_a_full_disk_is_one_chinese_line(tmp_path: Path) -> None:
    make_txt(tmp_path / "报告.txt", 2)
    with open("/dev/full", "wb") as full:
        done = _cli(["parse", "--json", "报告.txt"], tmp_path, stdout=full)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 1
    assert "磁盘空间不足" in err and "Traceback" not in err and "Exception ignored" not in err


@pytest.mark.skipif(not HAS_DEV_FULL, reason="needs /dev/full")
def test_export_on_a_full_disk_fails_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "汇总.xlsx"
    out.write_bytes(b"old")
    real_fdopen = os.fdopen

    def full_disk(fd: int, mode: str = "r", *args: object, **kwargs: object) -> object:
        os.close(fd)
        return real_fdopen(os.open("/dev/full", os.O_WRONLY), mode)

    monkeypatch.setattr(safe.os, "fdopen", full_disk)
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    wb = openpyxl.Workbook()
    wb.active["A1"] = "数据"
    with pytest.raises(ExportError) as info:
        safe.atomic_save(wb, out)
    import gc

    gc.collect()
    assert "磁盘空间不足" in info.value.message and "清理磁盘" in info.value.message
    assert out.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["汇总.xlsx"]
    assert unraisable == []  # nothing complains later from a half-written zip archive


def test_export_removes_leftovers_of_a_killed_export(tmp_path: Path) -> None:
    stale = tmp_path / "~ogi-abc123.xlsx.tmp"
    fresh = tmp_path / "~ogi-def456.xlsx.tmp"  # another export may be writing this one right now
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    safe.atomic_save(openpyxl.Workbook(), tmp_path / "汇总.xlsx")
    assert not stale.exists() and fresh.exists() and (tmp_path / "汇总.xlsx").exists()


def test_lock_failure_on_a_full_disk_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from core.review import lock
    from core.review.project import Project

    def no_space(*_a: object, **_k: object) -> bool:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(lock, "_create", no_space)
    with pytest.raises(ProjectError) as info:
        Project.create(tmp_path / "批次.ogiproj")
    assert "磁盘空间不足" in info.value.message and "是否可写" not in info.value.message
    assert os_advice(OSError(errno.ENOSPC, "x")).startswith("请清理磁盘")


def test_file_name_starting_with_a_dash(tmp_path: Path) -> None:
    make_txt(tmp_path / "-2023年报.txt", 2)
    done = _cli(["parse", "-2023年报.txt"], tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert "缺少参数" not in done.stderr.decode() and "✓" in done.stdout.decode()
    missing = _cli(["parse", "-不存在.txt"], tmp_path)
    assert missing.returncode == 2  # a real unknown option is still a usage error


def test_a_slow_file_does_not_hold_up_the_files_after_it(tmp_path: Path) -> None:
    """CLI: a PDF that takes longer than --timeout becomes a failure entry; the next file is read."""
    from tests.core.hostile_files import pdf_with_stream

    text = b"".join(b"BT /F1 9 Tf 20 %d Td (Report line %d of the page) Tj ET\n" % (800 - 8 * k, k) for k in range(90))
    slow = pdf_with_stream(tmp_path / "慢.pdf", text, pages=250)
    quick = make_txt(tmp_path / "快.txt", 3)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("OGI_REVIEW_NO_PROCESSES", None)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "core", "parse", "--json", "-j", "1", "--timeout", "1", str(slow), str(quick)],
        capture_output=True, cwd=tmp_path, env=env, timeout=300,
    )  # fmt: skip
    import json

    objs = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [Path(o["file"]).name for o in objs] == ["慢.pdf", "快.txt"]
    assert objs[0]["error"]["code"] == "limit.timeout" and "1 秒" in objs[0]["error"]["message"]
    assert objs[1]["ok"]
    assert time.monotonic() - started < 60


def test_sqlite_errors_are_told_in_chinese_too() -> None:
    import sqlite3

    full = sqlite3.OperationalError("database or disk is full")
    assert os_reason(full) == "磁盘空间不足" and os_advice(full).startswith("请清理磁盘")
    assert "只读" in os_reason(sqlite3.OperationalError("attempt to write a readonly database"))
    assert "database" not in os_reason(sqlite3.OperationalError("something new"))
