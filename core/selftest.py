"""``ogi-review --self-test``: parse the bundled samples, export a workbook, check it, exit 0.

Run on the frozen build by the packaging scripts, so a missing data file or library shows
up before an installer is shipped.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def run_core_self_test(out=None) -> list[str]:
    """Parse every bundled sample, validate, export a summary and read it back.

    Returns:
        The problems found (empty when everything worked).
    """
    from core.batch import Failure, iter_reviewed
    from core.export import export_batch
    from core.resources import sample_files
    from core.validation import validate

    out = out or sys.stdout
    problems: list[str] = []
    samples = sample_files()
    if not samples:
        return ["没有找到内置示例报告（resources/samples）"]
    reports = []
    t0 = time.perf_counter()
    for item in iter_reviewed([str(p) for p in samples]):
        if isinstance(item, Failure):
            problems.append(f"示例 {Path(item.path).name} 无法读取：{item.error.message}")
            continue
        findings = validate(item)
        reports.append(item)
        print(
            f"  {Path(item.path).name}: 模板 {item.template}，数值 {len(item.values())} 项，发现 {len(findings)} 项",
            file=out,
        )
        if not item.values():
            problems.append(f"示例 {Path(item.path).name} 没有读出任何统计数值")
    print(f"  解析 {len(samples)} 份示例用时 {time.perf_counter() - t0:.2f} 秒", file=out)
    with tempfile.TemporaryDirectory(prefix="ogi-selftest-") as tmp:
        target = Path(tmp) / "自检汇总.xlsx"
        export_batch(reports, str(target))
        from openpyxl import load_workbook

        wb = load_workbook(target)
        if len(wb.sheetnames) < 2:
            problems.append(f"导出的工作簿只有 {len(wb.sheetnames)} 个工作表")
        texts = {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None}
        agencies = {str(r.metadata_value("agency")) for r in reports if r.metadata_value("agency")}
        missing = [a for a in agencies if not any(a in t for t in texts)]
        if missing:
            problems.append(f"导出的工作簿中缺少机关：{', '.join(missing)}")
        print(f"  导出 {target.name}：{', '.join(wb.sheetnames)}", file=out)
    return problems
