# SPDX-License-Identifier: GPL-2.0
#
# The OOM backstop. Round 1 (reclaim) kills a victim that cannot exit (it is
# blocked on a frozen file system) and waits the full timeout_ms, while the
# allocator goes on and reaches the kernel's OOM path. There, the OOM
# notifier waits for round 1, runs its own round, kills the next victim and
# reports it: the kernel OOM killer kills nobody.
. /tests/lib.sh

stuck_victim_run timeout_ms=5000 reclaim_target_mb=100

dmesg | grep -q "simple_lmk: round 1: timed out after 5000 ms, 1 still alive: $B" ||
	fail "round 1 did not time out on the frozen victim"
dmesg | grep -qE "simple_lmk: round 2 \(oom\): killed 1 processes" ||
	fail "no OOM round killed the next victim"
kill_lines | sed -n 2p | grep -q "killing next900 ($N)" ||
	fail "the OOM round did not pick next900"
[ "$(counter oom_rounds)" = 1 ] || fail "oom_rounds = $(counter oom_rounds)"
no_kernel_oom

fsfreeze --unfreeze /mnt
expect_dead $B $N
expect_alive $K $PRESSURE_PID
counters_match_log
kill -9 $PRESSURE_PID
umount /mnt
