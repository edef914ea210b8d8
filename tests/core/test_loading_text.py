"""Text and Markdown loading: every encoding, offsets, Traditional sources, the real Markdown report."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from core.loading.dispatch import load_file
from core.loading.encoding import decode_bytes
from tests.conftest import CORPUS
from tests.core.loader_fixtures import make_md, make_txt

REPORT = (
    "青禾县审计局2021年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "本年度共收到政府信息公开申请12件，予以公开8件，部分公开2件。\n"
    "规章\t0\t1\t2\n"
)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
        ("gbk", b""),
        ("gb18030", b""),
        ("gb2312", b""),
    ],
)
def test_encodings_round_trip(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    f = tmp_path / "r.txt"
    f.write_bytes(prefix + REPORT.encode(encoding))
    doc = load_file(str(f))
    assert doc.text == REPORT
    assert doc.original == REPORT
    assert list(doc.offsets) == list(range(len(REPORT)))


def test_gbk_only_characters_in_a_gb2312_looking_file(tmp_path: Path) -> None:
    text = REPORT + "朱镕基同志题词；𠀾字\n"  # 镕 is GBK, not GB2312; 𠀾 needs GB18030 four-byte codes
    f = tmp_path / "r.txt"
    f.write_bytes(text.encode("gb18030"))
    doc = load_file(str(f))
    assert doc.encoding == "gb18030"
    assert "朱镕基" in doc.text and "𠀾" in doc.text


def test_big5_traditional_becomes_simplified(tmp_path: Path) -> None:
    trad = "青禾縣審計局2021年政府資訊公開工作年度報告\n一、總體情況\n本年度收到政府資訊公開申請12件，行政覆議1件。\n"
    f = tmp_path / "big5.txt"
    f.write_bytes(trad.encode("big5"))
    doc = load_file(str(f))
    assert doc.encoding in ("big5hkscs", "cp950")
    assert doc.original == trad
    assert "青禾县审计局2021年政府信息公开工作年度报告" in doc.text
    assert "行政复议1件" in doc.text
    i = doc.text.index("审计局")
    assert doc.original[doc.offsets[i]] == "審"


def test_decode_prefers_utf8_then_detects() -> None:
    assert decode_bytes("纯文本".encode())[1] == "utf-8"
    assert decode_bytes(REPORT.encode("gbk"))[1] == "gb18030"
    assert decode_bytes(codecs.BOM_UTF8 + "报告".encode())[0] == "报告"


def test_full_width_digits_mapped_to_original(tmp_path: Path) -> None:
    f = tmp_path / "w.txt"
    f.write_text("共收到申请１２３件。", encoding="utf-8")
    doc = load_file(str(f))
    assert doc.text == "共收到申请123件。"
    i = doc.text.index("123")
    assert doc.to_original(__import__("core.model", fromlist=["Span"]).Span(i, i + 3)).start == doc.original.index(
        "１２３"
    )


def test_synthetic_txt_keeps_tab_rows(tmp_path: Path) -> None:
    doc = load_file(str(make_txt(tmp_path / "s.txt", 7)))
    assert doc.form == "txt"
    assert "项目\t自然人\t商业企业" in doc.text
    assert doc.grids == []


def test_markdown_emphasis_and_tables(tmp_path: Path) -> None:
    doc = load_file(str(make_md(tmp_path / "s.md", 3)))
    assert doc.form == "md"
    assert "## 一、总体情况" in doc.text and "**" not in doc.text
    assert "| 项目 | 自然人 |" in doc.text
    assert "|---|---|" in doc.text
    assert doc.grids == []


def test_real_markdown_report_loads() -> None:
    doc = load_file(str(CORPUS / "kewei_2024.md"))
    assert doc.form == "md"
    assert "一、总体情况" in doc.text
    assert "| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 |  |" in doc.text
    # hard-wrapped prose is joined into paragraphs
    assert "《上海市政府信息公开规定》的要求" in doc.text
    assert doc.text.count("\n") < doc.original.count("\n")
    for i in range(0, len(doc.text), 97):
        o = doc.original[doc.offsets[i]]
        assert o == doc.text[i] or o.isspace() == doc.text[i].isspace()


def test_sniffs_html_saved_as_txt(tmp_path: Path) -> None:
    f = tmp_path / "page.txt"
    f.write_text(
        "<html><body><p>一、总体情况</p><table><tr><td>规章</td><td>1</td></tr></table></body></html>", encoding="utf-8"
    )
    doc = load_file(str(f))
    assert doc.form == "html" and len(doc.grids) == 1


def test_unknown_extension_sniffed(tmp_path: Path) -> None:
    f = tmp_path / "report.download"
    f.write_text("<!DOCTYPE html><html><body><p>一、总体情况</p></body></html>", encoding="utf-8")
    assert load_file(str(f)).form == "html"


def test_importing_loaders_is_light() -> None:
    """Heavy libraries load only when a file of their form is read (fast CLI start)."""
    import subprocess
    import sys

    code = (
        "import sys, core.loading, core.loading.dispatch;"
        "mods = ('pdfplumber', 'pdfminer', 'docx', 'lxml', 'opencc', 'chardet', 'reportlab');"
        "heavy = [m for m in mods if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).parents[2]
    )
    assert out.stdout.strip() == ""
