# SPDX-License-Identifier: GPL-2.0
#
# The OOM backstop, and no wait for victims in the OOM path. Round 1 kills
# a victim that cannot exit (it is blocked on a frozen file system). The
# allocator goes on and reaches the kernel's OOM path while that victim is
# followed (timeout_ms is 10 s; round 1 may also have come from the OOM
# path itself). There, the OOM notifier holds off while the
# victim might still free memory; it frees nothing for 500 ms, so round 1
# is given up on, and the next round (from the OOM path or from reclaim)
# kills the next victim: the allocation completes long before round 1's
# timeout_ms, and the kernel OOM killer kills nobody. A notifier that
# waited for round 1 held every allocator for the whole timeout_ms.
. /tests/lib.sh

stuck_victim_run timeout_ms=10000 reclaim_target_mb=100

dmesg | grep -qE "simple_lmk: round 1( \([a-z]+\))?: timed out" &&
	fail "the allocation waited for round 1's timeout_ms"
line=$(dmesg | grep -E "simple_lmk: round 1( \([a-z]+\))?: gave up after [0-9]* ms, 1 still alive: $B") ||
	fail "round 1 was not given up on for the frozen victim"
ms=$(echo "$line" | sed 's/.*gave up after \([0-9]*\) ms.*/\1/')
[ "$ms" -lt 10000 ] || fail "round 1 was given up on after $ms ms"
dmesg | grep -qE "simple_lmk: round 2( \([a-z]+\))?: killed 1 processes" ||
	fail "no round killed the next victim"
kill_lines | sed -n 2p | grep -q "killing next900 ($N)" ||
	fail "round 2 did not pick next900"
alive $B || fail "big950 died while its file system was frozen"
log "round 1 given up after $ms ms; oom_rounds $(counter oom_rounds), deferred $(counter deferred)"
no_kernel_oom

fsfreeze --unfreeze /mnt
expect_dead $B $N
expect_alive $K $PRESSURE_PID
counters_match_log
kill -9 $PRESSURE_PID
umount /mnt
