"""Review projects: time to create, open (unchanged, touched, read-only) and edit a 500-report project.

Run: .venv/bin/python bench/bench_project.py [N]   (prints seconds; synthetic reports, made-up data)
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core import templates
from core.model import (
    Finding,
    Grid,
    GridCell,
    Located,
    Metadata,
    Report,
    Section,
    SourceDocument,
    Span,
    Value,
)
from core.review.project import Project
from core.review.state import ReviewedReport, ValueEdit

FIELDS = sorted(templates.all_fields())


def synthetic(path: Path, i: int) -> Report:
    """A report about the size of a real one: ~12k characters, every field, a 60-row grid."""
    body = "".join(f"第{k}段：本机关认真贯彻落实政府信息公开条例，主动公开政府信息{k + i}条。\n" for k in range(300))
    text = f"示例县第{i}局2023年政府信息公开工作年度报告\n一、总体情况\n{body}"
    path.write_text(text, encoding="utf-8")
    raw = path.read_bytes()
    values = {
        fid: Value(fid, (n * 7 + i) % 50, str((n * 7 + i) % 50), "table", Span(n, n + 2), None, 0, n // 5, n % 5)
        for n, fid in enumerate(FIELDS)
    }
    cells = [GridCell(str(r * c), r, c, span=Span(r, r + 1)) for r in range(60) for c in range(6)]
    doc = SourceDocument(str(path), "txt", text, text, list(range(len(text))), grids=[Grid(cells, 60, 6, Span(0, 100))])
    secs = [
        Section(f"s{k}", f"{k}、标题", Span(k * 100, k * 100 + 6), Span(k * 100, k * 100 + 100)) for k in range(1, 7)
    ]
    findings = [Finding("apply.balance", "error", "不平衡", FIELDS[k : k + 3], None, {"left": k}) for k in range(10)]
    meta = Metadata(agency=Located(f"示例县第{i}局", Span(0, 6), "title"), year=Located(2023, Span(6, 10), "title"))
    return Report(
        str(path), doc, "report", "2021", {}, meta, secs, values, [], findings, [], hashlib.sha256(raw).hexdigest()
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        reports = [ReviewedReport(synthetic(folder / f"r{i:04d}.txt", i)) for i in range(n)]
        path = folder / "bench.ogiproj"
        t0 = time.perf_counter()
        with Project.create(path) as project:
            rrs = project.add_reports(reports)
            t1 = time.perf_counter()
            for k, rr in enumerate(rrs[:200]):
                rr.apply(ValueEdit(FIELDS[k % len(FIELDS)], 999, note="基准"))
            t2 = time.perf_counter()
        size = path.stat().st_size
        print(f"reports: {n}, project file: {size / 1e6:.1f} MB ({size / n / 1e3:.1f} kB per report)")
        print(f"create + add {n} reports (one transaction): {t1 - t0:.2f} s")
        print(f"200 edits, each its own fully synced commit: {t2 - t1:.2f} s ({(t2 - t1) / 200 * 1e3:.1f} ms per edit)")
        for label, kwargs in (("open (sources unchanged)", {}), ("open read-only", {"read_only": True})):
            t, c = time.perf_counter(), time.process_time()
            with Project.open(path, **kwargs) as p:
                assert len(p.reviewed_reports()) == n
            print(f"{label}: {time.perf_counter() - t:.2f} s wall, {time.process_time() - c:.2f} s CPU")
        for i in range(n):
            os.utime(folder / f"r{i:04d}.txt", (1_000_000, 1_000_000))
        t, c = time.perf_counter(), time.process_time()
        with Project.open(path) as p:
            assert not p.notices()
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        print(f"open (every source touched: re-hashed, same content): {wall:.2f} s wall, {cpu:.2f} s CPU")
        load = os.getloadavg()[0]
        print(f"load average while measuring: {load:.1f} (a shared machine: CPU time is the steadier figure)")


if __name__ == "__main__":
    main()
