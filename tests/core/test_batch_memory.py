"""core.batch.memory: a compacted report reads exactly as before (values, source ranges, snapshot),
its offsets take a few runs, and reports share the strings they repeat."""

from __future__ import annotations

import pickle
import random
from array import array
from pathlib import Path

import pytest

from core.batch.memory import compact
from core.model import OffsetRuns, Span
from core.parsing import parse_report
from core.review import serialize as ser
from tests.core.loader_fixtures import make_html, make_md, make_pdf


def test_offset_runs_read_like_the_array_they_replace() -> None:
    rng = random.Random(5)
    for _ in range(200):
        offsets, pos = array("i"), 0
        for _ in range(rng.randint(0, 40)):  # runs, jumps, repeats (an inserted character maps back)
            step = rng.choice((1, 1, 1, 0, 3, 17))
            pos += step
            offsets.extend(range(pos, pos + rng.randint(1, 9)) if step else [pos])
            pos = offsets[-1] if offsets else pos
        runs = OffsetRuns(offsets)
        assert len(runs) == len(offsets) and list(runs) == list(offsets) and runs == offsets
        assert all(runs[i] == offsets[i] for i in range(-len(offsets), len(offsets)))
        assert pickle.loads(pickle.dumps(runs)) == runs
        assert OffsetRuns.from_runs(runs.runs()) == offsets  # a project snapshot's runs, read back
        with pytest.raises(IndexError):
            runs[len(offsets)]
    assert OffsetRuns(range(100_000)).runs() == [[0, 100_000]]
    for bad in ([[0, 0]], [[0, -3]], [["0", 2]], [[0, 1.5]], [[1, 2, 3]]):
        with pytest.raises((ValueError, TypeError)):
            OffsetRuns.from_runs(bad)


@pytest.mark.parametrize("make", [make_html, make_md, make_pdf], ids=["html", "md", "pdf"])
def test_a_compacted_report_reads_as_before(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    suffix = {"make_html": ".html", "make_md": ".md", "make_pdf": ".pdf"}[make.__name__]
    path = str(make(tmp_path / f"r{suffix}", 3))
    before = parse_report(path)
    packed = ser.pack_report(before)
    after = pickle.loads(pickle.dumps(before))  # as the window receives it from a worker
    compact(after)
    assert isinstance(after.document.offsets, OffsetRuns)
    assert len(after.document.offsets.runs()) < len(before.document.text) / 4  # a few runs, not one per character
    assert after == before  # values, spans, boxes, grids, text, offsets
    doc_b, doc_a = before.document, after.document
    n = len(doc_b.text)
    for start in range(0, n, max(1, n // 97)):
        for length in (1, 5, 40):
            span = Span(start, min(n, start + length))
            assert doc_a.to_original(span) == doc_b.to_original(span)  # source highlight in the original view
    assert ser.unpack_report(ser.pack_report(after)) == ser.unpack_report(packed)  # saved alike in a project


def test_reports_share_the_strings_they_repeat(tmp_path: Path) -> None:
    paths = [str(make_html(tmp_path / f"r{i}.html", i)) for i in range(2)]
    a, b = (compact(pickle.loads(pickle.dumps(parse_report(p)))) for p in paths)
    shared = set(a.values) & set(b.values)
    assert shared
    for fid in shared:
        key_a = next(k for k in a.values if k == fid)
        key_b = next(k for k in b.values if k == fid)
        assert key_a is key_b and a.values[fid].field is b.values[fid].field
    labels_a = {c.text: c.text for g in a.document.grids for c in g.cells if c.text}
    common = [c.text for g in b.document.grids for c in g.cells if c.text in labels_a and len(c.text) > 1]
    assert common and all(labels_a[t] is t for t in common)


def test_parked_grids_read_as_the_grids_they_keep(tmp_path: Path) -> None:
    import copy
    import threading

    from core.batch.memory import ParkedGrids, park

    report = compact(parse_report(str(make_pdf(tmp_path / "p.pdf", 2))))
    doc = report.document
    grids = list(doc.grids)
    assert grids
    packed = ser.pack_report(report)
    park(doc)
    parked = doc.grids
    assert isinstance(parked, ParkedGrids) and parked.is_parked()
    assert len(parked) == len(grids) and bool(parked) and parked.is_parked()  # counted without unpacking
    assert parked == grids and not parked.is_parked()  # unpacked on first read, into the same list
    assert [g.cells for g in parked] == [g.cells for g in grids]
    for read in (list, copy.deepcopy, lambda g: pickle.loads(pickle.dumps(g)), lambda g: g[-1:]):
        park(doc)
        assert list(read(doc.grids)) == grids
    park(doc)
    assert ser.pack_report(report) == packed  # a project saves a parked report alike
    park(doc)
    assert report == compact(parse_report(str(tmp_path / "p.pdf")))  # grids and texts read back exactly
    park(doc)
    seen: list[int] = []

    def reader() -> None:
        seen.append(sum(len(g.cells) for g in doc.grids))

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [sum(len(g.cells) for g in grids)] * 8  # no reader saw a half-unpacked list
    empty = compact(parse_report(str(make_md(tmp_path / "m.md", 1))))
    empty.document.grids = []
    park(empty.document)
    assert empty.document.grids == []


def test_compacted_reports_share_numbers_and_a_pdf_report_its_coordinates(tmp_path: Path) -> None:
    paths = [str(make_pdf(tmp_path / f"p{i}.pdf", i + 2)) for i in range(2)]
    before = [parse_report(p) for p in paths]
    a, b = (compact(pickle.loads(pickle.dumps(r))) for r in before)  # as the window receives them
    assert [a, b] == before  # nothing changed but which objects hold the numbers
    ends = {}
    for r in (a, b):
        for v in r.values.values():
            assert v.span is not None
            for x in (v.span.start, v.span.end):
                assert ends.setdefault(x, x) is x  # one object per number, across reports
    coords: dict[float, float] = {}
    boxes = [v.bbox for v in a.values.values() if v.bbox] + [c.bbox for g in a.document.grids for c in g.cells if c.bbox]
    assert boxes
    for box in boxes:
        for x in box:
            assert coords.setdefault(x, x) is x or x == 0
    assert len({id(x) for box in boxes for x in box}) < len(boxes)  # far fewer coordinates than boxes


@pytest.mark.parametrize("make", [make_html, make_md], ids=["html", "md"])
def test_parked_texts_read_back_exactly(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    import threading

    from core.batch.memory import park
    from core.model import PackedText, SourceDocument

    path = str(make(tmp_path / ("r.html" if make is make_html else "r.md"), 4))
    report = compact(parse_report(path))
    doc = report.document
    same = doc.original is doc.text
    text, original = str(doc.text), str(doc.original)
    held = SourceDocument.__dict__["text"].slot  # the field itself, not unpacked
    park(doc)
    assert type(held.__get__(doc)) is PackedText
    assert doc.text == text and doc.original == original  # either read unpacks both
    assert type(held.__get__(doc)) is str and (doc.original is doc.text) == same  # one text stays one
    park(doc)
    assert pickle.loads(pickle.dumps(report)) == report and report.document.text == text
    park(doc)
    seen: list[str] = []
    threads = [threading.Thread(target=lambda: seen.append(doc.original)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [original] * 8
    odd = SourceDocument("x.txt", "txt", "甲\ud800乙" * 300, "甲乙" * 300)  # a lone surrogate survives too
    park(odd)
    assert odd.original == "甲\ud800乙" * 300 and odd.text == "甲乙" * 300
