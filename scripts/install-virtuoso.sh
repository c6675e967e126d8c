#!/usr/bin/env bash
# Unpack OpenLink Virtuoso 7 (Debian's virtuoso-opensource-7-bin) into a cache folder for the store tests,
# without installing a system service: `apt-get download` + `dpkg -x`, plus any shared library it needs
# that the machine lacks (e.g. libpcre3), unpacked beside it (tests/servers.py sets LD_LIBRARY_PATH).
#
# Usage: scripts/install-virtuoso.sh [DIR]     (default: $KG1571_VIRTUOSO_HOME or <repo>/.cache/virtuoso)
# Needs: Debian/Ubuntu with apt; run `apt-get update` once before on a fresh machine (done here if needed).
# Idempotent: does nothing when DIR/usr/bin/virtuoso-t already runs.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-${KG1571_VIRTUOSO_HOME:-$repo/.cache/virtuoso}}"
bin="$dest/usr/bin/virtuoso-t"
libpath="$dest/lib/x86_64-linux-gnu:$dest/usr/lib/x86_64-linux-gnu:$dest/lib:$dest/usr/lib"

ldd_ok() { ! LD_LIBRARY_PATH="$libpath" ldd "$bin" 2>/dev/null | grep -q "not found"; }

if [ -x "$bin" ] && ldd_ok; then
  echo "virtuoso: already unpacked in $dest"
  exit 0
fi

command -v apt-get >/dev/null || { echo "install-virtuoso: apt-get not found (needs Debian or Ubuntu)" >&2; exit 1; }
if ! apt-cache show virtuoso-opensource-7-bin >/dev/null 2>&1; then
  apt-get update -qq
fi

mkdir -p "$dest"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chmod 777 "$work"   # apt's _apt user downloads into it
cd "$work"

packages=(virtuoso-opensource-7-bin virtuoso-opensource-7-common)
# The bin package's library dependencies that this machine does not have: unpack them too.
for dep in $(apt-cache depends virtuoso-opensource-7-bin | awk '/ Depends:/ {print $2}' | tr -d '<>'); do
  if ! dpkg-query -W -f='${Status}' "$dep" 2>/dev/null | grep -q "install ok installed"; then
    packages+=("$dep")
  fi
done
echo "virtuoso: downloading ${packages[*]}"
apt-get download "${packages[@]}" 2>&1 | grep -v "unsandboxed" || true
for deb in ./*.deb; do
  dpkg -x "$deb" "$dest"
done

if ! ldd_ok; then
  echo "install-virtuoso: $bin still misses libraries:" >&2
  LD_LIBRARY_PATH="$libpath" ldd "$bin" | grep "not found" >&2
  exit 1
fi
echo "virtuoso: unpacked into $dest ($(LD_LIBRARY_PATH="$libpath" "$bin" -? 2>&1 | sed -n 2p || true))"
