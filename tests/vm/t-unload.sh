# SPDX-License-Identifier: GPL-2.0
#
# rmmod during an active round under pressure, then insmod again, 10 times,
# at five points of the round, each twice:
# no oops, no stuck task, nothing left behind (kmemleak checks at the end of
# the run on the debug kernel). A protected filler holds most of the memory
# throughout, so that each iteration only allocates what crosses the line.
. /tests/lib.sh

start_app filler -1000 $(filler_mb 80)
for i in $(seq 1 10); do
	dmesg -c > /dev/null
	# A long wait keeps the round active while rmmod runs.
	load timeout_ms=2000 reclaim_target_mb=32
	start_app big$i 900 40; B=$APP_PID
	pressure $(( $(mem_avail_mb) + 30 )) 0
	# Unload at a different point of the round each time.
	wait_log 'simple_lmk: killing' 120 || fail "iteration $i: no round started"
	usleep $(( (i % 5) * 20000 ))
	timeout 30 rmmod simple_lmk || fail "iteration $i: rmmod failed or hung"
	[ -d /sys/kernel/simple_lmk ] && fail "iteration $i: sysfs directory left"
	kill -9 $PRESSURE_PID $B 2>/dev/null
	wait_dead $PRESSURE_PID 60 || fail "iteration $i: pressure did not die"
	wait_dead $B 60 || fail "iteration $i: big$i did not die"
done
log "10 unloads during a round"
load
rmmod simple_lmk || fail "final rmmod"
