"""The core data model: a loaded source document, a parsed report, its values and findings.

Everything here is plain data (dataclasses), free of Qt, serialisable to JSON.
"""

from __future__ import annotations

import bisect
import threading
import zlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
Origin = Literal["table", "inferred", "prose", "edited"]
ReportKind = Literal["report", "summary", "other"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) in a text."""

    start: int
    end: int

    def __len__(self) -> int:
        return max(0, self.end - self.start)

    def to_json(self) -> list[int]:
        return [self.start, self.end]


# --------------------------------------------------------------------------- loaded documents


class OffsetRuns:
    """``SourceDocument.offsets`` kept as runs of consecutive integers.

    Most of a normalised text maps 1:1 onto its original, so a few runs replace 4 bytes a
    character: what the window keeps for every open report (``core.batch.memory``). Reads like the
    array it stands for: ``len``, ``runs[i]`` (an int index), iteration, equality with a sequence.
    """

    __slots__ = ("_n", "_starts", "_values")

    def __init__(self, offsets: Any = ()) -> None:
        starts, values = array("i"), array("i")
        prev = None
        n = 0
        for n, v in enumerate(offsets, 1):
            if prev is None or v != prev + 1:
                starts.append(n - 1)
                values.append(v)
            prev = v
        self._n, self._starts, self._values = n, starts, values

    @classmethod
    def from_runs(cls, runs: Any) -> OffsetRuns:
        """The inverse of ``runs()``. Raises ValueError (or TypeError) on anything but
        [int, positive int] pairs."""
        self = cls()
        for first, length in runs:
            if type(first) is not int or type(length) is not int or length < 1:
                raise ValueError(f"bad offset run {[first, length]!r}")
            self._starts.append(self._n)
            self._values.append(first)
            self._n += length
        return self

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: int) -> int:
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("offset index out of range")
        k = bisect.bisect_right(self._starts, i) - 1
        return self._values[k] + (i - self._starts[k])

    def __iter__(self) -> Iterator[int]:
        for start, value, end in zip(self._starts, self._values, self._ends(), strict=True):
            yield from range(value, value + end - start)

    def _ends(self) -> list[int]:
        return [*self._starts[1:], self._n] if self._starts else []

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OffsetRuns):
            return (self._n, self._starts, self._values) == (other._n, other._starts, other._values)
        if not isinstance(other, (list, tuple, array, range)):
            return NotImplemented
        return len(other) == self._n and all(a == b for a, b in zip(self, other, strict=False))

    __hash__ = None  # type: ignore[assignment]

    def runs(self) -> list[list[int]]:
        """[first offset, length] of each run (the project snapshot's form)."""
        return [[v, e - s] for s, v, e in zip(self._starts, self._values, self._ends(), strict=True)]

    def __repr__(self) -> str:
        return f"OffsetRuns({self._n} offsets in {len(self._starts)} runs)"


@dataclass(slots=True)
class GridCell:
    """One cell of a table that the source really has (HTML, .docx, PDF).

    ``row``/``col`` are the cell's top-left position in the expanded grid; a merged cell
    has ``rowspan``/``colspan`` > 1 and appears once. ``span`` is the cell text's range in
    ``SourceDocument.text`` (the normalised text) when it could be located.
    """

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    span: Span | None = None
    page: int | None = None  # 1-based PDF page
    bbox: tuple[float, float, float, float] | None = None  # PDF points: x0, top, x1, bottom
    confidence: float | None = None  # OCR recognition confidence 0–1 (None: not read by OCR)


@dataclass(slots=True)
class Grid:
    """A table as the source lays it out: cells on a row/column grid."""

    cells: list[GridCell]
    n_rows: int
    n_cols: int
    span: Span | None = None  # where the table's text lies in the normalised text
    pages: tuple[int, ...] = ()  # PDF pages the table covers (a table joined across pages)

    def rows(self) -> list[list[GridCell]]:
        """Cells grouped by their top row, each row ordered by column."""
        out: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        for r in out:
            r.sort(key=lambda c: c.col)
        return out

    def expanded(self) -> list[list[GridCell | None]]:
        """An n_rows × n_cols matrix in which a merged cell fills every slot it covers."""
        m: list[list[GridCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, min(self.n_rows, c.row + c.rowspan)):
                for k in range(c.col, min(self.n_cols, c.col + c.colspan)):
                    m[r][k] = c
        return m


@dataclass(slots=True)
class OcrSpan:
    """A piece of text read by OCR outside the tables (one recognised box): where it lies in the
    normalised text, on which page and where (PDF points), and its recognition confidence 0–1."""

    span: Span
    page: int
    bbox: tuple[float, float, float, float]
    confidence: float


@dataclass(slots=True)
class PageBox:
    """A PDF page: its size in points and where its text lies in the normalised text."""

    number: int  # 1-based
    width: float
    height: float
    span: Span | None = None


@dataclass(slots=True)
class SourceDocument:
    """What a loader returns: the file's text, normalised, with a map back to the original.

    Attributes:
        path: the file as given.
        form: txt | md | html | docx | pdf | doc.
        original: the file's text as decoded/extracted, before normalisation (the "original
            text" view of the window).
        text: the normalised text every parser works on (simplified, width-folded,
            pinyin and boilerplate removed, page-broken lines joined). Tables that the source
            really has appear in it as one line per row, cells separated by a tab.
        offsets: for each character of ``text`` the index of the character in ``original``
            it came from (len(offsets) == len(text)); see ``to_original``.
        grids: the tables the source really has (HTML, .docx, PDF), in document order.
        boilerplate: web-page lines kept out of ``text`` (当前位置, 浏览次数 …), mined for metadata.
        pages: PDF pages.
        encoding: the detected text encoding, when the file was decoded from bytes.
        notes: loader observations worth a finding (code → Chinese message).
        ocr_spans: for a scan, every piece of text read by OCR outside the tables, in text order
            (a figure stated in prose gets its page, box and confidence from it).

    ``text`` and ``original`` of an open report nobody is looking at are held compressed
    (``PackedText``, ``core.batch.memory.park``); reading them always gives the ``str``.
    """

    path: str
    form: str
    original: str
    text: str
    offsets: list[int] | Any = field(default_factory=list)  # list, array('i') or OffsetRuns
    grids: list[Grid] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    pages: list[PageBox] = field(default_factory=list)
    encoding: str | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)
    ocr_spans: list[OcrSpan] = field(default_factory=list)

    def read_by_ocr(self, span: Span) -> list[OcrSpan]:
        """The OCR boxes (outside tables) that a range of ``text`` overlaps, in text order."""
        spans = self.ocr_spans
        if not spans:
            return []
        k = max(0, bisect.bisect_right(spans, span.start, key=lambda o: o.span.start) - 1)
        out = []
        while k < len(spans) and spans[k].span.start < span.end:
            if spans[k].span.end > span.start:
                out.append(spans[k])
            k += 1
        return out

    def to_original(self, span: Span) -> Span:
        """The range of ``original`` that a range of ``text`` came from."""
        if not self.offsets or not self.text:
            return span
        n = len(self.offsets)
        start = self.offsets[min(max(span.start, 0), n - 1)]
        last = self.offsets[min(max(span.end - 1, 0), n - 1)]
        return Span(start, max(start, last + 1))


class PackedText:
    """A text kept compressed (UTF-8 and zlib: about a third of a Chinese ``str``'s 2 bytes a
    character) in ``SourceDocument.text`` / ``original`` while nobody reads it. Reading either
    field gives the text back, exactly, and keeps it there (``_TextField``);
    ``core.batch.memory.park`` packs the texts of an open report nobody is looking at."""

    __slots__ = ("data",)

    def __init__(self, text: str) -> None:
        self.data = zlib.compress(text.encode("utf-8", "surrogatepass"), 1)

    def unpack(self) -> str:
        return zlib.decompress(self.data).decode("utf-8", "surrogatepass")


_UNPACK = threading.Lock()


class _TextField:
    """``SourceDocument.text`` and ``original``: the field as declared, except that a ``PackedText``
    in either is unpacked on first read (both at once: one text when both held the same). Reading a
    field that holds a ``str`` costs one Python call more than a plain slot."""

    __slots__ = ("slot",)

    def __init__(self, slot: Any) -> None:
        self.slot = slot

    def __get__(self, doc: Any, owner: Any = None) -> Any:
        if doc is None:
            return self.slot
        value = self.slot.__get__(doc, owner)
        if type(value) is PackedText:
            with _UNPACK:  # one thread unpacks, the others wait for it
                fields = (_TEXT_SLOTS[0].__get__(doc), _TEXT_SLOTS[1].__get__(doc))
                texts: dict[int, str] = {}
                for slot, held in zip(_TEXT_SLOTS, fields, strict=True):
                    if type(held) is PackedText:
                        got = texts.get(id(held))
                        if got is None:
                            got = texts[id(held)] = held.unpack()
                        slot.__set__(doc, got)
            value = self.slot.__get__(doc, owner)
        return value

    def __set__(self, doc: Any, value: Any) -> None:
        self.slot.__set__(doc, value)


def pack_texts(doc: SourceDocument, min_chars: int = 0) -> None:
    """Keep ``doc.text`` and ``doc.original`` as ``PackedText`` (one when both are the same text),
    each at least ``min_chars`` long, until next read."""
    packed: dict[int, PackedText] = {}
    for slot in _TEXT_SLOTS:
        value = slot.__get__(doc)
        if type(value) is str and len(value) >= min_chars:
            got = packed.get(id(value))
            if got is None:
                got = packed[id(value)] = PackedText(value)
            slot.__set__(doc, got)


_TEXT_SLOTS = (SourceDocument.__dict__["original"], SourceDocument.__dict__["text"])
for _slot_name, _slot in zip(("original", "text"), _TEXT_SLOTS, strict=True):
    setattr(SourceDocument, _slot_name, _TextField(_slot))


# --------------------------------------------------------------------------- parsed report


@dataclass(slots=True)
class Located:
    """A metadata value with where it was found (span in the normalised text, or None)."""

    value: Any = None
    span: Span | None = None
    source: str = ""  # title | header | boilerplate | preamble | signature | filename | edited


@dataclass(slots=True)
class Metadata:
    """Who published the report, for which year, when."""

    agency: Located = field(default_factory=Located)
    year: Located = field(default_factory=Located)
    published: Located = field(default_factory=Located)  # ISO date string YYYY-MM-DD
    index_no: Located = field(default_factory=Located)
    publisher: Located = field(default_factory=Located)  # 发布机构 as printed in the header
    title: Located = field(default_factory=Located)

    def to_json(self) -> dict[str, Any]:
        return {
            "agency": self.agency.value,
            "year": self.year.value,
            "published": self.published.value,
            "index_no": self.index_no.value,
        }


@dataclass(slots=True)
class Section:
    """A part of the report.

    ``id`` is s1…s6 for the six standard sections, or ``h<N>`` for a heading of a work
    summary (工作总结) that does not follow the six parts. ``heading`` is the span of the
    heading text, ``body`` the span from the heading's start to the next section's start.
    """

    id: str
    title: str
    heading: Span
    body: Span
    level: int = 1
    children: list[Section] = field(default_factory=list)


@dataclass(slots=True)
class Value:
    """One statistic as printed, with its provenance.

    Attributes:
        field: the field ID (fields.csv).
        value: the number as printed (int, or float for 万元 amounts); 0 for an empty cell
            inside a printed table; None when the cell could not be read.
        raw: the token as printed ("0", "/", "—", "", "251000元", "+461").
        origin: table (read from a table cell), inferred (placed by position or by the
            identities), prose (stated only in a sentence), edited (typed by a reviewer).
        span: range of ``raw`` in the normalised text.
        page, table, row, col: for structured sources: PDF page, table index in
            ``SourceDocument.grids``, grid row and column.
        bbox: PDF box of the cell, in points.
    """

    field: str
    value: int | float | None
    raw: str = ""
    origin: Origin = "table"
    span: Span | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    bbox: tuple[float, float, float, float] | None = None

    @property
    def is_empty_token(self) -> bool:
        return self.raw.strip() in {"", "/", "-", "—", "——", "无", "－", "／"}


@dataclass(slots=True)
class ExtraRow:
    """A row of a printed table that is not in the template (a provincial extension)."""

    table: str
    label: str
    cells: list[str]
    span: Span | None = None


@dataclass(slots=True)
class Finding:
    """Something a reviewer must look at.

    Attributes:
        rule: stable rule ID (e.g. ``apply.balance``, ``section.missing``).
        severity: error | warning | info.
        message: Chinese, in the words of the printed table.
        fields: the field IDs involved (empty for document-level findings).
        span: where in the normalised text, for findings not tied to fields.
        params: the numbers behind the message (sides, difference …).
        suggestion: an optional repair suggestion, never applied automatically:
            {field_id: suggested value}.
    """

    rule: str
    severity: Severity
    message: str
    fields: list[str] = field(default_factory=list)
    span: Span | None = None
    params: dict[str, Any] = field(default_factory=dict)
    suggestion: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Stable identity of this finding across re-validations (for 'confirmed as printed')."""
        return self.rule + "|" + ",".join(self.fields) + ("|" + str(self.params.get("key", "")) if "key" in self.params else "")

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity, "fields": list(self.fields), "message": self.message}


@dataclass(slots=True)
class Report:
    """A parsed report: what the parser read, before any correction.

    Attributes:
        document: the loaded source (text, offsets, grids).
        kind: report (the six-part annual report), summary (a 工作总结 that does not follow
            the six parts), other (readable, but not a report).
        template: 2021 | 2019 | legacy | unknown — the report as a whole.
        table_templates: per table (active/apply/appeal), the template its own labels match.
        sections: top-level sections in document order (standard s1–s6, or a summary's own h*).
        values: field ID → Value as printed.
        extra_rows: rows not in the template, kept for the reviewer.
        findings: what the parser itself noticed (tables lost, inferred cells, prose-only
            figures …). Validation findings are computed separately (core.validation).
        prose_figures: every statistic also stated in a sentence (共收到申请N件 …), whether or
            not the table states it too — the rules compare them with the table.
        sha256: content hash of the source file.
        snapshot: this report packed as a review project stores it
            (``core.review.serialize.pack_report``), made by the worker process that parsed it so
            that the window does not pack it on its own thread; dropped once stored. None: not made.
    """

    path: str
    document: SourceDocument
    kind: ReportKind = "report"
    template: str = "unknown"
    table_templates: dict[str, str] = field(default_factory=dict)
    metadata: Metadata = field(default_factory=Metadata)
    sections: list[Section] = field(default_factory=list)
    values: dict[str, Value] = field(default_factory=dict)
    extra_rows: list[ExtraRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    prose_figures: list[Value] = field(default_factory=list)  # every figure stated in prose (origin prose)
    sha256: str = ""
    snapshot: bytes | None = field(default=None, repr=False, compare=False)

    def section(self, sid: str) -> Section | None:
        for s in self.sections:
            if s.id == sid:
                return s
        return None

    @property
    def text(self) -> str:
        return self.document.text
