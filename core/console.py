"""Console streams that print Chinese on any terminal (a Windows console may default to GBK)."""

from __future__ import annotations

import codecs
import sys

from core.lazy_re import lazy_compile

_ESCAPED = lazy_compile("[\udc80-\udcff]+")  # bytes a file name could not decode (surrogateescape)
_SURROGATE = lazy_compile("[\ud800-\udfff]")


def readable(text: str) -> str:
    """``text`` with bytes a file name could not decode (surrogateescape) read as GB18030 — the
    usual encoding of a Chinese file name copied from Windows — or else shown as U+FFFD."""
    if not _ESCAPED.search(text):
        return text
    return "/".join(_readable_part(part) for part in text.split("/"))


def _readable_part(part: str) -> str:
    if not _ESCAPED.search(part):
        return part
    try:
        raw = part.encode("utf-8", "surrogateescape")  # the bytes the name really has
        return raw.decode("gb18030")
    except UnicodeError:
        return _ESCAPED.sub("\ufffd", part)


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (a byte a file name could not decode): not encodable as UTF-8."""
    return _SURROGATE.search(text) is not None


def printable(text: str) -> str:
    """``readable(text)`` with any other lone surrogate as U+FFFD: safe to encode as UTF-8."""
    return _SURROGATE.sub("\ufffd", readable(text))


def _readable(exc: UnicodeError) -> tuple[bytes, int]:
    """Encode error handler: bytes a file name could not decode (surrogateescape) are shown read as
    GB18030 (a Chinese name from Windows), anything else unencodable as U+FFFD. (Returns bytes:
    the UTF-8 encoder accepts only ASCII text from a handler.)"""
    assert isinstance(exc, UnicodeEncodeError)
    text = printable(exc.object[exc.start : exc.end])
    return text.encode(exc.encoding, "replace"), exc.end


codecs.register_error("ogi_readable", _readable)


def utf8_streams() -> None:
    """Make stdout/stderr UTF-8; printing never raises UnicodeEncodeError (odd file names are shown
    readably, see ``_readable``)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(encoding="utf-8", errors="ogi_readable")
            except (ValueError, OSError):
                pass
