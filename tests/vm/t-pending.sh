# SPDX-License-Identifier: GPL-2.0
#
# Victims still alive when timeout_ms ends are not forgotten while their
# memory may still come back. big900 is blocked writing to a frozen file
# system when it is killed; the file system is thawed, and big900 exits,
# as soon as a round has been held off (counted in "deferred"), and 350 ms
# after the kill at the latest: before the 500 ms after which a victim
# that has shown no progress counts as stuck. timeout_ms=1 ends the
# round's wait long before. Meanwhile no other process is killed:
# small900, at the same adj, lives. Forgetting big900 at timeout_ms killed
# small900 for memory that was about to come back, 9 to 24 ms after it.
#
# An attempt can show nothing. If no round came at all while big900 was
# pending (the allocator was not back in reclaim before big900's exit),
# every check still holds for it. If a second kill came 500 ms or more
# after big900's, big900 may not have run yet (under TCG even the
# SCHED_FIFO thawer once waited 180 ms for a CPU, and 300 ms for the kill
# line), and by the module's rule it was stuck. Either way the scenario
# runs again, three times at most. A second kill within 500 ms fails.
. /tests/lib.sh

# ms_after PATTERN: ms from the first kernel log line with "killing
# big900" to the first with PATTERN, by the kernel's time stamps; "?" if
# either is missing.
ms_after() {
	dmesg | awk -v p="$1" '
		function ts(l) { sub(/^\[ */, "", l); sub(/\].*/, "", l); return l }
		/simple_lmk: killing big900 / && !ta { ta = ts($0) }
		index($0, p) && !tb { tb = ts($0) }
		END { if (ta && tb) printf "%d", (tb - ta) * 1000; else print "?" }'
}

# ms from the first killing line to the second; "?" if there is no second.
second_kill_ms() {
	kill_lines | awk '{ sub(/^\[ */, ""); sub(/\].*/, ""); t[n++] = $0 }
		END { if (n > 1) printf "%d", (t[1] - t[0]) * 1000; else print "?" }'
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
	expect_alive $K $PRESSURE_PID
	no_kernel_oom
	counters_match_log
	kills=$(kill_lines | wc -l)
	log "thawed $(ms_after "thawer: thawed /mnt") ms after the kill; kills $kills, rounds $(counter rounds), deferred $(counter deferred), timeouts $(counter timeouts)"
	if [ "$kills" -gt 1 ]; then
		gap=$(second_kill_ms)
		[ "$gap" -ge 500 ] ||
			fail "a second kill $gap ms after the first, while big900 was pending: $(kill_lines | sed 's/.*killing //' | tr '\n' ';')"
		INCONCLUSIVE="a second kill came $gap ms after the first, when big900 may have counted as stuck"
		return 1
	fi
	expect_alive $S
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
	OOM_BASE=$(oom_kills)
	try=$((try + 1))
done
kill -9 $PRESSURE_PID
umount /mnt
