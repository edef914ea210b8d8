"""Damaged text files: a few bad bytes never turn a report into another code page's mojibake."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from core.loading.dispatch import load_file
from core.loading.encoding import declared_charset, decode_report
from core.parsing import parse_report
from tests.core.loader_fixtures import make_txt


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_one_bad_byte_keeps_the_encoding_and_says_so(tmp_path: Path, encoding: str) -> None:
    good = make_txt(tmp_path / "原件.txt", 3, encoding=encoding, scale=4)
    data = good.read_bytes()
    intact = parse_report(str(good))
    at = data.index("坚持".encode(encoding))  # damage the prose, not the table
    for bad in (0xFF, 0x80):  # bytes no encoding of Chinese text can start a character with
        damaged = tmp_path / "损坏.txt"
        damaged.write_bytes(data[:at] + bytes([bad]) + data[at + 1 :])
        report = parse_report(str(damaged))
        assert report.document.encoding == encoding
        notes = [f for f in report.findings if f.rule == "load.bad_bytes"]
        assert notes and "无效" in notes[0].message
        # the table is read as before
        assert {k: v.value for k, v in report.values.items()} == {k: v.value for k, v in intact.values.items()}
        assert report.metadata.agency == intact.metadata.agency


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_file_cut_in_the_middle_of_a_character(tmp_path: Path, encoding: str) -> None:
    data = make_txt(tmp_path / "完整.txt", 5, encoding=encoding).read_bytes()
    cut = data[: data.index("存在的主要问题".encode(encoding)) + 1]  # half of 存
    f = tmp_path / "截断.txt"
    f.write_bytes(cut)
    report = parse_report(str(f))  # not "可能是二进制文件"
    assert report.document.encoding == encoding
    assert any(f.rule == "load.bad_bytes" for f in report.findings)
    assert "五、" in report.document.text and "\ufffd" not in report.document.text


def test_random_single_byte_damage_never_becomes_another_code_page(tmp_path: Path) -> None:
    data = make_txt(tmp_path / "r.txt", 7, encoding="utf-8", scale=3).read_bytes()
    rnd = random.Random(15)
    for _ in range(60):
        b = bytearray(data)
        b[rnd.randrange(len(b))] = rnd.choice([0x80, 0xBF, 0xC3, 0xE4, 0xFF, rnd.randrange(128, 256)])
        assert decode_report(bytes(b)).encoding == "utf-8"


def test_clean_files_report_no_damage(tmp_path: Path) -> None:
    for enc, text in (("utf-8", "青禾县政府信息公开工作年度报告"), ("gb18030", "青禾县政府信息公开工作年度报告"),
                      ("big5hkscs", "青禾縣政府資訊公開工作年度報告")):  # fmt: skip
        d = decode_report((text + "，一、總體情況。").encode(enc) * 20)
        assert d.replaced == 0 and d.text.startswith(text)


@pytest.mark.parametrize("encoding", ["big5hkscs", "gb18030"])
def test_a_page_mostly_scripts_and_styles_is_read_in_its_encoding(encoding: str) -> None:
    # a saved web page: 30 KB of inline CSS/JS (ASCII) around a few lines of report text; an
    # unrestricted chardet 7 called such Big5/GBK pages ISO-8859-2 (Big5 then read as GB18030)
    text = (
        "青松縣統計局二〇二三年政府資訊公開工作年度報告。本機關堅持以公開為常態、不公開為例外，"
        "全年主動公開政府資訊一百二十條，受理政府資訊公開申請十二件，均在法定期限內答覆。"
    )
    css = "".join(f".m{k} a:hover {{ color: #{k:06x}; margin: {k % 7}px; }}\n" for k in range(400))
    js = "".join(f"function f{k}(a) {{ return a > {k} ? '<p>' : '</p>'; }}\n" for k in range(400))
    page = f"<html><head><style>{css}</style><script>{js}</script></head><body><p>{text}</p><p>{text}</p></body></html>"
    decoded = decode_report(page.encode(encoding))
    assert decoded.text == page and decoded.replaced == 0


_TRADITIONAL = (
    "青松縣統計局二〇二三年政府資訊公開工作年度報告。本機關堅持以公開為常態、不公開為例外，"
    "全年主動公開政府資訊一百二十條，受理政府資訊公開申請十二件，均在法定期限內答覆。"
)
_SIMPLIFIED = (
    "青松县统计局二〇二三年政府信息公开工作年度报告。本机关坚持以公开为常态、不公开为例外，"
    "全年主动公开政府信息一百二十条，受理政府信息公开申请十二件，均在法定期限内答复。"
)


def _page(charset: str, text: str) -> str:
    js = "".join(f"function f{k}(a) {{ return a > {k} ? '<p>' : '</p>'; }}\n" for k in range(300))
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<script>{js}</script></head><body><p>{text}</p><p>{text}</p></body></html>"
    )


def test_a_declared_gb_page_reads_as_declared_and_as_the_detector_reads_it(tmp_path: Path) -> None:
    for charset in ("gb2312", "GBK", "gb18030"):
        data = _page(charset, _SIMPLIFIED + "朱镕基").encode("gb18030")
        assert declared_charset(data) == charset.lower()
        got = decode_report(data, declared_charset(data))
        assert got == decode_report(data) and got.encoding == "gb18030" and got.text == data.decode("gb18030")
        f = tmp_path / f"{charset}.html"
        f.write_bytes(data)
        assert load_file(str(f)).encoding == "gb18030"


def test_a_declared_gb_page_whose_bytes_are_utf8_or_big5_undeclared_is_read_as_what_it_is(tmp_path: Path) -> None:
    utf8 = _page("gb2312", _SIMPLIFIED).encode("utf-8")
    assert decode_report(utf8, declared_charset(utf8)).encoding == "utf-8"
    big5 = _page("x", _TRADITIONAL).replace("charset=x", "").encode("big5hkscs")
    assert declared_charset(big5) is None
    f = tmp_path / "big5.html"
    f.write_bytes(big5)
    doc = load_file(str(f))
    assert doc.encoding in ("big5hkscs", "cp950") and _SIMPLIFIED in doc.text  # read, then made Simplified


def test_a_declared_gb_page_with_damaged_bytes_says_so(tmp_path: Path) -> None:
    data = _page("gbk", _SIMPLIFIED).encode("gb18030")
    at = data.index("坚持".encode("gb18030"))
    f = tmp_path / "damaged.html"
    f.write_bytes(data[:at] + b"\xff" + data[at + 1 :])
    doc = load_file(str(f))
    assert doc.encoding == "gb18030" and any(code == "load.bad_bytes" for code, _ in doc.notes)
    assert "全年主动公开政府信息" in doc.text


def test_a_utf8_page_with_a_pasted_gbk_phrase_after_long_scripts_stays_utf8() -> None:
    # the damage comes after tens of KB of ASCII: still a few bad bytes in a UTF-8 page
    page = _page("utf-8", _SIMPLIFIED * 8)
    data = page.encode("utf-8")
    at = data.index("受理".encode())
    damaged = data[:at] + "受理".encode("gb18030") + data[at + len("受理".encode()) :]
    got = decode_report(damaged, declared_charset(damaged))
    assert got.encoding == "utf-8" and got.replaced >= 1
    assert got.text.count("全年主动公开政府信息") == 16
