"""The bundled sample reports parse to the numbers they were generated from."""

from __future__ import annotations

import pytest

from core.parsing import parse_report
from core.resources import sample_dir
from tests.synth.make_samples import FAULTS, SAMPLES, make_values


@pytest.mark.parametrize("sample", SAMPLES, ids=[s[4] + "_" + s[3] for s in SAMPLES])
def test_sample_values(sample) -> None:
    stem, _agency, _year, template, form, seed, _noise, _enc = sample
    suffix = {"md": ".md", "html": ".html", "docx": ".docx", "pdf": ".pdf"}.get(form, ".txt")
    path = sample_dir() / (stem + suffix)
    assert path.is_file(), f"{path.name} missing: run python -m tests.synth.make_samples"
    rep = parse_report(str(path))
    faulty = "错误" in stem
    assert {k: v.value for k, v in rep.values.items()} == make_values(template, seed, faulty)
    assert rep.template == template
    assert not [f for f in rep.findings if f.rule.startswith("table.")]


def test_faulty_sample_breaks_the_identities_it_should() -> None:
    from core.review.state import ReviewedReport
    from core.validation import validate

    stem = next(s[0] for s in SAMPLES if "错误" in s[0])
    rep = parse_report(str(sample_dir() / (stem + ".txt")))
    found = validate(ReviewedReport(rep))
    errors = {f for x in found if x.severity == "error" for f in x.fields}
    assert set(FAULTS) <= errors
