"""Row labels matched to the template by keyword (and, in mapping.py, by position)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from core.lazy_re import lazy_compile
from core.templates import (
    LAYOUTS,
    TABLE_APPLY,
    TEMPLATE_2019,
    TEMPLATE_2021,
    Row,
    SubTable,
    field_id_for,
)

_FOLD = str.maketrans(
    {
        "（": "(",
        "）": ")",
        "【": "(",
        "】": ")",
        "〔": "(",
        "〕": ")",
        "[": "(",
        "]": ")",
        "“": '"',
        "”": '"',
        "‘": '"',
        "’": '"',
        "「": '"',
        "」": '"',
        "＂": '"',
        "'": '"',
        "．": ".",
        "，": ",",
        "、": ",",
        "／": "/",
    }
)
_DROP = lazy_compile(r"[\s\u00a0\u3000*#]+")


@lru_cache(maxsize=8192)  # bounded: it also folds whole lines and regions of every report a process reads
def norm(text: str) -> str:
    """A label folded for matching: no spaces or line breaks, one kind of bracket and quote."""
    return _DROP.sub("", text).translate(_FOLD)


@dataclass(frozen=True)
class RowSpec:
    """A template row of one table: where it sits and how many columns it has."""

    table: str
    key: str
    index: int  # printed order within the table (template-specific)
    block: SubTable
    row: Row
    templates: frozenset[str]
    fields: tuple[str, ...] = ()  # field IDs in column order


def spec_fields(spec: RowSpec) -> tuple[str, ...]:
    """The field IDs of a template row, in column order."""
    return spec.fields


@cache
def row_specs(table: str, template: str) -> tuple[RowSpec, ...]:
    """The rows of a table in printed order for one template."""
    out: list[RowSpec] = []
    for block in LAYOUTS[template][table]:
        for row in block.rows:
            fids = tuple(field_id_for(table, row, col) for col in block.columns)
            out.append(RowSpec(table, row.key, len(out), block, row, frozenset({template}), fids))
    return tuple(out)


@cache
def _keywords(table: str) -> tuple[tuple[str, str], ...]:
    """(normalised keyword, row key) over both templates, longest keyword first."""
    pairs: set[tuple[str, str]] = set()
    for template in (TEMPLATE_2021, TEMPLATE_2019):
        for spec in row_specs(table, template):
            for kw in spec.row.keywords:
                pairs.add((norm(kw), spec.key))
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[1])))


# apply-row keywords that are too generic alone: they need the rest of the label to agree
_WEAK = {"其他", "总计", "(七)"}
_EXTRA_APPLY = (("转下年度", "carry_forward"), ("本年新收", "new"), ("收到", "new"), ("结转", "carried"))


def match_row(table: str, label: str) -> tuple[str, int] | None:
    """The template row key a label names in a table, and the length of the keyword that decided.

    The longest keyword wins ("其他处理" beats "其他", "禁止公开" beats "规章"). A label made of a
    generic word alone ("其他", "总计") only matches when it is the whole label (after the numbering).
    """
    n = norm(label)
    if not n:
        return None
    for kw, key in _keywords(table):
        if kw in n:
            if kw in _WEAK and len(_strip_numbering(n)) > len(kw) + 2:
                continue
            return key, len(kw)
    if table == TABLE_APPLY:
        for kw, key in _EXTRA_APPLY:
            if kw in n:
                return key, len(kw)
    return None


_NUMBERING = lazy_compile(r"^(?:\(?[一二三四五六七八九十\d]+\)?[.,)]?)+")


def _strip_numbering(n: str) -> str:
    return _NUMBERING.sub("", n)


# header words that tell the tables and the templates apart
ACTIVE_HEADER_2021 = ("制发", "废止", "现行有效", "本年处理决定", "收费金额")
ACTIVE_HEADER_2019 = ("新制作", "新公开", "对外公开总数", "上一年项目", "增/减", "增减", "集中采购", "对外管理服务", "采购项目")
APPLY_HEADER = ("勾稽", "申请人情况", "自然人", "新收政府信息公开申请", "上年结转")
APPEAL_HEADER = ("结果维持", "结果纠正", "复议后起诉", "未经复议", "尚未审结")


def count_markers(text: str, markers: tuple[str, ...]) -> int:
    """How many of these markers occur in a (normalised) text."""
    n = norm(text)
    return sum(1 for m in markers if norm(m) in n)

