# Shared by build_deb_bullseye.sh and smoke_bullseye.sh (sourced, not run).
# Debian 11 (bullseye) chroots made with debootstrap from the Debian package registry, cached under
# $OGI_CACHE (default /var/cache/ogi-review):
#   bullseye-minbase-<key>.tar   debootstrap --variant=minbase, untouched: the smoke test's clean system
#   apt-bullseye/                downloaded .debs (bind-mounted as the chroot's apt archive cache)
# Exit code 3 from the callers means "this machine cannot make chroots" (not root, no mount/chroot,
# registry unreachable): the caller reports it as skipped, never as a failure of the package.

CACHE=${OGI_CACHE:-/var/cache/ogi-review}
SUITE=bullseye
MIRROR=${OGI_DEBIAN_MIRROR:-http://deb.debian.org/debian}
# Bump when the minbase recipe changes: the key names the cached tarball.
MINBASE_KEY=$(printf '%s\n' "$SUITE" "$MIRROR" minbase 1 | sha256sum | cut -c1-12)
MINBASE_TAR=$CACHE/$SUITE-minbase-$MINBASE_KEY.tar
# pip inside the chroot trusts the host's certificate authorities (a proxy's own CA, where there is one)
# and uses the host's index (a mirror, where one is set).
CHROOT_ENV=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
  LANG=C.UTF-8 LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive PIP_CERT=/etc/ssl/host-ca.crt
  PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_DEFAULT_TIMEOUT=${PIP_DEFAULT_TIMEOUT:-60})
if [ -n "${PIP_INDEX_URL:-}" ]; then CHROOT_ENV+=("PIP_INDEX_URL=$PIP_INDEX_URL"); fi
HOST_CA=${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
unsupported() { echo "CHROOT-UNSUPPORTED: $*" >&2; exit 3; }

# Checks that this machine can build chroots; exits 3 with the reason when it cannot.
chroot_preflight() {
  [ "$(id -u)" -eq 0 ] || unsupported "needs root (debootstrap, mount, chroot); run as root or with sudo"
  mkdir -p "$CACHE" 2>/dev/null || unsupported "cannot create the cache folder $CACHE"
  if ! command -v debootstrap >/dev/null; then
    log "installing debootstrap"
    { apt-get install -y -qq --no-install-recommends debootstrap >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends debootstrap >/dev/null 2>&1; }; } ||
      unsupported "debootstrap is not installed and apt-get could not install it"
  fi
  local probe
  probe=$(mktemp -d "$CACHE/probe.XXXXXX")
  mkdir -p "$probe/a" "$probe/b"
  if ! mount --bind "$probe/a" "$probe/b" 2>/dev/null; then
    rmdir "$probe/a" "$probe/b" "$probe"
    unsupported "bind mounts are not permitted here (a container without CAP_SYS_ADMIN?)"
  fi
  umount "$probe/b"
  rmdir "$probe/a" "$probe/b" "$probe"
  if ! timeout 60 wget -q -O /dev/null "$MIRROR/dists/$SUITE/Release" 2>/dev/null &&
     ! timeout 60 curl -fsS -o /dev/null "$MIRROR/dists/$SUITE/Release" 2>/dev/null; then
    [ -f "$MINBASE_TAR" ] || unsupported "the Debian registry ($MIRROR) is unreachable"
  fi
}

# Serialises runs that share the cache.
cache_lock() {
  exec 9>"$CACHE/.lock"
  flock 9
}

# The minbase tarball, made once (a few minutes), then reused.
ensure_minbase() {
  [ -f "$MINBASE_TAR" ] && return 0
  log "debootstrap $SUITE (minbase) from $MIRROR"
  local dir
  dir=$(mktemp -d "$CACHE/minbase.XXXXXX")
  mkdir -p "$CACHE/apt-$SUITE"
  if ! nice debootstrap --variant=minbase --cache-dir="$CACHE/apt-$SUITE" "$SUITE" "$dir" "$MIRROR" \
      >"$CACHE/debootstrap.log" 2>&1; then
    tail -n 20 "$CACHE/debootstrap.log" >&2
    chroot_unmount_all "$dir"
    rm -rf --one-file-system "$dir"
    echo "debootstrap failed (log: $CACHE/debootstrap.log)" >&2
    return 1
  fi
  chroot_unmount_all "$dir"
  rm -f "$dir"/var/cache/apt/archives/*.deb
  tar -C "$dir" --numeric-owner -cf "$MINBASE_TAR.part" .
  mv "$MINBASE_TAR.part" "$MINBASE_TAR"
  rm -rf --one-file-system "$dir"
}

# Unpacks the pristine minbase into DIR (which must not exist or be empty).
chroot_unpack() {
  mkdir -p "$1"
  tar -C "$1" --numeric-owner -xf "$MINBASE_TAR"
}

# Mounts /proc, /dev (bind) and the apt archive cache into DIR; DNS from the host.
chroot_mount() {
  local dir=$1
  mountpoint -q "$dir/proc" || mount -t proc proc "$dir/proc"
  mountpoint -q "$dir/dev" || mount --bind /dev "$dir/dev"
  mkdir -p "$dir/dev/pts" "$CACHE/apt-$SUITE" "$dir/var/cache/apt/archives"
  mountpoint -q "$dir/dev/pts" || mount --bind /dev/pts "$dir/dev/pts" 2>/dev/null || true
  mountpoint -q "$dir/var/cache/apt/archives" || mount --bind "$CACHE/apt-$SUITE" "$dir/var/cache/apt/archives"
  cp -L /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
  mkdir -p "$dir/etc/ssl"
  cp -L "$HOST_CA" "$dir/etc/ssl/host-ca.crt" 2>/dev/null ||
    cp -L "$dir/etc/ssl/certs/ca-certificates.crt" "$dir/etc/ssl/host-ca.crt" 2>/dev/null || true
  printf 'deb %s %s main\ndeb %s %s-updates main\n' "$MIRROR" "$SUITE" "$MIRROR" "$SUITE" >"$dir/etc/apt/sources.list"
  # Keep downloaded .debs in the shared cache.
  echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' >"$dir/etc/apt/apt.conf.d/01keep-debs"
}

# Unmounts everything below DIR, deepest first.
chroot_unmount_all() {
  local dir m
  dir=$(readlink -f "$1")
  for m in $(awk -v d="$dir" '$2 == d || index($2, d "/") == 1 {print $2}' /proc/mounts | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
}

# Removes a chroot folder safely (never through a mount).
chroot_remove() {
  [ -n "$1" ] && [ -d "$1" ] || return 0
  chroot_unmount_all "$1"
  if awk -v d="$(readlink -f "$1")" 'index($2, d) == 1 {found=1} END {exit !found}' /proc/mounts; then
    echo "still mounted below $1; not removing it" >&2
    return 1
  fi
  rm -rf --one-file-system "$1"
}

# Runs a command inside DIR with a clean environment.
in_chroot() {
  local dir=$1
  shift
  chroot "$dir" "${CHROOT_ENV[@]}" "$@"
}
