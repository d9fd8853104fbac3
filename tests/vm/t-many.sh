# SPDX-License-Identifier: GPL-2.0
#
# More processes than the candidate table holds (1,024 entries): 1,200
# small processes at adj 900, then, newest of all, big900 (100 MiB) at
# adj 900 and keep0 at adj 0. The round must still see big900 (the table
# keeps the largest, not the first found in the task list, which is
# oldest first) and kill it alone: the fewest processes that meet the
# target. The allocator needs 40 MiB more than is available, so big900
# leaves 60 MiB to spare: room for a watermark boost (a pageblock, 32 MiB
# with 16 KiB pages).
. /tests/lib.sh

n=1200
echo 20000 > /proc/sys/kernel/threads-max
rm -f /tmp/ready.idle
spawn -i -n $n -a 900 -R /tmp/ready.idle &
SP=$!
wait_ready /tmp/ready.idle $SP 120 "spawning $n processes"
start_app big900 900 100; B=$APP_PID
start_app keep0 0 20; K=$APP_PID
# Loaded once the apps hold their memory: with 16 KiB pages the small
# processes leave so little that starting keep0 already made a round,
# which took big900 before the allocator came.
load reclaim_target_mb=40 timeout_ms=3000
log "$(ls -d /proc/[0-9]* | wc -l) processes, $(mem_avail_mb) MiB available"

need=$(( $(mem_avail_mb) + 40 ))
pressure $need 50
wait_pressure_done $need 240

expect_dead $B
expect_alive $K $PRESSURE_PID $SP
no_kernel_oom
[ "$(kill_lines | grep -c "killing big900 ($B)")" = 1 ] ||
	fail "big900 was not killed exactly once"
others=$(kill_lines | grep -vc "killing big900 ($B)")
[ "$others" = 0 ] || fail "$others others were killed: $(kill_lines | grep -v "($B)" | head -3)"
kill $SP
wait $SP
counters_match_log
