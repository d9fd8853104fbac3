# SPDX-License-Identifier: GPL-2.0
#
# dry_run=Y: a round logs its choice and nobody dies. The watermarks are
# spread apart (low = min + 10% of RAM) and the allocator stops between them:
# kswapd struggles below the low watermark, so rounds run, but allocations
# never reach the min watermark, where the kernel OOM killer would act.
. /tests/lib.sh

echo 1000 > /proc/sys/vm/watermark_scale_factor
load dry_run=1
start_app a950 950 70; A=$APP_PID
start_app b900 900 70; B=$APP_PID

pressure $(( $(mem_avail_mb) + 70 )) 50
wait_log 'simple_lmk: dry run: would kill a950' 120 ||
	fail "no dry-run choice was logged"
kill -9 $PRESSURE_PID
echo 10 > /proc/sys/vm/watermark_scale_factor
dmesg | grep -q 'simple_lmk: round .*: dry run, would kill 2 processes' ||
	fail "no dry-run round line"
expect_alive $A $B
kill_lines | grep -q . && fail "a process was killed in dry run"
[ "$(counter kills)" = 0 ] || fail "kills = $(counter kills)"
no_kernel_oom
