#!/usr/bin/env bash
# Debian packages the tests use: chromium (browser tests), postgresql (the same tests on
# PostgreSQL), redis-server (the multi-server lock store), fonts for Arabic script and Bengali.
# Installs only what is missing; without root or apt it says what it skipped.
set -euo pipefail
wanted=(chromium postgresql redis-server fonts-noto-core)
missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Not installing ${missing[*]} (needs root and apt-get): tests that need them will say they skipped." >&2
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
