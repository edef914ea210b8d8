"""Console streams that print Chinese on any terminal (a Windows console may default to GBK)."""

from __future__ import annotations

import sys


def utf8_streams() -> None:
    """Make stdout/stderr UTF-8 with replacement, so printing never raises UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass
