"""The long fuzz run (before closing an issue): many mutants of our samples, parsed under the limits.

Run: .venv/bin/python bench/fuzz_long.py [COUNT] [SEED]   (default 2000 mutants, seed 15)
Prints how many mutants were read, refused with which code, and every problem (traceback, internal
error, a file stopped by the time or memory limit, a missing JSON line) with the mutant kept for
inspection. Exit status 1 when there was a problem.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fuzz.mutants import mutants, seeds
from tests.fuzz.test_fuzz import problems, run_parse


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    keep = Path(tempfile.mkdtemp(prefix="ogi-fuzz-"))
    files = list(mutants(seeds(keep / "seeds"), keep / "mutants", count, seed))
    t0 = time.perf_counter()
    found: list[str] = []
    codes: Counter[str] = Counter()
    for i in range(0, len(files), 250):  # a few hundred files per run: one bad run loses little
        part = files[i : i + 250]
        status, objs, stderr = run_parse(part, timeout=60, memory="1536M")
        found += problems(part, status, objs, stderr)
        codes.update("ok" if o["ok"] else o["error"]["code"] for o in objs)
    wall = time.perf_counter() - t0
    print(f"mutants: {len(files)} (seed {seed}) in {wall:.0f} s, load {os.getloadavg()[0]:.1f}; kept in {keep}")
    for code, n in codes.most_common():
        print(f"  {code}: {n}")
    print(f"problems: {len(found)}")
    for p in found:
        print("  " + p)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
