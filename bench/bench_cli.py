"""Benchmark the command line's start-up: ``ogi-review parse --json`` on one small .txt, wall clock.

Run from the repository root:  .venv/bin/python bench/bench_cli.py [--runs 10] [--bad] [--imports]
                               [--command /usr/bin/ogi-review] [--file REPORT]
Target (issue #17): ≤ 0.15 s including interpreter start-up, with compiled bytecode (what an install
has: the .deb's and the Windows build's frozen archive and pip compile every module; the patterns'
engine code is kept after the first run, core/lazy_re.py). Also shown: the same without a bytecode
cache (PYTHONDONTWRITEBYTECODE=1 and an empty cache folder, the state of a fresh source checkout),
``--version`` and ``python -c pass`` for reference; ``--imports`` the slowest imports (``python -X
importtime``); ``--bad`` the time of each bad input of tests/core/test_end_to_end.py through the CLI.
``--command`` times another program instead of this checkout's (the installed .deb:
packaging/linux/ci-package.sh); ``--file`` parses that report instead of the small built-in one.
Machines are shared: the load is printed with the figures, and min and median are both shown.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SMALL_REPORT = (
    "某某县测试局2023年政府信息公开工作年度报告\n"
    "一、总体情况\n本年度共收到政府信息公开申请5件，均已按时答复。\n"
    "二、主动公开政府信息情况\n（表格略）\n"
    "五、存在的主要问题及改进情况\n公开内容有待细化。\n"
    "六、其他需要报告的事项\n本年度未收取信息处理费。\n"
)


TARGET_S = 0.15


def entry_command() -> list[str]:
    """The installed ``ogi-review`` script when present, else the same entry point via ``-m``."""
    script = Path(sys.executable).with_name("ogi-review")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gui.launcher"]


def timed_runs(cmd: list[str], env: dict[str, str], runs: int) -> list[float]:
    subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, check=False)  # warm the OS cache and the pyc cache
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, check=False)
        out.append(time.perf_counter() - t0)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{cmd} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[-500:]}")
    return out


def row(label: str, times: list[float]) -> None:
    print(f"{label:<44}{statistics.median(times):>9.3f}{min(times):>9.3f}{max(times):>9.3f}")


def import_breakdown(parse_args: list[str], env: dict[str, str], top: int = 15) -> None:
    """The modules with the largest own import time (``python -X importtime``), one run."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "gui.launcher", *parse_args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        parts = [x.strip() for x in line[len("import time:") :].split("|")]
        if len(parts) == 3 and parts[0].isdigit():
            rows.append((int(parts[0]), int(parts[1]), parts[2]))
    total = sum(s for s, _, _ in rows)
    print(f"\nimports (one run, -X importtime): {len(rows)} modules, {total / 1000:.0f} ms in total")
    print(f"{'module':<48}{'self ms':>9}{'cum ms':>9}")
    for self_us, cum, name in sorted(rows, reverse=True)[:top]:
        print(f"{name:<48}{self_us / 1000:>9.1f}{cum / 1000:>9.1f}")


def _adversarial(folder: Path) -> dict[str, Path]:
    """Inputs beyond the tests' list that once took minutes (see the final report of the CLI work)."""
    out = {}
    out["long_number_line_100k"] = folder / "long_numbers.txt"
    out["long_number_line_100k"].write_text("一、总体情况\n" + "1 " * 50_000, encoding="utf-8")
    out["20k_heading_lines"] = folder / "headings.txt"
    out["20k_heading_lines"].write_text(("三、收到和处理政府信息公开申请情况\n" + "\t".join(["5"] * 8) + "\n") * 20_000)
    return out


def bad_inputs(cmd: list[str], env: dict[str, str], limit: float = 60) -> None:
    from tests.core.test_end_to_end import make_bad_inputs

    with tempfile.TemporaryDirectory(prefix="ogi-bench-bad-") as tmp:
        files = make_bad_inputs(Path(tmp)) | _adversarial(Path(tmp))
        print(f"\n{'bad input (one run each)':<28}{'s':>7}  result")
        for key, path in files.items():
            t0 = time.perf_counter()
            try:
                proc = subprocess.run(
                    [*cmd, "parse", "--json", str(path)],
                    env=env,
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    encoding="utf-8",
                    check=False,
                    timeout=limit,
                )
            except subprocess.TimeoutExpired:
                print(f"{key:<28}{time.perf_counter() - t0:>7.2f}  STILL RUNNING after {limit:.0f} s (stopped)")
                continue
            dt = time.perf_counter() - t0
            first = proc.stdout.splitlines()[0] if proc.stdout else proc.stderr[-200:]
            try:
                obj = json.loads(first)
                res = "ok" if obj["ok"] else obj["error"]["code"]
            except ValueError:
                res = "NOT JSON: " + first[:80]
            print(f"{key:<28}{dt:>7.2f}  {res}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--bad", action="store_true", help="also time every bad input")
    ap.add_argument("--imports", action="store_true", help="also list the slowest imports")
    ap.add_argument("--command", help="the program to time (default: this checkout's ogi-review)")
    ap.add_argument("--file", help="the report to parse (default: a small built-in one)")
    args = ap.parse_args()
    cmd = [args.command] if args.command else entry_command()
    with tempfile.TemporaryDirectory(prefix="ogi-bench-cli-") as tmp:
        small = Path(args.file).resolve() if args.file else Path(tmp) / "small.txt"
        if not args.file:
            small.write_text(SMALL_REPORT, encoding="utf-8")
        compiled = dict(os.environ)
        compiled.pop("PYTHONDONTWRITEBYTECODE", None)
        compiled["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pyc")  # never writes into the source tree
        source_only = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", XDG_CACHE_HOME=str(Path(tmp) / "empty"))
        source_only.pop("PYTHONPYCACHEPREFIX", None)  # no kept patterns either (core/lazy_re.py)
        print(
            f"entry point: {' '.join(cmd)}   runs: {args.runs}   "
            f"cores: {os.cpu_count()}   load: {os.getloadavg()[0]:.2f}"
        )
        print(f"{'command (wall clock, s)':<44}{'median':>9}{'min':>9}{'max':>9}")
        row("python -c pass", timed_runs([sys.executable, "-c", "pass"], compiled, args.runs))
        row("ogi-review --version", timed_runs([*cmd, "--version"], compiled, args.runs))
        parse = [*cmd, "parse", "--json", str(small)]
        times = timed_runs(parse, compiled, args.runs)
        row(f"ogi-review parse --json {small.name[:20]}", times)
        if not args.command:  # a frozen program has no bytecode cache to go without
            row("  … without bytecode cache", timed_runs(parse, source_only, max(3, args.runs // 2)))
        verdict = "OK" if statistics.median(times) <= TARGET_S else "OVER TARGET"
        print(
            f"\nstart-up target ≤ {TARGET_S} s (compiled): median {statistics.median(times):.3f} s, "
            f"min {min(times):.3f} s → {verdict} (load {os.getloadavg()[0]:.2f})"
        )
        if args.imports and not args.command:
            import_breakdown(parse[len(cmd) :], compiled)
        if args.bad:
            bad_inputs(cmd, compiled)


if __name__ == "__main__":
    main()
