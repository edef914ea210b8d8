"""Frozen-build entry point: the same dispatcher as the ``ogi-review`` console script."""

import multiprocessing
import sys

if __name__ == "__main__":
    # The window parses in worker processes: in a frozen build a child must run the worker,
    # not start a second window (required on Windows, harmless elsewhere).
    multiprocessing.freeze_support()
    from gui.launcher import main

    sys.exit(main())
