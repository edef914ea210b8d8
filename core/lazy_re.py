"""Regular expressions compiled on first use, for the module-level patterns of the parse path.

Compiling is the largest part of the command line's start-up: ``re`` builds each character class
that holds Chinese characters in pure Python (0.25 ms a class of a few characters, 1–2 ms a range
such as ``[\\u4e00-\\u9fff]``), and one file needs only part of the parser's patterns.
``lazy_compile`` takes the same arguments as ``re.compile`` and defers the work to the pattern's
first use (bench/bench_cli.py).

The result stands in for the compiled pattern: its methods and attributes (``search``, ``sub``,
``finditer``, ``pattern``, ``groupindex`` …) are the compiled pattern's own, kept on the object
after their first use, so a call costs what it costs on a ``re.Pattern``. It is not a
``re.Pattern`` instance: use its methods, not ``re.search(pattern, …)`` or ``isinstance``.

What compiling produces — the pattern's program for the regular-expression engine — is kept between
runs as Python keeps bytecode (``_PatternStore``): in one file per interpreter build, under
``sys.pycache_prefix`` when one is set, else in the user's cache folder. An entry is used only for
the exact pattern and flags it was made from, by an interpreter whose version, build and engine
(``_sre.MAGIC``, code size, limits) are the ones recorded in the file; anything else, or a file that
cannot be read, is compiled as ``re.compile`` does. As with bytecode, nothing is written when
``sys.dont_write_bytecode`` is set (PYTHONDONTWRITEBYTECODE), except by the frozen program, whose
interpreter always sets it (its own archive is read-only; the cache folder is the user's).
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import marshal
import os
import re
import sys
from typing import Any, AnyStr, cast

_FORMAT = 1  # the layout of an entry below; part of the header
_MAX_ENTRIES = 4096  # the parse path declares a few hundred; a file beyond this is started afresh

# (flags including inline ones, engine code, groups - 1, group index, index group): the arguments
# ``re._compiler.compile`` passes to ``_sre.compile`` after parsing.
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_Key = tuple[str | bytes, int]


class _PatternStore:
    """Compiled patterns' engine code, loaded from and saved to one file (see the module's doc)."""

    def __init__(self, folder: str | None, write: bool = True) -> None:
        self.header = (
            _FORMAT, sys.version, sys.implementation.cache_tag, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT,
            _sre.MAXGROUPS,
        )  # fmt: skip
        name = f"patterns-{sys.implementation.cache_tag}-{_digest(repr(self.header)):08x}.marshal"
        self.path = os.path.join(folder, name) if folder else None
        self.write = write
        self.entries: dict[_Key, _Entry] | None = None  # read on first use
        self.new: dict[_Key, _Entry] = {}

    def compile(self, pattern: str | bytes, flags: int) -> re.Pattern[Any]:
        """``re.compile(pattern, flags)``, from the stored code when there is some for exactly this."""
        flags = int(flags)
        if flags & re.DEBUG:
            return re.compile(pattern, flags)
        if self.entries is None:
            self.entries = self._read()
        key = (pattern, flags)
        entry = self.entries.get(key)
        if entry is not None:
            try:
                return _sre.compile(pattern, *entry)
            except Exception:  # code the engine rejects: compile it afresh
                del self.entries[key]
        try:
            entry = _translate(pattern, flags)
            compiled = _sre.compile(pattern, *entry)
        except Exception:  # a bad pattern: re.compile raises its own error
            return re.compile(pattern, flags)
        self.entries[key] = self.new[key] = entry
        return compiled

    def save(self) -> None:
        """Add this run's new entries to the file (atomically; a cache: failures are not errors)."""
        if not self.new or self.path is None or not self.write:
            return
        merged = self._read()
        merged.update(self.new)
        if len(merged) > _MAX_ENTRIES:
            merged = dict(self.new)
        tmp = f"{self.path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            with open(tmp, "wb") as f:
                f.write(marshal.dumps((self.header, merged)))
            os.replace(tmp, self.path)
        except (OSError, ValueError):
            try:
                os.unlink(tmp)
            except OSError:
                pass
            return
        self.new = {}

    def _read(self) -> dict[_Key, _Entry]:
        if self.path is None:
            return {}
        try:
            with open(self.path, "rb") as f:
                header, entries = marshal.loads(f.read())
        except Exception:  # missing, unreadable or damaged: compile afresh
            return {}
        if header != self.header or not isinstance(entries, dict):
            return {}
        return entries


def _translate(pattern: str | bytes, flags: int) -> _Entry:
    """What ``re._compiler.compile`` computes before it calls ``_sre.compile`` (as Python 3.11 does it;
    another version or build never reads these entries, and a failure here falls back to ``re.compile``)."""
    parsed = re._parser.parse(pattern, flags)  # type: ignore[attr-defined]
    code = [int(op) for op in re._compiler._code(parsed, flags)]  # type: ignore[attr-defined]  # plain ints
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _digest(text: str) -> int:
    """A stable 32-bit hash (FNV-1a) naming the file of one interpreter build."""
    h = 0x811C9DC5
    for ch in text.encode("utf-8", "surrogatepass"):
        h = ((h ^ ch) * 0x01000193) & 0xFFFFFFFF
    return h


def _folder() -> str | None:
    if sys.pycache_prefix:
        return os.path.join(sys.pycache_prefix, "ogi-review")
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "ogi-review") if base and os.path.isabs(base) else None


_STORE: _PatternStore | None = None


def _store() -> _PatternStore:
    global _STORE
    if _STORE is None:
        import atexit

        _STORE = _PatternStore(_folder(), write=getattr(sys, "frozen", False) or not sys.dont_write_bytecode)
        atexit.register(_STORE.save)
    return _STORE


class _LazyPattern:
    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        """Reached only for a name this object does not hold yet: compile (once), keep the value."""
        if name.startswith("__"):  # copy/pickle probes; they go through __reduce__ below
            raise AttributeError(name)
        value = getattr(self._compiled(), name)
        self.__dict__[name] = value
        return value

    def _compiled(self) -> re.Pattern[Any]:
        compiled = self.__dict__.get("_pattern")
        if compiled is None:
            compiled = self.__dict__["_pattern"] = _store().compile(*self._source)
        return cast("re.Pattern[Any]", compiled)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_LazyPattern, self._source)

    def __repr__(self) -> str:
        return f"lazy_compile({self._source[0]!r}, {self._source[1]})"


def lazy_compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return cast("re.Pattern[AnyStr]", _LazyPattern(pattern, flags))
