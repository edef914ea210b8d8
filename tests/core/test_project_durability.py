"""Every acknowledged edit survives ``kill -9`` in the middle of a review."""

from __future__ import annotations

import os
import shutil
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
    if i % 20 == 19:  # a copy point: the test copies the project file alone, then lets it go on
        sys.stdin.readline()
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
        [sys.executable, str(script), str(path)], stdout=subprocess.PIPE, stdin=subprocess.PIPE, text=True,
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    acked: list[tuple[int, int, str]] = []
    copies: list[tuple[Path, int]] = []  # a plain copy of the .ogiproj alone (no -wal), taken after edit n
    assert proc.stdout is not None and proc.stdin is not None
    for line in proc.stdout:
        n, kind, rpath = line.split(maxsplit=2)
        acked.append((int(n), int(kind), rpath.strip()))
        if int(n) % 20 == 19 and len(acked) < 60:
            copy = tmp_path / f"copy{n}" / path.name
            copy.parent.mkdir()
            shutil.copyfile(path, copy)
            copies.append((copy, len(acked)))
            proc.stdin.write("\n")
            proc.stdin.flush()
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
    assert len(copies) == 2
    for copy, n_acked in copies:  # the file alone holds every edit acknowledged before it was copied
        assert not Path(str(copy) + "-wal").exists()
        with Project.open(copy, read_only=True, parse=fake_parse) as viewer:
            _every_acknowledged_edit_is_there(viewer, acked[:n_acked], exact=True)


def test_a_plain_copy_of_an_open_project_holds_every_edit(tmp_path: Path) -> None:
    from core.review.state import ValueEdit

    path = tmp_path / ("open" + PROJECT_SUFFIX)
    files = [write_source(tmp_path / f"s{i}.txt", {"apply.new.total": i}) for i in range(2)]
    with Project.create(path) as project:
        rrs = project.add_reports([ReviewedReport(fake_parse(str(f))) for f in files])
        rrs[1].apply(ValueEdit("apply.new.total", 77, note="复制前"))
        copy = tmp_path / "u盘" / path.name
        copy.parent.mkdir()
        shutil.copyfile(path, copy)  # the window still has the project open
        with Project.open(copy, read_only=True, parse=fake_parse) as viewer:
            got = {Path(r.path).name: r for r in viewer.reviewed_reports()}
            assert got["s1.txt"].value("apply.new.total") == 77
            assert got["s1.txt"].state.corrections["apply.new.total"].note == "复制前"


def _every_acknowledged_edit_is_there(
    project: Project, acked: list[tuple[int, int, str]], *, exact: bool = False
) -> None:
    """``exact``: nothing after the last acknowledged edit (a copy taken while the editor waited)."""
    by_path = {Path(r.path).name: r for r in project.reviewed_reports()}  # a copy lives elsewhere
    last: dict[tuple[str, int], int] = {}
    for n, kind, rpath in acked:
        rpath = Path(rpath).name
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
    assert len(logged) in ((len(acked),) if exact else (len(acked), len(acked) + 1))


ADDER = r"""
import os, shutil, signal, sys
from core.review.project import Project
from core.review.state import ReviewedReport, ValueEdit
from tests.core.project_support import fake_parse

project = Project.open(sys.argv[1], parse=fake_parse)
reports = [ReviewedReport(fake_parse(p)) for p in sys.argv[2:]]
project.add_reports(reports[:2], synced=False)  # as the window saves a batch while it loads
reports[1].apply(ValueEdit("apply.new.total", 99))  # an edit: synced, and the rows before it with it
project.add_reports(reports[2:], synced=False)
shutil.copyfile(sys.argv[1], sys.argv[1] + ".before")  # the project file alone, as people copy it
project.flush()
shutil.copyfile(sys.argv[1], sys.argv[1] + ".after")
print("added", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_reports_saved_without_waiting_for_the_disk_survive_kill_9(tmp_path: Path):
    path = tmp_path / ("batch" + PROJECT_SUFFIX)
    files = [write_source(tmp_path / f"b{i}.txt", {"apply.new.total": i}) for i in range(4)]
    Project.create(path).close()
    script = tmp_path / "adder.py"
    script.write_text(ADDER, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(script), str(path), *map(str, files)], capture_output=True, text=True,
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120,
    )  # fmt: skip
    assert out.stdout.strip() == "added" and out.returncode == -signal.SIGKILL
    with Project.open(path, parse=fake_parse) as project:  # the killed process's lock is stale: taken over
        assert sorted(r.path for r in project.reviewed_reports()) == sorted(str(f) for f in files)
        assert project.report(str(files[1])).value("apply.new.total") == 99
    for suffix, n in ((".before", 2), (".after", 4)):  # the edit's commit synced the first two; flush the rest
        copy = tmp_path / ("copy" + suffix + PROJECT_SUFFIX)
        shutil.copyfile(str(path) + suffix, copy)
        with Project.open(copy, read_only=True, parse=fake_parse) as alone:
            assert len(alone.reviewed_reports()) == n
