"""Legacy Word (.doc) and WPS (.wps) files: convert with LibreOffice headless, then read as .docx."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from core.errors import LoadError, MissingTool, os_reason
from core.model import SourceDocument

TIMEOUT = 60


def find_soffice() -> str | None:
    """The LibreOffice program on PATH, if any."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def has_writer(exe: str) -> bool:
    """False when the LibreOffice install visibly lacks Writer (e.g. Debian's calc-only packages)."""
    program = Path(exe).resolve().parent
    if not program.is_dir() or not any(program.glob("*sclo*")):
        return True  # an unfamiliar layout: let the conversion itself decide
    return any(program.glob("*swlo*")) or any(program.glob("*sw*.dll"))


def load_office(path: str, form: str, cancelled: Callable[[], bool] | None = None) -> SourceDocument:
    """Convert ``path`` to .docx in a temporary folder and load it.

    Raises:
        MissingTool: LibreOffice is not installed.
        LoadError: the conversion failed or timed out.
    """
    from core.loading.docx import load_docx

    name = Path(path).name
    exe = find_soffice()
    if exe is None:
        raise MissingTool(
            f"读取“{name}”需要 LibreOffice（用于转换 .doc/.wps 文件），但本机未安装。"
            "请安装 LibreOffice 后重试（Debian/统信/麒麟：sudo apt install libreoffice-writer），"
            "或先用 Word/WPS 将文件另存为 .docx。",
            code="load.missing_tool",
        )
    if not has_writer(exe):
        raise MissingTool(
            f"读取“{name}”需要 LibreOffice 的文字处理组件（Writer），本机只装了 LibreOffice 的其他组件。"
            "请安装后重试（Debian/统信/麒麟：sudo apt install libreoffice-writer），或先将文件另存为 .docx。",
            code="load.missing_tool",
        )
    with tempfile.TemporaryDirectory(prefix="ogi-soffice-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        out_dir = Path(tmp, "out")
        out_dir.mkdir()
        src = Path(tmp, "in" + Path(path).suffix.lower())
        shutil.copyfile(path, src)  # LibreOffice chokes on some non-ASCII paths
        cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "docx",
               "--outdir", str(out_dir), str(src)]  # fmt: skip
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, env={**os.environ, "HOME": tmp})
        except subprocess.TimeoutExpired as exc:
            raise LoadError(f"转换“{name}”超时（{TIMEOUT} 秒），文件可能已损坏。", code="doc.timeout") from exc
        except OSError as exc:
            raise LoadError(f"无法启动 LibreOffice 转换“{name}”：{os_reason(exc)}。", code="doc.convert_failed") from exc
        produced = list(out_dir.glob("*.docx"))
        if proc.returncode != 0 or not produced:
            raise LoadError(
                f"LibreOffice 无法转换“{name}”：文件可能已损坏或不是 Word/WPS 文档。",
                code="doc.convert_failed",
                details=(proc.stderr or b"").decode("utf-8", "replace")[-2000:],
            )
        doc = load_docx(str(produced[0]), cancelled)
    doc.path = path
    doc.form = form
    return doc
