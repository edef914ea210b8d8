"""PDF: the app's loader against pdfplumber alone, on real and generated PDFs, measured in one run.

Run from the repository root:  nice .venv/bin/python bench/bench_pdf.py [--folder DIR] [--rounds 3]

For every PDF (all of ../shared, the bundled sample, a few generated reports, and DIR's PDFs):
  app       = core.loading.pdf.load_pdf (pdfium page layer; text, tables, joins, page boxes)
  pdfplumber = pdfplumber alone: extract_text() and extract_tables() of every page
  ratio     = app / pdfplumber (target ≤ 0.5)
and whether the app's document equals the one pdfplumber's own reader gives (``same``).
Best of ``--rounds`` runs per file; the machine's load is printed with the numbers.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.loading import pdf as pdf_loader  # noqa: E402


def plumber_alone(path: str) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()


def app(path: str) -> None:
    pdf_loader.load_pdf(path)


def best(fn, path: str, rounds: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - t0)
    return min(times)


def same(path: str) -> bool:
    name = Path(path).name
    a = pdf_loader._assemble(path, pdf_loader._read_with_layer(path, name, None))
    b = pdf_loader._assemble(path, pdf_loader._read_with_pdfplumber(path, name, None))

    def shape(d):  # type: ignore[no-untyped-def]
        return (d.text, [[(c.text, c.row, c.col, c.rowspan, c.colspan) for c in g.cells] for g in d.grids])

    return shape(a) == shape(b)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folder", type=Path, help="more PDFs (searched recursively)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--generated", type=int, default=3, help="synthetic report PDFs to add")
    args = ap.parse_args()
    files = sorted((ROOT.parent / "shared").rglob("*.pdf")) + sorted((ROOT / "resources" / "samples").glob("*.pdf"))
    if args.folder:
        files += sorted(args.folder.rglob("*.pdf"))
    with tempfile.TemporaryDirectory(prefix="ogi-bench-pdf-") as tmp:
        if args.generated:
            from tests.synth import random_values, render

            for i in range(args.generated):
                out = render(random_values("2021", random.Random(i)), "2021", "pdf", seed=i)
                files.append(out.write(Path(tmp) / f"synth{i}"))
        app(str(files[0]))  # warm imports
        plumber_alone(str(files[0]))
        print(f"load {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1 and 5 min)")
        print(f"{'file':<44}{'pages':>6}{'app s':>9}{'plumber s':>11}{'ratio':>7}  same")
        total_app = total_pl = 0.0
        all_same = True
        for f in files:
            path = str(f)
            import pypdfium2 as pdfium

            doc = pdfium.PdfDocument(path)
            pages = len(doc)
            doc.close()
            t_app = best(app, path, args.rounds)
            t_pl = best(plumber_alone, path, args.rounds)
            ok = same(path)
            all_same &= ok
            total_app += t_app
            total_pl += t_pl
            print(f"{f.name[:42]:<44}{pages:>6}{t_app:>9.3f}{t_pl:>11.3f}{t_app / t_pl:>7.2f}  {ok}")
        print(f"{'all':<44}{'':>6}{total_app:>9.3f}{total_pl:>11.3f}{total_app / total_pl:>7.2f}  {all_same}")
        print(f"load {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1 and 5 min); target ratio ≤ 0.5")


if __name__ == "__main__":
    main()
