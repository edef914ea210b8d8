#!/usr/bin/env bash
# Runs tests against PySide6 6.8 LTS, the Qt binding of the glibc 2.31 package (build_deb_bullseye.sh),
# with the same pins (constraints-glibc2.31.txt), in its own venv (.venv-qt68; OGI_QT68_VENV overrides).
# The main suite (./dev.sh test) runs against the newest PySide6 pyproject admits; this covers the 6.8 line.
# Usage: packaging/linux/test_qt68.sh [PYTEST ARGS…]   (default: tests/gui)
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=${OGI_QT68_VENV:-$PWD/.venv-qt68}
PY=${PYTHON:-python3}
CONSTRAINTS=packaging/linux/constraints-glibc2.31.txt
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
stamp="$VENV/.ogi-installed"
want=$(cat pyproject.toml "$CONSTRAINTS" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  "$VENV/bin/python" -m pip install -q --upgrade -c "$CONSTRAINTS" pip >&2
  "$VENV/bin/python" -m pip install -q -c "$CONSTRAINTS" -e ".[test]" >&2
  echo "$want" >"$stamp"
fi
"$VENV/bin/python" -c 'import PySide6, sys; print("PySide6", PySide6.__version__); sys.exit(not PySide6.__version__.startswith("6.8."))'
[ $# -gt 0 ] || set -- tests/gui
QT_QPA_PLATFORM=offscreen exec "$VENV/bin/python" -m pytest -p no:cacheprovider "$@"
