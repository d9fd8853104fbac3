# SPDX-License-Identifier: GPL-2.0
#
# Victims still alive when timeout_ms ends are not forgotten while their
# memory may still come back. big900 is blocked writing to a frozen file
# system when it is killed; the file system is thawed, and big900 exits,
# as soon as a round has been held off (counted in "deferred"), and 350 ms
# after the kill at the latest: less than the 500 ms after which a victim
# that frees nothing counts as stuck. timeout_ms=1 ends the round's wait
# long before. Meanwhile no other process is killed: small900, at the same
# adj, lives. Forgetting big900 at timeout_ms killed small900 for memory
# that was about to come back. (A fixed 200 ms thaw left too little time
# for a round to come on a slow CPU: the test then did not test.)
#
# If no round came at all while big900 was pending (once in a make check
# on debug-rt: the allocator was not back in reclaim within the 350 ms
# and big900's exit), the attempt shows nothing: every check still holds
# for it, and the scenario runs again, three times at most.
. /tests/lib.sh

attempt() {
	mount_disk
	load reclaim_target_mb=100 timeout_ms=1
	start_app big900 900 200 -w /mnt/stuck; B=$APP_PID
	start_app small900 900 40; S=$APP_PID
	start_app keep0 0 20; K=$APP_PID
	thawer -m "killing big900 ($B)" -d 350 -c $C/deferred /mnt &
	T=$!
	freeze_under $B
	# The allocator needs 150 MiB more than is free, as fast as it can:
	# while big900 is blocked, it reclaims and reaches the OOM path over
	# and over.
	need=$(( $(mem_avail_mb) + 150 ))
	pressure $need
	wait_pressure_done $need 120
	wait $T || fail "the thawer failed"

	expect_dead $B
	expect_alive $S $K $PRESSURE_PID
	no_kernel_oom
	[ "$(counter kills)" = 1 ] || fail "$(counter kills) kills: $(kill_lines | sed 's/.*killing //' | tr '\n' ';')"
	log "rounds $(counter rounds), deferred $(counter deferred), timeouts $(counter timeouts)"
	counters_match_log
}

try=1
while :; do
	attempt
	[ "$(counter deferred)" -ge 1 ] && break
	[ $try -ge 3 ] &&
		fail "no round was held off in $try attempts: the test did not test"
	log "attempt $try: no round came while big900 was pending; again"
	kill -9 $PRESSURE_PID $S $K
	for p in $PRESSURE_PID $S $K; do
		wait_dead $p 30 || fail "pid $p did not die for the next attempt"
	done
	rmmod simple_lmk || fail "rmmod between attempts"
	umount /mnt || fail "umount between attempts"
	dmesg -C
	try=$((try + 1))
done
kill -9 $PRESSURE_PID
umount /mnt
