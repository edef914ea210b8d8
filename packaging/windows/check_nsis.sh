#!/usr/bin/env bash
# Compile the Windows installer script with makensis against a stand-in payload, so a
# broken script fails here rather than on the Windows runner.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/payload/_internal"
printf 'MZ stand-in\n' > "$tmp/payload/ogi-review.exe"
printf 'MZ stand-in\n' > "$tmp/payload/ogi-review-cli.exe"
printf 'data\n' > "$tmp/payload/_internal/base_library.zip"
makensis -V2 -DVERSION=0.1.0 -DPAYLOAD_DIR="$tmp/payload" -DOUTFILE="$tmp/ogi-review-standin-installer.exe" installer.nsi
test -s "$tmp/ogi-review-standin-installer.exe"
echo "NSIS installer script compiles ($(du -h "$tmp/ogi-review-standin-installer.exe" | cut -f1) with a stand-in payload)"
