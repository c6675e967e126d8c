#!/usr/bin/env bash
# Refresh the vendored Oxigraph WebAssembly build (npm `oxigraph`, MIT OR Apache-2.0) that the explorer's
# SPARQL console inlines: downloads the pinned tarball with `npm pack`, checks its sha256, and copies
# web.js and web_bg.wasm into graph/explorer/vendor/oxigraph/, then checks their sha256 against VERSIONS.
# To move to another version: change VERSION and the three sums below, run this, rebuild the exports.
# Notices: the wasm bundles many Rust crates; vendor/oxigraph/THIRD-PARTY-NOTICES.txt lists them with their
# licences and notices and the page shows it (console, "About / licences"). After a version change, refresh
# it with scripts/oxigraph-notices.py (no cargo needed): a clone of github oxigraph/oxigraph at the release
# tag gives Cargo.lock and the workspace Cargo.toml files; the new web_bg.wasm's embedded source paths
# confirm crate versions; Debian's librust-<crate>-dev packages (`apt-get download`, then `dpkg-deb -x` each
# into its own folder) give licences and notice texts. Crates none of these cover are marked NOT VERIFIED.
#   python3 scripts/oxigraph-notices.py --lock REPO/Cargo.lock --workspace REPO --release 0.5.x \
#     --wasm graph/explorer/vendor/oxigraph/web_bg.wasm --debian DEBS --out graph/explorer/vendor/oxigraph/THIRD-PARTY-NOTICES.txt
# Usage: scripts/vendor-oxigraph.sh      (needs npm and sha256sum; no Node build step)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$repo/graph/explorer/vendor/oxigraph"
VERSION="0.5.11"
TARBALL_SHA256="1095d6eb210104411fad61437f29e80c9c76c7fbbe7480c95b9aa2762818deb2"
WEB_JS_SHA256="2fcfdcadc79c9146cee98028a273aebc93df3282eb0299c248595bc529deca41"
WASM_SHA256="b95b15accb6b789667b8d8b0b8f139d5de588e572499672ff37ce9ba01c4a428"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "oxigraph@$VERSION" >/dev/null)
tarball="$work/oxigraph-$VERSION.tgz"
echo "$TARBALL_SHA256  $tarball" | sha256sum -c --quiet
tar -xzf "$tarball" -C "$work"
echo "$WEB_JS_SHA256  $work/package/web.js" | sha256sum -c --quiet
echo "$WASM_SHA256  $work/package/web_bg.wasm" | sha256sum -c --quiet
mkdir -p "$dest"
cp "$work/package/web.js" "$work/package/web_bg.wasm" "$dest/"
# the page inlines the gzipped wasm (1.4 MB instead of 4.0; the worker inflates it with DecompressionStream);
# committed, so the page's bytes never depend on the zlib of the machine that builds it
gzip -9 -n -c "$dest/web_bg.wasm" > "$dest/web_bg.wasm.gz"
GZ_SHA256="$(sha256sum "$dest/web_bg.wasm.gz" | cut -d' ' -f1)"
cat > "$dest/VERSION.txt" <<TXT
oxigraph $VERSION (npm, https://www.npmjs.com/package/oxigraph), licence MIT OR Apache-2.0
tarball sha256 $TARBALL_SHA256
web.js sha256 $WEB_JS_SHA256
web_bg.wasm sha256 $WASM_SHA256
web_bg.wasm.gz (gzip -9 -n of web_bg.wasm, what the page inlines) sha256 $GZ_SHA256
TXT
echo "vendored oxigraph $VERSION into $dest"
