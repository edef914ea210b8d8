"""One mixed batch for the tests that compare the window with the command line (issue 11).

``mixed_batch(tmp)`` writes, under ``tmp``:
    reports/甲局2022.txt, reports/甲局2023.txt  a cross-year pair: 2023's 上年结转 (自然人) differs from
                                               2022's 结转下年度 by 2 → ``cross.carry_over`` on 2023
    reports/乙局2023（初稿）.txt, reports/乙局2023（定稿）.txt  two versions of one report → a duplicate group
    reports/损坏.pdf                            not a PDF → a failure entry
    empty/                                      no report → ``folder.no_reports``
and returns the inputs to open: [reports folder, empty folder].
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.synth import random_values, render


def _values(seed: int) -> dict[str, int | float]:
    v = random_values("2021", random.Random(seed), zero_rate=0.5)
    for col in ("issued", "repealed", "in_force"):
        v[f"active.rules.{col}"] = 0
    return v


def mixed_batch(tmp: Path) -> list[str]:
    reports = tmp / "reports"
    reports.mkdir(parents=True)
    empty = tmp / "empty"
    empty.mkdir()
    prev = _values(11)
    prev["apply.carry_forward.natural"] += 2
    prev["apply.carry_forward.total"] += 2
    prev["apply.new.natural"] += 2
    prev["apply.new.total"] += 2
    this = _values(12)
    # 2023's carried = 2022's forward − 2 in the 自然人 column: new adjusts so 表三's own identity holds
    carried = prev["apply.carry_forward.natural"] - 2
    delta = carried - this["apply.carried.natural"]
    this["apply.carried.natural"] += delta
    this["apply.carried.total"] += delta
    this["apply.new.natural"] -= delta
    this["apply.new.total"] -= delta
    for c in ("commercial", "research", "social", "legal", "other"):
        d = prev[f"apply.carry_forward.{c}"] - this[f"apply.carried.{c}"]
        this[f"apply.carried.{c}"] += d
        this["apply.carried.total"] += d
        this[f"apply.new.{c}"] -= d
        this["apply.new.total"] -= d
    assert min(this[f"apply.new.{c}"] for c in ("natural", "commercial", "research", "social", "legal", "other")) >= 0
    render(prev, "2021", "txt_tabs", agency="示例市甲局", year=2022, seed=1).write(reports / "甲局2022")
    render(this, "2021", "txt_tabs", agency="示例市甲局", year=2023, seed=2).write(reports / "甲局2023")
    draft = _values(13)
    final = dict(draft)
    final["review.upheld"] += 1
    final["review.total"] += 1
    render(draft, "2021", "txt_tabs", agency="示例市乙局", year=2023, seed=3).write(reports / "乙局2023（初稿）")
    render(final, "2021", "txt_tabs", agency="示例市乙局", year=2023, seed=3).write(reports / "乙局2023（定稿）")
    (reports / "损坏.pdf").write_bytes(b"this is not a pdf at all\n" * 10)
    return [str(reports), str(empty)]


def final_check_lines(stdout: str) -> list[dict]:
    """``check --json`` output as one object per input, in input order: a file's last line is its
    final word (an entry a later report changed is printed again at the end with ``revised``)."""
    import json

    last: dict[int, dict] = {}
    for line in stdout.splitlines():
        if line.strip():
            obj = json.loads(line)
            last[obj["batch"]["index"]] = obj
    return [last[i] for i in sorted(last)]
