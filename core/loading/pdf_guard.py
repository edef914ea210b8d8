"""Bounded stream decoding for pdfminer: a small PDF cannot inflate to gigabytes.

pdfminer inflates each stream with ``zlib.decompress(data)`` in one piece: a 500 KB content stream
of zeros becomes 500 MB before anything can look at it. ``install()`` (idempotent) gives
``pdfminer.pdftypes`` a ``zlib`` whose ``decompress`` stops at ``MAX_PDF_STREAM`` bytes, and makes
``PDFStream.decode`` count every decoded stream (any filter) against ``MAX_PDF_INFLATED`` per
document. Over a limit → ``LimitExceeded`` (the loader turns it into a message naming the file).

``start_document()`` resets the per-document budget (per thread: the window may parse in a
thread when worker processes are disabled).
"""

from __future__ import annotations

import threading
import zlib
from typing import Any

from core.loading.limits import MAX_PDF_INFLATED, MAX_PDF_STREAM, LimitExceeded, describe_bytes

_state = threading.local()
_installed = False


def _stream_too_large(n: int) -> LimitExceeded:
    return LimitExceeded(
        "limit.pdf_stream",
        f"中有一个数据流解压后超过 {describe_bytes(n)}",
        f"每个数据流 {describe_bytes(MAX_PDF_STREAM)}",
    )


def _count(n: int) -> None:
    total = getattr(_state, "total", 0) + n
    _state.total = total
    if total > MAX_PDF_INFLATED:
        raise LimitExceeded(
            "limit.pdf_inflated",
            f"的数据解压后超过 {describe_bytes(total)}",
            f"每个 PDF {describe_bytes(MAX_PDF_INFLATED)}",
        )


def start_document() -> None:
    """Reset the per-document budget before reading a PDF."""
    _state.total = 0


class _BoundedDecompressor:
    def __init__(self) -> None:
        self._d = zlib.decompressobj()
        self._n = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = MAX_PDF_STREAM + 1 - self._n
        out = self._d.decompress(data, room if not max_length else min(max_length, room))
        self._n += len(out)
        if self._n > MAX_PDF_STREAM:
            raise _stream_too_large(self._n)
        return out

    def flush(self, *args: Any) -> bytes:
        return self._d.flush(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._d, name)


class _BoundedZlib:
    """The part of the ``zlib`` module pdfminer uses, with bounded output."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes, *args: Any) -> bytes:
        d = zlib.decompressobj(*args[1:2])
        out = d.decompress(data, MAX_PDF_STREAM + 1)
        if len(out) > MAX_PDF_STREAM:
            raise _stream_too_large(len(out))
        if not d.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    @staticmethod
    def decompressobj(*args: Any) -> _BoundedDecompressor:
        return _BoundedDecompressor()

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's fallback for a stream whose checksum is wrong, without its byte-at-a-time,
    quadratic loop: what inflates before the checksum is kept; damage before it still raises."""
    try:
        return _BoundedDecompressor().decompress(data)
    except zlib.error:
        return _BoundedDecompressor().decompress(data[:-4])


def install() -> None:
    """Bound pdfminer's stream decoding (once per process)."""
    global _installed
    if _installed:
        return
    from pdfminer import pdftypes

    pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment]
    pdftypes.decompress_corrupted = _decompress_corrupted
    original = pdftypes.PDFStream.decode

    def decode(self: Any) -> None:
        original(self)
        n = len(self.data or b"")
        if n > MAX_PDF_STREAM:
            self.data = b""
            raise _stream_too_large(n)
        _count(n)

    pdftypes.PDFStream.decode = decode  # type: ignore[method-assign]
    _installed = True
