"""Bounded, deterministic fuzzing: mutants of our own samples never give a traceback, hang or abort.

Each mutant is parsed by the command line in worker processes under the per-file limits; the test
fails on a traceback, a missing or invalid JSON line, an internal error, or a file that had to be
stopped by the time or memory limit (every loader limit must catch it first, with its own message).
``bench/fuzz_long.py`` runs the same with many more mutants before an issue is closed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.fuzz.mutants import mutants, seeds

ROOT = Path(__file__).resolve().parents[2]
COUNT = 150
FORBIDDEN = {"internal", "limit.timeout", "limit.memory", "worker.crashed"}


def run_parse(files: list[Path], timeout: float = 30, memory: str = "1G") -> tuple[int, list[dict], str]:
    """``parse --json`` over the files: exit status, one object per file, standard error."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("OGI_REVIEW_NO_PROCESSES", None)
    done = subprocess.run(
        [sys.executable, "-m", "core", "parse", "--json", "-j", "2", "--timeout", str(timeout),
         "--memory-limit", memory, *map(str, files)],
        capture_output=True, cwd=ROOT, env=env, timeout=600,
    )  # fmt: skip
    lines = done.stdout.decode("utf-8").splitlines()
    return done.returncode, [json.loads(line) for line in lines], done.stderr.decode("utf-8", "replace")


def problems(files: list[Path], status: int, objs: list[dict], stderr: str) -> list[str]:
    out = []
    if status not in (0, 1):
        out.append(f"exit status {status}")
    if "Traceback" in stderr:
        out.append("traceback: " + stderr[-500:])
    if len(objs) != len(files):
        out.append(f"{len(objs)} JSON lines for {len(files)} files")
    for obj in objs:
        err = obj.get("error") or {}
        if not obj.get("ok") and (err.get("code") in FORBIDDEN or not err.get("message")):
            out.append(f"{Path(obj['file']).name}: {err.get('code')}: {err.get('message', '')[:200]}")
    return out


def test_mutants_never_crash_hang_or_abort(tmp_path: Path) -> None:
    files = list(mutants(seeds(tmp_path / "seeds"), tmp_path / "mutants", COUNT))
    status, objs, stderr = run_parse(files)
    assert problems(files, status, objs, stderr) == []
    assert [Path(o["file"]).name for o in objs] == [f.name for f in files]  # every file, in input order
    assert sum(1 for o in objs if o["ok"]) > COUNT // 3  # most small damage is still read
    # the attacks really reach the limits: refused by a loader limit, or a part left out with a finding
    assert any(not o["ok"] and o["error"]["code"].startswith("limit.") for o in objs)
    rules = {f["rule"] for o in objs if o["ok"] for f in o["findings"]}
    assert rules & {"load.table_too_large", "docx.numbering_range", "docx.numbering_label"}
