"""The national report formats as data: tables, rows, columns and the stable field IDs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

TEMPLATE_2019 = "2019"
TEMPLATE_2021 = "2021"
TEMPLATE_LEGACY = "legacy"
TEMPLATE_UNKNOWN = "unknown"
TEMPLATES = (TEMPLATE_2021, TEMPLATE_2019)

TABLE_ACTIVE = "active"  # 表二 主动公开政府信息情况
TABLE_APPLY = "apply"  # 表三 收到和处理政府信息公开申请情况
TABLE_APPEAL = "appeal"  # 表四 行政复议、行政诉讼情况
TABLE_TITLES = {
    TABLE_ACTIVE: "表二 主动公开政府信息情况",
    TABLE_APPLY: "表三 收到和处理政府信息公开申请情况",
    TABLE_APPEAL: "表四 政府信息公开行政复议、行政诉讼情况",
}
TABLE_SHORT = {TABLE_ACTIVE: "表二", TABLE_APPLY: "表三", TABLE_APPEAL: "表四"}


@dataclass(frozen=True)
class Column:
    """One printed column: key used in the field ID, label as printed, matching keywords."""

    key: str
    label: str
    keywords: tuple[str, ...]
    group: str = ""  # upper header, e.g. 法人或其他组织 / 行政诉讼·未经复议直接起诉


@dataclass(frozen=True)
class Row:
    """One printed row: key used in the field ID, label path as printed, matching keywords."""

    key: str
    label: str
    keywords: tuple[str, ...]
    group: str = ""  # e.g. （三）不予公开
    level: int = 0  # 0 top row, 1 group row, 2 numbered leaf


@dataclass(frozen=True)
class SubTable:
    """A stacked sub-table of 表二 (第二十条第（X）项), or the single block of 表三/表四."""

    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Field:
    """One cell of a statistics table, identified by a stable ID (fields.csv)."""

    id: str
    table: str
    versions: frozenset[str]
    row: Row
    column: Column
    kind: str  # int | signed | decimal
    caption: str = ""  # 表二 sub-table caption

    @property
    def row_label(self) -> str:
        return self.row.label

    @property
    def column_label(self) -> str:
        return self.column.label

    def printed_name(self) -> str:
        """Where the cell is, in the words of the printed table (for messages)."""
        short = TABLE_SHORT[self.table]
        if self.table == TABLE_APPEAL:
            col = f"{self.row.label}“{self.column.label}”"
            return f"{short} {col}"
        row = short_label(self.row.label)
        return f"{short} “{row}” 行 “{self.column.label}” 列"


def short_label(label: str) -> str:
    """A row label without its long parenthesised note: （二）部分公开（区分处理的…） → （二）部分公开."""
    cut = label.find("（区分")
    return label[:cut] if cut > 0 else label


# --------------------------------------------------------------------------- 表二
_C = Column
_R = Row

_ACTIVE_2021 = (
    SubTable(
        "第二十条第（一）项",
        (
            _C("issued", "本年制发件数", ("制发",)),
            _C("repealed", "本年废止件数", ("废止",)),
            _C("in_force", "现行有效件数", ("现行有效", "有效件数")),
        ),
        (
            _R("rules", "规章", ("规章",)),
            _R("normative", "行政规范性文件", ("规范性文件",)),
        ),
    ),
    SubTable(
        "第二十条第（五）项",
        (_C("decisions", "本年处理决定数量", ("处理决定",)),),
        (_R("license", "行政许可", ("行政许可",)),),
    ),
    SubTable(
        "第二十条第（六）项",
        (_C("decisions", "本年处理决定数量", ("处理决定",)),),
        (
            _R("penalty", "行政处罚", ("行政处罚",)),
            _R("coercion", "行政强制", ("行政强制",)),
        ),
    ),
    SubTable(
        "第二十条第（八）项",
        (_C("amount", "本年收费金额（单位：万元）", ("收费金额",)),),
        (_R("fees", "行政事业性收费", ("事业性收费", "行政事业")),),
    ),
)

_PREV = _C("prev", "上一年项目数量", ("上一年",))
_CHANGE = _C("change", "本年增/减", ("增/减", "增减", "增／减"))
_DECISIONS_2019 = _C("decisions", "处理决定数量", ("处理决定",))

_ACTIVE_2019 = (
    SubTable(
        "第二十条第（一）项",
        (
            _C("made", "本年新制作数量", ("新制作", "制作数量")),
            _C("published", "本年新公开数量", ("新公开",)),
            _C("total", "对外公开总数量", ("公开总数", "总数量")),
        ),
        (
            _R("rules", "规章", ("规章",)),
            _R("normative", "规范性文件", ("规范性文件",)),
        ),
    ),
    SubTable(
        "第二十条第（五）项",
        (_PREV, _CHANGE, _DECISIONS_2019),
        (
            _R("license", "行政许可", ("行政许可",)),
            _R("other_services", "其他对外管理服务事项", ("对外管理服务", "其他对外")),
        ),
    ),
    SubTable(
        "第二十条第（六）项",
        (_PREV, _CHANGE, _DECISIONS_2019),
        (
            _R("penalty", "行政处罚", ("行政处罚",)),
            _R("coercion", "行政强制", ("行政强制",)),
        ),
    ),
    SubTable(
        "第二十条第（八）项",
        (_PREV, _CHANGE),
        (_R("fees", "行政事业性收费", ("事业性收费", "行政事业")),),
    ),
    SubTable(
        "第二十条第（九）项",
        (
            _C("count", "采购项目数量", ("采购项目",)),
            _C("amount", "采购总金额", ("采购总金额", "总金额")),
        ),
        (_R("procurement", "政府集中采购", ("集中采购",)),),
    ),
)

# --------------------------------------------------------------------------- 表三
_ORG = "法人或其他组织"
APPLY_COLUMNS = (
    _C("natural", "自然人", ("自然人",)),
    _C("commercial", "商业企业", ("商业",), _ORG),
    _C("research", "科研机构", ("科研",), _ORG),
    _C("social", "社会公益组织", ("公益",), _ORG),
    _C("legal", "法律服务机构", ("法律服务",), _ORG),
    _C("other", "其他", ("其他",), _ORG),
    _C("total", "总计", ("总计",)),
)

_RESULTS = "三、本年度办理结果"
_G3, _G4, _G5, _G6 = "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"


def _leaf(key: str, label: str, keywords: tuple[str, ...], group: str) -> Row:
    return Row(key, label, keywords, group, 2)


_APPLY_HEAD = (
    _R("new", "一、本年新收政府信息公开申请数量", ("新收",)),
    _R("carried", "二、上年结转政府信息公开申请数量", ("上年结转",)),
    _R("granted", "（一）予以公开", ("予以公开",), _RESULTS, 1),
    _R("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("部分公开",), _RESULTS, 1),
    _leaf("denied.state_secret", "1.属于国家秘密", ("国家秘密",), _G3),
    _leaf("denied.law_forbidden", "2.其他法律行政法规禁止公开", ("禁止公开", "法律行政"), _G3),
    _leaf("denied.safety_stability", "3.危及“三安全一稳定”", ("三安全", "一稳定"), _G3),
    _leaf("denied.third_party", "4.保护第三方合法权益", ("第三方",), _G3),
    _leaf("denied.internal_affairs", "5.属于三类内部事务信息", ("内部事务",), _G3),
    _leaf("denied.process_info", "6.属于四类过程性信息", ("过程性",), _G3),
    _leaf("denied.enforcement_file", "7.属于行政执法案卷", ("执法案卷",), _G3),
    _leaf("denied.query_matter", "8.属于行政查询事项", ("查询事项",), _G3),
    _leaf("unable.not_held", "1.本机关不掌握相关政府信息", ("不掌握",), _G4),
    _leaf("unable.needs_creation", "2.没有现成信息需要另行制作", ("另行制作", "没有现成"), _G4),
    _leaf("unable.unclear", "3.补正后申请内容仍不明确", ("补正后", "仍不明确"), _G4),
    _leaf("rejected.petition", "1.信访举报投诉类申请", ("信访",), _G5),
    _leaf("rejected.duplicate", "2.重复申请", ("重复申请",), _G5),
    _leaf("rejected.publication", "3.要求提供公开出版物", ("出版物",), _G5),
    _leaf("rejected.mass_repeat", "4.无正当理由大量反复申请", ("大量反复",), _G5),
    _leaf("rejected.confirm_info", "5.要求行政机关确认或重新出具已获取信息", ("确认或重新出具", "重新出具"), _G5),
)
_APPLY_TAIL = (
    _R("total_handled", "（七）总计", ("（七）", "总计"), _RESULTS, 1),
    _R("carry_forward", "四、结转下年度继续办理", ("结转下年度",)),
)
_APPLY_2019_ROWS = (*_APPLY_HEAD, _R("other", "（六）其他处理", ("其他处理",), _RESULTS, 1), *_APPLY_TAIL)
_APPLY_2021_ROWS = (
    *_APPLY_HEAD,
    _leaf(
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ("逾期不补正",),
        _G6,
    ),
    _leaf(
        "other.no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("收费通知", "缴纳费用"),
        _G6,
    ),
    _leaf("other.other", "3.其他", ("其他",), _G6),
    *_APPLY_TAIL,
)
APPLY_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# --------------------------------------------------------------------------- 表四
_OUTCOMES = (
    ("upheld", "结果维持", ("维持",)),
    ("corrected", "结果纠正", ("纠正",)),
    ("other", "其他结果", ("其他",)),
    ("pending", "尚未审结", ("尚未", "审结")),
    ("total", "总计", ("总计",)),
)
APPEAL_GROUPS = (
    _R("review", "行政复议", ("复议",)),
    _R("suit_direct", "行政诉讼·未经复议直接起诉", ("未经复议", "直接起诉")),
    _R("suit_after_review", "行政诉讼·复议后起诉", ("复议后起诉",)),
)
APPEAL_COLUMNS = tuple(_C(k, label, kw) for k, label, kw in _OUTCOMES)

# --------------------------------------------------------------------------- layout
LAYOUTS: dict[str, dict[str, tuple[SubTable, ...]]] = {
    TEMPLATE_2021: {
        TABLE_ACTIVE: _ACTIVE_2021,
        TABLE_APPLY: (SubTable(APPLY_NOTE, APPLY_COLUMNS, _APPLY_2021_ROWS),),
        TABLE_APPEAL: (SubTable("", APPEAL_COLUMNS, APPEAL_GROUPS),),
    },
    TEMPLATE_2019: {
        TABLE_ACTIVE: _ACTIVE_2019,
        TABLE_APPLY: (SubTable(APPLY_NOTE, APPLY_COLUMNS, _APPLY_2019_ROWS),),
        TABLE_APPEAL: (SubTable("", APPEAL_COLUMNS, APPEAL_GROUPS),),
    },
}

_DECIMAL = {"active.fees.amount", "active.procurement.amount"}


def _kind(field_id: str) -> str:
    if field_id in _DECIMAL:
        return "decimal"
    if field_id.endswith(".change"):
        return "signed"
    return "int"


def _field_id(table: str, row: Row, column: Column) -> str:
    if table == TABLE_ACTIVE:
        return f"active.{row.key}.{column.key}"
    if table == TABLE_APPLY:
        return f"apply.{row.key}.{column.key}"
    return f"{row.key}.{column.key}"


@cache
def _catalogue() -> dict[str, Field]:
    """Every field of every format; a field in several formats is described by the first (its row,
    column and caption) and lists them all."""
    first: dict[str, tuple[str, Row, Column, str]] = {}
    versions: dict[str, set[str]] = {}
    for template in TEMPLATES:
        for table, blocks in LAYOUTS[template].items():
            for block in blocks:
                for row in block.rows:
                    for column in block.columns:
                        fid = _field_id(table, row, column)
                        if fid not in first:
                            first[fid] = (table, row, column, block.caption if table == TABLE_ACTIVE else "")
                            versions[fid] = set()
                        versions[fid].add(template)
    return {
        fid: Field(fid, table, frozenset(versions[fid]), row, column, _kind(fid), caption)
        for fid, (table, row, column, caption) in first.items()
    }


def all_fields() -> dict[str, Field]:
    """Every field of both templates, keyed by ID (the catalogue of fields.csv)."""
    return _catalogue()


def field(field_id: str) -> Field:
    """The field with this ID; KeyError when there is none."""
    return _catalogue()[field_id]


def split_field_id(field_id: str) -> tuple[str, str]:
    """(row name, column key) of a field ID: apply.denied.third_party.total → (apply.denied.third_party, total).

    Row names are what ``RowRemapEdit`` and the printed layout call rows (``apply.granted``, ``review``).
    An ID outside the catalogue (a project written by another version) splits at its last dot.
    """
    f = _catalogue().get(field_id)
    if f is None:
        head, _, col = field_id.rpartition(".")
        return head, col
    return field_id[: -len(f.column.key) - 1], f.column.key


def fields_for(template: str, table: str | None = None) -> list[Field]:
    """Fields printed in this template (and table), in printed order."""
    if template not in LAYOUTS:
        return []
    out = []
    for tbl, blocks in LAYOUTS[template].items():
        if table is not None and tbl != table:
            continue
        for block in blocks:
            for row in block.rows:
                for column in block.columns:
                    out.append(_catalogue()[_field_id(tbl, row, column)])
    return out


def layout(template: str, table: str) -> tuple[SubTable, ...]:
    """The printed blocks of a table in a template (2021 layout when the template is not known)."""
    return LAYOUTS.get(template, LAYOUTS[TEMPLATE_2021])[table]


def field_id_for(table: str, row: Row, column: Column) -> str:
    """The field ID of a row and column of a table."""
    return _field_id(table, row, column)


@cache
def editable_field_ids(template: str) -> frozenset[str]:
    """Field IDs a reviewer may edit for a report of this template: the value cells of its layout.

    Unknown and legacy templates use the 2021 layout, as ``layout`` does.
    """
    key = template if template in LAYOUTS else TEMPLATE_2021
    return frozenset(f.id for f in fields_for(key))


def is_editable(template: str, field_id: str) -> bool:
    """Whether a reviewer may edit this field in a report of this template."""
    return field_id in editable_field_ids(template)


# What OCR puts in a cell with ink it could not read (core.loading.scan_tables): read as no number, left
# out and flagged.
UNREADABLE = "□"

# What a statistics table prints in a cell that holds no figure (read as empty, never as a value).
EMPTY_TOKENS = frozenset({"", "/", "-", "—", "——", "无", "－", "／", "–", "―", "-—", "—-", "--", "..."})
