"""A PDF's characters and ruling lines read with pypdfium2, in the shapes pdfplumber gives.

pdfplumber spends most of its time in pdfminer's layout of characters. pdfium reads the same
characters 20–30× faster, so this module builds pdfplumber ``Page`` objects whose objects
(``chars``, ``lines``, ``rects``, ``curves``, ``images``) come from pdfium instead of pdfminer:
pdfplumber's table finder and text-line grouping then run unchanged on them, and the loader
(``core.loading.pdf``) reads either kind of page the same way.

The shapes follow pdfminer's conventions, checked against pdfplumber on real reports
(``bench/bench_pdf.py``, ``tests/core/test_pdf_layer.py``): a character's box is its advance
width by its font size, standing on the font's descent; a painted path becomes a ``line`` (one
segment), a ``rect`` (an axis-aligned closed four-segment path) or a ``curve``, one per subpath.

Only unrotated pages are read here (``Unsupported`` otherwise), and pdfium is used only in a
process's main thread (pdfium is not thread-safe and the window renders pages with it); the
loader falls back to pdfplumber in either case.
"""

from __future__ import annotations

import ctypes
import threading
import zlib
from collections.abc import Iterator
from typing import Any

import pdfplumber.page as _plumber_page

__all__ = ["LayerDocument", "LayerPage", "Unsupported", "open_layer", "usable_here"]

_Obj = dict[str, Any]


class Unsupported(Exception):
    """The file or page is outside what this layer reads (the loader uses pdfplumber instead)."""


def usable_here() -> bool:
    """pdfium may be called from this thread (the main thread of a process)."""
    return threading.current_thread() is threading.main_thread()


class _PdfStub:
    """What pdfplumber's derived pages and text extraction read from ``page.pdf``."""

    unicode_norm = None
    laparams = None


class LayerPage(_plumber_page.Page):
    """A pdfplumber Page whose objects were read by pdfium (find_tables, filter, extract_text_lines work)."""

    def __init__(self, number: int, width: float, height: float, doctop: float, objects: dict[str, list[_Obj]]):
        from functools import lru_cache

        self.pdf = _PdfStub()  # type: ignore[assignment]
        self.root_page = self
        self.page_obj = None  # type: ignore[assignment]
        self.page_number = number
        self.initial_doctop = doctop
        self.rotation = 0
        self.mediabox = (0.0, 0.0, width, height)
        self.cropbox = self.mediabox
        self.bbox = self.mediabox
        self._objects = objects
        self.get_textmap = lru_cache()(self._get_textmap)

    @property
    def objects(self) -> dict[str, list[_Obj]]:
        return self._objects

    def close(self) -> None:
        self.get_textmap.cache_clear()
        for name in ("_rect_edges", "_curve_edges", "_edges"):
            self.__dict__.pop(name, None)

    def __repr__(self) -> str:
        return f"<LayerPage:{self.page_number}>"


class LayerDocument:
    """An open PDF whose ``pages`` are read one at a time (like ``pdfplumber.PDF.pages``).

    A page this layer cannot read (rotated page or text, a font pdfium cannot measure) is read by
    pdfplumber instead; ``fallback_pages`` lists those page numbers.
    """

    def __init__(self, path: str) -> None:
        import pypdfium2 as pdfium

        self.path = path
        self._doc = pdfium.PdfDocument(path)
        self._plumber: Any = None
        self.fallback_pages: list[int] = []

    def __enter__(self) -> LayerDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._doc.close()
        if self._plumber is not None:
            self._plumber.close()
            self._plumber = None

    def __len__(self) -> int:
        return len(self._doc)

    @property
    def pages(self) -> Iterator[Any]:
        doctop = 0.0
        for i in range(len(self._doc)):
            page = self._doc[i]
            try:
                lp: Any = read_page(page, i + 1, doctop)
            except Unsupported:
                lp = self._plumber_page(i)
            finally:
                page.close()
            doctop += lp.height
            yield lp

    def _plumber_page(self, i: int) -> Any:
        import pdfplumber

        from core.loading import pdf_guard

        if self._plumber is None:
            pdf_guard.install()
            pdf_guard.start_document()
            self._plumber = pdfplumber.open(self.path)
        self.fallback_pages.append(i + 1)
        return self._plumber.pages[i]


def open_layer(path: str) -> LayerDocument:
    """Open ``path`` with pdfium, after checking what its streams inflate to (``check_streams``).

    Raises:
        LimitExceeded: a stream, or all of them, inflate beyond the loaders' limits.
        Unsupported, pypdfium2.PdfiumError: pdfium cannot be used here or cannot open the file.
    """
    if not usable_here():
        raise Unsupported("pdfium is used in a main thread only")
    with open(path, "rb") as f:
        check_streams(f.read())
    return LayerDocument(path)


def check_streams(data: bytes) -> None:
    """The loaders' stream limits (core.loading.limits) for pdfium, which inflates streams unbounded.

    Deflate inflates at most 1032-fold, so only a FlateDecode stream whose bound exceeds a limit is
    inflated — in 1 MB pieces that are counted and dropped (a real report: none or a few, a few
    ms). pdfplumber's reader gets the same limits from ``core.loading.pdf_guard``; other filters
    are left to the worker's memory limit.

    Raises:
        LimitExceeded: one stream over ``MAX_PDF_STREAM`` or all over ``MAX_PDF_INFLATED``.
    """
    from core.loading.limits import MAX_PDF_INFLATED, MAX_PDF_STREAM, LimitExceeded, describe_bytes

    streams: list[memoryview] = []
    view = memoryview(data)
    pos = 0
    while True:
        k = data.find(b"stream", pos)
        if k < 0:
            break
        pos = k + 6
        if data[k - 3 : k] == b"end":
            continue
        if data[pos : pos + 2] == b"\r\n":
            start = pos + 2
        elif data[pos : pos + 1] in (b"\n", b"\r"):
            start = pos + 1
        else:
            continue
        head = data[max(0, k - 2048) : k]
        head = head[head.rfind(b"obj") + 1 :]
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        if b"/FlateDecode" in head or b"/Fl " in head or b"/Fl]" in head or b"/Fl/" in head:
            streams.append(view[start:end])
        pos = end + 9
    sizes = [_MAX_RATIO * len(s) for s in streams]  # upper bounds until measured
    for i, s in enumerate(streams):
        if sizes[i] > MAX_PDF_STREAM:
            sizes[i] = _inflated_size(s)
    if sum(sizes) > MAX_PDF_INFLATED:
        for i in sorted(range(len(streams)), key=lambda i: -len(streams[i])):
            if sizes[i] == _MAX_RATIO * len(streams[i]):
                sizes[i] = _inflated_size(streams[i])
    total = sum(sizes)
    if total > MAX_PDF_INFLATED:  # the same limit and words as core.loading.pdf_guard's
        raise LimitExceeded(
            "limit.pdf_inflated",
            f"的数据解压后超过 {describe_bytes(total)}",
            f"每个 PDF {describe_bytes(MAX_PDF_INFLATED)}",
        )


_MAX_RATIO = 1032  # deflate's largest expansion


def _inflated_size(stream: memoryview) -> int:
    from core.loading.limits import MAX_PDF_STREAM, LimitExceeded, describe_bytes

    d = zlib.decompressobj()
    n = 0
    rest: bytes | memoryview = stream
    try:
        while rest:
            n += len(d.decompress(rest, 1 << 20))
            if n > MAX_PDF_STREAM:  # the same limit and words as core.loading.pdf_guard's
                raise LimitExceeded(
                    "limit.pdf_stream",
                    f"中有一个数据流解压后超过 {describe_bytes(n)}",
                    f"每个数据流 {describe_bytes(MAX_PDF_STREAM)}",
                )
            if d.eof:
                break
            rest = d.unconsumed_tail
    except zlib.error:
        pass  # damaged: pdfium decides what to make of it
    return n


# --------------------------------------------------------------------------- one page


def read_page(page: Any, number: int, doctop: float = 0.0) -> LayerPage:
    """A pdfplumber-shaped page from a pypdfium2 ``PdfPage``.

    Raises:
        Unsupported: a rotated page, or a character box pdfium cannot give.
    """
    if page.get_rotation() % 360:
        raise Unsupported("rotated page")
    mx0, my0, mx1, my1 = page.get_mediabox()
    if mx0 > mx1:
        mx0, mx1 = mx1, mx0
    if my0 > my1:
        my0, my1 = my1, my0
    width, height = mx1 - mx0, my1 - my0
    # pdfplumber: x as in the file, top = mediabox height − y (see pdfplumber.page.Page.process_object)
    objects: dict[str, list[_Obj]] = {"char": _chars(page, number, height, doctop)}
    shapes: dict[str, list[_Obj]] = {"line": [], "rect": [], "curve": [], "image": []}
    _walk_objects(page, number, height, doctop, shapes)
    for kind, objs in shapes.items():
        if objs:
            objects[kind] = objs
    return LayerPage(number, width, height, doctop, objects)


def _chars(page: Any, number: int, height: float, doctop: float) -> list[_Obj]:
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        n = raw.FPDFText_CountChars(tp)
        if n <= 0:
            return []
        buf = ctypes.create_string_buffer((n + 1) * 2)
        got = raw.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
        text = buf.raw[: max(0, got - 1) * 2].decode("utf-16-le", errors="replace")
        aligned = len(text) == n  # one UTF-16 unit a character (no surrogate pairs)
        ox, oy = ctypes.c_double(), ctypes.c_double()
        m = raw.FS_MATRIX()
        width = ctypes.c_float()
        is_generated = raw.FPDFText_IsGenerated
        origin = raw.FPDFText_GetCharOrigin
        text_object = raw.FPDFText_GetTextObject
        get_unicode = raw.FPDFText_GetUnicode
        address = ctypes.addressof
        objects: dict[int, tuple[Any, int, float, float, float, bool]] = {}  # text object → font, its key, scales
        widths: dict[tuple[int, str], float] = {}  # (font, character) → advance per unit of size
        out: list[_Obj] = []
        for i in range(n):
            if is_generated(tp, i):  # spaces and line breaks pdfium inferred: not in the file
                continue
            ch = text[i] if aligned else chr(get_unicode(tp, i))
            if ch in "\r\n\x00\ufffe":
                continue
            obj = text_object(tp, i)
            if not obj:
                raise Unsupported("character without a text object")
            key = address(obj.contents)
            info = objects.get(key)
            if info is None:
                info = objects[key] = _text_object_info(tp, i, obj, m)
            font, font_key, hscale, vscale, descent, upright = info
            if not upright:
                raise Unsupported("rotated text")
            if not origin(tp, i, ox, oy):
                raise Unsupported("character origin")
            adv = widths.get((font_key, ch))
            if adv is None:
                if not raw.FPDFFont_GetGlyphWidth(font, ord(ch), 1.0, ctypes.byref(width)):
                    raise Unsupported("glyph width")
                adv = widths[(font_key, ch)] = width.value
            # pdfminer's box: the advance width by the font size, standing on the font's descent
            x0 = ox.value
            x1 = x0 + adv * hscale
            y0 = oy.value + descent
            y1 = y0 + vscale
            top = height - y1
            bottom = height - y0
            out.append(
                {
                    "object_type": "char",
                    "page_number": number,
                    "text": ch,
                    "x0": x0,
                    "x1": x1,
                    "y0": y0,
                    "y1": y1,
                    "top": top,
                    "bottom": bottom,
                    "doctop": doctop + top,
                    "width": x1 - x0,
                    "height": vscale,
                    "size": vscale,
                    "upright": True,
                }
            )
        return out
    finally:
        textpage.close()


def _text_object_info(tp: Any, i: int, obj: Any, m: Any) -> tuple[Any, int, float, float, float, bool]:
    """A text object's font, the font's identity, horizontal and vertical size and descent in points, uprightness."""
    import pypdfium2.raw as raw

    font = raw.FPDFTextObj_GetFont(obj)
    if not font:
        raise Unsupported("text without a font")
    raw.FPDFText_GetMatrix(tp, i, m)
    a, b, c, d = m.a, m.b, m.c, m.d
    size = raw.FPDFText_GetFontSize(tp, i)
    upright = a * d > 0 and b == 0 and c == 0
    descent = ctypes.c_float()
    if not raw.FPDFFont_GetDescent(font, size * d, ctypes.byref(descent)):
        raise Unsupported("font descent")
    return font, ctypes.addressof(font.contents), size * a, size * d, descent.value, upright


# --------------------------------------------------------------------------- paths and images


def _walk_objects(page: Any, number: int, height: float, doctop: float, out: dict[str, list[_Obj]]) -> None:
    import pypdfium2.raw as raw

    ident = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    handle = page.raw
    count = raw.FPDFPage_CountObjects(handle)
    m = raw.FS_MATRIX()
    stack: list[tuple[Any, int, int, tuple[float, ...], bool]] = [(handle, count, 0, ident, False)]
    while stack:
        owner, n, i, ctm, is_form = stack.pop()
        if i >= n:
            continue
        stack.append((owner, n, i + 1, ctm, is_form))
        obj = raw.FPDFFormObj_GetObject(owner, i) if is_form else raw.FPDFPage_GetObject(owner, i)
        if not obj:
            continue
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM):
            continue
        raw.FPDFPageObj_GetMatrix(obj, m)
        own = _mul((m.a, m.b, m.c, m.d, m.e, m.f), ctm)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            if len(stack) < 16:
                stack.append((obj, raw.FPDFFormObj_CountObjects(obj), 0, own, True))
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            corners = [_apply(own, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
            out["image"].append(_box_obj("image", number, height, doctop, corners))
        else:
            _path(obj, own, number, height, doctop, out)


def _mul(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    """m then n (PDF row-vector convention: m × n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def _path(
    obj: Any, ctm: tuple[float, ...], number: int, height: float, doctop: float, out: dict[str, list[_Obj]]
) -> None:
    """A painted path's subpaths as pdfminer shapes them (pdfminer.converter.PDFLayoutAnalyzer.paint_path)."""
    import pypdfium2.raw as raw

    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return
    if not fill.value and not stroke.value:
        return
    n = raw.FPDFPath_CountSegments(obj)
    x = ctypes.c_float()
    y = ctypes.c_float()
    subpaths: list[tuple[str, list[tuple[float, float]]]] = []
    shape: list[str] = []
    pts: list[tuple[float, float]] = []
    bezier = 0
    for k in range(n):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        if not seg or not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        kind = raw.FPDFPathSegment_GetType(seg)
        px, py = _apply(ctm, x.value, y.value)
        pt = (round(px, 4), round(py, 4))  # pdfium keeps floats: drop their noise before equality tests
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if shape:
                subpaths.append(("".join(shape), pts))
            shape, pts, bezier = ["m"], [pt], 0
        elif kind == raw.FPDF_SEGMENT_LINETO:
            shape.append("l")
            pts.append(pt)
            bezier = 0
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier == 3:  # control, control, end point: one "c" at its end point
                shape.append("c")
                pts.append(pt)
                bezier = 0
        else:
            continue
        if shape and raw.FPDFPathSegment_GetClose(seg):
            shape.append("h")
            pts.append(pts[0])
    if shape:
        subpaths.append(("".join(shape), pts))
    for sh, ps in subpaths:
        if not sh.startswith("m"):
            continue
        if len(sh) > 3 and sh[-2:] == "lh" and ps[-2] == ps[0]:
            sh = sh[:-2] + "h"
            ps = ps[:-2] + ps[-1:]
        if sh in ("mlh", "ml"):
            out["line"].append(_box_obj("line", number, height, doctop, ps[:2], ps[:2], stroke, fill))
            continue
        if sh in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = ps
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            if ps[0] == ps[4] and square:
                out["rect"].append(_box_obj("rect", number, height, doctop, [ps[0], ps[2]], ps, stroke, fill))
                continue
        out["curve"].append(_box_obj("curve", number, height, doctop, ps, ps, stroke, fill))


def _box_obj(
    kind: str,
    number: int,
    height: float,
    doctop: float,
    corners: list[tuple[float, float]],
    pts: list[tuple[float, float]] | None = None,
    stroke: Any = None,
    fill: Any = None,
) -> _Obj:
    xs = [p[0] for p in corners]
    ys = [p[1] for p in corners]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    top = height - y1
    obj: _Obj = {
        "object_type": kind,
        "page_number": number,
        "x0": x0,
        "x1": x1,
        "y0": y0,
        "y1": y1,
        "top": top,
        "bottom": height - y0,
        "doctop": doctop + top,
        "width": x1 - x0,
        "height": y1 - y0,
    }
    if pts is not None:
        obj["pts"] = [(px, height - py) for px, py in pts]
        obj["stroke"] = bool(stroke.value) if stroke is not None else False
        obj["fill"] = bool(fill.value) if fill is not None else False
    return obj
