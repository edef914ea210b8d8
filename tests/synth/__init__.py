"""Synthetic annual reports: render a report with known values in every form the parser meets.

Usage (tests and other engineers)::

    import random
    from tests.synth import FORMS, Noise, random_values, render, simulate

    values = random_values("2021", random.Random(7))        # identities hold (report-format.md §6)
    out = render(values, "2021", "html", agency="示例市生态环境局", year=2022, noise=Noise.messy(), seed=7)
    out.content      # str for text forms, bytes for html/docx/pdf
    out.suffix       # ".txt" / ".md" / ".html" / ".docx" / ".pdf"
    out.expected     # field ID → number as printed (every field of 表二/三/四)
    out.raw          # field ID → the printed token ("0", "/", "—", "１２", "+461", "251000元" …)
    out.write(tmp_path / "r")   # writes r + suffix, returns the path
    doc = simulate(out)          # html/docx/pdf: the SourceDocument a loader is expected to
                                 # produce (grid rows as tab lines, cell spans) — tests table
                                 # mapping without the real loaders

Forms (``FORMS``): ``txt_tabs`` (tab-flattened grid rows, merged text once in its top-left slot),
``txt_pipes`` (the same with ``|``), ``txt_cells_per_line`` (every non-empty cell on its own
line), ``txt_bare_appeal_run`` (tabs, but 表四 reduced to a bare run of 15 numbers), ``md``
(headings and pipe tables), ``html`` (CMS boilerplate, rowspan/colspan, ``<p>``/``<span>`` in
cells, ``&nbsp;`` for blanks, optionally GBK), ``docx`` (python-docx, merged cells), ``pdf``
(reportlab, CID font STSong-Light, 表三 broken across two pages).

``Noise`` (see ``tests.synth.layout.Noise``): empty tokens for zeros (/ - — —— 无 blank),
label variants/typos/truncations/spaces, full-width digits, thousands separators, units in cells,
digits split over two ``<span>``s. Every report has a title, a preamble and the six sections
with short made-up prose around the tables.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from core.model import SourceDocument
from tests.synth.forms import TEXT_FORMS, render_html, render_text, simulate_document
from tests.synth.layout import Block, Noise, Printer, report_blocks
from tests.synth.values import check_identities, random_values

FORMS = (*TEXT_FORMS, "html", "docx", "pdf")
_SUFFIX = {"md": ".md", "html": ".html", "docx": ".docx", "pdf": ".pdf"}

__all__ = ["FORMS", "Noise", "Rendered", "check_identities", "random_values", "render", "simulate"]


@dataclass
class Rendered:
    """A rendered synthetic report and the truth behind it."""

    form: str
    template: str
    content: str | bytes
    expected: dict[str, int | float]
    raw: dict[str, str]
    blocks: list[Block] = field(repr=False, default_factory=list)

    @property
    def suffix(self) -> str:
        return _SUFFIX.get(self.form, ".txt")

    def write(self, stem: Path) -> Path:
        """Write the content to ``stem`` + suffix; returns the path."""
        path = Path(str(stem) + self.suffix)
        if isinstance(self.content, bytes):
            path.write_bytes(self.content)
        else:
            path.write_text(self.content, encoding="utf-8")
        return path


def render(
    values: dict[str, int | float],
    template: str,
    form: str,
    *,
    agency: str = "示例市生态环境局",
    year: int = 2022,
    noise: Noise | None = None,
    seed: int = 0,
    encoding: str = "utf-8",
) -> Rendered:
    """Render a whole report with these table values in one form (see the module docstring)."""
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}; one of {FORMS}")
    noise = noise or Noise()
    rng = random.Random(seed)
    pr = Printer(noise, rng, cell_per_line=form in ("txt_cells_per_line", "txt_bare_appeal_run", "txt_pipes"))
    blocks = report_blocks(values, template, pr, agency, year)
    content: str | bytes
    if form in TEXT_FORMS:
        content = render_text(blocks, form)
    elif form == "html":
        content = render_html(blocks, encoding=encoding, split_digits=noise.split_digits, seed=seed, agency=agency)
    elif form == "docx":
        from tests.synth.office import render_docx

        content = render_docx(blocks)
    else:
        from tests.synth.office import render_pdf

        content = render_pdf(blocks)
    return Rendered(form, template, content, dict(values), dict(pr.raw), blocks)


def simulate(rendered: Rendered, path: str = "synthetic") -> SourceDocument:
    """The SourceDocument a loader should make of a rendered report (text forms: the text as is)."""
    if isinstance(rendered.content, str):
        text = rendered.content
        return SourceDocument(path, rendered.form, text, text, list(range(len(text))))
    return simulate_document(rendered.blocks, rendered.form, path)
