"""Normalisation of extracted text with an offset map back to the original.

Every loader hands its ``original`` text to :func:`normalize`, which returns the text the
parsers work on plus, for each character, the index of the original character it came from.
The passes, in order:

1. soft breaks named by the loader (PDF hard wraps) are removed;
2. Markdown emphasis markers (``**``, ``__``) are removed (Markdown, and .txt files written in
   Markdown — lines starting with ``#`` headings);
3. width folding: full-width ASCII letters, digits and the ideographic space become half-width,
   ``\\r``, zero-width characters and soft hyphens are dropped; Chinese punctuation stays;
4. pinyin annotations right after a CJK character (``當(dāng)``) are removed;
5. Traditional → Simplified (OpenCC ``t2s``, 1:1 per character) plus a small alias table of
   this field's Taiwan/Hong Kong terms (资讯→信息, 覆议→复议 …);
6. web boilerplate lines (当前位置, 首页 >, 打印, 字号, 浏览次数, 关闭 …) and decorative ``||||``
   runs are removed from the text and collected in ``boilerplate``;
7. lines broken by page breaks or hard wraps are joined (never into a heading or a table line).

Header lines such as 索引号/发布机构/发文日期/发布时间/信息来源 are metadata: they are KEPT in the
text (so the metadata parser gets spans) and also copied into ``boilerplate``.

Ranges named ``protected`` (table rows rendered from real grids) are left out of the line
passes 6 and 7; character passes 3–5 apply everywhere and keep lengths, so cell spans survive.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.lazy_re import lazy_compile
from core.templates import EMPTY_TOKENS

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = lazy_compile(f"[{CJK}]")

# Full-width ASCII (！..～) → half-width, except the punctuation that Chinese text uses as its
# own: （）、，：；“”。 and friends stay as printed.
_KEEP_FULL = set("（），：；！？")
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _KEEP_FULL}
_WIDTH[0x3000] = 0x20  # ideographic space
_WIDTH[0x00A0] = 0x20  # no-break space
_WIDTH[0x2002] = _WIDTH[0x2003] = _WIDTH[0x2009] = 0x20
_WIDE_RE = lazy_compile("[" + "".join(re.escape(chr(k)) for k in sorted(_WIDTH)) + "]+")
_LONE_CR_RE = lazy_compile("\r(?!\n)")
_DROP_RE = lazy_compile("[\r\u200b\u200c\u200d\u2060\ufeff\u00ad]")

_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_RE = lazy_compile(f"(?<=[{CJK}])\\((?=[a-z{_TONES}ü]*[{_TONES}])[a-z{_TONES}ü]{{1,7}}\\)")
_PINYIN_PLAIN_RE = lazy_compile(f"(?<=[{CJK}])\\([a-z{_TONES}ü]{{1,7}}\\)")

# Same-length replacements applied after OpenCC t2s (Taiwan/Hong Kong terms of this field).
ALIASES = {
    "资讯": "信息",
    "覆议": "复议",
    "网路": "网络",
    "软体": "软件",
    "档桉": "档案",
    "资料库": "数据库",
}
_ALIAS_RE = lazy_compile("|".join(map(re.escape, sorted(ALIASES, key=len, reverse=True))))

_UI_TOKENS = (
    "您当前的位置|您现在的位置|当前的位置|当前位置|您的位置|首页|打印本页|打印|字号|字体|浏览次数|访问次数|"
    "阅读次数|点击数|点击率|浏览量|关闭窗口|关闭本页|关闭|分享到|分享|收藏|扫一扫在手机打开当前页|扫一扫|"
    "文件下载|相关解读|图片解读|政策解读|解读|返回顶部|返回|默认|【\\s*大\\s*中\\s*小\\s*】|大\\s+中\\s+小|"
    "微信|微博|QQ空间|【|】"
)
_UI_LINE_RE = lazy_compile(f"(?:\\s|[\\[\\]|:：>＞»›/·()（）\\-_=]|\\d|{_UI_TOKENS})+")
_UI_TOKEN_RE = lazy_compile(_UI_TOKENS)
_BREADCRUMB_RE = lazy_compile("当前位置|您的位置|当前的位置|现在的位置|首页\\s*[>＞»›]")
_META_RE = lazy_compile(
    "(?:索引号|发布机构|发文机关|发文日期|发布日期|发布时间|发表时间|信息来源|文章来源|成文日期|公开日期|公开方式|"
    "生效日期|信息分类|主题分类|内容分类|发文字号|文号|有效性|公开范围|发布单位|主题词|来源)\\s*[:：|]"
)
_RUN_RE = lazy_compile("[ \t|]*\\|{4,}[ \t|]*")
_RUN_MD_RE = lazy_compile("[ \t|]*\\|{8,}[ \t|]*")
_MD_HEADING_RE = lazy_compile("^#{1,6} ", re.M)
_MD_EMPH_RE = lazy_compile("\\*\\*|__")
_HEADING_RE = lazy_compile(
    "\\s*(?:[一二三四五六七八九十]+\\s*[、.．]|[（(]\\s*[一二三四五六七八九十\\d]+\\s*[）)]|第[一二三四五六七八九十\\d]+[章节部分条]"
    "|#|表[一二三四五六\\d]|附件|附表|\\d+\\s*[、.．]\\s*\\D)"
)
_NUMBER_LINE_RE = lazy_compile("[\\d.,，%/／—\\-\\s]+$")
_TITLE_RE = lazy_compile("年度报告|工作报告|工作总结|年报")
_NO_JOIN_END = set("。！？!?；;：:”」』）)】》")


@dataclass
class Normalised:
    """The normalised text, its offset map into the original and the lines kept out."""

    text: str
    offsets: array
    boilerplate: list[str] = field(default_factory=list)


Edit = tuple[int, int, str]


def apply_edits(text: str, offsets: array, edits: Iterable[Edit]) -> tuple[str, array]:
    """Apply sorted, non-overlapping ``(start, end, replacement)`` edits, keeping the map.

    A replacement of the same length maps 1:1; otherwise each new character maps to the
    original character at ``start`` (or the one before it at the very end).
    """
    parts: list[str] = []
    out = array(getattr(offsets, "typecode", "i"))
    pos = 0
    n = len(text)
    for start, end, repl in edits:
        if start < pos:
            continue  # overlapping edit: the earlier one wins
        parts.append(text[pos:start])
        out.extend(offsets[pos:start])
        if repl:
            parts.append(repl)
            if len(repl) == end - start:
                out.extend(offsets[start:end])
            else:
                anchor = offsets[start] if start < n else (offsets[n - 1] + 1 if n else 0)
                out.extend([anchor] * len(repl))
        pos = end
    if pos == 0:
        return text, offsets
    parts.append(text[pos:])
    out.extend(offsets[pos:])
    return "".join(parts), out


def normalize(
    original: str,
    *,
    form: str = "txt",
    protected: Sequence[tuple[int, int]] = (),
    soft_breaks: Iterable[int] = (),
    join_lines: bool = True,
) -> Normalised:
    """Normalise ``original`` (see the module docstring for the passes).

    Args:
        original: the decoded/extracted text.
        form: the source form (``md`` enables Markdown emphasis stripping).
        protected: sorted ``(start, end)`` ranges of ``original`` (grid rows) kept out of the
            line passes.
        soft_breaks: indexes of ``\\n`` characters in ``original`` that are hard wraps inside a
            paragraph; they are removed (or become a space between two Latin words).
        join_lines: run pass 7 (off for PDF, whose loader joins wrapped lines by layout).

    Returns:
        The normalised text with ``len(offsets) == len(text)``.
    """
    text = original
    offsets = _identity(len(original))  # 4 bytes a character (texts are ≤ 2M characters)
    boiler: list[str] = []

    breaks = sorted(set(soft_breaks))
    if breaks:
        edits: list[Edit] = []
        for i in breaks:
            if 0 <= i < len(text) and text[i] == "\n":
                before = text[i - 1] if i else ""
                after = text[i + 1] if i + 1 < len(text) else ""
                latin = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
                edits.append((i, i + 1, " " if latin else ""))
        text, offsets = apply_edits(text, offsets, edits)
    if form == "md" or (form == "txt" and _MD_HEADING_RE.search(text)):  # Markdown saved as .txt
        text, offsets = _delete_matches(text, offsets, _MD_EMPH_RE)

    text = _WIDE_RE.sub(lambda m: m.group(0).translate(_WIDTH), text)  # 1:1, offsets unchanged
    if "\r" in text:
        text = _LONE_CR_RE.sub("\n", text)  # old Mac line ends (1:1); \r of \r\n is dropped next
    text, offsets = _delete_matches(text, offsets, _DROP_RE)
    text, offsets = _remove_pinyin(text, offsets)
    text = to_simplified(text)

    prot = _Protected(protected)
    text, offsets = _remove_boilerplate(text, offsets, prot, boiler, form)
    if join_lines:
        text, offsets = _join_broken_lines(text, offsets, prot)
    return Normalised(text, offsets, boiler)


_IDENTITY = array("i")
_IDENTITY_MAX = 1 << 18  # kept for texts up to this long (1 MB); longer ones build their own


def _identity(n: int) -> array:
    """``array("i", range(n))``, sliced from a kept one (building it costs ~70 ns a character)."""
    global _IDENTITY
    if n > len(_IDENTITY):
        if n > _IDENTITY_MAX:
            return array("i", range(n))
        _IDENTITY = array("i", range(min(_IDENTITY_MAX, max(n, 2 * len(_IDENTITY)))))  # first: just this text
    return _IDENTITY[:n]


def to_simplified(text: str) -> str:
    """Traditional → Simplified with OpenCC t2s and the alias table, length-preserving."""
    if not _CJK_RE.search(text):
        return text
    conv = _opencc()
    out = conv.convert(text)
    if len(out) != len(text):
        lines = text.split("\n")
        fixed: list[str] = []
        for line in lines:
            c = conv.convert(line)
            if len(c) != len(line):
                chars = [conv.convert(ch) for ch in line]
                c = "".join(a if len(a) == 1 else ch for a, ch in zip(chars, line, strict=True))
            fixed.append(c)
        out = "\n".join(fixed)
    return _ALIAS_RE.sub(lambda m: ALIASES[m.group(0)], out)


_CONVERTER = None


def _opencc() -> Any:
    global _CONVERTER
    if _CONVERTER is None:
        import opencc

        _CONVERTER = opencc.OpenCC("t2s")
    return _CONVERTER


def _delete_matches(text: str, offsets: array, rx: re.Pattern[str]) -> tuple[str, array]:
    return apply_edits(text, offsets, ((m.start(), m.end(), "") for m in rx.finditer(text)))


def _remove_pinyin(text: str, offsets: array) -> tuple[str, array]:
    """Drop ``(dāng)`` after CJK characters; toneless ``(de)`` too once the text has many."""
    if "(" not in text:
        return text, offsets
    marked = _PINYIN_RE.findall(text, 0, len(text))
    if not marked:
        return text, offsets
    rx = _PINYIN_PLAIN_RE if len(marked) >= 5 else _PINYIN_RE
    return _delete_matches(text, offsets, rx)


class _Protected:
    """Ranges of the original text (grid rows) that line passes must not touch."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in ranges]
        self.ends = [e for _, e in ranges]

    def __contains__(self, orig_index: int) -> bool:
        k = bisect.bisect_right(self.starts, orig_index) - 1
        return k >= 0 and orig_index < self.ends[k]


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end excluding the newline."""
    out = []
    pos = 0
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            out.append((pos, len(text)))
            return out
        out.append((pos, nl))
        pos = nl + 1


def is_metadata_line(line: str) -> bool:
    """True for a web-page header line such as 索引号：… / 发布机构：… / 发布时间：…."""
    s = line.strip()
    return bool(s) and len(s) <= 160 and bool(_META_RE.search(s))


def is_boilerplate_line(line: str) -> bool:
    """True for a web-page navigation/tool line (当前位置, 打印 字号, 浏览次数 …)."""
    s = line.strip()
    if not s or len(s) > 160:
        return False
    if _BREADCRUMB_RE.search(s) and len(s) <= 120:
        return True
    return bool(_UI_LINE_RE.fullmatch(s) and _UI_TOKEN_RE.search(s) and not s.isdigit())


def _remove_boilerplate(text: str, offsets: array, prot: _Protected, boiler: list[str], form: str) -> tuple[str, array]:
    edits: list[Edit] = []
    run_re = _RUN_MD_RE if form == "md" else _RUN_RE
    n = len(text)
    for start, end in _lines(text):
        if start == end or (start < n and offsets[start] in prot):
            continue
        line = text[start:end]
        stripped = line.strip()
        line_end = end + 1 if end < n else end
        if stripped and not stripped.strip("| \t") and (stripped == "|" or run_re.search(stripped)):
            edits.append((start, line_end, ""))
            continue
        if is_boilerplate_line(line):
            boiler.append(stripped)
            edits.append((start, line_end, ""))
            continue
        if "|" in line:
            for m in run_re.finditer(line):
                at_edge = m.start() == 0 or m.end() == len(line)
                edits.append((start + m.start(), start + m.end(), "" if at_edge else " "))
        if len(stripped) <= 160 and _META_RE.search(stripped):
            cleaned = run_re.sub(" ", stripped).strip()
            boiler.append(cleaned)
    return apply_edits(text, offsets, edits)


def _width(s: str) -> int:
    """Display width: CJK characters (3 UTF-8 bytes) count 2, ASCII 1."""
    return len(s) + (len(s.encode("utf-8")) - len(s)) // 2


def _wrap_width(lines: list[str]) -> int:
    """The width at which the text is hard-wrapped, or 0 when lines are whole paragraphs."""
    widths = [_width(s.strip()) for s in lines if s.strip() and "\t" not in s and not s.lstrip().startswith("|")]
    if len(widths) < 8:
        return 0
    counts: dict[int, int] = {}
    for w in widths:
        if w >= 36:
            counts[w // 2] = counts.get(w // 2, 0) + 1
    if not counts:
        return 0
    mode = max(counts, key=lambda k: (counts[k], k)) * 2
    near = sum(1 for w in widths if mode - 6 <= w <= mode + 3)
    return mode if near >= 0.3 * len(widths) and mode < 120 else 0


def _is_table_line(s: str) -> bool:
    t = s.strip()
    return "\t" in s or t.startswith("|") or t.endswith("|")


def _join_broken_lines(text: str, offsets: array, prot: _Protected) -> tuple[str, array]:
    """Join a paragraph line broken by a page break or a hard wrap with its continuation."""
    spans = _lines(text)
    raw = [text[s:e] for s, e in spans]
    wrap = _wrap_width(raw)
    n = len(text)
    edits: list[Edit] = []
    i = 0
    while i < len(spans) - 1:
        a_start = spans[i][0]
        a = raw[i]
        j = i + 1
        while j < len(spans) and not raw[j].strip():
            j += 1
        if j >= len(spans):
            break
        b_start = spans[j][0]
        b = raw[j]
        if _should_join(a, b, blank_gap=j > i + 1, wrap=wrap) and not (
            (a_start < n and offsets[a_start] in prot) or (b_start < n and offsets[b_start] in prot)
        ):
            cut_from = a_start + len(a.rstrip())
            cut_to = b_start + (len(b) - len(b.lstrip()))
            edits.append((cut_from, cut_to, ""))
        i = j
    return apply_edits(text, offsets, edits)


def _should_join(a: str, b: str, *, blank_gap: bool, wrap: int) -> bool:
    sa, sb = a.strip(), b.strip()
    if not sa or not sb or _is_table_line(a) or _is_table_line(b):
        return False
    last, first = sa[-1], sb[0]
    if not (_CJK_RE.match(first) or first.isdigit() or first in "“《（(\"'"):
        return False
    if _HEADING_RE.match(sb) or is_boilerplate_line(sb) or _META_RE.search(sb[:12]) or _NUMBER_LINE_RE.match(sb):
        return False  # a bare number on its own line is a table cell (one-cell-per-line dumps)
    if sb in EMPTY_TOKENS:
        return False  # so is an empty-cell token (无, —, /): never glue it onto a row label
    if not (_CJK_RE.match(last) or last in "，、,《“（(" or last.isdigit()):
        if blank_gap or last not in "。":
            return False
    width = _width(sa)
    if _HEADING_RE.match(sa) and width < 60:
        return False
    if _TITLE_RE.search(sa) and width < 80 and not any(c in sa for c in "，。；"):
        return False
    if wrap:
        if width < wrap - 6:
            return False
        if last == "。":  # a full line that happens to end on a full stop, inside a paragraph
            return not blank_gap and width >= wrap - 2
        return last not in _NO_JOIN_END
    # whole-paragraph lines: only a long line cut mid-sentence by a page break
    return width >= 60 and last not in _NO_JOIN_END
