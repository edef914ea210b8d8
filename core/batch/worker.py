"""Report parsing in worker processes, each file under a wall-clock and a memory limit.

No Qt here: the worker processes (started with "spawn" on every platform, so behaviour is the same
on Windows) import only this module and ``core``. A frozen build must call
``multiprocessing.freeze_support()`` before anything else (``gui.app.run_app`` and the launcher do).
``OGI_REVIEW_NO_PROCESSES=1`` (or ``set_enabled(False)``) parses in the calling thread instead —
then no limit can be enforced.

Limits (``Limits``, default 60 s and 1.5 GB per file): the memory limit is the worker's address
space (``RLIMIT_AS``, POSIX; a parser that needs more gets ``MemoryError``); the wall-clock limit is
watched by the parent, which kills a worker still busy after it and starts a fresh one. Either way
the file becomes a failure with a Chinese message naming the file and the limit, and the batch goes
on. A worker that dies for another reason (killed, crashed) fails its file the same way. A scan read
by OCR reports each finished page (``core.loading.scan.set_page_progress``): its time limit counts
from the last page, so a long scan is bounded per page, not cut off as a whole.

Thread contract: ``WorkerPool.parse_many`` may be called from a background thread (the window's
load op) or the main thread (the CLI); one call at a time per pool. It yields results in input
order while later files are already being parsed.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core import errors as core_errors
from core.errors import Cancelled, LoadError, ReportError
from core.model import Report

if TYPE_CHECKING:
    import logging
    from multiprocessing.connection import Connection


def _log() -> logging.Logger:
    """This module's logger (``logging`` is imported when there is something to say, not at start-up)."""
    import logging

    return logging.getLogger(__name__)


DEFAULT_TIMEOUT = 60.0  # seconds per file
DEFAULT_MEMORY = 1536 * 1024 * 1024  # bytes of address space per worker (1.5 GB)
# Files submitted ahead of the one being yielded, per worker: keeps every worker busy while one
# reads a slow file (a PDF or a scan among quick text files: with 4 in all, the second of two workers
# sat idle most of a mixed batch), and bounds the results held for output in input order.
AHEAD = 8
_POLL = 0.1  # seconds between cancel checks
STARTUP_GRACE = 60.0  # seconds a fresh worker may take to start before its first file's clock runs


@dataclass(frozen=True)
class Limits:
    """Per-file limits: ``timeout`` seconds of wall-clock time, ``memory`` bytes (None: no limit)."""

    timeout: float | None = DEFAULT_TIMEOUT
    memory: int | None = DEFAULT_MEMORY


def describe_memory(n: int) -> str:
    """1.5 GB, 512 MB: how a limit is named in a message."""
    if n >= 1024**3:
        return f"{n / 1024**3:.1f}".rstrip("0").rstrip(".") + " GB"
    return f"{n // 1024**2} MB"


def parse_memory(text: str) -> int:
    """``1.5G``, ``800M``, ``2GB``, ``1500000000`` → bytes. Raises ValueError on anything else."""
    s = text.strip().upper().removesuffix("B").removesuffix("I")
    factor = 1
    if s and s[-1] in "KMGT":
        factor = 1024 ** ("KMGT".index(s[-1]) + 1)
        s = s[:-1]
    value = float(s)
    if not value > 0:
        raise ValueError(text)
    return int(value * factor)


def timeout_error(path: str, seconds: float) -> LoadError:
    name = Path(path).name
    return LoadError(
        f"解析文件“{name}”超过了 {seconds:g} 秒的时间限制，已停止处理该文件（其他文件照常处理）。"
        "文件可能过大或内容异常；可用 --timeout 放宽限制后重试。",
        code="limit.timeout",
    )


def memory_error(path: str, limit: int | None) -> LoadError:
    name = Path(path).name
    what = f"{describe_memory(limit)} 的内存限制" if limit else "可用内存"
    return LoadError(
        f"解析文件“{name}”所需内存超过了{what}，已停止处理该文件（其他文件照常处理）。"
        "文件可能过大或内容异常；可用 --memory-limit 放宽限制后重试。",
        code="limit.memory",
    )


def crashed_error(path: str, exitcode: int | None) -> LoadError:
    name = Path(path).name
    return LoadError(
        f"解析文件“{name}”时处理进程意外退出（退出码 {exitcode}），已跳过该文件（其他文件照常处理）。"
        "请把该文件发给维护人员。",
        code="worker.crashed",
    )


def parse_file(path: str, memory: int | None = None) -> tuple[str, Any]:
    """Parse one file: ("ok", Report) or ("error", (class name, message, code, details)).

    Errors travel as plain data: exceptions with keyword-only arguments do not survive pickling
    with their code and details intact.
    """
    from core.parsing import parse_report

    try:
        return "ok", parse_report(path)
    except ReportError as exc:
        return "error", (type(exc).__name__, exc.message, exc.code, exc.details)
    except MemoryError:
        e = memory_error(path, memory)
        return "error", ("LoadError", e.message, e.code, "MemoryError")
    except RecursionError as exc:
        message = f"解析文件“{Path(path).name}”时发生内部错误：内容嵌套过深，无法处理。"
        return "error", ("ReportError", message, "internal", repr(exc))
    except Exception as exc:
        message = f"解析文件“{Path(path).name}”时发生内部错误：{exc}"
        return "error", ("ReportError", message, "internal", repr(exc))


def parse_file_for_window(path: str, memory: int | None = None) -> tuple[str, Any]:
    """``parse_file``, then what the window's workers do for it: the report packed as a review
    project stores it (``Report.snapshot``), and compacted for being kept open (``core.batch.memory``).

    The window saves every report it opens into its review project, and packing (JSON and zlib,
    several milliseconds a report) done here costs the window's threads nothing; a compacted
    report is also smaller to send and to unpickle.
    """
    from core.batch.memory import compact
    from core.review.serialize import pack_report

    kind, payload = parse_file(path, memory)
    if kind == "ok":
        compact(payload)  # first: its offsets as runs are what the snapshot stores
        try:
            payload.snapshot = pack_report(payload)
        except (ValueError, TypeError, RecursionError, MemoryError):  # the project packs it again and says why
            payload.snapshot = None
    return kind, payload


def rebuild_error(data: tuple[str, str, str, str]) -> ReportError:
    """The ReportError a worker described, as its own class when core.errors has it."""
    name, message, code, details = data
    cls = getattr(core_errors, name, ReportError)
    if not (isinstance(cls, type) and issubclass(cls, ReportError)) or cls is Cancelled:
        cls = ReportError
    exc = cls.__new__(cls)
    ReportError.__init__(exc, message, code=code, details=details)
    return exc


def _unpack(result: tuple[str, Any]) -> Report | ReportError:
    kind, payload = result
    return payload if kind == "ok" else rebuild_error(payload)


# --------------------------------------------------------------------------- worker process


ParseFn = Callable[[str, "int | None"], tuple[str, Any]]
_HELLO = ("hello", None)
_PAGE = "page"  # (_PAGE, pages done, pages in all): a scan finished a page


class WorkersCannotStart(OSError):
    """A fresh worker process exited before it could say hello (e.g. the interpreter is not executable
    for this user); the pool then parses in the calling thread."""


def _worker_main(conn: Connection, memory: int | None, nice: bool, parse: ParseFn) -> None:
    """A worker process: parse each path received until None (or the pipe closes)."""
    from core.batch.memory import trim  # here, not at the top: one file parsed in-process needs none of it

    if nice and hasattr(os, "nice"):
        try:
            os.nice(5)  # the window is scheduled first
        except OSError:
            pass
    lean_process()
    if memory:
        try:
            import resource

            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            cap = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        except (ImportError, ValueError, OSError):  # Windows, or a tighter hard limit: keep what we have
            pass
    try:
        import core.parsing  # noqa: F401  (before hello: a file's time limit counts parsing, not start-up)
    except Exception:  # the first parse reports it
        pass
    try:
        conn.send(_HELLO)  # the parent knows this worker started (see WorkerPool: workers that cannot start)
    except (BrokenPipeError, OSError):
        return
    _report_pages(conn)
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        if path is None:
            return
        try:
            result = parse(path, memory)
        except MemoryError:  # raised outside the parser's own guard (e.g. while building the result)
            e = memory_error(path, memory)
            result = ("error", ("LoadError", e.message, e.code, "MemoryError"))
        try:
            conn.send(result)
        except MemoryError:
            conn.send(("error", ("LoadError", memory_error(path, memory).message, "limit.memory", "")))
        except (BrokenPipeError, OSError):
            return
        del result
        trim()  # what the parse freed goes back to the system while the worker waits for the next file


def lean_process() -> None:
    """One native thread per library and at most two malloc arenas in this (worker) process.

    A worker parses one file at a time on one thread. Idle native thread pools (OpenBLAS starts one
    per core when numpy loads) and glibc's per-thread malloc arenas (64 MB of address space each)
    only reserve address space, which the memory limit (``RLIMIT_AS``) counts: on a 300 dpi scan
    they took ~470 MB of the 1.5 GB (bench/bench_ocr.py). Call before numpy or the OCR engine load.
    """
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).mallopt(-8, 2)  # M_ARENA_MAX (glibc); absent elsewhere (musl)
        except (OSError, AttributeError):
            pass


def _report_pages(conn: Connection) -> None:
    """A scan read by OCR tells the parent each page it finished: the time limit counts from the last page."""
    from core.loading import scan

    def page_done(done: int, total: int) -> None:
        try:
            conn.send((_PAGE, done, total))
        except (BrokenPipeError, OSError, ValueError):
            pass

    scan.set_page_progress(page_done)


def _no_resource_tracker() -> None:
    """Spawn workers without multiprocessing's resource tracker process.

    On POSIX, spawning a process first starts a tracker (a whole interpreter, 13 MB resident for as
    long as the window is open) that unlinks the named semaphores and shared memory a crashed
    process leaves behind. Our processes talk through pipes only and create neither, so the tracker
    is handed /dev/null instead: it counts as running, and what it would be told goes nowhere. Left
    alone where the tracker already runs (something else started it) or its internals differ
    (checked on Python 3.11-3.13).
    """
    if sys.platform == "win32":  # no tracker there
        return
    try:
        from multiprocessing import resource_tracker

        tracker: Any = resource_tracker._resource_tracker
        if "__del__" in vars(type(tracker)):  # one that stops itself would wait for a process that is not there
            return
        with tracker._lock:
            if tracker._fd is None and tracker._pid is None:
                tracker._fd = os.open(os.devnull, os.O_WRONLY)
    except (AttributeError, ImportError, OSError):  # another Python's multiprocessing: keep its tracker
        pass


class _Worker:
    def __init__(self, ctx: Any, limits: Limits, nice: bool, parse: ParseFn) -> None:
        parent, child = ctx.Pipe()
        self.conn: Connection = parent
        self.proc = ctx.Process(target=_worker_main, args=(child, limits.memory, nice, parse), daemon=True)
        self.proc.start()
        child.close()
        self.job: int | None = None  # index of the file being parsed
        self.started = 0.0
        self.greeted = False  # the process said hello: it started

    def submit(self, index: int, path: str) -> None:
        self.job = index
        self.started = time.monotonic()
        self.conn.send(path)

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.join(5)
        except (OSError, ValueError):
            pass
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(2)
        if self.proc.is_alive():
            self.kill()
        else:
            self.conn.close()


class WorkerPool:
    """``jobs`` worker processes parsing files under ``limits``; workers are reused between calls.

    ``parse`` is the function a worker runs per file (a module-level function, so that the spawned
    process can import it; tests pass slow or greedy ones).
    """

    def __init__(
        self, jobs: int | None = None, limits: Limits | None = None, *, nice: bool = False, parse: ParseFn = parse_file
    ) -> None:
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.limits = limits or Limits()
        self.nice = nice
        self.parse = parse
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()
        self._broken = False  # a worker exited before it could start: every later call parses in-thread

    def _spawn(self) -> _Worker:
        import multiprocessing  # here, not at module level: a command parsing one file never loads it (start-up)

        _no_resource_tracker()
        return _Worker(multiprocessing.get_context("spawn"), self.limits, self.nice, self.parse)

    def close(self) -> None:
        with self._lock:
            workers, self._workers = self._workers, []
        for w in workers:
            if w.job is not None:
                w.kill()
            else:
                w.stop()

    def start(self) -> None:
        """Start the workers now, not with the first file: a worker takes ~0.3 s to start (an
        interpreter importing the parser), which the first report opened would otherwise wait."""
        with self._lock:
            while not self._broken and len(self._workers) < self.jobs:
                self._workers.append(self._spawn())

    def recycle(self) -> int:
        """Replace the idle workers by fresh ones (between batches; not during ``parse_many``).

        A worker that has parsed PDFs and Word files keeps their libraries and the heap they grew:
        90-110 MB resident against 40 MB for a fresh one, for as long as the window stays open. A
        fresh worker is started at once (at low priority), so the next file opened is not kept
        waiting for a process to start. Returns how many were replaced.
        """
        with self._lock:
            old = [w for w in self._workers if w.job is None]
            fresh = {id(w): self._spawn() for w in old}
            self._workers = [fresh.get(id(w), w) for w in self._workers]
        for w in old:
            w.stop()
        return len(old)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def parse_many(
        self, paths: Sequence[str], cancelled: Callable[[], bool] | None = None
    ) -> Iterator[tuple[str, Report | ReportError]]:
        """Parse ``paths``; yields (path, Report or ReportError) in input order.

        Raises:
            Cancelled: ``cancelled()`` became true (files in progress are abandoned: their
                workers are killed and replaced on the next call).
        """
        paths = list(paths)
        if not paths:
            return
        if self._broken:
            raise WorkersCannotStart("worker processes could not start earlier in this session")
        with self._lock:
            while len(self._workers) < min(self.jobs, len(paths)):
                self._workers.append(self._spawn())
            workers = list(self._workers)
        from multiprocessing.connection import wait

        todo = deque(range(len(paths)))
        done: dict[int, Report | ReportError] = {}
        nxt = 0
        window = AHEAD * len(workers)
        try:
            while nxt < len(paths):
                for w in workers:
                    if w.job is None and todo and todo[0] < nxt + window:
                        i = todo.popleft()
                        try:
                            w.submit(i, paths[i])
                        except (OSError, ValueError):
                            todo.appendleft(i)
                            if not w.greeted and not w.proc.is_alive():
                                w.job = None
                                raise WorkersCannotStart(
                                    f"worker process exited before starting (exit code {w.proc.exitcode})"
                                ) from None
                            self._replace(workers, w)
                while nxt in done:
                    yield paths[nxt], done.pop(nxt)
                    nxt += 1
                if nxt >= len(paths):
                    break
                if cancelled is not None and cancelled():
                    raise Cancelled()
                busy = [w for w in workers if w.job is not None]
                if not busy:
                    continue
                ready = wait([w.conn for w in busy], timeout=_POLL)
                for w in busy:
                    if w.conn in ready:
                        self._collect(w, workers, paths, done)
                self._enforce_timeout(workers, paths, done)
        except WorkersCannotStart:
            self._broken = True  # no fresh worker would start either: the caller parses in its thread
            with self._lock:
                self._workers = []
            for w in workers:
                w.kill()
            raise
        finally:
            if not self._broken:
                for w in workers:
                    if w.job is not None:  # cancelled or interrupted mid-file: never reuse a busy worker
                        self._replace(workers, w)

    def _collect(self, w: _Worker, workers: list[_Worker], paths: Sequence[str], done: dict[int, Any]) -> None:
        i = w.job
        assert i is not None
        try:
            result = w.conn.recv()
            if result == _HELLO:
                w.greeted = True
                if w.job is not None:  # the file waited in the pipe while the worker started
                    w.started = time.monotonic()
                return
            if isinstance(result, tuple) and result and result[0] == _PAGE:
                w.started = time.monotonic()  # a long scan makes progress: its time limit restarts per page
                return
        except (EOFError, OSError):
            w.proc.join(1)
            code = w.proc.exitcode
            if not w.greeted:
                raise WorkersCannotStart(f"worker process exited before starting (exit code {code})") from None
            done[i] = self._died(paths[i], code)
            self._replace(workers, w)
            return
        except MemoryError:  # the parent could not hold the result
            done[i] = memory_error(paths[i], None)
            self._replace(workers, w)
            return
        w.job = None
        done[i] = _unpack(result)

    def _died(self, path: str, exitcode: int | None) -> ReportError:
        # killed by the kernel's OOM killer (SIGKILL) under a memory limit: say it was memory
        if exitcode is not None and exitcode < 0 and self.limits.memory:
            return memory_error(path, self.limits.memory)
        return crashed_error(path, exitcode)

    def _enforce_timeout(self, workers: list[_Worker], paths: Sequence[str], done: dict[int, Any]) -> None:
        limit = self.limits.timeout
        if not limit:
            return
        now = time.monotonic()
        for w in list(workers):
            # a worker still starting (a loaded machine) gets a grace period before its file's clock runs
            allowed = limit if w.greeted else limit + STARTUP_GRACE
            if w.job is not None and now - w.started > allowed:
                _log().warning("parse of %s exceeded %ss; worker killed", paths[w.job], limit)
                done[w.job] = timeout_error(paths[w.job], limit)
                self._replace(workers, w)

    def _replace(self, workers: list[_Worker], w: _Worker) -> None:
        w.kill()
        w.job = None
        fresh = self._spawn()
        workers[workers.index(w)] = fresh
        with self._lock:
            if w in self._workers:
                self._workers[self._workers.index(w)] = fresh


# --------------------------------------------------------------------------- the window's shared pool

_lock = threading.Lock()
_POOL: WorkerPool | None = None
_DISABLED = False
_LIMITS = Limits()


def set_enabled(enabled: bool) -> None:
    """Parse in worker processes (True) or in the calling thread (False: tests, restricted machines)."""
    global _DISABLED
    _DISABLED = not enabled


def processes_enabled() -> bool:
    return not (_DISABLED or os.environ.get("OGI_REVIEW_NO_PROCESSES"))


def set_limits(limits: Limits) -> None:
    """Limits of the shared pool (the window's settings); the next batch uses them."""
    global _LIMITS, _POOL
    with _lock:
        _LIMITS = limits
        pool, _POOL = _POOL, None
    if pool is not None:
        pool.close()


def shared_pool() -> WorkerPool | None:
    """The window's pool: leaves one core to the window (one worker on a two-core office PC)."""
    global _POOL
    if not processes_enabled():
        return None
    with _lock:
        if _POOL is None:
            workers = max(1, min(2, (os.cpu_count() or 1) - 1))
            _POOL = WorkerPool(workers, _LIMITS, nice=True, parse=parse_file_for_window)
        return _POOL


def start_shared() -> None:
    """Start the window's pool's workers ahead of the first file (no-op without processes)."""
    pool = shared_pool()
    if pool is not None:
        pool.start()


def recycle_shared() -> None:
    """Fresh workers for the window's pool after a batch (``WorkerPool.recycle``); no-op without one."""
    with _lock:
        pool = _POOL
    if pool is not None:
        pool.recycle()


def shutdown() -> None:
    """Stop the shared pool's worker processes (application exit)."""
    global _POOL
    with _lock:
        pool, _POOL = _POOL, None
    if pool is not None:
        pool.close()


def parse_in_thread(
    paths: Sequence[str], cancelled: Callable[[], bool] | None = None
) -> Iterator[tuple[str, Report | ReportError]]:
    """Parse in the calling thread (no process, no limit)."""
    for path in paths:
        if cancelled is not None and cancelled():
            raise Cancelled()
        yield path, _unpack(parse_file(path))


def parse_many(
    paths: Sequence[str], cancelled: Callable[[], bool] | None = None, pool: WorkerPool | None = None
) -> Iterator[tuple[str, Report | ReportError]]:
    """Parse files in worker processes (``pool``, else the shared pool); yields in input order.

    Falls back to parsing in the calling thread when processes are disabled or cannot start.

    Raises:
        Cancelled: ``cancelled()`` became true (pending files are dropped).
    """
    pool = pool or shared_pool()
    if pool is None:
        yield from parse_in_thread(paths, cancelled)
        return
    paths = list(paths)
    given = 0
    try:
        for item in pool.parse_many(paths, cancelled):
            yield item
            given += 1
    except (OSError, ValueError, NotImplementedError) as exc:
        # Worker processes cannot start here (no permission to run the interpreter, no /dev/shm …):
        # parse the rest in this thread, without per-file limits, rather than fail every file.
        _log().warning("worker processes unavailable, parsing in the calling thread: %s", exc)
        pool.close()
        if pool is _POOL:
            set_enabled(False)
        yield from parse_in_thread(paths[given:], cancelled)
