"""Write the self-test's scanned sample (resources/selftest/): one page of our own sample PDF, scanned.

Run from the repository root:  .venv/bin/python -m tests.synth.make_scan_sample
The page of the bundled sample PDF (示例市交通运输局, made by tests.synth.make_samples) that holds
表四 is rendered at 150 dpi, turned 0.6°, greyed, speckled and slightly blurred, and saved as a
JPEG; the 15 numbers of 表四 go beside it (JSON), for ``--self-test`` to compare with what OCR reads.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.synth import render
from tests.synth.make_samples import SAMPLES, _write_atomic, make_values
from tests.synth.scan import ScanStyle, scan_pages

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "resources" / "selftest"
IMAGE = "扫描示例（表四）.jpg"
EXPECTED = "扫描示例（表四）.json"


def main(out: Path = OUT) -> list[Path]:
    import cv2
    import pypdfium2 as pdfium

    _stem, agency, year, template, form, seed, noise, encoding = next(s for s in SAMPLES if s[4] == "pdf")
    values = make_values(template, seed, False)
    r = render(values, template, form, agency=agency, year=year, noise=noise, seed=seed, encoding=encoding)
    pdf = pdfium.PdfDocument(r.content)
    page_no = next(i + 1 for i in range(len(pdf)) if "行政复议" in pdf[i].get_textpage().get_text_range())
    pdf.close()
    page = scan_pages(r.content, ScanStyle(dpi=150, angle=0.6, noise=0.003, blur=0.5, paper=235, seed=7), [page_no])[0]
    ok, data = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, 80])
    assert ok
    out.mkdir(parents=True, exist_ok=True)
    image = out / IMAGE
    _write_atomic(image, data.tobytes())
    appeal = {f: v for f, v in values.items() if f.startswith(("review.", "suit_direct.", "suit_after_review."))}
    expected = out / EXPECTED
    _write_atomic(expected, (json.dumps(appeal, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode())
    return [image, expected]


if __name__ == "__main__":
    for p in main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p, p.stat().st_size)
