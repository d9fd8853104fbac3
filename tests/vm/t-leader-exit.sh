# SPDX-License-Identifier: GPL-2.0
#
# A victim whose main thread has exited (pthread_exit) while its other
# threads hold the memory: the kill takes the whole thread group, so the
# process dies, its memory comes back, and the round completes. A kill sent
# to the exited main thread alone starts no group exit: the same victim was
# then chosen round after round, and nothing else made progress.
. /tests/lib.sh

load reclaim_target_mb=100 timeout_ms=3000
start_app lx900 900 120 -t 3 -L; L=$APP_PID
start_app keep0 0 20; K=$APP_PID
i=0
until grep -q '^State:.*Z' /proc/$L/status; do
	i=$((i + 1))
	[ $i -gt 50 ] && fail "the main thread of lx900 did not exit"
	sleep 0.1
done
alive $L || fail "lx900 died with its main thread"
log "lx900: main thread exited, $(ls /proc/$L/task | wc -l) threads left"

need=$(( $(mem_avail_mb) + 50 ))
pressure $need 100
wait_pressure_done $need 120

expect_dead $L
expect_alive $K $PRESSURE_PID
no_kernel_oom
[ "$(kill_lines | grep -c "killing lx900 ($L)")" = 1 ] ||
	fail "lx900 was not killed exactly once: $(kill_lines | grep -c "($L)") times"
dmesg | grep -qE 'simple_lmk: round 1( \([a-z]+\))?: killed 1 processes' ||
	fail "round 1 did not complete"
[ "$(counter timeouts)" = 0 ] || fail "timeouts = $(counter timeouts)"
counters_match_log
