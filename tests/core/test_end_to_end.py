"""The command line end to end: bad input mixed with good files, and review projects with corrections."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.core.test_cli import run_cli, sample
from tests.core.test_contract import check_shape, load_field_ids

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE html [\n<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">\n'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(9))
    + ']>\n<html><head><meta charset="utf-8"><title>某局2021年政府信息公开工作年度报告</title></head>'
    "<body><p>&j;</p><p>一、总体情况</p></body></html>\n"
)


def _docx_bomb(path: Path) -> None:
    """A .docx whose document.xml inflates to ~80 MB from well under 1 MB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(
                b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            )
            chunk = b" " * (1024 * 1024)
            for _ in range(80):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")


def _docx_with_entities(path: Path) -> None:
    """A real sample .docx whose document.xml declares nested entities (billion laughs)."""
    src = sample("示例区教育局")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                decl = "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
                doctype = f'<!DOCTYPE w:document [<!ENTITY a "lol">{decl}]>'.encode()
                head, sep, body = data.partition(b"?>")
                data = (
                    head + sep + doctype + body.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p>", 1)
                )
            zout.writestr(info, data)


def make_bad_inputs(folder: Path) -> dict[str, Path]:
    """Every kind of bad input the command line must survive, generated here."""
    rng = random.Random(7)
    bad: dict[str, Path] = {}
    bad["empty"] = folder / "空文件.txt"
    bad["empty"].write_bytes(b"")
    bad["junk"] = folder / "乱码.txt"
    bad["junk"].write_bytes(bytes(rng.randrange(256) for _ in range(20000)))
    docx = sample("示例区教育局").read_bytes()
    bad["truncated_docx"] = folder / "截断.docx"
    bad["truncated_docx"].write_bytes(docx[: len(docx) // 3])
    pdf = sample("示例市交通运输局").read_bytes()
    bad["corrupt_pdf"] = folder / "损坏.pdf"
    bad["corrupt_pdf"].write_bytes(pdf[:200] + bytes(rng.randrange(256) for _ in range(3000)))
    bad["pdf_header_only"] = folder / "只有文件头.pdf"
    bad["pdf_header_only"].write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    bad["huge_text"] = folder / "超大.txt"
    line = "某某局2021年政府信息公开工作年度报告。一、总体情况。本年度共收到申请5件。\n".encode()
    with bad["huge_text"].open("wb") as fh:
        for _ in range(30 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    bad["entities_html"] = folder / "实体展开.html"
    bad["entities_html"].write_text(BILLION_LAUGHS, encoding="utf-8")
    bad["zip_bomb"] = folder / "压缩炸弹.docx"
    _docx_bomb(bad["zip_bomb"])
    bad["entities_docx"] = folder / "实体展开.docx"
    _docx_with_entities(bad["entities_docx"])
    bad["not_a_zip_docx"] = folder / "其实是文本.docx"
    bad["not_a_zip_docx"].write_text("这不是 Word 文件", encoding="utf-8")
    return bad


def _lines(out) -> list[dict]:
    return [json.loads(x) for x in out.stdout.splitlines()]


def test_bad_input_mixed_with_good_files(tmp_path):
    bad = make_bad_inputs(tmp_path)
    no_reports = tmp_path / "没有报告的文件夹"
    no_reports.mkdir()
    (no_reports / "说明.xlsx").write_bytes(b"PK")
    missing = tmp_path / "不存在.txt"
    good_a = sample("示例县审计局")
    good_b = sample("示例市生态环境局")
    args = [str(good_a), *(str(p) for p in bad.values()), str(missing), str(no_reports), str(good_b)]
    out = run_cli("parse", "--json", *args, timeout=240)
    assert "Traceback" not in out.stderr and out.stderr == ""
    lines = _lines(out)
    assert [x["file"] for x in lines] == args  # the empty folder answers in its own name
    ids = load_field_ids()
    for obj in lines:
        check_shape(obj, ids)
    by_file = {x["file"]: x for x in lines}
    for good in (good_a, good_b):
        obj = by_file[str(good)]
        assert obj["ok"] and obj["template"] in ("2019", "2021") and len(obj["values"]) > 100
        assert all(s["found"] for s in obj["sections"].values())
    must_fail = ["empty", "junk", "truncated_docx", "corrupt_pdf", "pdf_header_only", "zip_bomb", "not_a_zip_docx"]
    for key in must_fail:
        obj = by_file[str(bad[key])]
        assert obj["ok"] is False, key
        assert bad[key].name in obj["error"]["message"], (key, obj["error"])
        assert obj["error"]["code"] != "internal", (key, obj["error"])
    assert (
        by_file[str(missing)]["error"]["code"] == "file.missing"
        and "不存在.txt" in by_file[str(missing)]["error"]["message"]
    )
    folder_obj = by_file[str(no_reports)]
    assert folder_obj["ok"] is False and folder_obj["error"]["code"] == "folder.no_reports"
    assert no_reports.name in folder_obj["error"]["message"]
    for key in ("huge_text", "entities_html", "entities_docx"):
        obj = by_file[str(bad[key])]
        if obj["ok"]:  # read: then nothing was expanded into it
            assert all(len(str(v)) < 20 for v in obj["values"].values()), key
            assert all(len(f["message"]) < 2000 for f in obj["findings"]), key
        else:
            assert bad[key].name in obj["error"]["message"] and obj["error"]["code"] != "internal", key
    assert out.returncode == 1


def test_entity_declarations_are_not_expanded(tmp_path):
    page = tmp_path / "实体展开.html"
    page.write_text(BILLION_LAUGHS, encoding="utf-8")
    from core.parsing import parse_report

    try:
        report = parse_report(str(page))
    except Exception as exc:  # a clear refusal is as good as a safe read
        from core.errors import LoadError

        assert isinstance(exc, LoadError) and page.name in exc.message
        return
    assert "哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈" not in report.text
    assert len(report.text) < 10000


def test_check_and_export_survive_the_same_batch(tmp_path):
    bad = make_bad_inputs(tmp_path)
    good = sample("示例县审计局")
    args = [str(p) for p in bad.values()] + [str(good)]
    out = run_cli("check", *args, timeout=240)
    assert "Traceback" not in out.stdout + out.stderr
    assert f"文件：{good}" in out.stdout
    summary = out.stdout.splitlines()[-1]
    unreadable = out.stdout.count("✗ 无法读取：")
    assert summary.startswith(f"共 {len(args)} 份报告，") and summary.endswith(f"{unreadable} 份无法读取。")
    assert unreadable >= 7 and out.returncode == 1
    target = tmp_path / "汇总.xlsx"
    exported = run_cli("export", *args, "-o", str(target), timeout=240)
    assert "Traceback" not in exported.stdout + exported.stderr
    assert exported.returncode == 0 and target.is_file() and "已导出" in exported.stdout


def _unprivileged_prefix() -> list[str] | None:
    """A command prefix that runs as ``nobody`` when we are root ([] when we are not; None: impossible)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    try:
        probe = subprocess.run(
            [*prefix, sys.executable, "-c", "import core.cli"], cwd=ROOT, capture_output=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return prefix if probe.returncode == 0 else None


def test_unreadable_file_is_reported_not_raised():
    """A file without read permission: one clear failure, the good file still comes out.

    As root every file is readable, so the command runs as ``nobody`` (setpriv) when root can;
    the test is skipped only when neither works.
    """
    prefix = _unprivileged_prefix()
    if prefix is None:
        pytest.skip("running as root and cannot run the command as another user: every file is readable")
    folder = Path(tempfile.mkdtemp(prefix="ogi-noperm-"))
    try:
        folder.chmod(0o755)
        locked = folder / "无权限.txt"
        locked.write_text("某某局2021年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
        locked.chmod(0)
        good = Path(shutil.copy(sample("示例县审计局"), folder / "good.txt"))
        good.chmod(0o644)
        out = subprocess.run(
            [*prefix, sys.executable, "-m", "core", "parse", "--json", str(locked), str(good)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
        )
        first, second = _lines(out)
        assert first["ok"] is False and locked.name in first["error"]["message"], first
        assert first["error"]["code"] != "internal"
        assert second["ok"] is True and out.returncode == 1 and "Traceback" not in out.stderr
        closed = folder / "无权限的文件夹"
        closed.mkdir()
        shutil.copy(good, closed / "hidden.txt")
        closed.chmod(0)
        batch = subprocess.run(
            [*prefix, sys.executable, "-m", "core", "parse", "--json", str(folder)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
        )
        by_file = {x["file"]: x for x in _lines(batch)}
        assert by_file[str(closed)]["error"]["code"] == "folder.unreadable"
        assert closed.name in by_file[str(closed)]["error"]["message"]
        assert by_file[str(good)]["ok"] is True and batch.returncode == 1
    finally:
        for p in folder.rglob("*"):
            p.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------- review projects


@pytest.fixture
def project_with_edit(tmp_path):
    """A review project of two sample reports; 新收申请总计 of the first corrected by +5."""
    from core.parsing import parse_report
    from core.review.project import Project
    from core.review.state import ReviewedReport, ValueEdit

    sources = tmp_path / "报告"
    sources.mkdir()
    files = [Path(shutil.copy(sample(n), sources)) for n in ("示例县审计局", "示例市生态环境局")]
    path = tmp_path / "审核.ogiproj"
    with Project.create(path) as project:
        reports = project.add_reports([ReviewedReport(parse_report(str(f))) for f in files])
        printed = reports[0].value("apply.new.total")
        assert isinstance(printed, int)
        reports[0].apply(ValueEdit("apply.new.total", printed + 5, note="据原件更正"))
    return path, files, printed


def test_parse_and_check_apply_a_projects_corrections(project_with_edit):
    path, files, printed = project_with_edit
    before = run_cli("check", str(files[0]))
    assert before.returncode == 0  # the sample's tables balance as printed
    out = run_cli("parse", "--json", str(path))
    assert out.returncode == 0, out.stdout + out.stderr
    lines = _lines(out)
    ids = load_field_ids()
    for obj in lines:
        check_shape(obj, ids)
    assert [Path(x["file"]).name for x in lines] == [f.name for f in files]
    assert all(x["project"] == str(path) for x in lines)
    assert lines[0]["values"]["apply.new.total"] == printed + 5
    broken = [f for f in lines[0]["findings"] if f["severity"] == "error"]
    assert broken and all("apply.new.total" in f["fields"] for f in broken)
    assert not [f for f in lines[1]["findings"] if f["severity"] == "error"]
    checked = run_cli("check", str(path))
    assert checked.returncode == 1
    first, second = checked.stdout.split("\n\n")[:2]
    assert first.startswith("✗ 示例县审计局") and "审核项目：" in first and "【错误】" in first
    assert f"{printed + 5}" in first
    assert second.startswith("✓ 示例市生态环境局")
    assert checked.stdout.splitlines()[-1] == f"共 2 份报告，{len(broken)} 个错误，0 个警告，0 份无法读取。"


def test_export_of_a_project_carries_the_correction(project_with_edit, tmp_path):
    import openpyxl

    path, _, printed = project_with_edit
    target = tmp_path / "项目汇总.xlsx"
    out = run_cli("export", str(path), "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert "已导出 2 份报告" in out.stdout
    wb = openpyxl.load_workbook(target)
    cells = {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None}
    assert str(printed + 5) in cells


def test_a_damaged_project_is_one_failure_among_good_files(tmp_path):
    broken = tmp_path / "损坏.ogiproj"
    broken.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8)
    out = run_cli("parse", "--json", str(broken), str(sample("示例县审计局")))
    first, second = _lines(out)
    assert (
        first["ok"] is False and "损坏" in first["error"]["message"] and first["error"]["code"].startswith("project.")
    )
    assert second["ok"] is True and out.returncode == 1 and "Traceback" not in out.stderr


def test_a_fifo_named_like_a_report_does_not_block_the_batch(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    folder = tmp_path / "批次"
    folder.mkdir()
    os.mkfifo(folder / "管道.txt")
    shutil.copy(sample("示例县审计局"), folder)
    out = run_cli("parse", "--json", str(folder / "管道.txt"), str(folder), timeout=120)
    lines = _lines(out)
    assert lines[0]["ok"] is False and lines[0]["error"]["code"] == "file.not_regular"
    assert [x["ok"] for x in lines[1:]] == [True]  # the folder skips what is not a regular file


def test_zip_bomb_fixture_really_is_one(tmp_path):
    """Guard the fixture: the bomb inflates far beyond what the loader accepts."""
    path = tmp_path / "b.docx"
    _docx_bomb(path)
    with zipfile.ZipFile(path) as zf:
        inflated = sum(i.file_size for i in zf.infolist())
    assert inflated > 80 * 1024 * 1024 and path.stat().st_size < inflated / 200


def test_confirmed_errors_are_listed_but_no_longer_fail_check(tmp_path):
    from core.parsing import parse_report
    from core.review.project import Project
    from core.review.state import ConfirmEdit, ReviewedReport
    from core.validation import validate

    source = Path(shutil.copy(sample("含错误"), tmp_path / "有错误的报告.txt"))
    path = tmp_path / "确认.ogiproj"
    with Project.create(path) as project:
        [report] = project.add_reports([ReviewedReport(parse_report(str(source)))])
        errors = [f for f in validate(report) if f.severity == "error"]
        assert errors
        for f in errors:
            report.apply(ConfirmEdit(f.key, "原文如此，已与填报单位核实"))
    checked = run_cli("check", str(path))
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.count("【错误·已确认如原文】") == len(errors)
    assert checked.stdout.splitlines()[-1] == (
        f"共 1 份报告，0 个错误，0 个警告，0 份无法读取（{len(errors)} 项已确认如原文）。"
    )
    [obj] = _lines(run_cli("parse", "--json", str(path)))
    assert sorted(f["confirmed"] for f in obj["findings"] if f["severity"] == "error") == [True] * len(errors)
    direct = run_cli("check", str(source))  # the same file outside the project still fails
    assert direct.returncode == 1
