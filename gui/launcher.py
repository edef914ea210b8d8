"""The ``ogi-review`` entry point: the window by default, headless commands without Qt.

Only the window (and ``--self-test`` without ``--no-gui``) imports Qt; ``parse``, ``check``,
``export``, ``--help`` and ``--version`` never do, so they start fast and run on servers. Without
a display (Linux, no DISPLAY/WAYLAND_DISPLAY, QT_QPA_PLATFORM unset) the window is not attempted:
a Chinese message says why (exit 1) instead of Qt aborting.
"""

from __future__ import annotations

import os
import sys

from core.console import utf8_streams

HEADLESS = {"parse", "check", "export", "directory"}
USAGE = """用法：
  ogi-review                              打开窗口（首次使用时打开内置示例报告）
  ogi-review gui [文件|文件夹|项目 …]      打开窗口并载入这些报告或审核项目
  ogi-review parse [--json] 文件|文件夹|项目 …   解析报告（--json：每个文件一行 JSON）
  ogi-review check 文件|文件夹|项目 …       检查报告，列出发现的问题（有错误时退出码为 1）
  ogi-review export 文件|文件夹|项目 … -o 汇总.xlsx   导出 Excel 汇总
  ogi-review --self-test [--no-gui]       自检：解析示例、导出工作簿并核对
  ogi-review --version                    显示版本
  ogi-review 命令 --help                   某个命令的详细说明

退出码：0 全部成功；1 有文件无法读取或发现错误；2 命令用法错误。"""

NO_DISPLAY = (
    "无法打开窗口：没有图形显示（环境变量 DISPLAY 和 WAYLAND_DISPLAY 均未设置）。\n"
    "请在桌面会话中运行 ogi-review；在服务器或远程终端上可以使用命令行功能，"
    "例如 ogi-review check 报告文件夹（详见 ogi-review --help）。"
)


def no_display_message(environ: dict[str, str] | os._Environ[str] | None = None, platform: str | None = None) -> str:
    """A Chinese explanation when the window cannot open because there is no display ("" when it can).

    Only Linux (and other X11/Wayland systems) is checked, and only when QT_QPA_PLATFORM is not
    set: a user who picked a Qt platform (offscreen, vnc …) knows what they are doing.
    """
    env = os.environ if environ is None else environ
    plat = sys.platform if platform is None else platform
    if plat.startswith(("win", "darwin", "cygwin")):
        return ""
    if env.get("QT_QPA_PLATFORM"):
        return ""
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return ""
    return NO_DISPLAY


def main(argv: list[str] | None = None) -> int:
    """Run ``ogi-review``; returns the exit status."""
    if argv is None and getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()  # a frozen parse-worker child runs its task and exits here
    args = list(sys.argv[1:] if argv is None else argv)
    if args and (args[0] in ("-h", "--help", "help") or (args[0] == "gui" and {"-h", "--help"} & set(args[1:]))):
        utf8_streams()
        print(USAGE)
        return 0
    if args and args[0] in ("-V", "--version"):
        from core import __version__

        print(f"ogi-review {__version__}")
        return 0
    if args and args[0] in HEADLESS:
        return _headless(args)
    if args and args[0] == "--self-test":
        from gui.selftest import run_self_test  # builds its window offscreen: no display needed

        return run_self_test(gui="--no-gui" not in args)
    problem = no_display_message()
    if problem:
        utf8_streams()
        print(problem, file=sys.stderr)
        return 1
    if args and args[0] == "gui":
        args = args[1:]
    from gui.app import run_app

    return run_app(args)


def _headless(args: list[str]) -> int:
    """Run a command-line command. Its modules are imported with the garbage collector paused and
    then frozen (``gc.freeze``): they live as long as the process, and the collections that the
    thousands of objects made at import would trigger, and that every later full collection and the
    one at exit would scan again, find nothing to free (bench/bench_cli.py: ~6 % of ``parse one.txt``)."""
    import gc

    gc.disable()
    try:
        from core.cli import main as cli_main
    finally:
        gc.freeze()
        gc.enable()
    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
