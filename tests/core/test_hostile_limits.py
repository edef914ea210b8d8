"""Small crafted files that used to hang or eat memory: each loader limit gives a clear message or a finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.batch import worker as parse_worker
from core.errors import LoadError
from core.loading import limits
from core.loading.dispatch import load_file
from core.loading.docx_numbering import format_number
from core.parsing import parse_report
from tests.core.hostile_files import INTRO, cell, numbering_xml, para, pdf_with_stream, row, table, write_docx


def _loader_findings(path: Path) -> dict[str, str]:
    report = parse_report(str(path))
    return {f.rule: f.message for f in report.findings if f.rule.startswith(("load.", "docx."))}


def test_docx_grid_before_of_a_hundred_million_columns(tmp_path: Path) -> None:
    f = write_docx(
        tmp_path / "前置.docx",
        para(INTRO) + table(row(cell("甲") + cell("1"), grid_before=100_000_000) + row(cell("乙") + cell("2"))),
    )
    found = _loader_findings(f)
    assert "load.table_too_large" in found and "1000 列" in found["load.table_too_large"]
    doc = load_file(str(f))
    assert doc.grids == [] and "甲" in doc.text  # the table's text is kept, not read as a table


def test_docx_grid_spans_multiplying_into_millions_of_cells(tmp_path: Path) -> None:
    body = table("".join(row("".join(cell(str(i), span=1000) for i in range(60))) for _ in range(300)))
    f = write_docx(tmp_path / "跨列.docx", para(INTRO) + body)
    found = _loader_findings(f)
    assert "load.table_too_large" in found


def test_docx_table_within_limits_is_still_a_grid(tmp_path: Path) -> None:
    f = write_docx(tmp_path / "正常.docx", para(INTRO) + table(row(cell("项目") + cell("1", span=3), grid_before=1)))
    doc = load_file(str(f))
    assert len(doc.grids) == 1 and doc.grids[0].n_cols == 5


@pytest.mark.parametrize("start", [2**31 - 10, 40000, -3])
def test_docx_numbering_start_out_of_range(tmp_path: Path, start: int) -> None:
    paras = "".join(para("总体情况", (1, 0)) for _ in range(30))
    f = write_docx(tmp_path / "编号.docx", para(INTRO) + paras, numbering_xml("decimal", start))
    found = _loader_findings(f)
    assert "docx.numbering_range" in found and "32767" in found["docx.numbering_range"]


def test_docx_letter_numbering_labels_stay_short(tmp_path: Path) -> None:
    paras = "".join(para("事项", (1, 0)) for _ in range(2000))  # 'a' … 'zz…' (77 letters at the end)
    f = write_docx(tmp_path / "字母.docx", para(INTRO) + paras, numbering_xml("lowerLetter", 1))
    found = _loader_findings(f)
    assert "docx.numbering_label" in found
    doc = load_file(str(f))
    assert doc.text.count("a.事项") == 0 and "a、事项" in doc.text  # the short labels are still drawn
    assert max(len(line) for line in doc.text.splitlines()) < 100


def test_number_formats_refuse_absurd_values() -> None:
    assert format_number(2**31, "upperRoman") is None
    assert format_number(5000, "lowerLetter") is None
    assert format_number(28, "lowerLetter") == "bb"
    assert format_number(12, "chineseCounting") == "十二"


def test_docx_body_over_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("core.loading.docx.MAX_DOCX_BODY_XML", 200_000)
    runs = "<w:r><w:t>字</w:t></w:r>" * 20_000
    f = write_docx(tmp_path / "长正文.docx", para(INTRO) + f"<w:p>{runs}</w:p>")
    with pytest.raises(LoadError) as info:
        load_file(str(f))
    assert info.value.code == "limit.docx_body" and "长正文.docx" in info.value.message


def test_extracted_text_over_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("core.loading.builder.MAX_TEXT_CHARS", 5000)
    f = write_docx(tmp_path / "长文.docx", para(INTRO) + para("字" * 6000))
    with pytest.raises(LoadError) as info:
        load_file(str(f))
    assert info.value.code == "limit.text" and "长文.docx" in info.value.message
    txt = tmp_path / "长文.txt"
    txt.write_text(INTRO + "\n" + "字" * (limits.MAX_TEXT_CHARS + 1), encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_file(str(txt))
    assert info.value.code == "limit.text" and "长文.txt" in info.value.message


def test_pdf_stream_inflating_to_hundreds_of_megabytes(tmp_path: Path) -> None:
    f = pdf_with_stream(tmp_path / "炸弹.pdf", b"BT /F1 12 Tf 72 720 Td (Report) Tj ET\n", padding=100 << 20)
    assert f.stat().st_size < 200_000
    with pytest.raises(LoadError) as info:
        load_file(str(f))
    assert info.value.code == "limit.pdf_stream" and "炸弹.pdf" in info.value.message and "64 MB" in info.value.message


def test_pdf_with_too_many_pages_is_refused_before_reading(tmp_path: Path) -> None:
    f = pdf_with_stream(tmp_path / "多页.pdf", b"BT /F1 12 Tf 72 720 Td (Report text) Tj ET", pages=2000)
    with pytest.raises(LoadError) as info:
        load_file(str(f))
    assert info.value.code == "limit.pdf_pages" and "多页.pdf" in info.value.message and "300 页" in info.value.message


def test_pdf_bomb_in_a_worker_fails_on_the_limit_not_on_memory(tmp_path: Path) -> None:
    """Under a 600 MB worker, the 500 MB stream is refused by its own limit and the next file is read."""
    bomb = pdf_with_stream(tmp_path / "炸弹.pdf", b"BT /F1 12 Tf 72 720 Td (Report) Tj ET\n", padding=500 << 20)
    good = tmp_path / "正常.txt"
    good.write_text(INTRO + "\n一、总体情况\n本年度公开信息 12 条。\n", encoding="utf-8")
    limits_ = parse_worker.Limits(timeout=60, memory=600 * 1024 * 1024)
    with parse_worker.WorkerPool(1, limits_) as pool:
        out = dict(pool.parse_many([str(bomb), str(good)]))
    err = out[str(bomb)]
    assert isinstance(err, LoadError) and err.code == "limit.pdf_stream", err
    assert not isinstance(out[str(good)], LoadError)
