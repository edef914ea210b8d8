"""Scanned reports read by OCR: synthetic scans of our own synthetic reports (tests/synth/scan.py)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from core.errors import LoadError
from core.loading.dispatch import load_file
from tests.synth import random_values, render
from tests.synth.scan import ScanStyle, scan_pages, scanned_pdf, write_image

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report() -> object:
    values = random_values("2021", random.Random(11))
    return render(values, "2021", "pdf", seed=11)


@pytest.fixture(scope="module")
def scanned(report: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 150 dpi scan, turned 0.7°, grey paper, speckled and slightly blurred."""
    pages = scan_pages(report.content, ScanStyle(dpi=150, angle=0.7, noise=0.005, blur=0.6, paper=230, seed=2))
    path = tmp_path_factory.mktemp("scan") / "扫描件.pdf"
    path.write_bytes(scanned_pdf(pages, 150))
    return path


def test_models_ship_in_the_wheel() -> None:
    from core.loading.ocr_engine import model_files

    files = model_files()
    assert {"det", "rec"} <= set(files)
    for f in files.values():
        assert Path(f).stat().st_size > 100_000 and "rapidocr" in Path(f).parts


def test_scanned_pdf_values_read_by_ocr(report: object, scanned: Path) -> None:
    from core.parsing import parse_report

    r = parse_report(str(scanned))
    doc = r.document
    assert doc.form == "pdf" and [p.number for p in doc.pages] == [1, 2, 3]
    assert any(code == "ocr.used" for code, _ in doc.notes)
    expected = report.expected
    right = [fid for fid, v in expected.items() if fid in r.values and r.values[fid].value == v]
    assert len(right) >= 0.9 * len(expected), sorted(set(expected) - set(right))
    # every value read from a grid cell has the cell's page box and an OCR confidence
    cells = [c for g in doc.grids for c in g.cells if c.text]
    assert cells and all(c.confidence is not None and 0 <= c.confidence <= 1 for c in cells)
    v = next(r.values[f] for f in right if r.values[f].bbox is not None)
    assert v.page in (1, 2, 3)
    x0, top, x1, bottom = v.bbox
    assert 0 <= x0 < x1 <= 595.3 and 0 <= top < bottom <= 842


def test_scanned_pdf_never_replaces_text_layer(tmp_path: Path, report: object) -> None:
    """A PDF with a text layer is read from the text layer: no OCR note, no confidences."""
    path = tmp_path / "text.pdf"
    path.write_bytes(report.content)
    doc = load_file(str(path))
    assert not any(code.startswith("ocr.") for code, _ in doc.notes)
    assert all(c.confidence is None for g in doc.grids for c in g.cells)


def test_image_file(tmp_path: Path, report: object) -> None:
    """One page photographed/scanned to a PNG: read as form "image", A4 page boxes."""
    page = scan_pages(report.content, ScanStyle(dpi=200, angle=-0.6, noise=0.003, seed=4), pages=[2])[0]
    path = write_image(tmp_path / "第2页.png", page)
    doc = load_file(str(path))
    assert doc.form == "image" and len(doc.pages) == 1
    assert "收到和处理政府信息公开申请情况" in doc.text
    assert doc.grids and all(c.confidence is not None for c in doc.grids[0].cells if c.text)


def test_blank_scan_is_a_clear_error(tmp_path: Path) -> None:
    import numpy as np

    path = write_image(tmp_path / "空白.png", np.full((1754, 1240), 250, dtype=np.uint8))
    with pytest.raises(LoadError) as err:
        load_file(str(path))
    assert err.value.code == "scan.no_text" and "空白.png" in err.value.message


def test_corrupt_image_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "坏图.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 50)
    with pytest.raises(LoadError) as err:
        load_file(str(path))
    assert "坏图.jpg" in err.value.message


def test_self_test_reads_the_bundled_scan() -> None:
    import io

    from core.selftest import _ocr_self_test

    out = io.StringIO()
    assert _ocr_self_test(out) == []
    assert "（文字识别）：表四 15/15 项正确" in out.getvalue() or "（文字识别）：表四 14/15" in out.getvalue()
