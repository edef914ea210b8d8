"""What the command line prints: the JSON contract object per file and readable Chinese findings.

JSON (``/work/shared/spec/cli-json.md``), one object per input file. Besides the contract's keys
(``file ok error template metadata sections values findings``) an object carries:
    kind: ``report`` (six-part annual report), ``summary`` (a 工作总结), ``other`` (not a report).
    project: only for a report read from a ``.ogiproj`` review project: the project path as given.
    findings[].confirmed: true when the reviewer confirmed the finding as printed (it stays listed
        but no longer counts as open).
A file that could not be read has ``ok: false``, ``error: {code, message}``, ``template``,
``metadata`` and ``sections`` null, ``values`` {} and ``findings`` [].

Values are ints or floats (万元 amounts) exactly as printed or as corrected in a project; a field
the document does not state, or whose cell could not be read, is left out.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.model import Finding
from core.review.state import ReviewedReport

if TYPE_CHECKING:
    from core.batch.model import Batch, BatchEntry

SECTION_IDS = ("s1", "s2", "s3", "s4", "s5", "s6")
TEMPLATE_IDS = ("2021", "2019", "legacy", "unknown")
SEVERITIES = ("error", "warning", "info")
KINDS = ("report", "summary", "other")
SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}
TEMPLATE_WORDS = {
    "2021": "2021 年版格式",
    "2019": "2019 年版格式",
    "legacy": "2019 年以前的旧格式",
    "unknown": "格式未识别",
}
KIND_WORDS = {"summary": "工作总结，非六部分格式", "other": "不是年度报告"}


# --------------------------------------------------------------------------- JSON


def _text_or_none(v: Any) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def _year(v: Any) -> int | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        return v
    m = re.fullmatch(r"\s*(\d{4})\s*(?:年)?\s*", str(v))
    return int(m.group(1)) if m else None


def _number(v: Any) -> int | float | None:
    """An int or a finite float, or None (bools, text and NaN are not numbers of a table)."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    try:
        f = float(str(v).replace(",", "").strip())
    except ValueError:
        return None
    if not math.isfinite(f):
        return None
    return int(f) if f.is_integer() and "." not in str(v) else f


def metadata_json(rr: ReviewedReport) -> dict[str, Any]:
    """The contract's metadata object, with the reviewer's corrections applied."""
    return {
        "agency": _text_or_none(rr.metadata_value("agency")),
        "year": _year(rr.metadata_value("year")),
        "published": _text_or_none(rr.metadata_value("published")),
        "index_no": _text_or_none(rr.metadata_value("index_no")),
    }


def values_json(rr: ReviewedReport) -> dict[str, int | float]:
    """Effective values by field ID, sorted; unreadable (None) values are left out."""
    out: dict[str, int | float] = {}
    for fid, v in sorted(rr.values().items()):
        n = _number(v.value)
        if n is not None:
            out[fid] = n
    return out


def finding_json(rr: ReviewedReport, f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "severity": f.severity if f.severity in SEVERITIES else "warning",
        "fields": [str(x) for x in f.fields],
        "message": f.message,
        "confirmed": rr.is_confirmed(f),
    }


def report_json(
    rr: ReviewedReport, given_path: str | None = None, findings: Sequence[Finding] | None = None
) -> dict[str, Any]:
    """The JSON object of the command-line contract for one reviewed report."""
    if findings is None:
        from core.validation import validate

        findings = validate(rr)
    secs: dict[str, Any] = {}
    for s in rr.sections():
        secs.setdefault(s.id, s)
    template = rr.template if rr.template in TEMPLATE_IDS else "unknown"
    obj: dict[str, Any] = {
        "file": given_path or rr.path,
        "ok": True,
        "error": None,
        "template": template,
        "kind": rr.report.kind if rr.report.kind in KINDS else "other",
        "metadata": metadata_json(rr),
        "sections": {
            sid: {"found": sid in secs, "title": (secs[sid].title or None) if sid in secs else None}
            for sid in SECTION_IDS
        },
        "values": values_json(rr),
        "findings": [finding_json(rr, f) for f in findings],
    }
    project = getattr(rr, "project", None)
    if project is not None and getattr(project, "path", None):
        obj["project"] = str(project.path)
    return obj


def entry_json(batch: Batch, e: BatchEntry) -> dict[str, Any]:
    """``check --json``: the contract object of one batch entry (findings own + cross-year) and a
    ``batch`` object: status (open errors/warnings, counted even when 已审核), reviewed flag,
    completeness, counted and why not, duplicate group, canonical agency, 地区 and 层级."""
    if e.reviewed is None:
        assert e.failure is not None
        obj = failure_json(e.path, e.failure.error.code, e.failure.error.message)
    else:
        obj = report_json(e.reviewed, findings=e.findings)
        if e.project is not None:
            obj["project"] = e.project
    obj["batch"] = {
        "index": e.index + 1,
        "agency": e.agency or None,
        "year": e.year,
        "region": e.region,
        "level": e.level,
        "completeness": e.completeness.value,
        "counted": e.counted,
        "not_counted_reason": e.not_counted_reason,
        "duplicate_of": duplicate_of(batch, e),
        "reviewed": e.is_reviewed,
        "errors": e.status.errors,
        "warnings": e.status.warnings,
        "confirmed": e.status.confirmed,
    }
    return obj


def duplicate_of(batch: Batch, e: BatchEntry) -> str | None:
    """The file counted instead of ``e`` (None when ``e`` is counted or not in a group)."""
    if e.duplicate_key is None or e.counted:
        return None
    member = batch.counted_member(e.duplicate_key)
    return member.path if member is not None else None


def failure_json(path: str, code: str, message: str) -> dict[str, Any]:
    """The JSON object for a file that could not be read."""
    return {
        "file": path,
        "ok": False,
        "error": {"code": code, "message": message},
        "template": None,
        "metadata": None,
        "sections": None,
        "values": {},
        "findings": [],
    }


# --------------------------------------------------------------------------- readable text


def display_width(s: str) -> int:
    """Columns a string takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


_CLOSING = "，。、；：）」』”’！？,.;:)"
_OPENING = "“‘（「『("


def wrap(text: str, width: int, indent: str) -> list[str]:
    """Wrap ``text`` to ``width`` terminal columns, every line starting with ``indent``.

    A line never starts with closing punctuation nor ends with an opening mark.
    """
    room = max(20, width - display_width(indent))
    lines: list[str] = []
    line, used = "", 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > room and line:
            carry = ""
            if ch in _CLOSING and len(line) > 1:
                line, carry = line[:-1], line[-1]
            while len(line) > 1 and line[-1] in _OPENING and len(carry) < 4:
                line, carry = line[:-1], line[-1] + carry
            lines.append(indent + line.rstrip())
            line, used = carry, display_width(carry)
            if ch == " " and not line:
                continue
        line, used = line + ch, used + w
    if line or not lines:
        lines.append(indent + line)
    return lines


def _field_info(fid: str) -> Any:
    from core import templates

    return templates.all_fields().get(fid)


def location(fields: Sequence[str]) -> str:
    """Where a finding lies in the printed tables: a cell, a row, a column or a table ('' if none)."""
    from core.templates import TABLE_SHORT, short_label

    infos = [f for f in (_field_info(x) for x in fields) if f is not None]
    if not infos:
        return ""
    if len(infos) == 1:
        return infos[0].printed_name()
    tables = list(dict.fromkeys(f.table for f in infos))
    if len(tables) > 1:
        return "、".join(TABLE_SHORT.get(t, t) for t in tables)
    short = TABLE_SHORT.get(tables[0], tables[0])
    rows = {f.row.key for f in infos}
    cols = {f.column.key for f in infos}
    if tables[0] == "appeal":
        if len(rows) == 1:
            return f"{short} {infos[0].row.label}"
        return short
    if len(rows) == 1:
        return f"{short} “{short_label(infos[0].row.label)}” 行"
    if len(cols) == 1:
        return f"{short} “{infos[0].column.label}” 列"
    return short


def readable_message(f: Finding, where: str) -> str:
    """The finding's message without the location printed above it, long cell lists shortened."""
    msg = f.message.strip()
    if where and msg.startswith(where):
        rest = msg[len(where) :].lstrip(" ：:，")
        if rest:
            msg = rest
    infos = [i for i in (_field_info(x) for x in f.fields) if i is not None]
    if where and infos:
        names = "、".join(i.printed_name() for i in infos)
        if "请核对：" + names in msg:
            what = "上述单元格" if len(infos) == 1 else f"上述 {len(infos)} 个单元格"
            msg = msg.replace("请核对：" + names, "请核对" + what)
    return msg


@dataclass
class Tally:
    """Counts for the summary line of ``check``."""

    reports: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    confirmed: int = 0
    unreadable: int = 0

    def line(self) -> str:
        s = (
            f"共 {self.reports + self.unreadable} 份报告，{self.errors} 个错误，"
            f"{self.warnings} 个警告，{self.unreadable} 份无法读取"
        )
        extra = []
        if self.infos:
            extra.append(f"另有 {self.infos} 条提示")
        if self.confirmed:
            extra.append(f"{self.confirmed} 项已确认如原文")
        return s + (f"（{'，'.join(extra)}）" if extra else "") + "。"


def report_heading(rr: ReviewedReport) -> str:
    """``白银市审计局 · 2021 年度 · 2021 年版格式`` (what a reviewer recognises a report by)."""
    from pathlib import Path

    agency = _text_or_none(rr.metadata_value("agency")) or f"（未识别机关）{Path(rr.path).name}"
    year = _year(rr.metadata_value("year"))
    parts = [agency, f"{year} 年度" if year else "年度未识别", TEMPLATE_WORDS.get(rr.template, rr.template)]
    kind = KIND_WORDS.get(rr.report.kind)
    if kind:
        parts.append(kind)
    return " · ".join(parts)


def check_lines(
    rr: ReviewedReport,
    findings: Sequence[Finding],
    tally: Tally,
    width: int,
    project: str | None = None,
    notice: str = "",
    entry: BatchEntry | None = None,
    batch: Batch | None = None,
) -> list[str]:
    """The readable block of ``check`` for one report; counts go into ``tally``.

    With ``entry`` (and its ``batch``): also whether it is counted in a summary and why not.
    """
    open_ = [f for f in findings if not rr.is_confirmed(f)]
    n_err = sum(1 for f in open_ if f.severity == "error")
    n_warn = sum(1 for f in open_ if f.severity == "warning")
    n_info = sum(1 for f in open_ if f.severity == "info")
    tally.reports += 1
    tally.errors += n_err
    tally.warnings += n_warn
    tally.infos += n_info
    tally.confirmed += len(findings) - len(open_)
    counts = (
        "、".join(x for x in (f"{n_err} 个错误" if n_err else "", f"{n_warn} 个警告" if n_warn else "") if x)
        or "未发现错误或警告"
    )
    mark = "✗" if n_err else ("!" if n_warn else "✓")
    lines = [f"{mark} {report_heading(rr)}（{counts}）", f"    文件：{rr.path}"]
    if project:
        lines.append(f"    审核项目：{project}（已应用其中保存的修改）")
    if entry is not None:
        lines.extend(_entry_notes(entry, batch, width))
    if notice:
        lines.extend(_hanging(notice, width, "    注意："))
    if not findings:
        lines.append("    未发现问题。")
    for group in _groups(rr, findings):
        f = group[0][0]
        word = SEVERITY_WORDS.get(f.severity, f.severity)
        tag = f"【{word}·已确认如原文】" if rr.is_confirmed(f) else f"【{word}】"
        msg = group[0][2]
        wheres = [w for _, w, _ in group]
        if len(group) > 1:
            table = wheres[0].split(" ", 1)[0]
            if all(w.startswith(table + " ") for w in wheres):
                wheres = [wheres[0]] + [w[len(table) + 1 :] for w in wheres[1:]]
            lines.extend(_hanging("、".join(wheres) + f"（共 {len(group)} 处）", width, "    " + tag))
            lines.extend(wrap("各处均为：" + msg, width, BODY_INDENT))
        elif wheres[0]:
            lines.extend(_hanging(wheres[0], width, "    " + tag))
            lines.extend(wrap(msg, width, BODY_INDENT))
        else:
            lines.extend(_hanging(msg, width, "    " + tag))
    return lines


BODY_INDENT = " " * 10


def _hanging(text: str, width: int, head: str) -> list[str]:
    """``head`` then ``text`` wrapped, continuation lines indented under the text."""
    pad = " " * display_width(head)
    body = wrap(text, width, pad)
    return [head + body[0][len(pad) :], *body[1:]]


def _groups(rr: ReviewedReport, findings: Sequence[Finding]) -> list[list[tuple[Finding, str, str]]]:
    """Consecutive findings saying the same thing about different places, grouped (order kept)."""
    out: list[list[tuple[Finding, str, str]]] = []
    for f in findings:
        where = location(f.fields)
        msg = readable_message(f, where)
        if out and where:
            g0, w0, m0 = out[-1][0]
            same = (g0.rule, g0.severity, rr.is_confirmed(g0), m0) == (f.rule, f.severity, rr.is_confirmed(f), msg)
            if same and w0 and where not in [w for _, w, _ in out[-1]]:
                out[-1].append((f, where, msg))
                continue
        out.append([(f, where, msg)])
    return out


def _entry_notes(e: BatchEntry, batch: Batch | None, width: int) -> list[str]:
    out = []
    if e.region or e.level:
        where = [f"地区：{e.region}" if e.region else "", f"层级：{e.level}" if e.level else ""]
        out.append("    " + "，".join(x for x in where if x))
    if e.is_reviewed:
        still = "（仍有未处理的错误或警告）" if (e.status.errors or e.status.warnings) else ""
        out.append("    已标记为已审核" + still)
    if e.completeness.value != "完整":
        out.append(f"    完整性：{e.completeness.value}")
    if not e.counted:
        text = f"未计入汇总：{e.not_counted_reason or ''}"
        other = duplicate_of(batch, e) if batch is not None else None
        if other:
            text += f"（同一机关同一年度的报告已计入：{other}）"
        out.extend(wrap(text, width, "    "))
    elif e.duplicate_key is not None:
        out.append("    同一机关同一年度有多份报告，本份计入汇总")
    return out


def batch_lines(batch: Batch, width: int) -> list[str]:
    """The batch-level lines at the end of ``check``: counted, duplicates, 未报送 (with a directory)."""
    counts = batch.counts()
    ok = len(batch.reports())
    lines = [f"计入汇总 {counts.counted} 份，未计入 {counts.total - counts.counted} 份。"]
    if counts.reviewed:
        still = sum(1 for e in batch.reports() if e.is_reviewed and e.status.errors)
        lines.append(f"已审核 {counts.reviewed} 份（其中仍有错误的 {still} 份）。")
    groups = batch.duplicate_groups()
    if groups:
        lines.append(f"重复报告 {len(groups)} 组（同一机关同一年度多份，每组只计入一份）：")
        for g in groups:
            key = g[0].duplicate_key
            assert key is not None
            names = "、".join(("★" if e.counted else "") + e.path for e in g)
            lines.extend(wrap(f"{key[0]} {key[1]} 年度：{names}", width, "    "))
    if batch.directory is not None and ok:
        years = sorted({e.year for e in batch.counted() if e.year is not None})
        for y in years:
            missing = batch.missing(y)
            if missing:
                names = "、".join(a.name for a in missing)
                lines.extend(wrap(f"{y} 年度未报送（机关名录中无计入汇总的报告）{len(missing)} 个：{names}", width, ""))
            else:
                lines.append(f"{y} 年度机关名录中的机关均已报送。")
    return lines


def failure_lines(path: str, message: str, tally: Tally, width: int) -> list[str]:
    tally.unreadable += 1
    return [f"✗ 无法读取：{path}", *wrap(message, width, "    ")]
