#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
bench-smoke-check.py DIR: make check's checks of the benchmark harness,
on the output of `scripts/bench.sh --smoke` (S1, kernel, lmkd-psi and
slmk arms).

It checks that the instruments and the report work, not how fast anyone
is: every run is complete; the kernel arm's OOM kill was seen both by the
sampler (vmstat oom_kill) and in the trace (mark_victim, the SIGKILL and
the victim's exit); Simple LMK's kills in the trace are exactly those its
own counter reports, each with an exit; lmkdpsi started (its PSI
triggers registered) and its kills in the trace are exactly those it
logged; the report has a row per arm.
Prints one PASS or FAIL line per check.
"""
import json
import sys
from pathlib import Path


def main():
    out = Path(sys.argv[1])
    checks = []

    def check(name, ok, why):
        checks.append(ok)
        print(f"{'PASS' if ok else 'FAIL'} bench-smoke/{name}"
              + ("" if ok else f": {why}"))

    try:
        runs = json.loads((out / "metrics.json").read_text())
    except (OSError, ValueError) as e:
        print(f"FAIL bench-smoke/metrics: {e}")
        return 1
    by_arm = {r.get("arm"): r for r in runs}

    for arm in ("kernel", "lmkd-psi", "slmk"):
        r = by_arm.get(arm)
        check(f"{arm}-complete", r is not None and not r.get("incomplete"),
              f"run missing or incomplete: {r and r.get('problems')}")
        if r is None:
            continue
        check(f"{arm}-probe", r.get("probe_p99_us") is not None,
              "no foreground probe summary")
        check(f"{arm}-onset", r.get("onset_s") is not None,
              "the sampler saw no onset of pressure")

    k = by_arm.get("kernel") or {}
    kv = [v for v in k.get("victims", []) if v.get("killer") == "kernel"]
    check("kernel-oom-traced",
          k.get("oom_kills_vmstat", 0) >= 1 and k.get("mark_victims", 0) >= 1
          and kv and all(v.get("exit_ms") is not None for v in kv),
          f"vmstat oom_kill {k.get('oom_kills_vmstat')}, mark_victim "
          f"{k.get('mark_victims')}, traced victims {len(kv)}")

    s = by_arm.get("slmk") or {}
    sv = [v for v in s.get("victims", []) if v.get("killer") == "slmk"]
    counted = s.get("k", {}).get("slmk_kills")
    check("slmk-kills-traced",
          sv and counted is not None and int(counted) == len(sv)
          and all(v.get("exit_ms") is not None for v in sv),
          f"counter kills {counted}, traced slmk victims {len(sv)}")

    lp = by_arm.get("lmkd-psi") or {}
    lv = [v for v in lp.get("victims", []) if v.get("killer") == "lmkd-psi"]
    log = []
    for f in sorted((out / "runs").glob("*-lmkd-psi-*.txt")):
        log += [ln for ln in f.read_text(errors="replace").splitlines()
                if ln.startswith("L lmkdpsi: ")]
    logged = [ln for ln in log if " kill " in ln and " rss_kb " in ln]
    check("lmkd-psi-started", any(": ready: " in ln for ln in log),
          "no 'lmkdpsi: ready' line: the daemon did not start")
    check("lmkd-psi-kills-traced",
          len(lv) == len(logged) and all(v.get("exit_ms") is not None for v in lv),
          f"lmkdpsi logged {len(logged)} kills, the trace shows {len(lv)}")

    try:
        md = (out / "results.md").read_text()
    except OSError as e:
        md = ""
        print(f"# {e}")
    png = out / "s1-ssd.png"
    check("report-rows",
          all(f"| {arm} |" in md for arm in ("kernel", "lmkd-psi", "slmk"))
          and png.exists() and png.stat().st_size > 0,
          "results.md lacks a row per arm, or no s1-ssd.png")
    return 0 if all(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
