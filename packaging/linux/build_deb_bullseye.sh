#!/usr/bin/env bash
# Build dist/ogi-review_<version>~deb11_<arch>.deb for systems with glibc >= 2.31 (Debian 11,
# Ubuntu 20.04, Kylin V10 SP1 …) inside a Debian 11 (bullseye) chroot made with debootstrap.
#
#  * Python 3.11: Debian 11 ships 3.9, so 3.11 is compiled inside the chroot (its gcc, linked against
#    its glibc 2.31) from Debian's own python3.11 source package (bookworm, 3.11.2-6+deb12uN, fetched
#    and signature-checked by `apt-get source`): the upstream tarball plus Debian's security and bug-fix
#    patches (CVE-*, numbered upstream backports). Debian's layout patches (dist-packages, disabled
#    ensurepip, multiarch names) are left out — they serve the distribution's /usr python, not a private
#    one — and so is the distribution's three-pass PGO/LTO build (an hour here; a plain build is minutes).
#  * PySide6 from the 6.8 LTS line (manylinux_2_28 wheels) and the project's dependencies pinned by
#    packaging/linux/constraints-glibc2.31.txt, then packaging/linux/build_deb.sh with Depends: libc6 (>= 2.31).
#  * Every ELF file in the package is checked: none may need a glibc symbol newer than 2.31.
#
# Cached under $OGI_CACHE (default /var/cache/ogi-review): the minbase tarball, the build chroot with its
# compiled Python (a folder keyed on the recipe), pip's and apt's downloads. Cold: debootstrap + compile
# (~5 min on an idle 2-core machine); warm: venv + PyInstaller only.
# Exit 3: this machine cannot make chroots (see chroot_lib.sh) — nothing was built.
# Usage: sudo packaging/linux/build_deb_bullseye.sh   (prints the .deb path last; the venv's versions go to
# build/deb11-pip-freeze.txt)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
. packaging/linux/chroot_lib.sh

BUILD_PACKAGES=(build-essential pkg-config ca-certificates xz-utils binutils
  libssl-dev zlib1g-dev libbz2-dev libffi-dev liblzma-dev libsqlite3-dev libreadline-dev uuid-dev
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xkb1 libx11-xcb1)
PY_PREFIX=/opt/ogi-python
PY_PATCHES='^(CVE-|[0-9]{4}-|relfile-|shutdown-deadlock|frame_dealloc-crash)'
PY_CONFIGURE="--prefix=$PY_PREFIX --enable-shared --disable-test-modules --with-ensurepip=install LDFLAGS=-Wl,-rpath,$PY_PREFIX/lib"
BUILD_KEY=$(printf '%s\n' "$MINBASE_KEY" "${BUILD_PACKAGES[*]}" build 1 | sha256sum | cut -c1-12)
PY_KEY=$(printf '%s\n' "$BUILD_KEY" "$PY_PATCHES" "$PY_CONFIGURE" python 1 | sha256sum | cut -c1-12)
CHROOT=$CACHE/$SUITE-build-$BUILD_KEY
CONSTRAINTS=packaging/linux/constraints-glibc2.31.txt
MAX_GLIBC=2.31

chroot_preflight
cache_lock
start=$(date +%s)
trap 'chroot_unmount_all "$CHROOT" 2>/dev/null || true' EXIT

ensure_minbase || exit 1

# 1. The build chroot: minbase + compilers, headers and the X/GL libraries PyInstaller's Qt hooks load.
if [ ! -f "$CHROOT/.ogi-ready" ]; then
  chroot_remove "$CHROOT" 2>/dev/null || true
  # Drop build chroots of older recipes.
  for old in "$CACHE/$SUITE"-build-*; do [ -d "$old" ] && chroot_remove "$old"; done
  log "preparing the build chroot $CHROOT"
  chroot_unpack "$CHROOT"
  chroot_mount "$CHROOT"
  in_chroot "$CHROOT" apt-get update -qq >&2
  nice chroot "$CHROOT" "${CHROOT_ENV[@]}" apt-get install -y -qq --no-install-recommends "${BUILD_PACKAGES[@]}" >/dev/null
  touch "$CHROOT/.ogi-ready"
  log "build chroot ready ($(( $(date +%s) - start )) s)"
fi
chroot_mount "$CHROOT"

# 2. Python 3.11 from Debian's source package, compiled against the chroot's glibc.
if [ "$(cat "$CHROOT$PY_PREFIX/.ogi-key" 2>/dev/null)" != "$PY_KEY" ]; then
  t=$(date +%s)
  log "compiling Python 3.11 from Debian's python3.11 source package (bookworm)"
  rm -rf "${CHROOT:?}$PY_PREFIX" "$CHROOT/build/python"
  mkdir -p "$CHROOT/build/python"
  printf 'deb-src %s bookworm main\n' "$MIRROR" >"$CHROOT/etc/apt/sources.list.d/bookworm-src.list"
  in_chroot "$CHROOT" apt-get update -qq >&2
  in_chroot "$CHROOT" sh -c 'cd /build/python && apt-get source --download-only -qq python3.11' >/dev/null 2>&1 ||
    in_chroot "$CHROOT" sh -c 'cd /build/python && apt-get source --download-only python3.11'
  in_chroot "$CHROOT" sh -ec "
    cd /build/python
    ls *.dsc
    tar xzf python3.11_*.orig.tar.gz
    tar xJf python3.11_*.debian.tar.xz
    cd Python-3.11.*
    n=0
    for p in \$(grep -E '$PY_PATCHES' ../debian/patches/series); do
      patch -p1 -s -N < ../debian/patches/\$p; n=\$((n+1))
    done
    echo \"applied \$n of Debian's patches\"
    # Debian builds pyexpat into the interpreter; its CVE-2026-4224 backport then uses internal headers
    # that a shared-module build only gets with Py_BUILD_CORE_MODULE (as upstream's pyexpat.c defines it).
    if grep -q pycore_ceval.h Modules/pyexpat.c && ! grep -q Py_BUILD_CORE_MODULE Modules/pyexpat.c; then
      sed -i '1i #ifndef Py_BUILD_CORE_BUILTIN\\n#  define Py_BUILD_CORE_MODULE 1\\n#endif' Modules/pyexpat.c
    fi
    ./configure -q $PY_CONFIGURE
    nice make -s -j\$(nproc) >/dev/null 2>make.err || { tail -n 30 make.err; exit 1; }
    nice make -s install >/dev/null 2>make-install.err || { tail -n 30 make-install.err; exit 1; }
  " >&2
  ver=$(basename "$(ls "$CHROOT"/build/python/*.dsc)" .dsc)
  in_chroot "$CHROOT" $PY_PREFIX/bin/python3.11 -c 'import ssl, sqlite3, lzma, bz2, zlib, ctypes, uuid, readline, pyexpat, _elementtree, _decimal, _hashlib; print("python", __import__("sys").version.split()[0], ssl.OPENSSL_VERSION)' >&2
  echo "$ver" >"$CHROOT$PY_PREFIX/.ogi-source"
  echo "$PY_KEY" >"$CHROOT$PY_PREFIX/.ogi-key"
  rm -rf "$CHROOT/build/python"
  log "Python built from $ver in $(( $(date +%s) - t )) s"
fi

# 3. The project, a venv with PySide6 6.8 LTS and the pinned dependencies, then the usual .deb build.
rm -rf "$CHROOT/build/src" "$CHROOT/build/venv"
mkdir -p "$CHROOT/build/src" "$CACHE/pip" "$CHROOT/root/.cache/pip"
mountpoint -q "$CHROOT/root/.cache/pip" || mount --bind "$CACHE/pip" "$CHROOT/root/.cache/pip"
tar -C "$ROOT" --exclude=./.git --exclude=./.venv --exclude='./.venv-*' --exclude=./build --exclude=./dist \
  --exclude='*.egg-info' --exclude=.pytest_cache --exclude=.hypothesis --exclude=__pycache__ -cf - . |
  tar -C "$CHROOT/build/src" -xf -
t=$(date +%s)
in_chroot "$CHROOT" sh -ec "
  cd /build/src
  $PY_PREFIX/bin/python3.11 -m venv /build/venv
  /build/venv/bin/python -m pip install -q --upgrade -c $CONSTRAINTS pip
  nice /build/venv/bin/python -m pip install -q -c $CONSTRAINTS -e '.[build]'
  /build/venv/bin/python -c 'import PySide6, sys; v = PySide6.__version__; print(\"PySide6\", v); sys.exit(not v.startswith(\"6.8.\"))'
  /build/venv/bin/python -m pip freeze -q --exclude-editable > /build/pip-freeze.txt
" >&2
mkdir -p "$ROOT/build"
cp "$CHROOT/build/pip-freeze.txt" "$ROOT/build/deb11-pip-freeze.txt"
log "venv ready in $(( $(date +%s) - t )) s"
t=$(date +%s)
DEB_IN=$(in_chroot "$CHROOT" sh -ec "cd /build/src && OGI_VENV=/build/venv OGI_DEB_LIBC=$MAX_GLIBC OGI_DEB_VERSION_SUFFIX='~deb11' nice packaging/linux/build_deb.sh" | tail -n 1)
log "PyInstaller + dpkg-deb in $(( $(date +%s) - t )) s"

# 4. No file in the package may need a glibc newer than the one it declares.
newest=$(in_chroot "$CHROOT" sh -c "find /build/src/build/deb -type f -exec sh -c 'head -c4 \"\$1\" | grep -q ELF && objdump -T \"\$1\"' _ {} \; 2>/dev/null |
  grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1")
log "newest glibc symbol version needed by the package: $newest"
if [ "$(printf '%s\n%s\n' "$newest" "$MAX_GLIBC" | sort -V | tail -n 1)" != "$MAX_GLIBC" ]; then
  echo "the package needs glibc $newest, more than the $MAX_GLIBC it declares" >&2
  exit 1
fi

mkdir -p "$ROOT/dist"
cp "$CHROOT/build/src/$DEB_IN" "$ROOT/dist/"
rm -rf "$CHROOT/build/src" "$CHROOT/build/venv" "$CHROOT/build/pip-freeze.txt"
log "built $DEB_IN with Python from $(cat "$CHROOT$PY_PREFIX/.ogi-source") in $(( $(date +%s) - start )) s"
echo "$DEB_IN"
