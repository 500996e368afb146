/* sgplan planning model (MODEL.md v2) in GNU MathProg: an independent
   formulation (written apart from models/*.c, with its own CSV reader in
   plan2dat.py) that tests/test_gmpl.c solves with glpsol to cross-check
   sgplan's total_cost.  Data files come from plan2dat.py --dat OUT.dat
   (series resolved, defaults applied, links computed).
   Solve: glpsol --math tests/gmpl/model.mod --data OUT.dat          */

param nT integer > 0;
set T := 1..nT;
set F; set P; set A; set S; set R; set K;
param rate default 0;
param d{t in -40..nT} := (1 + rate) ** (-(t - 1) / 4);
param H := 2190;

param wcap{F, T} default 0;
param upw{F, P} default 0;
param wcost{F, P} default 0;
param plead{P} integer default 0;
param inv0{P} default 0;
param hold{P} default 0;
param spen{P} default 0;
param sched{P, T} default 0;
param contract{P, T} default 0;
param kw{A};
param comp{A};
param fq{A} integer default 1;
param rcost{A, T} default 0;
param mem{A, P} default 0;
param grid{S, T} default 0;
param eprice{S, T} default 0;
param pue{S} default 1;
param lf{S} default 1;
param it0{S} default 0;
param r0{A, S} default 0;
param link{S, R} binary;
param scost{S, R} default 0;
param dem{R, T} default 0;
param upen{R} default 0;
param capsite{K, S} default 0;
param capgrid{K, S} default 0;
param capfab{K, F} default 0;
param capex{K} default 0;
param opex{K} default 0;
param ke{K} integer default 1;
param klq{K} integer default 0;
param comm{K} binary default 0;
set REQ within K cross K;

/* capex present value if k comes online in t (spent evenly over lead) */
param C{k in K, t in T} := if klq[k] = 0 then capex[k] * d[t]
    else capex[k] / klq[k] * sum{tau in (t - klq[k])..(t - 1)}
        (1 + rate) ** (-(tau - 1) / 4);
param first{k in K} := if comm[k] = 1 then max(ke[k], 1) else max(ke[k], 1 + klq[k]);

var W{f in F, p in P, t in T: upw[f, p] > 0} >= 0;
var X{a in A, s in S, t in T: t >= max(1, fq[a])} >= 0;
var E{P, T} >= 0;
var SE{P, T} >= 0;
var I{P, T} >= 0;
var Q{s in S, r in R, t in T: link[s, r] = 1} >= 0;
var U{R, T} >= 0;
var ON{K, T} binary;

var Rk{a in A, s in S, t in T};
var L{s in S, t in T};
s.t. defR{a in A, s in S, t in T}: Rk[a, s, t] =
    r0[a, s] + sum{tau in T: tau <= t and tau >= max(1, fq[a])} X[a, s, tau];
s.t. defL{s in S, t in T}: L[s, t] = sum{a in A} kw[a] / 1000 * Rk[a, s, t];

s.t. fabcap{f in F, t in T}:
    sum{p in P: upw[f, p] > 0} W[f, p, t] <= wcap[f, t] + sum{k in K} capfab[k, f] * ON[k, t];
s.t. stock{p in P, t in T}:
    I[p, t] = (if t = 1 then inv0[p] else 0) + (if t > 1 then I[p, t - 1] else 0)
      + sched[p, t]
      + sum{f in F: upw[f, p] > 0 and t - plead[p] >= 1} upw[f, p] * W[f, p, t - plead[p]]
      - E[p, t]
      - sum{a in A, s in S: t >= max(1, fq[a])} mem[a, p] * X[a, s, t];
s.t. contr{p in P, t in T}: E[p, t] + SE[p, t] = contract[p, t];
s.t. itspace{s in S, t in T}: L[s, t] <= it0[s] + sum{k in K} capsite[k, s] * ON[k, t];
s.t. gridcap{s in S, t in T}: pue[s] * L[s, t] <= grid[s, t] + sum{k in K} capgrid[k, s] * ON[k, t];
s.t. serving{s in S, t in T}:
    sum{r in R: link[s, r] = 1} Q[s, r, t] <= sum{a in A} comp[a] * Rk[a, s, t];
s.t. demand{r in R, t in T}: sum{s in S: link[s, r] = 1} Q[s, r, t] + U[r, t] = dem[r, t];
s.t. mono{k in K, t in T: t > 1}: ON[k, t] >= ON[k, t - 1];
s.t. timing{k in K, t in T}: ON[k, t] <= (if t >= first[k] then 1 else 0);
s.t. commfix{k in K, t in T: comm[k] = 1 and t >= first[k]}: ON[k, t] = 1;
s.t. prec{(k, j) in REQ, t in T}: ON[k, t] <= ON[j, t];

var c_wafers;
s.t. def_c_wafers: c_wafers = sum{t in T} d[t] * sum{f in F, p in P: upw[f, p] > 0} wcost[f, p] * W[f, p, t];
var c_holding;
s.t. def_c_holding: c_holding = sum{t in T} d[t] * sum{p in P} hold[p] * I[p, t];
var c_racks;
s.t. def_c_racks: c_racks = sum{t in T} d[t] * sum{a in A, s in S: t >= max(1, fq[a])} rcost[a, t] * X[a, s, t];
var c_energy;
s.t. def_c_energy: c_energy = sum{t in T} d[t] * sum{s in S} eprice[s, t] * H * pue[s] * lf[s] * L[s, t];
var c_serving;
s.t. def_c_serving: c_serving = sum{t in T} d[t] * sum{s in S, r in R: link[s, r] = 1} scost[s, r] * Q[s, r, t];
var c_unserved;
s.t. def_c_unserved: c_unserved = sum{t in T} d[t] * sum{r in R} upen[r] * U[r, t];
var c_shortfall;
s.t. def_c_shortfall: c_shortfall = sum{t in T} d[t] * sum{p in P} spen[p] * SE[p, t];
var c_opex;
s.t. def_c_opex: c_opex = sum{t in T} d[t] * sum{k in K} opex[k] * ON[k, t];
var c_capex;
# B[k,t] is 0 before k's first quarter, where C[k,t] is not defined (a
# construction before the horizon; a long lead overflows it)
s.t. def_c_capex: c_capex = sum{k in K, t in T: comm[k] = 0 and t >= first[k]}
    (ON[k, t] - (if t > 1 then ON[k, t - 1] else 0)) * C[k, t];

minimize total: c_wafers + c_holding + c_racks + c_energy + c_serving
    + c_unserved + c_shortfall + c_opex + c_capex;

solve;

printf "TOTAL_COST %.15g\n", total;
printf "terms: wafers %.6g holding %.6g racks %.6g energy %.6g serving %.6g\n",
    c_wafers, c_holding, c_racks, c_energy, c_serving;
printf "terms: unserved %.6g shortfall %.6g opex %.6g capex %.6g\n",
    c_unserved, c_shortfall, c_opex, c_capex;
printf "unserved_compute %.6g  contract_shortfall %.6g (undiscounted sums)\n",
    sum{r in R, t in T} U[r, t], sum{p in P, t in T} SE[p, t];
printf "BUILDS (option: online quarter index, committed)\n";
for {k in K: sum{t in T} ON[k, t] > 0.5}
    printf "  %-28s online t=%2d  comm=%d  capexPV=%.6g\n", k,
        min{t in T: ON[k, t] > 0.5} t, comm[k],
        if comm[k] = 0 then C[k, min{t in T: ON[k, t] > 0.5} t] else 0;
printf "NOT BUILT:";
for {k in K: sum{t in T} ON[k, t] < 0.5} printf " [%s]", k;
printf "\n";
printf "%-22s", "quarter"; for {t in T} printf "%9d", t; printf "\n";
for {r in R} {
    printf "dem %-18s", r; for {t in T} printf "%9.0f", dem[r, t]; printf "\n";
    printf "uns %-18s", r; for {t in T} printf "%9.0f", U[r, t]; printf "\n";
}
for {p in P} {
    printf "contract %-13s", p; for {t in T} printf "%9.0f", contract[p, t] / 1000; printf "  (k)\n";
    printf "short %-16s", p; for {t in T} printf "%9.0f", SE[p, t] / 1000; printf "  (k)\n";
    printf "racks %-16s", p; for {t in T} printf "%9.1f", sum{a in A, s in S: t >= max(1, fq[a])} mem[a, p] * X[a, s, t] / 1000; printf "  (k)\n";
    printf "stock %-16s", p; for {t in T} printf "%9.0f", I[p, t] / 1000; printf "  (k)\n";
}
for {f in F} {
    printf "wafers %-15s", f; for {t in T} printf "%9.0f", sum{p in P: upw[f, p] > 0} W[f, p, t] / 1000; printf "  (k)\n";
    printf "  cap %-16s", f; for {t in T} printf "%9.0f", (wcap[f, t] + sum{k in K} capfab[k, f] * ON[k, t]) / 1000; printf "  (k)\n";
    for {p in P: upw[f, p] > 0} {
        printf "  %-20s", p; for {t in T} printf "%9.0f", W[f, p, t] / 1000; printf "  (k)\n";
    }
}
for {s in S} {
    printf "IT MW %-16s", s; for {t in T} printf "%9.1f", L[s, t]; printf "\n";
    printf "  itcap %-14s", s; for {t in T} printf "%9.1f", it0[s] + sum{k in K} capsite[k, s] * ON[k, t]; printf "\n";
    printf "  gridcap/pue %-8s", s; for {t in T} printf "%9.1f", (grid[s, t] + sum{k in K} capgrid[k, s] * ON[k, t]) / pue[s]; printf "\n";
    for {a in A} {
        printf "  racks %-14s", a; for {t in T} printf "%9.1f", Rk[a, s, t]; printf "\n";
    }
    for {r in R: link[s, r] = 1} {
        printf "  Q->%-17s", r; for {t in T} printf "%9.0f", Q[s, r, t]; printf "\n";
    }
}
end;
