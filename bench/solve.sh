#!/usr/bin/env bash
# Solve benchmark: sgplan vs glpsol and cbc on the same exported model.
# For each size (sites x options x quarters) it generates a plan with
# bench/sggen, runs sgplan (gap 1e-4), exports the MIP, runs glpsol and cbc
# on it with the same gap and a time limit, and prints wall time, peak
# memory (max RSS) and objective, with sgplan/peer time ratios.  sgplan and
# cbc use every core (sgplan's subtrees, cbc's threads); glpsol has one.
# Usage: bench/solve.sh [LIMIT_SECONDS] [SIZES...]   (SIZE = SxKxT)
# SEED=N picks another generated instance of each size (default 42).
set -uo pipefail
cd "$(dirname "$0")/.."
limit=${1:-120}; shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(3x3x8 10x4x16 20x8x24 50x8x40)
B=build; W=$(mktemp -d)
. bench/lib.sh
ratio() { echo "$1 / ($2 + 0.005)" | bc -l; }
printf '%-10s %-7s %9s %9s %18s %8s %s\n' size solver seconds rss_MB \
  objective sgplan/x status
for sz in "${sizes[@]}"; do
  gen_plan "$sz" "${SEED:-42}" "$W/p.csv"
  rm -f "$W"/*.txt "$W/p.lp" "$W/p.mps"; rm -rf "$W/r"
  read -r ts ms < <(measure $B/sgplan "$W/p.csv" --quiet --out "$W/r" \
    --time-limit "$limit" --export-lp "$W/p.lp" --export-mps "$W/p.mps")
  obj=$(field "$W/r" total_cost)
  st=$(field "$W/r" status)
  gap=$(field "$W/r" mip_gap)
  printf '%-10s %-7s %9.2f %9.1f %18.6f %8s %s gap %s\n' "$sz" sgplan \
    "$ts" "$(echo "$ms/1024" | bc -l)" "$obj" 1 "$st" "$(fmt_gap "$gap")"
  read -r tg mg < <(measure timeout $((limit + 10)) glpsol --lp "$W/p.lp" \
    --mipgap 1e-4 --tmlim "$limit" -o "$W/g.txt")
  og=$(grep -so 'total_cost = [-0-9.e+]*' "$W/g.txt" | awk '{print $3}')
  # glpsol's "Status:" line: INTEGER OPTIMAL when it proved the gap
  sg=$(grep -so '^Status: *.*' "$W/g.txt" | sed 's/^Status: *//')
  printf '%-10s %-7s %9.2f %9.1f %18s %8.2f %s\n' "$sz" glpsol "$tg" \
    "$(echo "$mg/1024" | bc -l)" "${og:-none}" "$(ratio "$ts" "$tg")" \
    "${sg:-no plan}"
  read -r tc mc < <(measure timeout $((limit + 10)) cbc "$W/p.mps" \
    ratio 1e-4 sec "$limit" threads "$(nproc)" solve solu "$W/c.txt")
  oc=$(head -1 "$W/c.txt" 2>/dev/null | grep -o 'value [-0-9.e+]*' | awk '{print $2}')
  # the solution file's first words: "Optimal" when cbc proved the gap,
  # "Stopped on time" when its time limit stopped it
  sc=$(head -1 "$W/c.txt" 2>/dev/null | sed 's/ *- objective value.*//')
  printf '%-10s %-7s %9.2f %9.1f %18s %8.2f %s\n' "$sz" cbc "$tc" \
    "$(echo "$mc/1024" | bc -l)" "${oc:-none}" "$(ratio "$ts" "$tc")" \
    "${sc:-no plan}"
done
rm -rf "$W"
