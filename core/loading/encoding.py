"""Decode a text file's bytes: BOM → strict UTF-8 → UTF-16 sniffing → chardet, GB/Big5 supersets."""

from __future__ import annotations

import codecs
import re

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


_CTRL_RE = re.compile("[\x00-\x08\x0e-\x1f\ue000-\uf8ff]")


class DecodeFailed(ValueError):
    """The bytes are not text in any encoding we know."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode report bytes to text.

    Returns:
        ``(text, encoding)``; a BOM is dropped from the text.

    Raises:
        DecodeFailed: the bytes look binary (NULs, control bytes) or decode nowhere.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            if enc.startswith("utf-32") and data.startswith(codecs.BOM_UTF16_LE) and len(data) % 4:
                continue
            try:
                return _check(data[len(bom) :].decode(enc), enc)
            except UnicodeDecodeError as exc:
                raise DecodeFailed(f"{enc} with BOM: {exc}") from exc
    utf16 = _sniff_utf16(data)
    if utf16:
        try:
            return _check(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    try:
        return _check(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise DecodeFailed("NUL bytes: binary data")
    import chardet

    guess = chardet.detect(data[:200_000]) or {}
    name = (guess.get("encoding") or "").lower()
    candidates = [_SUPERSETS.get(name, name)] if name else []
    if any(x in name for x in ("big5", "950")):
        candidates += ["big5hkscs", "cp950"]
    candidates += ["gb18030", "big5hkscs"]
    seen: set[str] = set()
    for enc in candidates:
        if not enc or enc in seen:
            continue
        seen.add(enc)
        try:
            return _check(data.decode(enc), enc)
        except (UnicodeDecodeError, LookupError, DecodeFailed):
            continue
    raise DecodeFailed("no encoding fits")


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


def _check(text: str, enc: str) -> tuple[str, str]:
    """Reject decoded 'text' that is mostly control characters (binary junk)."""
    sample = text[:20000]
    if sample:
        bad = len(_CTRL_RE.findall(sample))
        if bad > max(2, len(sample) * 0.01):
            raise DecodeFailed(f"{bad} control characters in the first {len(sample)}: binary data")
        replacement = sample.count("\ufffd")
        if replacement > max(5, len(sample) * 0.02):
            raise DecodeFailed("many replacement characters")
    return text, enc
