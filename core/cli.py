"""The headless command line: parse, check and export report files in batches (no Qt).

Commands (``ogi-review <command>`` or ``python -m core <command>``):
    parse [--json] FILE|FOLDER|PROJECT …   one JSON object per report file (JSON Lines, see
        ``core.cli_output`` for the extra keys) or one readable line per file; streamed in input
        order as files are parsed. A report's own findings only (one file at a time).
    check [--json] FILE|FOLDER|PROJECT …   the whole batch (core.batch.Batch): findings in Chinese
        grouped per report — including cross-year findings when the same agency's previous year is
        in the batch — what is not counted and why, duplicates, and the 未报送 list with a directory.
        Streamed in input order as reports are read, each with what the batch read so far says about
        it; an entry that a later report changes (its previous year read after it, a second version
        of it) is printed again after all the others — as a block under “以下 N 份报告的核对结果有变
        化”, or with ``--json`` as a second line for the same file whose ``batch.revised`` is true
        (the last line of a file is the final one). The summary and the exit status are the final ones.
    export FILE|FOLDER|PROJECT … -o OUT.xlsx   the Excel summary workbook (core.export).
    directory FILE|FOLDER|PROJECT … -o 名录.xlsx|.csv   a starting agency directory from a batch.

Every command reads through the one loading pipeline (core.batch.pipeline): ``--jobs N`` worker
processes (default: the machine's cores), each file under ``--timeout`` seconds and
``--memory-limit`` bytes (default 60 s and 1.5 GB); a file over a limit becomes a failure entry.

Exit status: 0 every file read (check: and no open error-level finding; export: the workbook was
written, even when some inputs were unreadable — they are listed in its 无法读取 sheet); 1 a file
could not be read (check: or an open error-level finding; export: no workbook was written);
2 usage error; 130 interrupted. Corrections saved in a review project (``.ogiproj``) are applied first.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NoReturn

from core.batch.inputs import Failure
from core.batch.pipeline import Loaded, load_items, open_pool
from core.batch.worker import DEFAULT_MEMORY, DEFAULT_TIMEOUT, Limits, WorkerPool, describe_memory, parse_memory
from core.cli_output import (
    SECTION_IDS,
    Tally,
    batch_lines,
    check_lines,
    duplicate_of,
    entry_json,
    failure_lines,
    report_json,
)
from core.cli_output import failure_json as _failure_json
from core.console import has_surrogates, printable, utf8_streams
from core.errors import os_advice, os_reason
from core.review.state import ReviewedReport

if TYPE_CHECKING:
    from core.batch import Batch, BatchEntry, Directory
    from core.batch.slim import Slimmer

__all__ = ["SECTION_IDS", "build_parser", "failure_json", "main", "report_json"]


def failure_json(failure: Failure) -> dict[str, Any]:
    """The JSON object of the contract for a file that could not be read."""
    return _failure_json(failure.path, failure.error.code, failure.error.message)


def _internal_message(path: str, exc: Exception) -> str:
    name = os.path.basename(path) or path
    return f"处理文件“{name}”时发生内部错误（{type(exc).__name__}: {exc}）"[:300] + "，请把该文件发给维护人员。"


def _dumps(obj: Any) -> str:
    """One JSON line; a file name that is not valid UTF-8 (bytes kept as surrogates) is shown readably."""
    text = json.dumps(obj, ensure_ascii=False, allow_nan=False)
    if has_surrogates(text):
        text = json.dumps(_readable_obj(obj), ensure_ascii=False, allow_nan=False)
    return text


def _readable_obj(obj: Any) -> Any:
    if isinstance(obj, str):
        return printable(obj)
    if isinstance(obj, dict):
        return {_readable_obj(k): _readable_obj(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_readable_obj(v) for v in obj]
    return obj


def _emit(line: str) -> None:
    print(line, flush=True)


_SLIM_CHUNK = 32  # reports added to the batch at a time (each addition recomputes its groups)
_CLEAR = "\r" + " " * 40 + "\r"  # blanks a progress line on any terminal (no escape codes)


class _Run:
    """One command's pool and progress line (closed at the end of the command)."""

    def __init__(self, args: argparse.Namespace, show_progress: bool = False) -> None:
        self.limits = Limits(timeout=args.timeout or None, memory=args.memory_limit or None)
        self.pool: WorkerPool | None = open_pool(args.jobs, self.limits)
        self.show = show_progress and sys.stderr.isatty()

    def progress(self, done: int, total: int) -> None:
        if self.show:
            print(f"{_CLEAR}正在读取 {done}/{total} …", end="", file=sys.stderr, flush=True)

    def clear(self) -> None:
        if self.show:
            print(_CLEAR, end="", file=sys.stderr, flush=True)

    def items(self, paths: list[str]) -> Iterator[Loaded]:
        return load_items(paths, self.pool, progress=self.progress)

    def batch(self, paths: list[str], directory: Directory | None, count_incomplete: bool) -> Batch:
        """The whole batch, each report slimmed to what the workbook and the directory read as soon
        as its own findings are known, and the batch's findings shared (core.batch.slim): memory
        stays a fraction of the reports' (3000 realistic reports: bench/bench_export.py --cli)."""
        from core.batch import Batch
        from core.batch.slim import Slimmer

        slim = Slimmer()
        batch = Batch(directory=directory, count_incomplete=count_incomplete)
        chunk: list[tuple[ReviewedReport | Failure, str | None]] = []
        for x in self.items(paths):
            chunk.append((x.item, x.project))
            if len(chunk) == _SLIM_CHUNK:
                self._add(batch, chunk, slim)
                chunk = []
        self._add(batch, chunk, slim)
        self.clear()
        return batch

    @staticmethod
    def _add(batch: Batch, chunk: list[tuple[ReviewedReport | Failure, str | None]], slim: Slimmer) -> None:
        for e in batch.extend_pairs(chunk):
            slim.entry(e)
        slim.findings(batch.entries)  # the new entries' and the cross-year findings they changed

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()


def _directory(args: argparse.Namespace) -> Directory | None:
    """The --directory file, or None; raises DirectoryError (its message is printed)."""
    path = getattr(args, "directory", None)
    if not path:
        return None
    from core.batch import Directory

    directory = Directory.load(path)
    for problem in directory.problems:  # bad rows are skipped, the rest is used
        print(f"⚠ {problem}", file=sys.stderr)
    return directory


# --------------------------------------------------------------------------- parse


def _cmd_parse(args: argparse.Namespace) -> int:
    status = 0
    run = _Run(args)
    try:
        for loaded in run.items(args.paths):
            item = loaded.item
            if isinstance(item, Failure):
                status = 1
                obj = failure_json(item)
            else:
                try:
                    obj = report_json(item)
                    if loaded.project is not None:
                        obj["project"] = loaded.project
                except Exception as exc:  # one broken report must not stop the batch
                    status = 1
                    obj = _failure_json(item.path, "internal", _internal_message(item.path, exc))
            if args.json:
                _emit(_dumps(obj))
            else:
                _emit(_summary_line(obj))
    finally:
        run.close()
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
    """Each report's block (or JSON line) is printed as soon as it is read, in input order; what a
    later report changes about one already printed (its previous year read after it, a second
    version of it) is printed again at the end, marked as the final word."""
    from core.batch import Batch

    directory = _directory(args)
    batch = Batch(directory=directory, count_incomplete=args.count_incomplete)
    out = _CheckStream(batch, args.json, _width())
    run = _Run(args, show_progress=True)
    try:
        for loaded in run.items(args.paths):
            entry = batch.add(loaded.item, project=loaded.project)
            run.clear()
            out.show(entry)
    finally:
        run.clear()
        run.close()
    return out.finish()


class _CheckStream:
    """``check``'s output while the batch grows: one block per entry, then the revised ones."""

    def __init__(self, batch: Batch, as_json: bool, width: int) -> None:
        self.batch = batch
        self.json = as_json
        self.width = width
        self.shown: dict[int, tuple[Any, ...]] = {}  # id(entry) → what was printed about it
        self.tallies: dict[int, Tally] = {}  # id(entry) → its counts in the summary line

    def show(self, e: BatchEntry, revised: bool = False) -> None:
        self.shown[id(e)] = _signature(self.batch, e)
        if self.json:
            obj = _entry_json_safe(self.batch, e)
            obj.setdefault("batch", {})["revised"] = revised
            _emit(_dumps(obj))
            return
        if self.tallies:
            _emit("")
        tally = Tally()
        try:
            lines = _entry_lines(self.batch, e, tally, self.width)
        except Exception as exc:  # one broken report must not stop the batch
            tally = Tally()
            lines = failure_lines(e.path, _internal_message(e.path, exc), tally, self.width)
        self.tallies[id(e)] = tally
        for line in lines:
            _emit(line)

    def finish(self) -> int:
        """Print the entries that changed after they were shown, then the batch summary; the exit status."""
        changed = [e for e in self.batch.entries if self.shown.get(id(e)) != _signature(self.batch, e)]
        if self.json:
            for e in changed:
                self.show(e, revised=True)
            counts = self.batch.counts()
            return 1 if counts.unreadable or counts.with_errors else 0
        if changed:
            _emit("")
            _emit("—" * 20)
            _emit(f"读完整批后，以下 {len(changed)} 份报告的核对结果有变化（以此为准）：")
            for e in changed:
                self.show(e)
        _emit("")
        _emit("—" * 20)
        for line in batch_lines(self.batch, self.width):
            _emit(line)
        tally = Tally()
        for t in self.tallies.values():
            for k in ("reports", "errors", "warnings", "infos", "confirmed", "unreadable"):
                setattr(tally, k, getattr(tally, k) + getattr(t, k))
        _emit(tally.line())
        return 1 if tally.errors or tally.unreadable else 0


def _signature(batch: Batch, e: BatchEntry) -> tuple[Any, ...]:
    """Everything ``check`` prints about an entry that the rest of the batch can change."""
    return (
        tuple((f.rule, f.severity, tuple(f.fields), f.message) for f in e.findings),
        e.status,
        e.completeness,
        e.counted,
        e.not_counted_reason,
        duplicate_of(batch, e),
        e.agency,
        e.region,
        e.level,
    )


def _entry_lines(batch: Batch, e: BatchEntry, tally: Tally, width: int) -> list[str]:
    if e.reviewed is None:
        assert e.failure is not None
        return failure_lines(e.path, e.failure.error.message, tally, width)
    from core.review.project_report import project_link

    link = project_link(e.reviewed)
    notice = link.notice if link is not None else str(getattr(e.reviewed, "notice", "") or "")
    return check_lines(e.reviewed, e.findings, tally, width, project=e.project, notice=notice, entry=e, batch=batch)


def _entry_json_safe(batch: Batch, e: BatchEntry) -> dict[str, Any]:
    try:
        return entry_json(batch, e)
    except Exception as exc:  # one broken report must not stop the batch
        return _failure_json(e.path, "internal", _internal_message(e.path, exc))


# --------------------------------------------------------------------------- export


def _cmd_export(args: argparse.Namespace) -> int:
    from core.errors import Cancelled, ReportError

    out = args.output
    directory = _directory(args)
    run = _Run(args, show_progress=True)
    try:
        batch = run.batch(args.paths, directory, args.count_incomplete)
    finally:
        run.close()
    failures = batch.failures()
    for e in failures:
        assert e.failure is not None
        print(f"✗ 无法读取：{e.path}：{e.failure.error.message}", file=sys.stderr)
    if sys.stderr.isatty():
        print(f"正在写入 {out} …", file=sys.stderr, flush=True)
    if not batch.entries:
        print("没有可导出的报告。", file=sys.stderr)
        return 1
    try:
        _export(batch, out, args)
    except Cancelled:
        print("导出已取消。", file=sys.stderr)
        return 130
    except ReportError as exc:
        print(f"导出失败：{exc.message}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug in the exporter must not end in a traceback
        print(f"导出失败：发生内部错误（{type(exc).__name__}: {exc}），请联系维护人员。", file=sys.stderr)
        return 1
    n_ok = len(batch.reports())
    counts = batch.counts()
    msg = f"已导出 {n_ok} 份报告到 {out}（计入汇总 {counts.counted} 份）"
    if failures:
        msg += f"；{len(failures)} 份无法读取，已列在工作簿的“无法读取”表中"
    print(msg + "。")
    return 0  # the workbook was written; unreadable inputs are listed in it


def _export(batch: Batch, out: str, args: argparse.Namespace) -> None:
    """Hand the batch to the exporter (core.export.workbook)."""
    from core.export import export_batch
    from core.export.options import ExportOptions

    options = ExportOptions(per_report_sheets=args.per_report_sheets, count_incomplete=args.count_incomplete)
    export_batch(batch, out, options)


# --------------------------------------------------------------------------- directory


def _cmd_directory(args: argparse.Namespace) -> int:
    from core.batch.directory import write_starting_directory
    from core.errors import ReportError

    existing = _directory(args)
    run = _Run(args, show_progress=True)
    try:
        batch = run.batch(args.paths, existing, False)
    finally:
        run.close()
    try:
        n = write_starting_directory(batch, args.output)
    except OSError as exc:
        print(f"无法写入机关名录“{args.output}”：{os_reason(exc)}。", file=sys.stderr)
        return 1
    except ReportError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    print(f"已把 {n} 个机关写入机关名录 {args.output}；请补填“地区”“层级”“上级”和别名后用 --directory 载入。")
    return 1 if batch.failures() else 0


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


def _directory_out(value: str) -> str:
    if not value.lower().endswith((".xlsx", ".csv")):
        raise argparse.ArgumentTypeError(f"机关名录文件“{value}”必须以 .xlsx 或 .csv 结尾，例如 机关名录.xlsx")
    return value


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"“{value}”不是有效的进程数（应为 1 或更大的整数）")
    return n


def _seconds(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        n = -1
    if not n >= 0:
        raise argparse.ArgumentTypeError(f"“{value}”不是有效的秒数（0 表示不限时）")
    return n


def _memory(value: str) -> int:
    if value.strip() == "0":
        return 0
    try:
        return parse_memory(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{value}”不是有效的内存大小（例如 1.5G、800M；0 表示不限制）") from None


PATHS_HELP = "报告文件、文件夹（含子文件夹）或审核项目 .ogiproj"


def _common(sp: argparse.ArgumentParser) -> None:
    """--jobs, --timeout, --memory-limit (every command reads through the same pipeline)."""
    sp.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=os.cpu_count() or 1,
        metavar="N",
        help=f"同时解析的进程数（默认：本机核数 {os.cpu_count() or 1}）；输出顺序与输入顺序相同",
    )
    sp.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="秒",
        help=f"每个文件的解析时限（默认 {DEFAULT_TIMEOUT:g} 秒；0 为不限）；超时的文件列为无法读取，其余照常处理",
    )
    sp.add_argument(
        "--memory-limit",
        type=_memory,
        default=DEFAULT_MEMORY,
        metavar="大小",
        help=f"每个文件解析时可用的内存（默认 {describe_memory(DEFAULT_MEMORY)}，如 800M、2G；0 为不限）",
    )


def _batch_options(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "--directory", metavar="机关名录", help="机关名录（.xlsx 或 .csv：机关名称、别名、地区、层级、上级）"
    )
    sp.add_argument("--count-incomplete", action="store_true", help="把“数据不完整”的报告也计入汇总（会标明）")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the headless commands."""
    p = _Parser(prog="ogi-review", description="政府信息公开工作年度报告审核（命令行）")
    sub = p.add_subparsers(
        dest="command", required=True, title="命令", metavar="parse|check|export|directory", parser_class=_Parser
    )
    sp = sub.add_parser("parse", help="解析报告，输出读取结果", description="解析报告，每个文件输出一项结果")
    sp.add_argument("--json", action="store_true", help="每个文件输出一行 JSON（JSON Lines）")
    sp.add_argument("paths", nargs="+", metavar="文件|文件夹|项目", help=PATHS_HELP)
    _common(sp)
    sp.set_defaults(func=_cmd_parse)
    sc = sub.add_parser(
        "check",
        help="检查报告，列出发现的问题",
        description="检查整批报告：按报告列出发现的问题（含同一机关相邻年度报告之间的核对）、未计入汇总的报告和重复报告",
    )
    sc.add_argument(
        "--json", action="store_true", help="每个文件输出一行 JSON（含跨年度问题、状态、完整性、是否计入汇总）"
    )
    sc.add_argument("paths", nargs="+", metavar="文件|文件夹|项目", help=PATHS_HELP)
    _batch_options(sc)
    _common(sc)
    sc.set_defaults(func=_cmd_check)
    se = sub.add_parser("export", help="导出 Excel 汇总", description="把报告汇总导出为 Excel 工作簿")
    se.add_argument("paths", nargs="+", metavar="文件|文件夹|项目", help=PATHS_HELP)
    se.add_argument("-o", "--output", required=True, metavar="汇总.xlsx", type=_xlsx_path, help="输出的 Excel 文件")
    _batch_options(se)
    se.add_argument("--per-report-sheets", action="store_true", help="为每份报告加一张按国家格式排版的工作表")
    _common(se)
    se.set_defaults(func=_cmd_export)
    sd = sub.add_parser(
        "directory",
        help="由报告生成初始机关名录",
        description="把这批报告中的机关写成一份机关名录（每个机关一行），补填地区、层级、上级后即可用 --directory 载入",
    )
    sd.add_argument("paths", nargs="+", metavar="文件|文件夹|项目", help=PATHS_HELP)
    sd.add_argument(
        "-o", "--output", required=True, metavar="机关名录.xlsx", type=_directory_out, help="输出文件（.xlsx 或 .csv）"
    )
    sd.add_argument("--directory", metavar="机关名录", help="已有的机关名录：其中已知的机关保留地区、层级等信息")
    _common(sd)
    sd.set_defaults(func=_cmd_directory)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run a command-line command; returns the exit status (0 ok, 1 some file/finding, 2 usage)."""
    utf8_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(_dash_paths(sys.argv[1:] if argv is None else list(argv)))
    except SystemExit as exc:
        return 2 if exc.code not in (0, None) else 0
    try:
        return int(args.func(args))
    except OSError as exc:  # standard output cannot be written (a full disk, a closed terminal)
        if isinstance(exc, BrokenPipeError):
            _silence_stdout()
            return 0
        _silence_stdout()
        try:
            print(f"无法写出结果：{os_reason(exc)}。{os_advice(exc)}", file=sys.stderr, flush=True)
        except OSError:
            pass
        return 1
    except KeyboardInterrupt:
        print("\n已中断。", file=sys.stderr)
        return 130
    except Exception as exc:
        from core.batch import DirectoryError  # (not imported before: parse never reads a directory)

        if not isinstance(exc, DirectoryError):
            raise
        print(exc.message, file=sys.stderr)
        return 2


def _silence_stdout() -> None:
    """Point standard output at the null device: what is still buffered cannot fail again at exit
    (the reader went away, or the disk is full), so Python prints no traceback there."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


_NEEDS_VALUE = {"-o", "--output", "-j", "--jobs", "--timeout", "--memory-limit", "--directory"}
_OPTIONS = _NEEDS_VALUE | {"-h", "--help", "--json", "--count-incomplete", "--per-report-sheets"}


def _dash_paths(argv: list[str]) -> list[str]:
    """A report whose file name starts with '-' ("-2023年报.txt") is a path, not an unknown option:
    such an argument naming an existing file is passed as ``./-2023年报.txt``."""
    out: list[str] = []
    after_value = False
    for a in argv:
        if not after_value and a.startswith("-") and a not in _OPTIONS and os.path.exists(a):
            a = os.path.join(".", a)
        after_value = a in _NEEDS_VALUE
        out.append(a)
    return out
