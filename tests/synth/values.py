"""Random value sets for a template whose identities hold (report-format.md §6)."""

from __future__ import annotations

import random

from core.templates import APPLY_COLUMNS, TEMPLATE_2019, TEMPLATE_2021, fields_for

_PARTS = [c.key for c in APPLY_COLUMNS[:-1]]


def _small(rng: random.Random, zero_rate: float, hi: int = 30) -> int:
    return 0 if rng.random() < zero_rate else rng.randint(1, hi)


def random_values(template: str, rng: random.Random | None = None, *, zero_rate: float = 0.6) -> dict[str, int | float]:
    """A value for every field of the template's tables 二/三/四, with every identity holding.

    勾稽 (new + carried = total_handled + carry_forward) per column, row totals, the outcome sum,
    and 表四 group totals. ``zero_rate`` is the share of zero cells (real reports are mostly 0).
    """
    rng = rng or random.Random()
    assert template in (TEMPLATE_2021, TEMPLATE_2019)
    out: dict[str, int | float] = {}
    # 表二
    for f in fields_for(template, "active"):
        if f.kind == "signed":
            out[f.id] = rng.choice([0, 0, rng.randint(-500, 500)])
        elif f.id == "active.fees.amount":
            out[f.id] = 0 if rng.random() < zero_rate else round(rng.uniform(0.1, 900), rng.choice([0, 1, 2]))
            if isinstance(out[f.id], float) and out[f.id] == int(out[f.id]):
                out[f.id] = int(out[f.id])
        elif f.id == "active.procurement.amount":
            out[f.id] = _small(rng, zero_rate, 2_000_000)
        else:
            out[f.id] = _small(rng, zero_rate, 2000 if f.row.key in ("license", "penalty") else 60)
    # 表三
    rows = [f.row.key for f in fields_for(template, "apply") if f.column.key == "natural"]
    outcomes = [r for r in rows if r not in ("new", "carried", "total_handled", "carry_forward")]
    for col in _PARTS:
        handled = 0
        for r in outcomes:
            v = _small(rng, zero_rate + (1 - zero_rate) * 0.5, 40)
            out[f"apply.{r}.{col}"] = v
            handled += v
        out[f"apply.total_handled.{col}"] = handled
        cf = _small(rng, zero_rate, 10)
        out[f"apply.carry_forward.{col}"] = cf
        carried = rng.randint(0, min(handled + cf, 10)) if rng.random() > zero_rate else 0
        out[f"apply.carried.{col}"] = carried
        out[f"apply.new.{col}"] = handled + cf - carried
    for r in rows:
        out[f"apply.{r}.total"] = sum(out[f"apply.{r}.{c}"] for c in _PARTS)  # type: ignore[misc]
    # 表四
    for g in ("review", "suit_direct", "suit_after_review"):
        parts = [_small(rng, zero_rate + 0.2, 9) for _ in range(4)]
        for k, v in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            out[f"{g}.{k}"] = v
        out[f"{g}.total"] = sum(parts)
    assert set(out) == {f.id for f in fields_for(template)}
    return out


def check_identities(values: dict[str, int | float], template: str) -> list[str]:
    """The identities that do not hold (empty when the set is consistent)."""
    bad = []
    rows = [f.row.key for f in fields_for(template, "apply") if f.column.key == "natural"]
    outcomes = [r for r in rows if r not in ("new", "carried", "total_handled", "carry_forward")]
    for c in [*_PARTS, "total"]:
        g = lambda r, c=c: values[f"apply.{r}.{c}"]  # noqa: E731
        if g("new") + g("carried") != g("total_handled") + g("carry_forward"):
            bad.append(f"balance.{c}")
        if sum(g(r) for r in outcomes) != g("total_handled"):
            bad.append(f"outcomes.{c}")
    for r in rows:
        if sum(values[f"apply.{r}.{c}"] for c in _PARTS) != values[f"apply.{r}.total"]:
            bad.append(f"rowtotal.{r}")
    for g in ("review", "suit_direct", "suit_after_review"):
        if sum(values[f"{g}.{k}"] for k in ("upheld", "corrected", "other", "pending")) != values[f"{g}.total"]:
            bad.append(f"appeal.{g}")
    return bad


__all__ = ["TEMPLATE_2019", "TEMPLATE_2021", "check_identities", "random_values"]
