# SPDX-License-Identifier: GPL-2.0
#
# enabled=N: Simple LMK kills nobody; the kernel OOM killer acts instead.
. /tests/lib.sh

load enabled=N
start_app a950 950 60; A=$APP_PID

pressure $(( $(mem_avail_mb) + 100 )) 100
wait_log 'Out of memory: Killed process' 120 ||
	fail "the kernel OOM killer did not act"
kill -9 $PRESSURE_PID 2>/dev/null
kill_lines | grep -q . && fail "simple_lmk killed with enabled=N"
[ "$(counter rounds)" = 0 ] || fail "rounds = $(counter rounds)"
[ "$(counter kills)" = 0 ] || fail "kills = $(counter kills)"
