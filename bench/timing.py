"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_cpu(run: Callable[[], object], repeat: int = 3) -> float:
    """The least CPU time of a few runs, in seconds (the machine is shared: wall time is noisy)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        run()
        best = min(best, time.process_time() - t0)
    return max(best, 1e-9)
