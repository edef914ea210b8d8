"""The one loading pipeline of the window and the command line.

    expand files / folders / review projects  →  parse report files in worker processes (each under
    the per-file limits)  →  ReviewedReport or Failure per input, in input order, streamed

Public API:
    load_items(paths, pool=None, cancelled=None, progress=None) -> Iterator[Loaded]
        ``Loaded(item, project)``: a ReviewedReport or Failure, and the review project it came
        from (as given) for a project's reports. A folder with no report gives ``folder.no_reports``.
    load_batch(paths, ..., directory=None, count_incomplete=False) -> Batch
    open_pool(jobs, limits) -> WorkerPool | None: a pool for a command-line run (None: in a thread)

Review projects are opened in the calling thread (their reports come with saved corrections
applied); everything else goes to the worker pool, so the window's thread and the CLI's never parse
— except a command-line run of tiny text files (``tiny_run``): one such file, or any number with
``--jobs 1``, is parsed in the command's own process, because starting a worker process costs more
than the parse (``parse one.txt``: the whole run in well under half the time). Only small
text/Markdown/HTML files qualify (checked by their bytes, not their names), so every PDF, Word file
and large input still gets the worker's time and memory limits; the in-process parse keeps the
time limit with an interval timer where the platform has one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.batch.inputs import PROJECT_SUFFIX, Failure, expand_inputs, not_regular, read_input
from core.batch.worker import (
    Limits,
    WorkerPool,
    parse_file,
    parse_many,
    processes_enabled,
    rebuild_error,
    timeout_error,
)
from core.errors import Cancelled, ReportError
from core.model import Report
from core.review.state import ReviewedReport

if TYPE_CHECKING:
    from core.batch.model import Batch

__all__ = ["Loaded", "load_batch", "load_items", "open_pool", "tiny_run"]

TINY_BYTES = 128 * 1024  # a text report is 5–60 KB; its parse takes milliseconds
_TINY_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".shtml")
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


@dataclass
class Loaded:
    """One result of the pipeline: a report (or failure) and the review project it was read from."""

    item: ReviewedReport | Failure
    project: str | None = None


def open_pool(jobs: int | None = None, limits: Limits | None = None) -> WorkerPool | None:
    """A worker pool for one command-line run (close it after); None when processes are disabled."""
    if not processes_enabled():
        return None
    return WorkerPool(jobs, limits)


def load_items(
    paths: Iterable[str],
    pool: WorkerPool | None = None,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Loaded]:
    """Every report or failure of the inputs, in input order (a folder's files sorted).

    ``progress(done, total)`` is called after each expanded input. ``pool`` None: the window's
    shared pool (or the calling thread when processes are disabled).

    Raises:
        Cancelled: ``cancelled()`` became true.
    """
    inputs = expand_inputs(paths)
    total = len(inputs)
    done = 0
    i = 0
    while i < total:
        if cancelled is not None and cancelled():
            raise Cancelled()
        item = inputs[i]
        if isinstance(item, Failure) or item.lower().endswith(PROJECT_SUFFIX):
            project = item if isinstance(item, str) else None
            for out in read_input(item, cancelled):
                yield Loaded(out, project if isinstance(out, ReviewedReport) else None)
            i += 1
            done += 1
            if progress is not None:
                progress(done, total)
            continue
        j = i
        run: list[str] = []
        odd: dict[int, Failure] = {}
        while j < total:
            nxt = inputs[j]
            if isinstance(nxt, Failure) or nxt.lower().endswith(PROJECT_SUFFIX):
                break
            bad = not_regular(nxt)
            if bad is not None:
                odd[j] = bad
            else:
                run.append(nxt)
            j += 1
        if pool is not None and tiny_run(run, pool.jobs):
            results = _parse_here(run, pool.limits, cancelled)
        else:
            results = parse_many(run, cancelled=cancelled, pool=pool)
        for k in range(i, j):
            path = inputs[k]
            assert isinstance(path, str)
            if k in odd:
                yield Loaded(odd.pop(k))
            else:
                got_path, result = next(results)
                if isinstance(result, ReportError):
                    yield Loaded(Failure(got_path, result))
                else:
                    assert isinstance(result, Report)
                    yield Loaded(ReviewedReport(result))
            done += 1
            if progress is not None:
                progress(done, total)
        i = j


def tiny_run(paths: list[str], jobs: int) -> bool:
    """Parse these files in the calling process: one tiny text file, or tiny text files and one job."""
    if not paths or (len(paths) > 1 and jobs > 1):
        return False
    return all(_tiny(p) for p in paths)


def _tiny(path: str) -> bool:
    import os

    if not path.lower().endswith(_TINY_SUFFIXES):
        return False
    try:
        if os.path.getsize(path) > TINY_BYTES:
            return False
        with open(path, "rb") as f:
            head = f.read(1024)
    except OSError:
        return False  # the worker names the problem
    return not head.startswith(_BINARY_MAGIC) and b"%PDF-" not in head


def _result(out: tuple[str, object]) -> object:
    kind, payload = out
    return payload if kind == "ok" else rebuild_error(payload)  # type: ignore[arg-type]


class _TimeUp(BaseException):
    """Raised by the interval timer inside a parse (BaseException: the parser's guards let it through)."""


def _parse_here(paths: list[str], limits: Limits, cancelled: Callable[[], bool] | None) -> Iterator[tuple[str, object]]:
    """Parse in this process, under the time limit when this is the main thread of a POSIX process."""
    import signal
    import threading

    timed = (
        bool(limits.timeout) and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    )
    for path in paths:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if not timed:
            yield path, _result(parse_file(path, limits.memory))
            continue

        def time_up(signum: int, frame: object) -> None:
            raise _TimeUp()

        previous = signal.signal(signal.SIGALRM, time_up)
        try:
            signal.setitimer(signal.ITIMER_REAL, float(limits.timeout or 0))
            try:
                result: object = _result(parse_file(path, limits.memory))
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _TimeUp:
            result = timeout_error(path, float(limits.timeout or 0))
        finally:
            signal.signal(signal.SIGALRM, previous)
        yield path, result


def load_batch(
    paths: Iterable[str],
    pool: WorkerPool | None = None,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    directory: object = None,
    count_incomplete: bool = False,
) -> Batch:
    """A whole batch (cross-year findings, duplicates and counting computed once at the end)."""
    from core.batch.directory import Directory
    from core.batch.model import Batch

    batch = Batch(directory=directory if isinstance(directory, Directory) else None, count_incomplete=count_incomplete)
    loaded = list(load_items(paths, pool, cancelled, progress))
    batch.extend_pairs([(x.item, x.project) for x in loaded])
    return batch
