"""Evaluators of the document-level rules (sections, tables, template, 六, period, 规章, prose).

Each evaluator takes a ``Context`` and returns its findings; severities and messages come from
``rules.RULES``. Which evaluator runs when something changes is declared there too (``reads``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from core import templates
from core.lazy_re import lazy_compile
from core.messages import compose
from core.model import Finding, Span, Value
from core.review.state import ReviewedReport
from core.templates import TABLE_ACTIVE, TABLE_APPEAL, TABLE_APPLY, TABLE_TITLES, TEMPLATE_2021, TEMPLATES
from core.validation import rules as R
from core.validation.places import COUNTY_CITIES, PREFECTURES

_FEE_WORDS = lazy_compile(R.FEE_WORDS)
_FEE_WORDS_SUMMARY = lazy_compile(R.FEE_WORDS_SUMMARY)
_PERIOD = lazy_compile(R.PERIOD)
_PERIOD_YEAR = lazy_compile(R.PERIOD_YEAR)
_TOWNSHIP = lazy_compile(R.TOWNSHIP)
_COUNTY = lazy_compile(R.COUNTY)
_SPACES = lazy_compile(r"\s+")


@cache
def _tables() -> dict[str, str]:
    return {fid: f.table for fid, f in templates.all_fields().items()}


def table_of(fid: str) -> str:
    """The table (active/apply/appeal) a field ID belongs to."""
    t = _tables().get(fid)
    if t is not None:
        return t
    if fid.startswith("active."):
        return TABLE_ACTIVE
    if fid.startswith("apply."):
        return TABLE_APPLY
    return TABLE_APPEAL


@dataclass
class Context:
    """What the rules read: the reviewed report and its effective numbers."""

    reviewed: ReviewedReport

    @property
    def values(self) -> dict[str, Value]:
        return self.reviewed.values()

    def num(self, fid: str) -> int | float | None:
        """The number a rule may use: None when absent, unreadable, or stated only in prose."""
        return self.lookup()(fid)

    def lookup(self) -> Callable[[str], int | float | None]:
        """``num`` bound to the current effective values (fast, for many lookups in a row)."""
        vals = self.reviewed.values()

        def num(fid: str) -> int | float | None:
            v = vals.get(fid)
            if v is None or v.origin == "prose":
                return None
            x = v.value
            if x is None or isinstance(x, bool):
                return None
            return x

        return num

    def blank(self, fid: str) -> bool:
        """Whether a table cell was printed empty (“”, “/”, “—”, “无” …) and reads as 0."""
        v = self.reviewed.values().get(fid)
        return v is not None and v.origin == "table" and v.value == 0 and v.is_empty_token

    @property
    def kind(self) -> str:
        return self.reviewed.report.kind

    @property
    def year(self) -> int | None:
        y = self.reviewed.metadata_value("year")
        try:
            return int(y) if y not in (None, "") else None
        except (TypeError, ValueError):
            return None

    @property
    def template(self) -> str:
        return self.reviewed.template

    @property
    def legacy(self) -> bool:
        """A pre-2019 report: the six parts and tables 二/三/四 did not exist yet."""
        y = self.year
        return self.template == templates.TEMPLATE_LEGACY or (y is not None and y <= 2018)


def finding(rule: str, *, fields: list[str] | None = None, span: Span | None = None, **params: Any) -> Finding:
    """A finding of a declared rule, its message formatted from ``params``."""
    return Finding(rule, R.RULES[rule].severity, compose(rule, params), list(fields or []), span=span, params=params)


# --------------------------------------------------------------------------- sections and tables


def section_missing(ctx: Context) -> list[Finding]:
    if ctx.kind != "report" or ctx.legacy:
        return []
    present = {s.id for s in ctx.reviewed.sections()}
    out = []
    for sid, (numeral, heading) in R.SECTION_HEADINGS.items():
        if sid not in present:
            out.append(finding("section.missing", numeral=numeral, heading=heading, key=sid))
    return out


def _lost_tables(ctx: Context) -> set[str | None]:
    """Tables the parser already reported as lost (None: lost without saying which).

    The parser's ``tables.lost`` names them in ``params["tables"]`` (and ``params["table"]``
    when only one is lost), or through its fields.
    """
    out: set[str | None] = set()
    for f in ctx.reviewed.report.findings:
        if not (f.rule.startswith("tables.lost") or f.rule.startswith("table.lost")):
            continue
        named = f.params.get("tables")
        if isinstance(named, list | tuple) and named:
            out.update(str(t) for t in named)
        elif f.params.get("table"):
            out.add(str(f.params["table"]))
        elif f.fields:
            out.update(table_of(fid) for fid in f.fields)
        else:
            out.add(None)
    return out


_TABLE_SECTION = {TABLE_ACTIVE: "s2", TABLE_APPLY: "s3", TABLE_APPEAL: "s4"}


def _printed_grids(ctx: Context) -> set[str]:
    """Tables the source really prints (a grid inside their section), even with every cell blank."""
    grids = ctx.reviewed.report.document.grids
    if not grids:
        return set()
    bodies = {s.id: s.body for s in ctx.reviewed.sections()}
    out = set()
    for table, sid in _TABLE_SECTION.items():
        body = bodies.get(sid)
        if body is not None and any(g.span is not None and body.start <= g.span.start < body.end for g in grids):
            out.add(table)
    return out


def table_missing(ctx: Context) -> list[Finding]:
    if ctx.kind != "report" or ctx.legacy:
        return []
    lost = _lost_tables(ctx)
    if None in lost:
        return []
    have = _printed_grids(ctx)
    for fid, v in ctx.values.items():
        if v.origin != "prose":
            have.add(table_of(fid))
            if len(have) == len(R.TABLES_REQUIRED):
                return []
    out = []
    for table in R.TABLES_REQUIRED:
        if table not in have and table not in lost:
            out.append(finding("table.missing", table_title=TABLE_TITLES[table], key=table))
    return out


def table_blank(ctx: Context) -> list[Finding]:
    """A table printed with every cell blank: zeros by the contract, but worth a reviewer's look."""
    if ctx.kind != "report":
        return []
    by_table: dict[str, list[Value]] = {}
    for fid, v in ctx.values.items():
        if v.origin == "table":
            by_table.setdefault(table_of(fid), []).append(v)
    out = []
    for table in R.TABLES_REQUIRED:
        vals = by_table.get(table)
        if vals and all(v.raw.strip() == "" for v in vals):
            out.append(finding("table.blank", table_title=TABLE_TITLES[table], key=table))
    return out


def metadata_missing(ctx: Context) -> list[Finding]:
    """The agency or the year could not be read (and the reviewer has not filled them in)."""
    if ctx.kind == "other":
        return []
    missing = [
        name for key, name in (("agency", "发布机关"), ("year", "报告年度")) if not ctx.reviewed.metadata_value(key)
    ]
    if not missing:
        return []
    return [finding("metadata.missing", what="和".join(missing), key=",".join(missing))]


# --------------------------------------------------------------------------- template


def _templates_used(ctx: Context) -> dict[str, str]:
    """What each part was printed in: {"报告": t} or per table {"表二": t, "表三": t}."""
    rr = ctx.reviewed
    if "template" in rr.state.metadata:
        return {"报告": str(rr.state.metadata["template"])}
    tt = rr.report.table_templates
    per_table = {
        templates.TABLE_SHORT[t]: tt[t] for t in (TABLE_ACTIVE, TABLE_APPLY) if tt.get(t) in (*TEMPLATES, "legacy")
    }
    if per_table:
        if len(set(per_table.values())) == 1:
            return {"统计表": next(iter(per_table.values()))}
        return per_table
    return {"报告": rr.report.template}


def template_year_mismatch(ctx: Context) -> list[Finding]:
    """An older format than the year requires (warning); a newer one (info: the year may be wrong)."""
    year = ctx.year
    if year is None or ctx.kind == "other":
        return []
    expected = R.expected_template(year)
    by_template: dict[str, list[str]] = {}
    for what, t in _templates_used(ctx).items():
        if t in R.TEMPLATE_NAMES and t != expected:
            by_template.setdefault(t, []).append(what)
    out = []
    for t, whats in by_template.items():
        rule = "template.year_mismatch" if R.TEMPLATE_AGE[t] < R.TEMPLATE_AGE[expected] else "template.year_newer"
        out.append(
            finding(
                rule,
                year=year,
                what="、".join(whats),
                used=R.TEMPLATE_NAMES[t],
                expected=R.TEMPLATE_NAMES[expected],
                key=t,
            )
        )
    return out


def template_mixed(ctx: Context) -> list[Finding]:
    tt = ctx.reviewed.report.table_templates
    a, b = tt.get(TABLE_ACTIVE), tt.get(TABLE_APPLY)
    if a in TEMPLATES and b in TEMPLATES and a != b:
        return [finding("template.mixed", active=R.TEMPLATE_NAMES[a], apply=R.TEMPLATE_NAMES[b], key=f"{a}/{b}")]
    return []


# --------------------------------------------------------------------------- 六 and the statistics period


def _section_text(ctx: Context, sid: str) -> tuple[str, Span] | None:
    for s in ctx.reviewed.sections():
        if s.id == sid:
            return ctx.reviewed.report.text[s.body.start : s.body.end], s.heading
    return None


def fee_statement(ctx: Context) -> list[Finding]:
    """2021 format: 六 must say what 信息处理费 was collected (or that none was).

    A work summary (kind summary) stands in for the annual report and has no 六: for reports
    of 2021 on, its whole text must say it (seed 002's reviewer asked for exactly that).
    """
    year = ctx.year
    if ctx.kind == "report":
        t = ctx.template
        if not (t == TEMPLATE_2021 or (t not in TEMPLATES and t != "legacy" and year is not None and year >= 2021)):
            return []
        s6 = _section_text(ctx, "s6")
        if s6 is not None:
            text, heading = s6
            if _FEE_WORDS.search(text):
                return []
            return [finding("s6.fee_statement", where="第六部分“其他需要报告的事项”", span=heading)]
        if _FEE_WORDS_SUMMARY.search(ctx.reviewed.report.text):
            return []
        return [finding("s6.fee_statement", where="报告（未找到第六部分）")]
    if ctx.kind == "summary" and year is not None and year >= 2021:
        if _FEE_WORDS_SUMMARY.search(ctx.reviewed.report.text):
            return []
        return [finding("s6.fee_statement", where="工作总结")]
    return []


def period_year_mismatch(ctx: Context) -> list[Finding]:
    year = ctx.year
    if year is None or ctx.kind == "other":
        return []
    out: dict[str, Finding] = {}
    for m in _PERIOD.finditer(ctx.reviewed.report.text):
        y1, y2 = int(m.group(1)), int(m.group(4))
        if y1 == year and y2 == year:
            continue
        key = f"{y1}-{y2}"
        printed = m.group(0)[m.start(1) - m.start(0) :]
        out.setdefault(
            key, finding("period.year_mismatch", span=Span(m.start(1), m.end()), printed=printed, year=year, key=key)
        )
    for m in _PERIOD_YEAR.finditer(ctx.reviewed.report.text):
        y = int(m.group(1))
        if y != year:
            key = f"{y}"
            printed = m.group(0)[m.start(1) - m.start(0) :]
            span = Span(m.start(1), m.end())
            out.setdefault(key, finding("period.year_mismatch", span=span, printed=printed, year=year, key=key))
    return list(out.values())


# --------------------------------------------------------------------------- 规章 by a township/county


_PROVINCE_PREFIX = lazy_compile(r"^[^省]{2,3}省|^.{2,8}?自治区")


def _county_city(name: str) -> bool:
    """The name starts (after an optional province and prefecture) with a 县级市: 乐清市审计局, 浙江省温州市乐清市…"""
    rest = _PROVINCE_PREFIX.sub("", name, count=1)
    for _ in range(2):
        if any(rest.startswith(c) for c in COUNTY_CITIES):
            return True
        pref = next((p for p in PREFECTURES if rest.startswith(p) and len(rest) > len(p)), None)
        if pref is None:
            return False
        rest = rest[len(pref) :]
    return False


@lru_cache(maxsize=256)
def agency_level(agency: str) -> str | None:
    """乡镇（街道） or 县级 when the agency's name shows it cannot make 规章; None otherwise."""
    name = _SPACES.sub("", agency or "")
    if not name:
        return None
    if _TOWNSHIP.search(name):
        return "乡镇（街道）一级"
    if _COUNTY.search(name) or _county_city(name):
        return "县（区）一级"
    return None


def rules_level(ctx: Context) -> list[Finding]:
    agency = ctx.reviewed.metadata_value("agency")
    level = agency_level(str(agency)) if agency else None
    if level is None:
        return []
    fids = [f.id for f in templates.all_fields().values() if f.table == TABLE_ACTIVE and f.row.key == "rules"]
    hits = [(fid, n) for fid in fids if (n := ctx.num(fid)) is not None and n > 0]
    if not hits:
        return []
    terms = "、".join(f"{templates.field(fid).column.label} {n}" for fid, n in hits)
    return [finding("active.rules_level", fields=[fid for fid, _ in hits], agency=agency, level=level, terms=terms)]


# --------------------------------------------------------------------------- prose vs table


_CLAUSE_END = "，,。；;：:\n"


def _quote(text: str, span: Span | None, fallback: str) -> str:
    if span is None or not text:
        return fallback
    start = span.start
    while start > 0 and text[start - 1] not in _CLAUSE_END and span.start - start < 24:
        start -= 1
    end = span.end
    while end < len(text) and text[end] not in _CLAUSE_END and end - span.end < 8:
        end += 1
    return text[start:end].strip() or fallback


def prose_contradiction(ctx: Context) -> list[Finding]:
    out = []
    text = ctx.reviewed.report.text
    for i, pv in enumerate(ctx.reviewed.report.prose_figures):
        if pv.value is None or pv.field not in templates.all_fields():
            continue
        table_value = ctx.num(pv.field)
        if table_value is None:
            continue
        diff = pv.value - table_value
        if abs(diff) <= R.PROSE_TOLERANCE:
            continue
        out.append(
            finding(
                "prose.contradiction",
                fields=[pv.field],
                span=pv.span,
                quote=_quote(text, pv.span, pv.raw or str(pv.value)),
                prose=pv.value,
                table=table_value,
                cell=pv.field,
                diff=diff,
                absdiff=abs(diff),
                key=pv.span.start if pv.span is not None else i,
            )
        )
    return out


def _only(rule: str, fn: Callable[[Context], list[Finding]]) -> Callable[[Context], list[Finding]]:
    """One rule's share of an evaluator that decides between two rules."""
    return lambda ctx: [f for f in fn(ctx) if f.rule == rule]


# rule ID → evaluator (every rule of rules.RULES with scope "report" has exactly one)
EVALUATORS: dict[str, Callable[[Context], list[Finding]]] = {
    "section.missing": section_missing,
    "table.missing": table_missing,
    "table.blank": table_blank,
    "metadata.missing": metadata_missing,
    "template.year_mismatch": _only("template.year_mismatch", template_year_mismatch),
    "template.year_newer": _only("template.year_newer", template_year_mismatch),
    "template.mixed": template_mixed,
    "s6.fee_statement": fee_statement,
    "period.year_mismatch": period_year_mismatch,
    "active.rules_level": rules_level,
    "prose.contradiction": prose_contradiction,
}
