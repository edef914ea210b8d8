"""Small crafted files that attack the loaders (generated in the tests; nothing large is committed)."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
INTRO = "青禾县示例局2024年政府信息公开工作年度报告"


def para(text: str, num: tuple[int, int] | None = None) -> str:
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>' if num else ""
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def cell(text: str, span: int = 1) -> str:
    pr = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span != 1 else ""
    return f"<w:tc>{pr}{para(text)}</w:tc>"


def row(cells: str, grid_before: int = 0) -> str:
    pr = f'<w:trPr><w:gridBefore w:val="{grid_before}"/></w:trPr>' if grid_before else ""
    return f"<w:tr>{pr}{cells}</w:tr>"


def table(rows: str) -> str:
    return f"<w:tbl>{rows}</w:tbl>"


def write_docx(path: Path, body: str, numbering: str | None = None, *, level: int = 6) -> Path:
    """A minimal .docx holding ``body`` (WordprocessingML inside w:body) and an optional numbering part."""
    doc = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        zf.writestr("[Content_Types].xml", _CT)
        zf.writestr("word/document.xml", doc)
        if numbering is not None:
            zf.writestr("word/numbering.xml", numbering)
    return path


def numbering_xml(fmt: str, start: int, text: str = "%1、") -> str:
    return (
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
        f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )


def pdf_with_stream(path: Path, content: bytes, *, pages: int = 1, padding: int = 0) -> Path:
    """A hand-written PDF: ``pages`` pages sharing one FlateDecode content stream: ``content`` then
    ``padding`` spaces (compressed in pieces: a 100 MB stream costs ~100 KB and no memory)."""
    z = zlib.compressobj(9)
    pieces = [z.compress(content)]
    block = b" " * (1 << 20)
    for _ in range(padding >> 20):
        pieces.append(z.compress(block))
    pieces.append(z.compress(b" " * (padding & ((1 << 20) - 1))))
    pieces.append(z.flush())
    data = b"".join(pieces)
    compress = True
    objs: list[bytes] = []
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    filt = b" /Filter /FlateDecode" if compress else b""
    objs.append(b"<< /Length %d%s >>\nstream\n" % (len(data), filt) + data + b"\nendstream")
    font = 4 + pages
    for _ in range(pages):
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path
