#!/usr/bin/env bash
# Smoke test of the glibc 2.31 package (build_deb_bullseye.sh):
#  1. a clean Debian 11 system: the cached debootstrap minbase, unpacked afresh into a new folder; apt
#     installs the .deb with the dependencies it declares (no recommended packages), and the installed
#     `ogi-review --self-test` runs there offscreen; the folder is removed afterwards;
#  2. this machine (Debian 12): apt installs the same .deb, the self-test runs, the package is removed.
# Exit 3: this machine cannot make chroots (see chroot_lib.sh) — step 1 was not run.
# Usage: sudo packaging/linux/smoke_bullseye.sh dist/ogi-review_<version>~deb11_<arch>.deb [--chroot-only]
set -euo pipefail
DEB=$(readlink -f "$1")
MODE=${2:-}
cd "$(dirname "$0")/../.."
. packaging/linux/chroot_lib.sh
[ -f "$DEB" ] || { echo "no such package: $1" >&2; exit 1; }

chroot_preflight
cache_lock
ensure_minbase || exit 1
start=$(date +%s)
SMOKE=$(mktemp -d "$CACHE/smoke.XXXXXX")
trap 'chroot_remove "$SMOKE"' EXIT
chroot_unpack "$SMOKE"
chroot_mount "$SMOKE"
cp "$DEB" "$SMOKE/tmp/"
log "clean Debian 11 chroot: $(in_chroot "$SMOKE" ldd --version | head -n 1)"
in_chroot "$SMOKE" apt-get update -qq >&2
if ! nice chroot "$SMOKE" "${CHROOT_ENV[@]}" apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$DEB")" \
    >"$SMOKE.apt.log" 2>&1; then
  tail -n 30 "$SMOKE.apt.log" >&2
  echo "apt could not install $(basename "$DEB") in the clean Debian 11 chroot" >&2
  exit 1
fi
log "installed with $(grep -c '^Setting up' "$SMOKE.apt.log") packages from Debian 11 (declared dependencies only)"
rm -f "$SMOKE.apt.log"
in_chroot "$SMOKE" sh -ec '
  test -x /usr/bin/ogi-review
  test -f /usr/share/applications/ogi-review.desktop
  dpkg-query -W -f="installed \${Package} \${Version}\n" ogi-review
  mkdir -p /tmp/home
  HOME=/tmp/home QT_QPA_PLATFORM=offscreen /usr/bin/ogi-review --self-test
' >&2
log "Debian 11 chroot: install + self-test passed ($(( $(date +%s) - start )) s)"
chroot_remove "$SMOKE"
trap - EXIT

[ "$MODE" = "--chroot-only" ] && exit 0
# 2. This machine.
t=$(date +%s)
. /etc/os-release
trap 'dpkg -r ogi-review >/dev/null 2>&1 || true' EXIT
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$DEB" >/dev/null 2>&1 || {
  apt-get update -qq >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$DEB" >&2
}
dpkg-query -W -f='installed ${Package} ${Version}\n' ogi-review >&2
QT_QPA_PLATFORM=offscreen HOME=$(mktemp -d) /usr/bin/ogi-review --self-test >&2
log "$PRETTY_NAME: install + self-test passed ($(( $(date +%s) - t )) s)"
