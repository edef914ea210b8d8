"""Regular expressions compiled on first use, for the module-level patterns of the parse path.

Compiling is the largest part of the command line's start-up: ``re`` builds each character class
that holds Chinese characters as a 64 K-entry table in pure Python (0.1–1 ms a class), and one file
needs only part of the parser's patterns. ``lazy_compile`` takes the same arguments as
``re.compile`` and defers the work to the pattern's first use (bench/bench_cli.py).

The result stands in for the compiled pattern: its methods and attributes (``search``, ``sub``,
``finditer``, ``pattern``, ``groupindex`` …) are the compiled pattern's own, kept on the object
after their first use, so a call costs what it costs on a ``re.Pattern``. It is not a
``re.Pattern`` instance: use its methods, not ``re.search(pattern, …)`` or ``isinstance``.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast


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
            compiled = self.__dict__["_pattern"] = re.compile(*self._source)
        return cast("re.Pattern[Any]", compiled)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_LazyPattern, self._source)

    def __repr__(self) -> str:
        return f"lazy_compile({self._source[0]!r}, {self._source[1]})"


def lazy_compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return cast("re.Pattern[AnyStr]", _LazyPattern(pattern, flags))
