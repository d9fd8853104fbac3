# SPDX-License-Identifier: GPL-2.0
#
# Parameter writes from every CPU while rounds run: one writer per CPU,
# pinned there, writes random values, one in eight of them invalid, to
# the parameters a round reads (reclaim_target_mb, timeout_ms,
# aggression, stall_ms, thrash_pct, max_victims, boost) as fast as it
# can (the invalid ones stop at 200 a writer), while an allocator 60 MiB
# short makes the module kill among apps at adj 950, 900 and 800. The
# kills still go level by level, adj 0 lives, the kernel OOM killer stays
# out, every invalid write is refused with its one-line reason, the
# counters agree with the log, and every parameter reads a value in its
# range at the end.
. /tests/lib.sh

# writer CPU: write random values until /tmp/stop.writers exists; count
# the writes and the refused ones in /tmp/writer.CPU.
writer() {
	local n=0 bad=0 r v name
	while [ ! -e /tmp/stop.writers ]; do
		r=$RANDOM
		case $((r % 7)) in
		0) name=reclaim_target_mb v=$((r % 200 + 1)) ;;
		1) name=timeout_ms v=$((r % 10000 + 1)) ;;
		2) name=aggression v=$((r % 13)) ;;
		3) name=stall_ms v=$((r % 1001)) ;;
		4) name=thrash_pct v=$((r % 1001)) ;;
		5) name=max_victims v=$((r % 1024 + 1)) ;;
		6) name=boost v=$(((r >> 3) % 2)) ;;
		esac
		# Invalid ones stop at 200 a writer: each logs a line, and the
		# kernel's log must still hold them all, and the rounds' lines.
		[ $(((r >> 4) % 8)) = 0 ] && [ $bad -lt 200 ] && v=-$v
		n=$((n + 1))
		echo $v > $P/$name 2>/dev/null || bad=$((bad + 1))
		echo "$n $bad" > /tmp/writer.$1
	done
}

# This script again, as a writer pinned to one CPU.
if [ "${1:-}" = writer ]; then
	writer "$2"
	exit 0
fi

load timeout_ms=3000
start_app a950 950 30; A=$APP_PID
start_app b900 900 40; B=$APP_PID
start_app c800 800 60; Cc=$APP_PID
start_app keep0 0 20; K=$APP_PID

rm -f /tmp/stop.writers /tmp/writer.*
ncpu=$(nproc)
cpu=0
while [ $cpu -lt "$ncpu" ]; do
	taskset -c $cpu sh "$0" writer $cpu &
	W="${W:-} $!"
	cpu=$((cpu + 1))
done

need=$(( $(mem_avail_mb) + 60 ))
pressure $need 60
wait_pressure_done $need 240
sleep 1
touch /tmp/stop.writers
# shellcheck disable=SC2086
wait $W
writes=0 refused=0
for f in /tmp/writer.*; do
	set -- $(cat $f)
	writes=$((writes + $1)) refused=$((refused + $2))
done
log "$ncpu writers: $writes writes, $refused refused; $(counter rounds) rounds, $(counter kills) kills"
[ "$writes" -gt 100 ] || fail "only $writes writes"
[ "$refused" -gt 0 ] || fail "no write was refused"
reasons=$(dmesg | grep -c 'simple_lmk: [a-z_]*: invalid value')
[ "$reasons" = "$refused" ] ||
	fail "$refused writes refused, $reasons reasons logged"

expect_dead $A
expect_alive $K $PRESSURE_PID
no_kernel_oom
# Level by level: the adj of the kills never goes up.
order=$(kill_lines | sed 's/.*, adj \(-*[0-9]*\),.*/\1/' | tr '\n' ' ')
prev=1001
for adj in $order; do
	[ "$adj" -le "$prev" ] || fail "a kill at adj $adj after one at $prev: $order"
	[ "$adj" -gt 0 ] || fail "killed at adj $adj: $order"
	prev=$adj
done
counters_match_log
for nr in reclaim_target_mb:1:256 timeout_ms:1:10000 aggression:0:12 \
	stall_ms:0:1000 thrash_pct:0:1000 max_victims:1:1024; do
	IFS=: read -r name lo hi <<EOF
$nr
EOF
	v=$(cat $P/$name)
	[ "$v" -ge "$lo" ] && [ "$v" -le "$hi" ] || fail "$name reads $v, outside $lo..$hi"
done
case $(cat $P/boost) in Y|N) ;; *) fail "boost reads $(cat $P/boost)" ;; esac
