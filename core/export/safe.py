"""Safe cells and files: text that can never become a formula, valid sheet names, atomic saves."""

from __future__ import annotations

import contextlib
import math
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.console import readable
from core.errors import Cancelled, ExportError, os_advice, os_reason
from core.review import files

# A spreadsheet (or a CSV saved from it) treats text starting with these as a formula or command.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 (and so every xlsx part) cannot hold: C0 controls but tab/LF/CR, the
# non-characters U+FFFE/U+FFFF, and UTF-16 surrogates (a lone one cannot even be encoded).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
MAX_CELL_TEXT = 32767
MAX_SHEET_NAME = 31


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet would read this text as a formula (or a CSV injection)."""
    return text.startswith(FORMULA_TRIGGERS)


def clean_text(text: Any, limit: int = MAX_CELL_TEXT) -> str:
    """A string a workbook (or any XML, JSON or terminal) can hold: undecodable file-name bytes made
    readable, characters XML cannot hold removed (U+FFFE/U+FFFF and lone surrogates become
    U+FFFD, controls are dropped), at most ``limit`` characters."""
    s = "" if text is None else str(text)
    s = readable(s)
    if _ILLEGAL_XML.search(s):
        s = _ILLEGAL_XML.sub(lambda m: "" if m.group(0) < "\x20" else "\ufffd", s)
    return s[:limit]


def put_text(cell: Any, text: Any) -> Any:
    """Store text in a cell as a string, never as a formula.

    Text that starts like a formula (``=``, ``+``, ``-``, ``@``, tab, CR) is stored as a
    shared string with the cell's *quote prefix* set: the xlsx form of typing ``'=1+1``. Excel
    and LibreOffice show the text exactly as printed (no apostrophe, no invisible character)
    and keep it text when the user edits the cell; the text itself is unchanged, so it still
    matches and sorts as the report prints it.
    """
    s = clean_text(text)
    cell.value = s
    if is_formula_like(s):
        cell.data_type = "s"  # openpyxl guessed "f" for a leading '='
        cell.quotePrefix = True
    return cell


def cell_value(value: Any) -> Any:
    """A value a cell can hold exactly: None, a number Excel keeps exactly (< 10^15, finite), or
    clean text — a longer integer exactly as its digits, inf/nan as text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value if abs(value) < 10**15 else _long_int_text(value)
    if isinstance(value, float):
        return value if math.isfinite(value) and abs(value) < 1e15 else clean_text(repr(value))
    return clean_text(value)


def put_value(cell: Any, value: Any) -> Any:
    """Store a number as a number and anything else as safe text (None leaves the cell empty)."""
    if value is None:
        cell.value = None
    elif isinstance(value, bool):
        cell.value = int(value)
    elif isinstance(value, int) and abs(value) < 10**15:
        cell.value = value
    elif isinstance(value, float) and math.isfinite(value) and abs(value) < 1e15:
        cell.value = value
    elif isinstance(value, int):
        put_text(cell, _long_int_text(value))  # beyond Excel's 15 significant digits: exact as text
    else:
        put_text(cell, value)
    return cell


_XML_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def cell_xml_tail(v: Any) -> str:
    """The sheet XML of a cell after its attributes (``<c r=… s=…`` comes first) holding ``v``, a
    value as ``cell_value`` made it: a number as a number, text as an inline string (never a
    formula, whatever it starts with; a ``quotePrefix`` style keeps it text when edited)."""
    if v is None:
        return "/>"
    if isinstance(v, int):
        return f"><v>{v}</v></c>"
    if isinstance(v, float):
        return f"><v>{v!r}</v></c>"
    text = v.translate(_XML_ESCAPE)
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f' t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _long_int_text(value: int) -> str:
    try:
        return str(value)
    except ValueError:  # more than sys.get_int_max_str_digits() digits
        return f"（{value.bit_length() * 30103 // 100000 + 1} 位数字，无法显示）"


def comment_text(text: Any) -> str:
    """Text for a cell comment (Excel keeps at most 32767 characters; controls dropped)."""
    return clean_text(text)


def sheet_name(name: str, used: set[str], fallback: str = "报告") -> str:
    """A valid, unique sheet name: no ``[]:*?/\\``, no leading/trailing apostrophe, ≤ 31 characters.

    ``used`` holds the names taken so far in lower case (Excel compares them case-insensitively);
    the chosen name is added to it.
    """
    base = _SHEET_BAD.sub("_", clean_text(name)).strip().strip("'").strip() or fallback
    if base.lower() == "history":  # reserved by Excel
        base = fallback
    base = base[:MAX_SHEET_NAME].rstrip().rstrip("'").rstrip() or fallback  # cut: never end on "'"
    candidate = base
    n = 2
    while candidate.lower() in used:
        suffix = f"({n})"
        candidate = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        n += 1
    used.add(candidate.lower())
    return candidate


_FILE_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def file_name(stem: str, suffix: str = ".xlsx") -> str:
    """A file name Windows, macOS and Linux all accept: no ``<>:"/\\|?*``, at most 120 characters."""
    clean = _FILE_BAD.sub("_", clean_text(stem)).replace("\ufffd", "_").strip().strip(".") or "导出"
    return clean[:120] + suffix


def _locked_error(path: Path) -> ExportError:
    return ExportError(
        f"无法写入“{path.name}”：该文件可能正被 Excel 或 WPS 打开。请关闭该文件后重试，或另选文件名导出。",
        code="export.locked",
        details=str(path),
    )


def check_target(path: str | os.PathLike[str]) -> Path:
    """Check before any work that ``path`` can be written; returns it resolved.

    Raises ExportError with a Chinese message (wrong extension, missing folder, a folder in
    the way, the file held open by another program).
    """
    p = Path(path).expanduser()
    if p.suffix.lower() != ".xlsx":
        raise ExportError(f"导出文件“{p.name}”的扩展名应为 .xlsx。", code="export.suffix")
    folder = p.parent if str(p.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"无法导出到“{p}”：文件夹“{folder}”不存在。", code="export.folder")
    if p.is_dir():
        raise ExportError(f"无法导出到“{p}”：这是一个文件夹。", code="export.isdir")
    if p.exists():
        if not os.access(p, os.W_OK):
            raise ExportError(f"无法写入“{p.name}”：该文件是只读的。请另选文件名导出。", code="export.readonly")
        try:
            with open(p, "r+b"):
                pass
        except PermissionError as exc:
            raise _locked_error(p) from exc
        except OSError as exc:
            raise ExportError(f"无法写入“{p.name}”：{os_reason(exc)}。", code="export.write") from exc
    if not os.access(folder, os.W_OK):
        raise ExportError(f"无法导出到“{p}”：没有写入文件夹“{folder}”的权限。", code="export.folder")
    return p


TEMP_PREFIX, TEMP_SUFFIX = "~ogi-", ".xlsx.tmp"
STALE_TEMP_SECONDS = 600  # a temporary file this old is left over from a killed export


def atomic_save(
    workbook: Any, path: str | os.PathLike[str], cancelled: Callable[[], bool] | None = None
) -> None:
    """Save a workbook to a temporary file beside ``path``, then move it into place.

    The workbook is serialised in memory first and written with one plain file write, so a full
    disk is one clean ExportError (no half-closed zip archive left to complain at exit). On any
    failure (including cancellation) the temporary file is removed and an existing ``path`` is
    left as it was; temporary files a killed export left in the folder are removed. A target held
    open by Excel (``PermissionError`` on Windows) becomes an ExportError asking the user to close it.
    """
    import io

    p = check_target(path)
    folder = p.parent if str(p.parent) else Path(".")
    remove_stale_temporaries(folder)
    buf = io.BytesIO()
    try:
        workbook.save(buf)
    except OSError as exc:  # a streamed workbook's own temporary files (full temp disk)
        raise ExportError(
            f"写入“{p.name}”失败：{os_reason(exc)}。{os_advice(exc)}", code="export.write", details=repr(exc)
        ) from exc
    if cancelled is not None and cancelled():
        raise Cancelled()
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise ExportError(
            f"无法在文件夹“{folder}”中写入文件：{os_reason(exc)}。{os_advice(exc) or '请另选文件夹。'}",
            code="export.folder",
            details=repr(exc),
        ) from exc
    tmp = Path(tmp_name)
    try:
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(buf.getbuffer())
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise ExportError(
                f"写入“{p.name}”失败：{os_reason(exc)}。{os_advice(exc)}", code="export.write", details=repr(exc)
            ) from exc
        files.give_default_mode(tmp)
        if cancelled is not None and cancelled():
            raise Cancelled()
        try:
            os.replace(tmp, p)
        except PermissionError as exc:
            raise _locked_error(p) from exc
        except OSError as exc:
            raise ExportError(
                f"写入“{p.name}”失败：{os_reason(exc)}。{os_advice(exc)}", code="export.write", details=repr(exc)
            ) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def remove_stale_temporaries(folder: str | os.PathLike[str], max_age: float = STALE_TEMP_SECONDS) -> int:
    """Remove ``~ogi-*.xlsx.tmp`` files older than ``max_age`` seconds (left by a killed export)."""
    import time

    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for e in entries:
        if not (e.name.startswith(TEMP_PREFIX) and e.name.endswith(TEMP_SUFFIX)):
            continue
        try:
            if e.is_file(follow_symlinks=False) and now - e.stat(follow_symlinks=False).st_mtime > max_age:
                os.unlink(e.path)
                removed += 1
        except OSError:
            continue
    return removed
