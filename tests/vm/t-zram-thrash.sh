# SPDX-License-Identifier: GPL-2.0
#
# Swap on zram with incompressible pages: swapping them out frees nothing,
# zram's own allocations take the memory reclaim frees, and a walker
# re-reading a working set larger than RAM waits in reclaim. Without
# Simple LMK this stalls for minutes (free memory at 0, allocation
# failures in kswapd) and the kernel OOM killer stays silent. With the
# defaults, the walker finishes its passes within a bounded time, the
# victims die in adj order, the adj-0 apps survive, and the kernel OOM
# killer kills nobody.
. /tests/lib.sh

zram_swap 512M

load timeout_ms=3000
echo 1 > $T/events/simple_lmk/simple_lmk_round_start/enable
start_app a950 950 100; A=$APP_PID
start_app b900 900 60; B=$APP_PID
start_app e500 500 40; E=$APP_PID
start_app keep0 0 20; K=$APP_PID

# The walker grows at 20 MiB/s, re-reading all it holds, to 100 MiB more
# than is available: it cannot fit until a950 (and maybe more) is gone.
need=$(( $(mem_avail_mb) + 100 ))
rm -f /tmp/passes /tmp/ready.walker
hog -q -n walker -a 0 -m $need -r 20 -W /tmp/passes -H -R /tmp/ready.walker &
W=$!
echo "$W walker" >> /tmp/names
log "walker: pid $W, $need MiB at 20 MiB/s, re-reading what it holds"
t0=$(cut -d. -f1 /proc/uptime)
# Grown (its ready file) after need/20 s or more, then three whole passes
# over it. Thrash that nobody ends takes minutes here: 150 s more than
# the growth takes at 20 MiB/s bounds the recovery.
done_by=$((t0 + need / 20 + 150))
grown=
while :; do
	alive $W || fail "the walker died"
	now=$(cut -d. -f1 /proc/uptime)
	p=$(cat /tmp/passes 2>/dev/null || echo 0)
	if [ -z "$grown" ] && [ -s /tmp/ready.walker ]; then
		grown=$p
		log "walker grown after $((now - t0)) s, $p passes so far"
	fi
	[ -n "$grown" ] && [ "$p" -ge $((grown + 3)) ] && break
	[ $now -ge $done_by ] && fail "the walker made $p passes in $((now - t0)) s: the thrash went on"
	[ $(( (now - t0) % 5 )) = 0 ] &&
		echo "t-thrash: $((now - t0)) s, passes $p, $(grep -E '^(workingset_refault_(anon|file)|pswpin) ' /proc/vmstat | tr '\n' ' ')" > /dev/kmsg
	sleep 1
done
log "walker: $p passes after $((now - t0)) s; swap used $(awk '/^SwapTotal/ {t=$2} /^SwapFree/ {f=$2} END {print int((t-f)/1024)}' /proc/meminfo) MiB"

grep -o 'simple_lmk_round_start: .*' $T/trace
echo 0 > $T/events/simple_lmk/simple_lmk_round_start/enable
expect_dead $A
expect_alive $K $W
no_kernel_oom
[ "$(counter oom_rounds)" = 0 ] || fail "$(counter oom_rounds) OOM rounds: the triggers came too late"
kill_lines | head -1 | grep -q "killing a950" || fail "a950 was not the first victim"
# In adj order: no victim's adj above an earlier victim's.
kill_lines | sed -n 's/.*, adj \(-*[0-9]*\),.*/\1/p' | awk 'NR > 1 && $1 > prev {bad = 1} {prev = $1} END {exit bad}' ||
	fail "victims out of adj order: $(kill_lines | tr '\n' ';')"
log "rounds $(counter rounds): stall $(counter stall_rounds), thrash $(counter thrash_rounds); kills $(counter kills)"
counters_match_log
kill -9 $W
swapoff /dev/zram0
