"""File helpers: hashes, stored paths, temp files beside a target, atomic writes and durable renames."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def sha256(path: str) -> str:
    """The file's content hash (hex)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def key(path: str) -> str:
    """A path's identity for comparisons (absolute, case-folded where the OS folds case)."""
    return os.path.normcase(os.path.abspath(path))


def stored_path(abspath: str, folder: str) -> str:
    """Relative to the project's folder ('/'-separated) when possible, absolute otherwise."""
    try:
        rel = os.path.relpath(abspath, folder)
    except ValueError:  # another drive (Windows)
        return abspath
    return Path(rel).as_posix()


def resolve(stored: str, folder: str) -> str:
    if os.path.isabs(stored):
        return stored
    return os.path.normpath(os.path.join(folder, *stored.split("/")))


def inside(path: str, folder: str) -> bool:
    """True when ``path`` (symbolic links followed) lies in ``folder`` or below it."""
    try:
        real, base = os.path.realpath(path), os.path.realpath(folder)
        return os.path.commonpath([os.path.normcase(real), os.path.normcase(base)]) == os.path.normcase(base)
    except (ValueError, OSError):  # another drive (Windows), or an unresolvable path
        return False


def temp_beside(path: str) -> str:
    import tempfile  # here: the commands that write nothing never load it (start-up, tests/core/test_startup.py)

    folder = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix="." + Path(path).name + ".", suffix=".tmp", dir=folder)
    os.close(fd)
    os.unlink(tmp)  # SQLite creates it: an empty file would be taken for a database
    return tmp


def unlink_all(path: str) -> None:
    for p in (path, path + "-wal", path + "-shm", path + "-journal"):
        try:
            os.unlink(p)
        except OSError:
            pass


def drop_side_files(path: str) -> None:
    """Remove a replaced project's stale -wal/-shm (we hold its lock: nobody has it open)."""
    for suffix in ("-wal", "-shm"):
        try:
            os.unlink(path + suffix)
        except FileNotFoundError:
            pass


def fsync_dir(path: str) -> None:
    """Make a rename in the file's folder durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(os.path.dirname(path) or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def give_default_mode(path: str | os.PathLike[str]) -> None:
    """mkstemp makes 0600 files: give a written file the mode a normal save would (colleagues on a
    shared folder must be able to open it). POSIX only; a failure leaves the mode as it is."""
    if os.name != "posix":
        return
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(path, 0o666 & ~umask)
    except OSError:
        pass


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never a part:
    a temporary file beside it, synced, given the default mode, renamed over it, the rename synced.
    The temporary file is removed on any failure; OSError propagates."""
    import tempfile

    target = os.fspath(path)
    fd, tmp = tempfile.mkstemp(prefix=".~", suffix=Path(target).suffix, dir=os.path.dirname(target) or ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        give_default_mode(tmp)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_dir(target)
