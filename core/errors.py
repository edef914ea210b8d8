"""Operation failures raised by the core: each carries a stable code and a Chinese message."""

from __future__ import annotations


class ReportError(Exception):
    """Base of every failure the user must be told about (unreadable file, write error …).

    Attributes:
        code: stable machine code (``file.empty``, ``pdf.encrypted`` …).
        message: a complete Chinese sentence naming the file and the problem.
        details: technical details for the expandable part of an error dialog.
    """

    code = "error"

    def __init__(self, message: str, *, code: str | None = None, details: str = "") -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.details = details

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class LoadError(ReportError):
    """A source file could not be read as a report."""

    code = "load.failed"


class UnsupportedFormat(LoadError):
    code = "load.unsupported"


class MissingTool(LoadError):
    """An external program (LibreOffice) is needed and not installed."""

    code = "load.missing_tool"


class Cancelled(ReportError):
    code = "cancelled"

    def __init__(self) -> None:
        super().__init__("操作已取消。", code="cancelled")


class ExportError(ReportError):
    code = "export.failed"


class ProjectError(ReportError):
    code = "project.failed"
