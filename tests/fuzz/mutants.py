"""Deterministic mutants of our own synthetic reports, for the fuzz test and ``bench/fuzz_long.py``.

Mutations: byte flips, truncation, chunk duplication and deletion, and — structure-aware — a
.docx whose members are damaged but still a valid zip (document.xml flipped, cut or inflated with
attributes such as gridSpan / gridBefore / numbering starts), and a PDF whose streams are damaged
or replaced by highly compressible filler. Every mutant is a small file written by us.
"""

from __future__ import annotations

import random
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path

from tests.core.loader_fixtures import make_docx, make_html, make_md, make_pdf, make_txt

Mutation = Callable[[bytes, random.Random], bytes]


def seeds(folder: Path) -> list[Path]:
    """One synthetic report of each form (made-up agencies and numbers)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        make_txt(folder / "seed-utf8.txt", 1),
        make_txt(folder / "seed-gbk.txt", 2, encoding="gb18030"),
        make_md(folder / "seed.md", 3),
        make_html(folder / "seed.html", 4),
        make_docx(folder / "seed.docx", 5),
        make_pdf(folder / "seed.pdf", 6, pages=2),
    ]


def flip(data: bytes, rnd: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rnd.choice((1, 1, 2, 4, 16))):
        b[rnd.randrange(len(b))] = rnd.randrange(256)
    return bytes(b)


def truncate(data: bytes, rnd: random.Random) -> bytes:
    return data[: rnd.randrange(1, max(2, len(data)))]


def duplicate(data: bytes, rnd: random.Random) -> bytes:
    a = rnd.randrange(len(data))
    b = min(len(data), a + rnd.randrange(1, 4096))
    return data[:b] + data[a:b] * rnd.choice((1, 2, 50)) + data[b:]


def delete(data: bytes, rnd: random.Random) -> bytes:
    a = rnd.randrange(len(data))
    return data[:a] + data[a + rnd.randrange(1, 512) :]


BYTE_MUTATIONS: tuple[Mutation, ...] = (flip, truncate, duplicate, delete)

_ATTR_ATTACKS = (
    (rb'<w:tc>', b'<w:tc><w:tcPr><w:gridSpan w:val="%d"/></w:tcPr>', (1000, 99999, -5)),
    (rb'<w:tr>', b'<w:tr><w:trPr><w:gridBefore w:val="%d"/></w:trPr>', (100000000, 2**31, -1)),
    (rb'<w:p>', b'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>', (0,)),
)
_NUMBERING = (
    b'<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b'<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="%d"/><w:numFmt w:val="%s"/>'
    b'<w:lvlText w:val="%%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    b"</w:numbering>"
)


def docx_member(data: bytes, rnd: random.Random) -> bytes:
    """Damage word/document.xml inside a still-valid zip (or add a hostile numbering part)."""
    try:
        zin = zipfile.ZipFile(BytesIO(data))
        parts = {i.filename: zin.read(i) for i in zin.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError):
        return flip(data, rnd)
    doc = parts.get("word/document.xml", b"")
    kind = rnd.randrange(4)
    if kind == 0:
        doc = flip(doc, rnd)
    elif kind == 1:
        doc = truncate(doc, rnd)
    else:
        tag, repl, values = rnd.choice(_ATTR_ATTACKS)
        value = rnd.choice(values)
        doc = re.sub(re.escape(tag), (repl % value) if b"%d" in repl else repl, doc, count=rnd.choice((1, 5, 1000)))
        if b"numId" in repl:
            start = rnd.choice((1, 32767, 40000, 2**31 - 1, -7))
            fmt = rnd.choice((b"decimal", b"lowerLetter", b"upperRoman", b"chineseCounting"))
            parts["word/numbering.xml"] = _NUMBERING % (start, fmt)
    parts["word/document.xml"] = doc
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, body in parts.items():
            zout.writestr(name, body)
    return out.getvalue()


_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\n?endstream", re.S)


def pdf_stream(data: bytes, rnd: random.Random) -> bytes:
    """Damage one PDF stream: flip its bytes, cut it, or swap in a small stream that inflates hugely."""
    found = list(_STREAM.finditer(data))
    if not found:
        return flip(data, rnd)
    kind = rnd.randrange(3)
    # the bomb replaces the largest stream (a page's content), which is surely inflated
    m = max(found, key=lambda f: len(f.group(1))) if kind == 2 else rnd.choice(found)
    body = m.group(1)
    if kind == 0:
        new = flip(body, rnd) if body else body
    elif kind == 1:
        new = body[: rnd.randrange(len(body) + 1)]
    else:
        z = zlib.compressobj(9)
        new = z.compress(b"BT /F1 12 Tf (x) Tj ET\n") + b"".join(
            z.compress(b" " * (1 << 20)) for _ in range(rnd.choice((8, 80)))
        )
        new += z.flush()
    head = data[: m.start(1)]
    at = head.rfind(b"<<")
    if at >= 0 and kind == 2:  # keep the dictionary right (length, plain Flate): the bomb must really be inflated
        d = re.sub(rb"/Length\s+\d+(?:\s+\d+\s+R)?", b"/Length %d" % len(new), head[at:], count=1)
        head = head[:at] + re.sub(rb"/Filter\s*\[[^\]]*\]", b"/Filter /FlateDecode", d, count=1)
    return head + new + data[m.end(1) :]


def mutants(seed_files: list[Path], out: Path, count: int, seed: int = 15) -> Iterator[Path]:
    """``count`` mutants written to ``out``, spread over the seeds, the same every run."""
    out.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(seed)
    blobs = [(p, p.read_bytes()) for p in seed_files]
    for i in range(count):
        src, data = blobs[i % len(blobs)]
        choices: list[Mutation] = list(BYTE_MUTATIONS)
        if src.suffix == ".docx":
            choices += [docx_member] * 4
        if src.suffix == ".pdf":
            choices += [pdf_stream] * 4
        mutate = rnd.choice(choices)
        body = mutate(data, rnd)
        if not body:
            body = data[:1]
        path = out / f"m{i:04d}-{mutate.__name__}{src.suffix}"
        path.write_bytes(body)
        yield path
