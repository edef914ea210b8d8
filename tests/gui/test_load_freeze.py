"""The load op freezes what it has delivered: the collector's full passes skip open reports."""

from __future__ import annotations

import gc
from pathlib import Path

from core.batch import worker
from gui.main_window.batch_ops import load_op
from tests.core.loader_fixtures import make_txt


def test_loaded_reports_are_frozen_out_of_the_collector(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(worker, "_DISABLED", True)  # parse in the op's thread: no process to wait for
    paths = [str(make_txt(tmp_path / f"r{i}.txt", i)) for i in range(3)]
    got: list[object] = []
    gc.unfreeze()
    try:
        op = load_op(None, paths).on_item(got.extend)
        with qtbot.waitSignal(op.finished, timeout=60000):
            op.run()
        assert len(got) == 3
        assert gc.get_freeze_count() > 0
        tracked = {id(o) for o in gc.get_objects()}  # the collector's generations, not the frozen objects
        assert not any(id(item) in tracked for item in got)
    finally:
        gc.unfreeze()
