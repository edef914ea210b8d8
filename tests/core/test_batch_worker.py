"""core.batch.worker: parsing in worker processes keeps order, errors keep their code, cancel stops."""

from __future__ import annotations

import pytest

from core.batch import worker as parse_worker
from core.errors import Cancelled, LoadError, ReportError
from core.model import OffsetRuns, Report
from tests.gui.synthetic import write_report


@pytest.mark.parametrize("processes", [True, False])
def test_results_in_input_order_with_errors(tmp_path, processes: bool) -> None:
    paths = [str(write_report(tmp_path, f"p{i}.txt", f"进程{i}局", 2023)) for i in range(6)]
    paths.insert(3, str(tmp_path / "缺失.txt"))
    parse_worker.set_enabled(processes)
    try:
        out = list(parse_worker.parse_many(paths))
    finally:
        parse_worker.set_enabled(True)
    assert [p for p, _r in out] == paths
    assert all(isinstance(r, Report) for p, r in out if "缺失" not in p)
    err = dict(out)[paths[3]]
    assert isinstance(err, LoadError) and "缺失.txt" in err.message and err.code != "error"


def test_error_rebuilt_with_class_code_and_details() -> None:
    exc = parse_worker.rebuild_error(("LoadError", "无法读取文件“甲.pdf”。", "pdf.encrypted", "trace"))
    assert type(exc) is LoadError and exc.code == "pdf.encrypted" and exc.details == "trace"
    unknown = parse_worker.rebuild_error(("NoSuchError", "消息", "x", ""))
    assert type(unknown) is ReportError and unknown.message == "消息"


def test_cancel_stops_the_batch(tmp_path) -> None:
    paths = [str(write_report(tmp_path, f"c{i}.txt", f"取消{i}局", 2023)) for i in range(20)]
    seen: list[str] = []
    with pytest.raises(Cancelled):
        for path, _r in parse_worker.parse_many(paths, cancelled=lambda: len(seen) >= 2):
            seen.append(path)
    assert seen == paths[:2]


# ---- per-file limits: module-level parse functions, so the spawned workers can import them


def slow_or_greedy(path: str, memory: int | None) -> tuple[str, object]:
    """'hang' sleeps for ever; 'hog' allocates past any sane limit; others parse normally."""
    import time

    if "hang" in path:
        time.sleep(3600)
    if "hog" in path:
        blocks = []
        for _ in range(64):
            blocks.append(bytearray(64 * 1024 * 1024))  # 4 GB in all
    if "die" in path:
        import os

        os._exit(3)
    return parse_worker.parse_file(path, memory)


@pytest.mark.parametrize("jobs", [1, 2])
def test_limits_turn_one_bad_file_into_a_failure_and_the_batch_goes_on(tmp_path, jobs: int) -> None:
    good = [str(write_report(tmp_path, f"g{i}.txt", f"限时{i}局", 2023)) for i in range(4)]
    paths = [
        good[0],
        str(tmp_path / "hang.txt"),
        good[1],
        str(tmp_path / "hog.txt"),
        good[2],
        str(tmp_path / "die.txt"),
        good[3],
    ]
    for p in paths[1::2]:
        with open(p, "w", encoding="utf-8") as f:
            f.write("x")
    # 15 s: a good file (the first one also imports the parser) must finish well inside it under load
    limits = parse_worker.Limits(timeout=15, memory=512 * 1024 * 1024)
    with parse_worker.WorkerPool(jobs, limits, parse=slow_or_greedy) as pool:
        out = list(pool.parse_many(paths))
        assert [p for p, _r in out] == paths  # input order, every file
        results = dict(out)
        assert all(isinstance(results[p], Report) for p in good)
        hang, hog, die = results[paths[1]], results[paths[3]], results[paths[5]]
        assert isinstance(hang, LoadError) and hang.code == "limit.timeout"
        assert "hang.txt" in hang.message and "15 秒" in hang.message
        assert isinstance(hog, LoadError) and hog.code == "limit.memory"
        assert "hog.txt" in hog.message and "512 MB" in hog.message
        assert isinstance(die, LoadError) and die.code == "worker.crashed" and "die.txt" in die.message
        # the pool is still usable after killing and replacing workers
        again = list(pool.parse_many(good[:2]))
        assert all(isinstance(r, Report) for _p, r in again)


def test_memory_sizes_parse_and_print() -> None:
    assert parse_worker.parse_memory("1.5G") == 1536 * 1024**2
    assert parse_worker.parse_memory("800M") == 800 * 1024**2
    assert parse_worker.parse_memory("2GB") == 2 * 1024**3
    assert parse_worker.describe_memory(parse_worker.DEFAULT_MEMORY) == "1.5 GB"
    with pytest.raises(ValueError):
        parse_worker.parse_memory("很多")


def test_workers_that_cannot_start_fall_back_to_parsing_in_the_thread(tmp_path) -> None:
    """A worker interpreter that exits before saying hello (as when the user may not run it):
    every file is still parsed, in the calling thread, instead of failing as 'crashed'."""
    import multiprocessing.spawn as mp_spawn

    paths = [str(write_report(tmp_path, f"s{i}.txt", f"启动{i}局", 2023)) for i in range(3)]
    saved = mp_spawn.get_executable()
    mp_spawn.set_executable("/bin/false")
    pool = parse_worker.WorkerPool(1)
    try:
        out = list(parse_worker.parse_many(paths, pool=pool))
    finally:
        mp_spawn.set_executable(saved)
        pool.close()
    assert [p for p, _r in out] == paths
    assert all(isinstance(r, Report) for _p, r in out)


def test_the_windows_workers_pack_each_report_for_its_project(tmp_path) -> None:
    from core.review.serialize import unpack_report

    path = str(write_report(tmp_path, "packed.txt", "打包示例局", 2023))
    kind, report = parse_worker.parse_file_for_window(path)
    assert kind == "ok" and report.snapshot is not None
    assert unpack_report(report.snapshot) == report  # exactly what the project would have packed
    assert isinstance(report.document.offsets, OffsetRuns)  # and compacted for being kept open
    kind, error = parse_worker.parse_file_for_window(str(tmp_path / "缺失.txt"))
    assert kind == "error" and "缺失.txt" in error[1]


def test_memory_trim_returns_free_heap_on_glibc() -> None:
    import platform

    from core.batch.memory import trim

    assert trim() is (platform.system() == "Linux" and platform.libc_ver()[0] == "glibc")


def test_recycled_workers_are_fresh_processes_that_parse_on(tmp_path) -> None:
    paths = [str(write_report(tmp_path, f"r{i}.txt", f"回收{i}局", 2023)) for i in range(3)]
    with parse_worker.WorkerPool(1) as pool:
        assert all(isinstance(r, Report) for _p, r in pool.parse_many(paths[:2]))
        old = pool._workers[0].proc
        assert pool.recycle() == 1
        assert not old.is_alive() and pool._workers[0].proc is not old and pool._workers[0].proc.is_alive()
        assert [p for p, r in pool.parse_many(paths) if isinstance(r, Report)] == paths



def test_started_workers_are_the_ones_that_parse(tmp_path) -> None:
    """``start`` spawns the workers before any file (the window does it at launch), once."""
    paths = [str(write_report(tmp_path, f"s{i}.txt", f"预启{i}局", 2023)) for i in range(3)]
    with parse_worker.WorkerPool(2) as pool:
        pool.start()
        started = [w.proc for w in pool._workers]
        assert len(started) == 2 and all(p.is_alive() for p in started)
        pool.start()  # already running: nothing more
        assert [w.proc for w in pool._workers] == started
        assert [p for p, r in pool.parse_many(paths) if isinstance(r, Report)] == paths
        assert [w.proc for w in pool._workers] == started


def test_workers_start_without_a_resource_tracker_process(tmp_path) -> None:
    """Our processes talk through pipes only: no tracker interpreter is started beside the workers."""
    import subprocess
    import sys
    from pathlib import Path

    if not sys.platform.startswith("linux"):
        pytest.skip("reads /proc")
    path = write_report(tmp_path, "t.txt", "追踪局", 2023)
    code = (
        "import os, sys\n"
        "from core.batch.worker import WorkerPool\n"
        "pool = WorkerPool(2)\n"
        f"out = list(pool.parse_many([{str(path)!r}] * 3))\n"
        "kids = [int(t) for t in open(f'/proc/{os.getpid()}/task/{os.getpid()}/children').read().split()]\n"
        "cmds = [open(f'/proc/{k}/cmdline', 'rb').read() for k in kids]\n"
        "print(len(out), sum(1 for c in cmds if b'resource_tracker' in c), sum(1 for c in cmds if b'spawn_main' in c))\n"
        "pool.close()\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3", "0", "2"]  # three files parsed by two workers, no tracker
