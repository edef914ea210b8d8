"""The command line reads the batch: cross-year findings, duplicates, failures, directory, --jobs, limits."""

from __future__ import annotations

import json
from pathlib import Path

from tests.batch_fixture import mixed_batch
from tests.core.test_cli import run_cli


def _lines(out: str) -> list[dict]:
    return [json.loads(x) for x in out.splitlines() if x.strip()]


def test_check_json_reads_the_whole_batch(tmp_path: Path) -> None:
    paths = mixed_batch(tmp_path)
    res = run_cli("check", "--json", "--jobs", "2", *paths)
    assert res.returncode == 1, res.stderr  # unreadable files
    objs = _lines(res.stdout)
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
