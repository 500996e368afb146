#!/usr/bin/env python3
"""Independent reader of sgplan plan files (FORMAT.md v2) + GMPL .dat writer,
for the cross-check of tests/test_gmpl.c (kept apart from the C loader).

usage: plan2dat.py BASE.csv [--what-if W.csv] [--dat OUT.dat]
Prints errors as FILE:LINE:COL: error: ..., an inventory, and optionally
writes a GMPL data file for tests/gmpl/model.mod (base, or base+what-if).
"""
import csv, io, math, re, sys

SECTIONS = ["plan", "fab", "product", "platform", "site", "region", "option", "uncertainty"]
TS = {"wafer_capacity", "scheduled_output", "contract", "rack_cost", "grid_mw", "energy_price", "demand"}
ATTRS = {
    "plan": {"discount_rate", "mip_gap", "time_limit", "scenarios", "seed"},
    "fab": {"wafer_capacity", "units_per_wafer:", "wafer_cost:"},
    "product": {"lead_quarters", "initial_inventory", "scheduled_output", "holding_cost", "contract", "shortfall_penalty"},
    "platform": {"kw_per_rack", "compute_per_rack", "rack_cost", "memory:", "first_quarter"},
    "site": {"grid_mw", "pue", "load_factor", "energy_price", "initial_it_mw", "initial_racks:", "serve_cost:"},
    "region": {"demand", "unserved_penalty"},
    "option": {"target", "capacity", "capex", "opex", "earliest", "lead_quarters", "committed", "requires"},
    "uncertainty": {"volatility", "correlation", "delay_probability", "delay_quarters"},
}
PAIR_REF = {"units_per_wafer": "product", "wafer_cost": "product", "memory": "product",
            "serve_cost": "region", "initial_racks": "platform"}
INTS = {"lead_quarters", "delay_quarters", "scenarios", "seed"}
LABELS = {"earliest", "first_quarter"}
NAMES = {"target", "requires"}
NUM_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
Q_RE = re.compile(r"^(\d{4})Q([1-4])$")
SPECIAL = {"unit", "note", "source"}


def factor(text):
    """F of a what-if's '*F' (sgplan's choice: blanks may follow the '*')."""
    return text[1:].lstrip(" \t")

class Err(Exception):
    pass

class File:
    def __init__(self, path):
        self.path = path
        self.errors = []
        self.warnings = []

    def err(self, line, col, msg):
        self.errors.append(f"{self.path}:{line}:{col}: error: {msg}")

    def warn(self, line, col, msg):
        self.warnings.append(f"{self.path}:{line}:{col}: warning: {msg}")


def qidx(label):
    m = Q_RE.match(label)
    return int(m.group(1)) * 4 + int(m.group(2)) - 1 if m else None


def read_rows(fobj):
    raw = open(fobj.path, "rb").read()
    if b"\0" in raw:
        fobj.err(1, 1, "NUL byte: not a text file")
        return []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        fobj.err(1, 1, f"invalid UTF-8: {e}")
        return []
    if text.startswith("\ufeff"):
        text = text[1:]
    rdr = csv.reader(io.StringIO(text, newline=""), strict=True)
    out = []
    prev = 0
    try:
        for rec in rdr:
            start = prev + 1
            prev = rdr.line_num
            out.append((start, rec))
    except csv.Error as e:
        fobj.err(prev + 1, 1, f"CSV error: {e}")
    return out


def parse(path, base_quarters=None):
    """Return (fileobj, header info, rows). rows: dicts with keys."""
    f = File(path)
    rows = read_rows(f)
    header = None
    out = []
    for line, rec in rows:
        fields = [x.strip(" \t") for x in rec]
        if fields and fields[0].startswith("#"):
            continue
        if all(x == "" for x in fields):
            continue
        if header is None:
            header = (line, fields)
            continue
        out.append((line, fields))
    if header is None:
        f.err(1, 1, "no header")
        return f, None, []
    hline, h = header
    seen_special = set()
    core = []
    for i, c in enumerate(h):
        if c in SPECIAL:
            if c in seen_special:
                f.err(hline, i + 1, f"duplicate column '{c}'")
            seen_special.add(c)
        else:
            core.append((i, c))
    names = [c for _, c in core]
    if names[:4] != ["section", "name", "attribute", "value"]:
        f.err(hline, 1, f"header must start section,name,attribute,value: {names[:4]}")
    qcols = core[4:]
    if not qcols:
        f.err(hline, 1, "no quarter column")
    quarters = []
    for i, c in qcols:
        qi = qidx(c)
        if qi is None:
            f.err(hline, i + 1, f"unknown column '{c}'")
            continue
        # a what-if's quarter columns are any subset of the base's
        if base_quarters is None and quarters and qi != quarters[-1][1] + 1:
            f.err(hline, i + 1, f"quarter column '{c}' not consecutive")
        quarters.append((c, qi))
    col = {c: i for i, c in core[:4]}
    qcol = [(i, c) for i, c in qcols]
    if base_quarters is not None:
        for c, _ in quarters:
            if c not in base_quarters:
                f.err(hline, 1, f"quarter {c} not in base horizon")
    parsed = []
    for line, fl in out:
        if len(fl) > len(h):
            f.err(line, len(h) + 1, "row longer than header")
            continue
        fl = fl + [""] * (len(h) - len(fl))
        r = {"line": line, "section": fl[col["section"]], "name": fl[col["name"]],
             "attribute": fl[col["attribute"]], "value": fl[col["value"]],
             "cells": {c: fl[i] for i, c in qcol if fl[i] != ""},
             "vcol": col["value"] + 1}
        parsed.append(r)
    return f, [c for c, _ in quarters], parsed


def split1(s):
    if ":" in s:
        a, b = s.split(":", 1)
        return a.strip(" \t"), b.strip(" \t")
    return s, None


def num(f, r, text, attr, where):
    if text.startswith("*"):
        raise Err("star")
    if not NUM_RE.match(text):
        f.err(r["line"], where, f"malformed number '{text}' ({attr})")
        return None
    v = float(text)
    if not math.isfinite(v):
        f.err(r["line"], where, f"non-finite number '{text}'")
        return None
    return v


def check_range(f, r, attr, v, where):
    if attr in INTS or attr == "committed":
        if v != int(v) or v < 0:
            f.err(r["line"], where, f"{attr} must be a non-negative integer: {v}")
        if attr == "committed" and v not in (0, 1):
            f.err(r["line"], where, "committed must be 0 or 1")
        if attr == "seed" and v > 4294967295:
            f.err(r["line"], where, "seed too large")
        return
    if attr == "discount_rate":
        if v <= -1:
            f.err(r["line"], where, "discount_rate must be > -1")
        if v >= 1:
            f.warn(r["line"], where, "discount_rate >= 1")
        return
    if attr == "pue" and v < 1:
        f.err(r["line"], where, "pue must be >= 1")
    elif attr in ("load_factor", "correlation", "delay_probability") and not (0 <= v <= 1):
        f.err(r["line"], where, f"{attr} must be in [0,1]")
    elif attr == "kw_per_rack" and v <= 0:
        f.err(r["line"], where, "kw_per_rack must be > 0")
    elif v < 0:
        f.err(r["line"], where, f"{attr} must be >= 0")


def load_rows(f, rows, allow_star=False):
    """Syntactic checks; returns dict key->row with parsed content."""
    table = {}
    for r in rows:
        sec, name = r["section"], r["name"]
        if sec not in SECTIONS:
            f.err(r["line"], 1, f"unknown section '{sec}'")
            continue
        attr, other = split1(r["attribute"])
        r["attr"], r["other"] = attr, other
        allowed = ATTRS[sec]
        if other is not None:
            if attr + ":" not in allowed:
                f.err(r["line"], 3, f"'{attr}' is not pairwise in {sec}" if attr in allowed else f"unknown attribute '{r['attribute']}'")
                continue
            if other == "":
                f.err(r["line"], 3, "attr: without a name")
                continue
        elif attr not in allowed:
            f.err(r["line"], 3, f"unknown attribute '{attr}' in {sec}")
            continue
        if sec == "plan":
            if name != "":
                f.err(r["line"], 2, "plan row with a name")
        elif name == "" or name == "*":
            f.err(r["line"], 2, f"bad name '{name}'")
            continue
        if sec == "uncertainty":
            k, n = split1(name)
            r["ukind"], r["uname"] = k, n
            if k not in ("demand", "energy_price", "grid") or n is None or n == "":
                f.err(r["line"], 2, f"bad uncertainty name '{name}'")
            else:
                if attr == "correlation" and n != "*":
                    f.err(r["line"], 3, "correlation only on demand:* / energy_price:*")
                if attr in ("correlation",) and k == "grid":
                    f.err(r["line"], 3, "correlation not on grid:")
                if k == "grid" and attr not in ("delay_probability", "delay_quarters"):
                    f.err(r["line"], 3, f"{attr} not valid on grid:")
                if k != "grid" and attr in ("delay_probability", "delay_quarters"):
                    f.err(r["line"], 3, f"{attr} only on grid:")
                if k == "grid" and n == "*":
                    f.err(r["line"], 2, "grid:* not allowed")
            name = f"{k}:{n}"
        key = (sec, name, attr if other is None else f"{attr}:{other}")
        if key in table:
            f.err(r["line"], 1, f"duplicate row {key} (first at line {table[key]['line']})")
            continue
        r["key"] = key
        is_ts = attr in TS
        if not is_ts and r["cells"]:
            f.err(r["line"], 5, f"quarter cell on scalar '{attr}'")
        if r["value"] == "" and not r["cells"]:
            f.err(r["line"], 4, "row sets nothing")
        # value parsing
        v = r["value"]
        r["star"] = None
        if v.startswith("*") and allow_star:
            fac = factor(v)
            if not NUM_RE.match(fac) or float(fac) < 0:
                f.err(r["line"], 4, f"bad factor '{v}'")
            elif attr in INTS or attr in LABELS or attr in NAMES or attr == "committed" or sec == "plan":
                f.err(r["line"], 4, f"*F on {attr}")
            elif r["cells"]:
                f.err(r["line"], 4, "*F value with quarter cells")
            else:
                r["star"] = float(fac)
        elif v != "":
            if attr in LABELS:
                if qidx(v) is None:
                    f.err(r["line"], 4, f"bad quarter label '{v}'")
            elif attr in NAMES:
                if attr == "target":
                    k, n = split1(v)
                    if k not in ("site", "grid", "fab") or not n:
                        f.err(r["line"], 4, f"bad target '{v}'")
            else:
                x = num(f, r, v, attr, 4)
                if x is not None:
                    check_range(f, r, attr, x, 4)
        for q, c in r["cells"].items():
            if c.startswith("*") and allow_star:
                if not NUM_RE.match(factor(c)):
                    f.err(r["line"], 5, f"bad factor '{c}' at {q}")
                continue
            x = num(f, r, c, attr, 5)
            if x is not None and x < 0:
                f.err(r["line"], 5, f"negative cell at {q}")
        table[key] = r
    return table


def resolve_series(row, quarters):
    out = []
    for i, q in enumerate(quarters):
        c = row["cells"].get(q, "")
        if c != "":
            out.append(float(c))
        elif i == 0:
            out.append(float(row["value"]) if row["value"] != "" else 0.0)
        else:
            out.append(out[-1])
    return out


def merge(base_table, base_q, wf, wtable):
    """Apply a what-if table onto base rows -> new table of (section,name,attr)->row."""
    new = {k: dict(v, cells=dict(v["cells"])) for k, v in base_table.items()}
    base_entities = {(k[0], k[1]) for k in base_table}
    resolved_override = {}
    for key, r in wtable.items():
        sec, name, attr = key
        if r.get("star") is not None or any(c.startswith("*") for c in r["cells"].values()):
            if (sec, name) not in base_entities:
                wf.err(r["line"], 4, f"*F on entity new in what-if: {name}")
                continue
        b = new.get(key)
        if b is None:
            # "wi": rows new in the what-if follow the base's (MODEL.md)
            b = {"line": r["line"], "wi": 1, "section": sec, "name": r["name"], "attribute": r["attribute"],
                 "attr": r["attr"], "other": r["other"], "value": "", "cells": {}, "key": key}
            new[key] = b
        if r.get("star") is not None:
            fac = r["star"]
            if r["attr"] in TS:
                ser = resolve_series(b, base_q) if (b["value"] or b["cells"]) else [0.0] * len(base_q)
                b["cells"] = {q: repr(fac * x) for q, x in zip(base_q, ser)}
                b["value"] = ""
            else:
                bv = float(b["value"]) if b["value"] != "" else default(sec, r["attr"])
                b["value"] = repr(fac * bv)
            if b["value"] == "" and not b["cells"]:
                pass
            continue
        if r["value"] != "":
            b["value"] = r["value"]
        star_cells = {}
        for q, c in r["cells"].items():
            if c.startswith("*"):
                star_cells[q] = float(factor(c))
            else:
                b["cells"][q] = c
        if star_cells:
            base_row = base_table.get(key)
            ser = resolve_series(base_row, base_q) if base_row else [0.0] * len(base_q)
            for q, fac in star_cells.items():
                b["cells"][q] = repr(fac * ser[base_q.index(q)])
    return new


def default(sec, attr):
    if attr in ("pue", "load_factor"):
        return 1.0
    if attr == "mip_gap":
        return 1e-4
    if attr == "seed":
        return 1.0
    return 0.0


def build(f, table, quarters):
    """Semantic checks and resolved model data."""
    T = len(quarters)
    q0 = qidx(quarters[0])
    ent = {s: [] for s in SECTIONS}
    first_line = {}
    for key, r in sorted(table.items(),
                         key=lambda kv: (kv[1].get("wi", 0), kv[1]["line"])):
        sec, name, _ = key
        if sec == "plan":
            continue
        if name not in ent[sec]:
            ent[sec].append(name)
            first_line[(sec, name)] = r["line"]
    # order by first row in own section (table order = line order)
    def get(sec, name, attr, dflt=None):
        r = table.get((sec, name, attr))
        if r is None:
            return default(sec, attr) if dflt is None else dflt
        return r
    def sval(sec, name, attr):
        r = table.get((sec, name, attr))
        if r is None or r["value"] == "":
            return default(sec, attr)
        return float(r["value"])
    def ser(sec, name, attr):
        r = table.get((sec, name, attr))
        if r is None:
            return [0.0] * T
        return resolve_series(r, quarters)
    def lab(sec, name, attr):
        r = table.get((sec, name, attr))
        if r is None or r["value"] == "":
            return 1
        return qidx(r["value"]) - q0 + 1
    # references
    for key, r in table.items():
        sec, name, attr = key
        if r.get("other") is not None and r["attr"] in PAIR_REF:
            if r["other"] not in ent[PAIR_REF[r["attr"]]]:
                f.err(r["line"], 3, f"unknown {PAIR_REF[r['attr']]} '{r['other']}'")
        if sec == "option" and r["attr"] == "target" and r["value"]:
            k, n = split1(r["value"])
            sect = "fab" if k == "fab" else "site"
            if n not in ent[sect]:
                f.err(r["line"], 4, f"target {r['value']}: unknown {sect}")
        if sec == "option" and r["attr"] == "requires":
            if r["value"] not in ent["option"]:
                f.err(r["line"], 4, f"requires unknown option '{r['value']}'")
        if sec == "uncertainty":
            k, n = r.get("ukind"), r.get("uname")
            if n and n != "*":
                if k == "demand" and n not in ent["region"]:
                    f.err(r["line"], 2, f"unknown region {n}")
                if k in ("energy_price", "grid") and n not in ent["site"]:
                    f.err(r["line"], 2, f"unknown site {n}")
    # required
    for a in ent["platform"]:
        for att in ("kw_per_rack", "compute_per_rack"):
            if (("platform", a, att)) not in table:
                f.err(first_line[("platform", a)], 1, f"platform {a} lacks {att}")
    for k in ent["option"]:
        for att in ("target", "capacity"):
            if ("option", k, att) not in table:
                f.err(first_line[("option", k)], 1, f"option {k} lacks {att}")
    for rg in ent["region"]:
        if max(ser("region", rg, "demand")) > 0 and ("region", rg, "unserved_penalty") not in table:
            f.err(first_line[("region", rg)], 1, f"region {rg}: demand without unserved_penalty")
    for p in ent["product"]:
        if max(ser("product", p, "contract")) > 0 and ("product", p, "shortfall_penalty") not in table:
            f.err(first_line[("product", p)], 1, f"product {p}: contract without shortfall_penalty")
    # requires cycles + committed rules
    req = {}
    for k in ent["option"]:
        r = table.get(("option", k, "requires"))
        if r:
            req[k] = r["value"]
    for k in ent["option"]:
        seen = [k]
        j = req.get(k)
        while j is not None:
            if j == k:
                f.err(table[("option", k, "requires")]["line"], 4, f"requires cycle at {k}")
                break
            if j in seen:
                break
            seen.append(j)
            j = req.get(j)
    comm = {k: int(sval("option", k, "committed")) for k in ent["option"]}
    e = {k: lab("option", k, "earliest") for k in ent["option"]}
    lq = {k: int(sval("option", k, "lead_quarters")) for k in ent["option"]}
    for k, j in req.items():
        # MODEL.md 10 compares e(j) <= e(k) as the options act: e <= 0 is 1
        if comm[k] and j in comm and (not comm[j] or max(e[j], 1) > max(e[k], 1)):
            f.err(table[("option", k, "requires")]["line"], 4, f"committed {k} requires {j} not committed/earlier")
    tgt = {}
    for k in ent["option"]:
        r = table.get(("option", k, "target"))
        tgt[k] = split1(r["value"]) if r else (None, None)
    cap = {k: sval("option", k, "capacity") for k in ent["option"]}
    def can_on(k, t):
        if comm[k]:
            return max(e[k], 1) <= t
        return max(e[k], 1 + lq[k]) <= t
    for k in ent["option"]:
        if (comm[k] and e[k] > T) or (not comm[k] and max(e[k], 1 + lq[k]) > T):
            f.warn(first_line[("option", k)], 1, f"option {k} can never be online in the horizon")
    # initial racks feasibility
    for s in ent["site"]:
        L0 = sum(sval("site", s, f"initial_racks:{a}") * sval("platform", a, "kw_per_rack") / 1000
                 for a in ent["platform"])
        g = ser("site", s, "grid_mw")
        for t in range(1, T + 1):
            it = sval("site", s, "initial_it_mw") + sum(cap[k] for k in ent["option"] if tgt[k] == ("site", s) and can_on(k, t))
            gr = g[t - 1] + sum(cap[k] for k in ent["option"] if tgt[k] == ("grid", s) and can_on(k, t))
            if L0 > it + 1e-9 or sval("site", s, "pue") * L0 > gr + 1e-9:
                f.err(0, 0, f"site {s} initial racks infeasible at {quarters[t-1]}")
                break
    data = dict(T=T, quarters=quarters, ent=ent, sval=sval, ser=ser, lab=lab, comm=comm, e=e, lq=lq,
                req=req, tgt=tgt, cap=cap, table=table)
    return data


def write_dat(d, path):
    ent, sval, ser, T = d["ent"], d["sval"], d["ser"], d["T"]
    q = lambda s: '"' + s.replace('"', '""') + '"'
    L = []
    L.append("data;")
    L.append(f"param nT := {T};")
    for s, nm in (("fab", "F"), ("product", "P"), ("platform", "A"), ("site", "S"), ("region", "R"), ("option", "K")):
        L.append(f"set {nm} := " + " ".join(q(x) for x in ent[s]) + ";")
    L.append(f"param rate := {sval('plan', '', 'discount_rate')!r};")
    def p2(name, rows):
        L.append(f"param {name} := " + " ".join(rows) + ";")
    p2("wcap", [f"{q(f)} {t+1} {v!r}" for f in ent["fab"] for t, v in enumerate(ser("fab", f, "wafer_capacity"))])
    p2("upw", [f"{q(f)} {q(p)} {sval('fab', f, 'units_per_wafer:'+p)!r}" for f in ent["fab"] for p in ent["product"]])
    p2("wcost", [f"{q(f)} {q(p)} {sval('fab', f, 'wafer_cost:'+p)!r}" for f in ent["fab"] for p in ent["product"]])
    for a in ("lead_quarters", "initial_inventory", "holding_cost", "shortfall_penalty"):
        p2({"lead_quarters": "plead", "initial_inventory": "inv0", "holding_cost": "hold", "shortfall_penalty": "spen"}[a],
           [f"{q(p)} {sval('product', p, a)!r}" for p in ent["product"]])
    p2("sched", [f"{q(p)} {t+1} {v!r}" for p in ent["product"] for t, v in enumerate(ser("product", p, "scheduled_output"))])
    p2("contract", [f"{q(p)} {t+1} {v!r}" for p in ent["product"] for t, v in enumerate(ser("product", p, "contract"))])
    p2("kw", [f"{q(a)} {sval('platform', a, 'kw_per_rack')!r}" for a in ent["platform"]])
    p2("comp", [f"{q(a)} {sval('platform', a, 'compute_per_rack')!r}" for a in ent["platform"]])
    p2("fq", [f"{q(a)} {d['lab']('platform', a, 'first_quarter')}" for a in ent["platform"]])
    p2("rcost", [f"{q(a)} {t+1} {v!r}" for a in ent["platform"] for t, v in enumerate(ser("platform", a, "rack_cost"))])
    p2("mem", [f"{q(a)} {q(p)} {sval('platform', a, 'memory:'+p)!r}" for a in ent["platform"] for p in ent["product"]])
    p2("grid", [f"{q(s)} {t+1} {v!r}" for s in ent["site"] for t, v in enumerate(ser("site", s, "grid_mw"))])
    p2("eprice", [f"{q(s)} {t+1} {v!r}" for s in ent["site"] for t, v in enumerate(ser("site", s, "energy_price"))])
    for a, nm in (("pue", "pue"), ("load_factor", "lf"), ("initial_it_mw", "it0")):
        p2(nm, [f"{q(s)} {sval('site', s, a)!r}" for s in ent["site"]])
    p2("r0", [f"{q(a)} {q(s)} {sval('site', s, 'initial_racks:'+a)!r}" for a in ent["platform"] for s in ent["site"]])
    link, sc = [], []
    for s in ent["site"]:
        named = [k[2].split(":", 1)[1] for k in d["table"] if k[0] == "site" and k[1] == s and k[2].startswith("serve_cost:")]
        for r in ent["region"]:
            lk = 1 if (not named or r in named) else 0
            link.append(f"{q(s)} {q(r)} {lk}")
            sc.append(f"{q(s)} {q(r)} {sval('site', s, 'serve_cost:'+r) if r in named else 0.0!r}")
    p2("link", link)
    p2("scost", sc)
    p2("dem", [f"{q(r)} {t+1} {v!r}" for r in ent["region"] for t, v in enumerate(ser("region", r, "demand"))])
    p2("upen", [f"{q(r)} {sval('region', r, 'unserved_penalty')!r}" for r in ent["region"]])
    K = ent["option"]
    def kt(k, kind):
        return [f"{q(k)} {q(x)} {d['cap'][k] if d['tgt'][k] == (kind, x) else 0.0!r}" for x in (ent["fab"] if kind == "fab" else ent["site"])]
    p2("capsite", sum((kt(k, "site") for k in K), []))
    p2("capgrid", sum((kt(k, "grid") for k in K), []))
    p2("capfab", sum((kt(k, "fab") for k in K), []))
    p2("capex", [f"{q(k)} {sval('option', k, 'capex')!r}" for k in K])
    p2("opex", [f"{q(k)} {sval('option', k, 'opex')!r}" for k in K])
    p2("ke", [f"{q(k)} {d['e'][k]}" for k in K])
    p2("klq", [f"{q(k)} {d['lq'][k]}" for k in K])
    p2("comm", [f"{q(k)} {d['comm'][k]}" for k in K])
    L.append("set REQ := " + " ".join(f"({q(k)},{q(j)})" for k, j in d["req"].items()) + ";")
    L.append("end;")
    open(path, "w").write("\n".join(L) + "\n")


def main(argv):
    base = argv[1]
    wi, dat = None, None
    i = 2
    while i < len(argv):
        if argv[i] == "--what-if":
            wi = argv[i + 1]; i += 2
        elif argv[i] == "--dat":
            dat = argv[i + 1]; i += 2
        else:
            raise SystemExit("bad arg " + argv[i])
    f, quarters, rows = parse(base)
    table = load_rows(f, rows) if quarters else {}
    errs = list(f.errors)
    if wi:
        wf, wq, wrows = parse(wi, base_quarters=quarters)
        wtable = load_rows(wf, wrows, allow_star=True)
        errs += wf.errors
        table = merge(table, quarters, wf, wtable)
        errs += wf.errors[len(errs):] if False else []
        f2 = File(base + "+" + wi)
    else:
        f2 = f
    d = build(f2, table, quarters) if quarters else None
    errs = f.errors + (wf.errors if wi else []) + (f2.errors if wi else [])
    errs = list(dict.fromkeys(errs))
    for w in f.warnings + (f2.warnings if wi else []):
        print(w, file=sys.stderr)
    for e in errs:
        print(e, file=sys.stderr)
    if errs:
        print(f"{len(errs)} errors", file=sys.stderr)
        return 65
    print(f"quarters {quarters[0]}..{quarters[-1]} ({len(quarters)}); " +
          ", ".join(f"{s}={len(d['ent'][s])}" for s in SECTIONS if s != "plan"))
    if dat:
        write_dat(d, dat)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
