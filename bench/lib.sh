# Shared by the bench/ scripts (sourced): the generated plans they measure,
# the time and memory measurement, and summary.csv fields.  W must name a
# scratch folder and B the build folder.

# gen_plan SxKxT SEED FILE: the generated plan of that size (2 fabs,
# 2 products, 2 platforms, 3 regions: the sizes the README reports)
gen_plan() {
  local S K T
  IFS=x read -r S K T <<<"$1"
  $B/sggen --sites "$S" --options "$K" --quarters "$T" --fabs 2 \
    --products 2 --platforms 2 --regions 3 --seed "$2" >"$3"
}

# measure CMD...: runs it (stdout and stderr to $W/out, $W/err) and prints
# "seconds maxrss_kb"
measure() {
  /usr/bin/time -f "%e %M" -o "$W/time" "$@" >"$W/out" 2>"$W/err"
  tail -1 "$W/time"
}

# field DIR NAME: the value of NAME in DIR/summary.csv (empty if none)
field() {
  grep "^$2," "$1/summary.csv" 2>/dev/null | cut -d, -f2
}

# fmt_gap VALUE: a summary.csv mip_gap as %.3g, or "none" when empty (a time
# limit too short for the LP relaxation leaves no bound)
fmt_gap() {
  if [ -n "$1" ]; then printf '%.3g' "$1"; else printf none; fi
}
