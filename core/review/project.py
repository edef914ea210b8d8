"""Review projects: a batch of reports and every correction, saved as each edit is made.

A project is one SQLite file (``*.ogiproj``, see ``core.review.store`` for the schema). It
holds, per source file, its path (relative to the project when possible) and hash, a snapshot
of the parsed report, and the reviewer's ``ReviewState``; plus an append-only log of every
edit (time, user, report, kind, JSON) a superior can read.

Every edit applied to one of its reports (``ReviewedReport.apply``, through the report's
``ProjectLink``) is committed in its own transaction before the views hear of it, so killing the program loses nothing that was shown. Usage::

    project = Project.create("批次.ogiproj")          # or Project.open(path[, read_only=True])
    reports = project.add_reports([ReviewedReport(parse_report(p)) for p in files])
    reports[0].apply(ValueEdit("apply.new.total", 12, note="据原件更正"))  # saved now
    project.save_as("另存.ogiproj")                    # the session continues on the copy
    project.close()
"""

from __future__ import annotations

import copy
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from core import __version__
from core.errors import ProjectError, ReportError, os_advice, os_reason
from core.model import Report
from core.review import files, store
from core.review import serialize as ser
from core.review.audit import LogEntry, read_log
from core.review.lock import ProjectLock, ProjectLocked
from core.review.project_report import PrintedChange, ProjectLink, ProjectReadOnly, project_link
from core.review.reconcile import reconcile
from core.review.state import Edit, ReviewedReport, ValueEdit, current_user, timestamp

__all__ = [
    "LogEntry",
    "PrintedChange",
    "Project",
    "ProjectLink",
    "ProjectLocked",
    "ProjectReadOnly",
    "open_project_reports",
    "project_link",
]

Parse = Callable[[str], Report]
# info row holding the counted member of each duplicate group: JSON [[agency, year, content key], …]
COUNTED_CHOICES_KEY = "counted_choices"


class Project:
    """An open review project. Create with ``Project.create`` or ``Project.open``."""

    def __init__(self, path: str, *, read_only: bool, parse: Parse | None = None) -> None:
        self._path = os.path.abspath(path)
        self._read_only = read_only
        self._parse = parse
        self._conn: sqlite3.Connection | None = None
        self._lock: ProjectLock | None = None
        self._reports: list[ReviewedReport] = []  # each with a ProjectLink to this project
        self._by_key: dict[str, ReviewedReport] = {}  # the same, by files.key of their path
        self._failures: list[tuple[str, ReportError]] = []
        self._pending: list[tuple[ReviewedReport, dict[str, Any]]] = []  # reconciled while read-only
        self._stat_updates: list[tuple[int, int, int]] = []  # (size, mtime_ns, report id) of touched sources
        self._choices: dict[tuple[str, int], str] = {}  # counted member of each duplicate group
        self._outside: bool | Callable[[list[str]], bool] = False  # may sources outside the folder be read
        self._outside_refused: list[str] = []
        self._closed = False

    # ------------------------------------------------------------------ opening
    @classmethod
    def create(cls, path: str | os.PathLike[str], *, overwrite: bool = False) -> Project:
        """Create a new, empty project file (atomically) and open it for editing."""
        abspath = os.path.abspath(os.fspath(path))
        name = Path(abspath).name
        if os.path.exists(abspath) and not overwrite:
            raise ProjectError(f"审核项目“{name}”已存在。", code="project.exists")
        self = cls(abspath, read_only=False)
        self._lock = ProjectLock(abspath)
        self._lock.acquire()
        try:
            tmp = files.temp_beside(abspath)
            try:
                conn = sqlite3.connect(tmp, isolation_level=None)
                try:
                    store.initialise(conn, {"created_at": timestamp(), "created_by": current_user(), "app_version": __version__})
                finally:
                    conn.close()
                files.drop_side_files(abspath)
                os.replace(tmp, abspath)
                files.fsync_dir(abspath)
            except (OSError, sqlite3.Error) as exc:
                files.unlink_all(tmp)
                raise ProjectError(
                    f"无法创建审核项目“{name}”：{os_reason(exc)}。{os_advice(exc)}", code="project.write_failed", details=repr(exc)
                ) from exc
            self._conn = store.connect_writable(abspath)
        except BaseException:
            self._lock.release()
            raise
        return self

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        read_only: bool = False,
        *,
        parse: Parse | None = None,
        outside: bool | Callable[[list[str]], bool] = False,
    ) -> Project:
        """Open a project file.

        Args:
            path: the ``.ogiproj`` file.
            read_only: view only: no lock taken, nothing written, edits raise ``ProjectReadOnly``.
            parse: the parser for sources changed on disk (default ``core.parsing.parse_report``).
            outside: may sources outside the project's folder be read? A project can come from
                anyone and name any file on this computer; by default such sources are not
                touched (their saved snapshot is shown, with a notice). ``True`` allows it (the
                program's own workspace); a callable is asked once with the list of those paths
                (the window's consent dialog) and returns whether to allow it.

        Raises:
            ProjectLocked: another instance has it open (unless ``read_only``).
            ProjectError: missing, not a project, damaged or from a newer version (file untouched).
        """
        abspath = os.path.abspath(os.fspath(path))
        self = cls(abspath, read_only=read_only, parse=parse)
        self._outside = outside
        if not read_only:
            self._lock = ProjectLock(abspath)
            self._lock.acquire()
        try:
            store.check_file(abspath)
            if read_only:
                conn = store.connect_read_only(abspath)
                try:
                    self._load(conn)
                finally:
                    conn.close()
            else:
                if not os.access(abspath, os.W_OK):
                    raise ProjectError(
                        f"审核项目“{Path(abspath).name}”是只读文件（或没有写入权限），不能在其中保存修改。",
                        code="project.not_writable",
                    )
                self._conn = store.connect_writable(abspath)
                store.migrate(self._conn, Path(abspath).name)
                self._load(self._conn)
        except (sqlite3.Error, ValueError, TypeError, KeyError, AttributeError) as exc:
            self.close()
            raise ProjectError(
                f"审核项目“{Path(abspath).name}”的内容已损坏，无法打开。原文件未做任何改动；请使用备份，或重新建立项目。",
                code="project.corrupt",
                details=repr(exc),
            ) from exc
        except BaseException:
            self.close()
            raise
        return self

    # ------------------------------------------------------------------ properties
    @property
    def path(self) -> str:
        return self._path

    @property
    def read_only(self) -> bool:
        return self._read_only

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def folder(self) -> str:
        return os.path.dirname(self._path)

    def reviewed_reports(self) -> list[ReviewedReport]:
        """The project's reports in order, with saved corrections applied; their edits persist."""
        return list(self._reports)

    def report(self, path: str) -> ReviewedReport | None:
        return self._by_key.get(files.key(path))

    def outside_refused(self) -> list[str]:
        """Sources outside the project's folder that were not read (no consent)."""
        return list(self._outside_refused)

    def failures(self) -> list[tuple[str, ReportError]]:
        """Reports whose saved snapshot could not be read and whose source could not be parsed."""
        return list(self._failures)

    def notices(self) -> dict[str, str]:
        """Report path → a Chinese notice (source missing, source changed and reparsed)."""
        return {r.path: link.notice for r in self._reports if (link := self._link(r)).notice}

    def counted_choices(self) -> dict[tuple[str, int], str]:
        """Which member of each duplicate group the reviewer counts: (agency, year) → the report's
        content key (sha256) — ``core.batch.Batch.chosen``."""
        return dict(self._choices)

    def set_counted_choice(self, key: tuple[str, int], chosen: str | None) -> None:
        """Save the reviewer's choice for a duplicate group (None: back to the default rule), logged."""
        self.check_writable()
        conn = self._require_conn()
        choices = dict(self._choices)
        if chosen is None:
            choices.pop(key, None)
        else:
            choices[key] = chosen
        rows = [[agency, year, value] for (agency, year), value in sorted(choices.items())]
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "INSERT OR REPLACE INTO info(key, value) VALUES (?, ?)", (COUNTED_CHOICES_KEY, ser.dumps(rows))
            )
            self._log(conn, "", "counted", {"agency": key[0], "year": key[1], "chosen": chosen})
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            store.rollback(conn)
            raise self._write_error(exc) from exc
        self._choices = choices

    def printed_changes(self) -> list[PrintedChange]:
        """Corrections whose printed value changed since they were made (source changed on disk)."""
        return [
            PrintedChange(r.path, c.field, c.printed_before, c.printed, c.new)
            for r in self._reports
            for c in r.state.corrections.values()
            if c.printed_changed
        ]

    # ------------------------------------------------------------------ batch contents
    def add_report(self, reviewed: ReviewedReport) -> ReviewedReport:
        return self.add_reports([reviewed])[0]

    def add_reports(self, reviewed: list[ReviewedReport], synced: bool = True) -> list[ReviewedReport]:
        """Add parsed reports (with any state they carry) in one transaction.

        The objects keep their identity (undo stacks and views keyed by them stay valid): a
        report gets a ``ProjectLink`` to this project and saves its edits from now on; a report
        of a closed project moves here (of a still open one: copied).
        A report whose source is already in the project is not added twice: the project's
        object is returned.

        ``synced=False``: committed without waiting for the disk and without a checkpoint
        (``store.begin_unsynced``): kept if the program is killed, and durable across a power cut
        from the next synced commit on — every edit's is, so no edit of these reports can be
        durable while they are not. The window saves the reports of a batch being loaded so.
        """
        self.check_writable()
        conn = self._require_conn()
        out: list[ReviewedReport | tuple[ReviewedReport, int, str]] = []
        seen: dict[str, ReviewedReport | tuple[ReviewedReport, int, str]] = {}
        try:
            if synced:
                conn.execute("BEGIN IMMEDIATE")
            else:
                store.begin_unsynced(conn)
            pos = conn.execute("SELECT COALESCE(MAX(position), -1) FROM reports").fetchone()[0]
            for rr in reviewed:
                k = files.key(rr.path)
                existing = self.report(rr.path) or seen.get(k)
                if existing is not None:
                    out.append(existing)
                    continue
                pos += 1
                report = rr.report
                abspath = os.path.abspath(report.path)
                stored = self._store_path(abspath)
                sha, size, mtime = report.sha256, None, None
                if os.path.isfile(abspath):
                    st = os.stat(abspath)
                    now = files.sha256(abspath)
                    if not sha or sha == now:  # else changed since parsed: re-hashed and re-parsed on open
                        sha, size, mtime = now, st.st_size, st.st_mtime_ns
                # packed where it was parsed (a worker process) when it was; else here
                packed = report.snapshot if report.snapshot is not None and report.path == abspath else None
                report.path = abspath
                cur = conn.execute(
                    "INSERT INTO reports(position, path, sha256, src_size, src_mtime_ns,"
                    " added_at, added_by, parsed_at, snapshot)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (pos, stored, sha, size, mtime, timestamp(), current_user(), timestamp(), packed or ser.pack_report(report)),
                )
                rid = int(cur.lastrowid or 0)
                store.write_state(conn, rid, rr.state)
                self._log(conn, stored, "add", {"sha256": sha, "corrections": len(rr.state.corrections)})
                seen[k] = (rr, rid, stored)
                out.append(seen[k])
            if synced:
                store.commit(conn)
            else:
                conn.execute("COMMIT")
        except (OSError, sqlite3.Error) as exc:
            store.rollback(conn)
            raise self._write_error(exc) from exc
        finally:
            if not synced:
                try:
                    store.end_unsynced(conn)
                except sqlite3.Error:
                    pass  # the connection is unusable: the next write says so
        adopted: dict[int, ReviewedReport] = {}
        result: list[ReviewedReport] = []
        for item in out:
            if isinstance(item, tuple):
                rr, rid, stored = item
                if rid not in adopted:
                    adopted[rid] = self._adopt(rr, rid, stored)
                    self._append(adopted[rid])
                result.append(adopted[rid])
            else:
                result.append(item)
        for rr in reviewed:
            rr.report.snapshot = None  # stored (or already there): its memory is freed
        return result

    def flush(self) -> None:
        """Make every commit durable across a power cut and copy it into the project file (a
        checkpoint), after ``add_reports(..., synced=False)``. Uses a connection of its own, so any
        thread may call it while the session's connection is in use; never raises (a checkpoint
        that cannot finish now is completed by the next commit or on close)."""
        if self._closed or self._read_only:
            return
        try:
            conn = sqlite3.connect(self._path, isolation_level=None)
        except sqlite3.Error:
            return
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA synchronous = FULL")
            store.checkpoint(conn)
        except sqlite3.Error:
            pass
        finally:
            conn.close()

    def _append(self, pr: ReviewedReport) -> None:
        self._reports.append(pr)
        self._by_key[files.key(pr.path)] = pr

    def _adopt(self, rr: ReviewedReport, rid: int, stored: str) -> ReviewedReport:
        """Make ``rr`` a report of this project, keeping the object unless another open project has it."""
        old = project_link(rr)
        if old is not None and old.project is not self and not old.project.closed:
            rr = ReviewedReport(rr.report, copy.deepcopy(rr.state))  # still in an open project: a copy
        rr.link = ProjectLink(self, rid, stored)
        return rr

    def remove_report(self, path: str) -> bool:
        """Remove a report and its corrections (the log keeps what was done); False if absent."""
        self.check_writable()
        pr = self.report(path)
        if pr is None:
            return False
        conn = self._require_conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
            for table in ("corrections", "confirmations"):
                conn.execute(f"DELETE FROM {table} WHERE report_id = ?", (self._link(pr).report_id,))
            link = self._link(pr)
            conn.execute("DELETE FROM reports WHERE id = ?", (link.report_id,))
            self._log(conn, link.stored_path, "remove", {"corrections": len(pr.state.corrections)})
            store.commit(conn)
        except sqlite3.Error as exc:
            store.rollback(conn)
            raise self._write_error(exc) from exc
        self._reports.remove(pr)
        if self._by_key.get(files.key(pr.path)) is pr:
            del self._by_key[files.key(pr.path)]
        return True

    def log(self, report_path: str | None = None) -> list[LogEntry]:
        """The edit log, oldest first (optionally of one report); ``LogEntry.describe()`` reads it out."""
        self._check_open()
        conn = self._conn or store.connect_read_only(self._path)
        try:
            if report_path is None:
                return read_log(conn)
            pr = self.report(report_path)
            return read_log(conn, self._link(pr).stored_path if pr else self._store_path(os.path.abspath(report_path)))
        finally:
            if conn is not self._conn:
                conn.close()

    # ------------------------------------------------------------------ save as / close
    def save_as(self, new_path: str | os.PathLike[str]) -> None:
        """Copy the project to ``new_path`` (SQLite backup to a temp file, then rename) and continue there.

        Paths of sources are re-expressed relative to the new location. The old file stays a
        valid project as it was; the session is editable on the new file afterwards.
        """
        self._check_open()
        target = os.path.abspath(os.fspath(new_path))
        if files.key(target) == files.key(self._path):
            return
        name = Path(target).name
        lock = ProjectLock(target)
        lock.acquire()
        tmp = ""
        try:
            tmp = files.temp_beside(target)
            src = self._conn or store.connect_read_only(self._path)
            dst = sqlite3.connect(tmp, isolation_level=None)
            try:
                src.backup(dst)
                dst.execute("BEGIN IMMEDIATE")
                for rid, stored in dst.execute("SELECT id, path FROM reports").fetchall():
                    new_stored = files.stored_path(files.resolve(stored, self.folder), os.path.dirname(target))
                    dst.execute("UPDATE reports SET path = ? WHERE id = ?", (new_stored, rid))
                self._log(dst, "", "save_as", {"from": self._path, "to": target})
                dst.execute("COMMIT")
            finally:
                dst.close()
                if src is not self._conn:
                    src.close()
            files.drop_side_files(target)
            os.replace(tmp, target)
            files.fsync_dir(target)
        except (OSError, sqlite3.Error) as exc:
            if tmp:
                files.unlink_all(tmp)
            lock.release()
            raise ProjectError(
                f"项目另存为“{name}”失败：{os_reason(exc)}。原项目未受影响。{os_advice(exc)}",
                code="project.write_failed",
                details=repr(exc),
            ) from exc
        except BaseException:
            if tmp:
                files.unlink_all(tmp)
            lock.release()
            raise
        self._release()
        self._path, self._lock, self._read_only = target, lock, False
        self._conn = store.connect_writable(target)
        for pr in self._reports:
            self._link(pr).stored_path = self._store_path(os.path.abspath(pr.path))
        pending, self._pending = self._pending, []
        for pr, detail in pending:
            self._save_reconciled(pr, detail)

    def close(self) -> None:
        """Close the file and release the lock; the reports no longer accept edits."""
        self._release()
        self._closed = True

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _release(self) -> None:
        if self._conn is not None:
            store.checkpoint(self._conn)
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # ------------------------------------------------------------------ internals
    def _check_open(self) -> None:
        if self._closed:
            raise ProjectReadOnly(f"审核项目“{Path(self._path).name}”已关闭，不能再修改。")

    def check_writable(self) -> None:
        """Raise ``ProjectReadOnly`` unless edits can be saved now."""
        self._check_open()
        if self._read_only:
            raise ProjectReadOnly(
                f"审核项目“{Path(self._path).name}”以只读方式打开，不能修改。可以“另存为”一个新项目后再修改。"
            )

    def _require_conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise ProjectReadOnly(f"审核项目“{Path(self._path).name}”没有以可写方式打开。")
        return self._conn

    def _write_error(self, exc: BaseException) -> ProjectError:
        return ProjectError(
            f"无法保存到审核项目“{Path(self._path).name}”：{os_reason(exc)}。刚才的修改没有保存。{os_advice(exc)}",
            code="project.write_failed",
            details=repr(exc),
        )

    def _store_path(self, abspath: str) -> str:
        return files.stored_path(abspath, self.folder)

    def _log(self, conn: sqlite3.Connection, report: str, kind: str, data: dict[str, Any]) -> None:
        conn.execute(
            "INSERT INTO edit_log(time, user, report, kind, edit) VALUES (?, ?, ?, ?, ?)",
            (timestamp(), current_user(), report, kind, ser.dumps(data)),
        )

    def holds(self, reviewed: ReviewedReport) -> bool:
        """Whether the report is (still) one of this project's."""
        return any(r is reviewed for r in self._reports)

    def persist_edit(self, pr: ReviewedReport, edit: Edit) -> None:
        """Commit one applied edit: the state it touched and a log line, in one transaction.

        Raises ``ProjectError`` when it could not be saved (the report then restores its state).
        """
        conn = self._require_conn()
        link = self._link(pr)
        try:
            conn.execute("BEGIN IMMEDIATE")
            store.write_edit(conn, link.report_id, pr.state, edit)
            data = ser.edit_to_json(edit)
            if isinstance(edit, ValueEdit) and edit.field in pr.state.corrections:
                data["printed"] = pr.state.corrections[edit.field].printed
            data.pop("kind")
            self._log(conn, link.stored_path, ser.edit_kind(edit), data)
            store.commit(conn)
        except sqlite3.Error as exc:
            store.rollback(conn)
            raise self._write_error(exc) from exc

    def _link(self, reviewed: ReviewedReport) -> ProjectLink:
        link = project_link(reviewed)
        if link is None or link.project is not self:
            raise ProjectReadOnly("这份报告不属于当前审核项目，修改无法保存。")
        return link

    def _load(self, conn: sqlite3.Connection) -> None:
        row = conn.execute("SELECT value FROM info WHERE key = ?", (COUNTED_CHOICES_KEY,)).fetchone()
        if row is not None:
            self._choices = {(str(a), int(y)): str(v) for a, y, v in json.loads(row[0])}
        parse = self._parser()
        rows = [(row, files.resolve(row.stored, self.folder)) for row in store.read_reports(conn)]
        outside = [abspath for _row, abspath in rows if not files.inside(abspath, self.folder)]
        allowed = bool(self._outside(outside)) if callable(self._outside) and outside else self._outside is True
        self._outside_refused = [] if allowed else outside
        for row, abspath in rows:
            may_read = allowed or abspath not in outside
            got = reconcile(abspath, row.snapshot, row.state, row.sha256, row.size, row.mtime, parse, may_read=may_read)
            if got.reviewed is None:
                if got.failure is not None:
                    self._failures.append((abspath, got.failure))
                continue
            pr = got.reviewed
            pr.link = ProjectLink(self, row.id, row.stored, got.notice)
            self._append(pr)
            if got.store is not None:
                self._save_reconciled(pr, got.store)
        self._flush_stat_updates()

    def _parser(self) -> Parse:
        if self._parse is not None:
            return self._parse
        from core.parsing import parse_report

        return parse_report

    def _save_reconciled(self, pr: ReviewedReport, detail: dict[str, Any]) -> None:
        """Store a report re-read from its changed source: new snapshot and hash, flagged corrections."""
        link = self._link(pr)
        if not detail.get("snapshot"):  # same content, touched: remember the stat to skip hashing next time
            self._stat_updates.append((detail["size"], detail["mtime"], link.report_id))
            return
        if self._read_only or self._conn is None:
            self._pending.append((pr, detail))
            return
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "UPDATE reports SET snapshot = ?, sha256 = ?, src_size = ?, src_mtime_ns = ?, parsed_at = ?"
                " WHERE id = ?",
                (
                    ser.pack_report(pr.report),
                    detail["sha256"],
                    detail["size"],
                    detail["mtime"],
                    timestamp(),
                    link.report_id,
                ),
            )
            store.write_state(conn, link.report_id, pr.state)
            log = {k: v for k, v in detail.items() if k in ("old_sha256", "sha256", "printed_changed")}
            self._log(conn, link.stored_path, "source_changed", log)
            store.commit(conn)
        except sqlite3.Error as exc:
            store.rollback(conn)
            raise self._write_error(exc) from exc

    def _flush_stat_updates(self) -> None:
        updates, self._stat_updates = self._stat_updates, []
        if not updates or self._read_only or self._conn is None:
            return
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.executemany("UPDATE reports SET src_size = ?, src_mtime_ns = ? WHERE id = ?", updates)
            store.commit(self._conn)
        except sqlite3.Error as exc:
            store.rollback(self._conn)
            raise self._write_error(exc) from exc


# --------------------------------------------------------------------------- helpers


def open_project_reports(path: str) -> Iterator[ReviewedReport | tuple[str, ReportError]]:
    """The reports of a project with saved corrections applied (read-only; for the command line).

    Yields reports (each with its ``ProjectLink``), or ``(path, ReportError)`` for a report that cannot be shown.
    Raises ``ProjectError`` when the project itself cannot be opened.
    """
    project = Project.open(path, read_only=True)
    try:
        yield from project.failures()
        yield from project.reviewed_reports()
    finally:
        project.close()
