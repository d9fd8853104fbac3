# SPDX-License-Identifier: GPL-2.0
#
# Victims still alive when timeout_ms ends are not forgotten while their
# memory may still come back. big900 is blocked writing to a frozen file
# system when it is killed; 200 ms after the kill (less than the 500 ms
# after which a victim that frees nothing counts as stuck) the file system
# is thawed and big900 exits. timeout_ms=1 ends the round's wait long
# before. Meanwhile no other process is killed (the rounds that would start
# are held off and counted in "deferred"): small900, at the same adj,
# lives. Forgetting big900 at timeout_ms killed small900 for memory that
# was about to come back.
. /tests/lib.sh

mount_disk
load reclaim_target_mb=100 timeout_ms=1
start_app big900 900 200 -w /mnt/stuck; B=$APP_PID
start_app small900 900 40; S=$APP_PID
start_app keep0 0 20; K=$APP_PID
thawer -m "killing big900 ($B)" -d 200 /mnt &
T=$!
freeze_under $B
# The allocator needs 150 MiB more than is free, as fast as it can: while
# big900 is blocked, it reclaims and reaches the OOM path over and over.
need=$(( $(mem_avail_mb) + 150 ))
pressure $need
wait_pressure_done $need 120
wait $T || fail "the thawer failed"

expect_dead $B
expect_alive $S $K $PRESSURE_PID
no_kernel_oom
[ "$(counter kills)" = 1 ] || fail "$(counter kills) kills: $(kill_lines | sed 's/.*killing //' | tr '\n' ';')"
[ "$(counter deferred)" -ge 1 ] || fail "no round was held off: the test did not test"
log "rounds $(counter rounds), deferred $(counter deferred), timeouts $(counter timeouts)"
counters_match_log
kill -9 $PRESSURE_PID
umount /mnt
