# SPDX-License-Identifier: GPL-2.0
#
# MGLRU off and zram swap on: Simple LMK still kills, by adj and one level a
# round, before the kernel OOM killer does. The apps' memory does not
# compress, as on a real system.
. /tests/lib.sh

if [ -e /sys/kernel/mm/lru_gen/enabled ]; then
	echo n > /sys/kernel/mm/lru_gen/enabled
	[ "$(cat /sys/kernel/mm/lru_gen/enabled)" = 0x0000 ] ||
		fail "MGLRU is still on: $(cat /sys/kernel/mm/lru_gen/enabled)"
fi
zram_swap 128M

# The allocator needs a950 and b900 gone: two rounds, one adj level each,
# with incompressible pages going to zram in between. (Before the test
# waited for the allocator to say it had everything, it waited for its
# resident size, which the allocator's own pages swapped out never reach,
# and read that as a swap-thrash livelock.)
load timeout_ms=3000
start_app a950 950 120; A=$APP_PID
start_app b900 900 60; B=$APP_PID
start_app e500 500 40; E=$APP_PID
start_app keep0 0 20; K=$APP_PID

need=$(( $(mem_avail_mb) + 150 ))
pressure $need 100
wait_pressure_done $need 180

expect_dead $A $B
expect_alive $E $K $PRESSURE_PID
no_kernel_oom
kill_lines | head -1 | grep -q "killing a950" || fail "a950 was not the first victim"
kill_lines | sed -n 2p | grep -q "killing b900" || fail "b900 was not the second victim"
log "swap used: $(awk '/^SwapTotal/ {t=$2} /^SwapFree/ {f=$2} END {print (t-f)/1024}' /proc/meminfo) MiB"
counters_match_log
swapoff /dev/zram0
