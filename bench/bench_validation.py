"""Time a full validation and the incremental re-check after one cell changes (target: well under 5 ms).

Run: .venv/bin/python bench/bench_validation.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.review.state import ValueEdit
from core.validation import Validator, validate
from tests.core.validation_helpers import consistent_values, make_report


def _ms(samples: list[float]) -> str:
    s = sorted(samples)
    p95 = s[int(len(s) * 0.95)]
    return f"median {statistics.median(s) * 1e3:.3f} ms, p95 {p95 * 1e3:.3f} ms, max {s[-1] * 1e3:.3f} ms"


def main() -> None:
    rng = random.Random(1)
    for template in ("2021", "2019"):
        vals = consistent_values(template, 3, high=500)
        # a report with some broken identities, so suggestions are computed too
        vals["apply.granted.natural"] += 2
        vals["review.pending"] += 1
        rr = make_report(vals, template)
        full = []
        for _ in range(50):
            t0 = time.perf_counter()
            validate(rr)
            full.append(time.perf_counter() - t0)
        v = Validator(rr)
        fields = [f for f in vals if f.startswith(("apply.", "review.", "suit_"))]
        for fid in rng.sample(fields, 20):  # a session with 20 corrections already made
            _, change = rr.apply(ValueEdit(fid, rng.randint(0, 600)))
            v.update(change.fields)
        upd, upd_edit, upd_cpu = [], [], []
        for _ in range(500):
            fid = rng.choice(fields)
            t0 = time.perf_counter()
            inverse, change = rr.apply(ValueEdit(fid, rng.randint(0, 600)))
            t1, c1 = time.perf_counter(), time.thread_time()
            v.update(change.fields)
            t2, c2 = time.perf_counter(), time.thread_time()
            upd.append(t2 - t1)
            upd_edit.append(t2 - t0)
            upd_cpu.append(c2 - c1)
            _, change = rr.apply(inverse)  # undo: the session keeps its 20 corrections
            v.update(change.fields)
        assert [f.key for f in v.findings()] == [f.key for f in validate(rr)]
        print(f"template {template}: full validate        {_ms(full)}")
        print(f"template {template}: update([one field])  {_ms(upd)}")
        print(f"template {template}: … its CPU time        {_ms(upd_cpu)}  (wall p95 suffers when the machine is busy)")
        print(f"template {template}: edit + update        {_ms(upd_edit)}  ({len(v.findings())} findings at the end)")


if __name__ == "__main__":
    main()
