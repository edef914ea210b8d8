"""The ``ogi-review`` entry point: the window by default, headless commands without Qt."""

from __future__ import annotations

import sys

HEADLESS = {"parse", "check", "export"}
USAGE = """用法：
  ogi-review                              打开窗口（首次使用时打开内置示例报告）
  ogi-review gui [文件|文件夹 …]           打开窗口并载入这些报告
  ogi-review parse [--json] 文件|文件夹 …   解析报告（--json：每个文件一行 JSON）
  ogi-review check 文件|文件夹|项目 …       检查报告，列出发现的问题
  ogi-review export 文件|文件夹|项目 … -o 汇总.xlsx   导出 Excel
  ogi-review --self-test [--no-gui]       自检：解析示例、导出工作簿并核对
  ogi-review --version"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    if args and args[0] == "--version":
        from core import __version__

        print(f"ogi-review {__version__}")
        return 0
    if args and args[0] in HEADLESS:
        from core.cli import main as cli_main

        return cli_main(args)
    if args and args[0] == "--self-test":
        from gui.selftest import run_self_test

        return run_self_test(gui="--no-gui" not in args)
    if args and args[0] == "gui":
        args = args[1:]
    from gui.app import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
