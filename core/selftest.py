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
    problems.extend(_ocr_self_test(out))
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


def _ocr_self_test(out) -> list[str]:
    """Read the bundled scanned page (resources/selftest) by OCR and compare 表四 with its numbers.

    Proves that the OCR engine and its models load in this build (a frozen build misses them first).
    """
    import json

    from core.errors import ReportError
    from core.parsing import parse_report
    from core.resources import resource_dir

    d = resource_dir() / "selftest"
    images = sorted(d.glob("*.jpg")) if d.is_dir() else []
    if not images:
        return ["没有找到内置扫描示例（resources/selftest）"]
    image = images[0]
    t0 = time.perf_counter()
    try:
        expected = json.loads(image.with_suffix(".json").read_text(encoding="utf-8"))
        report = parse_report(str(image))
    except (OSError, ValueError, ReportError) as exc:
        return [f"扫描示例 {image.name} 无法识别：{getattr(exc, 'message', exc)}"]
    wrong = [f for f, v in expected.items() if f not in report.values or report.values[f].value != v]
    print(
        f"  {image.name}（文字识别）：表四 {len(expected) - len(wrong)}/{len(expected)} 项正确，"
        f"用时 {time.perf_counter() - t0:.2f} 秒",
        file=out,
    )
    if len(wrong) > 1:  # one misread cell is what the review flags; more means OCR is broken
        return [f"扫描示例 {image.name} 的表四有 {len(wrong)} 项未能正确识别：{', '.join(wrong)}"]
    return []
