"""Shared fixtures. Qt runs offscreen; real documents are read from ../shared (never copied)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests explore new examples on developers' machines; on CI they replay a fixed set,
# so a landing never depends on the luck of the draw (a failure found locally is pinned with
# @example in the test).
from hypothesis import settings as _hypothesis_settings

_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
SPEC = SHARED / "spec"


def seed(prefix: str) -> Path:
    """A seed report by its number prefix (``"001"``)."""
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.fail(f"seed {prefix} missing from {SEEDS}: CI must have ../shared beside the clone")
    return matches[0]


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} missing: CI must have ../shared beside the clone")
    return SHARED


_SHARED_NAMES = ("seed(", "SEEDS", "CORPUS", "SPEC", "SHARED", "shared_dir")
_module_uses_shared: dict[str, bool] = {}


def _uses_shared(path: Path) -> bool:
    key = str(path)
    if key not in _module_uses_shared:
        try:
            src = path.read_text(encoding="utf-8")
        except OSError:
            src = ""
        _module_uses_shared[key] = any(n in src for n in _SHARED_NAMES)
    return _module_uses_shared[key]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark GUI tests (they use qtbot/qapp) and tests reading real documents from ../shared."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "qtbot" in names or "qapp" in names or "qtmodeltester" in names:
            item.add_marker(pytest.mark.gui)
        if _uses_shared(Path(str(item.fspath))):
            item.add_marker(pytest.mark.shared)
