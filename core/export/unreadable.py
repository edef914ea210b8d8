"""无法读取: the files that could not be read, and why (the Chinese message and its code), and the
rows of the agency directory that could not be used.

Public API:
    UNREADABLE, UNREADABLE_COLUMNS; unreadable_rows(batch) -> rows
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.export.stream import columns

if TYPE_CHECKING:
    from core.batch.model import Batch

UNREADABLE = "无法读取"
UNREADABLE_COLUMNS = columns(("文件", 50), ("原因", 70), ("错误代码", 18))


def unreadable_rows(batch: Batch) -> Iterator[list[Any]]:
    for e in batch.failures():
        err = e.failure.error if e.failure is not None else None
        yield [e.path, getattr(err, "message", "") or "无法读取", getattr(err, "code", "")]
    d = batch.directory
    for problem in getattr(d, "problems", []) or []:
        yield [f"{Path(d.path).name if d is not None and d.path else '机关名录'}", problem, "directory.row"]
