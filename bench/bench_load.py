"""Benchmark the loaders: reports a second per form, seconds a PDF page, peak memory.

Run from the repository root on one core:  .venv/bin/python bench/bench_load.py [--n 200] [--pdfs 20] [--realistic 60]
Targets: txt/md/html ≥ 200 reports/s, docx ≥ 80/s, PDF ≤ 0.15 s a page.

The first table loads small generated files (wall time). The second reads realistic reports
(bench/realistic.py: real-sized prose and the three tables; HTML as saved web pages with their
scripts, styles and navigation, in UTF-8 and in GBK) and gives CPU time per report (best of 3), for
the loader alone (text, tables as grids: what reading a report costs) and for ``parse_report``
(load + metadata, sections, tables, template, prose figures).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import best_cpu
from core.loading.dispatch import load_file
from tests.core.loader_fixtures import make_docx, make_html, make_md, make_pdf, make_txt

MAKERS = {"txt": make_txt, "md": make_md, "html": make_html, "docx": make_docx}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=200, help="reports per text form")
    ap.add_argument("--pdfs", type=int, default=20, help="PDFs of about 6 pages")
    ap.add_argument("--scale", type=int, default=12, help="prose repetition (12 ≈ 7,000 characters a report)")
    ap.add_argument("--realistic", type=int, default=60, help="realistic reports per form (0: skip)")
    ap.add_argument("--only-realistic", action="store_true", help="skip the small generated files and PDFs")
    args = ap.parse_args()
    print(f"load: {_load()}")
    if args.realistic:
        realistic(args.realistic)
    if args.only_realistic:
        return
    with tempfile.TemporaryDirectory(prefix="ogi-bench-") as tmp:
        root = Path(tmp)
        print(f"{'form':<6}{'files':>7}{'chars/file':>12}{'reports/s':>12}{'ms/report':>11}{'peak MB (1 file)':>18}")
        for form, make in MAKERS.items():
            files = [make(root / f"r{i}.{form}", i, scale=args.scale) for i in range(args.n)]
            load_file(str(files[0]))  # warm imports
            t0 = time.perf_counter()
            chars = 0
            for f in files:
                chars += len(load_file(str(f)).text)
            dt = time.perf_counter() - t0
            print(
                f"{form:<6}{len(files):>7}{chars // len(files):>12}{len(files) / dt:>12.1f}"
                f"{1000 * dt / len(files):>11.2f}"
                f"{_peak(files[0]):>18.1f}"
            )
        pdfs = [make_pdf(root / f"p{i}.pdf", i, pages=6) for i in range(args.pdfs)]
        load_file(str(pdfs[0]))
        t0 = time.perf_counter()
        pages = 0
        grids = 0
        for f in pdfs:
            doc = load_file(str(f))
            pages += len(doc.pages)
            grids += len(doc.grids)
        dt = time.perf_counter() - t0
        print(
            f"pdf   {len(pdfs):>7} files, {pages} pages, {grids} grids: {dt / pages:.3f} s/page, "
            f"{len(pdfs) / dt:.1f} reports/s, peak MB (1 file) {_peak(pdfs[0]):.1f}"
        )
        real = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "huaian_city_2024.pdf"
        if real.exists():
            t0 = time.perf_counter()
            doc = load_file(str(real))
            dt = time.perf_counter() - t0
            print(f"huaian_city_2024.pdf: {len(doc.pages)} pages in {dt:.3f} s = {dt / len(doc.pages):.3f} s/page")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"max RSS of the whole run: {rss:.0f} MB")


def realistic(n: int) -> None:
    """CPU time per realistic report: loader alone and parse_report."""
    from bench.realistic import render, saved_page
    from core.parsing import parse_report

    makers = {
        "html (saved page, UTF-8)": (".html", lambda i: saved_page(i)),
        "html (saved page, GBK)": (".html", lambda i: saved_page(i, "gbk")),
        "docx": (".docx", lambda i: render(i, "docx")),
        "docx (own styles.xml)": (".docx", lambda i: _own_styles(render(i, "docx"), i)),
    }
    print(f"{'realistic reports':<26}{'files':>6}{'KB/file':>9}{'load/s':>9}{'ms':>7}{'parse_report/s':>16}{'ms':>7}")
    with tempfile.TemporaryDirectory(prefix="ogi-bench-real-") as tmp:
        for label, (suffix, make) in makers.items():
            files = []
            for i in range(n):
                p = Path(tmp) / f"r{len(files)}_{i}{suffix}"
                p.write_bytes(make(1000 + i))
                files.append(str(p))
            load_file(files[0])  # warm imports
            parse_report(files[0])
            kb = sum(Path(f).stat().st_size for f in files) / len(files) / 1024
            load_s = best_cpu(lambda files=files: [_fresh(), *(load_file(f) for f in files)])
            parse_s = best_cpu(lambda files=files: [_fresh(), *(parse_report(f) for f in files)])
            print(
                f"{label:<26}{n:>6}{kb:>9.0f}{n / load_s:>9.1f}{1000 * load_s / n:>7.2f}"
                f"{n / parse_s:>16.1f}{1000 * parse_s / n:>7.2f}"
            )


def _fresh() -> None:
    """Forget the .docx definitions kept from the previous run (each run reads the batch anew)."""
    from core.loading import docx_numbering

    docx_numbering._CACHE.clear()


def _own_styles(docx: bytes, i: int) -> bytes:
    """The same .docx with a styles.xml of its own (a comment added): the loader shares parsed
    numbering/style definitions between documents with identical parts, as reports made from one
    template have; reports from different sources have their own."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/styles.xml":
                data += f"<!-- {i} -->".encode()
            dst.writestr(info, data)
    return out.getvalue()


def _load() -> str:
    import os

    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1/5/15 min, {os.cpu_count()} cores)"


def _peak(path: Path) -> float:
    tracemalloc.start()
    load_file(str(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024 / 1024


if __name__ == "__main__":
    main()
