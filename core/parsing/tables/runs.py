"""Cells run together with no separator (text written by crawlers that strip the tags).

``一、本年新收政府信息公开申请数量713000074`` is 71, 3, 0, 0, 0, 0, 74. The structure decides most
splits: each row has a known number of cells, numbers have no leading zeros, a space or an empty
mark (/ — -) is a forced boundary (a space may also be a blank cell), a row's 总计 is the sum of
its cells, and across rows each column of 表三 keeps its identities (勾稽, the outcome sum). A
split is taken only when exactly one satisfies all of them; when several do, none is taken and a
warning lists the candidates. The search is memoised and bounded: past the budget the row is
flagged, never guessed.

A row's last digits may run into the next label's numeral (``…10000016.属于四类过程性信息``): a
digit followed by ``.``/``、`` and a label is that label's numbering, peeled off the run.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cache

from core.lazy_re import lazy_compile
from core.model import Finding, Span, Value
from core.parsing.tables.cells import fold
from core.parsing.tables.labels import RowSpec, norm, row_specs
from core.templates import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    TABLE_ACTIVE,
    TABLE_APPEAL,
    TABLE_APPLY,
    TABLE_SHORT,
    TEMPLATE_2019,
    TEMPLATE_2021,
    field_id_for,
    short_label,
)
from core.templates import field as field_of

MAX_DIGITS = 9  # no cell of these tables holds a number of more than 9 digits
MAX_SOLUTIONS = 24  # readings kept per row; more: the row is ambiguous anyway
BUDGET = 4_000  # search steps per row (a real row takes at most ~2,500); past it the row is flagged, not guessed
MAX_STEPS_SEEN = [0]  # the most steps a row took (bench/bench_messy.py reports it)
MAX_COMBINATIONS = 20_000  # cross-row combinations weighed for 表三

_DIGITS = frozenset("0123456789")
_MARKS = frozenset("/／—－-–―")
_SIGNS = frozenset("+-－减增")
_SPACES = frozenset(" \u00a0\u3000")
_NUMBERING = frozenset(".．、")
_PAIRS = frozenset({"——", "--", "-—", "—-", "－－"})
_DIGIT_RUN = lazy_compile(r"[0-9](?:[0-9]|[.,](?=[0-9]))*")  # a point or comma only between digits
_LABEL_RUN = lazy_compile(
    "[^" + re.escape("".join(sorted(_DIGITS | _MARKS | _SIGNS | _SPACES | set("+无\n\t\r")))) + "]+"
)


@dataclass
class Atom:
    """A piece of a row's value text: digits (``d``), an empty mark (``m``), a space (``s``) or a line break (``b``)."""

    kind: str
    text: str
    start: int
    sign: str = ""


@dataclass
class GluedRow:
    """A label and the value text that follows it up to the next label."""

    label: str
    span: Span
    atoms: list[Atom] = field(default_factory=list)

    @property
    def digits(self) -> str:
        return "".join(a.text if a.kind == "d" else " " if a.kind == "s" else a.text for a in self.atoms).strip()


Cell = tuple[int | float, str, int, int]  # value, raw, start, end
Reading = tuple[Cell, ...]


def tokenise(text: str, base: int) -> list[GluedRow]:
    """A region's text → rows: each label with the value atoms after it (text before the first label dropped)."""
    t = fold(text)
    n = len(t)
    rows: list[GluedRow] = []
    label: list[str] = []
    lstart = -1
    atoms: list[Atom] = []
    i = 0

    def flush_label() -> None:
        nonlocal label, lstart, atoms
        if label:
            rows.append(GluedRow("".join(label), Span(base + lstart, base + i), []))
            atoms = rows[-1].atoms
            label, lstart = [], -1

    def add_label(ch: str, at: int) -> None:
        nonlocal lstart
        if not label:
            lstart = at
        label.append(ch)

    sign = ""
    while i < n:
        c = t[i]
        if c in _DIGITS:
            j = _DIGIT_RUN.match(t, i).end()  # type: ignore[union-attr]  # t[i] is a digit
            run = t[i:j]
            if j < n and t[j] in _NUMBERING and (j + 1 >= n or t[j + 1] not in _DIGITS) and "." not in run:
                # the next label's numbering ("6.属于…", "1、…"): its last digit leaves the run
                if len(run) > 1:
                    flush_label()
                    atoms.append(Atom("d", run[:-1], base + i, sign))
                    sign = ""
                add_label(run[-1], j - 1)
                i = j
                continue
            flush_label()
            atoms.append(Atom("d", run, base + i, sign))
            sign = ""
            i = j
            continue
        nxt = t[i + 1] if i + 1 < n else ""
        prev = t[i - 1] if i else ""
        if c in "+减增" and nxt in _DIGITS and (rows or label):
            flush_label()
            sign = "-" if c == "减" else "+"
            i += 1
            continue
        if c in "-－" and nxt in _DIGITS and (rows or label):
            # an empty mark, or the sign of the number after it (only in a signed column)
            flush_label()
            atoms.append(Atom("m", text[i], base + i, "?"))
            i += 1
            continue
        in_label = c in "/／" and prev == "增" and nxt == "减"  # the header 本年增/减
        if (rows or label) and ((c in _MARKS and not in_label) or (c == "无" and nxt not in "法正")):
            # an empty mark (— / - 无), a cell of its own; 无 begins no label but 无法提供, 无正当理由
            flush_label()
            atoms.append(Atom("m", text[i], base + i))  # one mark a cell, or two (——) that the search may join
            i += 1
            continue
        if c in _SPACES:
            if label and nxt and nxt not in _DIGITS and nxt not in _SPACES and nxt not in "\n\t":
                label.append(c)  # a space inside a label (社会公益 组织)
            elif rows or label:
                flush_label()
                atoms.append(Atom("s", c, base + i))
            i += 1
            continue
        if c in "\n\t\r":
            if label:
                label.append(" ")
            elif rows:
                atoms.append(Atom("b", c, base + i))
            i += 1
            continue
        # a stretch of plain label characters at once (none of the above can begin inside it)
        m = _LABEL_RUN.match(t, i)
        j = m.end() if m is not None else i + 1
        if not label:
            lstart = i
        label.append(text[i:j])
        i = j
    flush_label()
    return rows


# --------------------------------------------------------------------------- one row


def _blocks(due: int, identities: tuple[tuple[int, tuple[int, ...]], ...]) -> list[tuple[str, int]]:
    """Each cell's role: ("part", total index) for a summed cell, ("total", -1), or ("free", -1)."""
    roles = [("free", -1)] * due
    for total, parts in identities:
        roles[total] = ("total", -1)
        for p in parts:
            roles[p] = ("part", total)
    return roles


class Overflow(Exception):
    """The search for a row went past its budget."""


def solve_row(
    atoms: list[Atom],
    due: int,
    identities: tuple[tuple[int, tuple[int, ...]], ...] = (),
    signed: frozenset[int] = frozenset(),
) -> tuple[list[Reading], bool]:
    """Every reading of a row's atoms as ``due`` cells keeping the identities (parts before their total).

    Returns the readings (at most ``MAX_SOLUTIONS``) and whether the search was cut short (too
    many readings or past the budget): then the readings are not all of them.
    """
    atoms = [a for a in atoms if a.kind != "b"]
    while atoms and atoms[-1].kind == "s":
        atoms.pop()
    budget = [BUDGET]
    try:
        if len(identities) == 1 and identities[0][0] == due - 1 and len(identities[0][1]) == due - 1 and atoms:
            return _solve_total_last(atoms, due, budget)
        return _search(atoms, _blocks(due, identities), due, None, budget, signed)
    except Overflow:
        return [], True
    finally:
        MAX_STEPS_SEEN[0] = max(MAX_STEPS_SEEN[0], BUDGET - budget[0])


def _solve_total_last(atoms: list[Atom], due: int, budget: list[int]) -> tuple[list[Reading], bool]:
    """A row whose last cell is the sum of all the others (表三): the total is read off the end first,
    then the parts are split so that they add up to it (each part at most the total: short pieces)."""
    last = atoms[-1]
    if len(atoms) == 1 and last.kind == "d" and not last.sign and last.text.isdigit():
        return _total_last_digits(last.text, last.start, due, budget)
    out: list[Reading] = []
    cut = False
    totals: list[tuple[Cell, list[Atom]]] = []
    if last.kind in ("m", "s"):
        totals.append(((0, last.text.strip(), last.start, last.start + len(last.text.strip())), atoms[:-1]))
    elif last.kind == "d":
        s = last.text
        for ln in range(1, min(MAX_DIGITS, len(s)) + 1):
            piece = s[len(s) - ln :]
            if len(piece) > 1 and piece[0] == "0":
                continue
            if len(s) > ln and s[len(s) - ln - 1] in ".,":
                continue
            sign = last.sign if ln == len(s) else ""
            value = _value(piece, sign)
            if value is None:
                continue
            rest = atoms[:-1] + ([Atom("d", s[: len(s) - ln], last.start, last.sign)] if ln < len(s) else [])
            raw = (sign + piece) if sign else piece
            start = last.start + len(s) - ln - (1 if sign else 0)
            totals.append(((value, raw, start, last.start + len(s)), rest))
    for total, rest in totals:
        while rest and rest[-1].kind == "s":
            rest = rest[:-1]
        digits = "".join(a.text for a in rest if a.kind == "d")
        if digits.isdigit() and isinstance(total[0], int) and not any(a.sign for a in rest if a.kind == "d"):
            # a number is its digit sum modulo 9, however the digits are split: so is the row's total
            if sum(map(int, digits)) % 9 != total[0] % 9:
                continue
        got, c = _search(rest, [("part", -1)] * (due - 1), due - 1, total[0], budget)
        cut = cut or c
        out.extend((*g, total) for g in got)
        if len(out) > MAX_SOLUTIONS:
            return out[:MAX_SOLUTIONS], True
    return list(dict.fromkeys(out)), cut


def _search(
    atoms: list[Atom],
    roles: list[tuple[str, int]],
    due: int,
    target: int | float | None,
    budget: list[int],
    signed: frozenset[int] = frozenset(),
) -> tuple[list[Reading], bool]:
    """Readings of the atoms as ``due`` cells. ``target``: the parts must add up to it exactly
    (each part is then at most what is left of it)."""
    memo: dict[tuple[int, int, int, int | float], tuple[Reading, ...] | None] = {}
    digits_after = [0] * (len(atoms) + 1)
    marks_after = [0] * (len(atoms) + 1)
    spaces_after = [0] * (len(atoms) + 1)
    for j in range(len(atoms) - 1, -1, -1):
        a = atoms[j]
        digits_after[j] = digits_after[j + 1] + (len(a.text) if a.kind == "d" else 0)
        marks_after[j] = marks_after[j + 1] + (a.kind == "m")
        spaces_after[j] = spaces_after[j + 1] + (a.kind == "s")
    cut = False

    def go(ai: int, off: int, k: int, acc: int | float) -> tuple[Reading, ...]:
        nonlocal cut
        key = (ai, off, k, acc)
        if key in memo:
            got = memo[key]
            if got is None:
                cut = True
                return ()
            return got
        budget[0] -= 1
        if budget[0] < 0:
            raise Overflow
        if target is not None and k < due:
            # every part left is at most what is left of the target: it holds that many digits at most
            left = digits_after[ai] - off
            width = len(str(int(acc))) if acc >= 1 else 1
            # … and together they cannot exceed the largest number those digits can make
            p_d = max(1, due - k - spaces_after[ai] - marks_after[ai])  # parts that must hold digits
            reach = 10 ** max(0, left - p_d + 1) + 9 * p_d
            if left > (due - k) * width or (marks_after[ai] + 1) // 2 > due - k or acc >= reach:
                memo[key] = ()
                return ()
        elif k < due and roles[k][0] != "free" and acc >= 1:
            # the total still to come is at least the parts so far: it needs that many digits
            if len(str(int(acc))) > digits_after[ai] - off:
                memo[key] = ()
                return ()
        out: list[Reading] = []
        if k == due:
            rest = atoms[ai:] if off == 0 else None
            if rest is not None and all(a.kind == "s" for a in rest) and (target is None or abs(acc) < 1e-9):
                out.append(())
            found = tuple(out)
            memo[key] = found
            return found
        if ai >= len(atoms):
            memo[key] = ()
            return ()
        a = atoms[ai]
        role = roles[k]

        def take(value: int | float, raw: str, start: int, end: int, nai: int, noff: int) -> None:
            nacc = acc
            if role[0] == "total":
                if abs(value - acc) > 1e-9:
                    return
                nacc = 0
            elif target is not None:
                if value > acc + 1e-9:
                    return
                nacc = acc - value
            elif role[0] == "part":
                nacc = acc + value
            for tail in go(nai, noff, k + 1, nacc):
                out.append(((value, raw, start, end), *tail))
                if len(out) > MAX_SOLUTIONS:
                    return

        def number(di: int, doff: int, sign: str, lead: int) -> None:
            """Cells made of the digits of atom ``di`` from ``doff`` (``lead`` characters of sign before)."""
            d = atoms[di]
            s = d.text
            left = len(s) - doff
            for ln in range(1, min(MAX_DIGITS, left) + 1):
                piece = s[doff : doff + ln]
                if piece[-1] in ".," or (doff + ln < len(s) and s[doff + ln] in ".,"):
                    continue  # a decimal point or separator stays inside its number
                if len(piece) > 1 and piece[0] == "0" and piece[1] != ".":
                    break  # no leading zeros
                value = _value(piece, sign)
                if value is None:
                    continue
                if role[0] == "total" and abs(value - acc) > 1e-9:
                    continue
                if target is not None and value > acc + 1e-9:
                    break  # longer pieces are larger still
                end = doff + ln
                take(value, sign + piece, d.start + doff - lead, d.start + end, *((di + 1, 0) if end == len(s) else (di, end)))
                if len(out) > MAX_SOLUTIONS:
                    break

        if a.kind == "d":
            sign = a.sign if off == 0 else ""
            if not sign or k in signed:
                number(ai, off, sign, 1 if sign else 0)
        elif a.kind == "m":
            take(0, a.text, a.start, a.start + len(a.text), ai + 1, 0)
            nxt = atoms[ai + 1] if ai + 1 < len(atoms) else None
            if nxt is not None and nxt.kind == "m" and a.text + nxt.text in _PAIRS and len(out) <= MAX_SOLUTIONS:
                take(0, a.text + nxt.text, a.start, nxt.start + len(nxt.text), ai + 2, 0)  # —— is one cell
            if a.sign == "?" and nxt is not None and nxt.kind == "d" and k in signed and len(out) <= MAX_SOLUTIONS:
                number(ai + 1, 0, "-", 1)  # the mark was the number's sign
        elif a.kind == "s":
            take(0, "", a.start, a.start, ai + 1, 0)  # a blank cell
            if len(out) <= MAX_SOLUTIONS:
                for tail in go(ai + 1, 0, k, acc):  # only a boundary
                    out.append(tail)
        if len(out) > MAX_SOLUTIONS:
            cut = True
            memo[key] = None
            return tuple(out[:MAX_SOLUTIONS])
        found = tuple(out)
        memo[key] = found
        return found

    got = go(0, 0, 0, target if target is not None else 0)
    uniq = list(dict.fromkeys(got))
    return uniq, cut


def _total_last_digits(s: str, base: int, due: int, budget: list[int]) -> tuple[list[Reading], bool]:
    """``_solve_total_last`` for a row that is one run of plain digits (the usual case): the same
    totals in the same order, the same digit-sum test and the same search, without atoms."""
    n = len(s)
    prefix_sum = [0]
    for ch in s:
        prefix_sum.append(prefix_sum[-1] + ord(ch) - 48)
    out: list[Reading] = []
    cut = False
    for ln in range(1, min(MAX_DIGITS, n) + 1):
        at = n - ln
        if ln > 1 and s[at] == "0":
            continue
        value = int(s[at:])
        total: Cell = (value, s[at:], base + at, base + n)
        if at == 0:
            got, c = _search([], [("part", -1)] * (due - 1), due - 1, value, budget)
        elif prefix_sum[at] % 9 != value % 9:
            continue  # a number is its digit sum modulo 9, however the digits are split: so is the row's total
        else:
            got, c = _split_digits(s[:at], base, due - 1, value, budget)
        cut = cut or c
        out.extend((*g, total) for g in got)
        if len(out) > MAX_SOLUTIONS:
            return out[:MAX_SOLUTIONS], True
    return list(dict.fromkeys(out)), cut


def _split_digits(s: str, base: int, due: int, target: int, budget: list[int]) -> tuple[list[Reading], bool]:
    """``_search`` for one run of plain digits split into ``due`` parts adding up to ``target``.

    The same states in the same order, the same pruning, steps and cut-offs (so the same readings
    and the same budget use), without the general search's atoms, marks, spaces and signs.
    """
    n = len(s)
    memo: dict[tuple[int, int, int], tuple[Reading, ...] | None] = {}
    cut = False
    steps = budget[0]
    top = min(MAX_DIGITS, n)

    def go(off: int, k: int, acc: int) -> tuple[Reading, ...]:
        nonlocal cut, steps
        key = (off, k, acc)
        if key in memo:
            got = memo[key]
            if got is None:
                cut = True
                return ()
            return got
        steps -= 1
        if steps < 0:
            raise Overflow
        if k == due:
            found: tuple[Reading, ...] = ((),) if off == n and acc == 0 else ()
            memo[key] = found
            return found
        left = n - off
        parts = due - k
        if (
            left == 0
            or left > parts * (len(str(acc)) if acc >= 1 else 1)
            or acc >= (10 ** (left - parts + 1) if left >= parts else 1) + 9 * parts
        ):
            memo[key] = ()
            return ()
        out: list[Reading] = []
        if s[off] == "0":
            ends: range = range(off + 1, off + 2)  # no leading zeros: a 0 is a cell of its own
        else:
            ends = range(off + 1, min(off + top, n) + 1)
        for end in ends:
            value = int(s[off:end])
            if value > acc:
                break  # longer pieces are larger still
            cell = (value, s[off:end], base + off, base + end)
            for tail in go(end, k + 1, acc - value):
                out.append((cell, *tail))
                if len(out) > MAX_SOLUTIONS:
                    break
            if len(out) > MAX_SOLUTIONS:
                break
        if len(out) > MAX_SOLUTIONS:
            cut = True
            memo[key] = None
            return tuple(out[:MAX_SOLUTIONS])
        found = tuple(out)
        memo[key] = found
        return found

    try:
        got = go(0, 0, target)
    finally:
        budget[0] = steps
    return list(dict.fromkeys(got)), cut


def _value(piece: str, sign: str) -> int | float | None:
    if piece.isdigit():
        return -int(piece) if sign == "-" else int(piece)
    try:
        v: int | float = float(piece.replace(",", "")) if "." in piece else int(piece.replace(",", ""))
    except ValueError:
        return None
    return -v if sign == "-" else v


# --------------------------------------------------------------------------- tables

APPLY_IDS = ((6, (0, 1, 2, 3, 4, 5)),)
APPEAL_IDS = tuple((g * 5 + 4, tuple(g * 5 + k for k in range(4))) for g in range(3))
_NOT_OUTCOMES = ("new", "carried", "total_handled", "carry_forward")


@cache
def _keywords(table: str, template: str) -> tuple[tuple[str, str], ...]:
    out = []
    for spec in row_specs(table, template):
        for kw in spec.row.keywords:
            out.append((norm(kw), spec.key))
    if table == TABLE_APPLY:
        out += [("转下年度", "carry_forward"), ("本年新收", "new"), ("结转", "carried")]
    return tuple(out)


_WEAK = {"其他", "总计", "(七)"}
_NUM = lazy_compile(r"^(?:\(?[一二三四五六七八九十\d]+\)?[.,)]?)+")


def row_key(table: str, template: str, label: str) -> str | None:
    """The template row a label chunk ends with: the keyword found last in it (longest on a tie)."""
    n = norm(label)
    best: tuple[int, int, str] | None = None
    for kw, key in _keywords(table, template):
        p = n.rfind(kw)
        if p < 0:
            continue
        if kw in _WEAK:
            tail = _NUM.sub("", n[max(0, p - 4) :])
            if len(tail) > len(kw) + 2:
                continue
        cand = (p, len(kw), key)
        if best is None or cand[:2] > best[:2]:
            best = cand
    return best[2] if best else None


def looks_glued(text: str) -> bool:
    """A label followed at once by a long run of digits (7 or more): cells run together."""
    return bool(_GLUED_RUN.search(fold(text)))


_GLUED_RUN = lazy_compile(r"[\u4e00-\u9fff）)”][0-9]{7,}")


@dataclass
class GluedResult:
    values: dict[str, Value] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    template: str | None = None
    seen: set[str] = field(default_factory=set)


def _fmt(reading: Reading) -> str:
    return "/".join(c[1] or "空" for c in reading)


def read_glued(table: str, text: str, base: int, template: str | None, prose: str = "") -> GluedResult:
    """Read a table whose cells run together; values only where exactly one split fits.

    ``prose``: the report's text outside its tables; figures it states for a 表二 row (本年制发
    规范性文件6件 …) settle a row that splits several ways when exactly one split agrees.
    """
    rows = tokenise(text, base)
    out = GluedResult()
    if table == TABLE_APPEAL:
        _appeal(rows, out)
        return out
    tpl = template or TEMPLATE_2021
    if table == TABLE_ACTIVE:
        old = any(w in norm(text) for w in ("新制作", "上一年", "集中采购", "对外管理服务"))
        tpl = template or (TEMPLATE_2019 if old else TEMPLATE_2021)
    elif table == TABLE_APPLY and template is None:
        tpl = TEMPLATE_2021 if "逾期不补正" in norm(text) or "收费通知" in norm(text) else TEMPLATE_2019
    out.template = tpl
    specs = {s.key: s for s in row_specs(table, tpl)}
    chosen: dict[str, GluedRow] = {}
    suspect: set[str] = set()  # rows followed by figures under a label no template row has
    last: str | None = None
    for r in rows:
        if not any(a.kind in ("d", "m") for a in r.atoms):
            continue
        key = row_key(table, tpl, r.label)
        if key is None or key not in specs:
            if last is not None and any(a.kind == "d" for a in r.atoms):
                suspect.add(last)  # some of the row's text may have been read as this label
            continue
        if key in chosen:
            continue
        chosen[key] = r
        last = key
    readings: dict[str, tuple[list[Reading], bool]] = {}
    for key, r in chosen.items():
        spec = specs[key]
        due = len(spec.block.columns)
        ids = APPLY_IDS if table == TABLE_APPLY else ()
        signed = frozenset(i for i, c in enumerate(spec.block.columns) if c.key == "change")
        readings[key] = solve_row(r.atoms, due, ids, signed)
    if table == TABLE_APPLY:
        _cross_apply(readings, [s.key for s in row_specs(table, tpl)])
    settled: list[str] = []
    for key, (cands, cut) in readings.items():
        spec, r = specs[key], chosen[key]
        fids = list(spec.fields)
        out.seen.add(key)
        if key in suspect:
            out.findings.append(_unsettled(table, spec, r, cands, cut, doubtful=True))
            continue
        if len(cands) == 1 and not cut:
            for fid, cell in zip(fids, cands[0], strict=True):
                out.values[fid] = Value(fid, cell[0], cell[1], "inferred", Span(cell[2], cell[3]))
            settled.extend(fids)
            continue
        by_prose = _by_prose(table, key, fids, cands, cut, prose)
        if by_prose is not None:
            reading, quotes = by_prose
            for fid, cell in zip(fids, reading, strict=True):
                out.values[fid] = Value(fid, cell[0], cell[1], "inferred", Span(cell[2], cell[3]))
            out.findings.append(
                Finding(
                    "table.glued_prose",
                    "warning",
                    f"{TABLE_SHORT[table]} “{short_label(spec.row.label)}” 行：连写的数字“{r.digits}”有 {len(cands)} 种拆分，"
                    f"按正文所述（{'；'.join(quotes)}）只有 {_fmt(reading)} 这一种相符，已采用，请对照原文核对："
                    f"{_names(fids)}。",
                    fids,
                    span=r.span,
                    params={"key": key, "candidates": [[c[0] for c in x] for x in cands]},
                )
            )
            continue
        out.findings.append(_unsettled(table, spec, r, cands, cut))
    if settled:
        out.findings.append(
            Finding(
                "table.glued_split",
                "warning",
                f"{TABLE_SHORT[table]} 的单元格之间没有分隔符（数字连写在一起），已按每行应有的列数、数字不以 0 开头"
                f"和表内的勾稽关系拆分；以下单元格的拆分是唯一可能的拆分，请对照原文核对：{_names(settled)}。",
                settled,
                params={"key": table},
            )
        )
    return out


# 表二 figures stated in a sentence: the sentence names the row (and not the other row), the clause the column
_ROW_WORDS = {"rules": ("规章", "规范性文件"), "normative": ("规范性文件", "规章")}
_COLUMN_WORDS = {
    "issued": r"(?:制发|印发|出台|制定)",
    "repealed": r"(?:废止)",
    "in_force": r"(?:现行有效)",
    "made": r"(?:新制作|制作)",
    "published": r"(?:新公开)",
}
_SENTENCE = lazy_compile(r"[^。；;\n]+")
_WIDER = lazy_compile(r"全市|全区|全县|全省|各县|各区|各地|各级|系统内|全系统|下属|所属单位|各单位")


@cache
def _column_re(word: str) -> re.Pattern[str]:
    return re.compile(word + r"(?:了|的)?(?:行政)?(?:规范性文件|规章)?(?:共|共计|数量为|为)?\s*([0-9]{1,7})\s*(?:件|个|部)")


def prose_figures(prose: str, row: str) -> dict[str, tuple[int, str]]:
    """Figures a report's sentences state for one 表二 row (rules/normative): column → (number, quote).

    A sentence counts only when it names this row and not the other (规章 vs 规范性文件) and is
    about the office itself; a column stated twice with different numbers counts for neither.
    """
    if row not in _ROW_WORDS:
        return {}
    own, other = _ROW_WORDS[row]
    found: dict[str, tuple[int, str]] = {}
    clash: set[str] = set()
    for m in _SENTENCE.finditer(prose):
        sent = m.group(0)
        if own not in sent or other in sent or _WIDER.search(sent):
            continue
        for col, word in _COLUMN_WORDS.items():
            for hit in _column_re(word).finditer(sent):
                n = int(hit.group(1))
                if col in found and found[col][0] != n:
                    clash.add(col)
                found.setdefault(col, (n, hit.group(0)))
    return {k: v for k, v in found.items() if k not in clash}


def _by_prose(
    table: str, key: str, fids: list[str], cands: list[Reading], cut: bool, prose: str
) -> tuple[Reading, list[str]] | None:
    """The one candidate the sentences of the report agree with (None: no figure, or not exactly one)."""
    if table != TABLE_ACTIVE or cut or len(cands) < 2 or not prose:
        return None
    stated = prose_figures(prose, key)
    cols = [f.rsplit(".", 1)[1] for f in fids]
    used = [(i, stated[c]) for i, c in enumerate(cols) if c in stated]
    if not used:
        return None
    good = [c for c in cands if all(c[i][0] == n for i, (n, _) in used)]
    if len(good) != 1:
        return None
    return good[0], [q for _, (_, q) in used]


def _ndig(r: GluedRow) -> int:
    return sum(len(a.text) for a in r.atoms if a.kind == "d")


def _names(fids: list[str]) -> str:
    if len(fids) > 12:
        return "、".join(field_of(f).printed_name() for f in fids[:12]) + f" 等 {len(fids)} 个单元格"
    return "、".join(field_of(f).printed_name() for f in fids)


def _unsettled(
    table: str, spec: RowSpec, r: GluedRow, cands: list[Reading], cut: bool, doubtful: bool = False
) -> Finding:
    fids = list(spec.fields)
    label = short_label(spec.row.label)
    run = r.digits
    if doubtful:
        why = "后面紧跟着一段不属于任何行的文字和数字（该行的一部分可能混在其中）"
    elif cut:
        why = "可能的拆分太多（超出搜索上限）"
    elif not cands:
        why = "没有一种拆分符合该行应有的列数和勾稽关系"
    else:
        shown = "；".join(_fmt(c) for c in cands[:6]) + ("……" if len(cands) > 6 else "")
        why = f"有 {len(cands)} 种拆分都符合（{shown}）"
    return Finding(
        "table.glued_ambiguous",
        "warning",
        f"{TABLE_SHORT[table]} “{label}” 行：连写的数字“{run}”{why}，无法确定各数字所在的列，未读取，"
        f"请人工核对：{'、'.join(field_of(f).printed_name() for f in fids)}。",
        fids,
        span=r.span,
        params={"key": spec.key, "run": run, "complete": not cut and not doubtful, "candidates": [[c[0] for c in x] for x in cands]},
    )


def _cross_apply(readings: dict[str, tuple[list[Reading], bool]], order: list[str]) -> None:
    """表三: keep only the readings that let every column keep 勾稽 and the outcome sum."""
    keys = [k for k in order if k in readings]
    if any(k not in readings for k in order):
        return  # a row is missing: the column identities cannot be checked
    vals = {k: [tuple(c[0] for c in rd) for rd in readings[k][0]] for k in keys}
    open_ = [k for k in keys if len(vals[k]) != 1 or readings[k][1]]
    if not open_ or any(readings[k][1] or not vals[k] for k in open_):
        return
    n = 1
    for k in open_:
        n *= len(vals[k])
    if n > MAX_COMBINATIONS:
        return
    fixed = {k: vals[k][0] for k in keys if k not in open_}
    outcomes = [k for k in keys if k not in _NOT_OUTCOMES]
    good: list[dict[str, int]] = []
    for combo in itertools.product(*(range(len(vals[k])) for k in open_)):
        cur = dict(fixed)
        for k, i in zip(open_, combo, strict=True):
            cur[k] = vals[k][i]
        ok = True
        for c in range(7):
            if abs(cur["new"][c] + cur["carried"][c] - cur["total_handled"][c] - cur["carry_forward"][c]) > 1e-9:
                ok = False
                break
            if abs(sum(cur[k][c] for k in outcomes) - cur["total_handled"][c]) > 1e-9:
                ok = False
                break
        if ok:
            good.append(dict(zip(open_, combo, strict=True)))
    for k in open_:
        picks = {g[k] for g in good}
        rds, cut = readings[k]
        readings[k] = ([rds[i] for i in sorted(picks)], cut)


def _appeal(rows: list[GluedRow], out: GluedResult) -> None:
    fids = [field_id_for(TABLE_APPEAL, g, c) for g in APPEAL_GROUPS for c in APPEAL_COLUMNS]
    run = next((r for r in rows if _ndig(r) >= 5 and ("总计" in r.label or "审结" in r.label)), None)
    if run is None:
        return
    cands, cut = solve_row(run.atoms, 15, APPEAL_IDS)
    out.seen.add("appeal")
    if len(cands) == 1 and not cut:
        for fid, cell in zip(fids, cands[0], strict=True):
            out.values[fid] = Value(fid, cell[0], cell[1], "inferred", Span(cell[2], cell[3]))
        out.findings.append(
            Finding(
                "table.glued_split",
                "warning",
                "表四 的单元格之间没有分隔符（数字连写在一起），已按 15 列、数字不以 0 开头和“总计等于各项之和”拆分；"
                "这是唯一可能的拆分，请对照原文核对。",
                fids,
                params={"key": "appeal"},
            )
        )
        return
    if cut:
        why = "可能的拆分太多（超出搜索上限）"
    elif not cands:
        why = "没有一种拆分符合 15 列和“总计等于各项之和”"
    else:
        why = f"有 {len(cands)} 种拆分都符合（{'；'.join(_fmt(c) for c in cands[:4])}{'……' if len(cands) > 4 else ''}）"
    out.findings.append(
        Finding(
            "table.glued_ambiguous",
            "warning",
            f"表四 连写的数字“{run.digits}”{why}，无法确定各数字所在的列，未读取，请人工核对。",
            fids,
            span=run.span,
            params={"key": "appeal", "candidates": [[c[0] for c in x] for x in cands[:6]]},
        )
    )
