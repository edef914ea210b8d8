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


def paged_parse(path: str, memory: int | None) -> tuple[str, object]:
    """A worker parse that takes 5 × 0.4 s, telling the pool after each 'page' when the name asks."""
    import time as _time

    from core.loading import scan

    if "warm" in path:
        return "error", ("LoadError", "warm", "test.warm", "")
    for k in range(5):
        _time.sleep(0.4)
        if "pages" in path and scan._page_progress is not None:
            scan._page_progress(k + 1, 5)
    return "error", ("LoadError", f"done {Path(path).name}", "test.done", "")


@pytest.mark.parametrize("name, finished", [("pages.pdf", True), ("silent.pdf", False)])
def test_long_scan_time_limit_counts_per_page(tmp_path: Path, name: str, finished: bool) -> None:
    """2 s in all under a 1.2 s limit: a scan reporting its pages finishes, a silent parse is cut off."""
    from core.batch.worker import Limits, WorkerPool

    with WorkerPool(1, Limits(timeout=120, memory=None), parse=paged_parse) as pool:
        list(pool.parse_many([str(tmp_path / "warm.pdf")]))  # the worker has started (start-up is not timed here)
        pool.limits = Limits(timeout=1.2, memory=None)
        [(_, result)] = list(pool.parse_many([str(tmp_path / name)]))
    assert (result.code == "test.done") is finished
    if not finished:
        assert result.code == "limit.timeout"


def test_thirty_page_scan_is_cancellable(tmp_path: Path, report: object) -> None:
    """A 30-page scan: pages are read one at a time, progress per page, cancel stops after the page."""
    import time

    from core.errors import Cancelled
    from core.loading.scan import load_scan

    pages = scan_pages(report.content, ScanStyle(dpi=150, noise=0.002, seed=9)) * 10
    path = tmp_path / "三十页.pdf"
    path.write_bytes(scanned_pdf(pages, 150))
    seen: list[tuple[int, int]] = []
    t0 = time.perf_counter()
    with pytest.raises(Cancelled):
        load_scan(str(path), "pdf", cancelled=lambda: len(seen) >= 2, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 30), (2, 30)]
    assert time.perf_counter() - t0 < 120  # two pages of thirty, not the whole scan


def test_garbage_text_layer_is_read_by_ocr(tmp_path: Path, report: object) -> None:
    """A scan with a broken text layer (GBK bytes shown as Latin letters) is OCR'd, not read as nonsense."""
    import io

    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    page = scan_pages(report.content, ScanStyle(dpi=150, angle=0.3, noise=0.002, seed=5), pages=[2])[0]
    junk = "".join(chr(b) for b in "收到和处理政府信息公开申请情况".encode("gbk"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595.28, 841.89))
    c.drawImage(ImageReader(Image.fromarray(page)), 0, 0, 595.28, 841.89)
    text = c.beginText(60, 780)
    text.setTextRenderMode(3)  # invisible, as an OCR layer is
    for _ in range(20):
        text.textLine(junk)
    c.drawText(text)
    c.save()
    path = tmp_path / "乱码文字层.pdf"
    path.write_bytes(buf.getvalue())
    doc = load_file(str(path))
    assert any(code == "ocr.garbled_text_layer" for code, _ in doc.notes)
    assert "收到和处理政府信息公开申请情况" in doc.text and "Õ" not in doc.text


def test_garbled_text_layer_detection() -> None:
    from core.loading.scan import garbled_text_layer

    assert garbled_text_layer("".join(chr(b) for b in "政府信息公开工作年度报告".encode("gbk")) * 3)
    assert garbled_text_layer("\ue001\ue002\ue003\ue004 " * 10)
    assert not garbled_text_layer("示例市生态环境局2022年政府信息公开工作年度报告 Café 2022")
    assert not garbled_text_layer("Annual report 2022 of the example bureau, page 1 of 3 — contents")


def test_blank_and_upside_down_pages(tmp_path: Path, report: object) -> None:
    """A blank page is noted; a page scanned upside down is turned and read."""
    import numpy as np

    first = scan_pages(report.content, ScanStyle(dpi=150, noise=0.002, seed=6), pages=[1])[0]
    flipped = scan_pages(report.content, ScanStyle(dpi=150, angle=0.5, noise=0.002, upside_down=True, seed=6), [2])[0]
    blank = np.full_like(first, 240)
    path = tmp_path / "倒置.pdf"
    path.write_bytes(scanned_pdf([first, blank, flipped], 150))
    doc = load_file(str(path))
    notes = dict(doc.notes)
    assert "第 2 页" in notes["ocr.blank_pages"] and "第 3 页" in notes["ocr.rotated"]
    assert "收到和处理政府信息公开申请情况" in doc.text
    table = next(g for g in doc.grids if 3 in g.pages)
    # boxes are on the page as scanned (upside down): the table's top-left cell lies low on the page
    assert max(c.bbox[1] for c in table.cells if c.bbox) > 421


def test_prose_figures_read_by_ocr_carry_page_box_and_confidence(tmp_path: Path, report: object) -> None:
    """A scanned work summary with figures only in prose: each has the page, box and confidence of
    the recognised text it was read from, and these survive a project snapshot."""
    from core.parsing import parse_report
    from core.review.serialize import pack_report, unpack_report
    from core.validation.ocr import text_confidence
    from tests.synth.office import render_pdf

    blocks = [b for b in report.blocks if b[0] in ("title", "h", "h2", "p")]
    blocks.insert(3, ("p", "本年度共收到政府信息公开申请48件，其中予以公开20件，部分公开6件。"))
    pages = scan_pages(render_pdf(blocks), ScanStyle(dpi=150, angle=-0.5, noise=0.003, blur=0.5, paper=235, seed=8))
    path = tmp_path / "工作总结扫描件.pdf"
    path.write_bytes(scanned_pdf(pages, 150))
    r = parse_report(str(path))
    got = {f: v for f, v in r.values.items() if v.origin == "prose"}
    assert {f: v.value for f, v in got.items()} == {
        "apply.new.total": 48,
        "apply.granted.total": 20,
        "apply.partial.total": 6,
    }
    for v in got.values():
        assert v.page == 1 and v.bbox is not None
        x0, top, x1, bottom = v.bbox
        assert 0 <= x0 < x1 <= 595.3 and 0 < top < bottom < 300  # the sentence near the top of page 1
        assert 0.5 < text_confidence(r.document, v) <= 1
    back = unpack_report(pack_report(r))
    assert back.document.ocr_spans == r.document.ocr_spans
