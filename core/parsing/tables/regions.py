"""Where tables 二, 三 and 四 lie in the text, found by their own header words (not by section headings)."""

from __future__ import annotations

from dataclasses import dataclass

from core.lazy_re import lazy_compile
from core.parsing.tables.labels import norm
from core.parsing.tables.runs import looks_glued

_LABEL_DIGITS = lazy_compile(r"[\u4e00-\u9fff）)][0-9０-９/／—－-]")
_HEAD5 = lazy_compile(r"^\s*[(（]?[五六][)）]?[、.．]|存在的主要问题|主要问题及改进")


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

    # a long line is a table line when its cells are separated, or run together (label + digits)
    shorts = [structured[i] or len(t) <= 90 or len(t.strip()) <= 90 or looks_glued(t) for i, t in enumerate(raw_lines)]

    def short(i: int) -> bool:
        return shorts[i]

    def has(i: int, words: tuple[str, ...]) -> bool:
        t = raw_lines[i]
        if not any(w[0] in t for w in words):
            return False
        nt = norm(t)
        return any(w in nt for w in words)

    def active_head(i: int) -> bool:
        t = raw_lines[i]
        return "第二十条第" in t or t.lstrip("|# \t").startswith("信息内容")

    def glued(i: int) -> bool:
        # a long line of 表二 whose cells run together: labels followed at once by their digits
        return len(_LABEL_DIGITS.findall(raw_lines[i])) >= 3

    a = next((i for i in range(n) if active_head(i) and (short(i) or glued(i))), None)
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
