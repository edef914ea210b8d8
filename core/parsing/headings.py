"""Heading recognition: numbering forms, the six standard section wordings, candidate headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.lazy_re import lazy_compile

SECTION_IDS = ("s1", "s2", "s3", "s4", "s5", "s6")

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# Numbering that opens a heading. Kinds: cn (一、), paren (（一）), arabic (1. / 1、), part (第一部分).
_NUMBERING = lazy_compile(
    r"(?P<cn>[一二三四五六七八九十]{1,3}\s*[、.．，,])"
    r"|(?P<paren>[（(]\s*(?P<pn>[一二三四五六七八九十]{1,3})\s*[)）])"
    r"|(?P<arabic>(?<![\d.])(?P<an>[1-9]\d?)\s*[、.．](?![\d]))"
    r"|(?P<part>第(?P<partn>[一二三四五六七八九十]{1,3})(?:部分|章|节)[、:：.．\s]*)"
)
# Characters after which a heading may start inside a long line (seed 000: "… 撰写。 一、总体情况 2021年…").
_OPENERS = set(" \t\u3000\u00a0\n\r。；;！？!?：:|*#>")

# Every standard wording ends with one of these: a cheap filter before trying them all on a line.
_UNNUMBERED_HINT = lazy_compile(r"情况|概况|事项|概述|总述|问题|不足|政府信息")
_WHOLE_LINE = lazy_compile(r"(?m)^[ \t\u3000#>*]*(?P<w>[^\n\t|]{2,40}?)[ \t\u3000*]*$")
_CN_SEPARATORS = lazy_compile(r"[\s、.．，,]")
_MARKS_BEFORE = lazy_compile(r"^[#>\s]+")

# The rest of a table-of-contents line after the wording: leaders and a page number.
_TOC_TAIL = lazy_compile(r"(?:\*\*)?[ \t]*(?:[.…·．_—\-]{2,}[ \t]*|[ \t]+)\d{1,3}[ \t]*(?:\n|$)")

# Boundary that must follow a short wording (总体情况, 概述, 其他事项 …).
_BOUNDARY = lazy_compile(r"(?:\*\*)?(?:$|[\s。：:，,；;（(|*]|\d)")


@dataclass(frozen=True)
class Wording:
    """One way a standard section's heading is worded.

    Attributes:
        sid: s1…s6.
        pattern: the wording (matched right after the numbering).
        strong: the official wording or a close variant (weak ones are accepted only after 一、 numbering).
        boundary: the wording is short, so something that ends a heading must follow it.
        problems_only: an s5 heading that names only the problems (改进… follows as its own heading).
    """

    sid: str
    pattern: re.Pattern[str]
    strong: bool = True
    boundary: bool = False
    problems_only: bool = False


def _w(sid: str, pattern: str, **kw: bool) -> Wording:
    return Wording(sid, lazy_compile(pattern), **kw)


WORDINGS: tuple[Wording, ...] = (
    _w("s1", r"总体情况(?:概述|概况|综述)?|总体概况|概述|基本情况|总述", boundary=True),
    _w("s2", r"主动公开政府信息(?:的)?(?:情况|工作情况)?"),
    _w("s2", r"主动公开(?:政府信息)?(?:工作)?(?:的)?情况", strong=False, boundary=True),
    _w("s3", r"收到和?(?:处理|办理)政府信息公开申请(?:的)?(?:情况)?"),
    _w(
        "s3",
        r"(?:依申请公开(?:政府信息)?|政府信息公开申请)(?:的)?(?:受理|办理|处理)?(?:工作)?(?:情况)",
        strong=False,
        boundary=True,
    ),
    # 行政法复议 / 行政法诉讼: a typo seen in real reports' headings
    _w("s4", r"(?:因)?(?:政府信息公开)?(?:工作)?[^\n。；]{0,12}?行政法?复议[^\n。；]{0,14}?行政法?诉讼"
       r"(?:的)?(?:情况|案件情况)?"),
    _w("s5", r"(?:政府信息公开(?:工作)?)?(?:存在的?)?(?:主要)?问题(?:及|和|与|以及)(?:其?)改进(?:的)?"
       r"(?:情况|措施|方向|计划|打算|举措)?"),
    _w(
        "s5",
        r"(?:政府信息公开(?:工作)?)?(?:存在的?|主要)(?:主要)?(?:问题|不足)(?:和不足)?",
        boundary=True,
        problems_only=True,
    ),
    _w("s6", r"其他需要?报告的?事项|其他需报告的?事项|其他报告事项|其他(?:相关)?事项", boundary=True),
)

# The second half of a split s5 (五、存在的主要问题 + 六、改进措施).
IMPROVEMENTS = lazy_compile(
    r"(?:下一步)?(?:改进|整改)(?:的)?(?:措施|情况|方向|计划|举措|建议)|下一步(?:工作)?(?:计划|打算|安排|重点|思路)"
)


@dataclass
class Candidate:
    """A place that reads like a standard section heading.

    Attributes:
        sid: the standard section it names (s1…s6), or "" for other headings.
        start: where the heading starts (the numbering, or the wording when unnumbered).
        end: where the heading's wording ends.
        kind: the numbering form: cn | paren | arabic | part | none.
        number: the numeral's value (0 when unnumbered).
        line_start: the heading opens its line (after Markdown marks).
        strong: matched by an official wording.
        problems_only: an s5 naming only the problems.
        in_table: the heading lies on a table row (tab-separated or Markdown pipes).
    """

    sid: str
    start: int
    end: int
    kind: str
    number: int
    line_start: bool
    strong: bool = True
    problems_only: bool = False
    in_table: bool = False

    @property
    def weight(self) -> int:
        """How much this candidate counts when choosing one heading per section."""
        w = {"cn": 3, "paren": 2, "arabic": 2, "part": 3, "none": 1}[self.kind]
        if self.sid in SECTION_IDS and self.number == SECTION_IDS.index(self.sid) + 1:
            w += 1
        if self.line_start:
            w += 1
        if self.strong:
            w += 2
        if self.in_table:
            w -= 2  # a table cell naming the section (a caption row) counts less than a heading line
        return w


def cn_number(s: str) -> int:
    """The value of a small Chinese numeral (一 … 九十九); 0 when it is not one."""
    s = s.strip()
    if not s:
        return 0
    if "十" in s:
        left, _, right = s.partition("十")
        tens = CN_DIGITS.get(left, 0) if left else 1
        ones = CN_DIGITS.get(right, 0) if right else 0
        return tens * 10 + ones
    if all(c in CN_DIGITS for c in s):
        v = 0
        for c in s:
            v = v * 10 + CN_DIGITS[c]
        return v
    return 0


def _line_start(text: str, pos: int) -> bool:
    """True when only whitespace and Markdown marks precede ``pos`` on its line."""
    i = pos - 1
    while i >= 0 and text[i] != "\n":
        if text[i] not in " \t\u3000\u00a0#*>":
            return False
        i -= 1
    return True


def _skip_marks(text: str, pos: int) -> int:
    """Skip spaces and Markdown emphasis right after the numbering."""
    n = len(text)
    while pos < n and (text[pos] in " \t\u3000" or text.startswith("**", pos)):
        pos += 2 if text.startswith("**", pos) else 1
    return pos


def numbering_at(text: str, pos: int) -> tuple[str, int, int] | None:
    """The numbering that starts exactly at ``pos``: (kind, value, end) or None."""
    m = _NUMBERING.match(text, pos)
    if not m:
        return None
    if m.group("cn"):
        return "cn", cn_number(_CN_SEPARATORS.sub("", m.group("cn"))), m.end()
    if m.group("paren"):
        return "paren", cn_number(m.group("pn")), m.end()
    if m.group("arabic"):
        return "arabic", int(m.group("an")), m.end()
    return "part", cn_number(m.group("partn")), m.end()


def match_wording(text: str, pos: int, kind: str, number: int = 0) -> tuple[Wording, int] | None:
    """The standard wording starting at ``pos`` (longest match), with its end.

    A short wording needs a boundary after it, unless its numeral is the section's own
    (``一、总体情况我局…`` is still s1; ``三、概述…`` is not taken without one).
    """
    best: tuple[Wording, int] | None = None
    for w in WORDINGS:
        if not w.strong and kind != "cn":
            continue
        m = w.pattern.match(text, pos)
        if not m or m.end() == pos:
            continue
        own_numeral = kind in ("cn", "part") and number == SECTION_IDS.index(w.sid) + 1
        if w.boundary and not own_numeral and not _BOUNDARY.match(text, m.end()):
            continue
        if best is None or m.end() > best[1]:
            best = (w, m.end())
    return best


def _in_table_row(text: str, pos: int) -> bool:
    """True when the position lies on a tab-separated table row or a Markdown table row."""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    line = text[ls : le if le >= 0 else len(text)]
    return "\t" in line or line.lstrip().startswith("|")


def find_candidates(text: str) -> list[Candidate]:
    """Every place in ``text`` that reads like a standard section heading, in text order."""
    out: list[Candidate] = []
    for m in _NUMBERING.finditer(text):
        start = m.start()
        if start > 0 and text[start - 1] not in _OPENERS:
            continue
        got = numbering_at(text, start)
        if got is None:
            continue
        kind, number, end = got
        word_at = _skip_marks(text, end)
        found = match_wording(text, word_at, kind, number)
        if not found:
            continue
        w, wend = found
        if _TOC_TAIL.match(text, wend):
            continue  # a table of contents line: 一、总体情况……1
        out.append(
            Candidate(
                w.sid, start, wend, kind, number, _line_start(text, start), w.strong, w.problems_only,
                in_table=_in_table_row(text, start),
            )
        )
    # Unnumbered headings: a line that is exactly a standard wording.
    for m in _WHOLE_LINE.finditer(text):
        pos = m.start("w")
        if not _UNNUMBERED_HINT.search(m.group("w")):
            continue
        found = match_wording(text, pos, "none")
        if found and found[1] == m.end("w") and found[0].strong:
            w = found[0]
            out.append(Candidate(w.sid, pos, found[1], "none", 0, True, w.strong, w.problems_only))
    out.sort(key=lambda c: c.start)
    return out


def choose_chain(cands: list[Candidate]) -> list[Candidate]:
    """One heading per section, in section order and text order, of the greatest total weight.

    ``cands`` are sorted by start. A weighted chain over the six section ids, computed in
    O(n · 6): candidates become possible predecessors once the text has passed their end.
    Among equal totals the earliest predecessor wins.
    """
    import heapq

    n = len(cands)
    if n == 0:
        return []
    order = {sid: i for i, sid in enumerate(SECTION_IDS)}
    best: list[float] = [c.weight for c in cands]
    prev = [-1] * n
    by_order: list[tuple[float, int] | None] = [None] * len(SECTION_IDS)  # (best total, -index)
    pending: list[tuple[int, int]] = []  # (end, index) not yet passed
    for i, c in enumerate(cands):
        while pending and pending[0][0] <= c.start:
            _, j = heapq.heappop(pending)
            o = order[cands[j].sid]
            key = (best[j], -j)
            if by_order[o] is None or key > by_order[o]:  # type: ignore[operator]
                by_order[o] = key
        pred: tuple[float, int] | None = None
        for o in range(order[c.sid]):
            cand = by_order[o]
            if cand is not None and (pred is None or cand > pred):
                pred = cand
        if pred is not None and pred[0] + c.weight > best[i]:
            best[i] = pred[0] + c.weight
            prev[i] = -pred[1]
        heapq.heappush(pending, (c.end, i))
    i = max(range(n), key=lambda k: (best[k], -k))
    chain: list[Candidate] = []
    while i >= 0:
        chain.append(cands[i])
        i = prev[i]
    return chain[::-1]


def heading_line_end(text: str, pos: int, limit: int = 50) -> int:
    """Where a free-worded heading starting at ``pos`` ends: the line end, the first full stop, or ``limit``."""
    le = text.find("\n", pos)
    le = len(text) if le < 0 else le
    m = re.compile(r"[。；;]|\s{2,}|\t|\|").search(text, pos, le)
    end = m.start() if m else le
    end = min(end, pos + limit)
    while end > pos and text[end - 1] in " \t\u3000*：:":
        end -= 1
    return end


def clean_title(s: str) -> str:
    """A heading as shown to the user: no Markdown marks, trimmed."""
    s = s.replace("**", "").replace("__", "")
    s = _MARKS_BEFORE.sub("", s)
    return s.strip(" \t\u3000*|:：")
