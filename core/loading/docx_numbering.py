"""Word automatic numbering: the "一、" / "（一）" / "1." labels Word draws but does not store as text.

Headings of many .docx reports are numbered by a list style, so without this the text would read
"总体情况" where the page shows "一、总体情况". Numbering comes from the paragraph's own
``w:numPr`` or from its style (``styles.xml``, following ``basedOn``); levels and formats from
``numbering.xml``. Counters run per abstract numbering, deeper levels restart when a
shallower level advances.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.lazy_re import lazy_compile
from core.loading.limits import MAX_LABEL_CHARS, MAX_NUMBERING_START

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PPR, _NUMPR, _NUMID, _ILVL, _PSTYLE, _VAL = (W + n for n in ("pPr", "numPr", "numId", "ilvl", "pStyle", "val"))
_ENCODING_DECL = lazy_compile(rb"encoding\s*=\s*[\"']([^\"']*)[\"']")


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """Numbering definitions of one document and the running counters."""

    nums: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    starts: dict[tuple[str, int], int] = field(default_factory=dict)  # (numId, ilvl) → startOverride
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId → levels
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    counters: dict[str, list[int]] = field(default_factory=dict)
    styles_source: tuple[bytes, object] | None = None  # styles.xml and parser, read on first need
    problems: dict[str, str] = field(default_factory=dict)  # code → Chinese message (→ findings)

    def notes(self) -> list[tuple[str, str]]:
        """Numbering that could not be rebuilt (out-of-range start, overlong label), as loader notes."""
        return list(self.problems.items())

    def _out_of_range(self, value: int) -> None:
        self.problems.setdefault(
            "docx.numbering_range",
            f"Word 自动编号的值 {value} 超出范围（上限 {MAX_NUMBERING_START}），这些编号未能还原，"
            "相应段落前的编号（如“一、”）缺失。",
        )

    def _too_long(self) -> None:
        self.problems.setdefault(
            "docx.numbering_label",
            f"Word 自动编号生成的编号超过 {MAX_LABEL_CHARS} 个字符，未能还原，相应段落前的编号缺失。",
        )

    def label(self, p: object) -> str:
        """The label Word shows before paragraph ``p`` (advancing the counters), or ''."""
        ppr = child(p, _PPR)
        num_id, ilvl = None, 0
        if ppr is not None:
            npr = style = None
            for el in ppr:  # one pass: numPr and pStyle
                tag = el.tag
                if tag == _NUMPR:
                    npr = npr if npr is not None else el
                elif tag == _PSTYLE:
                    style = style if style is not None else el
            if npr is not None:
                nid = child(npr, _NUMID)
                lvl = child(npr, _ILVL)
                num_id = nid.get(_VAL) if nid is not None else None
                ilvl = _int(lvl.get(_VAL) if lvl is not None else None, 0)
            if num_id is None and style is not None:
                if self.styles_source is not None:
                    raw, parse = self.styles_source
                    self.styles_source = None
                    self.style_num = style_numbering(raw, parse)
                sid = style.get(_VAL)
                if sid in self.style_num:
                    num_id, ilvl = self.style_num[sid]
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract, [0] * 9)
        ilvl = min(max(ilvl, 0), 8)
        for k in range(9):
            if counters[k] == 0 and k < ilvl:
                counters[k] = self.starts.get((num_id, k), levels.get(k, _Level()).start)
        if counters[ilvl] == 0:
            counters[ilvl] = self.starts.get((num_id, ilvl), levels[ilvl].start)
        else:
            counters[ilvl] += 1
        for k in range(ilvl + 1, 9):
            counters[k] = 0
        lvl = levels[ilvl]
        if lvl.fmt in ("bullet", "none"):
            return ""
        text = lvl.text
        if len(text) > MAX_LABEL_CHARS:
            self._too_long()
            return ""
        for k in range(ilvl, -1, -1):
            if f"%{k + 1}" not in text:
                continue
            n = counters[k]
            if not 0 <= n <= MAX_NUMBERING_START:
                self._out_of_range(n)
                return ""
            part = format_number(n, levels.get(k, _Level()).fmt)
            if part is None:
                self._too_long()
                return ""
            text = text.replace(f"%{k + 1}", part)
            if len(text) > MAX_LABEL_CHARS:
                self._too_long()
                return ""
        return text


def format_number(n: int, fmt: str) -> str | None:
    """``n`` in a Word number format (decimal, chineseCounting, upperRoman …).

    None when the label would be longer than ``MAX_LABEL_CHARS`` (letters repeat: 27 → "aa").
    """
    if n > MAX_NUMBERING_START or n < -MAX_NUMBERING_START:
        return None
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "ideographTraditional", "japaneseCounting"):  # fmt: skip
        return chinese_number(n)
    if fmt == "chineseLegalSimplified":
        return "".join(_CN_LEGAL[int(d)] for d in str(n))
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt in ("lowerLetter", "upperLetter"):
        if n < 1 or (n - 1) // 26 + 1 > MAX_LABEL_CHARS:
            return None
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s if fmt == "upperRoman" else s.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百零五."""
    if n <= 0:
        return "〇"
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = (
            ""
            if rest == 0
            else (
                "零" + _CN_DIGITS[rest]
                if rest < 10
                else ("一" + chinese_number(rest) if rest < 20 else chinese_number(rest))
            )
        )
        return _CN_DIGITS[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    out = []
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _int(v: str | None, default: int) -> int:
    try:
        return int(v) if v is not None else default
    except ValueError:
        return default


def child(el: object, tag: str) -> Any:
    """``el.find(tag)`` for a plain ``{ns}name`` tag: the first such child, or None (a loop over
    the children costs a tenth of lxml's ``find``, which goes through ElementPath)."""
    for ch in el:  # type: ignore[attr-defined]
        if ch.tag == tag:
            return ch
    return None


# Parsed numbering and style definitions by the part's bytes: documents made from one template
# share them (styles.xml of Word's and python-docx's templates is 30–350 KB, 1–6 ms to parse).
# The cached dictionaries are shared between documents and only read.
_CACHE: dict[tuple[str, bytes], Any] = {}
_CACHE_ENTRIES = 6
_CACHE_PART_MAX = 1 << 20


_CACHE_LOCK = threading.Lock()  # the window reads files on a thread pool


def _cached(kind: str, raw: bytes, make: Callable[[], Any]) -> Any:
    key = (kind, raw)
    hit = _CACHE.get(key)
    if hit is None:
        hit = make()
        if len(raw) <= _CACHE_PART_MAX:
            with _CACHE_LOCK:
                while len(_CACHE) >= _CACHE_ENTRIES:
                    _CACHE.pop(next(iter(_CACHE)))
                _CACHE[key] = hit
    return hit


def read_numbering(numbering_xml: bytes | None, styles_xml: bytes | None, parse: object) -> Numbering:
    """Numbering definitions from the package parts (missing or broken parts → no numbering)."""
    num = Numbering()
    if numbering_xml:
        num.levels, num.nums, num.starts = _cached(
            "numbering", numbering_xml, lambda: _read_definitions(numbering_xml, parse)
        )
    if styles_xml and num.nums:
        num.styles_source = (styles_xml, parse)
    return num


def _read_definitions(
    numbering_xml: bytes, parse: object
) -> tuple[dict[str, dict[int, _Level]], dict[str, str], dict[tuple[str, int], int]]:
    """numbering.xml: levels by abstract numbering, abstract numbering by numId, start overrides."""
    levels_of: dict[str, dict[int, _Level]] = {}
    nums: dict[str, str] = {}
    starts: dict[tuple[str, int], int] = {}
    try:
        root = parse(numbering_xml)  # type: ignore[operator]
    except Exception:
        root = None
    if root is not None:
        for an in root.iter(W + "abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in an.findall(W + "lvl"):
                ilvl = _int(lvl.get(W + "ilvl"), 0)
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                start = lvl.find(W + "start")
                levels[ilvl] = _Level(
                    fmt.get(W + "val", "decimal") if fmt is not None else "decimal",
                    text.get(W + "val", "") if text is not None else "",
                    _int(start.get(W + "val") if start is not None else None, 1),
                )
            levels_of[an.get(W + "abstractNumId", "")] = levels
        for n in root.iter(W + "num"):
            ref = n.find(W + "abstractNumId")
            if ref is None:
                continue
            nid = n.get(W + "numId", "")
            nums[nid] = ref.get(W + "val", "")
            for ov in n.findall(W + "lvlOverride"):
                so = ov.find(W + "startOverride")
                if so is not None:
                    starts[(nid, _int(ov.get(W + "ilvl"), 0))] = _int(so.get(W + "val"), 1)
    return levels_of, nums, starts


def style_numbering(styles_xml: bytes, parse: object) -> dict[str, tuple[str, int]]:
    """Styles that number their paragraphs: styleId → (numId, ilvl) (shared; do not change it)."""
    if not _may_number(styles_xml):
        return {}
    return _cached("styles", styles_xml, lambda: _read_styles(styles_xml, parse))


def _may_number(raw: bytes) -> bool:
    """False when the part cannot hold a ``numPr`` element: an ASCII-compatible encoding (UTF-8,
    as Word writes it) and no "numPr" in its bytes — then there is nothing to parse."""
    head = raw[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<") or b"\x00" in head:
        return True  # UTF-16 or stranger: parse it
    decl = b""
    if head.startswith(b"<?xml"):
        end = head.find(b"?>")
        if end < 0:
            return True  # a declaration longer than anyone writes: let the parser read it
        decl = head[: end + 2]
    m = _ENCODING_DECL.search(decl)
    if m and m.group(1).lower().replace(b"-", b"").replace(b"_", b"") not in (b"utf8", b"ascii", b"usascii"):
        return True
    return b"numPr" in raw


def _read_styles(styles_xml: bytes, parse: object) -> dict[str, tuple[str, int]]:
    """Styles that number their paragraphs (directly or through ``basedOn``)."""
    style_num: dict[str, tuple[str, int]] = {}
    try:
        sroot = parse(styles_xml)  # type: ignore[operator]
    except Exception:
        return style_num
    own: dict[str, tuple[str, int]] = {}
    based: dict[str, str] = {}
    for st in sroot.iter(W + "style"):
        sid = st.get(W + "styleId", "")
        npr = st.find(f"{W}pPr/{W}numPr")
        if npr is not None:
            nid = npr.find(W + "numId")
            lvl = npr.find(W + "ilvl")
            own[sid] = (
                nid.get(W + "val", "") if nid is not None else "",
                _int(lvl.get(W + "val") if lvl is not None else None, 0),
            )
        b = st.find(W + "basedOn")
        if b is not None:
            based[sid] = b.get(W + "val", "")
    for sid in set(own) | set(based):
        cur, seen = sid, set()
        while cur and cur not in own and cur not in seen:
            seen.add(cur)
            cur = based.get(cur, "")
        found = own.get(cur) if cur else None
        if found and found[0]:
            style_num[sid] = found
    return style_num
