"""The command line on every core: ``parse --json`` of a batch with --jobs 1 and --jobs N, wall clock.

Run from the repository root:  nice .venv/bin/python bench/bench_jobs.py [--files 1000] [--folder DIR] [--jobs 2]

The batch is DIR's report files, or realistic generated reports (bench/realistic.py; ``--forms``
default txt,html,docx,pdf in turn), cycled up to ``--files``. Target (issue 17): on 2 cores the
batch takes ≤ 0.65× the one-process time. Prints the machine's load with the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run(paths_file: Path, jobs: int) -> tuple[float, int]:
    paths = paths_file.read_text(encoding="utf-8").split("\n")
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "core", "parse", "--json", "--jobs", str(jobs), *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    dt = time.perf_counter() - t0
    ok = sum(1 for line in out.stdout.splitlines() if line.startswith("{") and json.loads(line).get("ok"))
    return dt, ok


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--folder", type=Path)
    ap.add_argument("--forms", default="txt,html,docx,pdf")
    ap.add_argument("--distinct", type=int, default=200, help="generated reports (cycled up to --files)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ogi-bench-jobs-") as tmp:
        if args.folder:
            source = args.folder
        else:
            from bench.realistic import write_folder

            source = Path(tmp) / "src"
            write_folder(source, min(args.distinct, args.files), tuple(args.forms.split(",")))
        from bench.bench_gui import report_files

        paths = report_files(source, args.files, Path(tmp) / "cycled")
        listing = Path(tmp) / "paths.txt"
        listing.write_text("\n".join(paths), encoding="utf-8")
        print(f"{len(paths)} files; load {os.getloadavg()[0]:.2f} (1 min) on {os.cpu_count()} cores")
        t1, ok1 = run(listing, 1)
        print(f"--jobs 1: {t1:.1f} s ({ok1} read), load {os.getloadavg()[0]:.2f}")
        tn, okn = run(listing, args.jobs)
        print(f"--jobs {args.jobs}: {tn:.1f} s ({okn} read), load {os.getloadavg()[0]:.2f}")
        print(f"ratio {tn / t1:.2f} (target ≤ 0.65 on 2 cores)")


if __name__ == "__main__":
    main()
