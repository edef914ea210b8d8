"""Cell tokens: what a printed table cell says, as a number (or why it is not one)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.lazy_re import lazy_compile
from core.loading.limits import MAX_NUMBER_DIGITS
from core.templates import EMPTY_TOKENS, UNREADABLE

_FW = str.maketrans("０１２３４５６７８９．，＋－－％", "0123456789.,+--%")
_UNITS = ("万元", "元", "件", "个", "项", "条", "起", "次", "人")
_NUM = lazy_compile(r"^([+\-]|减|增)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_SPACES = lazy_compile(r"[\s\u00a0\u3000]+")


@dataclass(frozen=True)
class Token:
    """A parsed cell: ``kind`` is number, empty, label or bad; ``value`` the number (0 for empty)."""

    kind: str
    value: int | float | None
    raw: str
    joined: bool = False  # digits separated by spaces/markup were read as one number


def fold(text: str) -> str:
    """Full-width digits and signs folded to ASCII; no other change."""
    return text.translate(_FW)


@lru_cache(maxsize=65536)
def parse_token(raw: str) -> Token:
    """Read one cell: a number (signed, with thousands separators or a unit), an empty mark, or a label.

    ``1 2`` (a number broken by a stray space inside one cell) is read as 12 with ``joined``.
    A cell holding text is a ``label``; a cell with digits mixed with other text is ``bad``.
    """
    s = raw.strip().strip("\u00a0\u3000")
    if s == UNREADABLE:
        return Token("bad", None, raw)  # ink OCR could not read (core.loading.scan_tables): left out, flagged
    if s in EMPTY_TOKENS:
        return Token("empty", 0, raw)
    t = fold(s)
    if t in EMPTY_TOKENS:
        return Token("empty", 0, raw)
    t = t.replace("，", ",")
    for unit in _UNITS:
        if t.endswith(unit) and len(t) > len(unit):
            t = t[: -len(unit)].rstrip()
            break
    joined = False
    compact = _SPACES.sub("", t)
    if compact != t:
        # only digits (and at most one sign/decimal point) separated by spaces are one number
        if re.fullmatch(r"[+\-减增]?[\d\s\u00a0\u3000.,]+", t):
            joined = True
            t = compact
        else:
            return _label_or_bad(raw, s)
    m = _NUM.match(t)
    if not m:
        return _label_or_bad(raw, s)
    sign, digits, frac = m.group(1), m.group(2).replace(",", ""), m.group(3)
    if len(digits) + len(frac or "") - 1 * bool(frac) > MAX_NUMBER_DIGITS:
        return Token("bad", None, raw)  # not a count any report prints, and not exact as a float
    value: int | float = float(digits + frac) if frac else int(digits)
    if sign in ("-", "减"):
        value = -value
    return Token("number", value, raw, joined)


_CJK = lazy_compile(r"[\u4e00-\u9fff]")


def _label_or_bad(raw: str, s: str) -> Token:
    digits = sum(ch.isdigit() for ch in s)
    if _CJK.search(s) or any(ch.isalpha() for ch in s):
        # "12件件" or "1O" are unreadable numbers; a row label may hold a few digits (1.属于…)
        if digits and len(_CJK.findall(s)) <= 1 and digits >= len(s) // 2:
            return Token("bad", None, raw)
        return Token("label", None, raw)
    if digits:
        return Token("bad", None, raw)
    return Token("label", None, raw)


def is_value_token(raw: str) -> bool:
    """True when the cell reads as a number or an empty mark."""
    return parse_token(raw).kind in ("number", "empty")
