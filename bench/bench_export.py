"""Benchmark the upward workbook: export step for N reports (target ≤ 5 s at 1000, ≤ 300 MB at 3000).

Run: .venv/bin/python bench/bench_export.py [N] [--per-report-sheets]   (prints numbers; no assertions)
Run each size in its own process so the peak RSS is that size's.
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


def main() -> None:
    """The export step of a batch already read and checked (the Batch is built before timing)."""
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
