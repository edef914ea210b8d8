"""Reading typed/pasted cell text and formatting numbers as the printed table shows them (no Qt)."""

from __future__ import annotations

import pytest

from core.model import Value
from gui.stat_tables.cell_values import CellInputError, format_number, parse_cell_text, printed_text


@pytest.mark.parametrize(
    ("text", "kind", "number"),
    [
        ("12", "int", 12),
        ("１２３", "int", 123),  # full-width digits
        (" 1,234 ", "int", 1234),  # thousands separator, spaces
        ("12件", "int", 12),
        ("/", "int", 0),  # an empty-cell token is 0
        ("—", "int", 0),
        ("", "int", None),
        ("+461", "signed", 461),
        ("-417", "signed", -417),
        ("减3", "signed", -3),
        ("－５", "signed", -5),
        ("12.50", "decimal", 12.5),
        ("251000元", "decimal", 251000),
        ("3.0", "int", 3),
    ],
)
def test_parse_cell_text(text: str, kind: str, number) -> None:
    got = parse_cell_text(text, kind)
    assert got == number and type(got) is type(number)


@pytest.mark.parametrize(("text", "kind"), [("abc", "int"), ("-3", "int"), ("2.5", "int"), ("1..2", "decimal")])
def test_parse_cell_text_rejects(text: str, kind: str) -> None:
    with pytest.raises(CellInputError):
        parse_cell_text(text, kind)


def test_format_number() -> None:
    assert format_number(1234, "int") == "1234"  # no thousands separators
    assert format_number(12.5, "decimal", "12.50") == "12.50"  # decimals as printed
    assert format_number(12.5, "decimal") == "12.5"
    assert format_number(7.0, "decimal") == "7"
    assert format_number(3, "signed") == "+3"
    assert format_number(-3, "signed") == "-3"
    assert format_number(None, "int") == ""


def test_printed_text_shows_the_token() -> None:
    assert printed_text(Value("apply.new.total", 0, raw="/")) == "0（原文“/”）"
    assert printed_text(Value("apply.new.total", 0, raw="")) == "0（原文为空白单元格）"
    assert printed_text(None) == "未读取到"
