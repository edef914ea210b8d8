"""The headless command line: parse, check and export report files in batches (no Qt)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from core.batch import Failure, iter_reviewed
from core.review.state import ReviewedReport

SECTION_IDS = ("s1", "s2", "s3", "s4", "s5", "s6")


def report_json(rr: ReviewedReport, given_path: str | None = None) -> dict[str, Any]:
    """The JSON object of the command-line contract for one reviewed report."""
    from core.validation import validate

    rep = rr.report
    secs = {s.id: s for s in rr.sections()}
    meta = rep.metadata.to_json()
    for key in ("agency", "year", "published", "index_no"):
        if key in rr.state.metadata:
            meta[key] = rr.state.metadata[key]
    return {
        "file": given_path or rep.path,
        "ok": True,
        "error": None,
        "template": rr.template,
        "kind": rep.kind,
        "metadata": meta,
        "sections": {
            sid: {"found": sid in secs, "title": secs[sid].title if sid in secs else None} for sid in SECTION_IDS
        },
        "values": {fid: v.value for fid, v in sorted(rr.values().items())},
        "findings": [f.to_json() | {"confirmed": rr.is_confirmed(f)} for f in validate(rr)],
    }


def failure_json(failure: Failure) -> dict[str, Any]:
    return {"file": failure.path, "ok": False, "error": failure.error.to_json()}


def _cmd_parse(args: argparse.Namespace) -> int:
    status = 0
    for item in iter_reviewed(args.paths):
        if isinstance(item, Failure):
            status = 1
            obj = failure_json(item)
        else:
            try:
                obj = report_json(item)
            except Exception as exc:  # noqa: BLE001 - one broken report must not stop the batch
                status = 1
                obj = {"file": item.path, "ok": False, "error": {"code": "internal", "message": f"处理文件时发生内部错误：{exc}"}}
        if args.json:
            print(json.dumps(obj, ensure_ascii=False), flush=True)
        else:
            _print_summary(obj)
    return status


def _print_summary(obj: dict[str, Any]) -> None:
    if not obj["ok"]:
        print(f"✗ {obj['file']}: {obj['error']['message']}")
        return
    m = obj["metadata"]
    found = sum(1 for s in obj["sections"].values() if s["found"])
    print(
        f"✓ {obj['file']}: {m.get('agency') or '（机关未识别）'} {m.get('year') or '?'} 年，"
        f"模板 {obj['template']}，章节 {found}/6，数值 {len(obj['values'])} 项，发现 {len(obj['findings'])} 项"
    )


def _cmd_check(args: argparse.Namespace) -> int:
    from core.validation import validate

    status = 0
    any_error = False
    for item in iter_reviewed(args.paths):
        if isinstance(item, Failure):
            status = 1
            print(f"✗ {item.path}\n    无法读取：{item.error.message}")
            continue
        findings = validate(item)
        name = item.metadata_value("agency") or item.path
        print(f"● {item.path}（{name}，{item.metadata_value('year') or '?'} 年，模板 {item.template}）")
        if not findings:
            print("    未发现问题。")
        labels = {"error": "错误", "warning": "警告", "info": "提示"}
        for f in findings:
            mark = "（已确认如原文）" if item.is_confirmed(f) else ""
            print(f"    [{labels[f.severity]}] {f.message}{mark}")
            if f.severity == "error" and not item.is_confirmed(f):
                any_error = True
    return max(status, 1 if any_error else 0)


def _cmd_export(args: argparse.Namespace) -> int:
    from core.errors import ReportError
    from core.export import export_batch

    reports: list[ReviewedReport] = []
    failures: list[Failure] = []
    for item in iter_reviewed(args.paths):
        (failures if isinstance(item, Failure) else reports).append(item)  # type: ignore[arg-type]
    for f in failures:
        print(f"✗ {f.path}: {f.error.message}", file=sys.stderr)
    try:
        export_batch(reports, args.output, failures=failures)
    except ReportError as exc:
        print(f"导出失败：{exc.message}", file=sys.stderr)
        return 1
    print(f"已导出 {len(reports)} 份报告到 {args.output}")
    return 1 if failures else 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ogi-review", description="政府信息公开工作年度报告审核（命令行）")
    sub = p.add_subparsers(dest="command", required=True)
    sp = sub.add_parser("parse", help="解析报告，输出结果")
    sp.add_argument("--json", action="store_true", help="每个文件输出一行 JSON")
    sp.add_argument("paths", nargs="+", metavar="FILE|FOLDER")
    sp.set_defaults(func=_cmd_parse)
    sc = sub.add_parser("check", help="检查报告，输出发现的问题")
    sc.add_argument("paths", nargs="+", metavar="FILE|FOLDER|PROJECT")
    sc.set_defaults(func=_cmd_check)
    se = sub.add_parser("export", help="导出 Excel 汇总")
    se.add_argument("paths", nargs="+", metavar="FILE|FOLDER|PROJECT")
    se.add_argument("-o", "--output", required=True, metavar="OUT.xlsx")
    se.set_defaults(func=_cmd_export)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run a command-line command; returns the exit status (0 ok, 1 some file/finding, 2 usage)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code not in (0, None) else 0
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
