"""Choose the loader for a file by its content and extension; turn OS failures into messages."""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from pathlib import Path

from core.errors import LoadError, UnsupportedFormat, os_reason
from core.lazy_re import lazy_compile
from core.model import SourceDocument

TEXT_LIMIT = 8 * 1024 * 1024  # .txt/.md: a 200-page report is well under 1 MB
HTML_LIMIT = 24 * 1024 * 1024
BINARY_LIMIT = 300 * 1024 * 1024  # .docx/.pdf/.doc on disk

_EXT_FORMS = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
    ".docx": "docx", ".pdf": "pdf", ".doc": "doc", ".wps": "wps",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image", ".bmp": "image",
}  # fmt: skip
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_SNIFF = lazy_compile(rb"<\s*(?:!doctype\s+html|html|head|body|meta|table|div|p)\b", re.I)


def load_file(path: str, cancelled: Callable[[], bool] | None = None) -> SourceDocument:
    """Read a report file of any supported form into a normalised SourceDocument.

    Args:
        path: the file.
        cancelled: polled between pages/blocks; when it returns True, ``Cancelled`` is raised.

    Raises:
        LoadError: (or a subclass) with a Chinese message naming the file and the problem.
    """
    from core.loading.limits import LimitExceeded

    p = Path(path)
    name = p.name or str(path)
    try:
        return _load_file(p, name, cancelled)
    except LimitExceeded as exc:
        raise exc.to_error(name) from None


def _load_file(p: Path, name: str, cancelled: Callable[[], bool] | None) -> SourceDocument:
    size = _stat_size(p, name)
    if size == 0:
        raise LoadError(f"文件“{name}”是空文件（0 字节），没有可读取的内容。", code="file.empty")
    form = sniff_form(p, name)
    if form in ("docx", "pdf", "doc", "wps", "image"):
        doc = _load_binary(p, name, form, size, cancelled)
        if not doc.text.strip():
            raise LoadError(f"文件“{name}”中没有可读取的文字内容。", code="file.empty")
        return doc
    limit = HTML_LIMIT if form == "html" else TEXT_LIMIT
    if size > limit:
        raise LoadError(
            f"文件“{name}”过大（{size / 1024 / 1024:.1f} MB，文本报告通常小于 1 MB），已拒绝读取；"
            "请确认选择的是年度报告文件。",
            code="file.too_large",
        )
    data = _read(p, name)
    from core.loading.encoding import DecodeFailed, declared_charset, decode_report

    try:
        decoded = decode_report(data, declared_charset(data) if form == "html" else None)
        text, encoding = decoded.text, decoded.encoding
    except DecodeFailed as exc:
        raise LoadError(
            f"无法读取文件“{name}”：内容不是可识别的文本（可能是二进制文件或扩展名有误）。",
            code="file.not_text",
            details=str(exc),
        ) from exc
    if not text.strip():
        raise LoadError(f"文件“{name}”没有文字内容。", code="file.empty")
    from core.loading.limits import MAX_TEXT_CHARS, text_too_long

    if form != "html" and len(text) > MAX_TEXT_CHARS:  # a page's markup is limited by what it yields
        raise text_too_long(len(text))
    if form == "html":
        from core.loading.html import load_html

        doc = load_html(str(p), text, encoding, cancelled)
    else:
        from core.loading.text import load_text

        doc = load_text(str(p), text, encoding, form)
    if not doc.text.strip():
        raise LoadError(f"文件“{name}”没有可读取的文字内容。", code="file.empty")
    if decoded.replaced:
        doc.notes.append(
            (
                "load.bad_bytes",
                f"文件按 {_ENCODING_NAMES.get(encoding, encoding.upper())} 编码读取，其中 {decoded.replaced} 处字节"
                "无效（文件可能有损坏），已显示为“\ufffd”；这些位置的文字和数值可能缺失，请对照原件核实。",
            )
        )
    return doc


_ENCODING_NAMES = {"utf-8": "UTF-8", "gb18030": "GB18030（GBK）", "big5hkscs": "Big5", "cp950": "Big5"}


def _load_binary(p: Path, name: str, form: str, size: int, cancelled: Callable[[], bool] | None) -> SourceDocument:
    if size > BINARY_LIMIT:
        raise LoadError(f"文件“{name}”过大（{size / 1024 / 1024:.0f} MB），不像是一份年度报告。", code="file.too_large")
    if form == "docx":
        from core.loading.docx import load_docx

        return load_docx(str(p), cancelled)
    if form == "pdf":
        from core.loading.pdf import load_pdf
        from core.loading.scan import garbled_text_layer, load_scan

        try:
            doc = load_pdf(str(p), cancelled)
        except LoadError as exc:
            if exc.code != "pdf.scanned":
                raise
            return load_scan(str(p), "pdf", cancelled)  # a scanned PDF: read its page images by OCR
        if not garbled_text_layer(doc.original):
            return doc
        return load_scan(
            str(p), "pdf", cancelled, reason="文件的文字层是乱码（字体编码损坏），已改为按页面图像做文字识别（OCR）。"
        )
    if form == "image":
        from core.loading.scan import load_scan

        return load_scan(str(p), "image", cancelled)
    from core.loading.office import load_office

    return load_office(str(p), form, cancelled)


def sniff_form(p: Path, name: str | None = None) -> str:
    """The form of a file: magic bytes win over the extension (a .doc that is really a PDF)."""
    name = name or p.name
    head = _read(p, name, 4096)
    ext = p.suffix.lower()
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if ext == ".docx" or _zip_has_document(p):
            return "docx"
        raise UnsupportedFormat(f"文件“{name}”是压缩包，但不是 Word（.docx）文档，无法读取。", code="load.unsupported")
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    if head.startswith(_OLE_MAGIC):
        return "wps" if ext == ".wps" else "doc"
    if ext in _EXT_FORMS:
        form = _EXT_FORMS[ext]
        if form in ("docx", "pdf") and head:
            # named .docx/.pdf but without the magic: maybe an HTML page saved under that name
            if _HTML_SNIFF.search(head):
                return "html"
            kind = "Word（.docx）" if form == "docx" else "PDF"
            raise LoadError(
                f"无法打开文件“{name}”：内容不是有效的 {kind} 文件（文件已损坏或不完整）。", code=f"{form}.corrupt"
            )
        if form == "txt" and _HTML_SNIFF.match(head.lstrip(b"\xef\xbb\xbf \t\r\n")):
            return "html"
        return form
    if _HTML_SNIFF.search(head[:1024]):
        return "html"
    raise UnsupportedFormat(
        f"不支持的文件类型：“{name}”。可读取 .txt、.md、.html、.docx、.doc、.wps、.pdf 文件"
        "和扫描图片（.png、.jpg、.tif）。",
        code="load.unsupported",
    )


def _zip_has_document(p: Path) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(p) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False


def _stat_size(p: Path, name: str) -> int:
    try:
        st = p.stat()
    except FileNotFoundError as exc:
        raise LoadError(f"找不到文件“{name}”（路径：{p}）。", code="file.missing") from exc
    except PermissionError as exc:
        raise LoadError(f"没有权限访问文件“{name}”。", code="file.permission") from exc
    except OSError as exc:
        raise LoadError(f"无法访问文件“{name}”：{os_reason(exc)}。", code="file.unreadable") from exc
    if stat.S_ISDIR(st.st_mode):
        raise LoadError(f"“{name}”是一个文件夹，不是报告文件。", code="file.is_dir")
    if not stat.S_ISREG(st.st_mode):
        raise LoadError(f"“{name}”不是普通文件，无法读取。", code="file.unreadable")
    return st.st_size


def _read(p: Path, name: str, limit: int = -1) -> bytes:
    try:
        with open(p, "rb") as fh:
            return fh.read(limit)
    except PermissionError as exc:
        raise LoadError(f"没有权限读取文件“{name}”，请检查文件权限。", code="file.permission") from exc
    except IsADirectoryError as exc:
        raise LoadError(f"“{name}”是一个文件夹，不是报告文件。", code="file.is_dir") from exc
    except OSError as exc:
        raise LoadError(f"无法读取文件“{name}”：{os_reason(exc)}。", code="file.unreadable") from exc
