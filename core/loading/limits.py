"""The loaders' explicit limits, in one place, and the error a file over one of them becomes.

Each limit is far above any real annual report (the largest in the corpus: ~150 pages, ~120k
characters, tables of ≤ 20 columns) and far below what would make a small crafted file hang or
exhaust memory. A file over a *document* limit is refused with a Chinese message naming the file
and the limit (``LimitExceeded.to_error``); a single part over a *part* limit (one table, one
numbering level, one number) is left out and flagged as a finding, and the rest is read.

The worker process adds a wall-clock and a memory limit per file on top of these
(``core.batch.worker``): these limits make the common attacks fail fast and clearly, the worker
limits catch whatever they miss.
"""

from __future__ import annotations

from core.errors import LoadError

# --- whole documents (over → the file is refused)
MAX_TEXT_CHARS = 2_000_000  # extracted characters of any report (real: ≤ 150k)
MAX_DOCX_BODY_XML = 20 * 1024 * 1024  # word/document.xml uncompressed (real: ≤ 3 MB)
MAX_PDF_PAGES = 300  # pages of a PDF (real: ≤ 150; ~40 ms a page)
MAX_PDF_STREAM = 64 * 1024 * 1024  # one PDF stream, inflated (real: ≤ 2 MB)
MAX_PDF_INFLATED = 512 * 1024 * 1024  # all streams of one PDF, inflated
MAX_SNAPSHOT = 256 * 1024 * 1024  # a project's stored report snapshot, inflated

# --- parts (over → that part is left out with a finding)
MAX_GRID_COLUMNS = 1000  # columns of one table (gridBefore + gridSpan; real: ≤ 20)
MAX_GRID_CELLS = 200_000  # rows × columns of one table
MAX_NUMBERING_START = 32767  # Word's own maximum for a list's start value
MAX_LABEL_CHARS = 64  # a generated list label ("一、", "（二）", "a.")
MAX_NUMBER_DIGITS = 15  # digits of a number read as a value (beyond: not exact as a float, not a count)


def describe_bytes(n: int) -> str:
    """20 MB, 1.5 GB: how a size is named in a message."""
    if n >= 1024**3:
        return f"{n / 1024**3:.1f}".rstrip("0").rstrip(".") + " GB"
    if n >= 1024**2:
        return f"{n / 1024**2:.1f}".rstrip("0").rstrip(".") + " MB"
    return f"{n / 1024:.0f} KB"


class LimitExceeded(Exception):
    """A loader met a document limit. Raised deep inside a loader, which does not know the file's
    name; ``core.loading.dispatch.load_file`` turns it into a LoadError naming the file.

    Attributes:
        code: ``limit.<what>`` (stable, machine-readable).
        what: Chinese, what was too large, with the amount found ("正文文字超过 2000000 个字符").
        limit: Chinese, the limit ("200 万个字符").
    """

    def __init__(self, code: str, what: str, limit: str) -> None:
        super().__init__(f"{code}: {what} (limit {limit})")
        self.code = code
        self.what = what
        self.limit = limit

    def to_error(self, name: str) -> LoadError:
        return LoadError(
            f"文件“{name}”{self.what}，超过了本程序的上限（{self.limit}），不像是一份正常的年度报告，已拒绝读取"
            "（可能是损坏或恶意构造的文件）。",
            code=self.code,
            details=str(self),
        )


def text_too_long(n: int) -> LimitExceeded:
    return LimitExceeded("limit.text", f"的文字超过 {n:,} 个字符", f"{MAX_TEXT_CHARS:,} 个字符")
