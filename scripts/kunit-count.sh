#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kunit-count.sh KDIR RESULTS KERNEL OUTDIR: parse the KTAP that the guest
# read from /sys/kernel/debug/kunit/<suite>/results with the kernel tree's
# own kunit.py, and print one PASS/FAIL line per test case (parameterised
# cases count once per parameter).
set -euo pipefail

kdir=$1 results=$2 name=$3 out=$4
txt=$out/kunit.txt
json=$out/kunit.json
rm -f "$json"

if [ ! -s "$results" ]; then
	echo "FAIL $name/kunit: no KUnit results came out of the guest"
	exit 0
fi

set +e
python3 "$kdir/tools/testing/kunit/kunit.py" parse --json="$json" \
	"$(realpath "$results")" >"$txt" 2>&1
rc=$?
set -e

if [ ! -s "$json" ]; then
	echo "FAIL $name/kunit: kunit.py parse wrote no results (rc $rc, see $txt)"
	exit 0
fi

python3 - "$json" "$name" "$rc" <<'PY'
import json, sys

path, kernel, rc = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines, bad = [], 0

def walk(group, prefix):
    global bad
    for case in group.get("test_cases", []):
        status = case.get("status")
        full = prefix + case["name"]
        if status == "PASS":
            lines.append(f"PASS {kernel}/kunit:{full}")
        else:
            bad += 1
            lines.append(f"FAIL {kernel}/kunit:{full}: {status}")
    for sub in group.get("sub_groups", []):
        walk(sub, prefix + sub["name"] + ".")

walk(json.load(open(path)), "")
if not lines:
    lines.append(f"FAIL {kernel}/kunit: no test case was parsed")
elif rc != 0 and bad == 0:
    lines.append(f"FAIL {kernel}/kunit: kunit.py parse exited {rc}")
print("\n".join(lines))
PY
