#!/usr/bin/env python3
"""Change-of-units (metamorphic) test of sgplan: tests/test_units.c runs it.

usage: units.py PLAN.csv [factor ...] --cases DIR [--sgplan PATH]
                [--only T1,T2] [--time-limit S] [--jobs N] [--warn-run]

Each transformation rescales the units of one quantity in the plan; by
MODEL.md the optimum must not change except by the money factor.

  money F    every money attribute x F                       cost x F
  compute F  compute_per_rack, demand x F;
             serve_cost:*, unserved_penalty / F              cost unchanged
  memory F   units_per_wafer:*, scheduled_output,
             initial_inventory, contract, memory:* x F;
             holding_cost, shortfall_penalty / F             cost unchanged
  wafers F   wafer_capacity, capacity of fab: options x F;
             units_per_wafer:*, wafer_cost:* / F             cost unchanged
  power F    kw_per_rack, initial_it_mw, grid_mw,
             capacity of site:/grid: options x F;
             energy_price / F                                cost unchanged
  racks F    initial_racks:* x F;
             kw_per_rack, compute_per_rack, memory:*,
             rack_cost / F                                   cost unchanged

Each run: sgplan FILE --quiet --out DIR --mip-gap 1e-6 [--time-limit S]
(no limit unless S > 0).  The plans and reports go under DIR/STEM/.
sgplan is $SGPLAN, else the repository's build/sgplan, unless --sgplan
names it.
Because --quiet suppresses warnings, --warn-run solves each file a second
time without it, only to collect the warnings on stderr.

Exit status: 0 if every run is optimal, |rel diff| <= 1e-6 and no bound
is invalid; 1 otherwise; 2 on harness errors.
"""

import csv
import io
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

SGPLAN = os.environ.get("SGPLAN", os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "build", "sgplan"))
DEFAULT_FACTORS = [1e-6, 1e-3, 1e3, 1e6, 1e9]
TOL = 1e-6

NUM_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
QUARTER_RE = re.compile(r"^\d{4}Q[1-4]$")

MONEY = {"wafer_cost", "holding_cost", "rack_cost", "energy_price",
         "serve_cost", "unserved_penalty", "shortfall_penalty", "capex",
         "opex"}


def rule_money(sec, attr, target_kind):
    return "mul" if attr in MONEY else None


def rule_compute(sec, attr, target_kind):
    if attr in ("compute_per_rack", "demand"):
        return "mul"
    if attr in ("serve_cost", "unserved_penalty"):
        return "div"
    return None


def rule_memory(sec, attr, target_kind):
    if attr in ("units_per_wafer", "scheduled_output", "initial_inventory",
                "contract", "memory"):
        return "mul"
    if attr in ("holding_cost", "shortfall_penalty"):
        return "div"
    return None


def rule_wafers(sec, attr, target_kind):
    if attr == "wafer_capacity":
        return "mul"
    if sec == "option" and attr == "capacity" and target_kind == "fab":
        return "mul"
    if attr in ("units_per_wafer", "wafer_cost"):
        return "div"
    return None


def rule_power(sec, attr, target_kind):
    if attr in ("kw_per_rack", "initial_it_mw", "grid_mw"):
        return "mul"
    if sec == "option" and attr == "capacity" and target_kind in ("site", "grid"):
        return "mul"
    if attr == "energy_price":
        return "div"
    return None


def rule_racks(sec, attr, target_kind):
    if attr == "initial_racks":
        return "mul"
    if attr in ("kw_per_rack", "compute_per_rack", "memory", "rack_cost"):
        return "div"
    return None


# name -> (rule, money factor of total_cost as a function of F)
TRANSFORMS = {
    "money": (rule_money, lambda f: f),
    "compute": (rule_compute, lambda f: 1.0),
    "memory": (rule_memory, lambda f: 1.0),
    "wafers": (rule_wafers, lambda f: 1.0),
    "power": (rule_power, lambda f: 1.0),
    "racks": (rule_racks, lambda f: 1.0),
}

# attributes that belong to each section (others with the same name are
# not touched: only these sections are ever scaled)
SECTION_OF = {
    "wafer_capacity": "fab", "units_per_wafer": "fab", "wafer_cost": "fab",
    "initial_inventory": "product", "scheduled_output": "product",
    "holding_cost": "product", "contract": "product",
    "shortfall_penalty": "product",
    "kw_per_rack": "platform", "compute_per_rack": "platform",
    "rack_cost": "platform", "memory": "platform",
    "grid_mw": "site", "energy_price": "site", "initial_it_mw": "site",
    "initial_racks": "site", "serve_cost": "site",
    "demand": "region", "unserved_penalty": "region",
    "capacity": "option", "capex": "option", "opex": "option",
}


class Recorder:
    """Feeds lines to csv.reader and remembers the raw text consumed."""

    def __init__(self, lines):
        self.it = iter(lines)
        self.buf = []

    def __iter__(self):
        return self

    def __next__(self):
        line = next(self.it)
        self.buf.append(line)
        return line

    def take(self):
        raw = "".join(self.buf)
        self.buf = []
        return raw


def split_records(text):
    """[(fields, raw_text)] for every CSV record of text."""
    lines = re.findall(r"[^\n]*\n|[^\n]+$", text)
    rec = Recorder(lines)
    out = []
    for row in csv.reader(rec, strict=False):
        out.append((row, rec.take()))
    tail = rec.take()
    if tail:
        out.append((None, tail))
    return out


def is_comment(row):
    return bool(row) and row[0].strip(" \t").startswith("#")


def is_empty(row):
    return all(c.strip(" \t") == "" for c in row)


def fmt(x):
    return repr(float(x))


def transform_text(text, name, factor):
    """Return (new_text, number_of_cells_changed)."""
    rule = TRANSFORMS[name][0]
    bom = ""
    if text.startswith("\ufeff"):
        bom, text = "\ufeff", text[1:]
    recs = split_records(text)
    header = None
    col = {}
    qcols = []
    parsed = []  # (index into recs, section, name, attrbase)
    targets = {}
    for i, (row, raw) in enumerate(recs):
        if row is None or is_comment(row) or is_empty(row):
            continue
        if header is None:
            header = [c.strip(" \t") for c in row]
            for j, h in enumerate(header):
                if h in ("section", "name", "attribute", "value"):
                    col[h] = j
                elif QUARTER_RE.match(h):
                    qcols.append(j)
            if len(col) != 4:
                raise SystemExit("units.py: no valid header in input")
            continue
        cell = lambda k: row[col[k]].strip(" \t") if col[k] < len(row) else ""
        sec, nm, attr = cell("section"), cell("name"), cell("attribute")
        base = attr.split(":", 1)[0].strip(" \t")
        parsed.append((i, sec, nm, base))
        if sec == "option" and base == "target":
            targets[nm] = cell("value").split(":", 1)[0].strip(" \t")
    changed = 0
    out = [bom]
    todo = {}
    for i, sec, nm, base in parsed:
        if SECTION_OF.get(base) != sec:
            continue
        how = rule(sec, base, targets.get(nm) if sec == "option" else None)
        if how:
            todo[i] = how
    for i, (row, raw) in enumerate(recs):
        if i not in todo:
            out.append(raw)
            continue
        how = todo[i]
        new = list(row)
        for j in [col["value"]] + qcols:
            if j >= len(new):
                continue
            s = new[j].strip(" \t")
            if s == "":
                continue
            if not NUM_RE.match(s):
                raise SystemExit("units.py: non-numeric cell %r in a scaled row" % s)
            v = float(s)
            new[j] = fmt(v * factor if how == "mul" else v / factor)
            changed += 1
        if raw.endswith("\r\n"):
            term = "\r\n"
        elif raw.endswith("\n"):
            term = "\n"
        else:
            term = ""
        sio = io.StringIO()
        csv.writer(sio, lineterminator=term or "\n").writerow(new)
        s = sio.getvalue()
        if not term:
            s = s[:-1]
        out.append(s)
    return "".join(out), changed


def read_summary(path):
    d = {}
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            for r in csv.reader(fh):
                if len(r) >= 2:
                    d[r[0]] = r[1]
    except OSError:
        return None
    return d


def shorten_msgs(stderr, path):
    msgs = []
    for line in stderr.splitlines():
        line = line.strip()
        if not line:
            continue
        line = line.replace(path, "F")
        line = re.sub(r"^sgplan: ", "", line)
        msgs.append(line)
    return msgs


def run_sgplan(sgplan, path, outdir, time_limit, quiet=True):
    cmd = [sgplan, path]
    if quiet:
        cmd.append("--quiet")
    cmd += ["--out", outdir, "--mip-gap", "1e-6"]
    if time_limit:
        cmd += ["--time-limit", str(time_limit)]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, errors="replace")
    return cmd, p.returncode, p.stderr


def fnum(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


def ftag(f):
    return ("%g" % f).replace("+", "")


def main(argv):
    args = []
    sgplan, cases, only, tl, jobs, warn_run = SGPLAN, None, None, 0, 2, False
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--sgplan":
            sgplan = argv[i + 1]; i += 2; continue
        if a == "--cases":
            cases = argv[i + 1]; i += 2; continue
        if a == "--only":
            only = argv[i + 1].split(","); i += 2; continue
        if a == "--time-limit":
            tl = float(argv[i + 1]); i += 2; continue
        if a == "--jobs":
            jobs = int(argv[i + 1]); i += 2; continue
        if a == "--warn-run":
            warn_run = True; i += 1; continue
        if a in ("-h", "--help"):
            print(__doc__); return 0
        args.append(a); i += 1
    if not args or not cases:
        print(__doc__, file=sys.stderr); return 2
    plan = args[0]
    factors = [float(x) for x in args[1:]] or DEFAULT_FACTORS
    names = only or list(TRANSFORMS)
    stem = os.path.splitext(os.path.basename(plan))[0]
    cdir = os.path.join(cases, stem)
    os.makedirs(cdir, exist_ok=True)
    with open(plan, encoding="utf-8", newline="") as fh:
        text = fh.read()

    jobsl = [("original", 1.0, os.path.abspath(plan), 0)]
    for n in names:
        for f in factors:
            new, nch = transform_text(text, n, f)
            p = os.path.join(cdir, "%s_%s.csv" % (n, ftag(f)))
            with open(p, "w", encoding="utf-8", newline="") as fh:
                fh.write(new)
            jobsl.append((n, f, p, nch))

    def work(job):
        n, f, p, nch = job
        tag = "original" if n == "original" else "%s_%s" % (n, ftag(f))
        od = os.path.join(cdir, "out", tag)
        sm = os.path.join(od, "summary.csv")
        if os.path.exists(sm):
            os.remove(sm)
        cmd, rc, err = run_sgplan(sgplan, p, od, tl, quiet=True)
        summ = read_summary(sm) if rc == 0 else None
        msgs = shorten_msgs(err, p)
        if warn_run:
            _, rc2, err2 = run_sgplan(sgplan, p, od + ".w", tl, quiet=False)
            for m in shorten_msgs(err2, p):
                if m not in msgs:
                    msgs.append(m)
        return dict(name=n, factor=f, path=p, nch=nch, cmd=cmd, rc=rc,
                    summ=summ, msgs=msgs)

    with ThreadPoolExecutor(max_workers=jobs) as ex:
        results = list(ex.map(work, jobsl))

    orig = results[0]
    if not orig["summ"] or fnum(orig["summ"].get("total_cost")) is None:
        print("original run failed: rc=%s %s" % (orig["rc"], orig["msgs"]))
        return 1
    c0 = fnum(orig["summ"]["total_cost"])
    den = max(1.0, abs(c0))
    bad = False
    rows = []
    for r in results:
        s = r["summ"] or {}
        m = TRANSFORMS[r["name"]][1](r["factor"]) if r["name"] in TRANSFORMS else 1.0
        status = s.get("status") if r["rc"] == 0 and s else "rc=%d" % r["rc"]
        c = fnum(s.get("total_cost"))
        b = fnum(s.get("best_bound"))
        cn = c / m if c is not None else None
        bn = b / m if b is not None else None
        rel = (cn - c0) / den if cn is not None else None
        binv = bn is not None and (bn - c0) / den > TOL
        flags = []
        if status != "optimal":
            flags.append("STATUS")
        if rel is None or abs(rel) > TOL:
            flags.append("COST")
        if binv:
            flags.append("BOUND")
        if s.get("status") == "time_limit":
            flags.append("TIMELIMIT")
        if flags:
            bad = True
        msgs = r["msgs"]
        msg = ""
        if msgs:
            msg = "%d: %s" % (len(msgs), msgs[0][:150])
        rows.append([r["name"], "" if r["name"] == "original" else "%g" % r["factor"],
                     status, "%.10g" % cn if cn is not None else "-",
                     "%+.2e" % rel if rel is not None else "-",
                     "%.10g" % bn if bn is not None else "-",
                     "INVALID" if binv else "ok",
                     s.get("certified", "-"),
                     ",".join(flags) or "ok", msg])
        r["rel"] = rel
        r["flags"] = flags
    hdr = ["transform", "factor", "status", "cost_norm", "rel_diff",
           "bound_norm", "bound", "cert", "verdict", "stderr"]
    w = [max(len(x[k]) for x in rows + [hdr]) for k in range(len(hdr) - 1)]
    print("# %s  original total_cost=%r best_bound=%s" %
          (plan, c0, orig["summ"].get("best_bound")))
    for x in [hdr] + rows:
        print("  ".join(x[k].ljust(w[k]) for k in range(len(hdr) - 1)) + "  " + x[-1])
    fails = [r for r in results if r["flags"]]
    if fails:
        print("# failing runs (reproduce with):")
        fails.sort(key=lambda r: -(abs(r["rel"]) if r["rel"] is not None else 1e300))
        for r in fails:
            print("  [%s %s] %s" % (r["name"], ftag(r["factor"]), " ".join(r["cmd"])))
    # full messages, once per distinct text
    allm = {}
    for r in results:
        for mm in r["msgs"]:
            allm.setdefault(mm, []).append("%s_%s" % (r["name"], ftag(r["factor"])))
    if allm:
        print("# stderr messages (F = the input file):")
        for mm, who in allm.items():
            print("  %s  <- %s" % (mm, " ".join(who)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
