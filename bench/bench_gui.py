"""Review-window benchmarks: start-up, report shown, event-loop stalls while loading, memory.

Run: QT_QPA_PLATFORM=offscreen nice .venv/bin/python bench/bench_gui.py [--folder DIR] [--reports 1000] [--json]

Loads the report files of DIR (all forms; cycled through, under distinct names, up to ``--reports``)
into the real window; without ``--folder`` the reports are realistic generated ones
(bench/realistic.py: real-sized prose and the three tables, txt/html/docx/pdf in turn; ``--small``
for the old one-line text reports). Prints the numbers with their targets and, as its last line,
one JSON object (a contract, keep it):

    window_up_s      launch → window shown, fresh interpreter (median of 3)        target ≤ 1.5
    report_shown_ms  one report opened → shown (median of 5, worker running)        target ≤ 300
    max_stall_ms     longest event-loop gap while the N reports load (and are saved  target ≤ 50
                     into the workspace project, as the app does)
    rss_mb           window + worker processes, resident, with N reports open       target ≤ 300
plus reports, saved_in_project, load_s, reports_per_s, pss_mb (shared pages counted once), load_avg,
stalls_over_50_ms, and of the longest stall the GUI thread's CPU time (max_stall_cpu_ms) and the time it
waited for a core (max_stall_run_queue_ms, Linux): on a loaded machine most of a long stall is waiting.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
COUNTIES = "青松 白桦 红枫 银杏 金柳 翠竹 苍梧 云杉 紫荆 玉兰".split()
OFFICES = "统计局 审计局 民政局 水利局 交通运输局 自然资源局 卫生健康委员会 市场监督管理局".split()


def make_report(i: int, rng: random.Random) -> str:
    """A small made-up 2021-style report (text) with a 表三 row whose total may be off by one."""
    agency = f"{rng.choice(COUNTIES)}县{rng.choice(OFFICES)}"
    year = rng.choice((2021, 2022, 2023))
    nums = [rng.randint(0, 9) for _ in range(6)]
    total = sum(nums) + (1 if i % 5 == 0 else 0)
    body = [
        f"{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，本年度主动公开政府信息 {rng.randint(10, 300)} 条。",
        "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t"
        + "\t".join(str(rng.randint(0, 5)) for _ in range(3)),
        "一、本年新收政府信息公开申请数量\t"
        + "\t".join(map(str, nums))
        + f"\t{total}\n二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0",
        "本年度未发生行政复议、行政诉讼。",
        "信息公开的及时性和解读质量有待提高。",
        "本年度未收取信息处理费。",
    ]
    lines = [f"{agency}{year}年政府信息公开工作年度报告", ""]
    for h, b in zip(HEADINGS, body, strict=True):
        lines += [h, b]
    return "\n".join(lines) + "\n"


def write_reports(folder: Path, n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        p = folder / f"report_{i:04}.txt"
        p.write_text(make_report(i, rng), encoding="utf-8")
        out.append(str(p))
    return out


def _status_kb(pid: int | str, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kb(pid: int | str) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _family(root: int | None = None) -> list[int]:
    """This process (or ``root``) and its descendants (the parser worker processes)."""
    me = os.getpid() if root is None else root
    parent: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat", encoding="ascii", errors="replace") as fh:
                    parent[int(d)] = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    out, todo = [me], [me]
    while todo:
        p = todo.pop()
        kids = [c for c, pp in parent.items() if pp == p]
        out += kids
        todo += kids
    return out


def _run_queue_s() -> float:
    """Seconds the calling thread has waited for a core so far (Linux schedstat; 0 elsewhere)."""
    import threading

    try:
        with open(f"/proc/self/task/{threading.get_native_id()}/schedstat", encoding="ascii") as fh:
            return int(fh.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


def rss_mb() -> float:
    """Resident memory of the window process and its worker processes together."""
    return sum(_status_kb(p, "VmRSS") for p in _family()) / 1024


def pss_mb() -> float:
    return sum(_pss_kb(p) for p in _family()) / 1024


def report_files(folder: Path, n: int, into: Path) -> list[str]:
    """``n`` report paths cycling through the files of ``folder`` (distinct names: hard links)."""
    from core.batch.inputs import is_report_file

    files = sorted(p for p in folder.rglob("*") if p.is_file() and is_report_file(p))
    if not files:
        raise SystemExit(f"no report file in {folder}")
    if len(files) >= n:
        return [str(p) for p in files[:n]]
    into.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        src = files[i % len(files)]
        dst = into / f"{i:05}_{src.name}"
        try:
            os.link(src, dst)
        except OSError:
            dst.write_bytes(src.read_bytes())
        out.append(str(dst))
    return out


def bench_startup() -> float:
    """Seconds from launching a fresh interpreter to the window being shown (median of 3)."""
    code = (
        f"import os,sys; os.environ.setdefault('QT_QPA_PLATFORM','offscreen'); sys.path.insert(0, {str(ROOT)!r})\n"
        "from gui.app import create_application\n"
        "from gui import settings, errors\n"
        "import tempfile, pathlib\n"
        "settings.set_settings_file(pathlib.Path(tempfile.mkdtemp())/'s.ini'); errors.set_log_only(True)\n"
        "app = create_application()\n"
        "from gui.main_window.window import MainWindow\n"
        "w = MainWindow(); w.show(); app.processEvents()\n"
        "print('shown', flush=True)\n"
    )
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        line = proc.stdout.readline()
        t = time.perf_counter() - t0
        proc.wait()
        if line.strip() == "shown":
            times.append(t)
    return statistics.median(times) if times else float("nan")


def _close_all(window) -> None:  # type: ignore[no-untyped-def]
    """Close every entry (a failure entry is never the current report: removed directly)."""
    while window.entries():
        if window.current is not None:
            window.close_current_report()
        else:
            window.remove_entry(window.entries()[0])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folder", type=Path, help="report files to load (cycled through up to --reports)")
    ap.add_argument("--reports", type=int, default=1000, help="reports loaded at once (stall and memory)")
    ap.add_argument("--json", action="store_true", help="last line: one JSON object (see above)")
    ap.add_argument("--small", action="store_true", help="without --folder: the old one-line text reports")
    ap.add_argument(
        "--distinct", type=int, default=0, help="without --folder: realistic reports generated (default: --reports)"
    )
    args = ap.parse_args()

    load_avg = os.getloadavg()
    print(f"machine load average (1 min): {load_avg[0]:.1f} on {os.cpu_count()} cores — stalls grow with load")
    startup = bench_startup()
    print(f"window shown after launch: {startup:.2f} s (target ≤ 1.5 s)")

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from gui import errors, settings
    from gui.app import create_application
    from gui.main_window.project_session import WORKSPACE_ENV

    tmp = Path(tempfile.mkdtemp(prefix="ogi-bench-"))
    settings.set_settings_file(tmp / "settings.ini")
    errors.set_log_only(True)
    app = create_application()
    from gui.main_window.window import MainWindow

    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    # As the app does at start: a workspace project every opened report is saved into (gui.app).
    os.environ[WORKSPACE_ENV] = str(tmp / "data")
    window.session.open_workspace(restore=False)
    from gui.app import start_parser

    start_parser(window)  # as the app does at launch: the parser's worker starts before any file

    if args.folder:
        source = args.folder
    elif args.small:
        source = tmp / "small"
        source.mkdir()
        write_reports(source, args.reports)
    else:
        # in a process of its own: the generator's libraries and heap (PDF and Word writers, ~60 MB)
        # are no part of the window, whose memory is measured here
        source = tmp / "realistic"
        n = min(args.distinct or args.reports + 6, args.reports + 6)
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "realistic.py"), str(source), "--n", str(n)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    paths = report_files(source, args.reports + 6, tmp / "cycled")
    one_by_one, paths = paths[:6], paths[6:]

    def run_until(pred, timeout_s: float = 1800.0) -> None:  # type: ignore[no-untyped-def]
        """Run the event loop as the app does (blocking between events) until ``pred()``: a loop of
        processEvents and short sleeps would keep the GUI thread busy, which the app's is not."""
        t_end = time.perf_counter() + timeout_s
        loop = QEventLoop()
        check = QTimer()
        check.setInterval(10)
        check.timeout.connect(lambda: loop.quit() if pred() or time.perf_counter() > t_end else None)
        check.start()
        if not pred():
            loop.exec()
        check.stop()

    # --- one report opened → shown (parse in the worker + showing every panel)
    samples = []
    for p in one_by_one:
        shown: list[float] = []
        conn = window.report_shown.connect(lambda e, s=shown: s.append(time.perf_counter()) if e is not None else None)
        _close_all(window)
        t0 = time.perf_counter()
        window.open_paths([p])
        run_until(lambda s=shown: bool(s) and not window.is_loading(), 120.0)
        window.report_shown.disconnect(conn)
        if shown:
            samples.append(shown[0] - t0)
    shown_ms = statistics.median(samples[1:]) * 1000 if len(samples) > 1 else float("nan")
    print(
        f"report shown after it is opened: median {shown_ms:.0f} ms, first (opened as the window comes "
        f"up, its parser process still starting) {samples[0] * 1000 if samples else float('nan'):.0f} ms "
        "(target ≤ 300 ms)"
    )

    # --- stall while N reports load: a 5 ms heartbeat records the longest gap
    _close_all(window)
    gaps: list[float] = []
    # per gap: the GUI thread's CPU time and its run-queue delay (waiting for a core: machine load)
    gap_parts: list[tuple[float, float]] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed(), time.thread_time(), _run_queue_s()]

    def beat() -> None:
        now, cpu, queued = clock.elapsed(), time.thread_time(), _run_queue_s()
        gaps.append(now - last[0])
        gap_parts.append(((cpu - last[1]) * 1000, (queued - last[2]) * 1000))
        last[:] = [now, cpu, queued]

    slot_times: list[float] = []
    original_items = window._items_loaded

    def timed_items(items):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        out = original_items(items)
        slot_times.append(time.perf_counter() - t)
        return out

    window._items_loaded = timed_items  # the op binds it at open_paths time
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(beat)
    timer.start()
    t0 = time.perf_counter()
    window.open_paths(paths)
    run_until(lambda: not window.is_loading())
    load_s = time.perf_counter() - t0
    settle = time.perf_counter() + 0.5  # the batch's last reports are saved into the project after it ends
    run_until(lambda: time.perf_counter() > settle)
    timer.stop()
    window._items_loaded = original_items
    n_open = len(window.entries())
    project = window.session.project
    saved = len(project.reviewed_reports()) if project is not None else 0
    max_stall = max(gaps) if gaps else float("nan")
    worst = gaps.index(max_stall) if gaps else -1
    stall_cpu, stall_queued = gap_parts[worst] if gaps else (float("nan"), float("nan"))
    over_50 = sum(1 for g in gaps if g > 50)
    print(
        f"{n_open} reports loaded in {load_s:.1f} s ({n_open / load_s:.0f}/s); longest event-loop stall "
        f"{max_stall:.0f} ms (GUI thread working {stall_cpu:.0f} ms of it, waiting for a core {stall_queued:.0f} ms), "
        f"99th percentile {sorted(gaps)[int(len(gaps) * 0.99)] if gaps else float('nan'):.0f} ms, "
        f"{over_50} gaps over 50 ms (target ≤ 50 ms); GUI-thread time per delivered batch: max "
        f"{max(slot_times) * 1000 if slot_times else float('nan'):.0f} ms; {saved} saved into the workspace project"
    )

    # --- memory with N reports open (window + worker processes), once it is steady: the workers are
    # replaced after a batch, and a fresh one is measured when it has started, not while it imports
    rss = rss_mb()
    for _ in range(40):
        pause = time.perf_counter() + 0.5
        run_until(lambda pause=pause: time.perf_counter() > pause)
        now = rss_mb()
        if abs(now - rss) < 1.0:
            break
        rss = now
    rss = rss_mb()
    pss = pss_mb()
    window_rss = _status_kb(os.getpid(), "VmRSS") / 1024
    print(
        f"memory with {n_open} reports open: {rss:.0f} MB RSS, {pss:.0f} MB PSS, window and workers (target ≤ 300 MB)"
    )

    # --- switching between open reports
    entries = window.entries()
    t_switch = []
    for e in entries[:: max(1, len(entries) // 20)]:
        t0 = time.perf_counter()
        window.report_list.select_entry(e)
        app.processEvents()
        t_switch.append(time.perf_counter() - t0)
    if t_switch:
        print(
            f"switch to another open report: median {statistics.median(t_switch) * 1000:.0f} ms, "
            f"max {max(t_switch) * 1000:.0f} ms"
        )
    window.close()
    result = {
        "window_up_s": round(startup, 3),
        "report_shown_ms": round(shown_ms, 1),
        "max_stall_ms": round(max_stall, 1),
        "max_stall_cpu_ms": round(stall_cpu, 1),
        "max_stall_run_queue_ms": round(stall_queued, 1),
        "stalls_over_50_ms": over_50,
        "rss_mb": round(rss, 1),
        "pss_mb": round(pss, 1),
        "window_rss_mb": round(window_rss, 1),
        "workers_rss_mb": round(rss - window_rss, 1),
        "reports": n_open,
        "saved_in_project": saved,
        "load_s": round(load_s, 2),
        "reports_per_s": round(n_open / load_s, 1) if load_s else None,
        "load_avg": [round(x, 2) for x in load_avg],
        "load_avg_end": [round(x, 2) for x in os.getloadavg()],
        "source": str(args.folder) if args.folder else ("small" if args.small else "realistic"),
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
