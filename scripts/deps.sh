#!/usr/bin/env bash
# Install the Debian packages sgplan needs, if any is missing.
#   scripts/deps.sh          what building and running sgplan needs
#   scripts/deps.sh --test   also what the test suite uses (cross-check
#                            solvers, Chromium, LibreOffice Calc, xmllint)
set -euo pipefail
pkgs=(cmake gcc make libglpk-dev libgsl-dev libcsv-dev libcmocka-dev
      libopenmpi-dev openmpi-bin)
if [ "${1:-}" = "--test" ]; then
  pkgs+=(glpk-utils coinor-cbc clang bc time python3 chromium
         libreoffice-calc-nogui libxml2-utils unzip)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "sgplan: installing ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  # a failed index refresh is not fatal: the cached lists may do
  $sudo apt-get update -qq || echo "sgplan: apt-get update failed" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    "${missing[@]}" >/dev/null
fi
