"""Where bundled resources (sample reports, icons, translations) live, from source or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    """The ``resources/`` folder: beside the packages in a checkout, under _MEIPASS when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def sample_dir() -> Path:
    return resource_dir() / "samples"


def sample_files() -> list[Path]:
    """The bundled sample reports, sorted by name."""
    from core.batch import is_report_file

    d = sample_dir()
    return sorted(p for p in d.iterdir() if p.is_file() and is_report_file(p)) if d.is_dir() else []
