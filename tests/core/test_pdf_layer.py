"""The pdfium page layer reads every PDF exactly as pdfplumber's own reader does.

Each PDF is loaded twice — through ``core.loading.pdf_layer`` (the loader's default) and through
pdfplumber alone — and the documents (text, tables cell by cell, page boxes) and the parsed values
must be identical: on every PDF in ../shared, the bundled sample and PDFs written here.
"""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest

from core.loading import pdf as pdf_loader
from core.loading import pdf_layer
from core.model import SourceDocument
from tests.conftest import ROOT, SHARED
from tests.core.loader_fixtures import make_pdf, make_table_pdf

SHARED_PDFS = sorted(SHARED.rglob("*.pdf")) if SHARED.is_dir() else []
SAMPLE_PDFS = sorted((ROOT / "resources" / "samples").glob("*.pdf"))


def _via_pdfplumber(path: Path) -> SourceDocument:
    return pdf_loader._assemble(str(path), pdf_loader._read_with_pdfplumber(str(path), path.name, None))


def _via_layer(path: Path) -> SourceDocument:
    return pdf_loader._assemble(str(path), pdf_loader._read_with_layer(str(path), path.name, None))


def _shape(doc: SourceDocument) -> dict[str, object]:
    return {
        "text": doc.text,
        "original": doc.original,
        "boilerplate": doc.boilerplate,
        "notes": doc.notes,
        "grids": [
            (
                g.n_rows,
                g.n_cols,
                g.pages,
                g.span,
                [(c.text, c.row, c.col, c.rowspan, c.colspan, c.span, c.page, _rounded(c.bbox)) for c in g.cells],
            )
            for g in doc.grids
        ],
        "pages": [(p.number, round(p.width, 2), round(p.height, 2), p.span) for p in doc.pages],
    }


def _rounded(box: tuple[float, ...] | None) -> tuple[float, ...] | None:
    return None if box is None else tuple(round(v, 2) for v in box)


def _assert_same(path: Path) -> None:
    from core.parsing import parse_report

    plumber, layer = _via_pdfplumber(path), _via_layer(path)
    assert _shape(layer) == _shape(plumber)
    assert layer.text  # a real document, not two empty ones
    a = parse_report(str(path))  # the loader's default: the layer
    original = pdf_loader._read_with_layer
    try:  # the parser on pdfplumber's reading: the same values and findings
        pdf_loader._read_with_layer = pdf_loader._read_with_pdfplumber  # type: ignore[assignment]
        b = parse_report(str(path))
    finally:
        pdf_loader._read_with_layer = original  # type: ignore[assignment]
    assert {k: (v.value, v.raw, v.row, v.col) for k, v in a.values.items()} == {
        k: (v.value, v.raw, v.row, v.col) for k, v in b.values.items()
    }
    assert [f.rule for f in a.findings] == [f.rule for f in b.findings]


@pytest.mark.parametrize("path", SHARED_PDFS + SAMPLE_PDFS, ids=lambda p: p.name)
def test_real_pdfs_read_the_same(path: Path) -> None:
    _assert_same(path)


def test_shared_has_pdfs() -> None:
    assert SHARED_PDFS, f"no PDF under {SHARED}"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_pdfs_read_the_same(tmp_path: Path, seed: int) -> None:
    _assert_same(make_pdf(tmp_path / f"g{seed}.pdf", seed=seed, pages=3))


def test_synthetic_report_pdf_reads_the_same(tmp_path: Path) -> None:
    from tests.synth import random_values, render

    out = render(random_values("2021", random.Random(4)), "2021", "pdf", seed=4)
    _assert_same(out.write(tmp_path / "synth"))


def test_table_cut_by_page_break_reads_the_same(tmp_path: Path) -> None:
    widths = [120, 120, 80, 80]
    part_a = [
        ("三、本年度办理结果", 0, 0, 1, 3),
        ("（四）无", 0, 1, 2, 1),
        ("1.本机关不掌握", 0, 2, 3, 1),
        ("3", 0, 3, 4, 1),
    ]
    part_b = [("", 0, 0, 1, 2), ("法提供", 0, 1, 2, 1), ("2.没有现成信息", 0, 2, 3, 1), ("1", 0, 3, 4, 1)]
    _assert_same(make_table_pdf(tmp_path / "cut.pdf", part_a, part_b, widths))


def test_page_pdfium_cannot_read_falls_back_to_pdfplumber(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_pdf(tmp_path / "f.pdf", seed=2, pages=3)
    expected = _shape(_via_pdfplumber(path))
    real = pdf_layer.read_page

    def flaky(page, number, doctop=0.0):  # type: ignore[no-untyped-def]
        if number == 2:
            raise pdf_layer.Unsupported("test")
        return real(page, number, doctop)

    monkeypatch.setattr(pdf_layer, "read_page", flaky)
    with pdf_layer.open_layer(str(path)) as doc:
        kinds = [type(p).__name__ for p in doc.pages]
        assert doc.fallback_pages == [2]
    assert kinds == ["LayerPage", "Page", "LayerPage"]
    assert _shape(_via_layer(path)) == expected


def test_outside_the_main_thread_pdfplumber_reads(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "t.pdf", seed=1, pages=2)
    got: list[object] = []

    def run() -> None:
        try:
            pdf_layer.open_layer(str(path))
        except pdf_layer.Unsupported as exc:
            got.append(exc)
        got.append(pdf_loader.load_pdf(str(path)))

    t = threading.Thread(target=run)
    t.start()
    t.join()
    assert isinstance(got[0], pdf_layer.Unsupported)
    assert isinstance(got[1], SourceDocument) and _shape(got[1]) == _shape(_via_layer(path))


def test_layer_pages_have_pdfplumber_shapes(tmp_path: Path) -> None:
    import pdfplumber

    path = make_pdf(tmp_path / "s.pdf", seed=1, pages=3)
    with pdfplumber.open(str(path)) as pl, pdf_layer.open_layer(str(path)) as doc:
        for a, b in zip(pl.pages, doc.pages, strict=True):
            assert [c["text"] for c in b.chars] == [c["text"] for c in a.chars]
            for ca, cb in zip(a.chars, b.chars, strict=True):
                for key in ("x0", "x1", "top", "bottom", "doctop"):
                    assert cb[key] == pytest.approx(ca[key], abs=0.01), (ca["text"], key)
                assert cb["upright"] == ca["upright"] and cb["size"] == pytest.approx(ca["size"], abs=0.01)
            assert len(b.edges) == len(a.edges)
            for ea, eb in zip(
                sorted(a.edges, key=lambda e: (e["orientation"], e["x0"], e["top"])),
                sorted(b.edges, key=lambda e: (e["orientation"], e["x0"], e["top"])),
                strict=True,
            ):
                assert ea["orientation"] == eb["orientation"]
                for key in ("x0", "x1", "top", "bottom"):
                    assert eb[key] == pytest.approx(ea[key], abs=0.01)
            assert (b.width, b.height) == pytest.approx((a.width, a.height), abs=0.01)


def test_table_extraction_equals_pdfplumbers(tmp_path: Path) -> None:
    import pdfplumber

    from core.loading.pdf_tables import extract_table

    files = [*SHARED_PDFS, *SAMPLE_PDFS, make_pdf(tmp_path / "x.pdf", seed=2, pages=3)]
    n = 0
    for f in files:
        with pdfplumber.open(str(f)) as pdf:
            for page in pdf.pages:
                for t in page.find_tables():
                    assert extract_table(t) == t.extract(), f.name
                    n += 1
    assert n >= 5
