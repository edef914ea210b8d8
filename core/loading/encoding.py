"""Decode a text file's bytes: BOM → UTF-16 sniffing → strict UTF-8 → chardet among report encodings, GB/Big5 supersets."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from core.lazy_re import lazy_compile

# Detected charset → the codec to decode with (supersets: a "GB2312" page holds GBK characters).
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "hz-gb-2312": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "cp950": "cp950",
    "ascii": "utf-8",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_CTRL_RE = lazy_compile("[\x00-\x08\x0e-\x1f\ue000-\uf8ff]")


class DecodeFailed(ValueError):
    """The bytes are not text in any encoding we know."""


# Encodings a Chinese report can be in; a detector's guess outside them (windows-1251, latin-1 …)
# is mojibake of damaged CJK text, never a report.
_CJK_CODECS = ("gb18030", "big5hkscs", "cp950", "utf-8", "utf-16", "utf-32", "euc", "shift_jis", "cp932", "iso-2022")
# What the detector chooses among (chardet's names of the encodings above).
_DETECT_AMONG = (
    "gb18030", "gb2312", "gbk", "hz-gb-2312", "big5", "big5hkscs", "cp950", "utf-8", "utf-16", "utf-16-le",
    "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "euc-jp", "euc-kr", "shift_jis", "cp932", "iso-2022-jp",
    "iso-2022-kr",
)  # fmt: skip
# Mostly-valid text: at most one bad sequence per this many good non-ASCII characters.
_GOOD_PER_BAD = 10


@dataclass(frozen=True)
class Decoded:
    """Decoded text; ``replaced`` counts byte sequences that were invalid and became U+FFFD."""

    text: str
    encoding: str
    replaced: int = 0


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode report bytes to text: ``(text, encoding)`` (see ``decode_report``)."""
    d = decode_report(data)
    return d.text, d.encoding


def decode_report(data: bytes, declared: str | None = None) -> Decoded:
    """Decode report bytes to text.

    Order: BOM → UTF-16 sniffing → strict UTF-8 → mostly-valid UTF-8 (a few damaged bytes, or
    cut in the middle of a character) → the GB encoding a web page declares (``declared``, see
    ``declared_charset``), when the bytes read as it strictly → the detector's guess among Chinese encodings (strict, then mostly-valid). Damaged bytes become
    U+FFFD and are counted in ``replaced``, so the caller can say so; they never make the whole
    file decode as another code page.

    Raises:
        DecodeFailed: the bytes look binary (NULs, control bytes) or decode nowhere.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            if enc.startswith("utf-32") and data.startswith(codecs.BOM_UTF16_LE) and len(data) % 4:
                continue
            body = data[len(bom) :]
            try:
                return _check(body.decode(enc), enc)
            except UnicodeDecodeError as exc:
                lenient = _lenient(body, enc, cjk_check=False)
                if lenient is not None:
                    return lenient
                raise DecodeFailed(f"{enc} with BOM: {exc}") from exc
    utf16 = _sniff_utf16(data)
    if utf16:
        try:
            return _check(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    try:
        return _check(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if b"\x00" in data[:4096]:
        raise DecodeFailed("NUL bytes: binary data")
    lenient = None if _far_from_utf8(data, first_bad) else _lenient(data, "utf-8")
    if lenient is not None:
        return lenient
    if declared and _SUPERSETS.get(declared.lower()) == "gb18030":
        as_declared = _as_declared_gb(data)
        if as_declared is not None:
            return as_declared
    import chardet

    # Only among the encodings a report can be in: asked to choose among all, chardet 7 calls a
    # GBK or Big5 web page whose inline scripts and styles outweigh its text "ISO-8859-2"
    # (a Big5 page then fell through to GB18030 and read as nonsense). bench/README.md.
    try:
        guess = chardet.detect(data[:200_000], include_encodings=_DETECT_AMONG, no_match_encoding="gb18030")
        name = (guess.get("encoding") or "").lower()
    except (RuntimeError, ValueError, LookupError):
        name = ""  # the detector failed on these bytes: the fallbacks below, as for no guess
    candidates = [_SUPERSETS.get(name, name)] if name else []
    if any(x in name for x in ("big5", "950")):
        candidates += ["big5hkscs", "cp950"]
    candidates += ["gb18030", "big5hkscs"]
    ordered: list[str] = []
    for enc in candidates:
        if (
            enc
            and enc not in ordered
            and enc.replace("-", "").startswith(tuple(c.replace("-", "") for c in _CJK_CODECS))
        ):
            ordered.append(enc)
    for enc in ordered:
        try:
            return _check(data.decode(enc), enc)
        except (UnicodeDecodeError, LookupError, DecodeFailed):
            continue
    best: Decoded | None = None
    for enc in ordered:
        try:
            got = _lenient(data, enc)
        except LookupError:
            continue
        if got is not None and (best is None or got.replaced < best.replaced):
            best = got
    if best is not None:
        return best
    raise DecodeFailed("no encoding fits")


def _resync(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler for double-byte encodings: replace the damaged sequence, and when the
    damaged byte was the first of a pair, skip its partner too — otherwise every later pair on the
    line is read off by one byte (mojibake). The choice goes to whichever reads on as more
    ordinary Chinese text."""
    assert isinstance(exc, UnicodeDecodeError)
    data, end = exc.object, exc.end
    best, best_score = end, None
    for skip in (end, end + 1):
        if skip > len(data):
            continue
        ahead = bytes(data[skip : skip + 40]).decode(exc.encoding, errors="replace")
        score = sum(
            1 if ("\u4e00" <= ch <= "\u9fa5" or ch.isascii() or ch in "，。、；：（）《》“”") else -2 for ch in ahead
        )
        if best_score is None or score > best_score:
            best, best_score = skip, score
    return "\ufffd", best


codecs.register_error("ogi_resync", _resync)


_ASCII_BYTES = bytes(range(128))


def _far_from_utf8(data: bytes, first_bad: int) -> bool:
    """True when ``_lenient(data, "utf-8")`` would say no, told from the first 16 KB of the file's
    non-ASCII bytes instead of decoding the whole file (a GBK page): there, at least ``bad``
    damaged sequences (one fewer than the sample shows: the last may be a character the sample
    cuts), against at most ``good`` well-formed non-ASCII characters in the whole file (each is
    two or more bytes ≥ 0x80). A UTF-8 character's bytes are all ≥ 0x80, so dropping the ASCII
    bytes (a page's scripts and styles, often the first tens of KB) keeps every good character
    whole; it can only mend damage, never add any."""
    high = data.translate(None, _ASCII_BYTES)
    start = len(data[:first_bad].translate(None, _ASCII_BYTES))  # where the first bad byte is in ``high``
    chunk = high[start : start + 16384]
    bad = chunk.decode("utf-8", errors="replace").count("\ufffd") - chunk.count(b"\xef\xbf\xbd") - 1
    if bad < 2:
        return False
    good = len(high) // 2
    return good < _GOOD_PER_BAD * bad


def _as_declared_gb(data: bytes) -> Decoded | None:
    """``data`` read as the GB18030 its page declares, without the detector — or None when the
    bytes are not strictly GB18030 or not ordinary text, to let the detector choose. The detector
    itself takes a page's declaration as decisive (chardet 7: a Big5 page saved under a GB
    declaration reads as GB18030 there too), so this only spares its cost (~0.5 ms a page)."""
    try:
        return _check(data.decode("gb18030"), "gb18030")
    except (UnicodeDecodeError, DecodeFailed):
        return None


_DECLARED_RE = lazy_compile(rb"""<meta\b[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_-]{2,20})""", re.IGNORECASE)


def declared_charset(head: bytes) -> str | None:
    """The character set a web page declares in a ``<meta>`` tag of its first 4 KB, lower-case."""
    m = _DECLARED_RE.search(head[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def _lenient(data: bytes, enc: str, *, cjk_check: bool = True) -> Decoded | None:
    """``data`` as ``enc`` with damaged sequences replaced, when the damage is small; else None.

    Small: at most one bad sequence per ``_GOOD_PER_BAD`` well-formed non-ASCII characters, or a
    single bad sequence at the very end (a file cut in the middle of a character).
    """
    text = data.decode(enc, errors="replace" if enc.startswith("utf") else "ogi_resync")
    own = text.count("\ufffd")
    if own == 0:
        return None
    already = data.count("\ufffd".encode(enc)) if enc.startswith("utf") else 0
    bad = own - already
    if bad <= 0:
        return None
    tail_cut = bad == 1 and text.endswith("\ufffd") and not text[-2:-1] == "\ufffd"
    good = len(text) - len(text.encode("ascii", "ignore")) - own  # non-ASCII characters, at C speed
    if cjk_check and not tail_cut and good < _GOOD_PER_BAD * bad:
        return None
    if cjk_check and good and not _mostly_cjk(text):
        return None
    if tail_cut:
        text = text[:-1]
    try:
        checked = _check(text, enc, allow_replacements=bad)
    except DecodeFailed:
        return None
    return Decoded(checked.text, enc, bad)


def _mostly_cjk(text: str) -> bool:
    """Most non-ASCII characters are CJK or Chinese punctuation (a report, not mojibake)."""
    sample = text[:20000]
    n = len(_NON_ASCII_RE.findall(sample))
    if not n:
        return True
    return len(_CJK_OR_PUNCT_RE.findall(sample)) >= 0.6 * n


_NON_ASCII_RE = lazy_compile("[^\x00-\x7f\ufffd]")
_CJK_OR_PUNCT_RE = lazy_compile("[\u3000-\u9fff\uff00-\uffef“”‘’…—·]")


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: many NULs at odd (LE) or even (BE) positions."""
    head = data[:4000]
    if len(head) < 4 or len(head) % 2:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    # ASCII-heavy UTF-16 has NULs in one lane; CJK-heavy text has none, so also check the
    # lane of ASCII line breaks and spaces.
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    if b"\x00" in head:
        le, be = _cjk_share(data, "utf-16-le"), _cjk_share(data, "utf-16-be")
        if le > 0.9 and le > be + 0.2:
            return "utf-16-le"
        if be > 0.9 and be > le + 0.2:
            return "utf-16-be"
    return None


def _cjk_share(data: bytes, enc: str) -> float:
    try:
        s = data[:4000].decode(enc, errors="strict")
    except UnicodeDecodeError:
        return 0.0
    if not s:
        return 0.0
    good = sum(
        1
        for ch in s
        if "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or ch in "“”‘’…—"
        or (ch.isascii() and (ch.isprintable() or ch in "\r\n\t"))
    )
    return good / len(s)


def _check(text: str, enc: str, allow_replacements: int = 0) -> Decoded:
    """Reject decoded 'text' that is mostly control characters (binary junk)."""
    sample = text[:20000]
    if sample:
        bad = len(_CTRL_RE.findall(sample))
        if bad > max(2, len(sample) * 0.01):
            raise DecodeFailed(f"{bad} control characters in the first {len(sample)}: binary data")
        replacement = sample.count("\ufffd")
        if replacement > max(5, len(sample) * 0.02, allow_replacements):
            raise DecodeFailed("many replacement characters")
    return Decoded(text, enc, allow_replacements)
