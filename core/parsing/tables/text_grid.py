"""Tables recognised in plain text: tab runs, `|` runs, Markdown pipes, one cell per line."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from core.lazy_re import lazy_compile
from core.model import Span
from core.parsing.tables.cells import Token, parse_token

_EMPTY = parse_token("")
_MD_RULE = lazy_compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_WS = lazy_compile(r"[ \u00a0\u3000]+")
_WORD = lazy_compile(r"[^ \u00a0\u3000]+")


class Cell:
    """One cell of a text table: its text (stripped), where it is, and how it reads."""

    __slots__ = ("end", "start", "text", "token")

    def __init__(self, text: str, span: Span | tuple[int, int], token: Token):
        self.text = text
        if type(span) is tuple:  # the hot path (every cell of every text table)
            self.start, self.end = span
        else:
            self.start, self.end = span.start, span.end  # type: ignore[union-attr]
        self.token = token

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def kind(self) -> str:
        return self.token.kind

    def __repr__(self) -> str:
        return f"Cell({self.text!r}, {self.start}, {self.end}, {self.token.kind})"


@dataclass
class Line:
    """A line of text cut into cells; ``structured`` when a separator (tab, |, spaces) cut it."""

    cells: list[Cell]
    span: Span
    structured: bool
    text: str = ""

    @property
    def labels(self) -> list[Cell]:
        return [c for c in self.cells if c.kind == "label"]

    @property
    def is_numeric(self) -> bool:
        """Only number/empty/bad cells (at least one number)."""
        return bool(self.cells) and all(c.kind != "label" for c in self.cells) and any(
            c.kind in ("number", "bad") for c in self.cells
        )


@dataclass
class TextRow:
    """A table row: label fragments, then value cells (possibly gathered over several lines)."""

    labels: list[Cell] = field(default_factory=list)
    values: list[Cell] = field(default_factory=list)
    structured: bool = False
    line: int = 0  # index of the first line
    before: list[Cell] = field(default_factory=list)  # labels of a label-only line just above
    width: int = 0  # slots of the text line (structured rows)

    @property
    def label_text(self) -> str:
        return "".join(c.text for c in self.labels)

    @property
    def span(self) -> Span | None:
        cells = self.labels + self.values
        if not cells:
            return None
        return Span(min(c.start for c in cells), max(c.end for c in cells))


_STRIP = " \u00a0\u3000\r"


def _cell(text: str, raw_start: int, raw: str) -> Cell:
    if not raw:
        return Cell("", (raw_start, raw_start), _EMPTY)
    stripped = raw.strip(_STRIP)
    if stripped == raw:  # nothing to strip: the common case
        return Cell(raw, (raw_start, raw_start + len(raw)), parse_token(raw))
    lead = raw.find(stripped[:1]) if stripped else 0
    start = raw_start + lead
    return Cell(stripped, (start, start + len(stripped)), parse_token(stripped))


def _split_sep(line: str, start: int, sep: str) -> list[Cell]:
    cells = []
    pos = start
    for part in line.split(sep):
        if part:
            cells.append(_cell(part, pos, part))
        else:
            cells.append(Cell("", (pos, pos), _EMPTY))
        pos += len(part) + 1
    return cells


def split_line(line: str, start: int) -> Line:
    """Cut one line of text into cells (none for a blank line or a Markdown rule line |---|---|)."""
    if not line.strip() and "\t" not in line:  # a row of empty tab slots is a row all the same
        return Line([], Span(start, start + len(line)), False, line)
    span = Span(start, start + len(line))
    if "\t" in line:
        return Line(_split_sep(line, start, "\t"), span, True, line)
    stripped = line.strip()
    if stripped.count("|") >= 2 or (stripped.startswith("|") and len(stripped) > 1):
        if _MD_RULE.match(line):
            return Line([], span, False, line)
        cells = _split_sep(line, start, "|")
        # a Markdown row "| a | b |" has an empty cell before the first and after the last bar
        if cells and not cells[0].text and stripped.startswith("|"):
            cells = cells[1:]
        if cells and not cells[-1].text and stripped.endswith("|"):
            cells = cells[:-1]
        return Line(cells, span, True, line)
    # space-separated: "规章 0 0 0", "0 0 0 1 …", "(一) 予以公开 3 0 …"
    parts = [(m.start(), m.group(0)) for m in _WORD.finditer(line)]
    if len(parts) >= 2:
        toks = [parse_token(p) for _, p in parts]
        first_value = None
        for i, t in enumerate(toks):
            if t.kind in ("number", "empty") and all(u.kind in ("number", "empty") for u in toks[i:]):
                first_value = i
                break
        if first_value is not None and (
            any(t.kind == "number" for t in toks[first_value:]) or (first_value == 0 and len(parts) >= 3)
        ):
            cells = []
            if first_value > 0:
                a = parts[0][0]
                b = parts[first_value - 1][0] + len(parts[first_value - 1][1])
                text = line[a:b]
                cells.append(Cell(text, Span(start + a, start + b), parse_token(text)))
                if cells[0].kind != "label":
                    cells[0] = Cell(text, cells[0].span, Token("label", None, text))
            for (off, p), t in zip(parts[first_value:], toks[first_value:], strict=True):
                cells.append(Cell(p, Span(start + off, start + off + len(p)), t))
            return Line(cells, span, True, line)
    glued = _GLUED.match(line)
    if glued and len(glued.group(1).strip()) >= 4:
        a = glued.start(2)
        label = _cell(line[:a], start, line[:a])
        return Line([label, _cell(line[a:], start + a, line[a:])], span, False, line)
    return Line([_cell(line, start, line)], span, False, line)


# a label with the first number of its row glued on by a line-joining step: "…公开申请0"
_GLUED = lazy_compile(r"^(.*[\u4e00-\u9fff）)”])(\d[\d,]*)\s*$")


def split_lines(text: str, start: int, end: int) -> list[Line]:
    """Every line of ``text[start:end]`` cut into cells, one Line per text line (rule and blank lines empty)."""
    out: list[Line] = []
    pos = start
    for raw in text[start:end].split("\n"):
        out.append(split_line(raw, pos))
        pos += len(raw) + 1
    return out


def group_rows(lines: list[Line], cell_mode: bool) -> list[TextRow]:
    """Lines → table rows.

    A structured line (tab/pipe/space separated) is a row by itself: its leading label cells,
    then its value cells. In ``cell_mode`` (a dump with one cell per line), label lines start
    a row and the number lines after them are its values; outside ``cell_mode`` lone label
    lines are loose text and lone numbers are strays (kept as rows without labels or values
    so the caller can report them).
    """
    rows: list[TextRow] = []
    pending: TextRow | None = None
    above: list[Cell] = []  # labels of the previous structured line when it had no values
    for i, ln in enumerate(lines):
        if not ln.cells:
            continue
        if ln.structured and (len(ln.cells) >= 2 or not cell_mode):
            if pending is not None:
                rows.append(pending)
                pending = None
            row = TextRow(structured=True, line=i, before=above, width=len(ln.cells))
            cells = list(ln.cells)
            last_label = next((k for k in range(len(cells) - 1, -1, -1) if cells[k].token.kind == "label"), -1)
            row.labels = [c for c in cells[: last_label + 1] if c.text]
            row.values = cells[last_label + 1 :]
            above = row.labels if not row.values else []  # a line that ends in its label
            rows.append(row)
            continue
        above = []
        cell = ln.cells[0]
        if len(ln.cells) == 2 and cell.kind == "label":  # glued "label0": a label and its first value
            if pending is not None:
                rows.append(pending)
            pending = TextRow(labels=[cell], values=[ln.cells[1]], line=i)
            continue
        if cell.kind == "label":
            if pending is not None and pending.values:
                rows.append(pending)
                pending = None
            if pending is None:
                pending = TextRow(line=i)
            pending.labels.append(cell)
        elif cell_mode:
            if pending is None:
                pending = TextRow(line=i)
            pending.values.append(cell)
        else:
            if pending is not None:
                rows.append(pending)
                pending = None
            rows.append(TextRow(values=[cell], line=i))
    if pending is not None:
        rows.append(pending)
    return rows


def table_width(lines: list[Line]) -> int:
    """The slot count most lines of a tab/pipe table share (0 when there is no clear one)."""
    counts = Counter(len(ln.cells) for ln in lines if ln.structured and len(ln.cells) >= 3)
    if not counts:
        return 0
    (w, n), *rest = [*counts.most_common(2), (0, 0)]
    return w if n >= 3 and n > rest[0][1] else 0


_RULE_CELL = lazy_compile(r":?-{2,}:?")


def md_width(lines: list[Line]) -> int:
    """The column count the rule line (|---|---|) of a region's one Markdown table declares (0: no
    rule line, or several: a table broken over pages, whose parts may differ)."""
    widths = [
        len(_RULE_CELL.findall(ln.text))
        for ln in lines
        if ln is not None and not ln.cells and "--" in ln.text and _MD_RULE.match(ln.text)
    ]
    return widths[0] if len(widths) == 1 else 0
