"""Batches: expand files, folders and review projects into reports to parse.

Public API:
    REPORT_SUFFIXES, PROJECT_SUFFIX, is_report_file(path)
    collect_inputs(paths) -> list[str]: the files a batch reads (folders expanded)
    expand_inputs(paths) -> list[str | Failure]: the same, with a Failure for a folder that holds
        no report file or cannot be listed (so the caller can tell the user)
    iter_reviewed(paths, progress=None, cancelled=None): ReviewedReport or Failure per input
    read_input(item, cancelled=None): the same for one item of expand_inputs
    Failure: a path and the ReportError explaining why it could not be read
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from core.errors import Cancelled, LoadError, ReportError
from core.review.state import ReviewedReport

REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".shtml", ".docx", ".doc", ".wps", ".pdf")
PROJECT_SUFFIX = ".ogiproj"


def is_report_file(path: str | Path) -> bool:
    """Whether a file name has the suffix of a report the loaders read."""
    return str(path).lower().endswith(REPORT_SUFFIXES)


def _skipped_name(name: str) -> bool:
    """Hidden files and Office lock files (``~$报告.docx`` while Word has the file open)."""
    return name.startswith((".", "~$"))


@dataclass
class Failure:
    """A file that could not be read: the path and the user-facing error."""

    path: str
    error: ReportError


def _expand_folder(folder: str) -> list[str | Failure]:
    """Every report file inside ``folder`` (recursively, sorted), or failures explaining why none."""
    found: list[str] = []
    unreadable: list[str] = []

    def onerror(exc: OSError) -> None:
        unreadable.append(exc.filename or folder)

    for root, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not _skipped_name(d))
        for f in files:
            full = os.path.join(root, f)
            if is_report_file(f) and not _skipped_name(f) and os.path.isfile(full):
                found.append(full)
    out: list[str | Failure] = list(sorted(found))
    name = Path(folder).name or folder
    for d in unreadable:
        out.append(
            Failure(
                d,
                LoadError(
                    f"无法读取文件夹“{Path(d).name or d}”的内容（没有访问权限或已被移走），其中的报告未能载入。",
                    code="folder.unreadable",
                ),
            )
        )
    if not found and not unreadable:
        kinds = "、".join(sorted({s.lstrip(".") for s in REPORT_SUFFIXES}))
        out.append(
            Failure(
                folder,
                LoadError(f"文件夹“{name}”中没有可读取的报告文件（支持的格式：{kinds}）。", code="folder.no_reports"),
            )
        )
    return out


def expand_inputs(paths: Iterable[str]) -> list[str | Failure]:
    """Files as given, and every report file inside each folder (recursively, sorted).

    A folder without any report file, or one that cannot be listed, gives a ``Failure`` in its
    place, so a batch never silently reads nothing.
    """
    out: list[str | Failure] = []
    for p in paths:
        if os.path.isdir(p):
            out.extend(_expand_folder(p))
        else:
            out.append(p)
    return out


def collect_inputs(paths: Iterable[str]) -> list[str]:
    """Files as given, and every report file inside each folder (recursively, sorted)."""
    return [p for p in expand_inputs(paths) if isinstance(p, str)]


def not_regular(path: str) -> Failure | None:
    """A Failure for an existing path that is not a regular file (a FIFO would block the batch)."""
    try:
        st = os.stat(path)
    except OSError:
        return None  # the loader explains a missing or unreadable file in its own words
    if stat.S_ISREG(st.st_mode):
        return None
    return Failure(
        path,
        LoadError(f"“{Path(path).name}”不是普通文件（可能是设备或管道），无法作为报告读取。", code="file.not_regular"),
    )


def iter_reviewed(
    paths: Iterable[str], progress: Callable[[float], None] | None = None, cancelled: Callable[[], bool] | None = None
) -> Iterator[ReviewedReport | Failure]:
    """Parse every input (files, folders, review projects) and yield reviewed reports or failures.

    Items come in input order (a folder's files sorted). A review project yields its reports
    with the saved corrections applied. One failing file never stops the batch.
    """
    inputs = expand_inputs(paths)
    for i, item in enumerate(inputs):
        if cancelled is not None and cancelled():
            raise Cancelled()
        yield from read_input(item, cancelled)
        if progress is not None:
            progress((i + 1) / max(1, len(inputs)))


def read_input(item: str | Failure, cancelled: Callable[[], bool] | None = None) -> Iterator[ReviewedReport | Failure]:
    """One expanded input: a report file gives one item, a review project one per report it holds."""
    from core.parsing import parse_report

    if isinstance(item, Failure):
        yield item
        return
    if item.lower().endswith(PROJECT_SUFFIX):
        yield from _project_items(item)
        return
    odd = not_regular(item)
    if odd is not None:
        yield odd
        return
    try:
        reviewed = ReviewedReport(parse_report(item, cancelled=cancelled))
    except Cancelled:
        raise
    except ReportError as exc:
        yield Failure(item, exc)
        return
    except Exception as exc:  # a bug in one file must not stop the batch
        yield Failure(item, _internal(item, exc))
        return
    yield reviewed


def _project_items(path: str) -> Iterator[ReviewedReport | Failure]:
    try:
        from core.review.project import open_project_reports

        for item in open_project_reports(path):
            yield Failure(item[0], item[1]) if isinstance(item, tuple) else item
    except Cancelled:
        raise
    except ReportError as exc:
        yield Failure(path, exc)
    except Exception as exc:  # a damaged project must not stop the batch
        yield Failure(path, _internal(path, exc))


def _internal(path: str, exc: BaseException) -> ReportError:
    what = f"{type(exc).__name__}: {exc}"[:200]
    return ReportError(
        f"解析文件“{Path(path).name}”时发生内部错误（{what}），请把该文件发给维护人员。",
        code="internal",
        details=repr(exc),
    )
