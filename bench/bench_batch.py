"""Benchmark the shared loading pipeline from the command line: ``ogi-review check --json`` on a folder.

    .venv/bin/python bench/bench_batch.py [--n 1000] [--jobs 1,2] [--forms txt,html,docx]

Writes ``n`` realistic reports (``bench/realistic.py``: full prose and three tables, forms cycling)
into a temporary folder, then times the whole command (interpreter start, expanding the folder,
parsing in worker processes, the batch's cross-year findings, duplicates and counting, and the JSON
lines) once per ``--jobs`` value. Prints wall seconds, reports per second, the number of output
lines and the machine's load average, so that numbers taken on a busy machine say so.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.realistic import write_folder  # noqa: E402


def run(folder: Path, jobs: int) -> tuple[float, int, int]:
    """(wall seconds, output lines, exit code) of one ``check --json`` run over ``folder``."""
    cmd = [sys.executable, "-m", "core", "check", "--json", "--jobs", str(jobs), str(folder)]
    start = time.perf_counter()
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    wall = time.perf_counter() - start
    return wall, sum(1 for line in out.stdout.splitlines() if line.strip()), out.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--forms", default="txt,html,docx")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ogi-bench-batch-") as tmp:
        folder = Path(tmp)
        write_folder(folder, args.n, tuple(args.forms.split(",")))
        print(f"{args.n} reports ({args.forms}) in {folder}")
        for jobs in (int(j) for j in args.jobs.split(",")):
            load = os.getloadavg()[0]
            wall, lines, code = run(folder, jobs)
            print(
                f"check --json --jobs {jobs}: {wall:6.1f} s wall, {args.n / wall:6.1f} reports/s, "
                f"{lines} lines, exit {code} (load before: {load:.1f})"
            )


if __name__ == "__main__":
    main()
