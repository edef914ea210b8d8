"""Benchmark OCR of scanned reports: values right, CPU seconds a page, peak memory of the worker.

Run from the repository root:
    .venv/bin/python bench/bench_ocr.py [--reports 2] [--dpi 150 200 300] [--unruled] [--copies 10] [--tiff]
Each report is one of our synthetic reports (3 A4 pages, tables 二/三/四 ≈ 200 values) scanned by
tests/synth/scan.py: turned up to ±1°, grey paper, speckle, slight blur. ``--unruled`` prints the
tables without ruling lines (their grid is built from the geometry of the recognised boxes);
``--copies 10`` makes each scan its pages ten times over (a 30-page scan: memory must stay bounded);
``--tiff`` writes a multi-page TIFF instead of a PDF. Each scan is parsed in a fresh worker process
of ``core.batch.worker`` with its default memory limit (1.5 GB of address space), as the window and
the CLI parse it; the engine runs on one thread. Every value not read right is listed with its
confidence and whether an OCR finding flags it (none may pass unflagged).
Targets (issue 14): ≤ 3 s a page on one core, ≤ 1 GB memory; report the machine's load.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.synth import random_values, render
from tests.synth.office import render_pdf
from tests.synth.scan import ScanStyle, scan_pages, scanned_pdf

Read = dict[str, tuple[object, "float | None", bool]]  # field → (value, OCR confidence, flagged by an OCR finding)


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
    ap.add_argument("--copies", type=int, default=1, help="the report's pages this many times over in one scan")
    ap.add_argument("--tiff", action="store_true", help="a multi-page TIFF instead of a PDF")
    args = ap.parse_args()
    from core.batch.worker import Limits, WorkerPool, describe_memory

    limits = Limits(timeout=None)
    print(f"load average: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores")
    print("tables printed without ruling lines" if args.unruled else "ruled tables")
    print(f"worker memory limit: {describe_memory(limits.memory or 0)} of address space")
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
                pages = scan_pages(content, style) * args.copies
                n = len(pages)
                if args.tiff:
                    import cv2

                    path = Path(tmp) / f"scan-{dpi}-{k}.tif"
                    _ok, data = cv2.imencodemulti(".tif", pages)
                    data.tofile(str(path))
                else:
                    path = Path(tmp) / f"scan-{dpi}-{k}.pdf"
                    path.write_bytes(scanned_pdf(pages, dpi))
                del pages
                with WorkerPool(1, limits, parse=_parse) as pool:  # a fresh worker for each scan
                    [(_, result)] = list(pool.parse_many([str(path)]))
                if not isinstance(result, tuple):
                    print(f"{dpi:>4}{k + 1:>8}{n:>7}  failed: {result}")
                    continue
                got, cpu, wall, rss, vm = result
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
    print(f"parsing worker: peak resident memory {peak[0]:.0f} MB, peak address space {peak[1]:.0f} MB")
    silent = [m for m in misread if not m[6]]
    print(f"values not right: {len(misread)}, of them not flagged by an OCR finding: {len(silent)}")
    for dpi, k, f, want, value, conf, flagged in misread:
        how = "left out" if value is None else (f"confidence {conf:.0%}" if conf is not None else "read from text")
        print(
            f"  {dpi} dpi report {k}: {f} printed {want}, read {value} ({how}; {'flagged' if flagged else 'NOT FLAGGED'})"
        )


def _parse(path: str, memory: int | None) -> tuple[str, object]:
    """In the worker: the engine loaded, then one scan parsed (timed) and validated.

    Returns ("ok", (per field (value, OCR confidence, flagged by an OCR finding), CPU s, wall s,
    peak RSS MB, peak address space MB)), or the worker's error.
    """
    from core.batch.worker import parse_file
    from core.loading.ocr_engine import engine
    from core.review.state import ReviewedReport
    from core.validation import validate

    engine()
    c0, w0 = time.process_time(), time.perf_counter()
    kind, r = parse_file(path, memory)
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    if kind != "ok":
        return kind, r
    peak = _peak_mb()
    flagged = {f for fd in validate(ReviewedReport(r)) if fd.rule.startswith("ocr.") for f in fd.fields}
    cells = {(t, c.row, c.col): c.confidence for t, g in enumerate(r.document.grids) for c in g.cells}
    got: Read = {
        f: (v.value, cells.get((v.table, v.row, v.col)) if v.table is not None else None, f in flagged)
        for f, v in r.values.items()
    }
    return "ok", (got, cpu, wall, *peak)


if __name__ == "__main__":
    main()
