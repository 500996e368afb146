#!/usr/bin/env bash
# Monte Carlo on Open MPI: 10,000 risk scenarios of data/2025.csv with one
# rank vs two ranks (one thread each), wall time and the speed-up ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${B:-build}; N=${1:-10000}; W=$(mktemp -d)
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
run() { # ranks
  local t0 t1
  t0=$(date +%s.%N)
  mpirun -np "$1" --oversubscribe $B/sgplan data/2025.csv --quiet \
    --scenarios "$N" --seed 7 --threads 1 --out "$W/np$1"
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
t1=$(run 1); t2=$(run 2)
cmp -s "$W/np1/risk.csv" "$W/np2/risk.csv" && same=identical || same=DIFFERENT
printf 'scenarios %d: 1 rank %.2f s, 2 ranks %.2f s, speed-up %.2fx, risk.csv %s\n' \
  "$N" "$t1" "$t2" "$(echo "$t1/$t2" | bc -l)" "$same"
rm -rf "$W"
