"""core.batch.directory: loading .xlsx/.csv, aliases, and clear messages for bad files."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from core.batch import Batch
from core.batch.directory import Directory, DirectoryError, write_starting_directory
from tests.core.validation_helpers import consistent_values, make_report


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_xlsx_with_aliases_resolves_canonical_names(tmp_path: Path) -> None:
    p = _xlsx(
        tmp_path / "名录.xlsx",
        [
            ["机关名称", "别名", "地区", "层级", "上级"],
            ["上海市科学技术委员会", "上海市科委；市科委", "市本级", "市级部门", "上海市人民政府"],
            ["上海市浦东新区人民政府", None, "浦东新区", "县区政府", "上海市人民政府"],
        ],
    )
    d = Directory.load(p)
    assert [a.name for a in d.agencies] == ["上海市科学技术委员会", "上海市浦东新区人民政府"]
    a = d.resolve("上海市 科委")
    assert a is not None and (a.name, a.region, a.level) == ("上海市科学技术委员会", "市本级", "市级部门")
    assert d.resolve("市科委") is a and d.resolve("上海市教委") is None


def test_csv_in_gbk_with_columns_in_any_order(tmp_path: Path) -> None:
    p = tmp_path / "名录.csv"
    p.write_bytes("层级,机关名称,地区\n乡镇街道,示例镇人民政府,示例县\n".encode("gb18030"))
    (a,) = Directory.load(p).agencies
    assert (a.name, a.region, a.level, a.aliases) == ("示例镇人民政府", "示例县", "乡镇街道", [])


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ([["名称", "地区"], ["甲", "乙"]], ["第 1 行", "缺少“机关名称”列", "读到的列名：名称、地区"]),
        ([], ["是空的"]),
    ],
)
def test_bad_files_name_the_row(tmp_path: Path, rows, words) -> None:
    p = _xlsx(tmp_path / "坏名录.xlsx", rows)
    with pytest.raises(DirectoryError) as info:
        Directory.load(p)
    assert "坏名录.xlsx" in info.value.message
    for w in words:
        assert w in info.value.message


@pytest.mark.parametrize(
    ("rows", "words", "kept"),
    [
        ([["机关名称", "别名"], ["甲局", ""], ["乙局", "甲局"], ["丙局", ""]], ["第 3 行", "“甲局”", "第 2 行"],
         ["甲局", "丙局"]),
        ([["机关名称", "别名"], ["甲局", "小甲"], ["", "x"], ["乙局", ""]], ["第 3 行", "没有填写机关名称"],
         ["甲局", "乙局"]),
    ],
)
def test_bad_rows_are_reported_and_skipped(tmp_path: Path, rows, words, kept) -> None:
    d = Directory.load(_xlsx(tmp_path / "坏名录.xlsx", rows))
    assert [a.name for a in d.agencies] == kept
    (problem,) = d.problems
    assert "坏名录.xlsx" in problem and "已跳过" in problem
    for w in words:
        assert w in problem


def test_unreadable_and_unsupported_files(tmp_path: Path) -> None:
    bad = tmp_path / "损坏.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(DirectoryError, match=r"损坏\.xlsx"):
        Directory.load(bad)
    with pytest.raises(DirectoryError, match=r"不存在|无法读取"):
        Directory.load(tmp_path / "没有.csv")
    with pytest.raises(DirectoryError, match=r"\.xlsx"):
        Directory.load(tmp_path / "名录.doc")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_starting_directory_round_trips(tmp_path: Path, suffix: str) -> None:
    batch = Batch(
        [
            make_report(consistent_values("2021", 1), agency="乙局", year=2023, path="b.txt"),
            make_report(consistent_values("2021", 2), agency="甲局", year=2023, path="a.txt"),
            make_report(consistent_values("2021", 3), agency="甲局", year=2022, path="a22.txt"),
        ]
    )
    out = tmp_path / f"名录{suffix}"
    assert write_starting_directory(batch, out) == 2
    d = Directory.load(out)
    assert [a.name for a in d.agencies] == ["乙局", "甲局"]
    assert not list(tmp_path.glob(".~*"))  # no temporary file left behind
