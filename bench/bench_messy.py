"""Messy forms (issue #13): values read / wrong per form, error findings on consistent reports, parse speed.

Run:  .venv/bin/python bench/bench_messy.py [N]   (N generated reports per form, default 40)

Per form: the share of table values read right, values read wrong (must stay 0), values left out
(flagged), reports with an error finding although every identity holds (must stay 0), and
parse_report reports/s (best of 3, CPU time, one core). Reports alternate 2021/2019.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import best_cpu
from core.parsing import parse_report
from core.review.state import ReviewedReport
from core.validation import validate
from tests.synth import Noise, random_values
from tests.synth.messy import MESSY_FORMS, render_messy


def measure(form: str, n: int, tmp: Path, verbose: bool = False) -> dict:
    paths, truths = [], []
    for i in range(n):
        template = "2021" if i % 2 else "2019"
        values = random_values(template, random.Random(i))
        # every third report prints some zeros as empty marks (/ - — —— 无, or blank where the form keeps it)
        noise = Noise(empty_rate=0.3) if i % 3 == 0 else Noise()
        r = render_messy(values, template, form, noise=noise, seed=i)
        paths.append(r.write(tmp / f"{form}_{i}"))
        truths.append(values)
    total = right = wrong = errs = 0
    wrong_ids: list[str] = []
    for p, truth in zip(paths, truths, strict=True):
        rep = parse_report(str(p))
        for fid, want in truth.items():
            total += 1
            v = rep.values.get(fid)
            if v is None or v.value is None:
                continue
            if v.value == want:
                right += 1
            else:
                wrong += 1
                wrong_ids.append(f"{p.name}:{fid}={v.value}≠{want}")
        found = validate(ReviewedReport(rep))
        e = [f for f in found if f.severity == "error"]
        if e:
            errs += 1
            if verbose:
                print(p.name, [(f.rule, f.message[:60]) for f in e])
    speed = n / best_cpu(lambda: [parse_report(str(p)) for p in paths])
    if verbose and wrong_ids:
        print("\n".join(wrong_ids[:20]))
    return {"form": form, "total": total, "right": right, "wrong": wrong, "errors": errs, "speed": speed}


def _mod9(rng: random.Random) -> str:
    """31 random digits and a 9-digit total that passes the digit-sum test (the search must run)."""
    rest = "".join(rng.choice("123456789") for _ in range(31))
    want = sum(map(int, rest)) % 9
    total = 100_000_000 + rng.randrange(0, 800_000_000)
    total += (want - total % 9) % 9
    return rest + str(total)


def pathological() -> None:
    """The digit-run solver on 40-digit runs (target: each within 50 ms, the search capped and flagged)."""
    from core.parsing.tables.runs import APPEAL_IDS, APPLY_IDS, Atom, solve_row

    rng = random.Random(0)
    cases = [
        ("40×'1', 表三 row", "1" * 40, 7, APPLY_IDS),
        ("40×'1', 表四 run", "1" * 40, 15, APPEAL_IDS),
        ("40 random, 表三 row", "".join(rng.choice("123456789") for _ in range(40)), 7, APPLY_IDS),
        ("31×'1' + 9-digit total ≡ mod 9", "1" * 31 + "999999994", 7, APPLY_IDS),
        ("31 random + total ≡ mod 9", _mod9(rng), 7, APPLY_IDS),
        ("40 random, 表四 run", "".join(rng.choice("123456789") for _ in range(40)), 15, APPEAL_IDS),
        ("40 random, 3 free cells", "".join(rng.choice("123456789") for _ in range(40)), 3, ()),
        ("40×'1', 15 free cells", "1" * 40, 15, ()),
    ]
    for name, digits, due, ids in cases:
        worst = 0.0
        for _ in range(3):
            t0 = time.process_time()
            readings, cut = solve_row([Atom("d", digits, 0)], due, ids)
            worst = max(worst, time.process_time() - t0)
        print(f"  {name:26} {worst * 1000:7.1f} ms  readings={len(readings)} cut={cut}")


def main(n: int = 40, forms: tuple[str, ...] = MESSY_FORMS, verbose: bool = False) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench_messy_"))
    print(f"{'form':12} {'read':>8} {'wrong':>6} {'left out':>9} {'err rpts':>9} {'reports/s':>10}")
    for form in forms:
        m = measure(form, n, tmp, verbose)
        left = m["total"] - m["right"] - m["wrong"]
        print(f"{form:12} {m['right'] / m['total']:8.1%} {m['wrong']:6d} {left:9d} {m['errors']:9d} {m['speed']:10.1f}")
    print("pathological digit runs (worst of 3, CPU time):")
    pathological()


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    num = int(args[0]) if args and args[0].isdigit() else 40
    chosen = tuple(a for a in args if a in MESSY_FORMS) or MESSY_FORMS
    main(num, chosen, "-v" in sys.argv)
