"""The command line: JSON Lines per file, failures reported, usage errors exit 2."""

import json
import subprocess
import sys

from tests.conftest import ROOT


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "core", *args], capture_output=True, text=True, cwd=ROOT, timeout=120, encoding="utf-8"
    )


def test_parse_json_lines_one_per_file_in_order(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("某某局2021年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    out = run_cli("parse", "--json", str(a), str(missing))
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert [x["file"] for x in lines] == [str(a), str(missing)]
    assert lines[0]["ok"] is True and set(lines[0]["sections"]) == {"s1", "s2", "s3", "s4", "s5", "s6"}
    assert lines[1]["ok"] is False and lines[1]["error"]["message"]
    assert "missing.txt" in lines[1]["error"]["message"]
    assert out.returncode == 1


def test_usage_error_exits_2():
    assert run_cli("frobnicate").returncode == 2
