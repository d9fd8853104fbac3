# SPDX-License-Identifier: GPL-2.0
#
# Victims still exiting when timeout_ms ends are not forgotten. big900
# holds 260 MiB, mostly in zram, and takes a while to exit; timeout_ms=1
# ends the round's wait long before. While its memory is on its way back,
# no other process is killed (the round is held off and counted in
# "deferred"): small900, at the same adj, lives. Forgetting big900 killed
# small900 for memory that was about to come back.
. /tests/lib.sh

[ -e /sys/block/zram0 ] || fail "no zram device"
echo lz4 > /sys/block/zram0/comp_algorithm 2>/dev/null
echo 384M > /sys/block/zram0/disksize || fail "zram disksize"
mkswap /dev/zram0 > /dev/null || fail "mkswap"
swapon /dev/zram0 || fail "swapon"

load reclaim_target_mb=100 timeout_ms=1
start_app big900 900 260 -t 4; B=$APP_PID
start_app small900 900 40; S=$APP_PID
start_app keep0 0 20; K=$APP_PID
# Most of big900 goes to zram, as on a phone: it takes longer to exit.
echo 200M > /sys/fs/cgroup/memory.reclaim 2>/dev/null
log "swap used: $(awk '/^SwapTotal/ {t=$2} /^SwapFree/ {f=$2} END {print (t-f)/1024}' /proc/meminfo) MiB"

need=$(( $(mem_avail_mb) + 60 ))
pressure $need
wait_pressure_done $need 180

expect_dead $B
expect_alive $S $K $PRESSURE_PID
no_kernel_oom
kill_lines | head -1 | grep -q "killing big900 ($B)" || fail "big900 was not the first victim"
[ "$(counter kills)" = 1 ] || fail "$(counter kills) kills: $(kill_lines | sed 's/.*killing //' | tr '\n' ';')"
log "rounds $(counter rounds), deferred $(counter deferred), timeouts $(counter timeouts)"
counters_match_log
kill -9 $PRESSURE_PID
wait_dead $PRESSURE_PID 30
swapoff /dev/zram0
