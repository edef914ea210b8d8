"""Check that an installed frozen ogi-review starts from bytecode compiled at build time.

    python packaging/linux/check_bytecode.py /opt/ogi-review     (a Python with PyInstaller: the build venv)

1. Every module of this checkout's core/ and gui/ (``__main__`` aside: the frozen entry point is
   packaging/pyinstaller/entry.py) is in the program's PYZ archive as a code object.
2. Every .py file shipped as a loose file (packages PyInstaller collects as source, e.g. cv2) has
   its bytecode beside it in __pycache__ (written by build_deb.sh), for this interpreter's version;
   the bundled resources/ folder is data and is not checked.
Without these, each start of the program would compile those modules again (the program cannot
write bytecode into its read-only install folder). Exit status 1 lists what is missing.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

from PyInstaller.archive.readers import CArchiveReader

ROOT = Path(__file__).resolve().parents[2]
EXECUTABLE = "ogi-review-cli"


def app_modules() -> set[str]:
    names = set()
    for top in ("core", "gui"):
        for path in (ROOT / top).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__main__":
                continue
            if parts[-1] == "__init__":
                parts.pop()
            names.add(".".join(parts))
    return names


def not_in_archive(install: Path) -> list[str]:
    pyz = CArchiveReader(str(install / EXECUTABLE)).open_embedded_archive("PYZ.pyz")
    missing = []
    for name in sorted(app_modules()):
        if name not in pyz.toc or not isinstance(pyz.extract(name), types.CodeType):
            missing.append(name)
    return missing


def loose_sources_without_bytecode(install: Path) -> tuple[int, list[str]]:
    internal = install / "_internal"
    sources = [p for p in internal.rglob("*.py") if p.relative_to(internal).parts[0] != "resources"]
    missing = []
    for src in sources:
        pyc = Path(importlib.util.cache_from_source(str(src)))
        if not pyc.is_file() or pyc.read_bytes()[:4] != importlib.util.MAGIC_NUMBER:
            missing.append(str(src.relative_to(install)))
    return len(sources), missing


def main() -> int:
    install = Path(sys.argv[1] if len(sys.argv) > 1 else "/opt/ogi-review")
    archived = not_in_archive(install)
    loose, uncompiled = loose_sources_without_bytecode(install)
    for name in archived:
        print(f"bytecode: {name} is not compiled into {EXECUTABLE}'s archive", file=sys.stderr)
    for path in uncompiled:
        print(f"bytecode: {path} is shipped without compiled bytecode", file=sys.stderr)
    if archived or uncompiled:
        return 1
    print(
        f"bytecode: {len(app_modules())} app modules compiled in {EXECUTABLE}'s archive; "
        f"{loose} loose library sources each with bytecode ({install})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
