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


_OS_REASONS = {
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "磁盘配额已用完",
    "EACCES": "没有权限",
    "EPERM": "没有权限（操作不被允许）",
    "EROFS": "所在的磁盘或文件夹是只读的",
    "ENOENT": "文件或文件夹不存在",
    "ENOTDIR": "路径中的某一部分不是文件夹",
    "EISDIR": "这是一个文件夹",
    "ELOOP": "符号链接层数过多（可能是循环链接）",
    "ENAMETOOLONG": "文件名或路径过长",
    "EIO": "磁盘或网络读写出错",
    "EBUSY": "文件正被其他程序占用",
    "ETXTBSY": "文件正被其他程序占用",
    "EAGAIN": "资源暂时不可用",
    "EMFILE": "同时打开的文件过多",
    "ENFILE": "同时打开的文件过多",
    "EEXIST": "文件已存在",
    "EINVAL": "文件名或参数无效",
    "EXDEV": "不能跨磁盘移动文件",
    "EFBIG": "文件过大",
    "ENXIO": "设备不存在",
    "ENODEV": "设备不存在",
    "ESTALE": "网络文件已失效",
    "ETIMEDOUT": "网络连接超时",
    "EHOSTDOWN": "网络主机不可用",
    "ENOTCONN": "网络连接已断开",
    "EPIPE": "输出已被关闭",
}
_SQLITE_REASONS = (
    ("database or disk is full", "磁盘空间不足"),
    ("disk i/o error", "磁盘或网络读写出错"),
    ("readonly database", "文件或文件夹是只读的"),
    ("unable to open database file", "无法打开文件（文件夹不存在或没有权限）"),
    ("database is locked", "文件正被其他程序占用"),
    ("file is not a database", "文件不是项目数据库"),
    ("database disk image is malformed", "文件已损坏"),
)


def os_reason(exc: BaseException) -> str:
    """A Chinese reason for an operating-system (or SQLite) failure — never the English text the
    system gives ("Permission denied", "database or disk is full"); the error number when unknown."""
    import errno as _errno

    if isinstance(exc, PermissionError):
        return "没有权限"
    if isinstance(exc, OSError) and exc.errno is not None:
        name = _errno.errorcode.get(exc.errno, "")
        if name in _OS_REASONS:
            return _OS_REASONS[name]
        if getattr(exc, "winerror", None) in (32, 33):  # ERROR_SHARING_VIOLATION / LOCK_VIOLATION
            return "文件正被其他程序占用"
        return f"系统错误（错误码 {exc.errno}{'，' + name if name else ''}）"
    text = str(exc).lower()
    for needle, reason in _SQLITE_REASONS:
        if needle in text:
            return reason
    if isinstance(exc, OSError):
        return "系统错误"
    return f"内部错误（{type(exc).__name__}）"


def is_disk_full(exc: BaseException) -> bool:
    """True for 'no space left' / 'quota exceeded' (OSError or SQLite's 'database or disk is full')."""
    import errno as _errno

    if isinstance(exc, OSError) and exc.errno in (_errno.ENOSPC, getattr(_errno, "EDQUOT", -1)):
        return True
    return "database or disk is full" in str(exc).lower()


def os_advice(exc: BaseException) -> str:
    """What the user can do about an OS failure ('' when nothing specific): free space on a full
    disk, check permissions on a refused or read-only folder."""
    import errno as _errno

    if is_disk_full(exc):
        return "请清理磁盘空间（或另选一个磁盘）后重试。"
    if isinstance(exc, PermissionError) or (isinstance(exc, OSError) and exc.errno == _errno.EROFS):
        return "请检查文件夹是否可写。"
    if "readonly database" in str(exc).lower():
        return "请检查文件夹是否可写。"
    return ""
