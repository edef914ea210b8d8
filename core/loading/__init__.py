"""Loaders: any report file → one SourceDocument (normalised text, offsets, real tables)."""

from __future__ import annotations

from collections.abc import Callable

from core.model import SourceDocument


def load(path: str, cancelled: Callable[[], bool] | None = None) -> SourceDocument:
    """Read a report file of any supported form.

    Args:
        path: the file.
        cancelled: polled between pages/blocks; when it returns True, raise ``Cancelled``.

    Returns:
        The normalised document.

    Raises:
        LoadError: with a Chinese message naming the file and the problem.
    """
    from core.loading.dispatch import load_file

    return load_file(path, cancelled)
