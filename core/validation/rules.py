"""Every validation rule declared as data: rule IDs, severities, what they check, identities.

This is the one place that says WHAT is checked. ``identities.py`` expands the identity
declarations into concrete checks per column/row of a template, ``structural.py`` holds the
evaluators of the document-level rules, ``cross.py`` the rules across reports; none of them
carries a message or a severity of its own.

How a finding is worded (Chinese and English) is in the catalog ``core/messages.py``, under the
rule ID: ``str.format`` templates over the finding's ``params`` in the words of the printed table
(never field IDs).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.model import Severity
from core.templates import TABLE_ACTIVE, TABLE_APPEAL, TABLE_APPLY, TEMPLATE_2019, TEMPLATE_2021, TEMPLATE_LEGACY


@dataclass(frozen=True)
class RuleSpec:
    """One rule: stable ID, severity, what it checks (Chinese, for help texts); words: core.messages.

    ``reads`` names what a structural rule depends on, so the validator knows when to re-run it:
    ``values:<table>`` (any value of that table), ``values:prose`` (the fields stated in prose),
    ``metadata``, ``sections``. Identity rules read exactly their own fields (see IDENTITIES).
    """

    id: str
    severity: Severity
    title: str
    reads: frozenset[str] = frozenset()
    scope: str = "report"  # identity | report | cross


def _r(rule_id: str, severity: Severity, title: str, reads: tuple[str, ...] = (), scope: str = "report") -> RuleSpec:
    return RuleSpec(rule_id, severity, title, frozenset(reads), scope)


# --------------------------------------------------------------------------- the rules

RULES: dict[str, RuleSpec] = {
    r.id: r
    for r in (
        # ---- identities of the national format (§6.1–4): errors
        _r(
            "apply.balance",
            "error",
            "表三各列勾稽关系：第一项加第二项之和，等于第三项加第四项之和",
            scope="identity",
        ),
        _r(
            "apply.row_total",
            "error",
            "表三各行“总计”等于各类申请人之和",
            scope="identity",
        ),
        _r(
            "apply.outcome_sum",
            "error",
            "表三各列“（七）总计”等于（一）至（六）各项办理结果之和",
            scope="identity",
        ),
        _r(
            "appeal.total",
            "error",
            "表四各组“总计”等于结果维持、结果纠正、其他结果、尚未审结之和",
            scope="identity",
        ),
        # ---- structure of the report: warnings
        _r(
            "section.missing",
            "warning",
            "年度报告应有六个部分",
            ("sections", "metadata"),
        ),
        _r(
            "table.missing",
            "warning",
            "年度报告应有表二、表三、表四",
            ("values:active", "values:apply", "values:appeal", "metadata"),
        ),
        _r(
            "table.blank",
            "warning",
            "印出的统计表应填有数字",
            ("values:active", "values:apply", "values:appeal"),
        ),
        _r(
            "metadata.missing",
            "warning",
            "应能识别发布机关和报告年度",
            ("metadata",),
        ),
        _r(
            "template.year_mismatch",
            "warning",
            "统计表格式应与报告年度相符",
            ("metadata",),
        ),
        _r(
            "template.year_newer",
            "info",
            "格式晚于报告年度时，报告年度可能有误",
            ("metadata",),
        ),
        _r(
            "template.mixed",
            "warning",
            "表二与表三应出自同一版格式",
            ("metadata",),
        ),
        _r(
            "s6.fee_statement",
            "warning",
            "2021年版格式要求在第六部分报告信息处理费收取情况",
            ("sections", "metadata"),
        ),
        _r(
            "period.year_mismatch",
            "warning",
            "统计期限应为报告年度",
            ("metadata",),
        ),
        _r(
            "active.rules_level",
            "warning",
            "只有国务院部门、省级政府和设区的市政府可以制定规章",
            ("metadata", "values:active"),
        ),
        _r(
            "prose.contradiction",
            "warning",
            "正文中的数字应与统计表一致",
            ("values:prose",),
        ),
        # ---- across reports of the same agency (§6.5–6): warnings
        _r(
            "cross.carry_over",
            "warning",
            "本年“上年结转”应等于上一年度报告的“结转下年度继续办理”",
            scope="cross",
        ),
        _r(
            "cross.in_force",
            "warning",
            "现行有效件数约等于上年现行有效件数加本年制发减本年废止",
            scope="cross",
        ),
        _r(
            "cross.glued_settled",
            "warning",
            "连写的表二数字可按上一年度报告的现行有效件数确定拆分",
            scope="cross",
        ),
    )
}

# Rule order used to break ties when sorting findings of the same severity and position.
RULE_ORDER = {rule_id: i for i, rule_id in enumerate(RULES)}

# --------------------------------------------------------------------------- identities


@dataclass(frozen=True)
class Term:
    """An operand: a row key (per-column identities) or a column key (per-row identities)."""

    key: str
    label: str = ""  # how the message names it; empty: the printed row/column label


@dataclass(frozen=True)
class Identity:
    """``Σ left = Σ right`` for every column (axis "column") or every row (axis "row") of a table.

    For axis "column", terms are rows and the identity is instantiated per printed column; for
    axis "row", terms are columns and it is instantiated per printed row (``rows`` limits it).
    """

    rule: str
    templates: tuple[str, ...]
    table: str
    axis: str  # column | row
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    rows: tuple[str, ...] = ()  # axis row: only these rows (empty: every printed row)


_BOTH = (TEMPLATE_2021, TEMPLATE_2019)
_T = Term

# （一）…（五）: the outcomes both templates share, in printed order.
_OUTCOMES_COMMON = (
    "granted",
    "partial",
    "denied.state_secret",
    "denied.law_forbidden",
    "denied.safety_stability",
    "denied.third_party",
    "denied.internal_affairs",
    "denied.process_info",
    "denied.enforcement_file",
    "denied.query_matter",
    "unable.not_held",
    "unable.needs_creation",
    "unable.unclear",
    "rejected.petition",
    "rejected.duplicate",
    "rejected.publication",
    "rejected.mass_repeat",
    "rejected.confirm_info",
)
OUTCOMES = {
    TEMPLATE_2019: (*_OUTCOMES_COMMON, "other"),
    TEMPLATE_2021: (*_OUTCOMES_COMMON, "other.no_correction", "other.no_fee", "other.other"),
}
_APPLICANTS = ("natural", "commercial", "research", "social", "legal", "other")

IDENTITIES: tuple[Identity, ...] = (
    Identity(
        "apply.balance",
        _BOTH,
        TABLE_APPLY,
        "column",
        (_T("new", "第一项"), _T("carried", "第二项")),
        (_T("total_handled", "第三项（七）总计"), _T("carry_forward", "第四项")),
    ),
    Identity("apply.row_total", _BOTH, TABLE_APPLY, "row", (_T("total"),), tuple(_T(c) for c in _APPLICANTS)),
    Identity(
        "apply.outcome_sum",
        (TEMPLATE_2019,),
        TABLE_APPLY,
        "column",
        (_T("total_handled"),),
        tuple(_T(r) for r in OUTCOMES[TEMPLATE_2019]),
    ),
    Identity(
        "apply.outcome_sum",
        (TEMPLATE_2021,),
        TABLE_APPLY,
        "column",
        (_T("total_handled"),),
        tuple(_T(r) for r in OUTCOMES[TEMPLATE_2021]),
    ),
    Identity(
        "appeal.total",
        _BOTH,
        TABLE_APPEAL,
        "row",
        (_T("total"),),
        tuple(_T(c) for c in ("upheld", "corrected", "other", "pending")),
    ),
)

# --------------------------------------------------------------------------- document rules' data

SECTION_HEADINGS = {
    "s1": ("一", "一、总体情况"),
    "s2": ("二", "二、主动公开政府信息情况"),
    "s3": ("三", "三、收到和处理政府信息公开申请情况"),
    "s4": ("四", "四、政府信息公开行政复议、行政诉讼情况"),
    "s5": ("五", "五、存在的主要问题及改进情况"),
    "s6": ("六", "六、其他需要报告的事项"),
}
TABLES_REQUIRED = (TABLE_ACTIVE, TABLE_APPLY, TABLE_APPEAL)
TEMPLATE_NAMES = {
    TEMPLATE_2019: "2019年版格式（国办公开办函〔2019〕60号）",
    TEMPLATE_2021: "2021年版格式（国办公开办函〔2021〕30号）",
    TEMPLATE_LEGACY: "2019年以前的旧版格式",
}


TEMPLATE_AGE = {TEMPLATE_LEGACY: 0, TEMPLATE_2019: 1, TEMPLATE_2021: 2}


def expected_template(year: int) -> str:
    """The national format a report for this year must use."""
    if year <= 2018:
        return TEMPLATE_LEGACY
    if year <= 2020:
        return TEMPLATE_2019
    return TEMPLATE_2021


# 信息处理费 statement in 六 (or anywhere in a work summary, which has no 六).
FEE_WORDS = r"信息处理费|处理费|收费|收取[^。；;\n]{0,8}费"
# A work summary has no 六 and talks about other charges (涉企收费 …): only unambiguous words count.
FEE_WORDS_SUMMARY = r"信息处理费|处理费|信息公开收费|收费事项|公开[^。；;\n]{0,6}收取[^。；;\n]{0,6}费"
# Statistics period: 统计期限为2021年1月1日至2021年12月31日 (and 统计周期/时限/时间/区间, 自…起至…止).
PERIOD = (
    r"统计(?:期限|周期|时限|时间|区间|时段|期间|范围)[^。\n]{0,12}?"
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起?\s*(?:至|到|—|－|-|~|～)\s*"
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
# … or a whole year without dates: 统计期限为2021年度 / 统计时间为2021年全年.
PERIOD_YEAR = r"统计(?:期限|周期|时限|时间|区间|时段|期间)\s*(?:为|是)?\s*(\d{4})\s*(?:年度|年全年|年)(?!\s*\d)"
# Agencies below the level that makes 规章: townships, and counties / county-level districts.
TOWNSHIP = r"(?:乡|镇)(?:人民政府|政府|党委|$)|街道"
COUNTY = r"县|旗(?:人民政府|政府|$)|(?<!自治)区(?!域)"
PROSE_TOLERANCE = 0  # a prose figure must equal its table value
IN_FORCE_TOLERANCE = (2, 0.05)  # cross.in_force: flag when |diff| > max(2, 5 % of the expectation)
