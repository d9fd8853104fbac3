# SPDX-License-Identifier: GPL-2.0
#
# A SCHED_DEADLINE victim is killed but not boosted: it already runs before
# any SCHED_FIFO task, and changing a deadline task's policy takes
# cpuset_mutex, which an allocation in the OOM path may hold. dl950 is
# blocked on a frozen file system, so that its policy can be read after
# the round; next900 is killed next, when dl950 frees nothing.
. /tests/lib.sh

policy() {
	cut -d')' -f2 /proc/$1/stat | awk '{print $39}'
}

mount_disk
load reclaim_target_mb=100 timeout_ms=1000
start_app dl950 950 150 -w /mnt/stuck; D=$APP_PID
runat -p $D -d 10/100 || fail "cannot make dl950 SCHED_DEADLINE"
[ "$(policy $D)" = 6 ] || fail "dl950 has policy $(policy $D), not SCHED_DEADLINE"
start_app next900 900 100; N=$APP_PID
start_app keep0 0 20; K=$APP_PID
freeze_under $D
need=$(( $(mem_avail_mb) + 50 ))
pressure $need 100
wait_pressure_done $need 120

kill_lines | head -1 | grep -q "killing dl950 ($D)" || fail "dl950 was not the first victim"
alive $D || fail "dl950 died while its file system was frozen"
[ "$(policy $D)" = 6 ] || fail "the boost changed dl950's policy to $(policy $D)"
fsfreeze --unfreeze /mnt
expect_dead $D $N
expect_alive $K $PRESSURE_PID
no_kernel_oom
counters_match_log
kill -9 $PRESSURE_PID
umount /mnt
