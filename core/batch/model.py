"""The batch: the ordered reports a reviewer has open, with what the window, the CLI and the
workbook all read about them (findings, status, completeness, duplicates, directory data).

Plain Python, no Qt. The window's list model, findings panel and status bar, ``ogi-review
check`` and the exporter read the same ``BatchEntry`` objects; nothing rebuilds them its own way.

Public API:
    Completeness: 完整 / 数据不完整 / 空白模板 / 非年报 / 无法读取
    BatchEntry: one input (a report or a file that could not be read)
    prepare(item, project=None) -> BatchEntry: an entry with its own findings, made in any thread
        (the window's load op validates there, so that the GUI thread only adds it)
    Batch(entries=(), directory=None, count_incomplete=False)
        .add(item) / .extend(items) / .remove(entry) / .clear(): adding costs what the new
            entries touch (their agency's neighbouring years, their duplicate groups), not the batch's size
        .update(entry, change=None): after an edit; own findings incrementally, cross-year findings of
            the entry and of its neighbouring years, then duplicates and counting
        .counted() / .previous_year(entry) / .duplicate_groups() / .set_counted_member(entry)
        .set_chosen(key, chosen): the reviewer's choice for a duplicate group (None: the default rule)
        .missing(year): directory agencies with no counted report for the year (未报送)
        .set_directory(directory) / .set_count_incomplete(flag)
        .listeners: callables ``(entries)`` told which entries changed (the Qt models refresh)
        .counts(): ``BatchCounts`` for status bars and summaries

Cross-year findings compare a report with each distinct report of the agency's year before: copies
of one file that nobody corrected are one report (a finding is not repeated for every copy).

Duplicates: entries with the same canonical agency and year (both known, neither unreadable nor
非年报) form a group. One member is counted: the reviewer's choice (``chosen_key``, saved in a
review project by the caller) or else the complete one read last in input order (the latest
version a clerk received), ties going to the first of identical contents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from core.batch.inputs import Failure
from core.model import Finding
from core.review.state import Change, ReviewedReport
from core.validation import Status, Validator, status
from core.validation.cross import carry_over, glued_settled, in_force

if TYPE_CHECKING:
    from core.batch.directory import Directory, DirectoryAgency

__all__ = ["Batch", "BatchCounts", "BatchEntry", "Completeness", "agency_key", "completeness_of", "prepare"]


class Completeness(StrEnum):
    """Whether a report can be added into a summary."""

    COMPLETE = "完整"
    INCOMPLETE = "数据不完整"
    BLANK = "空白模板"
    NOT_REPORT = "非年报"
    UNREADABLE = "无法读取"


# The clerk's words for a report not counted in the summary.
REASON_DUPLICATE = "重复"
REASON_BLANK = "空白模板"
REASON_INCOMPLETE = "数据不完整"
REASON_NOT_REPORT = "无关文件"
REASON_UNREADABLE = "无法读取"

# Parser findings that say the statistics tables were lost or could not be read.
_LOST_RULES = frozenset({"tables.lost", "table.unreadable", "table.no_rows"})


def agency_key(name: object) -> str:
    """An agency name folded for matching: no spaces, brackets unified (淮安市人民政府)."""
    return _agency_key(str(name or ""))


@lru_cache(maxsize=4096)  # every entry's key is taken again each time a batch grows
def _agency_key(name: str) -> str:
    s = re.sub(r"\s+", "", name)
    return s.replace("(", "（").replace(")", "）")


def _year_of(rr: ReviewedReport) -> int | None:
    y = rr.metadata_value("year")
    if isinstance(y, bool):
        return None
    if isinstance(y, int):
        return y
    m = re.fullmatch(r"\s*(\d{4})\s*(?:年)?\s*", str(y or ""))
    return int(m.group(1)) if m else None


def completeness_of(rr: ReviewedReport | None, findings: Sequence[Finding] = ()) -> Completeness:
    """完整, 数据不完整 (tables lost or only prose figures), 空白模板 (tables printed, no figure), 非年报."""
    if rr is None:
        return Completeness.UNREADABLE
    if rr.report.kind == "other":
        return Completeness.NOT_REPORT
    values = rr.values()
    table_values = [v for v in values.values() if v.origin != "prose"]
    rules = {f.rule for f in findings} | {f.rule for f in rr.report.findings}
    if table_values and all(v.raw.strip() == "" and v.origin == "table" for v in table_values):
        return Completeness.BLANK
    if not values and "table.blank" in rules:
        return Completeness.BLANK
    if rules & _LOST_RULES:
        return Completeness.INCOMPLETE
    if not table_values:
        return Completeness.INCOMPLETE  # no table read: nothing, or only a few figures from prose
    if "table.missing" in rules:
        return Completeness.INCOMPLETE
    return Completeness.COMPLETE


@dataclass(frozen=True)
class BatchCounts:
    """What a status bar shows: reports, unreadable, errors/warnings (open, 已审核 or not), reviewed."""

    total: int = 0
    unreadable: int = 0
    with_errors: int = 0
    with_warnings: int = 0
    reviewed: int = 0
    errors: int = 0
    warnings: int = 0
    counted: int = 0
    duplicates: int = 0


@dataclass(eq=False)
class BatchEntry:
    """One input of a batch: a reviewed report, or a file that could not be read.

    ``findings`` and ``status`` are kept current by ``Batch.update``; ``status`` counts open
    errors and warnings even when the report is marked 已审核 (``is_reviewed``).
    """

    index: int
    path: str
    reviewed: ReviewedReport | None = None
    failure: Failure | None = None
    findings: list[Finding] = field(default_factory=list)
    status: Status = field(default_factory=lambda: Status(0, 0, 0, False))
    is_reviewed: bool = False
    completeness: Completeness = Completeness.UNREADABLE
    duplicate_key: tuple[str, int] | None = None
    counted: bool = False
    not_counted_reason: str | None = None
    agency: str = ""
    year: int | None = None
    template: str = "unknown"
    region: str | None = None
    level: str | None = None
    project: str | None = None  # the review project it was read from, as given (CLI output)
    own: list[Finding] = field(default_factory=list, repr=False)  # validator findings
    cross: list[Finding] = field(default_factory=list, repr=False)  # against last year's report
    validator: Validator | None = field(default=None, repr=False)
    directory_agency: DirectoryAgency | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.reviewed is not None

    @property
    def name(self) -> str:
        """What a list shows for the agency: the canonical or printed name, else the file name."""
        return self.agency or Path(self.path).stem

    @property
    def content_key(self) -> str:
        if self.reviewed is None:
            return ""
        return self.reviewed.report.sha256 or str(id(self.reviewed))

    def open_findings(self) -> list[Finding]:
        if self.reviewed is None:
            return []
        return [f for f in self.findings if not self.reviewed.is_confirmed(f)]

    def status_key(self) -> str:
        """unreadable | error | warning | reviewed | clean (errors and warnings win over 已审核)."""
        if self.reviewed is None:
            return "unreadable"
        if self.status.errors:
            return "error"
        if self.status.warnings:
            return "warning"
        return "reviewed" if self.is_reviewed else "clean"

    # ---- recomputation (Batch calls these)
    def _refresh_own(self, change: Change | None = None) -> None:
        rr = self.reviewed
        if rr is None:
            return
        kind = change.kind if change is not None else "all"
        if self.validator is None or kind in ("rows", "sections", "metadata", "all"):
            self.validator = Validator(rr)
            self.own = self.validator.findings()
        elif kind == "value" and change is not None:
            self.own = self.validator.update(change.fields)

    def _refresh_status(self) -> None:
        rr = self.reviewed
        if rr is None:
            self.findings = []
            self.status = Status(0, 0, 0, False)
            self.is_reviewed = False
            return
        self.findings = self.own + self.cross
        self.status = status(rr, self.findings)
        self.is_reviewed = bool(rr.state.reviewed)
        self.template = rr.template
        self.completeness = completeness_of(rr, self.findings)


Listener = Callable[[list[BatchEntry]], None]


def prepare(item: ReviewedReport | Failure, project: str | None = None) -> BatchEntry:
    """An entry with its own findings (the validator run once), ready for ``Batch.extend``.

    Safe in any thread while ``item`` is not yet shared: the window's load op calls it in its own
    thread, so that validation never runs on the GUI thread. The validator itself is not kept
    (memory per open report); the first edit builds it again.
    """
    if isinstance(item, Failure):
        return BatchEntry(index=-1, path=item.path, failure=item, project=project)
    entry = BatchEntry(index=-1, path=item.path, reviewed=item, project=project)
    entry._refresh_own()
    entry.validator = None
    return entry


def _sameness(entry: BatchEntry) -> object:
    """What makes two entries the same report for a comparison: one source file nobody corrected."""
    rr = entry.reviewed
    if rr is None or not rr.report.sha256 or not rr.state.is_empty():
        return id(entry)
    return rr.report.sha256


class Batch:
    """The ordered entries of a batch and the batch-level facts about them."""

    def __init__(
        self,
        entries: Iterable[ReviewedReport | Failure | BatchEntry] = (),
        directory: Directory | None = None,
        count_incomplete: bool = False,
    ) -> None:
        self.entries: list[BatchEntry] = []
        self.directory: Directory | None = directory
        self.count_incomplete = count_incomplete
        self.listeners: list[Listener] = []
        # (canonical agency, year) → content key of the member the reviewer chose to count
        self.chosen: dict[tuple[str, int], str] = {}
        self._index: dict[tuple[str, int], list[BatchEntry]] | None = None
        self.extend(entries)

    # ---- building
    def _make(self, item: ReviewedReport | Failure | BatchEntry, project: str | None = None) -> BatchEntry:
        if isinstance(item, BatchEntry):
            item.index = len(self.entries)
            return item
        if isinstance(item, Failure):
            return BatchEntry(index=len(self.entries), path=item.path, failure=item, project=project)
        entry = BatchEntry(index=len(self.entries), path=item.path, reviewed=item, project=project)
        entry._refresh_own()
        return entry

    def add(self, item: ReviewedReport | Failure | BatchEntry, project: str | None = None) -> BatchEntry:
        """Append one report or failure; recomputes what it changes. Returns its entry."""
        return self.extend([item], project=project)[0]

    def extend(
        self, items: Iterable[ReviewedReport | Failure | BatchEntry], project: str | None = None
    ) -> list[BatchEntry]:
        """Append reports or failures (``project``: the review project they came from, as given)."""
        return self.extend_pairs([(item, project) for item in items])

    def extend_pairs(
        self, pairs: Iterable[tuple[ReviewedReport | Failure | BatchEntry, str | None]]
    ) -> list[BatchEntry]:
        """Append (item, project) pairs; everything they change is recomputed once."""
        new = []
        for item, project in pairs:
            entry = self._make(item, project)
            self.entries.append(entry)
            new.append(entry)
        if new:
            self._identify(new, reindex=False)
            self._index_add(new)
            # a new report changes the cross-year findings of the next year's reports only
            touched = self._recompute_cross(self._neighbours(new, before=False) | {id(e) for e in new})
            regrouped = self._regroup(self._merge(new, touched))
            self._notify(self._merge(self._merge(new, touched), regrouped))
        return new

    def remove(self, entry: BatchEntry) -> None:
        """Drop an entry; the cross-year findings of its neighbours are recomputed."""
        if entry not in self.entries:
            return
        neighbours = self._neighbours([entry])
        self.entries.remove(entry)
        self._index = None
        for i, e in enumerate(self.entries):
            e.index = i
        touched = self._recompute_cross(neighbours - {id(entry)})
        self._recompute_groups()
        self._notify(touched)

    def clear(self) -> None:
        self.entries.clear()
        self.chosen.clear()
        self._index = None
        self._notify([])

    def update(self, entry: BatchEntry, change: Change | None = None) -> list[BatchEntry]:
        """Bring an entry up to date after an edit; returns every entry whose findings/state changed."""
        before = self._neighbours([entry])
        entry._refresh_own(change)
        key_before = (entry.agency, entry.year)
        if change is None or change.kind in ("metadata", "all"):
            self._identify([entry])
        ids = before | self._neighbours([entry]) | {id(entry)}
        if change is not None and change.kind in ("confirm", "reviewed") and key_before == (entry.agency, entry.year):
            entry._refresh_status()
            touched = [entry]
        else:
            touched = self._recompute_cross(ids)
        self._recompute_groups()
        self._notify(touched)
        return touched

    # ---- options
    def set_directory(self, directory: Directory | None) -> None:
        self.directory = directory
        self._identify(self.entries)
        self._recompute_cross({id(e) for e in self.entries})
        self._recompute_groups()
        self._notify(list(self.entries))

    def set_count_incomplete(self, flag: bool) -> None:
        self.count_incomplete = flag
        self._recompute_groups()
        self._notify(list(self.entries))

    # ---- queries
    def reports(self) -> list[BatchEntry]:
        return [e for e in self.entries if e.reviewed is not None]

    def failures(self) -> list[BatchEntry]:
        return [e for e in self.entries if e.reviewed is None]

    def counted(self) -> list[BatchEntry]:
        return [e for e in self.entries if e.counted]

    def entry_for(self, reviewed: ReviewedReport) -> BatchEntry | None:
        for e in self.entries:
            if e.reviewed is reviewed:
                return e
        return None

    def previous_year(self, entry: BatchEntry) -> BatchEntry | None:
        """The counted report of the same agency for the year before, if in the batch."""
        if not entry.agency or entry.year is None:
            return None
        found = [e for e in self._same(entry.agency, entry.year - 1) if e.counted]
        return found[0] if found else None

    def duplicate_groups(self) -> list[list[BatchEntry]]:
        groups: dict[tuple[str, int], list[BatchEntry]] = {}
        for e in self.entries:
            if e.duplicate_key is not None:
                groups.setdefault(e.duplicate_key, []).append(e)
        return list(groups.values())

    def set_counted_member(self, entry: BatchEntry) -> None:
        """Count ``entry`` for its duplicate group (the caller makes it undoable and saves it)."""
        if entry.duplicate_key is None:
            return
        self.set_chosen(entry.duplicate_key, entry.content_key or entry.path)

    def set_chosen(self, key: tuple[str, int], chosen: str | None) -> None:
        """Record (or, with None, forget) which member of a duplicate group is counted."""
        if chosen is None:
            self.chosen.pop(key, None)
        else:
            self.chosen[key] = chosen
        before = {id(e): e.counted for e in self.entries}
        self._recompute_groups()
        group = [e for e in self.entries if e.duplicate_key == key or before.get(id(e)) != e.counted]
        self._notify(group)

    def counted_member(self, key: tuple[str, int]) -> BatchEntry | None:
        for e in self._same(key[0], key[1]):  # a group's members all share its agency and year
            if e.duplicate_key == key and e.counted:
                return e
        return None

    def missing(self, year: int) -> list[DirectoryAgency]:
        """未报送: the directory's agencies with no counted report for ``year`` (directory order)."""
        if self.directory is None:
            return []
        have = {agency_key(e.agency) for e in self.entries if e.counted and e.year == year}
        return [a for a in self.directory.agencies if agency_key(a.name) not in have]

    def years(self) -> list[int]:
        return sorted({e.year for e in self.entries if e.year is not None})

    def counts(self) -> BatchCounts:
        ok = self.reports()
        return BatchCounts(
            total=len(self.entries),
            unreadable=len(self.entries) - len(ok),
            with_errors=sum(1 for e in ok if e.status.errors),
            with_warnings=sum(1 for e in ok if e.status.warnings),
            reviewed=sum(1 for e in ok if e.is_reviewed),
            errors=sum(e.status.errors for e in ok),
            warnings=sum(e.status.warnings for e in ok),
            counted=sum(1 for e in self.entries if e.counted),
            duplicates=sum(1 for e in self.entries if e.duplicate_key is not None and not e.counted),
        )

    # ---- internals
    def _identify(self, entries: Iterable[BatchEntry], reindex: bool = True) -> None:
        """Agency (canonical when the directory knows it), year, 地区 and 层级 of each entry.

        ``reindex=False``: the entries are new, and the caller adds them to the index itself.
        """
        if reindex:
            self._index = None
        for e in entries:
            rr = e.reviewed
            if rr is None:
                e.agency, e.year, e.region, e.level, e.directory_agency = "", None, None, None, None
                e.completeness = Completeness.UNREADABLE
                continue
            printed = str(rr.metadata_value("agency") or "").strip()
            e.year = _year_of(rr)
            found = self.directory.resolve(printed) if (self.directory is not None and printed) else None
            e.directory_agency = found
            e.agency = found.name if found is not None else printed
            e.region = found.region if found is not None else None
            e.level = found.level if found is not None else None

    def _index_add(self, entries: Iterable[BatchEntry]) -> None:
        """New entries join the (agency, year) index (entries are appended: batch order kept)."""
        if self._index is None:
            return  # built on the next lookup
        for e in entries:
            if e.reviewed is not None and e.agency and e.year is not None:
                self._index.setdefault((agency_key(e.agency), e.year), []).append(e)

    def _same(self, agency: str, year: int) -> list[BatchEntry]:
        """Readable entries of an agency and year, in batch order (through an index kept current)."""
        if self._index is None:
            index: dict[tuple[str, int], list[BatchEntry]] = {}
            for e in self.entries:
                if e.reviewed is not None and e.agency and e.year is not None:
                    index.setdefault((agency_key(e.agency), e.year), []).append(e)
            self._index = index
        return self._index.get((agency_key(agency), year), [])

    def _neighbours(self, entries: Iterable[BatchEntry], before: bool = True) -> set[int]:
        """ids of the entries whose cross-year findings depend on ``entries`` (same agency, year ± 1;
        ``before=False``: year + 1 only, the reports compared with them)."""
        out: set[int] = set()
        for e in entries:
            if not e.agency or e.year is None:
                continue
            for y in (e.year - 1, e.year + 1) if before else (e.year + 1,):
                out.update(id(x) for x in self._same(e.agency, y))
        return out

    def _recompute_cross(self, ids: set[int]) -> list[BatchEntry]:
        """Cross-year findings of the entries in ``ids`` against last year's report(s); their status."""
        from core.validation.engine import sort_findings

        touched = []
        for e in self.entries:
            if id(e) not in ids:
                continue
            cross: list[Finding] = []
            rr = e.reviewed
            if rr is not None and e.agency and e.year is not None and rr.report.kind != "other":
                compared: set[object] = set()
                for prev in self._same(e.agency, e.year - 1):
                    if prev.reviewed is None or prev.reviewed.report.kind == "other":
                        continue
                    same_as = _sameness(prev)
                    if same_as in compared:
                        continue  # a copy of a report already compared: its findings would repeat
                    compared.add(same_as)
                    cross += carry_over(rr, prev.reviewed, e.year - 1) + in_force(rr, prev.reviewed, e.year - 1)
                    cross += glued_settled(rr, prev.reviewed, e.year - 1)
            e.cross = sort_findings(cross) if cross else []
            e._refresh_status()
            touched.append(e)
        return touched

    def _recompute_groups(self) -> None:
        """Duplicate groups and what is counted, with the reason for what is not."""
        groups: dict[tuple[str, int], list[BatchEntry]] = {}
        for e in self.entries:
            e.duplicate_key = None
            if e.reviewed is None or e.completeness is Completeness.NOT_REPORT or not e.agency or e.year is None:
                continue
            groups.setdefault((agency_key(e.agency), e.year), []).append(e)
        for e in self.entries:
            e.counted, e.not_counted_reason = self._eligible(e)
        for key, members in groups.items():
            if len(members) < 2:
                continue
            dkey = (members[0].agency, key[1])
            for m in members:
                m.duplicate_key = dkey
            winner = self._winner(dkey, members)
            for m in members:
                if m is not winner:
                    m.counted, m.not_counted_reason = False, REASON_DUPLICATE
                else:
                    m.counted, m.not_counted_reason = self._eligible(m)

    def _regroup(self, entries: list[BatchEntry]) -> list[BatchEntry]:
        """``_recompute_groups`` for the groups of ``entries`` only (they were added or their findings
        changed); returns every entry whose group or counting it recomputed."""
        keys: set[tuple[str, int]] = set()
        out = list(entries)
        for e in entries:
            e.duplicate_key = None
            e.counted, e.not_counted_reason = self._eligible(e)
            if (
                e.reviewed is not None
                and e.completeness is not Completeness.NOT_REPORT
                and e.agency
                and e.year is not None
            ):
                keys.add((agency_key(e.agency), e.year))
        for key in keys:
            members = [m for m in self._same(key[0], key[1]) if m.completeness is not Completeness.NOT_REPORT]
            for m in members:
                m.duplicate_key = None
                m.counted, m.not_counted_reason = self._eligible(m)
            out += members
            if len(members) < 2:
                continue
            dkey = (members[0].agency, key[1])
            for m in members:
                m.duplicate_key = dkey
            winner = self._winner(dkey, members)
            for m in members:
                if m is not winner:
                    m.counted, m.not_counted_reason = False, REASON_DUPLICATE
        return self._merge(out, [])

    def _eligible(self, e: BatchEntry) -> tuple[bool, str | None]:
        c = e.completeness
        if c is Completeness.UNREADABLE:
            return False, REASON_UNREADABLE
        if c is Completeness.NOT_REPORT:
            return False, REASON_NOT_REPORT
        if c is Completeness.BLANK:
            return False, REASON_BLANK
        if c is Completeness.INCOMPLETE and not self.count_incomplete:
            return False, REASON_INCOMPLETE
        return True, None

    def _winner(self, key: tuple[str, int], members: list[BatchEntry]) -> BatchEntry:
        chosen = self.chosen.get(key)
        if chosen is None:
            # also accept a choice recorded under another spelling of the same key
            for (a, y), v in self.chosen.items():
                if y == key[1] and agency_key(a) == agency_key(key[0]):
                    chosen = v
                    break
        if chosen is not None:
            for m in members:
                if (m.content_key or m.path) == chosen or m.path == chosen:
                    return m
        rank = {Completeness.COMPLETE: 0, Completeness.INCOMPLETE: 1, Completeness.BLANK: 2}
        best = min(rank.get(m.completeness, 3) for m in members)
        candidates = [m for m in members if rank.get(m.completeness, 3) == best]
        # identical contents: the first one; two versions: the one read last (the latest received)
        distinct: list[BatchEntry] = []
        seen: set[str] = set()
        for m in candidates:
            if m.content_key not in seen:
                seen.add(m.content_key)
                distinct.append(m)
        return distinct[-1]

    @staticmethod
    def _merge(a: list[BatchEntry], b: list[BatchEntry]) -> list[BatchEntry]:
        seen: set[int] = set()
        out = []
        for e in a + b:
            if id(e) not in seen:
                seen.add(id(e))
                out.append(e)
        return out

    def _notify(self, entries: list[BatchEntry]) -> None:
        for listener in list(self.listeners):
            listener(entries)
