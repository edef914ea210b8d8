"""Console streams that print Chinese on any terminal (a Windows console may default to GBK)."""

from __future__ import annotations

import codecs
import sys


def _readable(exc: UnicodeError) -> tuple[bytes, int]:
    """Encode error handler: bytes a file name could not decode (surrogateescape) are shown read as
    GB18030 (a Chinese name from Windows), anything else unencodable as U+FFFD. (Returns bytes:
    the UTF-8 encoder accepts only ASCII text from a handler.)"""
    assert isinstance(exc, UnicodeEncodeError)
    from core.export.safe import clean_text

    text = clean_text(exc.object[exc.start : exc.end])
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
