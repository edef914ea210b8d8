"""Table recognition speed: reports a second through parse_report (load + tables …), per form, one core.

Run:  .venv/bin/python bench/bench_tables.py [N]   (N generated reports per form, default 40)
Prints, per form (best of 3 runs, CPU time): whole-pipeline reports/s, extract_tables alone reports/s, and the share of the
pipeline spent in table recognition. The goal: text/HTML stay above 200 reports a second.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import best_cpu
from core.loading import load
from core.parsing import parse_report
from core.parsing.tables import extract_tables
from tests.synth import FORMS, Noise, random_values, render


def main(n: int = 40) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench_tables_"))
    print(f"{'form':22} {'parse_report/s':>15} {'tables/s':>10} {'tables share':>13}")
    for form in FORMS:
        k = n if form not in ("docx", "pdf") else max(4, n // 5)
        paths = []
        for i in range(k):
            template = "2021" if i % 2 else "2019"
            values = random_values(template, random.Random(i))
            noise = Noise.messy() if i % 3 == 0 else Noise()
            paths.append(render(values, template, form, noise=noise, seed=i).write(tmp / f"{form}_{i}"))
        docs = [load(str(p)) for p in paths]
        whole = best_cpu(lambda paths=paths: [parse_report(str(p)) for p in paths])
        tables = best_cpu(lambda docs=docs: [extract_tables(d, []) for d in docs])
        print(f"{form:22} {k / whole:15.1f} {k / tables:10.1f} {tables / whole:12.1%}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
