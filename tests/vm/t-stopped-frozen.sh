# SPDX-License-Identifier: GPL-2.0
#
# A stopped (SIGSTOP) victim and one in a frozen cgroup v2 both die.
. /tests/lib.sh

load reclaim_target_mb=100 timeout_ms=3000
start_app stop900 900 60; S=$APP_PID
start_app frz900 900 60; F=$APP_PID
start_app keep0 0 20; K=$APP_PID

kill -STOP $S
grep -q '^State:.*T' /proc/$S/status || fail "stop900 is not stopped"
mkdir /sys/fs/cgroup/frozen
echo $F > /sys/fs/cgroup/frozen/cgroup.procs
echo 1 > /sys/fs/cgroup/frozen/cgroup.freeze
i=0
until grep -q 'frozen 1' /sys/fs/cgroup/frozen/cgroup.events; do
	i=$((i + 1))
	[ $i -gt 100 ] && fail "the cgroup did not freeze"
	sleep 0.1
done

need=$(( $(mem_avail_mb) + 50 ))
pressure $need 100
wait_pressure_done $need 120

expect_dead $S $F
expect_alive $K $PRESSURE_PID
no_kernel_oom
kill_lines | grep -q "killing stop900 ($S)" || fail "stop900 not killed"
kill_lines | grep -q "killing frz900 ($F)" || fail "frz900 not killed"
counters_match_log
