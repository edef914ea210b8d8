"""Messy text forms real reports arrive in (issue #13), rendered from synthetic report blocks.

``MESSY_FORMS``:

- ``flat``: each table flattened onto one long line, cells separated by `` | `` (pages saved as
  text by some browsers and CMS exports); the line follows the section heading.
- ``glued``: cells run together with no separator (text written by crawlers that strip tags);
  each table is one line, a row's last digits run into the next label's numeral. A blank cell
  printed as a space keeps its space (``blank_space``).
- ``glued_rows``: the same, one grid row per line.
- ``md_stray``: Markdown pipe tables from a PDF conversion with stray empty cells (``|  |``) at
  the end or in the middle of some rows, so values sit one column off.

Usage::

    out = render_messy(values, "2021", "glued", seed=3)
    out.content, out.expected       # text, field ID → number
"""

from __future__ import annotations

import random

from tests.synth import Noise, Rendered
from tests.synth.forms import render_text
from tests.synth.layout import Block, GTable, Printer, report_blocks

MESSY_FORMS = ("flat", "glued", "glued_rows", "md_stray")


def _cells(t: GTable) -> list[list[str]]:
    """The table's real cells row by row (slots covered by a merge left out)."""
    return [[c.text for c in row if c is not None] for row in t.matrix()]


def _glue(cells: list[str], rng: random.Random, blank_space: float) -> str:
    out = []
    for s in cells:
        if not s and rng.random() < blank_space:
            s = " "
        out.append(s)
    return "".join(out)


def render_messy_text(blocks: list[Block], form: str, seed: int = 0, *, blank_space: float = 0.3) -> str:
    """The report's text with its tables in one of ``MESSY_FORMS``."""
    rng = random.Random(seed)
    if form == "md_stray":
        text = render_text(blocks, "md")
        return _stray_cells(text, rng)
    lines: list[str] = []
    for kind, obj in blocks:
        if kind != "table":
            lines.extend([str(obj), ""])
            continue
        rows = _cells(obj)  # type: ignore[arg-type]
        if form == "flat":
            lines.append(" | ".join(s for r in rows for s in r))
        elif form == "glued":
            lines.append(_glue([s for r in rows for s in r], rng, blank_space))
        elif form == "glued_rows":
            lines.extend(_glue(r, rng, blank_space) for r in rows)
        else:
            raise ValueError(form)
        lines.append("")
    return "\n".join(lines)


def _stray_cells(text: str, rng: random.Random) -> str:
    """Insert stray empty cells into some Markdown table rows (at the end, or after a label)."""
    out = []
    for line in text.split("\n"):
        if line.startswith("| ") and not set(line) <= set("|-: ") and rng.random() < 0.35:
            parts = line[2:-2].split(" | ")
            where = rng.random()
            if where < 0.5:
                parts.append("")
            else:
                # after the last label cell (before the first value), or at a random slot
                k = next((i for i, p in enumerate(parts) if p[:1].isdigit()), len(parts))
                if where > 0.8:
                    k = rng.randint(1, len(parts))
                parts.insert(k, "")
            line = "| " + " | ".join(parts) + " |"
        out.append(line)
    return "\n".join(out)


def render_messy(
    values: dict[str, int | float],
    template: str,
    form: str,
    *,
    agency: str = "示例市生态环境局",
    year: int = 2022,
    noise: Noise | None = None,
    seed: int = 0,
) -> Rendered:
    """A whole report with these table values, its tables in a messy form (``MESSY_FORMS``)."""
    if form not in MESSY_FORMS:
        raise ValueError(f"unknown form {form!r}; one of {MESSY_FORMS}")
    noise = noise or Noise()
    rng = random.Random(seed)
    pr = Printer(noise, rng, cell_per_line=form.startswith("glued"))
    blocks = report_blocks(values, template, pr, agency, year)
    content = render_messy_text(blocks, form, seed)
    r = Rendered("md" if form == "md_stray" else "txt_tabs", template, content, dict(values), dict(pr.raw), blocks)
    return r
