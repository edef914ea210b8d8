"""The command line: JSON Lines per file, readable check output, export, usage errors, the entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SAMPLES = ROOT / "resources" / "samples"


def run_cli(
    *args: str, module: str = "core", env: dict[str, str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """``python -m core ARGS`` (or another module) in a fresh interpreter, output decoded as UTF-8."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        encoding="utf-8",
        env=env,
    )


def sample(part: str) -> Path:
    """A bundled sample report (written for this program) by a part of its name."""
    [p] = [p for p in SAMPLES.iterdir() if part in p.name]
    return p


def write_report(path: Path, agency: str = "某某县测试局", year: int = 2021) -> Path:
    path.write_text(f"{agency}{year}年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n", encoding="utf-8")
    return path


def test_parse_json_lines_one_per_file_in_order(tmp_path):
    a = write_report(tmp_path / "a.txt")
    missing = tmp_path / "missing.txt"
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    write_report(folder / "sub" / "b.txt", "乙县测试局")
    write_report(folder / "a.md", "甲县测试局")
    (folder / "notes.xlsx").write_bytes(b"not a report")
    (folder / ".hidden.txt").write_text("x", encoding="utf-8")
    (folder / "~$lock.docx").write_bytes(b"\x00" * 162)  # Word's lock file while the report is open
    out = run_cli("parse", "--json", str(a), str(missing), str(folder))
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert [x["file"] for x in lines] == [
        str(a),
        str(missing),
        os.path.join(str(folder), "a.md"),
        os.path.join(str(folder), "sub", "b.txt"),
    ]
    assert lines[0]["ok"] is True and set(lines[0]["sections"]) == {"s1", "s2", "s3", "s4", "s5", "s6"}
    assert lines[0]["metadata"]["agency"] == "某某县测试局" and lines[0]["metadata"]["year"] == 2021
    assert lines[1]["ok"] is False and lines[1]["error"]["code"] and "missing.txt" in lines[1]["error"]["message"]
    assert lines[1]["values"] == {} and lines[1]["findings"] == []
    assert [x["metadata"]["agency"] for x in lines[2:]] == ["甲县测试局", "乙县测试局"]
    assert out.returncode == 1
    assert out.stderr == ""


def test_parse_exit_0_when_every_file_is_read_and_readable_summary_without_json(tmp_path):
    a = write_report(tmp_path / "a.txt")
    out = run_cli("parse", "--json", str(a))
    assert out.returncode == 0 and len(out.stdout.splitlines()) == 1
    plain = run_cli("parse", str(a), str(tmp_path / "gone.txt"))
    first, second = plain.stdout.splitlines()
    assert first.startswith("✓") and "某某县测试局" in first and "2021 年度" in first and "章节 1/6" in first
    assert second.startswith("✗") and "gone.txt" in second
    assert plain.returncode == 1


def test_usage_errors_exit_2_with_chinese_message(tmp_path):
    unknown = run_cli("frobnicate")
    assert unknown.returncode == 2 and "未知的命令" in unknown.stderr and "Traceback" not in unknown.stderr
    no_files = run_cli("parse", "--json")
    assert no_files.returncode == 2 and "缺少参数" in no_files.stderr
    bad_option = run_cli("check", "--bogus", str(tmp_path))
    assert bad_option.returncode == 2 and "--bogus" in bad_option.stderr


def test_export_refuses_a_path_that_is_not_xlsx(tmp_path):
    a = write_report(tmp_path / "a.txt")
    for name in ("out.xls", "out.csv", "out"):
        out = run_cli("export", str(a), "-o", str(tmp_path / name))
        assert out.returncode == 2, name
        assert ".xlsx" in out.stderr and name in out.stderr and "Traceback" not in out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_export_reports_success_and_unreadable_files(tmp_path):
    import openpyxl

    good = sample("示例县审计局")
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    target = tmp_path / "汇总.xlsx"
    out = run_cli("export", str(good), str(empty), "-o", str(target))
    assert out.returncode == 0  # the workbook was written; the unreadable file is listed in it
    assert "已导出 1 份报告" in out.stdout and str(target) in out.stdout and "1 份无法读取" in out.stdout
    assert "空.txt" in out.stderr and "Traceback" not in out.stderr
    wb = openpyxl.load_workbook(target)
    assert any(n.startswith("汇总表") for n in wb.sheetnames)
    assert [c.value for c in wb["无法读取"]["A"]][1].endswith("空.txt")
    only_good = run_cli("export", str(good), "-o", str(tmp_path / "b.xlsx"))
    assert only_good.returncode == 0 and (tmp_path / "b.xlsx").is_file()


def test_export_failure_is_one_chinese_line(tmp_path):
    out = run_cli("export", str(sample("示例县审计局")), "-o", str(tmp_path / "no" / "such" / "folder" / "a.xlsx"))
    assert out.returncode == 1
    assert out.stderr.startswith("导出失败：") and "Traceback" not in out.stderr


def test_check_groups_findings_per_report_with_summary_and_exit_status(tmp_path):
    bad = sample("含错误")
    good = sample("示例县审计局")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = run_cli("check", str(good), str(bad), str(empty))
    assert out.returncode == 1
    blocks = out.stdout.strip().split("\n\n")
    assert len(blocks) == 4  # three inputs and the summary
    good_block, bad_block, empty_block, summary = blocks
    assert good_block.startswith("✓ 示例县审计局 · 2020 年度 · 2019 年版格式") and "未发现问题" in good_block
    assert bad_block.startswith("✗ 示例市市场监督管理局 · 2023 年度 · 2021 年版格式")
    assert f"文件：{bad}" in bad_block
    n_errors = bad_block.count("【错误】")
    assert n_errors >= 1
    # the printed-table location comes first, on its own line; the message is indented below it
    lines = bad_block.splitlines()
    first_error = next(i for i, line in enumerate(lines) if "【错误】" in line)
    assert lines[first_error].split("【错误】")[1].startswith("表")
    assert lines[first_error + 1].startswith(" " * 10) and lines[first_error + 1].strip()
    assert empty_block.startswith("✗ 无法读取：") and "empty.txt" in empty_block
    assert summary.splitlines()[-1] == f"共 3 份报告，{n_errors} 个错误，0 个警告，1 份无法读取。"


def test_check_exit_0_when_no_open_error(tmp_path):
    out = run_cli("check", str(sample("示例县审计局")))
    assert out.returncode == 0
    assert out.stdout.splitlines()[-1] == "共 1 份报告，0 个错误，0 个警告，0 份无法读取。"


def test_check_groups_the_same_warning_over_many_rows(tmp_path):
    from core.cli_output import Tally, check_lines
    from core.model import Finding
    from core.review.state import ReviewedReport
    from core.templates import all_fields
    from tests.core.project_support import fake_parse, write_source

    rr = ReviewedReport(fake_parse(str(write_source(tmp_path / "r.txt", {"apply.new.total": 1}))))
    findings = []
    for row in ("apply.denied.state_secret", "apply.denied.law_forbidden"):
        fids = [f for f in all_fields() if f.startswith(row + ".")]
        names = "、".join(all_fields()[f].printed_name() for f in fids)
        label = all_fields()[fids[0]].row.label
        findings.append(
            Finding("table.inferred", "warning", f"表三 “{label}” 行：该行少印了一个数，请核对：{names}。", fids)
        )
    findings.append(Finding("section.missing", "warning", "未找到第五部分“存在的主要问题及改进情况”"))
    tally = Tally()
    lines = check_lines(rr, findings, tally, width=100000)
    body = "\n".join(lines)
    assert tally.warnings == 3 and tally.errors == 0
    assert body.count("【警告】") == 2 and "（共 2 处）" in body
    assert f"各处均为：该行少印了一个数，请核对上述 {len(fids)} 个单元格。" in body
    assert "    【警告】未找到第五部分“存在的主要问题及改进情况”" in lines


def test_wrapping_keeps_lines_within_the_terminal_width():
    from core.cli_output import display_width, wrap

    text = "表三 “总计” 列勾稽不平：第一项 34 + 第二项 2 = 36，第三项（七）总计 35 + 第四项 0 = 35，相差 1" * 3
    lines = wrap(text, 40, "    ")
    assert all(display_width(x) <= 40 for x in lines)
    assert "".join(x[4:] for x in lines).replace(" ", "") == text.replace(" ", "")
    assert not any(x.rstrip().endswith("“") for x in lines)


def test_help_version_and_no_qt_for_headless_commands(tmp_path):
    helped = run_cli("--help", module="gui.launcher")
    assert helped.returncode == 0 and "ogi-review check" in helped.stdout and "用法" in helped.stdout
    version = run_cli("--version", module="gui.launcher")
    from core import __version__

    assert version.returncode == 0 and version.stdout.strip() == f"ogi-review {__version__}"
    sub_help = run_cli("parse", "--help", module="gui.launcher")
    assert sub_help.returncode == 0 and "--json" in sub_help.stdout and "用法：" in sub_help.stdout
    a = write_report(tmp_path / "a.txt")
    probe = (
        "import sys; from gui.launcher import main; "
        f"rc = main(['parse', '--json', {str(a)!r}]); "
        "main(['check', " + repr(str(a)) + "]); main(['--version']); "
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'gui.app', 'gui.main_window.window'))); "
        "print('QT', bad, file=sys.stderr); sys.exit(rc)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120, encoding="utf-8"
    )
    assert out.returncode == 0, out.stderr
    assert "QT []" in out.stderr


def test_gui_without_display_says_so_in_chinese():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    if not sys.platform.startswith("linux"):
        pytest.skip("the display check is for Linux desktops")
    for args in (["gui"], []):
        out = run_cli(*args, module="gui.launcher", env=env, timeout=60)
        assert out.returncode == 1
        assert "没有图形显示" in out.stderr and "DISPLAY" in out.stderr
        assert "Traceback" not in out.stderr and "qt.qpa" not in out.stderr


def test_no_display_message_rules():
    from gui.launcher import no_display_message

    assert no_display_message({}, "linux")
    assert no_display_message({"DISPLAY": ":0"}, "linux") == ""
    assert no_display_message({"WAYLAND_DISPLAY": "wayland-0"}, "linux") == ""
    assert no_display_message({"QT_QPA_PLATFORM": "offscreen"}, "linux") == ""
    assert no_display_message({}, "win32") == ""
    assert no_display_message({}, "darwin") == ""
