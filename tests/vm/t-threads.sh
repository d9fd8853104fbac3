# SPDX-License-Identifier: GPL-2.0
#
# A victim with 2,000 threads (more than the 1,024 one boost pass reaches):
# the kill takes the whole thread group, the boost goes through its
# threads in bounded passes, the victim dies, the
# adj-0 allocator gets what it asked for, and nothing stalls (the harness
# fails the run on any soft lockup, RCU stall or hung task report).
. /tests/lib.sh

echo 20000 > /proc/sys/kernel/threads-max
load reclaim_target_mb=60 timeout_ms=5000
start_app th900 900 80 -t 2000; T=$APP_PID
n=$(ls /proc/$T/task | wc -l)
[ "$n" -ge 2000 ] || fail "th900 has $n threads, not 2000"
start_app keep0 0 20; K=$APP_PID
log "th900: $n threads, $(awk '/^VmRSS:/ {print $2}' /proc/$T/status) kB resident"

need=$(( $(mem_avail_mb) + 40 ))
pressure $need 50
wait_pressure_done $need 240

expect_dead $T
expect_alive $K $PRESSURE_PID
no_kernel_oom
[ "$(kill_lines | grep -c "killing th900 ($T)")" = 1 ] ||
	fail "th900 was not killed exactly once: $(kill_lines | grep -c "($T)") times"
[ "$(kill_lines | grep -vc "killing th900 ($T)")" = 0 ] ||
	fail "others were killed: $(kill_lines | grep -v "($T)")"
counters_match_log
