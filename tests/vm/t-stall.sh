# SPDX-License-Identifier: GPL-2.0
#
# The stall trigger: with swap on zram, reclaim keeps succeeding, so the
# priority stays high while tasks wait in direct reclaim. With the priority
# trigger all but off (aggression=0), stall_ms starts the round: by adj,
# before the kernel OOM killer, and counted in stall_rounds. The apps'
# memory compresses about 3:1, like real memory.
. /tests/lib.sh

zram_swap 128M

load aggression=0 stall_ms=200 timeout_ms=3000 reclaim_target_mb=32
start_app a950 950 60 -c; A=$APP_PID
start_app b900 900 60 -c
start_app c800 800 60 -c
start_app keep0 0 20 -c; K=$APP_PID

need=$(( $(mem_avail_mb) + 120 ))
pressure $need 100 -c
wait_pressure_done $need 180

expect_dead $A
expect_alive $K $PRESSURE_PID
no_kernel_oom
[ "$(counter stall_rounds)" -ge 1 ] || fail "no round was started by the stall trigger"
[ "$(counter oom_rounds)" = 0 ] || fail "$(counter oom_rounds) OOM rounds: the stall trigger came too late"
[ "$(counter reclaim_stall_ms)" -ge 200 ] ||
	fail "reclaim_stall_ms is $(counter reclaim_stall_ms)"
kill_lines | head -1 | grep -q "killing a950" || fail "a950 was not the first victim"
log "stall rounds $(counter stall_rounds), reclaim stall $(counter reclaim_stall_ms) ms, swap used $(awk '/^SwapTotal/ {t=$2} /^SwapFree/ {f=$2} END {print (t-f)/1024}' /proc/meminfo) MiB"
counters_match_log
swapoff /dev/zram0
