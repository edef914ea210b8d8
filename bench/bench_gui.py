"""Review-window benchmarks: start-up, report switch, event-loop stalls while loading, memory.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_gui.py [--reports 500] [--memory 1000]
Prints numbers with their targets; reports are generated synthetically in a temp dir.
"""

from __future__ import annotations

import argparse
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


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def bench_startup() -> float:
    """Seconds from launching a fresh interpreter to the window being shown (median of 3)."""
    code = (
        "import os,sys; os.environ.setdefault('QT_QPA_PLATFORM','offscreen'); sys.path.insert(0, %r)\n"
        "from gui.app import create_application\n"
        "from gui import settings, errors\n"
        "import tempfile, pathlib\n"
        "settings.set_settings_file(pathlib.Path(tempfile.mkdtemp())/'s.ini'); errors.set_log_only(True)\n"
        "app = create_application()\n"
        "from gui.main_window import MainWindow\n"
        "w = MainWindow(); w.show(); app.processEvents()\n"
        "print('shown', flush=True)\n"
    ) % str(ROOT)
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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=500)
    ap.add_argument("--memory", type=int, default=1000)
    args = ap.parse_args()

    print(f"machine load average (1 min): {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores — stalls grow with load")
    startup = bench_startup()
    print(f"window shown after launch: {startup:.2f} s (target ≤ 1.5 s)")

    from PySide6.QtCore import QElapsedTimer, QTimer

    from gui import errors, settings
    from gui.app import create_application

    tmp = Path(tempfile.mkdtemp(prefix="ogi-bench-"))
    settings.set_settings_file(tmp / "settings.ini")
    errors.set_log_only(True)
    app = create_application()
    from gui.main_window import MainWindow

    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    app.processEvents()

    folder = tmp / "reports"
    folder.mkdir()
    paths = write_reports(folder, max(args.reports, args.memory))

    def run_until(pred, timeout_s: float = 600.0) -> None:  # type: ignore[no-untyped-def]
        t_end = time.perf_counter() + timeout_s
        while not pred() and time.perf_counter() < t_end:
            app.processEvents()
            time.sleep(0.001)

    # --- one report opened → shown (parse in the worker + showing every panel)
    samples = []
    for p in paths[:5]:
        shown: list[float] = []
        conn = window.report_shown.connect(lambda e, s=shown: s.append(time.perf_counter()) if e is not None else None)
        window.close_current_report()
        while window.entries():
            window.close_current_report()
        t0 = time.perf_counter()
        window.open_paths([p])
        run_until(lambda s=shown: bool(s) and not window.is_loading())
        window.report_shown.disconnect(conn)
        samples.append(shown[0] - t0)
    print(
        f"report shown after it is opened: median {statistics.median(samples) * 1000:.0f} ms, first (starts the "
        f"parser process) {samples[0] * 1000:.0f} ms (target ≤ 300 ms)"
    )

    # --- stall while 500 reports load: a 5 ms heartbeat records the longest gap
    while window.entries():
        window.close_current_report()
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def beat() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    slot_times: list[float] = []
    original_items = window._items_loaded

    def timed_items(items):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        original_items(items)
        slot_times.append(time.perf_counter() - t)

    window._items_loaded = timed_items  # the op binds it at open_paths time
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(beat)
    timer.start()
    t0 = time.perf_counter()
    window.open_paths(paths[: args.reports])
    run_until(lambda: not window.is_loading())
    load_s = time.perf_counter() - t0
    timer.stop()
    print(
        f"{len(window.entries())} reports loaded in {load_s:.1f} s; longest event-loop stall "
        f"{max(gaps) if gaps else float('nan'):.0f} ms, 99th percentile {sorted(gaps)[int(len(gaps) * 0.99)]:.0f} ms "
        f"(target ≤ 50 ms); GUI-thread time per delivered batch: max {max(slot_times) * 1000:.0f} ms"
    )
    window._items_loaded = original_items

    # --- switching between open reports
    entries = window.entries()
    t_switch = []
    for e in entries[:: max(1, len(entries) // 20)]:
        t0 = time.perf_counter()
        window.report_list.select_entry(e)
        app.processEvents()
        t_switch.append(time.perf_counter() - t0)
    print(
        f"switch to another open report: median {statistics.median(t_switch) * 1000:.0f} ms, max {max(t_switch) * 1000:.0f} ms"
    )

    # --- F8 across the whole batch (switches reports)
    t_f8 = []
    for _ in range(20):
        t0 = time.perf_counter()
        window.go_to_next_finding(1)
        app.processEvents()
        t_f8.append(time.perf_counter() - t0)
    print(f"F8 to the next open finding ({len(entries)} reports): median {statistics.median(t_f8) * 1000:.0f} ms")

    # --- memory with N reports open
    if args.memory > len(window.entries()):
        window.open_paths(paths[len(window.entries()) : args.memory])
        run_until(lambda: not window.is_loading())
    app.processEvents()
    print(f"memory with {len(window.entries())} reports open: {rss_mb():.0f} MB RSS (target ≤ 300 MB)")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
