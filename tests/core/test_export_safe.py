"""Formula-injection escaping, sheet names and atomic saves of the Excel export."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.errors import Cancelled, ExportError
from core.export import safe
from tests.core.export_helpers import make_reviewed

openpyxl = pytest.importorskip("openpyxl")

DANGEROUS = ["=1+1", '=HYPERLINK("http://example.invalid","点我")', "+86-10-1234", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_is_stored_as_quoted_string(tmp_path: Path, text: str) -> None:
    wb = openpyxl.Workbook()
    cell = safe.put_text(wb.active["A1"], text)
    assert cell.data_type == "s"
    out = tmp_path / "t.xlsx"
    wb.save(out)
    back = openpyxl.load_workbook(out).active["A1"]
    assert back.value == text  # shown exactly as printed
    assert back.data_type == "s"
    assert back.quotePrefix is True  # Excel/LibreOffice keep it text when the cell is edited


def test_plain_text_has_no_quote_prefix_and_numbers_stay_numbers(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    safe.put_text(ws["A1"], "示例市测试局")
    safe.put_value(ws["A2"], 12)
    safe.put_value(ws["A3"], 1.25)
    safe.put_value(ws["A4"], "=SUM(A2:A3)")
    safe.put_text(ws["A5"], "坏\x07字符\x00")
    wb.save(tmp_path / "t.xlsx")
    back = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert back["A1"].quotePrefix is False
    assert back["A2"].value == 12 and back["A2"].data_type == "n"
    assert back["A3"].value == 1.25
    assert back["A4"].value == "=SUM(A2:A3)" and back["A4"].data_type == "s"
    assert back["A5"].value == "坏字符"


def test_no_formula_element_comes_from_report_text(tmp_path: Path) -> None:
    import zipfile

    from core.export import export_report

    rr = make_reviewed(agency="=1+1", path="=cmd.txt")
    out = tmp_path / "one.xlsx"
    export_report(rr, str(out))
    with zipfile.ZipFile(out) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets
        for n in sheets:
            assert b"<f>" not in z.read(n), n  # the single-report workbook has no formula at all
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws["A1"].value.startswith("=1+1")
    assert ws["A1"].quotePrefix is True


def test_sheet_names_are_sanitised_truncated_and_unique() -> None:
    used: set[str] = set()
    a = safe.sheet_name("市[局]:*?/\\报告", used)
    assert not set("[]:*?/\\") & set(a)
    long = "某某省某某市某某区人民政府办公室某某科某某股某某组（2023）"
    b = safe.sheet_name(long, used)
    c = safe.sheet_name(long, used)
    d = safe.sheet_name(long.upper(), used)
    assert len(b) <= 31 and len(c) <= 31 and len(d) <= 31
    assert len({b.lower(), c.lower(), d.lower()}) == 3
    assert c.endswith("(2)") and d.endswith("(3)")
    assert safe.sheet_name("'''", used) == "报告"
    assert safe.sheet_name("History", used) != "History"
    wb = openpyxl.Workbook()
    for name in used:
        wb.create_sheet(name)  # openpyxl accepts every one of them


def test_save_replaces_target_and_leaves_no_temp(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old")
    wb = openpyxl.Workbook()
    wb.active["A1"] = "新"
    safe.atomic_save(wb, out)
    assert openpyxl.load_workbook(out).active["A1"].value == "新"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_file_held_open_gives_chinese_error_and_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old")

    def locked(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(safe.os, "replace", locked)
    with pytest.raises(ExportError) as exc:
        safe.atomic_save(openpyxl.Workbook(), out)
    assert exc.value.code == "export.locked"
    assert "关闭" in exc.value.message and "out.xlsx" in exc.value.message
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_open_target_detected_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old")
    real_open = open

    def fake_open(path: object, mode: str = "r", *a: object, **k: object) -> object:
        if Path(str(path)) == out and "+" in mode:
            raise PermissionError(13, "locked")
        return real_open(path, mode, *a, **k)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", fake_open)
    with pytest.raises(ExportError) as exc:
        safe.check_target(out)
    assert exc.value.code == "export.locked"


def test_failure_while_writing_removes_temp_and_keeps_old(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old")

    class Broken:
        def save(self, target: object) -> None:
            target.write(b"half")  # type: ignore[attr-defined]
            raise OSError(28, "No space left on device")

    with pytest.raises(ExportError) as exc:
        safe.atomic_save(Broken(), out)
    assert "写入" in exc.value.message
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_cancel_at_the_last_moment_keeps_old(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(Cancelled):
        safe.atomic_save(openpyxl.Workbook(), out, cancelled=lambda: True)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


@pytest.mark.parametrize(
    ("name", "code"),
    [("out.xls", "export.suffix"), ("missing/out.xlsx", "export.folder"), ("adir.xlsx", "export.isdir")],
)
def test_bad_targets(tmp_path: Path, name: str, code: str) -> None:
    (tmp_path / "adir.xlsx").mkdir()
    with pytest.raises(ExportError) as exc:
        safe.check_target(tmp_path / name)
    assert exc.value.code == code
    assert exc.value.message  # Chinese sentence for the user
    assert not any(p.name.startswith("~ogi-") for p in tmp_path.iterdir())
    assert os.listdir(tmp_path) == ["adir.xlsx"]


def test_read_only_target_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old")
    real_access = os.access
    monkeypatch.setattr(safe.os, "access", lambda p, mode: False if Path(p) == out else real_access(p, mode))
    with pytest.raises(ExportError) as exc:
        safe.check_target(out)
    assert exc.value.code == "export.readonly" and "只读" in exc.value.message


def test_folder_without_write_access_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_temp(*a: object, **k: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(safe.tempfile, "mkstemp", no_temp)
    with pytest.raises(ExportError) as exc:
        safe.atomic_save(openpyxl.Workbook(), tmp_path / "out.xlsx")
    assert exc.value.code == "export.folder" and str(tmp_path) in exc.value.message


def test_any_text_reads_back_as_the_same_text_never_a_formula(tmp_path: Path) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    wb = openpyxl.Workbook()
    ws = wb.active
    written: list[str] = []

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.text(alphabet=st.sampled_from("=+-@\t\r\n'\"(),:!A1政府信息\x01\x1f 0.5%"), max_size=12))
    def put(text: str) -> None:
        cell = safe.put_text(ws.cell(len(written) + 1, 1), text)
        assert cell.data_type == "s"
        written.append(safe.clean_text(text))

    put()
    out = tmp_path / "h.xlsx"
    wb.save(out)
    back = openpyxl.load_workbook(out).active
    for i, text in enumerate(written, start=1):
        cell = back.cell(i, 1)
        assert (cell.value or "") == text
        assert cell.data_type == "s" or cell.value is None
        assert cell.quotePrefix is safe.is_formula_like(text)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_saved_workbook_has_the_usual_file_mode(tmp_path):
    # Regression: the temporary file's 0600 mode was kept, so colleagues could not open it.
    from openpyxl import Workbook

    old = os.umask(0o022)
    try:
        target = tmp_path / "out.xlsx"
        safe.atomic_save(Workbook(), str(target))
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644
