# SPDX-License-Identifier: GPL-2.0
#
# dry_run=Y: a round logs its choice and nobody dies.
# Reclaim is made to struggle without an OOM: the low and high watermarks
# are raised (low = min + 10% of RAM; the min watermark, where allocations
# fail, stays), then memory is filled in steps until kswapd, which has
# nothing it can reclaim, reports a low priority. Filling stops above
# the min watermark (12 MiB above it at least), so the kernel OOM killer has
# no reason to act.
. /tests/lib.sh

# Free memory below which filling stops: the min watermarks plus 12 MiB.
floor_kb() {
	awk '$1 == "min" {s += $2} END {print s * 4 + 12288}' /proc/zoneinfo
}

load dry_run=1
start_app a950 950 70; A=$APP_PID
start_app b900 900 70; B=$APP_PID
start_app fill0 0 $(( $(mem_avail_mb) - 48 )); F=$APP_PID

echo 1000 > /proc/sys/vm/watermark_scale_factor
step=0
until dmesg | grep -q 'simple_lmk: dry run: would kill a950'; do
	free=$(awk '/^MemFree:/ {print $2}' /proc/meminfo)
	log "step $step: free $free kB, floor $(floor_kb) kB, $(awk '$1 == "pages" && $2 == "free" {printf "zone free %d ", $3} $1 == "min" {printf "min %d ", $2} $1 == "low" {printf "low %d ", $2} $1 == "high" {printf "high %d; ", $2}' /proc/zoneinfo)"
	[ $free -gt $(( $(floor_kb) + 8192 )) ] ||
		fail "no dry-run choice before free memory reached the floor"
	step=$((step + 1))
	hog -q -H -n step$step -a 0 -m 8 &
	sleep 0.3
done
log "triggered after $step steps of 8 MiB"
echo 10 > /proc/sys/vm/watermark_scale_factor
sleep 1.5
# One level per round: a950 is all of level 950 (70 of the 128 MiB).
dmesg | grep -qE 'simple_lmk: round [0-9]+( \([a-z]+\))?: dry run, would kill 1 processes' ||
	fail "no dry-run round line"
expect_alive $A $B $F
kill_lines | grep -q . && fail "a process was killed in dry run"
[ "$(counter kills)" = 0 ] || fail "kills = $(counter kills)"
no_kernel_oom
killall -9 hog
