"""A lock file beside a review project, so a second instance opens it read-only.

``<project>.lock`` is created atomically (a complete temp file hard-linked into place, or
``O_EXCL`` where links are unsupported) and holds JSON: pid, host, user, time. A lock left by a
process that no longer runs on this host is stale and taken over.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import json
import os
import socket
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from core.errors import ProjectError, os_advice, os_reason
from core.review.state import local_minute


class ProjectLocked(ProjectError):
    """The project is open in another instance; open it with ``read_only=True`` to view it."""

    code = "project.locked"

    def __init__(self, path: str, holder: LockInfo | None) -> None:
        name = Path(path).name
        if holder is None:
            who = "另一个程序"
        else:
            since = local_minute(holder.time) if holder.time else "时间未知"
            who = f"用户“{holder.user or '未知'}”（计算机 {holder.host or '未知'}，进程 {holder.pid}，{since} 起）"
        super().__init__(
            f"审核项目“{name}”正由{who}打开，为避免修改互相覆盖，只能以只读方式查看。",
            details=f"lock file: {lock_path(path)}",
        )
        self.holder = holder


@dataclass(frozen=True)
class LockInfo:
    """Who holds a project lock."""

    pid: int
    host: str
    user: str
    time: str

    def to_json(self) -> str:
        return json.dumps(
            {"pid": self.pid, "host": self.host, "user": self.user, "time": self.time}, ensure_ascii=False
        )


def lock_path(project: str | os.PathLike[str]) -> str:
    return os.fspath(project) + ".lock"


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return ""


def _me() -> LockInfo:
    return LockInfo(
        os.getpid(), socket.gethostname(), _user(), _dt.datetime.now().astimezone().isoformat(timespec="seconds")
    )


def read_lock(project: str | os.PathLike[str]) -> LockInfo | None:
    """The lock's holder, or None when there is no lock (an unreadable lock gives pid 0)."""
    try:
        with open(lock_path(project), encoding="utf-8") as fh:
            d = json.load(fh)
        return LockInfo(int(d.get("pid", 0)), str(d.get("host", "")), str(d.get("user", "")), str(d.get("time", "")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, AttributeError):
        return LockInfo(0, "", "", "")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_stale(info: LockInfo) -> bool:
    """A lock left by a dead process on this host (or an empty, unreadable lock)."""
    if info.pid == 0 and not info.host:
        return True
    return info.host == socket.gethostname() and not _pid_alive(info.pid)


def _create(path: str, info: LockInfo) -> bool:
    """Create the lock file with ``info`` atomically; False when it already exists."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".lock-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(info.to_json())
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
            return True
        except FileExistsError:
            return False
        except OSError:  # file system without hard links: fall back to O_EXCL
            try:
                fd2 = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                return False
            with os.fdopen(fd2, "w", encoding="utf-8") as fh:
                fh.write(info.to_json())
            return True
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


class ProjectLock:
    """The lock this process holds on a project; ``release()`` removes it."""

    def __init__(self, project: str | os.PathLike[str]) -> None:
        self.project = os.fspath(project)
        self.path = lock_path(project)
        self.info: LockInfo | None = None

    def acquire(self) -> None:
        """Take the lock, taking over a stale one; raise ``ProjectLocked`` when it is held."""
        me = _me()
        for _ in range(3):
            try:
                if _create(self.path, me):
                    self.info = me
                    return
            except OSError as exc:
                raise ProjectError(
                    f"无法在“{Path(self.project).parent}”中创建项目锁文件：{os_reason(exc)}。{os_advice(exc)}",
                    code="project.lock_failed",
                    details=repr(exc),
                ) from exc
            holder = read_lock(self.project)
            if holder is None:
                continue  # released meanwhile: try again
            if not is_stale(holder):
                raise ProjectLocked(self.project, holder)
            # Stale: remove it only if it is still the very lock we judged stale.
            if read_lock(self.project) == holder:
                try:
                    os.unlink(self.path)
                except FileNotFoundError:
                    pass
        raise ProjectLocked(self.project, read_lock(self.project))

    def release(self) -> None:
        """Remove the lock if it is still ours."""
        if self.info is None:
            return
        if read_lock(self.project) == self.info:
            try:
                os.unlink(self.path)
            except OSError:
                pass
        self.info = None

    @property
    def held(self) -> bool:
        return self.info is not None
