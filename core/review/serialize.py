"""Report, review state and edits ⇄ JSON-able dicts, for the review project store.

A snapshot keeps everything needed to show a parsed report again when its source file is
gone: values with provenance, metadata, sections, template, kind, findings, the tables the
source really has and the normalised and original text (compressed with the rest).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from dataclasses import asdict, fields, is_dataclass
from typing import Any

from core.model import (
    ExtraRow,
    Finding,
    Grid,
    GridCell,
    Located,
    Metadata,
    OcrSpan,
    OffsetRuns,
    PageBox,
    Report,
    Section,
    SourceDocument,
    Span,
    Value,
)
from core.review.state import (
    Confirmation,
    ConfirmEdit,
    Correction,
    Edit,
    MetadataEdit,
    ReviewedEdit,
    RowRemapEdit,
    SectionStartEdit,
    ValueEdit,
)

SNAPSHOT_FORMAT = 2  # bump when the snapshot layout changes incompatibly


def _json_default(obj: Any) -> Any:
    if is_dataclass(obj) and not isinstance(obj, type):
        return asdict(obj)
    if isinstance(obj, set | frozenset | tuple):
        return list(obj)
    return str(obj)


def dumps(obj: Any) -> str:
    """Compact JSON, Chinese kept readable, unknown objects as strings (never raises on data)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=_json_default)


# --------------------------------------------------------------------------- small pieces


def _span(s: Span | None) -> list[int] | None:
    return None if s is None else [s.start, s.end]


def _unspan(v: Any) -> Span | None:
    return None if v is None else Span(int(v[0]), int(v[1]))


def _box(b: Sequence[float] | None) -> tuple[float, float, float, float] | None:
    return None if b is None else (float(b[0]), float(b[1]), float(b[2]), float(b[3]))


def _offsets_runs(offsets: Sequence[int]) -> list[list[int]]:
    """Offsets as runs [first, length] of consecutive integers (most of a text maps 1:1)."""
    if isinstance(offsets, OffsetRuns):
        return offsets.runs()
    n = len(offsets)
    if n == 0:
        return []
    import numpy as np

    a = np.asarray(offsets, dtype=np.int64)
    starts = np.concatenate(([0], np.flatnonzero(np.diff(a) != 1) + 1))
    lengths = np.diff(np.concatenate((starts, [n])))
    return np.stack((a[starts], lengths), axis=1).tolist()


def value_to_json(v: Value) -> list[Any]:
    """A value as a compact list: field, value, raw, origin, span, page, table, row, col, bbox."""
    span = None if v.span is None else [v.span.start, v.span.end]
    bbox = None if v.bbox is None else list(v.bbox)
    return [v.field, v.value, v.raw, v.origin, span, v.page, v.table, v.row, v.col, bbox]


def value_from_json(d: list[Any]) -> Value:
    fid, value, raw, origin, span, page, table, row, col, bbox = d
    return Value(
        fid,
        value,
        raw,
        origin,
        None if span is None else Span(span[0], span[1]),
        page,
        table,
        row,
        col,
        None if bbox is None else (bbox[0], bbox[1], bbox[2], bbox[3]),
    )


def finding_to_json(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "severity": f.severity,
        "message": f.message,
        "fields": list(f.fields),
        "span": _span(f.span),
        "params": json.loads(dumps(f.params)),
        "suggestion": json.loads(dumps(f.suggestion)),
    }


def finding_from_json(d: dict[str, Any]) -> Finding:
    return Finding(
        rule=d["rule"],
        severity=d.get("severity", "warning"),
        message=d.get("message", ""),
        fields=list(d.get("fields", [])),
        span=_unspan(d.get("span")),
        params=dict(d.get("params") or {}),
        suggestion=dict(d.get("suggestion") or {}),
    )


def _section_to_json(s: Section) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "heading": _span(s.heading),
        "body": _span(s.body),
        "level": s.level,
        "children": [_section_to_json(c) for c in s.children],
    }


def _section_from_json(d: dict[str, Any]) -> Section:
    return Section(
        id=d["id"],
        title=d.get("title", ""),
        heading=_unspan(d["heading"]) or Span(0, 0),
        body=_unspan(d["body"]) or Span(0, 0),
        level=int(d.get("level", 1)),
        children=[_section_from_json(c) for c in d.get("children", [])],
    )


def _located_to_json(loc: Located) -> dict[str, Any]:
    return {"value": loc.value, "span": _span(loc.span), "source": loc.source}


def _located_from_json(d: dict[str, Any] | None) -> Located:
    if not d:
        return Located()
    return Located(d.get("value"), _unspan(d.get("span")), d.get("source", ""))


def _grid_to_json(g: Grid) -> dict[str, Any]:
    """A grid; each cell a compact list: text, row, col, rowspan, colspan, span, page, bbox[, OCR confidence]."""
    return {
        "n_rows": g.n_rows,
        "n_cols": g.n_cols,
        "span": _span(g.span),
        "pages": list(g.pages),
        "cells": [
            [
                c.text,
                c.row,
                c.col,
                c.rowspan,
                c.colspan,
                _span(c.span),
                c.page,
                None if c.bbox is None else list(c.bbox),
                *(() if c.confidence is None else (c.confidence,)),
            ]
            for c in g.cells
        ],
    }


def _grid_from_json(d: dict[str, Any]) -> Grid:
    cells = [
        GridCell(
            text, row, col, rowspan, colspan, None if span is None else Span(span[0], span[1]), page, _box(bbox), *conf
        )
        for text, row, col, rowspan, colspan, span, page, bbox, *conf in d.get("cells", [])
    ]
    return Grid(cells, int(d["n_rows"]), int(d["n_cols"]), _unspan(d.get("span")), tuple(d.get("pages", ())))


# --------------------------------------------------------------------------- reports


def report_to_json(r: Report) -> dict[str, Any]:
    """Everything of a parsed report, as a JSON-able dict (format ``SNAPSHOT_FORMAT``)."""
    doc = r.document
    meta = r.metadata
    return {
        "format": SNAPSHOT_FORMAT,
        "path": r.path,
        "kind": r.kind,
        "template": r.template,
        "table_templates": dict(r.table_templates),
        "metadata": {k.name: _located_to_json(getattr(meta, k.name)) for k in fields(Metadata)},
        "sections": [_section_to_json(s) for s in r.sections],
        "values": [value_to_json(v) for v in r.values.values()],
        "extra_rows": [
            {"table": e.table, "label": e.label, "cells": list(e.cells), "span": _span(e.span)} for e in r.extra_rows
        ],
        "findings": [finding_to_json(f) for f in r.findings],
        "prose_figures": [value_to_json(v) for v in r.prose_figures],
        "sha256": r.sha256,
        "document": {
            "path": doc.path,
            "form": doc.form,
            "original": doc.original,
            "text": doc.text,
            "offsets": _offsets_runs(doc.offsets or []),
            "grids": [_grid_to_json(g) for g in doc.grids],
            "boilerplate": list(doc.boilerplate),
            "pages": [
                {"number": p.number, "width": p.width, "height": p.height, "span": _span(p.span)} for p in doc.pages
            ],
            "encoding": doc.encoding,
            "notes": [list(n) for n in doc.notes],
            **({"ocr_spans": [_ocr_span_to_json(o) for o in doc.ocr_spans]} if doc.ocr_spans else {}),
        },
    }


def _ocr_span_to_json(o: OcrSpan) -> list[Any]:
    """A compact list: start, end, page, x0, top, x1, bottom, confidence."""
    return [o.span.start, o.span.end, o.page, *o.bbox, o.confidence]


def _ocr_span_from_json(d: list[Any]) -> OcrSpan:
    start, end, page, x0, top, x1, bottom, confidence = d
    return OcrSpan(Span(start, end), page, (x0, top, x1, bottom), confidence)


def report_from_json(d: dict[str, Any]) -> Report:
    """The inverse of ``report_to_json``."""
    dd = d["document"]
    doc = SourceDocument(
        path=dd["path"],
        form=dd["form"],
        original=dd.get("original", ""),
        text=dd.get("text", ""),
        offsets=OffsetRuns.from_runs(dd.get("offsets", [])),  # as runs: what an open report keeps
        grids=[_grid_from_json(g) for g in dd.get("grids", [])],
        boilerplate=list(dd.get("boilerplate", [])),
        pages=[PageBox(p["number"], p["width"], p["height"], _unspan(p.get("span"))) for p in dd.get("pages", [])],
        encoding=dd.get("encoding"),
        notes=[(n[0], n[1]) for n in dd.get("notes", [])],
        ocr_spans=[_ocr_span_from_json(o) for o in dd.get("ocr_spans", [])],
    )
    md = d.get("metadata", {})
    meta = Metadata(**{k.name: _located_from_json(md.get(k.name)) for k in fields(Metadata)})
    values = [value_from_json(v) for v in d.get("values", [])]
    return Report(
        path=d["path"],
        document=doc,
        kind=d.get("kind", "report"),
        template=d.get("template", "unknown"),
        table_templates=dict(d.get("table_templates", {})),
        metadata=meta,
        sections=[_section_from_json(s) for s in d.get("sections", [])],
        values={v.field: v for v in values},
        extra_rows=[
            ExtraRow(e["table"], e["label"], list(e["cells"]), _unspan(e.get("span"))) for e in d.get("extra_rows", [])
        ],
        findings=[finding_from_json(f) for f in d.get("findings", [])],
        prose_figures=[value_from_json(v) for v in d.get("prose_figures", [])],
        sha256=d.get("sha256", ""),
    )


def pack_report(r: Report) -> bytes:
    """A report snapshot as compressed JSON bytes."""
    return zlib.compress(dumps(report_to_json(r)).encode("utf-8"), 6)


def unpack_report(blob: bytes) -> Report:
    """The inverse of ``pack_report``; raises ValueError on a damaged or unknown snapshot."""
    from core.review.checks import MAX_SNAPSHOT, check_report

    try:
        z = zlib.decompressobj()
        raw = z.decompress(bytes(blob), MAX_SNAPSHOT + 1)
        if len(raw) > MAX_SNAPSHOT:
            raise ValueError(f"snapshot inflates beyond {MAX_SNAPSHOT} bytes")
        d = json.loads(raw.decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ValueError(f"damaged snapshot: {exc}") from exc
    if not isinstance(d, dict) or d.get("format") != SNAPSHOT_FORMAT:
        raise ValueError(f"unknown snapshot format {d.get('format') if isinstance(d, dict) else type(d)!r}")
    try:
        report = report_from_json(d)
    except (KeyError, TypeError, IndexError, AttributeError, ValueError, RecursionError) as exc:
        raise ValueError(f"damaged snapshot: {exc!r}") from exc
    check_report(report)  # valid JSON of the wrong shape: BadShape (a ValueError)
    return report


# --------------------------------------------------------------------------- review state pieces


def correction_from_row(row: Sequence[Any]) -> Correction:
    """A Correction from (field, printed, new, note, time, user, printed_changed, printed_before) JSON columns."""
    fid, printed, new, note, time, user, changed, before = row
    old = json.loads(before) if before is not None else None
    return Correction(fid, json.loads(printed), json.loads(new), note or "", time or "", user or "", bool(changed), old)


def correction_to_row(c: Correction) -> tuple[Any, ...]:
    before = c.printed_before
    return (
        c.field,
        dumps(c.printed),
        dumps(c.new),
        c.note,
        c.time,
        c.user,
        int(c.printed_changed),
        None if before is None else dumps(before),
    )


def confirmation_from_row(row: Sequence[Any]) -> Confirmation:
    key, note, time, user = row
    return Confirmation(key, note or "", time or "", user or "")


# --------------------------------------------------------------------------- edits


EDIT_KINDS: dict[type, str] = {
    ValueEdit: "value",
    MetadataEdit: "metadata",
    SectionStartEdit: "section",
    RowRemapEdit: "row_remap",
    ConfirmEdit: "confirm",
    ReviewedEdit: "reviewed",
}
_EDIT_TYPES = {v: k for k, v in EDIT_KINDS.items()}


def edit_kind(edit: Edit) -> str:
    return EDIT_KINDS[type(edit)]


def edit_to_json(edit: Edit) -> dict[str, Any]:
    """An edit as a dict with its kind (the log's record; ``edit_from_json`` reads it back)."""
    return {"kind": edit_kind(edit), **json.loads(dumps(asdict(edit)))}


def edit_from_json(d: dict[str, Any]) -> Edit:
    d = dict(d)
    cls = _EDIT_TYPES[d.pop("kind")]
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in d.items() if k in names})
