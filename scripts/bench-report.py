#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the Simple LMK benchmark's run files into a report.

usage: bench-report.py [--header FILE] RESULTS_DIR

Reads RESULTS_DIR/runs/*.txt (one file per arm, scenario, disk profile and
repetition) and writes RESULTS_DIR/results.md, one PNG plot per scenario and
disk profile (drawn by gnuplot, data kept in RESULTS_DIR/plot-data/) and
RESULTS_DIR/metrics.json (every run's metrics, for debugging).

A run file holds one record a line, the first token being its type:
M (metadata), W (scenario window), S (sampler sample), T (ftrace line),
K (killer statistics), P (probe summary), F (application alive at window
end), A (declared application size) and L (log). Lines of unknown or
garbled form are ignored, and a run that lacks its window, its samples or
its probe summary is reported as incomplete but still counted.
"""
import argparse
import glob
import json
import os
import re
import statistics
import subprocess
import sys

ARMS = ["kernel", "mglru", "earlyoom", "lmkd-psi", "slmk", "slmk-tuned"]
SLMK_ARMS = ["slmk", "slmk-tuned"]
OTHER_ARMS = ["kernel", "mglru", "earlyoom", "lmkd-psi"]
TITLES = {
    "s1": "S1 fast anonymous hog, no swap",
    "s2": "S2 slow leak beside a file working set",
    "s3": "S3 page cache only",
    "s4": "S4 zram swap, 1.5-2x RAM",
    "s5": "S5 burst of 50 children",
    "s6": "S6 scale",
    "s7": "S7 zram thrash, incompressible",
    "s8": "S8 heavy writes, throttled disk",
    "idle": "Idle 60 s",
}
SCEN_ORDER = ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "idle"]
PROBE_SCENS = {"s1", "s2", "s3", "s4", "s5", "s7", "s8"}  # where a P line is expected
FALSE_KILL_SCENS = {"s3", "s8"}  # page cache only: any kill is a false kill
ARM_COLOURS = {"kernel": "#d62728", "mglru": "#ff7f0e", "earlyoom": "#2ca02c",
               "lmkd-psi": "#8c564b",
               "slmk": "#1f77b4", "slmk-tuned": "#9467bd"}
KILLER_POINTS = {"kernel": 7, "earlyoom": 9, "lmkd-psi": 11, "slmk": 5}  # gnuplot point types
# The spec's relief is "MemAvailable >= 15% after the onset". When the onset
# came from PSI while MemAvailable was still above 15% (file thrashing, or a
# fast hog seen by PSI first) that holds at the very next sample, so relief
# also requires the PSI onset condition to have cleared. False = spec as is.
RELIEF_NEEDS_CALM_PSI = True
IDLE_CPU_KEY = {"earlyoom": "cpu_ms_earlyoom", "lmkd-psi": "cpu_ms_lmkdpsi",
                "slmk": "cpu_ms_slmk",
                "slmk-tuned": "cpu_ms_slmk"}

APP_RE = re.compile(r"^[a-z_]+(\d+)$")
NOT_APPS = re.compile(r"^(kswapd|kcompactd|ksmd|kthreadd)\d*$")
TRACE_RE = re.compile(r"^(?P<hdr>.*?)\s(?P<ts>\d+\.\d+): (?P<ev>\w+): (?P<rest>.*)$")
HDR_RE = re.compile(r"^\s*(?P<comm>.*)-(?P<pid>\d+)\s+(?:\(\s*[\d-]+\)\s+)?\[")
KV_RE = re.compile(r"(\w+)=(.*?)(?=\s+\w+=|\s*$)")
NAME_RE = re.compile(r"^(?P<arm>slmk-tuned|slmk|kernel|mglru|earlyoom|lmkd-psi)[-_]"
                     r"(?P<scen>s\d+|idle)[-_](?P<disk>ssd|hdd)[-_]\D*(?P<rep>\d+)")


def app_adj(comm):
    """oom_score_adj encoded in an application's comm, None if not an app."""
    m = APP_RE.match(comm or "")
    if not m or NOT_APPS.match(comm):
        return None
    return int(m.group(1))


def to_int(s):
    try:
        return int(s, 0) if s.startswith("0x") else int(float(s))
    except (ValueError, AttributeError):
        return None


# ---------------------------------------------------------------- parsing

def parse_run(path):
    """Read one run file into a dict of raw records (times in seconds)."""
    run = {"file": os.path.basename(path), "meta": {}, "window": None,
           "samples": [], "trace": [], "k": {}, "probe": None, "alive": {},
           "sizes": {}, "oom_log": 0}
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n").rstrip("\r")
            tok = line.split()
            if not tok:
                continue
            typ = tok[0]
            try:
                if typ == "M" and len(tok) >= 2:
                    parts = line.split(None, 2)
                    run["meta"][parts[1]] = parts[2].strip() if len(parts) > 2 else ""
                elif typ == "W" and len(tok) == 3:
                    run["window"] = (int(tok[1]) / 1e9, int(tok[2]) / 1e9)
                elif typ == "S" and len(tok) in (10, 11):
                    # An 11th value: Simple LMK's reclaim_stall_ms.
                    v = [int(x) for x in tok[1:10]]
                    run["samples"].append([v[0] / 1e9] + v[1:])
                    if len(tok) == 11:
                        run.setdefault("stall", []).append((v[0] / 1e9, int(tok[10])))
                elif typ == "T":
                    ev = parse_trace(line[1:])
                    if ev:
                        run["trace"].append(ev)
                elif typ == "K" and len(tok) == 3:
                    run["k"][tok[1]] = float(tok[2])
                elif typ in ("P", "latprobe:") and len(tok) >= 11:
                    d = dict(zip(tok[1::2], tok[2::2]))
                    run["probe"] = {k: int(d[k]) for k in
                                    ("iterations", "max_us", "p99_us", "over100ms", "over1s")}
                elif typ == "F" and len(tok) >= 3:
                    run["alive"][int(tok[1])] = line.split(None, 2)[2].strip()
                elif typ == "A" and len(tok) == 4:
                    run["sizes"][tok[1]] = int(tok[3])
                elif typ == "L" and "Out of memory" in line:
                    run["oom_log"] += 1
            except (ValueError, KeyError):
                pass  # garbled line: ignore it
    run["samples"].sort(key=lambda s: s[0])
    run["trace"].sort(key=lambda e: e["t"])
    return run


def parse_trace(raw):
    """One ftrace line -> {t, ev, comm, pid, f: {key: value}}, or None."""
    m = TRACE_RE.match(raw.strip("\r\n"))
    if not m:
        return None
    h = HDR_RE.match(m.group("hdr"))
    fields = {k: v.strip() for k, v in KV_RE.findall(m.group("rest"))}
    return {"t": float(m.group("ts")), "ev": m.group("ev"),
            "comm": h.group("comm").strip() if h else "",
            "pid": int(h.group("pid")) if h else None, "f": fields}


def run_key(run):
    """(arm, scen, disk, rep) from the M lines, else from the file name."""
    meta = run["meta"]
    name = NAME_RE.match(run["file"])
    guess = name.groupdict() if name else {}
    rep = to_int(meta.get("rep", guess.get("rep", "")))
    return (meta.get("arm") or guess.get("arm") or "unknown",
            meta.get("scen") or guess.get("scen") or "unknown",
            meta.get("disk") or guess.get("disk") or "unknown",
            rep if rep is not None else 0)


# ---------------------------------------------------------------- metrics

def classify_killer(comm):
    c = comm.lower()
    if c.startswith(("simple_lmk", "simple-lmk", "slmk")):
        return "slmk"
    if c.startswith("earlyoom"):
        return "earlyoom"
    if c.startswith("lmkdpsi"):
        return "lmkd-psi"
    return None


def find_victims(run, w0, w1):
    """Distinct victims of kills inside the window, first signal first."""
    marks = {}  # pid -> first mark_victim event (kernel OOM killer)
    for e in run["trace"]:
        if e["ev"] == "mark_victim" and w0 <= e["t"] <= w1:
            pid = to_int(e["f"].get("pid", ""))
            if pid is not None and pid not in marks:
                marks[pid] = e
    victims, foreign = {}, 0
    for e in run["trace"]:
        if e["ev"] != "signal_generate" or not w0 <= e["t"] <= w1:
            continue
        f = e["f"]
        if to_int(f.get("sig", "")) not in (9, 15) or to_int(f.get("res", "1")) != 0:
            continue
        pid = to_int(f.get("pid", ""))
        if pid is None or pid in victims:
            continue
        killer = classify_killer(e["comm"]) or ("kernel" if pid in marks else None)
        if killer is None:
            foreign += 1  # sent by someone else (harness, a parent): not a kill
            continue
        victims[pid] = {"pid": pid, "comm": f.get("comm", "?"), "t": e["t"],
                        "killer": killer, "sig": to_int(f["sig"])}
    for pid, e in marks.items():  # kernel OOM kills whose signal we missed
        if pid not in victims:
            victims[pid] = {"pid": pid, "comm": e["f"].get("comm", "?"), "t": e["t"],
                            "killer": "kernel", "sig": 9}
    return sorted(victims.values(), key=lambda v: v["t"]), marks, foreign


def track_apps(run, w1):
    """Application instances by pid: comm, adj, start time, exit time."""
    apps = {}
    for e in run["trace"]:
        f = e["f"]
        if e["ev"] == "task_rename":
            pid = to_int(f.get("pid", "")) if "pid" in f else e["pid"]
            adj = app_adj(f.get("newcomm"))
            if pid is None or e["t"] > w1:
                continue
            if adj is None:
                apps.pop(pid, None)  # renamed away from an application comm
            else:
                apps[pid] = {"comm": f["newcomm"], "adj": adj, "start": e["t"], "exit": None}
        elif e["ev"] == "sched_process_exit":
            pid, comm = to_int(f.get("pid", "")), f.get("comm", "")
            if f.get("group_dead", "1") == "0" or app_adj(comm) is None:
                continue  # a thread, not the whole process; or not an app
            a = apps.setdefault(pid, {"comm": comm, "adj": app_adj(comm),
                                      "start": None, "exit": None})
            if a["exit"] is None:
                a["exit"] = e["t"]
    for pid, comm in run["alive"].items():
        if app_adj(comm) is not None:
            apps.setdefault(pid, {"comm": comm, "adj": app_adj(comm),
                                  "start": None, "exit": None})
    return apps


def exit_time(run, pid, after):
    """First exit of pid at or after a signal, anywhere in the trace."""
    for e in run["trace"]:
        if (e["ev"] == "sched_process_exit" and e["t"] >= after
                and to_int(e["f"].get("pid", "")) == pid):
            return e["t"]
    return None


def sample_before(samples, t):
    """Index of the latest sample at or before t (0 if none)."""
    i = 0
    for j, s in enumerate(samples):
        if s[0] > t:
            break
        i = j
    return i


def psi_rate(samples, col):
    """Per sample: increase of PSI total `col` over the past ~1 s (us), and
    the elapsed time it was measured over (s). Samples must be sorted."""
    out, j = [], 0
    for s in samples:
        while j + 1 < len(samples) and samples[j + 1][0] <= s[0] - 1.0:
            j += 1
        out.append((s[col] - samples[j][col], s[0] - samples[j][0]))
    return out


def compute_metrics(run):
    """All per-run metrics of the spec (times in ms unless said otherwise)."""
    meta, m = run["meta"], {}
    arm, scen, disk, rep = run_key(run)
    m.update(arm=arm, scen=scen, disk=disk, rep=rep, file=run["file"])
    mt = to_int(meta.get("memtotal_kb", "")) or 0
    m["memtotal_kb"], m["kernel"] = mt, meta.get("kernel", "?")
    m["capped"] = meta.get("capped", "0").strip() == "1"
    m["nprocs"] = to_int(meta.get("nprocs", ""))
    for key in ("thp", "mglru", "min_ttl_ms", "clocksource", "swap", "params"):
        m[key] = meta.get(key)
    orig, compr = to_int(meta.get("zram_orig_kb", "")), to_int(meta.get("zram_compr_kb", ""))
    m["zram_ratio"] = round(orig / compr, 2) if orig and compr else None
    m["k"] = run["k"]
    problems = []
    if run["window"] is None:
        problems.append("no W line")
    if not run["samples"]:
        problems.append("no samples")
    if run["probe"] is None and scen in PROBE_SCENS:
        problems.append("no P line")
    if not mt:
        problems.append("no memtotal")
    m["incomplete"] = bool(problems)
    m["problems"] = problems

    # Window: from W, else the span of whatever was captured.
    if run["window"]:
        w0, w1 = run["window"]
    else:
        times = [s[0] for s in run["samples"]] + [e["t"] for e in run["trace"]]
        w0, w1 = (min(times), max(times)) if times else (0.0, 0.0)
    m["window_s"] = round(w1 - w0, 3)
    sm = [s for s in run["samples"] if w0 <= s[0] <= w1]
    SOME, FULL, OOM = 2, 3, 4  # sample columns: t, memavail, some, full, oom_kill...

    victims, marks, foreign = find_victims(run, w0, w1)
    apps = track_apps(run, w1)
    for v in victims:
        ex = exit_time(run, v["pid"], v["t"])
        v["exit_ms"] = round((ex - v["t"]) * 1000, 3) if ex is not None else None
        v["adj"] = app_adj(v["comm"])
        if v["adj"] is None and v["pid"] in apps:
            v["comm"], v["adj"] = apps[v["pid"]]["comm"], apps[v["pid"]]["adj"]
    m["victims"] = [dict(v, t=round(v["t"] - w0, 4)) for v in victims]
    m["kills"] = len(victims)
    m["killers"] = {}
    for v in victims:
        m["killers"][v["killer"]] = m["killers"].get(v["killer"], 0) + 1
    m["foreign_signals"] = foreign
    exits = sorted(v["exit_ms"] for v in victims if v["exit_ms"] is not None)
    m["exit_ms"] = statistics.median(exits) if exits else None
    m["exit_max_ms"] = exits[-1] if exits else None

    # Onset: MemAvailable below 10% or PSI some >= 70 ms within 1 s.
    onset = None
    some_1s = [d for d, _ in psi_rate(sm, SOME)]
    if sm and mt:
        for s, dsome in zip(sm, some_1s):
            if s[1] < 0.10 * mt or dsome >= 70000:
                onset = s[0]
                break
    m["onset_s"] = round(onset - w0, 3) if onset is not None else None
    first_kill = victims[0]["t"] if victims else None
    m["kill_latency_ms"] = (round((first_kill - onset) * 1000, 3)
                            if first_kill is not None and onset is not None else None)

    # Relief: back above 15% after the onset and after the first kill (and,
    # with RELIEF_NEEDS_CALM_PSI, PSI some below the onset rate again).
    relief = None
    if onset is not None:
        for s, dsome in zip(sm, some_1s):
            if s[0] > onset and (first_kill is None or s[0] >= first_kill) \
                    and s[1] >= 0.15 * mt \
                    and not (RELIEF_NEEDS_CALM_PSI and dsome >= 70000):
                relief = s
                break
    m["relief"] = ("n/a" if onset is None else "never" if relief is None else "ok")
    m["relief_ms"] = round((relief[0] - onset) * 1000, 3) if relief else None
    if sm:
        m["psi_some_ms"] = (sm[-1][SOME] - sm[0][SOME]) / 1000
        m["psi_full_ms"] = (sm[-1][FULL] - sm[0][FULL]) / 1000
        vm_oom = sm[-1][OOM] - sm[0][OOM]
    else:
        m["psi_some_ms"] = m["psi_full_ms"] = None
        vm_oom = 0
    if onset is not None:
        at_onset = sm[sample_before(sm, onset)]
        end = relief if relief else sm[-1]
        m["psi_full_relief_ms"] = (end[FULL] - at_onset[FULL]) / 1000
    else:
        m["psi_full_relief_ms"] = None
    m["oom_kills_vmstat"], m["mark_victims"] = vm_oom, len(marks)
    m["oom_kills"] = max(vm_oom, len(marks))
    m["oom_log_lines"] = run["oom_log"]

    # Overkills: victims whose declared memory was not needed to end at 15%.
    spare = (sm[-1][1] - 0.15 * mt) if sm and mt else -1
    sizes = sorted(run["sizes"].get(v["comm"], 0) * 1024 for v in victims
                   if run["sizes"].get(v["comm"], 0) > 0)
    k, acc = 0, 0
    for sz in sizes:
        if spare < 0 or acc + sz > spare:
            break
        acc, k = acc + sz, k + 1
    m["overkills"] = k

    # Wrong order: an app was killed while one with a higher adj was alive.
    first_sig = {v["pid"]: v["t"] for v in victims}
    wrong = 0
    for v in victims:
        if v["adj"] is None:
            continue
        for pid, a in apps.items():
            if pid == v["pid"] or a["adj"] <= v["adj"]:
                continue
            started = a["start"] is None or a["start"] < v["t"]
            signalled = pid in first_sig and first_sig[pid] < v["t"]
            exited = a["exit"] is not None and a["exit"] < v["t"]
            if started and not signalled and not exited:
                wrong += 1
                break
    m["wrong_order"] = wrong
    m["other_victims"] = sum(1 for v in victims if v["adj"] is None)
    m["wrong"] = wrong + m["other_victims"]

    # Foreground (adj 0) survival: every adj-0 app seen must be in the F lines.
    fg = [(pid, a) for pid, a in apps.items() if a["adj"] == 0
          and (a["exit"] is None or a["exit"] >= w0)
          and (a["start"] is None or a["start"] <= w1)]
    dead = sorted({a["comm"] for pid, a in fg if pid not in run["alive"]})
    if not run["alive"] and m["incomplete"]:
        dead = []  # no F lines from a broken run: survival unknown
        m["fg_survived"] = None
    else:
        m["fg_survived"] = not dead
    m["fg_dead"] = dead

    p = run["probe"]
    for key in ("max_us", "p99_us", "over100ms", "over1s"):
        m["probe_" + key] = p[key] if p else None
    m["false_kills"] = m["kills"] if scen in FALSE_KILL_SCENS else None

    # Simple LMK's direct-reclaim stall (its reclaim_stall_ms counter, sampled):
    # the most it grew over any 1 s of the window, to set stall_ms by.
    st = [(t, v) for t, v in run.get("stall", []) if w0 <= t <= w1]
    peak = None
    if st:
        peak, j = 0, 0
        for t, v in st:
            while st[j][0] < t - 1.0:
                j += 1
            peak = max(peak, v - st[j][1])
    m["reclaim_stall_peak_ms"] = peak

    # Plot series: seconds since window start, MemAvailable %, PSI full rate %.
    m["_series"] = [] if not mt else [(s[0] - w0, 100.0 * s[1] / mt if mt else 0.0,
                     100.0 * d / (dt * 1e6) if dt > 0 else 0.0)
                    for s, (d, dt) in zip(sm, psi_rate(sm, FULL))]
    m["_kill_points"] = []
    for v in victims:
        i = sample_before(sm, v["t"])
        m["_kill_points"].append((v["t"] - w0, m["_series"][i][1] if m["_series"] else 0.0,
                                  v["killer"]))
    return m


# ---------------------------------------------------------------- formatting

def fmt_num(x, dec=0):
    if x is None:
        return "—"
    if x == float("inf"):
        return "never"
    return f"{x:.{dec}f}"


def agg(values, dec=0, total=False):
    """`median [min–max]` over the known values, with an optional total."""
    vals = sorted(v for v in values if v is not None)
    if not vals:
        return "—"
    s = fmt_num(median_of(vals), dec)
    if vals[0] != vals[-1]:
        s += f" [{fmt_num(vals[0], dec)}–{fmt_num(vals[-1], dec)}]"
    if total and len(vals) > 1:
        s += f" (total {fmt_num(sum(vals), dec)})"
    return s


def median_of(values):
    """Median of the known values (inf counts), None if none known."""
    vals = sorted(v for v in values if v is not None)
    if not vals:
        return None
    if vals[-1] == float("inf"):  # avoid inf arithmetic: take upper middle
        return vals[len(vals) // 2]
    return statistics.median(vals)


def relief_value(m):
    return {"never": float("inf"), "ok": m["relief_ms"]}.get(m["relief"])


def kill_latency_value(m):
    """First kill - onset, ms; never killed after an onset is infinitely late."""
    if m.get("onset_s") is None:
        return None
    lat = m["kill_latency_ms"]
    return float("inf") if lat is None else lat


def ratio(a, b):
    """a / b as text; `never` (inf) is infinitely bad."""
    inf = float("inf")
    if a is None or b is None:
        return "—"
    if a == inf:
        return "∞"
    if b == inf:
        return "0"
    if b == 0:
        return "1" if a == 0 else "∞"
    return f"{a / b:.2f}"


def us_to_ms(x):
    return None if x is None else x / 1000


LEGEND = """\
Each cell is `median [min–max]` over the repetitions (just the median when
all are equal); `—` means not measured or not applicable.

| Column | Meaning |
|---|---|
| Runs | repetitions (incomplete ones are noted and still counted) |
| Onset s | first sample with MemAvailable < 10% of MemTotal or PSI some ≥ 70 ms over the past 1 s, seconds after window start |
| Kill lat ms | first kill − onset (negative: the kill came before the onset) |
| Exit ms | per run, median over victims of signal → exit; `/ max` is the worst victim of all runs |
| Relief ms | onset → first sample after the onset and the first kill with MemAvailable ≥ 15% and PSI some < 70 ms over the past 1 s; `never` if it did not happen |
| Some ms / Full ms | PSI memory some / full stall added over the window |
| Full→rel ms | PSI full stall added from onset to relief (to window end if never) |
| OOM | kernel OOM kills (larger of vmstat oom_kill and mark_victim events), with the total over all runs |
| Kills | distinct victims of all killers, with the total; killers are in Notes |
| Over | overkills: the k smallest declared victim sizes that still fit in MemAvailable above 15% at window end |
| Wrong | kills of an app while an app of higher adj was alive and not yet signalled, plus kills of non-applications (`other`) |
| FG ok | runs in which every adj-0 application survived |
| p99 ms / max ms | foreground probe lateness, 99th percentile / maximum |
| >100ms / >1s | probe iterations late by more than 100 ms / 1 s (totals over all runs) |
"""


def scen_title(scen):
    return TITLES.get(scen, scen.upper())


def notes_for(runs):
    notes = []
    inc = [r for r in runs if r["incomplete"]]
    if inc:
        notes.append(f"{len(inc)} incomplete (" + "; ".join(
            f"rep {r['rep']}: {', '.join(r['problems'])}" for r in inc) + ")")
    capped = sum(r["capped"] for r in runs)
    if capped:
        notes.append(f"{capped} capped")
    killers = {}
    for r in runs:
        for k, n in r["killers"].items():
            killers[k] = killers.get(k, 0) + n
    if killers:
        notes.append("killed by " + ", ".join(f"{k} {n}" for k, n in sorted(killers.items())))
    other = sum(r["other_victims"] for r in runs)
    if other:
        notes.append(f"{other} other (non-application) victims")
    dead = sorted({c for r in runs for c in r["fg_dead"]})
    if dead:
        notes.append("adj-0 died: " + ", ".join(dead))
    return "; ".join(notes) or ""


def main_table(by_arm):
    cols = ["Arm", "Runs", "Onset s", "Kill lat ms", "Exit ms", "Relief ms", "Some ms",
            "Full ms", "Full→rel ms", "OOM", "Kills", "Over", "Wrong", "FG ok",
            "p99 ms", "max ms", ">100ms", ">1s", "Notes"]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for arm, runs in by_arm:
        col = lambda key: [r[key] for r in runs]
        exit_max = [r["exit_max_ms"] for r in runs if r["exit_max_ms"] is not None]
        exit_s = agg(col("exit_ms"), 1)
        if exit_max:
            exit_s += f" / {max(exit_max):.1f}"
        rel = [relief_value(r) for r in runs]
        fg = [r["fg_survived"] for r in runs if r["fg_survived"] is not None]
        n_inc = sum(r["incomplete"] for r in runs)
        row = [arm, f"{len(runs)}" + (f" ({n_inc} inc.)" if n_inc else ""),
               agg(col("onset_s"), 1), agg(col("kill_latency_ms")), exit_s,
               agg(rel), agg(col("psi_some_ms")), agg(col("psi_full_ms")),
               agg(col("psi_full_relief_ms")), agg(col("oom_kills"), total=True),
               agg(col("kills"), total=True), agg(col("overkills"), total=True),
               agg(col("wrong"), total=True),
               f"{sum(fg)}/{len(fg)}" if fg else "—",
               agg([us_to_ms(x) for x in col("probe_p99_us")], 1),
               agg([us_to_ms(x) for x in col("probe_max_us")], 1),
               agg(col("probe_over100ms"), total=True), agg(col("probe_over1s"), total=True),
               notes_for(runs)]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def s6_table(by_arm):
    lines = ["| Arm | nprocs | Runs | last scan µs | last round µs | Notes |",
             "|---|---|---|---|---|---|"]
    ratios = []
    for arm, runs in by_arm:
        by_n = {}
        for r in runs:
            by_n.setdefault(r["nprocs"], []).append(r)
        for n in sorted(by_n, key=lambda x: (x is None, x)):
            rs = by_n[n]
            lines.append(f"| {arm} | {n if n is not None else '?'} | {len(rs)} | "
                         f"{agg([r['k'].get('slmk_last_scan_us') for r in rs])} | "
                         f"{agg([r['k'].get('slmk_last_round_us') for r in rs])} | "
                         f"{notes_for(rs)} |")
        ns = sorted(n for n in by_n if n is not None)
        if len(ns) >= 2:
            lo, hi = ns[0], ns[-1]
            get = lambda n, key: median_of([r["k"].get(key) for r in by_n[n]])
            ratios.append(f"- {arm}: {hi} vs {lo} processes: scan "
                          f"{ratio(get(hi, 'slmk_last_scan_us') or 0, get(lo, 'slmk_last_scan_us'))}×, "
                          f"round {ratio(get(hi, 'slmk_last_round_us') or 0, get(lo, 'slmk_last_round_us'))}× "
                          "(ratio of the medians)")
    return lines + ([""] + ratios if ratios else [])


def idle_table(by_arm):
    lines = ["| Arm | Runs | Idle s | Killer CPU ms | kswapd CPU ms | Notes |",
             "|---|---|---|---|---|---|"]
    for arm, runs in by_arm:
        key = IDLE_CPU_KEY.get(arm)
        killer = (agg([r["k"].get(key) for r in runs]) if key
                  else "none (no killer thread)")
        lines.append(f"| {arm} | {len(runs)} | {agg([r['k'].get('idle_s') for r in runs])} | "
                     f"{killer} | {agg([r['k'].get('cpu_ms_kswapd') for r in runs])} | "
                     f"{notes_for(runs)} |")
    return lines


def versus_table(runs, case_order, mine="slmk", peer="lmkd-psi"):
    """Per scenario, Simple LMK's medians beside the lmkd-style arm's."""
    if not any(r["arm"] == peer for r in runs):
        return []
    inf = float("inf")
    cols = [("Relief ms", relief_value, 0),
            ("Full→rel ms", lambda r: r["psi_full_relief_ms"], 0),
            ("Kill lat ms", kill_latency_value, 0),
            ("Kills", lambda r: r["kills"], 0),
            ("Over", lambda r: r["overkills"], 0),
            ("Wrong", lambda r: r["wrong"], 0),
            ("OOM", lambda r: r["oom_kills"], 0),
            ("p99 ms", lambda r: inf if r["probe_p99_us"] is None
             else us_to_ms(r["probe_p99_us"]), 1)]
    lines = [f"## {mine} beside {peer}", "",
             f"Medians per scenario, `{mine} / {peer}` (FG: runs where every "
             "adj-0 application survived).", "",
             "| Scenario | " + " | ".join(c[0] for c in cols) + " | FG |",
             "|---|" + "---|" * (len(cols) + 1)]
    for scen, disk in case_order:
        if scen == "idle":
            continue
        case = [r for r in runs if r["scen"] == scen and r["disk"] == disk]
        # S6: one row per process count.
        for n in sorted({r["nprocs"] for r in case}, key=lambda x: (x is None, x)):
            pair = [[r for r in case if r["arm"] == a and r["nprocs"] == n]
                    for a in (mine, peer)]
            if not all(pair):
                continue
            cells = [" / ".join(fmt_num(median_of([get(r) for r in rs]), dec) for rs in pair)
                     for _, get, dec in cols]
            fg = " / ".join(f"{sum(bool(r['fg_survived']) for r in rs)}/{len(rs)}"
                            for rs in pair)
            name = f"{scen} {disk}" + (f" n={n}" if n is not None else "")
            lines.append(f"| {name} | " + " | ".join(cells) + f" | {fg} |")
    return lines + [""]


# ---------------------------------------------------------------- targets

def targets(runs, arm):
    """Target lines for one Simple LMK arm, computed from the runs."""
    mine = [r for r in runs if r["arm"] == arm]
    out = [f"### {arm}", ""]
    if not mine:
        return out + ["Not measured in this run.", ""]
    inc = sum(r["incomplete"] for r in mine)
    if inc:
        out += [f"{inc} of {len(mine)} runs are incomplete; what they did record is used.", ""]
    ok = lambda c: "met" if c else "MISSED"
    ms = lambda v: fmt_num(v) + ("" if v == float("inf") else " ms")
    nm = "not measured in this run"
    oom = sum(r["oom_kills"] for r in mine)
    out.append(f"- 1a. zero kernel OOM kills in every run: {ok(oom == 0)} "
               f"({oom} in {len(mine)} runs)")
    for scen in sorted(FALSE_KILL_SCENS):
        pc = [r for r in mine if r["scen"] == scen]
        fk = sum(r["false_kills"] or 0 for r in pc)
        out.append(f"- 1b. zero false kills in {scen.upper()}: " +
                   (f"{ok(fk == 0)} ({fk} kills in {len(pc)} runs)" if pc else nm))
    s7 = [r for r in mine if r["scen"] == "s7"]
    cap = sum(r["capped"] for r in s7)
    out.append("- 1c. no S7 run hits the 5-minute cap: " +
               (f"{ok(cap == 0)} ({cap} of {len(s7)} runs)" if s7 else nm))
    fg = [r for r in mine if r["fg_survived"] is not None]
    lost = sum(not r["fg_survived"] for r in fg)
    out.append("- 2a. adj-0 foreground survives every run: " +
               (f"{ok(lost == 0)} ({len(fg) - lost}/{len(fg)} runs)" if fg else nm))
    wrong = sum(r["wrong"] for r in mine)
    out.append(f"- 2b. zero wrong-order kills: {ok(wrong == 0)} ({wrong} in {len(mine)} runs)")

    def per_case(scens):
        """(scen, disk) cases of these scenarios that this arm ran."""
        return sorted({(r["scen"], r["disk"]) for r in mine if r["scen"] in scens})

    def arm_runs(a, scen, disk):
        return [r for r in runs if r["arm"] == a and r["scen"] == scen and r["disk"] == disk]

    for scen in ("s1", "s2", "s4", "s7"):
        cases = per_case({scen})
        if not cases:
            out.append(f"- 3. {scen.upper()}: {nm}")
        for _, disk in cases:
            me = arm_runs(arm, scen, disk)
            checks = [("relief", relief_value),
                      ("PSI full onset→relief", lambda r: r["psi_full_relief_ms"])]
            if scen in ("s4", "s7"):
                checks.append(("first kill latency", kill_latency_value))
            for label, get in checks:
                mv = median_of([get(r) for r in me])
                others = {a: median_of([get(r) for r in arm_runs(a, scen, disk)])
                          for a in OTHER_ARMS}
                others = {a: v for a, v in others.items() if v is not None}
                head = f"- 3. {scen.upper()} {disk} {label}: "
                if mv is None:
                    out.append(head + "not measured (no onset)")
                elif not others:
                    out.append(head + f"{ms(mv)}, no other arm to compare")
                else:
                    best = min(others, key=others.get)
                    met = mv != float("inf") and mv <= others[best] / 2
                    out.append(head + f"{ok(met)} ({ms(mv)} vs {ms(others[best])} "
                               f"for {best}, ratio {ratio(mv, others[best])})")

    probe_cases = per_case(PROBE_SCENS)
    if not probe_cases:
        out.append(f"- 4. probe p99: {nm}")
    for scen, disk in probe_cases:
        inf = float("inf")
        p99 = lambda a: [r["probe_p99_us"] if r["probe_p99_us"] is not None else inf
                         for r in arm_runs(a, scen, disk)]
        mv = median_of(p99(arm))
        others = {a: median_of(p99(a)) for a in OTHER_ARMS if arm_runs(a, scen, disk)}
        pms = lambda v: "no probe result" if v == inf else fmt_num(us_to_ms(v), 1) + " ms"
        head = f"- 4. {scen.upper()} {disk} probe p99 lower than every other arm: "
        if not others:
            out.append(head + f"{pms(mv)}, no other arm to compare")
            continue
        met = mv != inf and all(mv < v for v in others.values())
        figs = ", ".join(f"{a} {pms(v)}" for a, v in others.items())
        out.append(head + f"{ok(met)} ({pms(mv)} vs {figs})")

    idle = [r["k"].get("cpu_ms_slmk") for r in mine if r["scen"] == "idle"]
    idle = [x for x in idle if x is not None]
    out.append("- 5a. zero CPU when idle (≤ 10 ms counts as zero, one tick): " +
               (f"{ok(max(idle) <= 10)} (cpu_ms_slmk max {fmt_num(max(idle))} ms "
                f"over {len(idle)} runs)" if idle else nm))
    s6 = {}
    for r in mine:
        if r["scen"] == "s6" and r["nprocs"] and r["k"].get("slmk_last_scan_us") is not None:
            s6.setdefault(r["nprocs"], []).append(r["k"]["slmk_last_scan_us"])
    if len(s6) >= 2:
        lo, hi = min(s6), max(s6)
        a, b = median_of(s6[hi]), median_of(s6[lo])
        limit = (hi / lo) * b
        out.append(f"- 5b. S6 scan time grows less than the process count: {ok(a < limit)} "
                   f"({fmt_num(a)} µs at {hi} vs {fmt_num(b)} µs at {lo}, "
                   f"ratio {ratio(a, b)}, limit {hi / lo:.0f})")
    else:
        out.append(f"- 5b. S6 scan time: {nm}")
    return out + [""]


# ---------------------------------------------------------------- plots

def gnuplot_terminal():
    """'pngcairo' if gnuplot has it, else 'png'; None without gnuplot."""
    try:
        p = subprocess.run(["gnuplot", "-e", "set terminal"], capture_output=True,
                           text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return "pngcairo" if "pngcairo" in p.stdout + p.stderr else "png"


def plot_case(outdir, scen, disk, runs, term):
    """Draw one scenario+disk PNG from the lowest repetition of each arm.
    Returns the PNG name, or None if there was nothing to draw or it failed."""
    datadir = os.path.join(outdir, "plot-data")
    os.makedirs(datadir, exist_ok=True)
    series = {}  # label -> (arm, run); S6 gets one per arm and nprocs
    for r in sorted(runs, key=lambda r: r["rep"]):
        label = r["arm"] + (f" n={r['nprocs']}" if scen == "s6" else "")
        if r["_series"] and label not in series:
            series[label] = (r["arm"], r)
    if not series:
        return None
    order = sorted(series, key=lambda l: (ARMS.index(series[l][0])
                                          if series[l][0] in ARMS else 99, l))
    top, bottom, seen_killers = [], [], set()
    for i, label in enumerate(order):
        arm, r = series[label]
        base = f"{scen}-{disk}-{label.replace(' ', '-').replace('=', '')}"
        dat = os.path.join(datadir, base + ".dat")
        with open(dat, "w") as f:
            f.write("# t_s memavail_pct psi_full_pct_1s\n")
            f.writelines(f"{t:.3f} {ma:.3f} {ps:.3f}\n" for t, ma, ps in r["_series"])
        colour = ARM_COLOURS.get(arm, "#555555")
        dash = 1 + (i if scen == "s6" else 0) % 5
        style = f"lw 2 lc rgb '{colour}' dt {dash}"
        top.append(f"'{dat}' using 1:2 with lines {style} title '{label}'")
        bottom.append(f"'{dat}' using 1:3 with lines {style} title '{label}'")
        if r["_kill_points"]:
            kdat = os.path.join(datadir, base + "-kills.dat")
            with open(kdat, "w") as f:
                f.write("# t_s memavail_pct killer\n")
                f.writelines(f"{t:.3f} {ma:.3f} {k}\n" for t, ma, k in r["_kill_points"])
            for killer, pt in KILLER_POINTS.items():
                if not any(k == killer for _, _, k in r["_kill_points"]):
                    continue
                title = "notitle" if killer in seen_killers else f"title 'kill: {killer}'"
                seen_killers.add(killer)
                top.append(f"'{kdat}' using 1:(strcol(3) eq '{killer}' ? $2 : 1/0) "
                           f"with points pt {pt} ps 1.6 lc rgb '{colour}' {title}")
    first = runs[0]
    title = (f"{scen_title(scen)} — {disk} — kernel {first['kernel']} — "
             f"MemTotal {first['memtotal_kb'] // 1024} MiB")
    png = f"{scen}-{disk}.png"
    script = "\n".join([
        f"set terminal {term} size 1100,800" + (" font ',10'" if term == "pngcairo" else ""),
        f"set output '{os.path.join(outdir, png)}'",
        "set multiplot layout 2,1 title '" + title.replace("'", "") + "'",
        "set lmargin at screen 0.08", "set rmargin at screen 0.80",  # align panels
        "set grid", "set key outside right top", "set xlabel 'seconds since window start'",
        "set ylabel 'MemAvailable % of MemTotal'", "set yrange [0:100]",
        "set arrow 1 from graph 0, first 10 to graph 1, first 10 nohead dt 2 lc rgb 'gray40'",
        "set arrow 2 from graph 0, first 15 to graph 1, first 15 nohead dt 2 lc rgb 'gray40'",
        "plot " + ", \\\n  ".join(top),
        "unset arrow", "set ylabel 'PSI memory full, % of 1 s'", "set yrange [0:*]",
        "plot " + ", \\\n  ".join(bottom),
        "unset multiplot", ""])
    gp = os.path.join(datadir, f"{scen}-{disk}.gp")
    with open(gp, "w") as f:
        f.write(script)
    try:
        p = subprocess.run(["gnuplot", gp], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        print(f"bench-report: gnuplot failed for {png}: {e}", file=sys.stderr)
        return None
    if p.returncode != 0:
        print(f"bench-report: gnuplot failed for {png}:\n{p.stderr}", file=sys.stderr)
        return None
    return png


# ---------------------------------------------------------------- main

def count_values(runs, key):
    """How many runs recorded each value of metadata @key."""
    counts = {}
    for r in runs:
        v = r.get(key) or "?"
        counts[v] = counts.get(v, 0) + 1
    return counts


def stall_table(runs, case_order, arm_key):
    """Simple LMK's direct-reclaim stall, per scenario: what stall_ms is set by."""
    rows = []
    for scen, disk in case_order:
        for arm in sorted({r["arm"] for r in runs if r["arm"] in SLMK_ARMS}, key=arm_key):
            rs = [r for r in runs if (r["scen"], r["disk"], r["arm"]) == (scen, disk, arm)
                  and r.get("reclaim_stall_peak_ms") is not None]
            if rs:
                rows.append(f"| {scen} {disk} | {arm} | "
                            + agg([r["reclaim_stall_peak_ms"] for r in rs]) + " | "
                            + agg([r["k"].get("slmk_stall_rounds", 0) for r in rs], total=True)
                            + " |")
    if not rows:
        return []
    return ["## Direct-reclaim stall seen by Simple LMK", "",
            "The most its `reclaim_stall_ms` counter grew over any second of the "
            "window (ms per s; a round starts at `stall_ms`), and the rounds its "
            "stall trigger started.", "",
            "| Scenario | Arm | Peak stall ms/s | Stall rounds |", "|---|---|---|---|"] + rows + [""]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("results_dir")
    ap.add_argument("--header", help="markdown file placed verbatim at the top")
    args = ap.parse_args()
    outdir = args.results_dir
    files = sorted(glob.glob(os.path.join(outdir, "runs", "*.txt")))
    if not files:
        print(f"bench-report: no run files in {outdir}/runs/", file=sys.stderr)
        return 1

    runs = []
    for path in files:
        try:
            runs.append(compute_metrics(parse_run(path)))
        except Exception as e:  # never let one broken file sink the report
            print(f"bench-report: skipping {path}: {e!r}", file=sys.stderr)
    with open(os.path.join(outdir, "metrics.json"), "w") as f:
        json.dump([{k: v for k, v in r.items() if not k.startswith("_")} for r in runs],
                  f, indent=1, sort_keys=True)

    # Group by (scenario, disk), then arm in the fixed order.
    cases = {}
    for r in runs:
        cases.setdefault((r["scen"], r["disk"]), []).append(r)
    case_order = sorted(cases, key=lambda c: (SCEN_ORDER.index(c[0])
                                              if c[0] in SCEN_ORDER else 99, c))
    arm_key = lambda a: (ARMS.index(a) if a in ARMS else 99, a)
    term = gnuplot_terminal()

    md = []
    if args.header:
        with open(args.header) as f:
            md += [f.read().rstrip("\n"), ""]
    md += ["# Benchmark results" if not args.header else "## Benchmark results", ""]
    n_inc = sum(r["incomplete"] for r in runs)
    md += [f"{len(runs)} runs read from `runs/` ({n_inc} incomplete); arms: "
           + ", ".join(sorted({r["arm"] for r in runs}, key=arm_key))
           + "; scenarios: " + ", ".join(f"{s} {d}" for s, d in case_order) + ".", ""]
    md += ["Recorded by every run: " + "; ".join(
        f"{label} " + ", ".join(f"`{v}` ({n} runs)" for v, n in
                                sorted(count_values(runs, key).items()))
        for key, label in (("thp", "THP"), ("mglru", "MGLRU"), ("min_ttl_ms", "min_ttl_ms"),
                           ("clocksource", "clocksource"), ("swap", "swap")))
           + ".", ""]
    ratios = [r["zram_ratio"] for r in runs if r.get("zram_ratio")]
    if ratios:
        md += [f"zram (lz4) compression ratio of the applications' data: {agg(ratios, 2)}.", ""]
    if term is None:
        md += ["gnuplot was not found: no plots.", ""]
    md += ["## Legend", "", LEGEND]

    for scen, disk in case_order:
        group = cases[(scen, disk)]
        by_arm = [(a, sorted([r for r in group if r["arm"] == a], key=lambda r: r["rep"]))
                  for a in sorted({r["arm"] for r in group}, key=arm_key)]
        md += [f"## {scen_title(scen)} — {disk}", ""]
        if scen == "idle":
            md += idle_table(by_arm)
        elif scen == "s6":
            # Every arm's figures per process count, then the scan times
            # of Simple LMK's arms.
            md += main_table([(f"{a} n={n}", [r for r in rs if r["nprocs"] == n])
                              for a, rs in by_arm
                              for n in sorted({r["nprocs"] for r in rs},
                                              key=lambda x: (x is None, x))])
            md += [""] + s6_table([(a, rs) for a, rs in by_arm if a in SLMK_ARMS])
        else:
            md += main_table(by_arm)
        md.append("")
        if scen != "idle" and term:
            png = plot_case(outdir, scen, disk, group, term)
            if png:
                md += [f"![{scen_title(scen)}, {disk}]({png})", ""]

    md += versus_table(runs, case_order)
    md += stall_table(runs, case_order, arm_key)
    md += ["## Targets", ""]
    for arm in SLMK_ARMS:
        md += targets(runs, arm)
    with open(os.path.join(outdir, "results.md"), "w") as f:
        f.write("\n".join(md))
    print(f"bench-report: {len(runs)} runs -> {os.path.join(outdir, 'results.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
