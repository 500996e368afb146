#!/usr/bin/env bash
# Trust benchmark (trust.h): what certification and --explain cost.
# On one plan (default data/2025.csv) it runs sgplan REPS times each way
# and prints median wall times:
#   - end to end with --no-certify and with --certify, and the
#     certification overhead in % of the end-to-end time (target < 20 %);
#     also the certification's own time as sgplan --verbose reports it;
#   - the plain solve time (solve_seconds of summary.csv: build + MIP +
#     final LP) and the --explain re-solves' time as --verbose reports it,
#     with their ratio (target < 10).
# Usage: bench/trust.sh [PLAN] [REPS]   (THREADS=N: --threads for explain;
# SGPLAN_BUILD=DIR: the build folder, default build)
set -uo pipefail
cd "$(dirname "$0")/.."
plan=${1:-data/2025.csv}; reps=${2:-21}
B=${SGPLAN_BUILD:-build}; W=$(mktemp -d)
th=(); [ -n "${THREADS:-}" ] && th=(--threads "$THREADS")
trap 'rm -rf "$W"' EXIT
. bench/lib.sh

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall() { # cmd... -> seconds
  local t0 t1
  t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

for i in $(seq "$reps"); do
  wall $B/sgplan "$plan" --quiet --out "$W/a" --no-certify >>"$W/off"
  wall $B/sgplan "$plan" --quiet --out "$W/b" --certify >>"$W/on"
  $B/sgplan "$plan" --verbose --out "$W/c" --certify --explain "${th[@]}" 2>&1 |
    tr '\r' '\n' >"$W/log"
  grep -o 'certification [a-z]* in [0-9.]*' "$W/log" |
    awk '{print $4}' >>"$W/cert"
  grep -o 'explain: [0-9]* re-solves in [0-9.]*' "$W/log" |
    awk '{print $5}' >>"$W/expl"
  field "$W/c" solve_seconds >>"$W/solve"
done
off=$(median <"$W/off"); on=$(median <"$W/on")
cert=$(median <"$W/cert"); expl=$(median <"$W/expl")
solve=$(median <"$W/solve")
n=$(grep -o 'explain: [0-9]*' "$W/log" | awk '{print $2}')
printf 'plan %s, %d runs each, medians, explain threads: %s\n' "$plan" \
  "$reps" "${THREADS:-all cores}"
printf '%-34s %10.4f s\n' "end to end, --no-certify" "$off"
printf '%-34s %10.4f s\n' "end to end, --certify" "$on"
printf '%-34s %10.1f %%\n' "certification overhead (wall)" \
  "$(echo "100 * ($on - $off) / $off" | bc -l)"
printf '%-34s %10.4f s  (%.1f %% of end to end)\n' \
  "certification itself (--verbose)" "$cert" \
  "$(echo "100 * $cert / $on" | bc -l)"
printf '%-34s %10.4f s\n' "plain solve (solve_seconds)" "$solve"
printf '%-34s %10.4f s  (%s re-solves)\n' "--explain re-solves" "$expl" "$n"
printf '%-34s %10.2f x\n' "explain / plain solve" \
  "$(echo "$expl / $solve" | bc -l)"
