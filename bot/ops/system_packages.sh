#!/usr/bin/env bash
# Debian packages, installed only when missing:
#   run:  fonts for the young person's PDF (Latin, Arabic script, Bengali); with RASA_REPLICAS above 1,
#         also PostgreSQL, Redis and HAProxy for the shared stores and the load balancer
#   test: all of those, chromium (browser tests) and systemd (to verify the unit files)
# Without root or apt it says what it skipped; the tests that need a package then say they skipped.
set -euo pipefail
wanted=(fonts-dejavu-core fonts-noto-core)
if [ "${1:-run}" = "test" ] || [ "${RASA_REPLICAS:-1}" -gt 1 ]; then wanted+=(postgresql redis-server haproxy); fi
[ "${1:-run}" = "test" ] && wanted+=(chromium systemd)
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
