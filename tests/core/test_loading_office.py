"""Legacy .doc/.wps: LibreOffice conversion, and a clear message when LibreOffice is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import LoadError, MissingTool
from core.loading.dispatch import load_file, sniff_form
from core.loading.office import find_soffice, has_writer
from tests.core.loader_fixtures import make_docx

_SOFFICE = find_soffice()
_CAN_CONVERT = _SOFFICE is not None and has_writer(_SOFFICE)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.mark.parametrize("name", ["report.doc", "report.wps"])
def test_missing_libreoffice_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    f = tmp_path / name
    f.write_bytes(OLE)
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert find_soffice() is None
    with pytest.raises(MissingTool) as err:
        load_file(str(f))
    msg = err.value.message
    assert name in msg and "LibreOffice" in msg and "sudo apt install libreoffice-writer" in msg
    assert err.value.code == "load.missing_tool"


def test_ole_file_sniffed_as_doc_whatever_its_name(tmp_path: Path) -> None:
    f = tmp_path / "report.bin"
    f.write_bytes(OLE)
    assert sniff_form(f) == "doc"


@pytest.mark.slow
@pytest.mark.skipif(not _CAN_CONVERT, reason="LibreOffice Writer (soffice) not installed")
def test_doc_converted_by_libreoffice(tmp_path: Path) -> None:
    import subprocess

    src = make_docx(tmp_path / "src.docx", 4)
    profile = (tmp_path / "p").as_uri()
    subprocess.run(
        [
            find_soffice(),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    doc = load_file(str(tmp_path / "src.doc"))
    assert doc.form == "doc" and doc.path.endswith("src.doc")
    assert len(doc.grids) == 1 and doc.grids[0].cells[0].text == "项目"


@pytest.mark.slow
@pytest.mark.skipif(not _CAN_CONVERT, reason="LibreOffice Writer (soffice) not installed")
def test_garbage_doc_fails_with_message(tmp_path: Path) -> None:
    f = tmp_path / "bad.doc"
    f.write_bytes(OLE + b"\xff" * 2000)
    with pytest.raises(LoadError) as err:
        load_file(str(f))
    assert "bad.doc" in err.value.message


@pytest.mark.slow
@pytest.mark.skipif(not _CAN_CONVERT, reason="LibreOffice Writer (soffice) not installed")
def test_template_printed_to_pdf_reads_like_the_docx(tmp_path: Path) -> None:
    """LibreOffice prints the blank template with 表三 split over pages 2/3: the PDF loader rejoins it."""
    import subprocess

    from tests.conftest import CORPUS

    src = CORPUS / "template_2021_blank.docx"
    subprocess.run(
        [_SOFFICE, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(src)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    pdf = load_file(str(tmp_path / "template_2021_blank.pdf"))
    docx = load_file(str(src))
    assert len(pdf.pages) >= 2
    assert [(g.n_rows, g.n_cols) for g in pdf.grids] == [(g.n_rows, g.n_cols) for g in docx.grids]
    assert any(len(g.pages) == 2 for g in pdf.grids)
    assert pdf.text == docx.text
