"""The ``ogi-review`` entry point: the window by default, headless commands without Qt."""

from __future__ import annotations

import sys

HEADLESS = {"parse", "check", "export"}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in HEADLESS:
        from core.cli import main as cli_main

        return cli_main(args)
    if args and args[0] == "--self-test":
        from core.selftest import run_self_test

        return run_self_test()
    if args and args[0] == "gui":
        args = args[1:]
    from gui.app import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
