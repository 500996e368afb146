#!/usr/bin/env bash
# Seed survey: how often sgplan proves generated plans of one size within a
# time limit.  For each seed it generates a plan with bench/sggen (2 fabs,
# 2 products, 2 platforms, 3 regions, as bench/solve.sh), solves it to gap
# 1e-4 with the limit on every core, and prints the status, the gap left,
# wall time and peak memory; the last line counts the plans proven.
# Usage: bench/survey.sh [LIMIT_SECONDS] [SIZE] [FIRST_SEED] [LAST_SEED]
#        (defaults: 60 50x8x40 1 15; SIZE = SxKxT)
set -uo pipefail
cd "$(dirname "$0")/.."
limit=${1:-60}; size=${2:-50x8x40}; first=${3:-1}; last=${4:-15}
B=build; W=$(mktemp -d)
. bench/lib.sh
trap 'rm -rf "$W"' EXIT
printf '%-8s %-5s %-10s %10s %9s %9s %18s\n' size seed status gap \
  seconds rss_MB total_cost
proven=0; n=0
for seed in $(seq "$first" "$last"); do
  gen_plan "$size" "$seed" "$W/p.csv"
  rm -rf "$W/r"
  read -r ts ms < <(measure $B/sgplan "$W/p.csv" --quiet --out "$W/r" \
    --time-limit "$limit")
  st=$(field "$W/r" status)
  gap=$(field "$W/r" mip_gap)
  obj=$(field "$W/r" total_cost)
  printf '%-8s %-5s %-10s %10s %9.2f %9.1f %18s\n' "$size" "$seed" \
    "${st:-error}" "$(fmt_gap "$gap")" "$ts" "$(echo "$ms/1024" | bc -l)" \
    "${obj:-none}"
  n=$((n + 1))
  [ "$st" = optimal ] && proven=$((proven + 1))
done
echo "proven optimal within ${limit} s: $proven of $n plans of size $size"
