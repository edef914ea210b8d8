"""``parse --json`` keeps the JSON contract (../shared/spec/cli-json.md) on every real and sample document."""

from __future__ import annotations

import csv
import json
import math
import re
from typing import Any

import pytest

from tests.conftest import CORPUS, ROOT, SEEDS, SPEC
from tests.core.test_cli import run_cli

SAMPLES = ROOT / "resources" / "samples"
KEYS = {"file", "ok", "error", "template", "metadata", "sections", "values", "findings"}
EXTRA = {"kind", "project"}  # documented in core/cli_output.py
SECTION_IDS = {"s1", "s2", "s3", "s4", "s5", "s6"}


def load_field_ids() -> set[str]:
    """Every field ID of the spec's fields.csv."""
    with (SPEC / "fields.csv").open(encoding="utf-8") as fh:
        return {row["id"] for row in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def field_ids() -> set[str]:
    return load_field_ids()


@pytest.fixture(scope="module")
def inputs() -> list[str]:
    files = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.iterdir()) + sorted(SAMPLES.iterdir())
    files = [p for p in files if not p.name.endswith(".json")]
    assert len(files) >= 5 + 3 + 5
    return [str(p) for p in files]


@pytest.fixture(scope="module")
def parsed(inputs: list[str]) -> tuple[list[dict[str, Any]], int, str]:
    out = run_cli("parse", "--json", *inputs, timeout=600)
    return [json.loads(line) for line in out.stdout.splitlines()], out.returncode, out.stderr


def check_shape(obj: dict[str, Any], field_ids: set[str]) -> None:
    """Assert one JSON line has exactly the contract's shape, types and allowed values."""
    assert KEYS <= set(obj) <= KEYS | EXTRA, set(obj) ^ KEYS
    assert isinstance(obj["file"], str) and obj["file"]
    assert isinstance(obj["ok"], bool)
    if not obj["ok"]:
        err = obj["error"]
        assert set(err) == {"code", "message"}
        assert isinstance(err["code"], str) and re.fullmatch(r"[a-z_]+(\.[a-z_]+)*", err["code"]), err
        assert isinstance(err["message"], str) and re.search(r"[\u4e00-\u9fff]", err["message"])
        assert obj["values"] == {} and obj["findings"] == []
        return
    assert obj["error"] is None
    assert obj["template"] in {"2021", "2019", "legacy", "unknown"}
    assert obj.get("kind", "report") in {"report", "summary", "other"}
    meta = obj["metadata"]
    assert set(meta) == {"agency", "year", "published", "index_no"}
    assert meta["agency"] is None or (isinstance(meta["agency"], str) and meta["agency"].strip())
    assert meta["year"] is None or (type(meta["year"]) is int and 1990 <= meta["year"] <= 2100)
    assert meta["published"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["published"]), meta
    assert meta["index_no"] is None or isinstance(meta["index_no"], str)
    secs = obj["sections"]
    assert set(secs) == SECTION_IDS
    for sec in secs.values():
        assert set(sec) == {"found", "title"} and isinstance(sec["found"], bool)
        if sec["found"]:
            assert isinstance(sec["title"], str) and sec["title"].strip()
        else:
            assert sec["title"] is None
    values = obj["values"]
    assert isinstance(values, dict)
    for fid, v in values.items():
        assert fid in field_ids, fid
        assert type(v) in (int, float), (fid, v)
        assert math.isfinite(v)
    assert list(values) == sorted(values)
    for f in obj["findings"]:
        assert (
            {"rule", "severity", "fields", "message"}
            <= set(f)
            <= {"rule", "severity", "fields", "message", "confirmed"}
        )
        assert isinstance(f["rule"], str) and re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", f["rule"]), f
        assert f["severity"] in {"error", "warning", "info"}
        assert isinstance(f["fields"], list) and all(x in field_ids for x in f["fields"]), f
        assert isinstance(f["message"], str) and re.search(r"[\u4e00-\u9fff]", f["message"])
        assert isinstance(f.get("confirmed", False), bool)
    if "project" in obj:
        assert obj["project"].endswith(".ogiproj")


def test_every_line_keeps_the_contract(parsed, inputs, field_ids):
    lines, status, stderr = parsed
    assert [x["file"] for x in lines] == inputs  # one line per file, in input order, path as given
    for obj in lines:
        check_shape(obj, field_ids)
    assert all(x["ok"] for x in lines), [x["error"] for x in lines if not x["ok"]]
    assert status == 0
    assert stderr == ""


def test_real_documents_agree_with_their_truth_on_the_contract_fields(parsed):
    """Template, agency and year of the corpus as the hand-checked truth files say; nothing invented."""
    lines, _, _ = parsed
    by_name = {obj["file"].rsplit("/", 1)[-1]: obj for obj in lines}
    for truth_path in sorted(CORPUS.glob("*.expected.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        obj = by_name[truth["document"]]
        assert obj["template"] == truth["template"], truth["document"]
        assert obj["metadata"]["agency"] == truth["agency"], truth["document"]
        assert obj["metadata"]["year"] == truth["year"], truth["document"]
        if truth["values"]:
            same = {k for k, v in truth["values"].items() if obj["values"].get(k) == v}
            assert len(same) >= 0.9 * len(truth["values"]), (truth["document"], len(same), len(truth["values"]))
        else:  # the blank template: empty cells may read as 0, never as another number
            assert all(v == 0 for v in obj["values"].values()), truth["document"]


def test_prose_only_figures_come_with_a_warning_naming_the_field(parsed):
    """cli-json.md: a figure stated only in prose is reported with a warning naming its field."""
    lines, _, _ = parsed
    seen = 0
    for obj in lines:
        if not obj["ok"]:
            continue
        warned = {fid for f in obj["findings"] if f["severity"] == "warning" for fid in f["fields"]}
        prose_rules = [f for f in obj["findings"] if f["rule"] == "prose.figure"]
        for f in prose_rules:
            seen += 1
            assert f["severity"] == "warning" and f["fields"]
            assert all(fid in obj["values"] for fid in f["fields"])
            assert set(f["fields"]) <= warned
    assert seen >= 1  # seed 004 is a work summary whose figures are only in sentences
