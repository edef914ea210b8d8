"""The command line on every core: ``parse --json`` of a batch with --jobs 1 and --jobs N, wall clock.

Run from the repository root:  nice .venv/bin/python bench/bench_jobs.py [--files 1000] [--folder DIR] [--jobs 2]
    [--command check]   (``check --json``: the whole batch through the shared pipeline, issue 11)

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


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a live process (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def run(paths_file: Path, jobs: int, command: str = "parse") -> tuple[float, int, float, dict[int, float]]:
    """Wall time, reports read, CPU time of the command and its workers, CPU seconds per process
    (the command's own first; sampled every 0.2 s, so a process's last fraction of a second is missed)."""
    import resource
    import threading

    from bench.bench_gui import _family

    paths = paths_file.read_text(encoding="utf-8").split("\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "core", command, "--json", "--jobs", str(jobs), *paths],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    per: dict[int, float] = {proc.pid: 0.0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            for p in _family(proc.pid):
                per[p] = max(per.get(p, 0.0), _cpu_s(p))
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _err = proc.communicate()
    dt = time.perf_counter() - t0
    stop.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    text = stdout.decode("utf-8", "replace")
    ok = sum(1 for line in text.splitlines() if line.startswith("{") and json.loads(line).get("ok"))
    return dt, ok, cpu, per


def _idle_estimate(per: dict[int, float], cores: int) -> float:
    """Wall time on an idle machine with ``cores`` cores if the run is CPU-bound: the busiest process,
    or all the CPU time spread over the cores (the resource tracker's few milliseconds included)."""
    return max(max(per.values(), default=0.0), sum(per.values()) / cores)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--folder", type=Path)
    ap.add_argument("--forms", default="txt,html,docx,pdf")
    ap.add_argument("--distinct", type=int, default=200, help="generated reports (cycled up to --files)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--command", choices=("parse", "check"), default="parse")
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
        cores = os.cpu_count() or 2
        t1, ok1, c1, p1 = run(listing, 1, args.command)
        print(f"{args.command} --jobs 1: {t1:.1f} s ({c1:.1f} s CPU; {ok1} read), load {os.getloadavg()[0]:.2f}; "
              f"CPU s per process: {' '.join(f'{x:.1f}' for x in p1.values())} (the command first)")
        tn, okn, cn, pn = run(listing, args.jobs, args.command)
        print(f"{args.command} --jobs {args.jobs}: {tn:.1f} s ({cn:.1f} s CPU; {okn} read), load "
              f"{os.getloadavg()[0]:.2f}; CPU s per process: {' '.join(f'{x:.1f}' for x in pn.values())}")
        print(f"ratio {tn / t1:.2f} (target ≤ 0.65 on 2 cores)")
        # A busy shared machine gives a session's processes one share of the CPU together (Linux
        # autogroup), whatever their number: the wall-clock ratio then says little. From CPU times:
        e1, en = _idle_estimate(p1, cores), _idle_estimate(pn, cores)
        print(f"CPU-bound estimate on an idle {cores}-core machine: {e1:.1f} s and {en:.1f} s, ratio {en / e1:.2f}")


if __name__ == "__main__":
    main()
