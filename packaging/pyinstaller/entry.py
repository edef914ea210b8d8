"""Frozen-build entry point: the same dispatcher as the ``ogi-review`` console script."""

import sys

from gui.launcher import main

if __name__ == "__main__":
    sys.exit(main())
