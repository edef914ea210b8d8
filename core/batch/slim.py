"""Reports of a batch that is read once and never edited (the command line's ``export`` and
``directory``): each kept as only what the batch, its cross-year rules and the workbook read.

A parsed report is ~80 KB in memory, most of it its ~200 ``Value`` objects with their spans, pages
and boxes (and the effective-values copy of them). A slim report keeps its values as packed
columns — the field IDs (one tuple shared by every report with the same fields), the numbers (an
array of integers when they are all whole), the raw tokens that are not just the number as
printed, and the origins (shared tuple) — and rebuilds ``Value`` objects
(field, value, raw, origin; no source position) when they are read; the last few reports' values
are kept built, so that one pass over a report (summing, the key figures, the 数据 rows) builds them
once. Also kept: metadata (values, not positions), the parser's findings, prose figures (as
values), kind, templates, content hash, the review state. Dropped: source text, offsets, grids,
pages, sections, extra rows, the validator — so a slim report cannot be shown or re-validated.
3000 realistic reports: ~10 KB each instead of ~95 KB (bench/bench_export.py --cli).

The batch's own and cross-year findings are kept as one shared object per distinct finding
(``slim_findings``): copies of a file compared with the same reports of the year before have the
same findings, and a batch with many versions of each agency's reports has tens of findings per
report. Kept of a finding: what the workbook, the status and the ordering read (rule, severity,
message, fields, suggestion, its key); the numbers behind the message are dropped.

Public API:
    Slimmer(): the shared objects of one batch's slim reports and findings
        .entry(entry): replace an entry's report by its slim form once its own findings are known
        .findings(entries): the entries' batch findings as shared slim findings (after each addition)
    slim_entry(entry): ``Slimmer.entry`` with objects shared process-wide (one-off uses)
    SlimReviewedReport(reviewed, slimmer=None): the slim form of a reviewed report
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from core.batch.model import BatchEntry
from core.model import Finding, Located, Metadata, Origin, SourceDocument, Value
from core.review.state import Edit, ReviewedReport

__all__ = ["SlimReviewedReport", "Slimmer", "slim_entry"]

_BUILT = 8  # slim reports whose values stay built (one pass over a report reads them several times)
_recent: OrderedDict[SlimReviewedReport, dict[str, Value]] = OrderedDict()


class Slimmer:
    """The shared objects of one read-only batch: field-ID and origin tuples, raw tokens and
    template maps (one object each), one slim finding per distinct finding."""

    def __init__(self) -> None:
        self._shared: dict[Any, Any] = {}
        self._findings: dict[tuple[Any, ...], Finding] = {}
        self._slimmed: dict[int, list[Finding]] = {}  # id(entry) → its findings list when last slimmed

    def share(self, x: Any) -> Any:
        """One object for equal field-ID tuples, origin tuples and tokens."""
        return self._shared.setdefault(x, x)

    def map(self, d: dict[str, str]) -> dict[str, str]:
        """One dictionary for equal small maps (the templates of the three tables)."""
        key = ("map", *d.items())
        got: dict[str, str] | None = self._shared.get(key)
        if got is None:
            got = self._shared[key] = dict(d)
        return got

    def entry(self, entry: BatchEntry) -> None:
        """Replace the entry's report by its slim form, once the batch has its own findings (and drop
        the validator). Only for a batch that is not edited or shown afterwards."""
        entry.validator = None
        rr = entry.reviewed
        if rr is not None and not isinstance(rr, SlimReviewedReport):
            entry.reviewed = SlimReviewedReport(rr, self)

    def findings(self, entries: Iterable[BatchEntry]) -> None:
        """The entries' own and cross-year findings as shared slim findings; an entry whose findings
        were not recomputed since the last call is skipped (cheap to call after every addition)."""
        for e in entries:
            if self._slimmed.get(id(e)) is e.findings:
                continue
            e.own = [self._finding(f) for f in e.own]
            e.cross = [self._finding(f) for f in e.cross]
            e.findings = [self._finding(f) for f in e.findings]
            self._slimmed[id(e)] = e.findings

    def _finding(self, f: Finding) -> Finding:
        try:
            key = (f.rule, f.severity, f.message, tuple(f.fields), f.params.get("key"), tuple(f.suggestion.items()))
            got = self._findings.get(key)
        except TypeError:  # an unhashable suggestion: kept as it is
            return f
        if got is None:
            params = {"key": f.params["key"]} if "key" in f.params else {}
            got = Finding(f.rule, f.severity, f.message, list(f.fields), None, params, dict(f.suggestion))
            self._findings[key] = got
        return got


class SlimReviewedReport(ReviewedReport):
    """A reviewed report reduced to what a read-only batch and its workbook read (see the module)."""

    def __init__(self, reviewed: ReviewedReport, slimmer: Slimmer | None = None) -> None:
        share = (slimmer or _ONE).share
        r = reviewed.report
        values = r.values
        self._fields: tuple[str, ...] = share(tuple(values))
        numbers = [v.value for v in values.values()]
        self._numbers: Sequence[Any] = _packed(numbers)
        # the raw token of a value printed as its number ("45") is not kept: str(value) gives it back
        self._raws: dict[int, str] = {
            i: share(v.raw) for i, (x, v) in enumerate(zip(numbers, values.values(), strict=True)) if v.raw != str(x)
        }
        self._origins: tuple[Origin, ...] = share(tuple(v.origin for v in values.values()))
        doc = r.document
        slim = replace(
            r,
            document=SourceDocument(path=doc.path, form=doc.form, original="", text="", encoding=doc.encoding),
            table_templates=(slimmer or _ONE).map(r.table_templates),
            metadata=_bare_metadata(r.metadata),
            sections=[],
            values={},  # packed above: read through parsed_values() / values()
            extra_rows=[],
            prose_figures=[_bare(v, share) for v in r.prose_figures],
        )
        super().__init__(slim, reviewed.state)
        self.listeners = reviewed.listeners
        self.link = reviewed.link

    def _printed(self) -> dict[str, Value]:
        raws = self._raws
        out: dict[str, Value] = {}
        for i, (fid, x, origin) in enumerate(zip(self._fields, self._numbers, self._origins, strict=True)):
            raw = raws.get(i)
            out[fid] = Value(fid, x, str(x) if raw is None else raw, origin)
        return out

    def values(self) -> dict[str, Value]:
        got = _recent.get(self)
        if got is not None:
            _recent.move_to_end(self)
            return got
        if self.state.corrections or self.state.row_remaps:
            self._values = None
            got = super().values()
            self._values = None  # not kept with the report: in the few most recent only
        else:
            got = self._printed()
        _recent[self] = got
        while len(_recent) > _BUILT:
            _recent.popitem(last=False)
        return got

    def apply(self, edit: Edit) -> Any:
        _recent.pop(self, None)
        return super().apply(edit)


def _packed(numbers: list[Any]) -> Sequence[Any]:
    """Whole numbers as one array of 8-byte integers (no int object each), else a tuple."""
    if all(type(x) is int for x in numbers):
        try:
            return array("q", numbers)
        except OverflowError:
            pass
    return tuple(numbers)


def _bare(v: Value, share: Any) -> Value:
    return Value(v.field, v.value, share(v.raw), v.origin)


def _bare_metadata(m: Metadata) -> Metadata:
    def bare(x: Located) -> Located:
        return Located(x.value, None, x.source)

    return Metadata(
        agency=bare(m.agency),
        year=bare(m.year),
        published=bare(m.published),
        index_no=bare(m.index_no),
        publisher=bare(m.publisher),
        title=bare(m.title),
    )


def slim_entry(entry: BatchEntry) -> None:
    """``Slimmer.entry`` with objects shared process-wide (one-off uses)."""
    _ONE.entry(entry)


_ONE = Slimmer()
