"""The command line reads the batch: cross-year findings, duplicates, failures, directory, --jobs, limits."""

from __future__ import annotations

import json
from pathlib import Path

from tests.batch_fixture import final_check_lines, mixed_batch
from tests.core.test_cli import run_cli


def _lines(out: str) -> list[dict]:
    return [json.loads(x) for x in out.splitlines() if x.strip()]


def test_check_json_reads_the_whole_batch(tmp_path: Path) -> None:
    paths = mixed_batch(tmp_path)
    res = run_cli("check", "--json", "--jobs", "2", *paths)
    assert res.returncode == 1, res.stderr  # unreadable files
    streamed = _lines(res.stdout)
    # the draft was printed as counted when read; the final version read after it changed that
    assert [(Path(o["file"]).name, o["batch"]["revised"]) for o in streamed if "乙局" in o["file"]] == [
        ("乙局2023（初稿）.txt", False),
        ("乙局2023（定稿）.txt", False),
        ("乙局2023（初稿）.txt", True),
    ]
    assert streamed[0]["batch"]["counted"] is True
    objs = final_check_lines(res.stdout)
    names = [Path(o["file"]).name for o in objs]
    assert names == [
        "乙局2023（初稿）.txt",
        "乙局2023（定稿）.txt",
        "损坏.pdf",
        "甲局2022.txt",
        "甲局2023.txt",
        "empty",
    ]
    by = dict(zip(names, objs, strict=True))
    cross = [f for f in by["甲局2023.txt"]["findings"] if f["rule"] == "cross.carry_over"]
    assert cross and cross[0]["fields"] == ["apply.carried.natural"]
    assert not [f for f in by["甲局2022.txt"]["findings"] if f["rule"].startswith("cross.")]
    draft, final = by["乙局2023（初稿）.txt"]["batch"], by["乙局2023（定稿）.txt"]["batch"]
    assert (draft["counted"], draft["not_counted_reason"]) == (False, "重复")
    assert draft["duplicate_of"].endswith("乙局2023（定稿）.txt") and final["counted"]
    assert by["empty"]["error"]["code"] == "folder.no_reports" and by["empty"]["batch"]["completeness"] == "无法读取"
    assert by["损坏.pdf"]["ok"] is False and by["损坏.pdf"]["batch"]["index"] == 3
    assert by["甲局2023.txt"]["batch"]["warnings"] == len(
        [f for f in by["甲局2023.txt"]["findings"] if f["severity"] == "warning"]
    )


def test_check_text_shows_cross_year_and_duplicates(tmp_path: Path) -> None:
    paths = mixed_batch(tmp_path)
    res = run_cli("check", "--jobs", "1", *paths)
    assert "上一年度（2022 年）报告“四、结转下年度继续办理”" in res.stdout
    assert "未计入汇总：重复" in res.stdout and "重复报告 1 组" in res.stdout
    assert "文件夹“empty”中没有可读取的报告文件" in res.stdout


def test_check_prints_each_report_before_the_next_is_read(tmp_path: Path, monkeypatch, capsys) -> None:
    from core import cli

    paths = mixed_batch(tmp_path)
    real = cli.load_items
    before: list[str] = []  # what had been printed when each item was handed over

    def spy(*args, **kwargs):
        for loaded in real(*args, **kwargs):
            before.append(capsys.readouterr().out)
            yield loaded

    monkeypatch.setattr(cli, "load_items", spy)
    status = cli.main(["check", "--jobs", "1", *paths])
    rest = capsys.readouterr().out
    assert status == 1 and before[0] == "" and len(before) == 6
    assert before[1].startswith("✓ 示例市乙局 · 2023 年度") and "乙局2023（初稿）.txt" in before[1]
    assert "乙局2023（定稿）.txt" in before[2] and "无法读取：" in before[3] and "损坏.pdf" in before[3]
    assert "甲局2022.txt" in before[4] and "甲局2023.txt" in before[5]
    # at the end: the draft again, now not counted, then the summary
    assert "以下 1 份报告的核对结果有变化" in rest and "未计入汇总：重复" in rest.split("核对结果有变化")[1]


def test_check_reprints_a_report_whose_previous_year_came_after_it(tmp_path: Path) -> None:
    paths = mixed_batch(tmp_path)
    reports = Path(paths[0])
    res = run_cli("check", "--jobs", "1", str(reports / "甲局2023.txt"), str(reports / "甲局2022.txt"))
    first, _, last = res.stdout.partition("以下 1 份报告的核对结果有变化（以此为准）：")
    assert "上一年度（2022 年）" not in first and "甲局2023.txt" in last
    assert "上一年度（2022 年）报告“四、结转下年度继续办理”" in last
    # the summary counts each report once, in its final state: 2022 as printed, 2023 as revised
    early_2023 = next(b for b in first.split("\n\n") if "甲局2023.txt" in b)
    block_2022 = next(b for b in first.split("\n\n") if "甲局2022.txt" in b)
    block_2023 = last.split("—" * 20)[0]
    assert early_2023.count("【警告】") < block_2023.count("【警告】")
    n_warnings = block_2022.count("【警告】") + block_2023.count("【警告】")
    assert res.stdout.splitlines()[-1] == f"共 2 份报告，0 个错误，{n_warnings} 个警告，0 份无法读取。"
    assert res.returncode == 0
    as_json = final_check_lines(
        run_cli("check", "--json", "--jobs", "1", str(reports / "甲局2023.txt"), str(reports / "甲局2022.txt")).stdout
    )
    assert [Path(o["file"]).name for o in as_json] == ["甲局2023.txt", "甲局2022.txt"]
    assert any(f["rule"] == "cross.carry_over" for f in as_json[0]["findings"])


def test_parse_streams_in_input_order_with_jobs(tmp_path: Path) -> None:
    paths = mixed_batch(tmp_path)
    one = _lines(run_cli("parse", "--json", "--jobs", "1", *paths).stdout)
    two = _lines(run_cli("parse", "--json", "--jobs", "2", *paths).stdout)
    assert [o["file"] for o in one] == [o["file"] for o in two]
    assert one == two


def test_directory_canonical_names_missing_and_starting_directory(tmp_path: Path) -> None:
    paths = mixed_batch(tmp_path / "b")
    d = tmp_path / "名录.csv"
    d.write_text(
        "机关名称,别名,地区,层级,上级\n示例市甲局（示例）,示例市甲局,甲区,市级部门,示例市人民政府\n示例市丙局,,乙区,市级部门,\n",
        encoding="utf-8",
    )
    res = run_cli("check", "--json", "--directory", str(d), *paths)
    objs = {Path(o["file"]).name: o for o in _lines(res.stdout)}
    b = objs["甲局2023.txt"]["batch"]
    assert (b["agency"], b["region"], b["level"]) == ("示例市甲局（示例）", "甲区", "市级部门")
    text = run_cli("check", "--directory", str(d), *paths).stdout
    assert "2023 年度未报送（机关名录中无计入汇总的报告）1 个：示例市丙局" in text
    out = tmp_path / "新名录.xlsx"
    res = run_cli("directory", *paths, "-o", str(out))
    assert "已把 2 个机关写入机关名录" in res.stdout, res.stderr
    from core.batch.directory import Directory

    assert [a.name for a in Directory.load(out).agencies] == ["示例市乙局", "示例市甲局"]


def test_bad_directory_is_a_clear_message(tmp_path: Path) -> None:
    paths = mixed_batch(tmp_path / "b")
    d = tmp_path / "名录.csv"
    d.write_text("名称,地区\n甲,乙\n", encoding="utf-8")
    res = run_cli("check", "--directory", str(d), *paths)
    assert res.returncode == 2
    assert "名录.csv" in res.stderr and "第 1 行" in res.stderr and "机关名称" in res.stderr
    assert "Traceback" not in res.stderr


def test_bad_limit_options_are_usage_errors(tmp_path: Path) -> None:
    for args in (("--jobs", "0"), ("--timeout", "abc"), ("--memory-limit", "很多")):
        res = run_cli("parse", *args, str(tmp_path))
        assert res.returncode == 2 and "错误" in res.stderr


def test_export_from_slimmed_reports_writes_the_same_workbook(tmp_path: Path) -> None:
    """The command line drops each report's source text and grids once its findings are known;
    the workbook (every sheet, every cell) is the one the full reports give."""
    import openpyxl

    from core.batch.pipeline import load_batch
    from core.batch.slim import slim_entry
    from core.export import ExportOptions, export_batch

    paths = mixed_batch(tmp_path / "in")
    full = load_batch(paths)
    slim = load_batch(paths)
    for e in slim.entries:
        slim_entry(e)
    assert all(e.reviewed is None or e.reviewed.report.text == "" for e in slim.entries)
    options = ExportOptions(per_report_sheets=True)
    export_batch(full, str(tmp_path / "full.xlsx"), options)
    export_batch(slim, str(tmp_path / "slim.xlsx"), options)
    a = openpyxl.load_workbook(tmp_path / "full.xlsx")
    b = openpyxl.load_workbook(tmp_path / "slim.xlsx")
    assert a.sheetnames == b.sheetnames and len(a.sheetnames) > 5
    for name in a.sheetnames:
        rows_a = [[c.value for c in row] for row in a[name].iter_rows()]
        rows_b = [[c.value for c in row] for row in b[name].iter_rows()]
        assert rows_a == rows_b, name
    assert any("cross.carry_over" in str(row) for row in a["问题清单"].iter_rows(values_only=True))
