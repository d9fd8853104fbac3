# SPDX-License-Identifier: GPL-2.0
#
# A SCHED_DEADLINE victim is killed but not boosted: it already runs before
# any SCHED_FIFO task, and changing a deadline task's policy takes
# cpuset_mutex, which an allocation in the OOM path may hold. dl950 is
# blocked on a frozen file system, so that its policy can be read after
# the round; next900 is killed next, when dl950 frees nothing. (Unless
# dl950 itself reached the OOM path: the kernel then takes a dying
# allocator for its own victim and its OOM reaper frees dl950's memory,
# which can be enough; next900 may then live.)
. /tests/lib.sh

policy() {
	cut -d')' -f2 /proc/$1/stat | awk '{print $39}'
}

make_deadline() {
	runat -p $1 -d 10/100 || fail "cannot make dl950 SCHED_DEADLINE"
	[ "$(policy $1)" = 6 ] || fail "dl950 has policy $(policy $1), not SCHED_DEADLINE"
}
STUCK_NAME=dl950 STUCK_MB=150 STUCK_SETUP=make_deadline \
	stuck_victim_run reclaim_target_mb=100 timeout_ms=1000
D=$B

kill_lines | head -1 | grep -q "killing dl950 ($D)" || fail "dl950 was not the first victim"
alive $D || fail "dl950 died while its file system was frozen"
[ "$(policy $D)" = 6 ] || fail "the boost changed dl950's policy to $(policy $D)"
fsfreeze --unfreeze /mnt
expect_dead $D
dmesg | grep -q "oom_reaper: reaped process $D " || expect_dead $N
expect_alive $K $PRESSURE_PID
no_kernel_oom
counters_match_log
kill -9 $PRESSURE_PID
umount /mnt
