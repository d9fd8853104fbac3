# SPDX-License-Identifier: GPL-2.0
#
# Heavy writes: a file of 1.5x RAM written to a disk throttled to 20 MiB/s
# (vm.sh's default for the test disk), beside killable apps, with swap on
# zram. Dirty and writeback pages make reclaim and the writer wait (dirty
# throttling), which a trigger on stall could take for thrash; but page
# cache written once never refaults, and reclaim can still drop it once it
# is clean. Nobody may be killed.
. /tests/lib.sh

mount_disk
zram_swap 128M
load
# What started any round, should one start: kept in the log.
echo 1 > $T/events/simple_lmk/simple_lmk_round_start/enable
start_app a950 950 60 -c; A=$APP_PID
start_app b900 900 60 -c; B=$APP_PID
start_app keep0 0 20 -c; K=$APP_PID

ram=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 ))
size=$((ram * 3 / 2))
room=$(df -m /mnt | awk 'NR == 2 {print $4}')
[ "$room" -gt $((size + 16)) ] || fail "the test disk has $room MiB free, not $size"
t0=$(cut -d. -f1 /proc/uptime)
dd if=/dev/zero of=/mnt/written bs=1M count=$size conv=fsync 2> /tmp/dd ||
	fail "writing failed: $(cat /tmp/dd)"
t=$(( $(cut -d. -f1 /proc/uptime) - t0 ))
log "wrote $size MiB with $ram MiB of RAM in $t s ($((size / (t + 1))) MiB/s)"

grep -o 'simple_lmk_round_start: .*' $T/trace
echo 0 > $T/events/simple_lmk/simple_lmk_round_start/enable
log "rounds $(counter rounds) stall_rounds $(counter stall_rounds) thrash_rounds $(counter thrash_rounds) reclaim_stall_ms $(counter reclaim_stall_ms)"
expect_alive $A $B $K
kill_lines | grep -q . && fail "writing page cache caused a kill"
[ "$(counter kills)" = 0 ] || fail "kills = $(counter kills)"
no_kernel_oom
rm -f /mnt/written
umount /mnt
swapoff /dev/zram0
