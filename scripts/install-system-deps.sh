#!/usr/bin/env bash
# Install the non-Python parts the test suite drives for real: Debian's Chromium and a CJK font (HTML
# explorer tests), rapper and serdi (independent Turtle parsers), a JDK (OWL API, the OWL 2 DL judge), and Virtuoso 7 (triple-store tests,
# unpacked into .cache/ without installing a system service). Idempotent: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
command -v chromium >/dev/null || missing+=(chromium)
[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
command -v rapper >/dev/null || missing+=(raptor2-utils)
command -v serdi >/dev/null || missing+=(serdi)
command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)

if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

bash scripts/install-owlapi.sh

if [ -f scripts/install-virtuoso.sh ]; then
  bash scripts/install-virtuoso.sh
fi
