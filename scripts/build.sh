#!/usr/bin/env bash
# Install missing Debian packages and build sgplan in ./build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
ln -sf build/sgplan sgplan
