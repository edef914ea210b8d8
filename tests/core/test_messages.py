"""The finding catalog (core/messages.py): every kind of finding has an English form, or says why not.

The static test reads core/ for every rule ID a finding or a loader note is built with; the
others check that the Chinese text a finding carries is exactly the catalog's (one description)
and that the English form renders from the same params, on real and synthetic reports.
"""

from __future__ import annotations

import ast
import random
import re
from pathlib import Path

import pytest

from core import messages
from core.messages import CHINESE_ONLY, MESSAGES, WORDED_BY, compose, placeholders, text
from core.model import Finding
from core.parsing import parse_report
from core.resources import sample_files
from core.review.state import ReviewedReport
from core.validation import RULES, validate
from tests.conftest import CORPUS, SEEDS
from tests.core.validation_helpers import consistent_values, make_report

CORE = Path(messages.__file__).resolve().parent
RULE_ID = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_BUILDERS = {"Finding", "finding", "_finding", "_said"}


def _str(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _built_rule_ids() -> dict[str, str]:
    """rule ID → where: every literal rule ID passed to a finding builder or a loader note in core/."""
    out: dict[str, str] = {}
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(CORE.parent))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                if name in _BUILDERS and node.args and (rid := _str(node.args[0])) and RULE_ID.match(rid):
                    out.setdefault(rid, where)
                for kw in node.keywords:
                    if kw.arg == "rule" and (rid := _str(kw.value)) and RULE_ID.match(rid):
                        out.setdefault(rid, where)
                # a loader's problem: problems.setdefault("docx.numbering_range", "Word 自动编号…")
                if name == "setdefault" and len(node.args) == 2 and (rid := _str(node.args[0])) and RULE_ID.match(rid):
                    if not isinstance(node.args[1], ast.Constant) or CJK.search(str(node.args[1].value)):
                        out.setdefault(rid, where)
                # a loader note: doc.notes.append(("ocr.used", f"本文件为扫描件…"))
                receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
                if name == "append" and isinstance(receiver, ast.Attribute) and receiver.attr == "notes":
                    note = node.args[0] if node.args else None
                    if isinstance(note, ast.Tuple) and note.elts and (rid := _str(note.elts[0])):
                        out.setdefault(rid, where)
    return out


def _has_english(rule: str) -> bool:
    return rule in MESSAGES or rule in WORDED_BY or any(k.startswith(rule + ".") for k in MESSAGES)


def test_the_scan_of_core_finds_the_builders():
    found = _built_rule_ids()
    # one of each way a finding is built: a rule's helper, Finding(...), a loader note, a replace(rule=…)
    assert {"table.unreadable", "document.summary", "ocr.used", "ocr.identity", "load.table_too_large"} <= set(found)


def test_every_kind_of_finding_has_an_english_form_or_says_why_not():
    kinds = set(_built_rule_ids()) | set(RULES)
    missing = sorted(k for k in kinds if not _has_english(k) and k not in CHINESE_ONLY)
    assert missing == [], "give these an entry in core/messages.py MESSAGES (or CHINESE_ONLY with the reason)"
    assert not set(CHINESE_ONLY) & set(MESSAGES)


def test_every_rule_of_the_validator_is_in_the_catalog():
    assert sorted(r for r in RULES if r not in MESSAGES) == []


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_forms_read_the_same_params_and_the_english_one_is_english(key):
    m = MESSAGES[key]
    assert placeholders(m.zh) == placeholders(m.en), key
    assert m.en.strip() and m.en != m.zh
    # Chinese stays only where the report's own words are quoted: “…”, (…) or a param
    bare = re.sub(r"\{[a-z_]+\}|“[^”]*”|\([^)]*\)", "", m.en)
    assert not CJK.search(bare), (key, CJK.findall(bare))


def _reports() -> list[ReviewedReport]:
    paths = [*sample_files(), *sorted(SEEDS.glob("*.txt")), *sorted(CORPUS.glob("*.md"))]
    out = [ReviewedReport(parse_report(str(p))) for p in paths]
    # synthetic reports that break each rule once
    vals = consistent_values("2021", random.Random(3))
    wrong = dict(vals)
    wrong["apply.unable.not_held.natural"] += 1  # one wrong cell: a suggestion
    blank = dict(vals)
    blank["apply.carried.natural"] = 0  # printed blank, and the column no longer balances
    out += [
        make_report(wrong),
        make_report(blank, raw={"apply.carried.natural": ""}),
        make_report(vals, agency=None, sections=["s1", "s2", "s3"], bodies={"s6": "无"}),
        make_report(vals, year=2020, agency="示例县某某镇人民政府"),
        make_report(vals, table_templates={"active": "2019", "apply": "2021"}),
        make_report(vals, prose=[("apply.new.total", 999, "本年共收到政府信息公开申请999件。")]),
        make_report(vals, kind="summary", year=2022),
    ]
    return out


def _findings() -> list[Finding]:
    return [f for rr in _reports() for f in validate(rr)]


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    return _findings()


def test_the_chinese_text_of_every_finding_is_the_catalogs(findings):
    """One description: the message a finding carries is the catalog's, made from its params."""
    covered = [f for f in findings if f.rule not in CHINESE_ONLY]
    assert len({f.rule for f in covered}) >= 15
    for f in covered:
        assert compose(f.rule, f.params, f.suggestion) == f.message, f.rule


def test_every_finding_renders_in_english(findings):
    seen = set()
    for f in findings:
        en = text(f, "en")
        if f.rule in CHINESE_ONLY:
            assert en == f.message
            continue
        seen.add(f.rule)
        assert en != f.message and "{" not in en, (f.rule, en)
        # the Chinese left is the report's own words (labels, quotes), never the sentence around them
        assert len(CJK.findall(en)) < len(CJK.findall(f.message)), (f.rule, en)
    assert {"apply.row_total", "apply.outcome_sum", "section.missing", "metadata.missing"} <= seen


def test_the_notes_after_a_finding_follow_the_language():
    vals = consistent_values("2021", random.Random(3))
    vals["apply.unable.not_held.natural"] += 1
    f = next(f for f in validate(make_report(vals)) if f.suggestion)
    assert "仅为建议" in f.message
    en = text(f, "en")
    assert "a suggestion only" in en and "仅为建议" not in en
    assert "row “（三）" in en or "column" in en  # the cell named in English, its labels as printed


def test_terms_in_params_are_translated():
    f = validate(make_report(consistent_values("2021", random.Random(1)), agency=None))
    missing = next(x for x in f if x.rule == "metadata.missing")
    assert text(missing, "en").startswith("Could not recognise the issuing agency")


def test_a_finding_without_params_falls_back_to_chinese():
    old = Finding("apply.balance", "error", "表三 “自然人” 列勾稽不平")  # saved by an older version
    assert text(old, "en") == old.message
    assert text(old, "zh") == old.message
