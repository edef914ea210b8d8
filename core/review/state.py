"""Corrections over a parsed report, as undoable core edits.

A ``ReviewedReport`` pairs a parsed ``Report`` (never modified) with a ``ReviewState``
(every correction the reviewer made). Effective values, metadata and sections are derived
from the two, so "show original", "revert to parsed" and the export's audit trail come free.

Every change goes through ``ReviewedReport.apply(edit)``, which returns the inverse edit
(undo is applying it) and tells listeners what changed (the project store persists each
edit as it is made; the GUI refreshes exactly the changed cells).
"""

from __future__ import annotations

import copy
import datetime as _dt
import getpass
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from typing import Any, Protocol

from core import templates
from core.model import Finding, Report, Section, Span, Value

METADATA_KEYS = ("agency", "year", "published", "index_no", "template")


def timestamp() -> str:
    """Now, local time with its UTC offset, to the second (how every record is stamped)."""
    return _dt.datetime.now().astimezone().isoformat(timespec="seconds")


def local_minute(stamp: str) -> str:
    """A record's stamp (ISO, any offset) as this computer's local time to the minute:
    ``2024-01-05T01:30:12+00:00`` → ``2024-01-05 09:30`` in UTC+8; other text as it is."""
    if not stamp:
        return ""
    try:
        t = _dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp
    if t.tzinfo is not None:
        t = t.astimezone()
    return t.strftime("%Y-%m-%d %H:%M")


def current_user() -> str:
    """Who is making a record: the operating-system login ("" if it cannot be told)."""
    try:
        return getpass.getuser()
    except Exception:
        return ""


@dataclass
class Correction:
    """A value the reviewer changed: the printed value stays on record beside the new one."""

    field: str
    printed: Any
    new: Any
    note: str = ""
    time: str = ""
    user: str = ""
    printed_changed: bool = False  # the source changed on disk and now prints something else
    printed_before: Any = None  # with printed_changed: the value printed when the reviewer corrected it


@dataclass
class Confirmation:
    """A finding the reviewer confirmed as printed (the document really says so)."""

    key: str
    note: str = ""
    time: str = ""
    user: str = ""


@dataclass
class ReviewState:
    """Everything the reviewer changed about one report."""

    corrections: dict[str, Correction] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)  # key in METADATA_KEYS → new value
    section_starts: dict[str, int] = field(default_factory=dict)  # section id → heading start
    row_remaps: dict[str, str] = field(default_factory=dict)  # "apply.granted" → "apply.partial"
    confirmed: dict[str, Confirmation] = field(default_factory=dict)
    reviewed: bool = False
    reviewed_by: str = ""
    reviewed_at: str = ""

    def is_empty(self) -> bool:
        return not (
            self.corrections or self.metadata or self.section_starts or self.row_remaps or self.confirmed or self.reviewed
        )


# --------------------------------------------------------------------------- edits


@dataclass(frozen=True)
class ValueEdit:
    """Set a field to ``new`` (None with ``revert=True``: back to the parsed value)."""

    field: str
    new: Any = None
    note: str = ""
    revert: bool = False


@dataclass(frozen=True)
class MetadataEdit:
    key: str
    new: Any = None
    revert: bool = False


@dataclass(frozen=True)
class SectionStartEdit:
    """Section ``sid`` now starts at ``start`` in the normalised text (None: as parsed)."""

    sid: str
    start: int | None


@dataclass(frozen=True)
class RowRemapEdit:
    """Values the parser put under row ``source`` belong to row ``target`` (None: as parsed).

    Rows are named ``<table>.<row key>``, e.g. ``apply.granted``, ``active.rules``.
    """

    source: str
    target: str | None


@dataclass(frozen=True)
class ConfirmEdit:
    """Mark a finding (by key) confirmed as printed, with a note; ``note=None`` unconfirms."""

    key: str
    note: str | None


@dataclass(frozen=True)
class ReviewedEdit:
    reviewed: bool


Edit = ValueEdit | MetadataEdit | SectionStartEdit | RowRemapEdit | ConfirmEdit | ReviewedEdit


@dataclass(frozen=True)
class Change:
    """What an edit changed, so views refresh exactly that.

    kind: value | metadata | sections | rows | confirm | reviewed.
    fields: the field IDs whose effective value changed.
    """

    kind: str
    fields: tuple[str, ...] = ()
    key: str = ""


# --------------------------------------------------------------------------- reviewed report


class EditSink(Protocol):
    """Where a report's edits are saved (a review project: ``core.review.project_report.ProjectLink``)."""

    def check(self, reviewed: ReviewedReport) -> None:
        """Raise (a ``ReportError``) when an edit may not be made now; nothing is changed then."""

    def persist(self, reviewed: ReviewedReport, edit: Edit) -> None:
        """Save an applied edit; raise (a ``ReportError``) when it could not be saved."""


class ReviewedReport:
    """A parsed report plus the reviewer's state; the one object views, rules and exporters read.

    Attributes:
        report: the parsed report (never modified).
        state: the reviewer's corrections.
        listeners: callables ``(edit, change)`` told after every applied edit.
        link: where edits are saved (a review project) before any listener hears of them; None
            when the report is in no project.
    """

    def __init__(self, report: Report, state: ReviewState | None = None) -> None:
        self.report = report
        self.state = state or ReviewState()
        self.listeners: list[Callable[[Edit, Change], None]] = []
        self.link: EditSink | None = None
        self._values: dict[str, Value] | None = None

    # ---- derived views
    @property
    def path(self) -> str:
        return self.report.path

    @property
    def template(self) -> str:
        return str(self.state.metadata.get("template", self.report.template))

    def metadata_value(self, key: str) -> Any:
        if key in self.state.metadata:
            return self.state.metadata[key]
        if key == "template":
            return self.report.template
        return getattr(self.report.metadata, key).value

    def _printed(self) -> dict[str, Value]:
        """The values as the parser read them (a slim report rebuilds them: core.batch.slim)."""
        return self.report.values

    def parsed_values(self) -> dict[str, Value]:
        """Values as parsed, with row remaps applied (a remap is structure, not a number)."""
        remaps = self.state.row_remaps
        if not remaps:
            return self._printed()
        out: dict[str, Value] = {}
        for fid, v in self._printed().items():
            out[_remap(fid, remaps)] = replace(v, field=_remap(fid, remaps))
        return out

    def values(self) -> dict[str, Value]:
        """Effective values: parsed (remapped) values overlaid with corrections.

        Without corrections or remaps these are the values as printed, not a copy (the window keeps
        every open report: a copy is 6 KB each). Read-only, like ``parsed_values()``.
        """
        if self._values is None:
            if not self.state.corrections and not self.state.row_remaps:
                return self._printed()
            vals = dict(self.parsed_values())
            for fid, c in self.state.corrections.items():
                base = vals.get(fid)
                if base is not None:
                    vals[fid] = replace(base, value=c.new, origin="edited")
                else:
                    vals[fid] = Value(fid, c.new, raw="", origin="edited")
            self._values = vals
        return self._values

    def value(self, fid: str) -> int | float | None:
        v = self.values().get(fid)
        return None if v is None else v.value

    def numbers(self) -> dict[str, int | float | None]:
        return {k: v.value for k, v in self.values().items()}

    def sections(self) -> list[Section]:
        """Sections with the reviewer's boundary moves applied, in text order."""
        if not self.state.section_starts:
            return list(self.report.sections)
        secs = [replace(s) for s in self.report.sections]
        known = {s.id for s in secs}
        text = self.report.text
        for sid, start in self.state.section_starts.items():
            if sid in known:
                for i, s in enumerate(secs):
                    if s.id == sid:
                        line_end = text.find("\n", start)
                        line_end = len(text) if line_end < 0 else line_end
                        secs[i] = replace(s, heading=Span(start, line_end))
            elif sid.startswith("s") and sid[1:].isdigit():
                line_end = text.find("\n", start)
                line_end = len(text) if line_end < 0 else line_end
                title = text[start:line_end].strip()[:60]
                secs.append(Section(sid, title, Span(start, line_end), Span(start, start)))
        secs.sort(key=lambda s: s.heading.start)
        ends = [s.heading.start for s in secs[1:]] + [len(text)]
        return [replace(s, body=Span(s.heading.start, e)) for s, e in zip(secs, ends, strict=True)]

    def is_confirmed(self, finding: Finding) -> bool:
        return finding.key in self.state.confirmed

    # ---- editing
    def apply(self, edit: Edit) -> tuple[Edit, Change]:
        """Apply an edit; return its inverse (apply it to undo) and what changed.

        With a ``link`` the edit is saved before listeners hear of it; if it cannot be saved the
        state is restored and the link's error is raised (nothing changed, nothing told).
        """
        link = self.link
        before = None
        if link is not None:
            link.check(self)
            before = copy.deepcopy(self.state)
        inverse, change = self._apply(edit)
        self._values = None
        if link is not None:
            try:
                link.persist(self, edit)
            except BaseException:
                for f in fields(ReviewState):
                    setattr(self.state, f.name, getattr(before, f.name))
                self._values = None
                raise
        for listener in list(self.listeners):
            listener(edit, change)
        return inverse, change

    def _apply(self, edit: Edit) -> tuple[Edit, Change]:
        st = self.state
        inverse: Edit
        if isinstance(edit, ValueEdit):
            old = st.corrections.get(edit.field)
            inverse = ValueEdit(edit.field, old.new, old.note) if old else ValueEdit(edit.field, revert=True)
            if edit.revert:
                st.corrections.pop(edit.field, None)
            else:
                printed_v = self.parsed_values().get(edit.field)
                printed = None if printed_v is None else printed_v.value
                st.corrections[edit.field] = Correction(edit.field, printed, edit.new, edit.note, timestamp(), current_user())
            return inverse, Change("value", (edit.field,))
        if isinstance(edit, MetadataEdit):
            had = edit.key in st.metadata
            inverse = MetadataEdit(edit.key, st.metadata[edit.key]) if had else MetadataEdit(edit.key, revert=True)
            if edit.revert:
                st.metadata.pop(edit.key, None)
            else:
                st.metadata[edit.key] = edit.new
            return inverse, Change("metadata", key=edit.key)
        if isinstance(edit, SectionStartEdit):
            prev = st.section_starts.get(edit.sid)
            if edit.start is None:
                st.section_starts.pop(edit.sid, None)
            else:
                st.section_starts[edit.sid] = edit.start
            return SectionStartEdit(edit.sid, prev), Change("sections", key=edit.sid)
        if isinstance(edit, RowRemapEdit):
            before = set(self.parsed_values())
            prev_row = st.row_remaps.get(edit.source)
            if edit.target is None or edit.target == edit.source:
                st.row_remaps.pop(edit.source, None)
            else:
                st.row_remaps[edit.source] = edit.target
            self._values = None
            after = set(self.parsed_values())
            touched = _row_fields(edit) | _row_fields(RowRemapEdit(edit.source, prev_row))
            return RowRemapEdit(edit.source, prev_row), Change("rows", tuple(sorted(before ^ after | touched)))
        if isinstance(edit, ConfirmEdit):
            old_c = st.confirmed.get(edit.key)
            inverse = ConfirmEdit(edit.key, old_c.note if old_c else None)
            if edit.note is None:
                st.confirmed.pop(edit.key, None)
            else:
                st.confirmed[edit.key] = Confirmation(edit.key, edit.note, timestamp(), current_user())
            return inverse, Change("confirm", key=edit.key)
        if isinstance(edit, ReviewedEdit):
            inverse = ReviewedEdit(st.reviewed)
            st.reviewed = edit.reviewed
            st.reviewed_by = current_user() if edit.reviewed else ""
            st.reviewed_at = timestamp() if edit.reviewed else ""
            return inverse, Change("reviewed")
        raise TypeError(f"unknown edit {edit!r}")


def _remap(fid: str, remaps: dict[str, str]) -> str:
    row, col = templates.split_field_id(fid)
    target = remaps.get(row)
    return f"{target}.{col}" if target else fid


def _row_fields(edit: RowRemapEdit) -> set[str]:
    out: set[str] = set()
    for row in (edit.source, edit.target):
        if row:
            out.update(f for f in templates.all_fields() if templates.split_field_id(f)[0] == row)
    return out
