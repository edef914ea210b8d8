"""Where tables 二, 三 and 四 lie in the text, found by their own header words (not by section headings)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.parsing.tables.labels import norm

_HEAD5 = re.compile(r"^\s*[(（]?[五六][)）]?[、.．]|存在的主要问题|主要问题及改进")


@dataclass
class Regions:
    """Line-index ranges [start, end) of the three tables (None when the table's header is not found)."""

    active: tuple[int, int] | None = None
    apply: tuple[int, int] | None = None
    appeal: tuple[int, int] | None = None


def find_regions(raw_lines: list[str]) -> Regions:
    """Where tables 二, 三 and 四 lie, as line-index ranges, found by their own header words."""
    n = len(raw_lines)
    structured = [("\t" in t or t.count("|") >= 2) for t in raw_lines]

    def short(i: int) -> bool:
        return structured[i] or len(raw_lines[i].strip()) <= 90

    def has(i: int, words: tuple[str, ...]) -> bool:
        t = raw_lines[i]
        if not any(w[0] in t for w in words):
            return False
        nt = norm(t)
        return any(w in nt for w in words)

    def active_head(i: int) -> bool:
        t = raw_lines[i]
        return "第二十条第" in t or t.lstrip("|# \t").startswith("信息内容")

    a = next((i for i in range(n) if short(i) and active_head(i)), None)
    s = a or 0
    b = next((i for i in range(s, n) if short(i) and has(i, ("勾稽", "申请人情况", "新收政府信息公开申请", "本年新收"))), None)
    s = b if b is not None else s
    c = next(
        (
            i
            for i in range(s, n)
            if short(i)
            and (
                has(i, ("结果维持", "复议后起诉", "未经复议"))
                or (has(i, ("行政复议",)) and ("行政诉讼" in raw_lines[i] or "情况" in raw_lines[i]) and "。" not in raw_lines[i])
            )
        ),
        None,
    )
    s = c if c is not None else s
    end = next((i for i in range(s + 1, n) if not structured[i] and _HEAD5.search(raw_lines[i])), n)
    r = Regions()
    if a is not None:
        r.active = (a, b if b is not None else c if c is not None else end)
    if b is not None:
        r.apply = (b, c if c is not None else end)
    if c is not None:
        r.appeal = (c, end)
    return r
