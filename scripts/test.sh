#!/usr/bin/env bash
# The whole test suite: install missing packages, build and run every test
# twice, once plain and once under AddressSanitizer + UBSan (leaks
# included), then replay and briefly run the loader fuzzer.
# SG_FUZZ_SECONDS (default 60) bounds the fuzzing; 0 skips it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh --test
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
jobs=$(nproc)

echo "== release build and tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs" >/dev/null
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== sanitizer build (ASan + UBSan) and tests"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DSG_SANITIZE=ON \
      -DSG_MPI=OFF >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
LSAN_OPTIONS=suppressions=$PWD/.ci/lsan.supp \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

secs=${SG_FUZZ_SECONDS:-60}
if [ "$secs" -gt 0 ] && [ -f tests/fuzz/CMakeLists.txt ]; then
  echo "== libFuzzer on the loader for ${secs}s"
  CC=clang cmake -S . -B build-fuzz -DSG_FUZZ=ON -DSG_TESTS=OFF \
        -DSG_MPI=OFF >/dev/null
  cmake --build build-fuzz -j"$jobs" --target fuzz_load >/dev/null
  mkdir -p build-fuzz/corpus
  build-fuzz/tests/fuzz/fuzz_load -max_total_time="$secs" -rss_limit_mb=2048 \
    -print_final_stats=1 -dict=tests/fuzz/load.dict \
    build-fuzz/corpus tests/fuzz/corpus tests/data \
    tests/bad 2>&1 | tail -n 12
fi
echo "sgplan: all tests passed"
