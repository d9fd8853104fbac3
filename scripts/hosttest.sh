#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-side unit tests (make hosttest, and make check): lmkd-psi's decision
# logic (tests/progs/lmkd_policy.c, the benchmark's lmkd-style arm), built
# with AddressSanitizer and UBSan. Prints the tests' PASS/FAIL lines; a
# sanitizer report or a crash fails the run.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$BUILD/host
mkdir -p "$out"
gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-o "$out/lmkd_policy_test" \
	"$ROOT/tests/host/lmkd_policy_test.c" "$ROOT/tests/progs/lmkd_policy.c" ||
	{ echo "FAIL host/build: the unit tests do not compile"; exit 1; }
rc=0
"$out/lmkd_policy_test" >"$out/lmkd_policy_test.log" 2>&1 || rc=$?
cat "$out/lmkd_policy_test.log"
if [ $rc != 0 ] && ! grep -q '^FAIL ' "$out/lmkd_policy_test.log"; then
	echo "FAIL host/lmkd-policy: exited $rc without a verdict (sanitizer report or crash above)"
fi
exit $rc
