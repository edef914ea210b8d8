#!/usr/bin/env bash
# One entry point for a fresh Debian machine with Python 3.11:
#   ./dev.sh app [FILES…]   set up, then open the window (bundled sample reports by default)
#   ./dev.sh test [ARGS…]   set up, then run the whole test suite (offscreen)
#   ./dev.sh lint           set up, then run the linter (ruff) and the type checker (mypy on core/)
#   ./dev.sh cli ARGS…      set up, then run the headless command line
# Set-up is idempotent: system libraries Qt needs, a virtual environment in .venv, the project
# with its test extras. It is redone only when pyproject.toml changes.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
VENV=${OGI_VENV:-$ROOT/.venv}
PY=${PYTHON:-python3}

# Libraries the Qt wheels load, fonts for Chinese, and venv support.
APT_PACKAGES=(libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libxkbcommon0 libxkbcommon-x11-0
  libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xkb1 libx11-xcb1 fonts-noto-cjk)

need_apt() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || { echo "缺少系统软件包：${missing[*]}（请用系统包管理器安装）" >&2; return 0; }
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "安装系统软件包：${missing[*]}" >&2
  $sudo apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

setup() {
  if command -v dpkg-query >/dev/null; then need_apt "${APT_PACKAGES[@]}"; fi
  if [ ! -x "$VENV/bin/python" ]; then
    if ! "$PY" -m venv "$VENV" 2>/dev/null; then
      rm -rf "$VENV"
      need_apt "python3-venv"
      "$PY" -m venv "$VENV"
    fi
  fi
  local stamp="$VENV/.ogi-installed"
  local want
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip >&2
    "$VENV/bin/python" -m pip install -q -e ".[test]" >&2
    echo "$want" > "$stamp"
  fi
}

cmd=${1:-app}
shift || true
case "$cmd" in
  app)
    setup
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      echo "没有图形显示（DISPLAY 未设置）：请在桌面会话中运行，或设置 QT_QPA_PLATFORM=offscreen。" >&2
      exit 1
    fi
    exec "$VENV/bin/ogi-review" gui "$@"
    ;;
  test)
    setup
    export QT_QPA_PLATFORM=offscreen
    "$VENV/bin/lint-imports" --no-cache >&2
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  lint)
    setup
    "$VENV/bin/ruff" check . && "$VENV/bin/mypy"
    ;;
  cli)
    setup
    exec "$VENV/bin/ogi-review" "$@"
    ;;
  *)
    echo "用法：./dev.sh app|test|lint|cli [参数…]" >&2
    exit 2
    ;;
esac
