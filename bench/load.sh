#!/usr/bin/env bash
# Loader benchmark: time and peak memory of `sgplan --check` (read, parse,
# validate) on data/2025.csv and on a generated plan about 100x its rows.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${B:-build}; W=$(mktemp -d)
base=$(grep -vc '^#' data/2025.csv)
$B/sggen --sites 600 --options 5 --quarters 16 --fabs 20 --products 6 \
  --platforms 2 --regions 20 --seed 1 >"$W/big.csv"
big=$(grep -vc '^#' "$W/big.csv")
printf '%-22s %8s %10s %10s %10s\n' plan rows bytes seconds peak_MB
for f in data/2025.csv "$W/big.csv"; do
  best=999
  for i in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" -o "$W/t" $B/sgplan --check "$f" >/dev/null
    read -r s m <"$W/t"
    best=$(echo "if ($s < $best) $s else $best" | bc -l)
  done
  printf '%-22s %8d %10d %10.3f %10.1f\n' "$(basename "$f")" \
    "$(grep -vc '^#' "$f")" "$(stat -c %s "$f")" "$best" \
    "$(echo "$m/1024" | bc -l)"
done
echo "size ratio: $(echo "$big/$base" | bc -l | cut -c1-6)x rows"
rm -rf "$W"
