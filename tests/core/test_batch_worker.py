"""core.batch.worker: parsing in worker processes keeps order, errors keep their code, cancel stops."""

from __future__ import annotations

import pytest

from core.errors import Cancelled, LoadError, ReportError
from core.model import Report
from core.batch import worker as parse_worker
from tests.gui.synthetic import write_report


@pytest.mark.parametrize("processes", [True, False])
def test_results_in_input_order_with_errors(tmp_path, processes: bool) -> None:
    paths = [str(write_report(tmp_path, f"p{i}.txt", f"进程{i}局", 2023)) for i in range(6)]
    paths.insert(3, str(tmp_path / "缺失.txt"))
    parse_worker.set_enabled(processes)
    try:
        out = list(parse_worker.parse_many(paths))
    finally:
        parse_worker.set_enabled(True)
    assert [p for p, _r in out] == paths
    assert all(isinstance(r, Report) for p, r in out if "缺失" not in p)
    err = dict(out)[paths[3]]
    assert isinstance(err, LoadError) and "缺失.txt" in err.message and err.code != "error"


def test_error_rebuilt_with_class_code_and_details() -> None:
    exc = parse_worker.rebuild_error(("LoadError", "无法读取文件“甲.pdf”。", "pdf.encrypted", "trace"))
    assert type(exc) is LoadError and exc.code == "pdf.encrypted" and exc.details == "trace"
    unknown = parse_worker.rebuild_error(("NoSuchError", "消息", "x", ""))
    assert type(unknown) is ReportError and unknown.message == "消息"


def test_cancel_stops_the_batch(tmp_path) -> None:
    paths = [str(write_report(tmp_path, f"c{i}.txt", f"取消{i}局", 2023)) for i in range(20)]
    seen: list[str] = []
    with pytest.raises(Cancelled):
        for path, _r in parse_worker.parse_many(paths, cancelled=lambda: len(seen) >= 2):
            seen.append(path)
    assert seen == paths[:2]
