"""The bundled samples (written by us) parse completely: they are what a new user sees first."""

import re

import pytest

from core.parsing import parse_report
from core.resources import sample_files
from core.review.state import ReviewedReport
from core.validation import validate

SAMPLES = sample_files()


def test_samples_cover_every_input_form_and_both_templates():
    suffixes = {p.suffix for p in SAMPLES}
    assert {".html", ".txt", ".md", ".docx", ".pdf"} <= suffixes
    templates = {parse_report(str(p)).template for p in SAMPLES}
    assert templates == {"2019", "2021"}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.suffix + ":" + p.stem[:12])
def test_sample_metadata_sections_and_values(path):
    rep = parse_report(str(path))
    m = re.match(r"(.+?)(\d{4})年", path.stem)
    assert m, path.name
    assert rep.metadata.agency.value == m.group(1)
    assert rep.metadata.year.value == int(m.group(2))
    assert [s.id for s in rep.sections] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    expected_cells = 200 if rep.template == "2021" else 198
    assert len(rep.values) == expected_cells
    assert all(v.span is not None for v in rep.values.values())
    findings = validate(ReviewedReport(rep))
    errors = [f for f in findings if f.severity == "error"]
    if "含错误" in path.stem:
        assert errors, "the sample with deliberate mistakes must show them"
    else:
        assert not errors, [f.message for f in errors]


def test_pdf_sample_title_is_not_joined_to_the_preamble():
    pdf = next(p for p in SAMPLES if p.suffix == ".pdf")
    first_line = parse_report(str(pdf)).text.splitlines()[0]
    assert first_line.endswith("工作年度报告")
