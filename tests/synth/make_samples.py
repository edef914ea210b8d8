"""Write the bundled sample reports (resources/samples/): made-up agencies, generated numbers.

Run from the repository root:  .venv/bin/python -m tests.synth.make_samples
The outputs are committed; re-running gives the same bytes (fixed seeds, fixed dates in .docx/PDF).
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

from tests.synth import Noise, random_values, render

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "resources" / "samples"

# (file stem, agency, year, template, form, seed, noise, encoding)
SAMPLES = (
    ("示例市生态环境局2022年政府信息公开工作年度报告", "示例市生态环境局", 2022, "2021", "html", 101, Noise(0.4, False, 0.0, True), "gbk"),
    ("示例县审计局2020年政府信息公开工作年度报告", "示例县审计局", 2020, "2019", "txt_tabs", 102, Noise(0.0), "utf-8"),
    ("示例区教育局2023年政府信息公开工作年度报告", "示例区教育局", 2023, "2021", "docx", 103, Noise(0.3), "utf-8"),
    ("示例市交通运输局2022年政府信息公开工作年度报告", "示例市交通运输局", 2022, "2021", "pdf", 104, Noise(0.0), "utf-8"),
    ("示例县民政局2019年政府信息公开工作年度报告", "示例县民政局", 2019, "2019", "md", 105, Noise(0.2, True), "utf-8"),
    ("示例市市场监督管理局2023年政府信息公开工作年度报告（含错误）", "示例市市场监督管理局", 2023, "2021", "txt_tabs", 106, Noise(0.0), "utf-8"),
)  # fmt: skip

# the deliberate faults of the last sample: 勾稽 broken in the 社会公益组织 column, a row total off by one
FAULTS = {"apply.carried.social": +1, "apply.carried.total": +1, "apply.granted.total": -1}


def make_values(template: str, seed: int, faulty: bool) -> dict[str, int | float]:
    """The sample's numbers: a consistent random set, with the faults applied when asked."""
    values = random_values(template, random.Random(seed), zero_rate=0.7)
    values["apply.new.natural"] += 3  # every sample receives some applications
    values["apply.new.total"] += 3
    values["apply.granted.natural"] += 3
    values["apply.granted.total"] += 3
    values["apply.total_handled.natural"] += 3
    values["apply.total_handled.total"] += 3
    for col in ("issued", "repealed", "in_force", "made", "published", "total"):
        if f"active.rules.{col}" in values:
            values[f"active.rules.{col}"] = 0  # county and city departments make no 规章
    if faulty:
        for fid, delta in FAULTS.items():
            values[fid] += delta
    return values


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(out: Path = OUT) -> list[Path]:
    """Write every sample into ``out``; returns the paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, agency, year, template, form, seed, noise, encoding in SAMPLES:
        values = make_values(template, seed, "错误" in stem)
        r = render(values, template, form, agency=agency, year=year, noise=noise, seed=seed, encoding=encoding)
        data = r.content if isinstance(r.content, bytes) else r.content.encode("utf-8")
        path = out / (stem + r.suffix)
        _write_atomic(path, data)
        written.append(path)
    return written


if __name__ == "__main__":
    for p in main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p, p.stat().st_size)
