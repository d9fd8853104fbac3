# SPDX-License-Identifier: GPL-2.0
#
# The cost of a round among many processes (scripts/vm.sh KERNEL scale,
# with SLMK_MEM large enough): slmk_nproc idle processes at adj 0 (100,000
# by default; tests/progs/idle, about 60 KiB each), then three times an
# adj-900 app and an allocator that needs its memory. Prints, per round,
# the victim, the scan time (last_scan_us) and the longest stretch of the
# scan without a chance to reschedule (last_scan_hold_us), and the time
# spawning took.
. /tests/lib.sh

n=${slmk_nproc:-100000}
echo $((n * 2 + 10000)) > /proc/sys/kernel/pid_max
echo $((n * 2 + 10000)) > /proc/sys/kernel/threads-max
echo "processes: $n idle at adj 0, $(mem_avail_mb) MiB available before"
t0=$(cut -d' ' -f1 /proc/uptime)
rm -f /tmp/ready.idle
spawn -n "$n" -a 0 -R /tmp/ready.idle -- idle &
SP=$!
until [ -s /tmp/ready.idle ]; do
	kill -0 $SP 2>/dev/null || { echo "FAIL: spawn died"; exit 1; }
	sleep 1
done
sleep 5
echo "spawned in $(awk -v a="$t0" '{print int($1 - a)}' /proc/uptime) s," \
	"$(mem_avail_mb) MiB available, $(ls -d /proc/[0-9]* | wc -l) processes"

load reclaim_target_mb=20 timeout_ms=3000
for r in 1 2 3; do
	# MemAvailable underestimates what reclaim can find among so many
	# processes: ask for well beyond it, and let a900 cover that.
	start_app a900 900 600; A=$APP_PID
	need=$(( $(mem_avail_mb) + 300 ))
	pressure $need 200
	wait_dead $A 300 || { echo "FAIL: round $r: a900 not killed"; exit 1; }
	kill -9 $PRESSURE_PID
	wait $PRESSURE_PID 2>/dev/null
	echo "round $r: victim $(kill_lines | tail -1 | sed 's/.*killing \([^ ]*\) .*/\1/')," \
		"scan $(counter last_scan_us) us," \
		"longest stretch without rescheduling $(counter last_scan_hold_us) us"
	# Let the last allocator's memory come back before the next.
	sleep 5
done
echo "kernel OOM kills: $(( $(oom_kills) - OOM_BASE ))"
dmesg | grep -m3 'more than .* candidates' || true
