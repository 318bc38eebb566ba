#!/usr/bin/env bash
# Installs the Debian packages given that are not installed yet (idempotent); sudo when not root.
# Usage: scripts/apt-ensure.sh WHO [--no-install-recommends] PACKAGE...   (WHO prefixes the "installing" line)
set -euo pipefail
who=$1; shift
options=()
if [ "${1:-}" = "--no-install-recommends" ]; then options+=("$1"); shift; fi
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -gt 0 ] || exit 0
echo "$who: installing ${missing[*]}"
sudo_cmd=""
[ "$(id -u)" = "0" ] || sudo_cmd="sudo"
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${options[@]}" "${missing[@]}" >/dev/null
