# SPDX-License-Identifier: GPL-2.0
#
# Page cache only: streaming a file twice the size of RAM from ext4, and
# walking a directory tree, kills nobody, although killable apps exist.
. /tests/lib.sh

mount_disk
load
# What started any round, should one start: kept in the log.
echo 1 > $T/events/simple_lmk/simple_lmk_round_start/enable
start_app a950 950 60; A=$APP_PID
start_app b900 900 60; B=$APP_PID

size=$(( $(stat -c %s /mnt/big) / 1048576 ))
ram=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 ))
[ $size -gt $ram ] || fail "the file ($size MiB) is not larger than RAM"
for pass in 1 2; do
	cat /mnt/big > /dev/null || fail "reading the file failed"
	find /mnt/tree -type f | xargs cat > /dev/null
	log "pass $pass: streamed $size MiB with $ram MiB of RAM"
done

grep -o 'simple_lmk_round_start: .*' $T/trace
echo 0 > $T/events/simple_lmk/simple_lmk_round_start/enable
log "rounds $(counter rounds) stall_rounds $(counter stall_rounds) reclaim_stall_ms $(counter reclaim_stall_ms)"
expect_alive $A $B
kill_lines | grep -q . && fail "page cache caused a kill"
[ "$(counter kills)" = 0 ] || fail "kills = $(counter kills)"
no_kernel_oom
log "rounds $(counter rounds) empty_rounds $(counter empty_rounds)"
umount /mnt
