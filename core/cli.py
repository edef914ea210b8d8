"""The headless command line: parse, check and export report files in batches (no Qt).

Commands (``ogi-review <command>`` or ``python -m core <command>``):
    parse [--json] FILE|FOLDER|PROJECT …   one JSON object per report file (JSON Lines, see
        ``core.cli_output`` for the extra keys) or one readable line per file.
    check FILE|FOLDER|PROJECT …            findings in Chinese grouped per report, then a summary.
    export FILE|FOLDER|PROJECT … -o OUT.xlsx   the Excel summary workbook (core.export).

Exit status: 0 every file read (check: and no open error-level finding); 1 a file could not be
read (check: or an open error-level finding; export: or the export failed); 2 usage error;
130 interrupted. Corrections saved in a review project (``.ogiproj``) are applied first.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterator
from typing import Any, NoReturn

from core.batch import Failure, expand_inputs, read_input
from core.cli_output import SECTION_IDS, Tally, check_lines, failure_lines, report_json
from core.cli_output import failure_json as _failure_json
from core.console import utf8_streams
from core.review.state import ReviewedReport

__all__ = ["SECTION_IDS", "build_parser", "failure_json", "main", "report_json"]


def _items(paths: list[str]) -> Iterator[tuple[ReviewedReport | Failure, str | None]]:
    """Every report or failure of the inputs, with the project path as given for project reports."""
    for item in expand_inputs(paths):
        project = item if isinstance(item, str) and item.lower().endswith(".ogiproj") else None
        for out in read_input(item):
            yield out, (project if isinstance(out, ReviewedReport) else None)


def failure_json(failure: Failure) -> dict[str, Any]:
    """The JSON object of the contract for a file that could not be read."""
    return _failure_json(failure.path, failure.error.code, failure.error.message)


def _internal_message(path: str, exc: Exception) -> str:
    name = os.path.basename(path) or path
    return f"处理文件“{name}”时发生内部错误（{type(exc).__name__}: {exc}）"[:300] + "，请把该文件发给维护人员。"


def _emit(line: str) -> None:
    print(line, flush=True)


# --------------------------------------------------------------------------- parse


def _cmd_parse(args: argparse.Namespace) -> int:
    status = 0
    for item, project in _items(args.paths):
        if isinstance(item, Failure):
            status = 1
            obj = failure_json(item)
        else:
            try:
                obj = report_json(item)
                if project is not None:
                    obj["project"] = project
            except Exception as exc:  # one broken report must not stop the batch
                status = 1
                obj = _failure_json(item.path, "internal", _internal_message(item.path, exc))
        if args.json:
            _emit(json.dumps(obj, ensure_ascii=False, allow_nan=False))
        else:
            _emit(_summary_line(obj))
    return status


def _summary_line(obj: dict[str, Any]) -> str:
    if not obj["ok"]:
        return f"✗ {obj['file']}：{obj['error']['message']}"
    m = obj["metadata"]
    found = sum(1 for s in obj["sections"].values() if s["found"])
    sev = {
        k: sum(1 for f in obj["findings"] if f["severity"] == k and not f["confirmed"]) for k in ("error", "warning")
    }
    return (
        f"✓ {obj['file']}：{m.get('agency') or '（机关未识别）'}，{m.get('year') or '?'} 年度，"
        f"模板 {obj['template']}，章节 {found}/6，数值 {len(obj['values'])} 项，"
        f"错误 {sev['error']} 个，警告 {sev['warning']} 个"
    )


# --------------------------------------------------------------------------- check


def _width() -> int:
    """Terminal width for wrapping when writing to a terminal; no wrapping when piped."""
    if sys.stdout.isatty():
        import shutil

        return max(60, min(160, shutil.get_terminal_size((100, 24)).columns))
    return 100000


def _cmd_check(args: argparse.Namespace) -> int:
    from core.validation import validate

    width = _width()
    tally = Tally()
    first = True
    for item, project in _items(args.paths):
        if not first:
            _emit("")
        first = False
        if isinstance(item, Failure):
            lines = failure_lines(item.path, item.error.message, tally, width)
        else:
            try:
                findings = validate(item)
                notice = str(getattr(item, "notice", "") or "")
                lines = check_lines(item, findings, tally, width, project=project, notice=notice)
            except Exception as exc:  # one broken report must not stop the batch
                lines = failure_lines(item.path, _internal_message(item.path, exc), tally, width)
        for line in lines:
            _emit(line)
    _emit("")
    _emit("—" * 20)
    _emit(tally.line())
    return 1 if tally.errors or tally.unreadable else 0


# --------------------------------------------------------------------------- export


_CLEAR = "\r" + " " * 40 + "\r"  # blanks a progress line on any terminal (no escape codes)


def _cmd_export(args: argparse.Namespace) -> int:
    from core.errors import Cancelled, ReportError

    out = args.output
    reports: list[ReviewedReport] = []
    failures: list[Failure] = []
    inputs = expand_inputs(args.paths)
    show_progress = sys.stderr.isatty()
    for i, given in enumerate(inputs, 1):
        if show_progress:
            print(f"{_CLEAR}正在读取 {i}/{len(inputs)} …", end="", file=sys.stderr, flush=True)
        for item in read_input(given):
            if isinstance(item, Failure):
                failures.append(item)
                print(
                    f"{_CLEAR if show_progress else ''}✗ 无法读取：{item.path}：{item.error.message}", file=sys.stderr
                )
            else:
                reports.append(item)
    if show_progress:
        print(f"{_CLEAR}正在写入 {out} …", file=sys.stderr, flush=True)
    if not reports and not failures:
        print("没有可导出的报告。", file=sys.stderr)
        return 1
    try:
        from core.export import export_batch

        export_batch(reports, out, failures=failures)
    except Cancelled:
        print("导出已取消。", file=sys.stderr)
        return 130
    except ReportError as exc:
        print(f"导出失败：{exc.message}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug in the exporter must not end in a traceback
        print(f"导出失败：发生内部错误（{type(exc).__name__}: {exc}），请联系维护人员。", file=sys.stderr)
        return 1
    msg = f"已导出 {len(reports)} 份报告到 {out}"
    if failures:
        msg += f"；{len(failures)} 份无法读取，已列在工作表“无法读取的文件”中"
    print(msg + "。")
    return 1 if failures else 0


# --------------------------------------------------------------------------- arguments

_ARGPARSE_ZH = (
    (r"the following arguments are required: (.*)", r"缺少参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"未知的命令 \2（可用的命令：\3）"),
    (r"argument (.*): expected one argument", r"参数 \1 后面缺少取值"),
    (r"argument (.*): ignored explicit argument (.*)", r"参数 \1 不接受取值 \2"),
    (r"ambiguous option: (.*)", r"选项不明确：\1"),
    (r"argument (\S+): (.*)", r"参数 \1：\2"),
)


def _zh(message: str) -> str:
    for pattern, repl in _ARGPARSE_ZH:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, repl, message)
    return message


class _HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese headings and error messages; usage errors exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{_zh(message)}\n")


def _xlsx_path(value: str) -> str:
    if not value.lower().endswith(".xlsx"):
        raise argparse.ArgumentTypeError(f"输出文件“{value}”必须以 .xlsx 结尾（Excel 工作簿），例如 汇总.xlsx")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the headless commands."""
    p = _Parser(prog="ogi-review", description="政府信息公开工作年度报告审核（命令行）")
    sub = p.add_subparsers(
        dest="command", required=True, title="命令", metavar="parse|check|export", parser_class=_Parser
    )
    sp = sub.add_parser("parse", help="解析报告，输出读取结果", description="解析报告，每个文件输出一项结果")
    sp.add_argument("--json", action="store_true", help="每个文件输出一行 JSON（JSON Lines）")
    sp.add_argument(
        "paths", nargs="+", metavar="文件|文件夹|项目", help="报告文件、文件夹（含子文件夹）或审核项目 .ogiproj"
    )
    sp.set_defaults(func=_cmd_parse)
    sc = sub.add_parser("check", help="检查报告，列出发现的问题", description="检查报告，按报告列出发现的问题")
    sc.add_argument(
        "paths", nargs="+", metavar="文件|文件夹|项目", help="报告文件、文件夹（含子文件夹）或审核项目 .ogiproj"
    )
    sc.set_defaults(func=_cmd_check)
    se = sub.add_parser("export", help="导出 Excel 汇总", description="把报告汇总导出为 Excel 工作簿")
    se.add_argument(
        "paths", nargs="+", metavar="文件|文件夹|项目", help="报告文件、文件夹（含子文件夹）或审核项目 .ogiproj"
    )
    se.add_argument("-o", "--output", required=True, metavar="汇总.xlsx", type=_xlsx_path, help="输出的 Excel 文件")
    se.set_defaults(func=_cmd_export)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run a command-line command; returns the exit status (0 ok, 1 some file/finding, 2 usage)."""
    utf8_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code not in (0, None) else 0
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("\n已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader (head, less) went away: stop quietly, and keep Python from complaining at exit
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
