#!/usr/bin/env bash
# Refresh the vendored CodeMirror 6 bundle that the explorer's SPARQL console inlines (its editor):
# installs the exact versions pinned in scripts/codemirror/package-lock.json from the npm registry into a
# temporary folder (`npm ci --ignore-scripts`: integrity-checked, no install scripts run), bundles
# scripts/codemirror/entry.js with esbuild (pinned in the same lock) into ONE classic IIFE script that sets
# window.KgCodeMirror, and writes graph/explorer/vendor/codemirror/: codemirror.js, VERSION.txt (every
# bundled package with its version and licence, the lock's and the bundle's sha256) and
# THIRD-PARTY-NOTICES.txt (the LICENSE file of every package that ends up in the bundle, read from
# esbuild's metafile, so the list cannot drift from what is shipped).
# The bundle is committed; `kg1571 build` never needs npm.
# To move to other versions: edit scripts/codemirror/package.json, run
#   (cd scripts/codemirror && npm install --package-lock-only --no-audit --no-fund)
# then this script with BUNDLE_SHA256=new (it prints the sum it got), and rebuild the exports.
# Usage: scripts/vendor-codemirror.sh      (needs node, npm and sha256sum)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
inputs="$repo/scripts/codemirror"
dest="$repo/graph/explorer/vendor/codemirror"
# the sum of the bundle these pinned versions give; a different result means the inputs changed
BUNDLE_SHA256="${BUNDLE_SHA256:-37a0746b2fdcf1904549860f610ee4a159e2b63af3bd2ca41d2f521f327c9d9d}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$inputs/package.json" "$inputs/package-lock.json" "$inputs/entry.js" "$work/"
(cd "$work" && npm ci --ignore-scripts --silent --no-audit --no-fund)
(cd "$work" && node_modules/.bin/esbuild entry.js --bundle --format=iife --global-name=KgCodeMirror \
  --target=es2020 --minify --legal-comments=none --charset=utf8 --metafile=meta.json --log-level=warning \
  --outfile=codemirror.js)
got="$(sha256sum "$work/codemirror.js" | cut -d' ' -f1)"
if [ "$got" != "$BUNDLE_SHA256" ]; then
  echo "vendor-codemirror: the bundle's sha256 is $got, expected $BUNDLE_SHA256" >&2
  echo "  (if you changed the pinned versions on purpose, rerun with BUNDLE_SHA256=$got and update the default)" >&2
  exit 1
fi
if grep -qE '\beval\(|new Function|fetch\(|XMLHttpRequest|WebSocket|sendBeacon|importScripts' "$work/codemirror.js"; then
  echo "vendor-codemirror: the bundle contains eval, new Function or a network API; refusing it" >&2
  exit 1
fi
# the packages whose files are in the bundle, from esbuild's own list of inputs
packages="$(cd "$work" && node -e '
  const inputs = Object.keys(require("./meta.json").inputs);
  const names = new Set(inputs.filter(p => p.startsWith("node_modules/"))
    .map(p => p.split("/").slice(1, p.split("/")[1].startsWith("@") ? 3 : 2).join("/")));
  console.log([...names].sort().join("\n"));')"
mkdir -p "$dest"
cp "$work/codemirror.js" "$dest/codemirror.js"
lock_sum="$(sha256sum "$inputs/package-lock.json" | cut -d' ' -f1)"
{
  echo "CodeMirror 6 bundle for the SPARQL console (scripts/vendor-codemirror.sh; esbuild, IIFE, window.KgCodeMirror)"
  echo "codemirror.js sha256 $got"
  echo "scripts/codemirror/package-lock.json sha256 $lock_sum"
  echo "bundled packages (npm name, version, licence):"
  for p in $packages; do
    (cd "$work" && node -e 'const j = require("./node_modules/" + process.argv[1] + "/package.json");
      console.log("  " + j.name + " " + j.version + " " + j.license)' "$p")
  done
} > "$dest/VERSION.txt"
{
  echo "Third-party notices: the CodeMirror 6 bundle (graph/explorer/vendor/codemirror/codemirror.js)"
  echo "Each package below is compiled into that one file; its licence text follows, as the package ships it."
  for p in $packages; do
    version="$(cd "$work" && node -p 'require("./node_modules/" + process.argv[1] + "/package.json").version' "$p")"
    licence_file="$(ls "$work/node_modules/$p" | grep -iE '^(licen[cs]e|copying)' | head -1 || true)"
    if [ -z "$licence_file" ]; then
      echo "vendor-codemirror: $p has no LICENSE file; add its notice by hand" >&2
      exit 1
    fi
    echo
    echo "================================================================================"
    echo "$p $version"
    echo "================================================================================"
    cat "$work/node_modules/$p/$licence_file"
  done
} > "$dest/THIRD-PARTY-NOTICES.txt"
echo "vendored the CodeMirror bundle ($(wc -c < "$dest/codemirror.js") bytes, $(echo "$packages" | wc -l) packages) into $dest"
