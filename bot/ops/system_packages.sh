#!/usr/bin/env bash
# Debian packages, installed only when missing:
#   run:  fonts for the young person's PDF (Latin, Arabic script, Bengali)
#   test: also chromium (browser tests), postgresql (the same tests on PostgreSQL), redis-server
# Without root or apt it says what it skipped; the tests that need a package then say they skipped.
set -euo pipefail
wanted=(fonts-dejavu-core fonts-noto-core)
[ "${1:-run}" = "test" ] && wanted+=(chromium postgresql redis-server)
missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Not installing ${missing[*]} (needs root and apt-get)." >&2
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
