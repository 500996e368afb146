#!/usr/bin/env bash
# Install the Debian packages sgplan needs, if any is missing.
set -euo pipefail
pkgs=(cmake gcc make pkg-config libglpk-dev glpk-utils coinor-cbc libgsl-dev
      libcsv-dev libcmocka-dev libopenmpi-dev openmpi-bin clang bc time)
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "sgplan: installing ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
