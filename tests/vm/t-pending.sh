# SPDX-License-Identifier: GPL-2.0
#
# Victims still alive when timeout_ms ends are not forgotten while their
# memory may still come back. big900 is blocked writing to a frozen file
# system when it is killed; the file system is thawed, and big900 exits,
# as soon as a round has been held off (counted in "deferred"), and 250 ms
# after the kill at the latest: well before the 500 ms after which a
# victim that frees nothing counts as stuck (set at 350 ms, the thaw once
# came 532 ms after the kill on debug, after a second round). timeout_ms=1
# ends the round's wait long before. Meanwhile no other process is
# killed: small900, at the same adj, lives. Forgetting big900 at
# timeout_ms killed small900 for memory that was about to come back.
#
# An attempt can show nothing. If no round came at all while big900 was
# pending (the allocator was not back in reclaim before big900's exit: a
# fixed 200 ms thaw often left too little time on a slow CPU), every check
# still holds for it. If the thaw came 500 ms or more after the kill (under
# TCG even the SCHED_FIFO thawer can wait 180 ms for a CPU), big900 was
# stuck by the module's rule, and killing small900 was what the rule says.
# Either way the scenario runs again, three times at most.
. /tests/lib.sh

# ms_between PATTERN1 PATTERN2: ms from the first kernel log line with
# PATTERN1 to the first with PATTERN2, by the kernel's time stamps.
ms_between() {
	dmesg | awk -v a="$1" -v b="$2" '
		function ts(l) { sub(/^\[ */, "", l); sub(/\].*/, "", l); return l }
		index($0, a) && !ta { ta = ts($0) }
		index($0, b) && !tb { tb = ts($0) }
		END { if (ta && tb) printf "%d", (tb - ta) * 1000; else print 99999 }'
}

# attempt: one run of the scenario; fails the test on a wrong kill, or
# returns 1, with the reason in $INCONCLUSIVE, when it showed nothing.
attempt() {
	mount_disk
	load reclaim_target_mb=100 timeout_ms=1
	start_app big900 900 200 -w /mnt/stuck; B=$APP_PID
	start_app small900 900 40; S=$APP_PID
	start_app keep0 0 20; K=$APP_PID
	thawer -m "killing big900 ($B)" -d 350 -c $C/deferred /mnt &
	THAW=$!
	freeze_under $B
	# The allocator needs 150 MiB more than is free, as fast as it can:
	# while big900 is blocked, it reclaims and reaches the OOM path over
	# and over.
	need=$(( $(mem_avail_mb) + 150 ))
	pressure $need
	wait_pressure_done $need 120
	wait $THAW || fail "the thawer failed"

	expect_dead $B
	thaw_ms=$(ms_between "simple_lmk: killing big900 ($B)" "thawer: thawed /mnt")
	log "thawed $thaw_ms ms after the kill; rounds $(counter rounds), deferred $(counter deferred), timeouts $(counter timeouts)"
	if [ "$thaw_ms" -ge 500 ]; then
		INCONCLUSIVE="the thaw came $thaw_ms ms after the kill, when big900 counted as stuck"
		return 1
	fi
	expect_alive $S $K $PRESSURE_PID
	no_kernel_oom
	[ "$(counter kills)" = 1 ] || fail "$(counter kills) kills: $(kill_lines | sed 's/.*killing //' | tr '\n' ';')"
	counters_match_log
	if [ "$(counter deferred)" = 0 ]; then
		INCONCLUSIVE="no round came while big900 was pending"
		return 1
	fi
}

try=1
until attempt; do
	[ $try -ge 3 ] &&
		fail "$try attempts showed nothing, the last as $INCONCLUSIVE: the test did not test"
	log "attempt $try: $INCONCLUSIVE; again"
	kill -9 $PRESSURE_PID $S $K 2>/dev/null
	for p in $PRESSURE_PID $S $K; do
		wait_dead $p 30 || fail "pid $p did not die for the next attempt"
	done
	rmmod simple_lmk || fail "rmmod between attempts"
	umount /mnt || fail "umount between attempts"
	dmesg -c > /dev/null
	try=$((try + 1))
done
kill -9 $PRESSURE_PID
umount /mnt
