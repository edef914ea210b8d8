"""Bad input: each case ends quickly with a Chinese LoadError naming the file, never a traceback."""

from __future__ import annotations

import os
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import LoadError, UnsupportedFormat
from core.loading.dispatch import load_file
from tests.core.loader_fixtures import make_docx


def _fails(path: Path | str, code: str | None = None) -> LoadError:
    with pytest.raises(LoadError) as err:
        load_file(str(path))
    name = Path(path).name
    assert name in err.value.message, err.value.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.value.message)
    if code:
        assert err.value.code == code, (err.value.code, err.value.message)
    return err.value


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    _fails(tmp_path / "empty.txt", "file.empty")
    (tmp_path / "blank.txt").write_text(" \n\n\t", encoding="utf-8")
    _fails(tmp_path / "blank.txt", "file.empty")


def test_binary_junk_named_txt(tmp_path: Path) -> None:
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 64 + os.urandom(4096))
    _fails(tmp_path / "junk.txt", "file.not_text")


def test_truncated_docx(tmp_path: Path) -> None:
    data = make_docx(tmp_path / "full.docx", 1).read_bytes()
    (tmp_path / "cut.docx").write_bytes(data[: len(data) // 2])
    _fails(tmp_path / "cut.docx", "docx.corrupt")


def test_docx_without_document_part(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "other.docx", "w") as zf:
        zf.writestr("hello.txt", "hi")
    _fails(tmp_path / "other.docx", "docx.corrupt")


def test_docx_declaring_gigabytes(tmp_path: Path) -> None:
    """A zip whose central directory says word/document.xml inflates to 3 GB."""
    path = make_docx(tmp_path / "bomb.docx", 1)
    data = bytearray(path.read_bytes())
    sig = b"PK\x01\x02"
    pos = data.find(sig)
    while pos >= 0:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46 : pos + 46 + name_len] == b"word/document.xml":
            struct.pack_into("<I", data, pos + 24, 3_000_000_000)
        pos = data.find(sig, pos + 4)
    path.write_bytes(bytes(data))
    err = _fails(path, "docx.too_large")
    assert "MB" in err.message


def test_docx_zip_bomb_ratio(tmp_path: Path) -> None:
    path = tmp_path / "zeros.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b" " * (40 * 1024 * 1024))
    assert path.stat().st_size < 200_000
    _fails(path, "docx.too_large")


def test_corrupt_pdf(tmp_path: Path) -> None:
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF garbage")
    _fails(tmp_path / "bad.pdf")


def test_pdf_named_file_without_pdf_magic(tmp_path: Path) -> None:
    (tmp_path / "fake.pdf").write_bytes(b"\x00\x01binary")
    _fails(tmp_path / "fake.pdf", "pdf.corrupt")


def test_huge_text_rejected_by_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = ("本年度共收到政府信息公开申请12件。" * 20 + "\n").encode()
    with open(path, "wb") as fh:
        for _ in range(30 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    err = _fails(path, "file.too_large")
    assert "MB" in err.message


def test_html_entity_expansion(tmp_path: Path) -> None:
    decl = '<!ENTITY a "AAAAAAAAAA">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    html = f'<?xml version="1.0"?><!DOCTYPE html [{decl}]><html><body><p>一、总体情况&j;&j;</p></body></html>'
    (tmp_path / "lol.html").write_text(html, encoding="utf-8")
    doc = load_file(str(tmp_path / "lol.html"))
    assert "一、总体情况" in doc.text and len(doc.text) < 100


def test_missing_file(tmp_path: Path) -> None:
    _fails(tmp_path / "nowhere.docx", "file.missing")


def test_directory(tmp_path: Path) -> None:
    d = tmp_path / "reports.txt"
    d.mkdir()
    _fails(d, "file.is_dir")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text("一、总体情况", encoding="utf-8")
    f.chmod(0)
    try:
        _fails(f, "file.permission")
    finally:
        f.chmod(0o644)


def test_permission_denied_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated for root, who can read a mode-000 file."""
    import builtins

    f = tmp_path / "locked.txt"
    f.write_text("一、总体情况", encoding="utf-8")
    real_open = builtins.open

    def deny(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file) == str(f):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    _fails(f, "file.permission")


def test_unknown_format(tmp_path: Path) -> None:
    (tmp_path / "data.xyz").write_bytes(b"\x7fELF\x02\x01" + b"\x00" * 100)
    with pytest.raises(UnsupportedFormat) as err:
        load_file(str(tmp_path / "data.xyz"))
    assert "data.xyz" in err.value.message
    # a PNG is a scanned page now (read by OCR); a broken one is a clear error naming the file
    (tmp_path / "photo.xyz").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    with pytest.raises(LoadError) as err2:
        load_file(str(tmp_path / "photo.xyz"))
    assert err2.value.code == "image.corrupt" and "photo.xyz" in err2.value.message


def test_zip_that_is_not_docx(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "photos.zip", "w") as zf:
        zf.writestr("a.txt", "x")
    with pytest.raises(UnsupportedFormat):
        load_file(str(tmp_path / "photos.zip"))


def test_html_nested_absurdly_deep(tmp_path: Path) -> None:
    f = tmp_path / "deep.html"
    f.write_text(
        "<html><body>" + "<div>" * 50000 + "一、总体情况" + "</div>" * 50000 + "</body></html>", encoding="utf-8"
    )
    try:
        doc = load_file(str(f))
    except LoadError as exc:
        assert "deep.html" in exc.message
    else:
        assert len(doc.text) < 100


def test_html_with_too_many_elements(tmp_path: Path) -> None:
    f = tmp_path / "wide.html"
    f.write_text("<html><body>" + "<p>一</p>" * 200_000 + "</body></html>", encoding="utf-8")
    _fails(f, "html.too_large")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=1, max_size=3000), ext=st.sampled_from([".txt", ".md", ".html", ".bin"]))
def test_random_bytes_never_crash(tmp_path: Path, data: bytes, ext: str) -> None:
    f = tmp_path / f"fuzz{ext}"
    f.write_bytes(data)
    try:
        doc = load_file(str(f))
    except LoadError as exc:
        assert "fuzz" in exc.message
    else:
        assert len(doc.offsets) == len(doc.text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(alphabet="<>/tdrhpabl =\"'&;#x0123一二、（）\n\t colspan rowspan", max_size=400))
def test_random_html_never_crashes(tmp_path: Path, body: str) -> None:
    f = tmp_path / "fuzz.html"
    f.write_text("<html><body><table><tr><td>" + body + "</td></tr></table></body></html>", encoding="utf-8")
    try:
        doc = load_file(str(f))
    except LoadError as exc:
        assert "fuzz.html" in exc.message
    else:
        for g in doc.grids:
            for c in g.cells:
                assert doc.text[c.span.start : c.span.end] == c.text


def test_html_absurd_spans(tmp_path: Path) -> None:
    f = tmp_path / "spans.html"
    rows = '<tr><td rowspan="65534" colspan="999999">一</td><td>1</td></tr>' * 50
    f.write_text(f"<html><body><p>一、总体情况</p><table>{rows}</table></body></html>", encoding="utf-8")
    doc = load_file(str(f))
    assert doc.text.startswith("一、总体情况\n")
    assert all(g.n_rows * g.n_cols <= 20000 for g in doc.grids)
