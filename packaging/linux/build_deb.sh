#!/usr/bin/env bash
# Build dist/ogi-review_<version>_<arch>.deb from a PyInstaller one-folder build.
# Installs under /opt/ogi-review, a launcher /usr/bin/ogi-review, a menu entry and an icon.
# Usage: packaging/linux/build_deb.sh   (uses .venv; installs the build extra when missing)
# OGI_VENV: the venv to freeze; OGI_DEB_LIBC: the glibc the build host links against (Depends: libc6 (>= …));
# OGI_DEB_VERSION_SUFFIX: e.g. "~deb11" for the glibc 2.31 build (build_deb_bullseye.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
VENV=${OGI_VENV:-$ROOT/.venv}
[ -x "$VENV/bin/python" ] || ./dev.sh cli --help >/dev/null 2>&1 || true
if ! "$VENV/bin/python" -c "import PyInstaller" 2>/dev/null; then
  "$VENV/bin/python" -m pip install -q -e ".[build]"
fi
VERSION=$("$VENV/bin/python" -c "import core; print(core.__version__)")
VERSION=${VERSION}${OGI_DEB_VERSION_SUFFIX:-}
ARCH=$(dpkg --print-architecture)
LIBC=${OGI_DEB_LIBC:-2.34}

rm -rf build/pyinstaller dist/ogi-review
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/pyinstaller/ogi-review.spec

PKG=build/deb/ogi-review_${VERSION}_${ARCH}
rm -rf "$PKG"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/icons/hicolor/256x256/apps" "$PKG/usr/share/metainfo" "$PKG/usr/share/mime/packages"
cp -a dist/ogi-review "$PKG/opt/ogi-review"
# Our modules and most libraries are compiled into the program's archive (ogi-review.spec); a few
# packages are shipped as .py files (cv2). The install folder is read-only, so compile those here:
# otherwise every start compiles them again (checked by packaging/linux/check_bytecode.py).
"$VENV/bin/python" -m compileall -q -j 0 --invalidation-mode checked-hash -x '/resources/' \
  -s "$PKG" -p / "$PKG/opt/ogi-review/_internal" >/dev/null
cat > "$PKG/usr/bin/ogi-review" <<'SH'
#!/bin/sh
# Launcher: the frozen app lives in /opt/ogi-review.
exec /opt/ogi-review/ogi-review "$@"
SH
chmod 755 "$PKG/usr/bin/ogi-review"
install -m 644 packaging/linux/ogi-review.desktop "$PKG/usr/share/applications/ogi-review.desktop"
install -m 644 packaging/icons/ogi-review.png "$PKG/usr/share/icons/hicolor/256x256/apps/ogi-review.png"
install -m 644 packaging/linux/ogi-review.metainfo.xml "$PKG/usr/share/metainfo/ogi-review.metainfo.xml"
install -m 644 packaging/linux/ogi-review-mime.xml "$PKG/usr/share/mime/packages/ogi-review.xml"
SIZE=$(du -sk "$PKG" | cut -f1)
cat > "$PKG/DEBIAN/control" <<CTRL
Package: ogi-review
Version: ${VERSION}
Architecture: ${ARCH}
Maintainer: ogi-review team <ogi-review@localhost>
Installed-Size: ${SIZE}
Depends: libc6 (>= ${LIBC}), libegl1, libgl1, libfontconfig1, libfreetype6, libxkbcommon0, libxkbcommon-x11-0, libdbus-1-3, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-randr0, libxcb-render-util0, libxcb-image0, libxcb-xkb1, libx11-xcb1
Recommends: fonts-noto-cjk | fonts-wqy-microhei, libreoffice-writer
Section: utils
Priority: optional
Homepage: https://localhost/ogi-review
Description: 政府信息公开工作年度报告审核
 Reads annual government information disclosure reports (web pages, text,
 Word, PDF), checks the statistics tables and exports Excel summaries.
CTRL
cat > "$PKG/DEBIAN/postinst" <<'SH'
#!/bin/sh
set -e
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
command -v update-mime-database >/dev/null && update-mime-database /usr/share/mime || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q /usr/share/icons/hicolor || true
exit 0
SH
cp "$PKG/DEBIAN/postinst" "$PKG/DEBIAN/postrm"
chmod 755 "$PKG/DEBIAN/postinst" "$PKG/DEBIAN/postrm"
dpkg-deb --build --root-owner-group -Zxz -z3 "$PKG" "dist/ogi-review_${VERSION}_${ARCH}.deb" >/dev/null
echo "dist/ogi-review_${VERSION}_${ARCH}.deb"
