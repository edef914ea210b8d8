"""Choose the loader for a file by its content and extension (stub: plain UTF-8 text only)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from core.errors import LoadError
from core.model import SourceDocument


def load_file(path: str, cancelled: Callable[[], bool] | None = None) -> SourceDocument:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise LoadError(f"无法读取文件“{p.name}”：{exc.strerror or exc}。", code="file.unreadable") from exc
    text = data.decode("utf-8", errors="replace")
    return SourceDocument(path=path, form="txt", original=text, text=text, offsets=list(range(len(text))))
