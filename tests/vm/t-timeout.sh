# SPDX-License-Identifier: GPL-2.0
#
# A victim that cannot exit in time: it is blocked writing to a frozen file
# system, where even SIGKILL waits. The wait times out (or, if the OOM path
# comes first, the victim is given up on as freeing nothing); this is
# counted and logged with the pid still alive; the next round passes over
# it (it is killed once) and picks another victim. The victim was boosted.
# After the thaw it dies.
# The timeout is long enough for the other victim to exit even on the slow
# debug kernel: only the blocked one can time out.
. /tests/lib.sh

stuck_victim_run timeout_ms=1000 reclaim_target_mb=100

dmesg | grep -qE "simple_lmk: round 1( \([a-z]+\))?: (timed out|gave up) after [0-9]+ ms, 1 still alive: $B\$" ||
	fail "the timeout was not logged with pid $B"
[ "$(counter timeouts)" -ge 1 ] || fail "timeouts = $(counter timeouts)"
[ "$(kill_lines | grep -c "($B)")" = 1 ] || fail "big950 was not killed exactly once"
kill_lines | grep -q "killing next900 ($N)" || fail "the next round did not pick next900"
alive $B || fail "big950 died while its file system was frozen"
# Boosted (boost=Y by default): SCHED_FIFO, so that it exits as soon as it
# can.
[ "$(policy $B)" = 1 ] ||
	fail "big950 has policy $(policy $B), not SCHED_FIFO: it was not boosted"

fsfreeze --unfreeze /mnt
expect_dead $B $N
expect_alive $K $PRESSURE_PID
no_kernel_oom
counters_match_log
kill -9 $PRESSURE_PID
umount /mnt
