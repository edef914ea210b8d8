"""The window's per-file parse limits come from the settings (default 60 s and 1.5 GB)."""

from __future__ import annotations

from pathlib import Path

from core.batch import worker
from gui import settings


def test_parse_limits_from_settings(qtbot, tmp_path: Path) -> None:
    settings.set_settings_file(tmp_path / "s.ini")
    try:
        settings.apply_parse_limits()
        assert worker._LIMITS == worker.Limits(timeout=60.0, memory=1536 * 1024 * 1024)
        settings.set("parse/timeout_s", 5)
        settings.set("parse/memory_mb", 800)
        settings.apply_parse_limits()
        assert worker._LIMITS == worker.Limits(timeout=5.0, memory=800 * 1024 * 1024)
        settings.set("parse/timeout_s", 0)
        settings.set("parse/memory_mb", "不是数字")
        settings.apply_parse_limits()
        assert worker._LIMITS == worker.Limits(timeout=None, memory=1536 * 1024 * 1024)
    finally:
        worker.set_limits(worker.Limits())
        settings.set_settings_file(None)
