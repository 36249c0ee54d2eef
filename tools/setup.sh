#!/usr/bin/env bash
# Installs every system package Steward needs to build, test and benchmark, on Debian 12 as root.
# Idempotent: when everything is present it prints nothing and returns at once.
set -euo pipefail

packages=(
  g++ cmake ninja-build ccache pkg-config make git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libsodium-dev libspdlog-dev libfmt-dev libcli11-dev
  libmagic-dev libcsv-dev libgtest-dev libgmock-dev libgoogle-perftools-dev
  libhowardhinnant-date-dev tzdata libcurl4-openssl-dev libyaml-cpp-dev
  python3 python3-yaml curl wrk clang clang-14 libclang-rt-14-dev
  chromium
)
# The web app needs Node.js 18+ with npm; Debian's packages only when none is installed.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
