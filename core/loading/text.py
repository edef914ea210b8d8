"""Plain text (.txt) and Markdown (.md) loaders: decode, then normalise (no grids)."""

from __future__ import annotations

from core.loading.builder import DocBuilder
from core.model import SourceDocument


def load_text(path: str, text: str, encoding: str, form: str = "txt") -> SourceDocument:
    """A SourceDocument from decoded text; Markdown keeps ``#`` headings and pipe tables."""
    b = DocBuilder()
    b.add(text)
    return b.build(path, form, encoding=encoding)
