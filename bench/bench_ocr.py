"""Benchmark OCR of scanned reports: values right, CPU seconds a page, peak memory of the process.

Run from the repository root:  .venv/bin/python bench/bench_ocr.py [--reports 2] [--dpi 150 200 300] [--unruled]
Each report is one of our synthetic reports (3 A4 pages, tables 二/三/四 ≈ 200 values) scanned by
tests/synth/scan.py: turned up to ±1°, grey paper, speckle, slight blur. ``--unruled`` prints the
tables without ruling lines (their grid is built from the geometry of the recognised boxes). The engine runs on one
thread. Targets (issue 14): ≤ 3 s a page on one core, ≤ 1 GB memory; report the machine's load.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.synth import random_values, render
from tests.synth.office import render_pdf
from tests.synth.scan import ScanStyle, scan_pages, scanned_pdf


def _peak_mb() -> tuple[float, float]:
    """(peak resident MB, peak address space MB) of this process."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    vm = 0.0
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmPeak:"):
                vm = int(line.split()[1]) / 1024
    except OSError:
        pass
    return rss, vm


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reports", type=int, default=2, help="synthetic reports per resolution")
    ap.add_argument("--dpi", type=int, nargs="+", default=[150, 200, 300])
    ap.add_argument("--noise", type=float, default=0.005, help="share of speckled pixels")
    ap.add_argument("--unruled", action="store_true", help="tables printed without ruling lines")
    args = ap.parse_args()
    from core.loading.ocr_engine import engine

    t0 = time.process_time()
    engine()
    print(f"engine load: {time.process_time() - t0:.2f} CPU s, peak RSS {_peak_mb()[0]:.0f} MB")
    print(f"load average: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores")
    print("tables printed without ruling lines" if args.unruled else "ruled tables")
    print(
        f"{'dpi':>4}{'report':>8}{'pages':>7}{'values right':>15}{'CPU s/page':>12}{'wall s/page':>13}"
        f"{'RSS MB':>10}{'VM MB':>10}"
    )
    peak = (0.0, 0.0)
    misread: list[tuple[int, int, str, object, object, float | None, bool]] = []
    with tempfile.TemporaryDirectory(prefix="ogi-bench-ocr-") as tmp:
        for dpi in args.dpi:
            for k in range(args.reports):
                seed = 100 + k
                rng = random.Random(seed)
                out = render(random_values("2021", rng), "2021", "pdf", seed=seed)
                content = render_pdf(out.blocks, ruled=False) if args.unruled else out.content
                style = ScanStyle(
                    dpi=dpi,
                    angle=rng.uniform(-1, 1),
                    noise=args.noise,
                    blur=0.6,
                    paper=rng.randint(215, 245),
                    seed=seed,
                )
                pages = scan_pages(content, style)
                path = Path(tmp) / f"scan-{dpi}-{k}.pdf"
                path.write_bytes(scanned_pdf(pages, dpi))
                n = len(pages)
                del pages
                with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
                    got, cpu, wall, rss, vm = pool.submit(_parse, str(path)).result()
                right = sum(1 for f, v in out.expected.items() if got.get(f, (None,))[0] == v)
                for f, v in sorted(out.expected.items()):
                    if got.get(f, (None,))[0] != v:
                        value, conf, flagged = got.get(f, (None, None, False))
                        misread.append((dpi, k + 1, f, v, value, conf, flagged))
                print(
                    f"{dpi:>4}{k + 1:>8}{n:>7}{f'{right}/{len(out.expected)}':>15}{cpu / n:>12.2f}{wall / n:>13.2f}"
                    f"{rss:>10.0f}{vm:>10.0f}"
                )
                peak = (max(peak[0], rss), max(peak[1], vm))
    print(f"parsing process: peak resident memory {peak[0]:.0f} MB, peak address space {peak[1]:.0f} MB")
    print("(the worker limit, 1536 MB by default, is on the address space)")
    silent = [m for m in misread if not m[6]]
    print(f"values not right: {len(misread)}, of them not flagged by an OCR finding: {len(silent)}")
    for dpi, k, f, want, value, conf, flagged in misread:
        sure = "unreadable/missing" if value is None else (f"confidence {conf:.0%}" if conf is not None else "")
        print(f"  {dpi} dpi report {k}: {f} printed {want}, read {value} ({sure}; {'flagged' if flagged else 'NOT FLAGGED'})")


def _parse(path: str) -> tuple[dict[str, tuple[object, float | None, bool]], float, float, float, float]:
    """In a fresh process, as a parse worker: the engine loaded, then one scan parsed (timed).

    Returns per field (value, OCR confidence, flagged by an OCR finding), CPU s, wall s, peak MB.
    """
    from core.loading.ocr_engine import engine
    from core.parsing import parse_report
    from core.review.state import ReviewedReport
    from core.validation import validate

    engine()
    c0, w0 = time.process_time(), time.perf_counter()
    r = parse_report(path)
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    peak = _peak_mb()
    flagged = {f for fd in validate(ReviewedReport(r)) if fd.rule.startswith("ocr.") for f in fd.fields}
    cells = {(t, c.row, c.col): c.confidence for t, g in enumerate(r.document.grids) for c in g.cells}
    got = {
        f: (v.value, cells.get((v.table, v.row, v.col)) if v.table is not None else None, f in flagged)
        for f, v in r.values.items()
    }
    return got, cpu, wall, *peak


if __name__ == "__main__":
    main()
