"""Benchmark the upward workbook (issue 17: ≤ 5 s for the export step of 1000 reports, ≤ 300 MB
for the export of 3000).

Run: .venv/bin/python bench/bench_export.py [N] [--per-report-sheets]   (prints numbers; no assertions)
    the export step alone: N synthetic reports, already read and checked, into the workbook.
    Run each size in its own process so the peak RSS is that size's.
Run: nice .venv/bin/python bench/bench_export.py --cli [N] [--folder DIR] [--jobs 2] [--per-report-sheets]
    the whole command, ``ogi-review export --jobs J FILES -o OUT.xlsx``, on N realistic report files
    (bench/realistic.py, txt/html/docx/pdf in turn; or DIR's files cycled up to N): wall and CPU
    time, and the peak resident memory of the command and its worker processes together (sampled
    every 50 ms), of the command alone and of its workers.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.review.state import ReviewedEdit, ValueEdit
from tests.core.export_helpers import make_reviewed


def synthetic(n: int) -> list:
    rnd = random.Random(42)
    out = []
    for i in range(n):
        template = "2019" if i % 4 == 0 else "2021"
        rr = make_reviewed(template, agency=f"示例{i % 97}市测试{i}局", year=2019 + i % 5, seed=i, path=f"r{i}.txt")
        if rnd.random() < 0.3:
            rr.apply(ValueEdit("apply.granted.natural", rnd.randint(0, 99), note="合成修改"))
        if rnd.random() < 0.5:
            rr.apply(ReviewedEdit(True))
        out.append(rr)
    return out


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _is_worker(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return b"spawn_main" in fh.read()
    except OSError:
        return False


def cli(argv: list[str]) -> None:
    """The whole command on realistic files, its worker processes counted."""
    import argparse
    import subprocess
    import threading

    from bench.bench_gui import _family, _status_kb, report_files

    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?", default=3000)
    ap.add_argument("--cli", action="store_true")
    ap.add_argument("--folder", type=Path)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--forms", default="txt,html,docx,pdf")
    ap.add_argument("--per-report-sheets", action="store_true")
    args = ap.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory(prefix="ogi-bench-export-") as tmp:
        source = args.folder
        if source is None:
            from bench.realistic import write_folder

            source = Path(tmp) / "src"
            write_folder(source, args.n, tuple(args.forms.split(",")))
        paths = report_files(source, args.n, Path(tmp) / "cycled")
        out = os.path.join(tmp, "summary.xlsx")
        cmd = [sys.executable, "-m", "core", "export", "--jobs", str(args.jobs), *paths, "-o", out]
        if args.per_report_sheets:
            cmd.append("--per-report-sheets")
        load = os.getloadavg()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # peaks in KiB; "read": while worker processes run, "write": after they ended (the workbook)
        peak = {"all": 0, "command": 0, "workers": 0, "read_command": 0, "write": 0}
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                kb = {p: _status_kb(p, "VmRSS") for p in _family(proc.pid)}
                own = kb.get(proc.pid, 0)
                total = sum(kb.values())
                peak["all"] = max(peak["all"], total)
                peak["command"] = max(peak["command"], own)
                peak["workers"] = max(peak["workers"], total - own)
                if any(_is_worker(p) for p in kb if p != proc.pid):  # not multiprocessing's resource tracker
                    peak["read_command"] = max(peak["read_command"], own)
                elif peak["workers"]:
                    peak["write"] = max(peak["write"], own)
                stop.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        stdout, stderr = proc.communicate()
        dt = time.perf_counter() - t0
        stop.set()
        sampler.join()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        print(stdout.decode("utf-8", "replace").strip() or stderr.decode("utf-8", "replace").strip()[-2000:])
        size = os.path.getsize(out) / 2**20 if os.path.exists(out) else 0.0
        print(
            f"export --jobs {args.jobs} of {len(paths)} files{' (per-report sheets)' if args.per_report_sheets else ''}: "
            f"{dt:.1f} s, {cpu:.1f} s CPU (command and workers); peak RSS {peak['all'] / 1024:.0f} MB together "
            f"(target ≤ 300), command alone {peak['command'] / 1024:.0f} MB (reading {peak['read_command'] / 1024:.0f}, "
            f"writing the workbook {peak['write'] / 1024:.0f}), workers and resource tracker "
            f"{peak['workers'] / 1024:.0f} MB; "
            f"file {size:.1f} MiB; load average before {load[0]:.2f} {load[1]:.2f}, after {os.getloadavg()[0]:.2f}"
        )


def main() -> None:
    """The export step of a batch already read and checked (the Batch is built before timing)."""
    if "--cli" in sys.argv:
        cli(sys.argv[1:])
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    per_report = "--per-report-sheets" in sys.argv
    t0 = time.perf_counter()
    t = time.perf_counter()
    import core.export  # noqa: F401

    loaded = "openpyxl" in sys.modules
    print(f"import core.export: {1000 * (time.perf_counter() - t):.0f} ms (openpyxl loaded: {loaded})")
    reports = synthetic(n)
    print(f"generated {n} reports in {time.perf_counter() - t0:.2f} s, peak RSS so far {rss_mb():.0f} MB")
    from core.batch import Batch
    from core.export import ExportOptions, export_batch, export_report

    t = time.perf_counter()
    batch = Batch(reports)
    print(f"Batch (validation, cross-year, duplicates) of {n} reports: {time.perf_counter() - t:.2f} s")
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "summary.xlsx")
        before = rss_mb()
        t, cpu = time.perf_counter(), time.process_time()
        sheets = export_batch(batch, out, ExportOptions(per_report_sheets=per_report))
        dt, dcpu = time.perf_counter() - t, time.process_time() - cpu
        print(
            f"export_batch {n} reports ({len(sheets)} sheets{', per-report sheets' if per_report else ''}): "
            f"{dt:.2f} s ({dcpu:.2f} s CPU), process peak RSS {rss_mb():.0f} MB (before export {before:.0f} MB), "
            f"file {os.path.getsize(out) / 2**20:.1f} MiB; load average before {load[0]:.2f} {load[1]:.2f}"
        )
        tracemalloc.start()
        export_batch(batch, out)
        _cur, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"  python heap peak during the export (tracemalloc, second run): {peak / 2**20:.0f} MB")
        t = time.perf_counter()
        export_report(reports[1], os.path.join(d, "one.xlsx"))
        print(f"export_report one report: {1000 * (time.perf_counter() - t):.0f} ms")


if __name__ == "__main__":
    main()
