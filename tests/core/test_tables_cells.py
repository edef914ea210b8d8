"""Cell tokens and label matching of the table parser."""

from __future__ import annotations

import pytest

from core.parsing.tables.cells import parse_token
from core.parsing.tables.labels import match_row
from core.templates import TABLE_ACTIVE, TABLE_APPLY


@pytest.mark.parametrize(
    ("raw", "kind", "value"),
    [
        ("0", "number", 0),
        ("12", "number", 12),
        ("", "empty", 0),
        ("/", "empty", 0),
        ("-", "empty", 0),
        ("—", "empty", 0),
        ("——", "empty", 0),
        ("无", "empty", 0),
        ("\u00a0", "empty", 0),
        ("１２３", "number", 123),
        ("1,234", "number", 1234),
        ("12,345,678", "number", 12345678),
        ("+461", "number", 461),
        ("-417", "number", -417),
        ("减3", "number", -3),
        ("251000元", "number", 251000),
        ("12.35", "number", 12.35),
        ("1 2", "number", 12),
        ("规章", "label", None),
        ("1.属于国家秘密", "label", None),
        ("1O", "bad", None),
    ],
)
def test_tokens(raw: str, kind: str, value: int | float | None) -> None:
    tok = parse_token(raw)
    assert (tok.kind, tok.value) == (kind, value)
    assert tok.raw == raw


def test_split_number_is_marked_joined() -> None:
    assert parse_token("1 2").joined
    assert not parse_token("12").joined


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("2.其他法律法规规章禁止公开", "denied.law_forbidden"),
        ("2.其他法律行政止公开", "denied.law_forbidden"),
        ("5.要求行政机关确认或重新出具", "rejected.confirm_info"),
        ("3.危及\"三安全一稳定\"", "denied.safety_stability"),
        ("(二)部分公开(区分处理的，只计这一情形，不计其他情形)", "partial"),
        ("（六）其他处理", "other"),
        ("3.其他", "other.other"),
        ("（七）总计", "total_handled"),
        ("四、结转下年度继续办理", "carry_forward"),
        ("二、上年结转政府信息公开申请数量", "carried"),
        ("一、本年新收政府信息 公开申请数量", "new"),
        ("5.属于三类内部事务信\n息", "denied.internal_affairs"),
        ("2.申请人逾期未按收费通知要求缴纳费用", "other.no_fee"),
    ],
)
def test_apply_labels(label: str, key: str) -> None:
    m = match_row(TABLE_APPLY, label)
    assert m is not None and m[0] == key


@pytest.mark.parametrize(
    ("label", "key"),
    [("规范性文件", "normative"), ("行政规范性 文件", "normative"), ("其他对外管理服务事项", "other_services"),
     ("政府集中采购", "procurement"), ("行政事业性收费", "fees"), ("规章", "rules")],
)  # fmt: skip
def test_active_labels(label: str, key: str) -> None:
    m = match_row(TABLE_ACTIVE, label)
    assert m is not None and m[0] == key


def test_header_words_match_no_row() -> None:
    assert match_row(TABLE_APPLY, "三、本年度办理结果") is None
    assert match_row(TABLE_APPLY, "（三）不予公开") is None
