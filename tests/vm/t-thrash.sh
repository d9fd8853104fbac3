# SPDX-License-Identifier: GPL-2.0
#
# The thrash trigger: a 160 MiB file working set read over and over by an
# adj-0 app, in what an adj-900 app leaves of memory, 100 MiB. Reclaim
# drops the working set's clean pages easily (the priority stays high,
# little time is spent in direct reclaim), and they are read back at once:
# they refault, at a steady rate. With the priority and stall triggers off
# (aggression=0, stall_ms=0), thrash_pct starts the round: the adj-900 app
# dies, before any OOM round, counted in thrash_rounds, and the working
# set's reader lives. The trigger is off by default; thrash_pct=10 turns
# it on.
. /tests/lib.sh

mount_disk
dd if=/mnt/big of=/mnt/ws bs=1M count=160 2> /dev/null || fail "cannot write the working set file"
sync
echo 3 > /proc/sys/vm/drop_caches
load aggression=0 stall_ms=0 thrash_pct=10 timeout_ms=3000
echo 1 > $T/events/simple_lmk/simple_lmk_round_start/enable
# What the squeeze looked like, for a failure's message: the peak refault
# rate and direct-reclaim stall over half-second samples.
sampler -a -1000 -l -i 500 -d 150 -x $C/reclaim_stall_ms > /tmp/samples &
SAMPLER=$!
start_app keep0 0 20; K=$APP_PID
filews -n ws0 -a 0 /mnt/ws > /tmp/ws &
WS=$!
echo "$WS ws0" >> /tmp/names
sleep 5
# Not start_app: hog900 may well die before it holds all it asks for. At
# 20 MiB/s, so that the squeeze comes gradually: allocating as fast as it
# could, it once took direct reclaim to priority 0 (PREEMPT_RT) before
# half a second of refaults had been measured.
size=$(( $(mem_avail_mb) - 100 ))
hog -q -H -n hog900 -a 900 -m $size -r 20 &
H=$!
echo "$H hog900" >> /tmp/names
log "ws0 $WS reads 160 MiB over and over; hog900 $H takes $size MiB at 20 MiB/s"
wait_dead $H 90 || fail "hog900 still alive after 90 s"
sleep 2
kill $SAMPLER
wait $SAMPLER
# Samples that came late come in a burst: rates over 0.4 s at least.
peaks=$(awk '$1 == "S" {
	if (n++) {
		dt = ($2 - t) / 1e9
		if (dt < 0.4)
			next
		r = ($9 + $10 - rf) / dt; if (r > mr) mr = r
		s = ($11 - st) / dt; if (s > ms) ms = s
	}
	t = $2; rf = $9 + $10; st = $11
} END { printf "peak refaults %d pages/s, peak stall %d ms/s", mr, ms }' /tmp/samples)
log "$peaks"

grep -o 'simple_lmk_round_start: .*' $T/trace
echo 0 > $T/events/simple_lmk/simple_lmk_round_start/enable
expect_alive $K $WS
no_kernel_oom
[ "$(counter thrash_rounds)" -ge 1 ] ||
	fail "no round was started by the thrash trigger: $(counter rounds) rounds ($(counter oom_rounds) OOM), $peaks; $(kill_lines | sed 's/.*killing //' | tr '\n' ';')"
[ "$(counter oom_rounds)" = 0 ] || fail "$(counter oom_rounds) OOM rounds: the thrash trigger came too late"
grep -q 'simple_lmk_round_start: .*trigger=thrash' $T/trace ||
	fail "no round_start event with trigger=thrash"
kill_lines | head -1 | grep -q "killing hog900" || fail "hog900 was not the first victim"
log "thrash rounds $(counter thrash_rounds), kills $(counter kills)"
counters_match_log
kill $WS
wait $WS
cat /tmp/ws
umount /mnt
