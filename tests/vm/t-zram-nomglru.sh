# SPDX-License-Identifier: GPL-2.0
#
# MGLRU off and zram swap on: Simple LMK still kills, by adj, before the
# kernel OOM killer does. The apps' memory does not compress, as on a real
# system.
. /tests/lib.sh

if [ -e /sys/kernel/mm/lru_gen/enabled ]; then
	echo n > /sys/kernel/mm/lru_gen/enabled
	[ "$(cat /sys/kernel/mm/lru_gen/enabled)" = 0x0000 ] ||
		fail "MGLRU is still on: $(cat /sys/kernel/mm/lru_gen/enabled)"
fi
zram_swap 128M

# a950 alone frees what the allocator needs beyond free memory, three
# times over: with one adj level per round, a second round here can meet a
# swap-thrash livelock (incompressible pages in zram gain nothing) that
# neither trigger sees; see "Known limits" in the benchmark guide. (With a
# need of 60 MiB, the debug kernel once stopped 1 MiB short of it.)
load timeout_ms=3000
start_app a950 950 120; A=$APP_PID
start_app b900 900 60; B=$APP_PID
start_app e500 500 40; E=$APP_PID
start_app keep0 0 20; K=$APP_PID

need=$(( $(mem_avail_mb) + 40 ))
pressure $need 100
wait_pressure_done $need 180

expect_dead $A
expect_alive $K $PRESSURE_PID
no_kernel_oom
kill_lines | head -1 | grep -q "killing a950" || fail "a950 was not the first victim"
log "swap used: $(awk '/^SwapTotal/ {t=$2} /^SwapFree/ {f=$2} END {print (t-f)/1024}' /proc/meminfo) MiB"
counters_match_log
swapoff /dev/zram0
