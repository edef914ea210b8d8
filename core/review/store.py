"""The review project's SQLite file: schema, version stamp, safe checks before opening.

A project file is checked read-only before anything is written to it: the header must be
SQLite's, ``PRAGMA application_id`` ours, ``user_version`` one this program knows, the file
complete, and ``PRAGMA quick_check`` clean. A file that fails is reported with a Chinese
message and left exactly as it is (never "repaired" in place).
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import ProjectError, os_reason
from core.review import serialize as ser
from core.review.checks import BadShape, check_state
from core.review.state import (
    ConfirmEdit,
    Edit,
    MetadataEdit,
    ReviewedEdit,
    ReviewState,
    RowRemapEdit,
    SectionStartEdit,
    ValueEdit,
)

APP_ID = 0x4F474931  # "OGI1": PRAGMA application_id of every review project
SCHEMA_VERSION = 1  # PRAGMA user_version: bump with a migration in ``migrate``

SCHEMA = """
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    path TEXT NOT NULL UNIQUE,          -- relative to the project's folder when possible, '/'-separated
    sha256 TEXT NOT NULL DEFAULT '',    -- of the source file the snapshot was parsed from
    src_size INTEGER,                   -- st_size and st_mtime_ns when hashed (skip re-hashing)
    src_mtime_ns INTEGER,
    added_at TEXT NOT NULL DEFAULT '',
    added_by TEXT NOT NULL DEFAULT '',
    parsed_at TEXT NOT NULL DEFAULT '',
    snapshot BLOB NOT NULL,             -- zlib-compressed JSON of the parsed Report
    metadata TEXT NOT NULL DEFAULT '{}',        -- ReviewState.metadata
    section_starts TEXT NOT NULL DEFAULT '{}',  -- ReviewState.section_starts
    row_remaps TEXT NOT NULL DEFAULT '{}',      -- ReviewState.row_remaps
    reviewed INTEGER NOT NULL DEFAULT 0,
    reviewed_by TEXT NOT NULL DEFAULT '',
    reviewed_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE corrections (
    report_id INTEGER NOT NULL,
    field TEXT NOT NULL,
    printed TEXT,                -- JSON: the value as printed
    new TEXT,                    -- JSON: the reviewer's value
    note TEXT NOT NULL DEFAULT '',
    time TEXT NOT NULL DEFAULT '',
    user TEXT NOT NULL DEFAULT '',
    printed_changed INTEGER NOT NULL DEFAULT 0,
    printed_before TEXT,         -- JSON: what was printed when the reviewer corrected it
    PRIMARY KEY (report_id, field)
);
CREATE TABLE confirmations (
    report_id INTEGER NOT NULL,
    key TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    time TEXT NOT NULL DEFAULT '',
    user TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (report_id, key)
);
CREATE TABLE edit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    user TEXT NOT NULL,
    report TEXT NOT NULL,        -- the report's stored path ('' for project-level events)
    kind TEXT NOT NULL,          -- edits: value | metadata | section | row_remap | confirm | reviewed;
                                 -- events: add | remove | source_changed | save_as | counted
    edit TEXT NOT NULL           -- JSON
);
CREATE TRIGGER edit_log_no_update BEFORE UPDATE ON edit_log BEGIN SELECT RAISE(ABORT, 'edit_log is append-only'); END;
CREATE TRIGGER edit_log_no_delete BEFORE DELETE ON edit_log BEGIN SELECT RAISE(ABORT, 'edit_log is append-only'); END;
"""

INSERT_CORRECTION = (
    "INSERT INTO corrections(report_id, field, printed, new, note, time, user, printed_changed, printed_before)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
REQUIRED_TABLES = {"info", "reports", "corrections", "confirmations", "edit_log"}
_MAGIC = b"SQLite format 3\x00"


def _damaged(name: str, why: str, details: str = "") -> ProjectError:
    return ProjectError(
        f"审核项目“{name}”已损坏，无法打开（{why}）。原文件未做任何改动；请使用备份，或重新建立项目。",
        code="project.corrupt",
        details=details,
    )


def _uri(path: str, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return Path(path).absolute().as_uri() + ("?" + query if query else "")


def _wal_has_frames(path: str) -> bool:
    try:
        return os.path.getsize(path + "-wal") > 0
    except OSError:
        return False


def connect_read_only(path: str) -> sqlite3.Connection:
    """A connection that never writes the project file.

    When no connection has the file open (no -wal or -shm beside it) it is opened
    ``immutable`` (no side files at all); otherwise ``mode=ro``, which shares the other
    instance's log, so the edits it committed are seen.
    """
    if os.path.exists(path + "-wal") or os.path.exists(path + "-shm"):
        return sqlite3.connect(_uri(path, mode="ro"), uri=True)
    return sqlite3.connect(_uri(path, mode="ro", immutable="1"), uri=True)


def check_header(path: str) -> None:
    """Check the file's first 100 bytes and size before SQLite touches it (read-only)."""
    name = Path(path).name
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            head = fh.read(100)
    except FileNotFoundError:
        raise ProjectError(f"找不到审核项目“{name}”（{path}）。", code="project.missing") from None
    except OSError as exc:
        raise ProjectError(f"无法读取审核项目“{name}”：{os_reason(exc)}。", code="project.unreadable") from exc
    if size == 0:
        raise _damaged(name, "文件是空的")
    if not head.startswith(_MAGIC):
        raise ProjectError(f"“{name}”不是审核项目文件（文件内容不是项目数据库）。", code="project.not_project")
    if len(head) < 100:
        raise _damaged(name, "文件不完整")
    user_version = int.from_bytes(head[60:64], "big")
    app_id = int.from_bytes(head[68:72], "big")
    if app_id != APP_ID:
        raise ProjectError(f"“{name}”是数据库文件，但不是本程序的审核项目。", code="project.not_project")
    if user_version > SCHEMA_VERSION:
        raise newer_version(name, user_version)
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise _damaged(name, "文件头无效")
    n_pages = int.from_bytes(head[28:32], "big")
    counter_ok = head[24:28] == head[92:96]
    if not _wal_has_frames(path) and (size % page_size or (counter_ok and size < n_pages * page_size)):
        raise _damaged(name, "文件不完整，可能在复制或保存时被截断", f"size {size}, expected {n_pages} × {page_size}")


def newer_version(name: str, version: int) -> ProjectError:
    return ProjectError(
        f"审核项目“{name}”由更新版本的程序保存（项目格式 {version}，本程序只支持到 {SCHEMA_VERSION}），"
        "请升级程序后再打开。原文件未做任何改动。",
        code="project.newer",
    )


def check_file(path: str) -> None:
    """Raise ``ProjectError`` unless ``path`` is a sound review project this program can open."""
    name = Path(path).name
    check_header(path)
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        raise ProjectError(f"无法打开审核项目“{name}”：{os_reason(exc)}。", code="project.unreadable", details=repr(exc)) from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APP_ID:
            raise ProjectError(f"“{name}”是数据库文件，但不是本程序的审核项目。", code="project.not_project")
        if version > SCHEMA_VERSION:
            raise newer_version(name, version)
        problems = [r[0] for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
        if problems != ["ok"]:
            raise _damaged(name, "数据库结构检查未通过", "; ".join(map(str, problems)))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not REQUIRED_TABLES <= tables:
            raise _damaged(name, "缺少数据表", f"missing: {sorted(REQUIRED_TABLES - tables)}")
    except sqlite3.DatabaseError as exc:
        raise _damaged(name, "数据库无法读取", repr(exc)) from exc
    finally:
        conn.close()


def connect_writable(path: str) -> sqlite3.Connection:
    """The session's connection: autocommit (explicit transactions), WAL, fully synced commits."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")  # durable across a power cut, not only a crash
    return conn


def commit(conn: sqlite3.Connection) -> None:
    """Commit, then copy the log into the project file itself (a WAL checkpoint).

    People copy the ``.ogiproj`` alone to a USB stick or a shared folder, while the program is
    open or after a crash: the file by itself must hold every acknowledged edit, not only the
    ``-wal`` file beside it. A passive checkpoint never waits for a reader; one that cannot finish
    (a read-only viewer holds an old snapshot) is completed by the next commit or on close, and the
    edit itself is already durable in the log.
    """
    conn.execute("COMMIT")
    checkpoint(conn)


def begin_unsynced(conn: sqlite3.Connection) -> None:
    """Start a transaction whose commit does not wait for the disk (``end_unsynced`` after it).

    Its commit reaches the log (the ``-wal`` file) in the system's cache: it survives the program
    being killed, and the next synced commit (every edit's) or checkpoint makes it durable across a
    power cut too. For saving reports while a batch loads, where a synced commit each time made the
    window wait for the disk (tens of milliseconds on a busy one).
    """
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("BEGIN IMMEDIATE")


def end_unsynced(conn: sqlite3.Connection) -> None:
    """Back to synced commits (after ``begin_unsynced``'s transaction ended, committed or not)."""
    conn.execute("PRAGMA synchronous = FULL")


def checkpoint(conn: sqlite3.Connection) -> None:
    """Move committed pages from the -wal file into the project file (never raises)."""
    try:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    except sqlite3.Error:
        pass


def initialise(conn: sqlite3.Connection, info: dict[str, str]) -> None:
    """Create the schema and stamp application_id and user_version in a new, empty database."""
    conn.execute(f"PRAGMA application_id = {APP_ID}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN")
    for stmt in _statements(SCHEMA):
        conn.execute(stmt)
    conn.executemany("INSERT INTO info(key, value) VALUES (?, ?)", sorted(info.items()))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute("COMMIT")


def _statements(script: str) -> list[str]:
    """Split the schema into statements (triggers hold ';' inside BEGIN … END)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines():
        line = line.split("--", 1)[0].rstrip()
        if not line:
            continue
        buf += line + "\n"
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return out


def migrate(conn: sqlite3.Connection, name: str) -> None:
    """Bring an older project up to ``SCHEMA_VERSION`` (only ever forward)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise newer_version(name, version)
    # version 1 is the first schema: nothing to migrate yet.


# --------------------------------------------------------------------------- writing review state


def rollback(conn: sqlite3.Connection | None) -> None:
    if conn is not None and conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def write_state(conn: sqlite3.Connection, rid: int, st: ReviewState) -> None:
    """Write a report's whole ReviewState (inside the caller's transaction)."""
    conn.execute("DELETE FROM corrections WHERE report_id = ?", (rid,))
    conn.executemany(
        INSERT_CORRECTION,
        [(rid, *ser.correction_to_row(c)) for c in st.corrections.values()],
    )
    conn.execute("DELETE FROM confirmations WHERE report_id = ?", (rid,))
    conn.executemany(
        "INSERT INTO confirmations(report_id, key, note, time, user) VALUES (?, ?, ?, ?, ?)",
        [(rid, c.key, c.note, c.time, c.user) for c in st.confirmed.values()],
    )
    conn.execute(
        "UPDATE reports SET metadata = ?, section_starts = ?, row_remaps = ?,"
        " reviewed = ?, reviewed_by = ?, reviewed_at = ?"
        " WHERE id = ?",
        (
            ser.dumps(st.metadata),
            ser.dumps(st.section_starts),
            ser.dumps(st.row_remaps),
            int(st.reviewed),
            st.reviewed_by,
            st.reviewed_at,
            rid,
        ),
    )


def write_edit(conn: sqlite3.Connection, rid: int, st: ReviewState, edit: Edit) -> None:
    """Write the part of the state one edit touched (inside the caller's transaction)."""
    if isinstance(edit, ValueEdit):
        conn.execute("DELETE FROM corrections WHERE report_id = ? AND field = ?", (rid, edit.field))
        c = st.corrections.get(edit.field)
        if c is not None:
            conn.execute(
                INSERT_CORRECTION,
                (rid, *ser.correction_to_row(c)),
            )
    elif isinstance(edit, ConfirmEdit):
        conn.execute("DELETE FROM confirmations WHERE report_id = ? AND key = ?", (rid, edit.key))
        cf = st.confirmed.get(edit.key)
        if cf is not None:
            conn.execute(
                "INSERT INTO confirmations(report_id, key, note, time, user) VALUES (?, ?, ?, ?, ?)",
                (rid, cf.key, cf.note, cf.time, cf.user),
            )
    elif isinstance(edit, MetadataEdit):
        conn.execute("UPDATE reports SET metadata = ? WHERE id = ?", (ser.dumps(st.metadata), rid))
    elif isinstance(edit, SectionStartEdit):
        conn.execute("UPDATE reports SET section_starts = ? WHERE id = ?", (ser.dumps(st.section_starts), rid))
    elif isinstance(edit, RowRemapEdit):
        conn.execute("UPDATE reports SET row_remaps = ? WHERE id = ?", (ser.dumps(st.row_remaps), rid))
    elif isinstance(edit, ReviewedEdit):
        conn.execute(
            "UPDATE reports SET reviewed = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ?",
            (int(st.reviewed), st.reviewed_by, st.reviewed_at, rid),
        )
    else:  # pragma: no cover - a new edit kind: save everything rather than lose it
        write_state(conn, rid, st)


# --------------------------------------------------------------------------- reading


@dataclass
class ReportRow:
    """A stored report: where its source is, what it was parsed from, and the reviewer's state."""

    id: int
    stored: str
    sha256: str
    size: int | None
    mtime: int | None
    snapshot: bytes
    state: ReviewState


def read_reports(conn: sqlite3.Connection) -> list[ReportRow]:
    """Every report of the project in order, with its ReviewState."""
    corrections: dict[int, list[Any]] = {}
    confirmed: dict[int, list[Any]] = {}
    try:
        for row in conn.execute(
            "SELECT report_id, field, printed, new, note, time, user, printed_changed, printed_before FROM corrections"
        ):
            corrections.setdefault(row[0], []).append(ser.correction_from_row(row[1:]))
        for row in conn.execute("SELECT report_id, key, note, time, user FROM confirmations"):
            confirmed.setdefault(row[0], []).append(ser.confirmation_from_row(row[1:]))
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise BadShape(f"corrections: {exc}") from exc
    out: list[ReportRow] = []
    for rid, stored, sha, size, mtime, blob, meta, starts, remaps, reviewed, by, at in conn.execute(
        "SELECT id, path, sha256, src_size, src_mtime_ns, snapshot, metadata, section_starts, row_remaps,"
        " reviewed, reviewed_by, reviewed_at FROM reports ORDER BY position, id"
    ):
        try:
            state = ReviewState(
                corrections={c.field: c for c in corrections.get(rid, [])},
                metadata=json.loads(meta),
                section_starts=json.loads(starts),
                row_remaps=json.loads(remaps),
                confirmed={c.key: c for c in confirmed.get(rid, [])},
                reviewed=bool(reviewed),
                reviewed_by=by,
                reviewed_at=at,
            )
            check_state(state, f"reports[{stored!r}]")
            if not isinstance(stored, str) or not isinstance(sha, str) or not isinstance(blob, bytes):
                raise BadShape(f"reports[{stored!r}]: path, sha256 or snapshot of the wrong type")
        except (TypeError, ValueError, AttributeError, KeyError) as exc:  # valid JSON of the wrong shape
            raise BadShape(str(exc)) from exc
        out.append(ReportRow(rid, stored, sha, size, mtime, bytes(blob), state))
    return out
