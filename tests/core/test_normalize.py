"""Normalisation: width folding, Traditional → Simplified, pinyin, boilerplate, broken lines, offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.loading.dispatch import load_file
from core.loading.normalize import apply_edits, is_boilerplate_line, normalize, to_simplified
from tests.conftest import seed


def _check_offsets(original: str, text: str, offsets) -> None:  # type: ignore[no-untyped-def]
    assert len(offsets) == len(text)
    assert all(offsets[i] <= offsets[i + 1] for i in range(len(offsets) - 1))
    for i, ch in enumerate(text):
        src = original[offsets[i]]
        assert (
            ch == src
            or to_simplified(src.translate({0xFF10 + d: 0x30 + d for d in range(10)})) == ch
            or (ch == " " and src.isspace())
            or ch.lower() == chr(ord(src) - 0xFEE0).lower()
        ), (i, ch, src)


def test_width_folding_keeps_chinese_punctuation() -> None:
    src = "２０２１年ＡＢＣ公司　（一）予以公开，共１２件；“说明”。"
    r = normalize(src)
    assert r.text == "2021年ABC公司 （一）予以公开，共12件；“说明”。"
    _check_offsets(src, r.text, r.offsets)


def test_traditional_to_simplified_with_field_aliases() -> None:
    r = normalize("政府資訊公開工作年度報告\n行政覆議 3 件，行政訴訟 1 件。")
    assert r.text == "政府信息公开工作年度报告\n行政复议 3 件，行政诉讼 1 件。"
    assert len(r.offsets) == len(r.text)


def test_pinyin_removed_real_parentheses_kept() -> None:
    src = "當(dāng)前位置：首頁\n區(qū)財政局(區(qū)國資辦)認(rèn)真做好（一）主動公開(二)依申請公開"
    r = normalize(src)
    assert "(dāng)" not in r.text and "(rèn)" not in r.text and "(qū)" not in r.text
    assert "区财政局(区国资办)认真做好（一）主动公开(二)依申请公开" in r.text
    i = r.text.index("认真")
    assert src[r.offsets[i]] == "認" and src[r.offsets[i + 1]] == "真"


def test_boilerplate_lines_out_of_text_metadata_kept() -> None:
    src = (
        "您当前的位置：首页 > 政府信息公开 > 年度报告\n"
        "索引号：123/2021-0001 发布机构：青禾县审计局\n"
        "发布时间：2022-01-05 浏览次数：35\n"
        "【大 中 小】 打印 关闭\n"
        "青禾县审计局2021年政府信息公开工作年度报告 | ||||||||||||\n"
        "|\n"
        "||||||||||||||||||||||\n"
        "一、总体情况\n"
        "扫一扫在手机打开当前页\n"
    )
    r = normalize(src)
    assert "当前的位置" not in r.text and "打印" not in r.text and "扫一扫" not in r.text
    assert "|" not in r.text
    assert "索引号：123/2021-0001 发布机构：青禾县审计局" in r.text
    assert r.text.splitlines()[0].startswith("索引号")
    assert "青禾县审计局2021年政府信息公开工作年度报告\n一、总体情况" in r.text
    assert any("当前的位置" in b for b in r.boilerplate)
    assert any(b.startswith("索引号") for b in r.boilerplate)
    assert any("打印" in b for b in r.boilerplate)
    _check_offsets(src, r.text, r.offsets)


def test_boilerplate_line_detection_is_narrow() -> None:
    assert is_boilerplate_line("打印 字号:")
    assert is_boilerplate_line("浏览次数：1024")
    assert not is_boilerplate_line("加大政策解读力度，及时回应关切。")
    assert not is_boilerplate_line("2021")
    assert not is_boilerplate_line("一、总体情况")


def test_page_broken_word_joined_heading_not_joined() -> None:
    para = "2020年度我局未收到政府信息公开申请，也没有因为其他原因出现需要答复的事项，未发生因政府信息公"
    src = (
        f"{para}\n\n开而受理行政复议、行政诉讼等情况。\n\n"
        + "我局将继续坚持公开为常态不公开为例外的原则进一步做好各项工作并提升质量和群众满意度"
        + "\n\n二、主动公开政府信息情况\n"
    )
    r = normalize(src)
    assert "政府信息公开而受理" in r.text
    assert "满意度\n\n二、主动公开政府信息情况" in r.text


def test_short_title_not_joined_to_body() -> None:
    r = normalize("青禾县审计局 2020 年政府信息 公开工作报告\n\n根据《条例》规定，制作本报告。\n")
    assert r.text.startswith("青禾县审计局 2020 年政府信息 公开工作报告\n\n根据")


def test_table_lines_untouched() -> None:
    src = "信息内容\t本年制发件数\t本年废止件数\n规章\t０\t1\n\n行政规范性文件\t2\t3\n"
    r = normalize(src)
    assert r.text == "信息内容\t本年制发件数\t本年废止件数\n规章\t0\t1\n\n行政规范性文件\t2\t3\n"


def test_markdown_emphasis_stripped_headings_and_pipes_kept() -> None:
    src = "## **（三）政府信息管理**\n\n| 规章 | __1__ | 0 |\n|  |  |  |\n"
    r = normalize(src, form="md")
    assert r.text == "## （三）政府信息管理\n\n| 规章 | 1 | 0 |\n|  |  |  |\n"
    assert src[r.offsets[r.text.index("（三）")]] == "（"


def test_soft_breaks_removed() -> None:
    src = "本报告由青禾县人民政府办公室根据\n条例编制，see the\nappendix。\n一、总体情况"
    breaks = [src.index("\n"), src.index("\nappendix")]
    r = normalize(src, soft_breaks=breaks, join_lines=False)
    assert r.text == "本报告由青禾县人民政府办公室根据条例编制，see the appendix。\n一、总体情况"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab當(dāng)|\n\t 　Ａ１，。一、資訊", max_size=80))
def test_offsets_always_valid(src: str) -> None:
    r = normalize(src)
    assert len(r.offsets) == len(r.text)
    assert all(0 <= o < max(1, len(src)) for o in r.offsets)
    assert list(r.offsets) == sorted(r.offsets)


def test_apply_edits_maps_replacements() -> None:
    from array import array

    text, offs = apply_edits("abcdef", array("l", range(6)), [(1, 3, "X"), (4, 4, "YZ")])
    assert text == "aXdYZef"
    assert list(offs) == [0, 1, 3, 4, 4, 4, 5]


# --------------------------------------------------------------------------- the real seeds


def test_all_seeds_load_and_normalise() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        doc = load_file(str(seed(prefix)))
        assert doc.form == "txt" and doc.encoding == "utf-8"
        assert len(doc.offsets) == len(doc.text) > 1000
        assert doc.grids == []
        _check_offsets(doc.original, doc.text[:3000], doc.offsets[:3000])


def test_seed_003_simplified_without_pinyin() -> None:
    doc = load_file(str(seed("003")))
    assert "(dāng)" in doc.original
    assert to_simplified(doc.text) == doc.text
    assert "区财政局2018年度政府信息公开工作报告" in doc.text
    assert "认真贯彻落实" in doc.text
    assert "信息内容全面" in doc.text  # 內(nèi)容 → 内容
    import re

    assert not re.search(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)", doc.text)
    assert "(区国资办)" in doc.text
    assert any("当前位置" in b for b in doc.boilerplate)
    assert "当前位置" not in doc.text
    assert "|||" not in doc.text


def test_seed_001_page_broken_word_joined() -> None:
    doc = load_file(str(seed("001")))
    assert "因政府信息公\n" in doc.original
    assert "未发生因政府信息公开而受理行政复议" in doc.text
    assert "信息真实，并且着力提升" in doc.text
    assert "规章\t0\t0\t0" in doc.text
    i = doc.text.index("公开而受理")
    assert doc.original[doc.offsets[i + 1]] == "开"


def test_seed_000_runs_and_boilerplate() -> None:
    doc = load_file(str(seed("000")))
    assert "|||" not in doc.text and "||||" in doc.original
    assert doc.text.startswith("白银市审计局2021年政府信息公开工作年度报告\n")
    assert "发布时间:2022-01-07 16:58" in doc.text
    assert "浏览次数" not in doc.text
    assert any(b.startswith("发布时间") for b in doc.boilerplate)


def test_seed_004_navigation_out_metadata_in() -> None:
    doc = load_file(str(seed("004")))
    assert "您当前的位置" not in doc.text and "打印 字号" not in doc.text
    assert "发文日期: 2020-12-28" in doc.text
    assert any("您当前的位置" in b for b in doc.boilerplate)


def test_one_cell_per_line_runs_not_joined() -> None:
    long_label = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    src = "\n".join([long_label, "6", "0", "0", long_label, "3.其他", "108"]) + "\n"
    assert normalize(src).text == src


def test_line_ends_crlf_and_lone_cr() -> None:
    src = "一、总体情况\r\n正文。\r二、主动公开政府信息情况\r"
    r = normalize(src)
    assert r.text == "一、总体情况\n正文。\n二、主动公开政府信息情况\n"
    assert src[r.offsets[r.text.index("二")]] == "二"


def test_an_empty_cell_token_is_never_glued_onto_a_long_row_label():
    # Regression (one-cell-per-line dumps): "…不再处理其政府信息公开申请" + "无" became one line.
    from core.loading.normalize import normalize

    label = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    for token in ("无", "—", "/", "-"):
        text = normalize(f"{label}\n{token}\n0\n8\n", form="txt").text
        assert text.splitlines()[:2] == [label, token]
