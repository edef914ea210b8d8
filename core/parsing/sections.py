"""The six standard sections, or a work summary's own headings.

Rules (see ``find_sections``):

- A standard heading is recognised by its wording (report-format.md §2 and variants), right after a
  numbering (一、 / （一） / 1. / 第一部分) that opens a line or follows a sentence end or a space, so
  inline headings (``… 撰写。 一、总体情况 2021年…``) are found; a line that is exactly a standard wording
  counts too. The numeral alone never makes a heading: table-三 labels such as ``三、本年度办理结果`` are
  not sections. Among all candidates, one per section is chosen so that sections run in order
  s1 < … < s6 through the text, preferring 一、 numbering, the expected numeral, line starts and the
  official wordings.
- An s5 split into 存在的主要问题 + 改进措施 is one section s5 (title of the first heading); the second
  heading becomes its child ``s5b`` (level 2).
- Kind: ``report`` when at least four standard sections are found, or three of which at least two
  are the table sections s2–s4, or two with the labels of the 2019/2021 tables in the text; else
  ``summary`` when the document's title names a 政务公开/信息公开 总结 or 报告; else ``other`` (a
  政府信息公开指南, a notice …).
- In a summary every top-level heading (一、… opening a line) is a section; a heading whose wording is
  a standard section's keeps that id (s1…s6), the others get ``h<N>``, N being the section's 1-based
  position in the summary's list of sections (a 改进… heading merged into s5 takes no position).
  Sub-headings （一）… under it are its children,
  ids ``<parent>.<k>``, level 2.
"""

from __future__ import annotations

import re

from core.lazy_re import lazy_compile
from core.model import Finding, ReportKind, Section, SourceDocument, Span
from core.parsing.headings import (
    IMPROVEMENTS,
    Candidate,
    choose_chain,
    clean_title,
    find_candidates,
    heading_line_end,
    numbering_at,
)
from core.parsing.metadata import find_title
from core.parsing.template import template_from_keywords

KIND_REPORT: ReportKind = "report"
KIND_SUMMARY: ReportKind = "summary"
KIND_OTHER: ReportKind = "other"

_TABLE_SECTIONS = {"s2", "s3", "s4"}
_SUMMARY_TITLE = lazy_compile(r"(?:政务公开|信息公开).{0,16}(?:总结|报告)")
# Table-三 row labels that open with 一、… but are never headings.
_TABLE_LABELS = lazy_compile(
    r"本年新收|上年结转|本年度办理结果|结转下年度|予以公开|不予公开|无法提供|不予处理|其他处理|总计"
)
_LINE_CN = lazy_compile(r"(?m)^[ \t\u3000\u00a0#>*]*(?=[一二三四五六七八九十]{1,3}\s*[、.．])")
_LINE_PAREN = lazy_compile(r"(?m)^[ \t\u3000\u00a0#>*]*(?=[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）])")


def find_sections(doc: SourceDocument) -> tuple[ReportKind, list[Section], list[Finding]]:
    """Find the report's sections and decide what kind of document it is.

    Args:
        doc: the loaded document (normalised text).

    Returns:
        (kind, sections, findings): kind is report | summary | other; sections are top-level
        sections in text order; findings are empty (validation reports missing sections, and
        ``detect_template`` reports the document kind).
    """
    text = doc.text
    chain = choose_chain(find_candidates(text))
    n_std = len({c.sid for c in chain})
    n_tables = len({c.sid for c in chain} & _TABLE_SECTIONS)
    if n_std >= 4 or (n_std >= 3 and n_tables >= 2) or (n_std >= 2 and template_from_keywords(text)):
        return KIND_REPORT, _report_sections(text, chain), []
    title = find_title(text)
    if title and _SUMMARY_TITLE.search(title):
        return KIND_SUMMARY, _summary_sections(text, _own_headings(text, chain)), []
    return KIND_OTHER, [], []


def _improvement_at(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """The first 改进… heading (numbered, opening a line or after a sentence end) in [start, stop)."""
    for m in re.finditer(r"(?:^|(?<=[\n。 ]))[ \t#>*]*(?=[一二三四五六七八九十（(\d])", text[start:stop]):
        pos = start + m.end()
        got = numbering_at(text, pos)
        if got is None:
            continue
        word = pos + (got[2] - pos)
        while word < stop and text[word] in " \t*":
            word += 1
        w = IMPROVEMENTS.match(text, word)
        if w:
            return pos, heading_line_end(text, pos)
    return None


def _report_sections(text: str, chain: list[Candidate]) -> list[Section]:
    out: list[Section] = []
    for i, c in enumerate(chain):
        stop = chain[i + 1].start if i + 1 < len(chain) else _text_end(text)
        sec = Section(c.sid, clean_title(text[c.start : c.end]), Span(c.start, c.end), Span(c.start, stop))
        if c.sid == "s5" and c.problems_only:
            imp = _improvement_at(text, c.end, stop)
            if imp:
                sec.children.append(
                    Section("s5b", clean_title(text[imp[0] : imp[1]]), Span(*imp), Span(imp[0], stop), level=2)
                )
        out.append(sec)
    return out


def _text_end(text: str) -> int:
    end = len(text)
    while end > 0 and text[end - 1] in " \t\r\n|\u3000":
        end -= 1
    return end


def _own_headings(text: str, chain: list[Candidate]) -> list[tuple[int, int, str]]:
    """A summary's top-level headings: (start, end, sid or '') in text order."""
    found: dict[int, tuple[int, int, str]] = {}
    for m in _LINE_CN.finditer(text):
        pos = m.end()
        le = text.find("\n", pos)
        line = text[pos : le if le >= 0 else len(text)]
        if "\t" in line or "|" in line or _TABLE_LABELS.search(line[:20]):
            continue
        found[pos] = (pos, heading_line_end(text, pos), "")
    for c in chain:
        # Standard headings keep their id; an inline one counts even when it does not open a line.
        if c.kind in ("cn", "part", "none") or c.start in found:
            found[c.start] = (c.start, c.end, c.sid)
    out = sorted(found.values())
    # A heading inside another's span (cannot happen for line starts) is dropped.
    return [h for i, h in enumerate(out) if i == 0 or h[0] >= out[i - 1][1]]


def _summary_sections(text: str, heads: list[tuple[int, int, str]]) -> list[Section]:
    out: list[Section] = []
    used: set[str] = set()
    end = _text_end(text)
    for i, (start, hend, sid) in enumerate(heads):
        stop = heads[i + 1][0] if i + 1 < len(heads) else end
        title = clean_title(text[start:hend])
        if sid in used:
            sid = ""
        if sid == "" and out and out[-1].id == "s5" and _is_improvements(text, start, hend):
            # 二、存在的主要问题 + 三、改进措施: the second half of s5.
            prev = out[-1]
            prev.body = Span(prev.body.start, stop)
            prev.children.append(Section("s5b", title, Span(start, hend), Span(start, stop), level=2))
            prev.children.extend(_children(text, "s5b", hend, stop))
            continue
        if sid:
            used.add(sid)
        sec_id = sid or f"h{len(out) + 1}"
        sec = Section(sec_id, title, Span(start, hend), Span(start, stop))
        sec.children = _children(text, sec_id, hend, stop)
        out.append(sec)
    return out


def _is_improvements(text: str, start: int, end: int) -> bool:
    got = numbering_at(text, start)
    pos = got[2] if got else start
    while pos < end and text[pos] in " \t*":
        pos += 1
    return bool(IMPROVEMENTS.match(text, pos))


def _children(text: str, parent: str, start: int, stop: int) -> list[Section]:
    """Sub-headings （一）… opening a line inside [start, stop)."""
    heads: list[tuple[int, int]] = []
    for m in _LINE_PAREN.finditer(text, start, stop):
        pos = m.end()
        if pos >= stop:
            continue
        heads.append((pos, heading_line_end(text, pos)))
    out: list[Section] = []
    for k, (hs, he) in enumerate(heads):
        body_end = heads[k + 1][0] if k + 1 < len(heads) else stop
        out.append(Section(f"{parent}.{k + 1}", clean_title(text[hs:he]), Span(hs, he), Span(hs, body_end), level=2))
    return out
