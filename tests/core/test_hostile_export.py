"""Text no workbook can hold never aborts an export: every cell, comment, sheet and file name is made safe."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from core.console import readable
from core.export import export_batch
from core.export.safe import clean_text, file_name, sheet_name
from core.parsing import parse_report
from core.parsing.tables.cells import parse_token
from core.review.state import ValueEdit
from tests.core.export_helpers import make_reviewed
from tests.core.loader_fixtures import make_txt

ROOT = Path(__file__).resolve().parents[2]
BAD = "\ufffe\uffff\ud800\udfff\x01\x1b"


def assert_valid_workbook(path: Path) -> None:
    """Every XML part parses strictly (what LibreOffice and Excel require)."""
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels", ".vml")):
                etree.fromstring(zf.read(name))  # raises on U+FFFE, controls, broken UTF-8
    from openpyxl import load_workbook

    load_workbook(path)


def test_clean_text_removes_what_xml_cannot_hold() -> None:
    assert clean_text("甲" + BAD + "乙") == "甲\ufffd\ufffd\ufffd\ufffd乙"
    assert clean_text("a\tb\nc") == "a\tb\nc"
    gbk_name = "青海.txt".encode("gb18030").decode("utf-8", "surrogateescape")
    assert readable(gbk_name) == "青海.txt" and clean_text(gbk_name) == "青海.txt"


@pytest.mark.parametrize("name", ["甲" * 30 + "'乙", "'''", "x" * 30 + "'"])
def test_sheet_names_never_end_in_an_apostrophe(name: str) -> None:
    used: set[str] = set()
    for _ in range(3):
        got = sheet_name(name, used)
        assert got and not got.endswith("'") and not got.startswith("'") and len(got) <= 31


def test_file_name_without_unsafe_characters() -> None:
    assert file_name("甲\ufffe乙\ud800") == "甲_乙_.xlsx"


def test_export_survives_hostile_text_everywhere(tmp_path: Path) -> None:
    rr = make_reviewed(agency="示例" + BAD + "局" + "'" * 40, path="报告" + BAD + ".txt")
    rr.apply(ValueEdit("apply.new.natural", 12, note="据原件" + BAD + "更正"))
    rr.apply(ValueEdit("apply.new.legal", 10**400))  # a 401-digit correction
    other = make_reviewed(agency="示例局" + "x" * 26 + "'", seed=1)
    out = tmp_path / "汇总.xlsx"
    export_batch([rr, other], str(out), per_report_sheets=True, unit="单位\ufffe\x01", reviewer="审核\ud800")
    assert_valid_workbook(out)
    from openpyxl import load_workbook

    wb = load_workbook(out)
    assert all(not ws.title.endswith("'") for ws in wb.worksheets)
    texts = [str(c.value) for ws in wb.worksheets for r in ws.iter_rows() for c in r if c.value is not None]
    assert any(t == "1" + "0" * 400 for t in texts)  # exact, as text
    comments = [c.comment.text for ws in wb.worksheets for r in ws.iter_rows() for c in r if c.comment]
    assert any("据原件" in t and "更正" in t for t in comments)


def test_overlong_numbers_are_not_values() -> None:
    assert parse_token("9" * 16).kind == "bad"
    assert parse_token("9" * 15).value == 10**15 - 1
    assert parse_token("9" * 5000).kind == "bad"  # beyond Python's 4300-digit conversion limit


def _cli(*args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "OGI_REVIEW_NO_PROCESSES": "1"}
    return subprocess.run([sys.executable, "-m", "core", *args], capture_output=True, cwd=ROOT, env=env, timeout=120)


def test_cli_parse_and_export_hostile_report(tmp_path: Path) -> None:
    text = make_txt(tmp_path / "base.txt", 4).read_text(encoding="utf-8")
    text = text.replace("一、总体情况", "一、总体情况\ufffe\uffff\x01", 1).replace("\t15\t", "\t" + "9" * 5000 + "\t", 1)
    gbk_name = os.fsencode(str(tmp_path)) + b"/" + "青海.txt".encode("gb18030")
    with open(gbk_name, "wb") as fh:
        fh.write(text.encode("utf-8"))
    parsed = _cli("parse", "--json", gbk_name)
    assert parsed.returncode == 0, parsed.stderr.decode()
    obj = json.loads(parsed.stdout.decode("utf-8"))
    assert obj["ok"] and obj["file"].endswith("青海.txt")
    out = tmp_path / "汇总.xlsx"
    exported = _cli("export", gbk_name, "-o", str(out), "--per-report-sheets")
    assert exported.returncode == 0, exported.stderr.decode()
    assert b"Traceback" not in exported.stderr
    assert_valid_workbook(out)
    assert parse_report(os.fsdecode(gbk_name)).values  # the report itself is still read


def test_a_sixteen_digit_cell_is_a_finding_not_a_value(tmp_path: Path) -> None:
    f = make_txt(tmp_path / "长数字.txt", 4)
    f.write_text(f.read_text(encoding="utf-8").replace("\t15\t", "\t1234567890123456\t", 1), encoding="utf-8")
    report = parse_report(str(f))
    assert any(x.rule == "table.unreadable" and "1234567890123456" in x.message for x in report.findings)
    assert all(v.value is None or abs(v.value) < 10**15 for v in report.values.values())
