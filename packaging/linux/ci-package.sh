#!/usr/bin/env bash
# CI packaging check: build the .deb, install it with dpkg, run the installed program's
# self-test offscreen, remove it; then check that the Windows installer script compiles
# with makensis against a stand-in payload.
set -euo pipefail
cd "$(dirname "$0")/../.."
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! command -v makensis >/dev/null; then
  $SUDO apt-get install -y -qq --no-install-recommends nsis >/dev/null 2>&1 || \
    { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends nsis >/dev/null; }
fi
start=$(date +%s)
DEB=$(packaging/linux/build_deb.sh | tail -n 1)
echo "built $DEB ($(du -h "$DEB" | cut -f1)) in $(( $(date +%s) - start )) s"
$SUDO dpkg -i "$DEB" >/dev/null
trap '$SUDO dpkg -r ogi-review >/dev/null 2>&1 || true' EXIT
test -x /usr/bin/ogi-review
test -f /usr/share/applications/ogi-review.desktop
QT_QPA_PLATFORM=offscreen HOME=$(mktemp -d) /usr/bin/ogi-review --self-test
packaging/windows/check_nsis.sh
echo "packaging: 1 passed, 0 failed"
