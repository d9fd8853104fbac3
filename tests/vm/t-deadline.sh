# SPDX-License-Identifier: GPL-2.0
#
# A SCHED_DEADLINE victim is killed but not boosted: it already runs before
# any SCHED_FIFO task, and changing a deadline task's policy takes
# cpuset_mutex, which an allocation in the OOM path may hold. dl950 is
# blocked on a frozen file system, so that its policy can be read after
# the round; next900 is killed next, when dl950 frees nothing. Unless
# dl950's own allocation reached the OOM path after the kill (it may not
# yet be waiting for the frozen disk): the kernel takes a dying allocator
# for its own victim, and its OOM reaper frees dl950's memory, which can
# be enough; next900 may then live. The trace tells that case (the
# kernel marks dl950 as its victim in dl950's own context) from the OOM
# notifier reporting nothing while next900 was there to kill (the kernel
# would then pick dl950 for the allocator, silently: it is dying).
. /tests/lib.sh

echo > $T/trace
echo 1 > $T/events/oom/mark_victim/enable || fail "no oom:mark_victim event"
echo 1 > $T/tracing_on

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
if grep -qE "mark_victim: pid=$D( |\$)" $T/trace; then
	grep -qE -- "-$D +\[[0-9]+\].* mark_victim: pid=$D( |\$)" $T/trace ||
		fail "the kernel chose dl950 for another task's allocation: the OOM notifier reported nothing"
	log "dl950 reached the OOM path itself and was reaped by the kernel"
else
	expect_dead $N
fi
echo 0 > $T/events/oom/mark_victim/enable
expect_alive $K $PRESSURE_PID
no_kernel_oom
counters_match_log
kill -9 $PRESSURE_PID
umount /mnt
