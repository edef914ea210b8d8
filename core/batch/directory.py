"""The agency directory (机关名录): canonical names, 地区 and 层级, and who has not reported.

A spreadsheet (.xlsx) or CSV the office keeps, header in the first non-empty row:
``机关名称`` (required), ``别名`` (separated by ；), ``地区``, ``层级``, ``上级``.

Public API:
    DirectoryAgency(name, aliases, region, level, parent)
    Directory(agencies).resolve(printed_name) -> DirectoryAgency | None
    Directory.load(path) -> Directory   (raises DirectoryError for a file that cannot be used at all;
        a bad row — no name, a name or alias given twice — is skipped and described in ``.problems``)
    write_starting_directory(batch, path): the agencies of a batch, one row each, to fill in
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from core.errors import ReportError, os_reason
from core.review import files


class AgencyEntry(Protocol):
    """What the starting directory reads of a batch entry (``core.batch.model.BatchEntry``)."""

    @property
    def reviewed(self) -> object | None: ...

    @property
    def agency(self) -> str: ...

    @property
    def directory_agency(self) -> DirectoryAgency | None: ...


class AgencyBatch(Protocol):
    """What the starting directory reads of a batch (``core.batch.model.Batch``)."""

    @property
    def entries(self) -> Sequence[AgencyEntry]: ...

COLUMNS = ("机关名称", "别名", "地区", "层级", "上级")
REQUIRED = ("机关名称",)
ALIAS_SEPARATORS = r"[；;、,，\n]"


class DirectoryError(ReportError):
    """A directory file that cannot be used (message names the file and the row)."""

    def __init__(self, message: str, code: str = "directory.invalid") -> None:
        super().__init__(message, code=code)


def fold(name: object) -> str:
    """A name folded for matching: no spaces, brackets and quotes unified."""
    s = re.sub(r"\s+", "", str(name or ""))
    return s.replace("(", "（").replace(")", "）")


@dataclass
class DirectoryAgency:
    """One agency of the directory."""

    name: str
    aliases: list[str] = field(default_factory=list)
    region: str = ""
    level: str = ""
    parent: str = ""


class Directory:
    """Agencies by canonical name, with their aliases."""

    def __init__(
        self, agencies: Sequence[DirectoryAgency] = (), path: str = "", problems: Sequence[str] = ()
    ) -> None:
        self.agencies: list[DirectoryAgency] = list(agencies)
        self.path = path
        self.problems: list[str] = list(problems)  # rows that were skipped, in Chinese, naming the row
        self._by_name: dict[str, DirectoryAgency] = {}
        for a in self.agencies:
            for n in [a.name, *a.aliases]:
                self._by_name.setdefault(fold(n), a)

    def __len__(self) -> int:
        return len(self.agencies)

    def resolve(self, printed_name: str) -> DirectoryAgency | None:
        """The agency a printed name means (exact name or alias, spaces and bracket widths ignored)."""
        return self._by_name.get(fold(printed_name)) if printed_name else None

    def regions(self) -> list[str]:
        return sorted({a.region for a in self.agencies if a.region})

    def levels(self) -> list[str]:
        return sorted({a.level for a in self.agencies if a.level})

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Directory:
        """Read a directory file (.xlsx or .csv).

        A row with no 机关名称, or with a name or alias an earlier row already has, is skipped and
        described in ``problems`` (the rest of the directory is still used).

        Raises:
            DirectoryError: unreadable or empty file, missing 机关名称 column — the message names
                the file (and the header row).
        """
        p = Path(path)
        name = p.name
        suffix = p.suffix.lower()
        try:
            if suffix in (".xlsx", ".xlsm"):
                rows = _xlsx_rows(p)
            elif suffix in (".csv", ".txt"):
                rows = _csv_rows(p)
            else:
                raise DirectoryError(f"机关名录“{name}”的格式不支持：请使用 Excel 工作簿（.xlsx）或 CSV 文件（.csv）。")
        except DirectoryError:
            raise
        except FileNotFoundError as exc:
            raise DirectoryError(f"机关名录“{name}”不存在（{p}）。", code="directory.missing") from exc
        except PermissionError as exc:
            raise DirectoryError(f"无法读取机关名录“{name}”：没有访问权限。", code="directory.unreadable") from exc
        except OSError as exc:
            raise DirectoryError(
                f"无法读取机关名录“{name}”：{os_reason(exc)}。", code="directory.unreadable"
            ) from exc
        except Exception as exc:  # a damaged workbook
            raise DirectoryError(
                f"无法读取机关名录“{name}”：文件已损坏或不是{'Excel 工作簿' if suffix != '.csv' else 'CSV 文件'}。",
                code="directory.unreadable",
            ) from exc
        problems: list[str] = []
        agencies = _agencies(rows, name, problems)
        return cls(agencies, path=str(p), problems=problems)


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _xlsx_rows(path: Path) -> list[list[str]]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        return [[_cell(c) for c in row] for row in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DirectoryError(f"无法读取机关名录“{path.name}”：文字编码无法识别（请另存为 UTF-8 编码的 CSV）。")
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t，")
    except csv.Error:
        dialect = csv.excel
    return [[_cell(c) for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def _agencies(rows: list[list[str]], name: str, problems: list[str] | None = None) -> list[DirectoryAgency]:
    """The agencies of the rows; a bad row is described in ``problems`` and skipped (raised when None)."""

    def bad(message: str, code: str) -> None:
        if problems is None:
            raise DirectoryError(message, code=code)
        problems.append(message + "该行已跳过。")

    header_at = next((i for i, r in enumerate(rows) if any(r)), None)
    if header_at is None:
        raise DirectoryError(f"机关名录“{name}”是空的：第一行应为列名 {'、'.join(COLUMNS)}。", code="directory.empty")
    header = [fold(c) for c in rows[header_at]]
    col: dict[str, int] = {}
    for key in COLUMNS:
        if key in header:
            col[key] = header.index(key)
    missing = [k for k in REQUIRED if k not in col]
    if missing:
        got = "、".join(c for c in rows[header_at] if c) or "（空）"
        raise DirectoryError(
            f"机关名录“{name}”第 {header_at + 1} 行应为列名，缺少“{'、'.join(missing)}”列"
            f"（读到的列名：{got}；应有的列：{'、'.join(COLUMNS)}）。",
            code="directory.columns",
        )

    def get(row: list[str], key: str) -> str:
        i = col.get(key)
        return row[i].strip() if i is not None and i < len(row) else ""

    out: list[DirectoryAgency] = []
    seen: dict[str, tuple[int, str]] = {}  # folded name/alias → (row number, as written)
    for i in range(header_at + 1, len(rows)):
        row = rows[i]
        if not any(row):
            continue
        rowno = i + 1
        agency_name = get(row, "机关名称")
        if not agency_name:
            bad(f"机关名录“{name}”第 {rowno} 行没有填写机关名称。", "directory.empty_name")
            continue
        aliases = [a.strip() for a in re.split(ALIAS_SEPARATORS, get(row, "别名")) if a.strip()]
        clash = None
        for n in [agency_name, *aliases]:
            k = fold(n)
            if k in seen and seen[k][0] != rowno:  # an alias equal to the row's own name is harmless
                clash = (n, *seen[k])
                break
        if clash is not None:
            n, other_row, other = clash
            bad(
                f"机关名录“{name}”第 {rowno} 行的“{n}”与第 {other_row} 行的“{other}”重复："
                "每个机关名称和别名只能出现一次。",
                "directory.duplicate",
            )
            continue
        for n in [agency_name, *aliases]:
            seen.setdefault(fold(n), (rowno, n))
        out.append(
            DirectoryAgency(
                agency_name,
                [a for a in aliases if fold(a) != fold(agency_name)],
                get(row, "地区"),
                get(row, "层级"),
                get(row, "上级"),
            )
        )
    return out


def starting_rows(batch: AgencyBatch) -> list[DirectoryAgency]:
    """One agency per distinct name in the batch (directory data kept when already known)."""
    out: dict[str, DirectoryAgency] = {}
    for e in batch.entries:
        if e.reviewed is None or not e.agency:
            continue
        k = fold(e.agency)
        if k in out:
            continue
        known = e.directory_agency
        out[k] = (
            DirectoryAgency(known.name, list(known.aliases), known.region, known.level, known.parent)
            if known is not None
            else DirectoryAgency(e.agency)
        )
    return sorted(out.values(), key=lambda a: a.name)


def write_starting_directory(batch: AgencyBatch, path: str | os.PathLike[str]) -> int:
    """Write the agencies of ``batch`` as a directory to fill in (.xlsx or .csv); returns the row count.

    Written atomically (a temporary file renamed over ``path``).
    """
    agencies = starting_rows(batch)
    p = Path(path)
    if p.suffix.lower() == ".csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(COLUMNS)
        for a in agencies:
            w.writerow(_row(a))
        files.write_atomically(p, buf.getvalue().encode("utf-8-sig"))
    else:
        import openpyxl
        from openpyxl.styles import Font

        wb = openpyxl.Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "机关名录"
        ws.append(list(COLUMNS))
        for c in ws[1]:
            c.font = Font(bold=True)
        for a in agencies:
            ws.append(_row(a))
        for letter, width in zip("ABCDE", (36, 30, 14, 12, 30), strict=True):
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A2"
        buf2 = io.BytesIO()
        wb.save(buf2)
        files.write_atomically(p, buf2.getvalue())
    return len(agencies)


def _row(a: DirectoryAgency) -> list[str]:
    return [a.name, "；".join(a.aliases), a.region, a.level, a.parent]


def agencies_in(names: Iterable[str]) -> list[DirectoryAgency]:
    """Directory rows for plain names (tests and small tools)."""
    return [DirectoryAgency(n) for n in names]
