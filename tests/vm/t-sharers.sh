# SPDX-License-Identifier: GPL-2.0
#
# A multi-threaded victim and a CLONE_VM sharer pair: the round waits for
# every thread and both sharers, and completes without a timeout.
. /tests/lib.sh

load reclaim_target_mb=100 timeout_ms=3000
start_app mt900 900 60 -t 4; MT=$APP_PID
start_app sh900 900 60 -s; SH=$APP_PID; SH2=$SHARER_PID
start_app keep0 0 20; K=$APP_PID
[ -n "$SH2" ] || fail "no sharer pid"

need=$(( $(mem_avail_mb) + 50 ))
pressure $need 100
wait_pressure_done $need 120

expect_dead $MT $SH $SH2
expect_alive $K $PRESSURE_PID
no_kernel_oom
kill_lines | grep -q "killing mt900 ($MT)" || fail "mt900 not killed"
kill_lines | grep -q "killing sh900 ($SH)" || fail "sh900 not killed"
dmesg | grep -q "killing sh900-s ($SH2) too, it shares the memory of $SH" ||
	fail "the sharer was not killed with its victim"
# The sharer is not a candidate of its own: one mm, one victim.
kill_lines | grep -q "killing sh900-s" && fail "the sharer counted as a victim"
[ "$(counter timeouts)" = 0 ] || fail "timeouts = $(counter timeouts)"
dmesg | grep -q 'timed out' && fail "a round timed out"
dmesg | grep -qE 'simple_lmk: round 1( \([a-z]+\))?: killed 2 processes' ||
	fail "round 1 did not complete with both victims"
counters_match_log
