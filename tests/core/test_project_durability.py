"""Every acknowledged edit survives ``kill -9`` in the middle of a review."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from core.batch import PROJECT_SUFFIX
from core.review.lock import read_lock
from core.review.project import Project
from core.review.state import ReviewedReport
from tests.conftest import ROOT
from tests.core.project_support import fake_parse, write_source

EDITOR = r"""
import sys
from core.review.project import Project
from core.review.state import ConfirmEdit, MetadataEdit, ValueEdit
from tests.core.project_support import fake_parse

project = Project.open(sys.argv[1], parse=fake_parse)
reports = project.reviewed_reports()
i = 0
while True:  # edit until killed; a line is printed only once apply() has returned (committed)
    rr = reports[i % len(reports)]
    kind = i % 3
    if kind == 0:
        rr.apply(ValueEdit(f"apply.new.total", i, note=f"第{i}次"))
    elif kind == 1:
        rr.apply(MetadataEdit("agency", f"局{i}"))
    else:
        rr.apply(ConfirmEdit(f"rule{i}|x", f"确认{i}"))
    print(i, kind, rr.path, flush=True)
    i += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_loses_no_acknowledged_edit(tmp_path: Path):
    path = tmp_path / ("review" + PROJECT_SUFFIX)
    files = [write_source(tmp_path / f"r{i}.txt", {"apply.new.total": i}) for i in range(4)]
    with Project.create(path) as project:
        project.add_reports([ReviewedReport(fake_parse(str(f))) for f in files])
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), str(path)], stdout=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    acked: list[tuple[int, int, str]] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        n, kind, rpath = line.split(maxsplit=2)
        acked.append((int(n), int(kind), rpath.strip()))
        if len(acked) == 60:
            os.kill(proc.pid, signal.SIGKILL)  # mid-review: it is applying the next edit right now
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert read_lock(path).pid == proc.pid  # it died holding the lock

    before = path.read_bytes()
    with Project.open(path, read_only=True, parse=fake_parse) as viewer:  # reads the crashed writer's log
        _every_acknowledged_edit_is_there(viewer, acked)
    assert path.read_bytes() == before
    with Project.open(path, parse=fake_parse) as again:  # stale lock taken over
        _every_acknowledged_edit_is_there(again, acked)


def _every_acknowledged_edit_is_there(project: Project, acked: list[tuple[int, int, str]]) -> None:
    by_path = {r.path: r for r in project.reviewed_reports()}
    last: dict[tuple[str, int], int] = {}
    for n, kind, rpath in acked:
        last[(rpath, kind)] = n
        if kind == 2:
            confirmed = by_path[rpath].state.confirmed
            assert confirmed[f"rule{n}|x"].note == f"确认{n}"
    for (rpath, kind), n in last.items():
        rr = by_path[rpath]
        if kind == 0:
            # the killed process may have committed one more edit than it acknowledged
            assert rr.value("apply.new.total") in (n, n + 12)
            assert rr.state.corrections["apply.new.total"].note in (f"第{n}次", f"第{n + 12}次")
        elif kind == 1:
            assert rr.metadata_value("agency") in (f"局{n}", f"局{n + 12}")
    logged = [e for e in project.log() if e.kind != "add"]
    assert len(logged) in (len(acked), len(acked) + 1)
