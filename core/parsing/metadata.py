"""Metadata: agency, year, publish date, 索引号 (stub)."""

from __future__ import annotations

from core.model import Metadata, SourceDocument


def extract_metadata(doc: SourceDocument) -> Metadata:
    return Metadata()
