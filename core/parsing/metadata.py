"""Metadata: agency, year, publish date, 索引号, 发布机构 and title, each with where it was found.

Sources, in order of trust:

- the title (``XX2021年政府信息公开工作年度报告``, ``2024 年上海市科委政府信息公开工作年度报告``): agency and year;
- the web header (``索引号``, ``发布机构/发布单位``, ``发布时间/公开日期/发文日期``), in the text or in
  ``SourceDocument.boilerplate``: index number, publisher, publish date; agency when the title has none;
- the statistics period (``2021年1月1日至2021年12月31日``): year when the title has none;
- the signature at the end (``白银市审计局 2021年12月31日``): agency when neither title nor header has one;
- the publish date: year − 1 when published in the first half of a year (reports are due by 3月31日).

Nothing is invented: a value not found stays None. One deliberate expansion: a title naming the agency
by a standard abbreviation of a commission (上海市科委) gets the full name (上海市科学技术委员会), with
the span of the abbreviation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from core.lazy_re import lazy_compile
from core.model import Located, Metadata, SourceDocument, Span

_CJK = "\u4e00-\u9fff"
_TOPIC = "(?:政府信息公开|政务公开|政务信息公开|信息公开)"
_TOPIC_RE = lazy_compile(_TOPIC)
_UNCLEAN_RE = lazy_compile(r"[\s#*|>]")
_TITLE_RE = lazy_compile(_TOPIC + r".{0,16}?(?:年度?报告|工作报告|工作总结|总结|报告)")
_NOT_TITLE = lazy_compile(r"^(?:根据|本报告|依据|按照|现将|报告|为|按)|[。，,；;]|[:：]")
_YEAR = r"(?P<y>(?:19|20)\d{2}|[二〇零○一三四五六七八九]{4})"
_AGENCY_FIRST = lazy_compile(r"^(?P<a>.+?)(?:关于)?" + _YEAR + r"年(?:度)?")
_YEAR_FIRST = lazy_compile(r"^" + _YEAR + r"年(?:度)?(?P<a>.+?)" + _TOPIC)
_AGENCY_ONLY = lazy_compile(r"^(?P<a>.+?)(?:关于)?" + _TOPIC)
_YEAR_OR_TOPIC = lazy_compile(_YEAR + "|" + _TOPIC)
_TOPIC_OR_DIGIT = lazy_compile(_TOPIC + r"|\d")
_NOT_AGENCY_CHAR = lazy_compile(r"[\d:：。，,]")
_TRAILING_BARS = lazy_compile(r"\s*\|[\s|]*$")
_CN_YEAR_DIGITS = {"〇": "0", "零": "0", "○": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6",
                   "七": "7", "八": "8", "九": "9"}

# Standard abbreviations of commission names (the title of kewei_2024 says 上海市科委).
ABBREVIATIONS = {
    "科委": "科学技术委员会",
    "发改委": "发展和改革委员会",
    "经信委": "经济和信息化委员会",
    "卫健委": "卫生健康委员会",
    "国资委": "国有资产监督管理委员会",
    "住建委": "住房和城乡建设委员会",
    "民宗委": "民族宗教事务委员会",
    "教委": "教育委员会",
}

_SEP = r"\s*[:：]\s*(?:\|\s*)*"
_INDEX_RE = lazy_compile(r"(?:索\s*引\s*号|(?:^|(?<=[\s|]))号)" + _SEP + r"(?P<v>[0-9A-Za-z][0-9A-Za-z/\-_.—]{5,})")
_PUBLISHER_RE = lazy_compile(
    r"(?:发布机构|发布单位|发文机关|发布部门|发文单位|公开主体)" + _SEP + r"(?P<v>[^\s|:：]{2,40})"
)
_PUBLISHED_LABELS = ("发布时间", "发布日期", "公开日期", "公开时间", "发文日期", "发表时间", "发布于")
_DATE = r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
_PUBLISHED_RE = {lab: lazy_compile(lab + r"\s*[:：]?\s*(?:\|\s*)*" + _DATE) for lab in _PUBLISHED_LABELS}
_LABEL_CUT = lazy_compile(r"(?:索引号|发文|发布|公开方式|公开日期|成文|生效|文号|分类|主题词|名称|标题|信息来源)")
_PERIOD_RE = lazy_compile(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起)?\s*(?:至|到|-|—|－|～|~)\s*"
    r"(?:(?P=y)\s*年\s*)?12\s*月\s*31\s*日"
)
_ORG_SUFFIX = lazy_compile(
    r"(?:局|厅|委|委员会|办|办公室|政府|院|部|署|中心|会|所|处|室|站|队|馆|管委会|街道|公司|集团|社)$"
)
_SIGNATURE_RE = lazy_compile(
    r"(?:^|[\s。；;，,|])(?P<a>[" + _CJK + r"（）()]{2,30}?)\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$"
)


@dataclass
class _Title:
    value: str  # without whitespace or Markdown marks
    span: Span
    positions: list[int]  # text index of each character of value


def extract_metadata(doc: SourceDocument) -> Metadata:
    """Read agency, year, publish date, 索引号, 发布机构 and title from the document.

    Args:
        doc: the loaded document (normalised text; header lines may also be in ``boilerplate``).

    Returns:
        The metadata; each value a ``Located`` with its span in ``doc.text`` (None when it came
        from ``doc.boilerplate``) and its source (title | header | boilerplate | preamble |
        signature | published). Values not found are None.
    """
    text = doc.text
    meta = Metadata()
    title = _find_title(text)
    if title is not None:
        meta.title = Located(title.value, title.span, "title")
    meta.index_no = _labelled(doc, _INDEX_RE, lambda m: m.group("v").rstrip(".-/"))
    meta.publisher = _labelled(doc, _PUBLISHER_RE, _publisher_value)
    meta.published = _published(doc)
    if title is None:
        label_title = _labelled(doc, re.compile(r"(?:标题|名称|(?:^|(?<=\s))称)" + _SEP + r"(?P<v>[^\s|]{6,80})"),
                                lambda m: m.group("v") if _TITLE_RE.search(m.group("v")) else None)
        if label_title.value:
            meta.title = label_title

    agency, year = _from_title(title) if title is not None else (Located(), Located())
    if agency.value is None and meta.title.value and title is None:
        t = meta.title
        a = _agency_in(str(t.value))
        if a:
            agency = Located(a, None, t.source)
        y = _year_in(str(t.value))
        if y and year.value is None:
            year = Located(y, None, t.source)
    if agency.value is None and meta.publisher.value:
        agency = Located(_strip_paren(meta.publisher.value), meta.publisher.span, meta.publisher.source)
    if agency.value is None:
        agency = _signature_agency(text)
    meta.agency = agency

    if year.value is None:
        m = _PERIOD_RE.search(text)
        if m:
            year = Located(int(m.group("y")), Span(m.start("y"), m.end("y")), "preamble")
    if year.value is None and meta.published.value:
        y, mo = int(meta.published.value[:4]), int(meta.published.value[5:7])
        if mo <= 6:
            year = Located(y - 1, None, "published")
    meta.year = year
    return meta


# --------------------------------------------------------------------------- title


def find_title(text: str) -> str | None:
    """The document's title (a short line near the top naming a 政府信息公开 report or summary), if any."""
    t = _find_title(text)
    return t.value if t else None


def _find_title(text: str) -> _Title | None:
    """The first short line near the top naming a 政府信息公开 report or summary (two lines when wrapped)."""
    lines = _lines(text[:5000])
    for k, (ls, le) in enumerate(lines[:60]):
        # Every branch below needs the topic words: test the cleaned string before building
        # the per-character list (the same characters _clean_chars keeps).
        value = _UNCLEAN_RE.sub("", text[ls:le])
        if not value or len(value) > 60 or _NOT_TITLE.search(value) or not _TOPIC_RE.search(value):
            continue
        chars = _clean_chars(text, ls, le)
        if _TITLE_RE.search(value) and _TOPIC_RE.search(value):
            if k > 0 and _YEAR_OR_TOPIC.match(value):
                # 淮安市人民政府 / 2024 年政府信息公开工作年度报告: the agency on the line above.
                prev = _clean_chars(text, *lines[k - 1])
                pv = "".join(c for c, _ in prev)
                if 2 <= len(pv) <= 30 and _ORG_SUFFIX.search(pv) and not _NOT_AGENCY_CHAR.search(pv):
                    return _title(prev + chars)
            return _title(chars)
        if _TOPIC_RE.search(value) and k + 1 < len(lines):
            nxt = _clean_chars(text, *lines[k + 1])
            joined = chars + nxt
            jv = "".join(c for c, _ in joined)
            if nxt and len(nxt) <= 12 and len(jv) <= 60 and _TITLE_RE.search(jv) and not _NOT_TITLE.search(jv):
                return _title(joined)
    return None


# a header label fused with the value that follows it (名称沭阳县发展和改革局…), and its truncated
# forms left when the label was cut at a line or cell break (称…, 题…; not 源…: 源城区, 源汇区)
_FUSED_LABEL = lazy_compile(
    r"^(?:(?:文章|信息|公开|发布)?(?:标题|名称)|(?:机关|单位|部门)名称|(?:信息|文章)?来源|发布(?:机构|单位|部门)|发文机关"
    r"|公开主体|称|题)[:：]?(?=[\u4e00-\u9fff])"
)


def _unlabel(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The characters without a header label fused to their front (the title keeps its own words)."""
    value = "".join(c for c, _ in chars[:12])
    m = _FUSED_LABEL.match(value)
    if not m:
        return chars
    rest = value[m.end() :]
    # a truncated one-character label only when the rest still reads as a name + the report's topic
    if len(m.group(0).rstrip(":：")) == 1 and not re.match(r"[\u4e00-\u9fff]{2,}(?:省|市|县|区|州|盟|旗|镇|乡|局|委|办|厅|院|部)", rest):
        return chars
    return chars[m.end() :]


def _title(chars: list[tuple[str, int]]) -> _Title:
    chars = _unlabel(chars)
    pos = [p for _, p in chars]
    return _Title("".join(c for c, _ in chars), Span(pos[0], pos[-1] + 1), pos)


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip(" \t\u3000|#*>")]


def _clean_chars(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """The characters of a line without whitespace, Markdown marks and trailing ``| |||`` runs."""
    line = text[start:end]
    cut = _TRAILING_BARS.search(line)
    if cut:
        end = start + cut.start()
    out = [(text[i], i) for i in range(start, end) if not text[i].isspace() and text[i] not in "#*|>"]
    return out


def _from_title(title: _Title) -> tuple[Located, Located]:
    value = title.value
    agency, year = Located(), Located()
    for rx in (_AGENCY_FIRST, _YEAR_FIRST):
        m = rx.match(value)
        if not m:
            continue
        y = _to_year(m.group("y"))
        if y:
            year = Located(y, Span(title.positions[m.start("y")], title.positions[m.end("y") - 1] + 1), "title")
        a0, a1 = _trim_agency(value, m.start("a"), m.end("a"))
        if _good_agency(value, a0, a1):
            span = Span(title.positions[a0], title.positions[a1 - 1] + 1)
            agency = Located(_expand(value[a0:a1]), span, "title")
        break
    if agency.value is None:
        m = _AGENCY_ONLY.match(value)
        if m:
            a0, a1 = _trim_agency(value, m.start("a"), m.end("a"))
            if _good_agency(value, a0, a1):
                span = Span(title.positions[a0], title.positions[a1 - 1] + 1)
                agency = Located(_expand(value[a0:a1]), span, "title")
    return agency, year


def _good_agency(value: str, a0: int, a1: int) -> bool:
    """An agency name: two characters or more, no digits, not the start of 政府信息公开 itself."""
    a = value[a0:a1]
    return len(a) >= 2 and not _TOPIC_OR_DIGIT.search(a) and not _TOPIC_RE.match(value[a0:])


def _trim_agency(value: str, a0: int, a1: int) -> tuple[int, int]:
    while a1 > a0 and value[a1 - 1] in "的关于（(":
        a1 -= 1
    if value.endswith("关于", a0, a1):
        a1 -= 2
    return a0, a1


def _agency_in(title: str) -> str | None:
    t = re.sub(r"\s+", "", title)
    for rx in (_AGENCY_FIRST, _YEAR_FIRST, _AGENCY_ONLY):
        m = rx.match(t)
        if m:
            a0, a1 = _trim_agency(t, m.start("a"), m.end("a"))
            if _good_agency(t, a0, a1):
                return _expand(t[a0:a1])
    return None


def _year_in(title: str) -> int | None:
    m = re.search(_YEAR + r"\s*年", title)
    return _to_year(m.group("y")) if m else None


def _to_year(s: str) -> int | None:
    digits = "".join(_CN_YEAR_DIGITS.get(c, c) for c in s)
    if not digits.isdigit():
        return None
    y = int(digits)
    return y if 1990 <= y <= 2100 else None


def _expand(agency: str) -> str:
    for short, full in ABBREVIATIONS.items():
        if agency.endswith(short) and not agency.endswith(full):
            return agency[: -len(short)] + full
    return agency


def _strip_paren(s: str) -> str:
    out = re.sub(r"[（(][^）)]*[）)]$", "", s).strip()
    return out or s


# --------------------------------------------------------------------------- header labels


def _labelled(doc: SourceDocument, rx: re.Pattern[str], value_of: Callable[[re.Match[str]], str | None]) -> Located:
    """The first labelled header value: in the text (with span), else in the boilerplate lines."""
    for m in rx.finditer(doc.text):
        v = value_of(m)
        if v:
            return Located(v, Span(m.start("v"), m.start("v") + len(v)), "header")
    for line in doc.boilerplate:
        for m in rx.finditer(line):
            v = value_of(m)
            if v:
                return Located(v, None, "boilerplate")
    return Located()


def _publisher_value(m: re.Match[str]) -> str | None:
    v = m.group("v")
    cut = _LABEL_CUT.search(v, 1)
    if cut:
        v = v[: cut.start()]
    v = v.strip(" ,，;；。")
    return v if len(v) >= 2 and re.search(f"[{_CJK}]", v) else None


def _published(doc: SourceDocument) -> Located:
    for rx in _PUBLISHED_RE.values():
        m = rx.search(doc.text)
        if m and (iso := _iso(m)):
            return Located(iso, Span(m.start("y"), m.end("d")), "header")
    for rx in _PUBLISHED_RE.values():
        for line in doc.boilerplate:
            m = rx.search(line)
            if m and (iso := _iso(m)):
                return Located(iso, None, "boilerplate")
    return Located()


def _iso(m: re.Match[str]) -> str | None:
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


# --------------------------------------------------------------------------- signature


def _signature_agency(text: str) -> Located:
    end = len(text)
    while end > 0 and text[end - 1] in " \t\r\n|\u3000":
        end -= 1
    tail_start = max(0, end - 300)
    m = _SIGNATURE_RE.search(text[tail_start:end])
    if m:
        a = m.group("a")
        if _ORG_SUFFIX.search(a):
            s = tail_start + m.start("a")
            return Located(a, Span(s, s + len(a)), "signature")
    return Located()


def signature_agency(text: str) -> str | None:
    """The agency named in the closing signature (``白银市审计局 2021年12月31日``), if any."""
    v = _signature_agency(text).value
    return str(v) if v else None
