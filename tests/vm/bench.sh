# SPDX-License-Identifier: GPL-2.0
#
# One benchmark run in the guest: arm slmk_arm, scenario slmk_scen (from
# the kernel command line; see scripts/bench.sh and
# Documentation/admin-guide/simple_lmk-bench.rst). Everything the host
# analyses goes out on /dev/ttyS2 at the end, one record per line:
#   M key value     metadata (kernel, arm, THP, MGLRU, clocksource, ...)
#   A comm adj mb   an application and the MiB it means to hold (0: grows)
#   S ...           the sampler's samples (tests/progs/sampler.c); with
#                   Simple LMK loaded, its reclaim_stall_ms last
#   T line          ftrace (mono clock): kill signals, exits, OOM victims,
#                   renames, and the window's start and end markers
#   W start end     the scenario window, CLOCK_MONOTONIC ns
#   P ...           the foreground probe's summary (tests/progs/latprobe.c)
#   F pid comm      an application alive at the end of the window
#   K key value     killer statistics (counters, CPU time)
#   L line          the kernel log's, earlyoom's and lmkdpsi's kill reports
# Applications are named <role><adj> (bg950, hog0, c900): the name says the
# adj. Nothing reads an application's /proc files while the window is
# open, so that no kill is slowed down by the measurement.
# Verdicts (ttyS1) only say whether the harness worked, never how fast.
. /tests/lib.sh

TR=/sys/kernel/tracing
DATA=/tmp/bench.data
arm=${slmk_arm:-slmk}
scen=${slmk_scen:-s1}
: > $DATA

rec() {
	echo "$*" >> $DATA
}

bench_fail() {
	verdict "not ok bench-$scen-$arm: $*"
	cat $DATA > ${DATA_DEV:-/dev/ttyS2}
	exit 1
}

kb() {
	awk -v k="$1:" '$1 == k {print $2}' /proc/meminfo
}

# CPU time (user + system) of PID in ms; USER_HZ is 100.
cpu_ms() {
	[ -n "$1" ] && [ -r /proc/$1/stat ] || { echo -1; return; }
	sed 's/.*) //' /proc/$1/stat | awk '{print ($12 + $13) * 10}'
}

pid_of_comm() {
	for d in /proc/[0-9]*; do
		[ "$(cat $d/comm 2>/dev/null)" = "$1" ] && { echo ${d#/proc/}; return; }
	done
}

mark() {
	echo "bench_$1" > $TR/trace_marker
}

# app NAME ADJ MB [RATE]: start a compressible-data hog (APP_DATA set and
# empty: incompressible) that holds MB MiB (0: grows until killed) at RATE
# MiB/s (default: as fast as it can). Sets PID.
app() {
	rec "A $1 $2 $3"
	rm -f /tmp/ready.$1
	# shellcheck disable=SC2086
	hog -q -H ${APP_DATA--c} -n "$1" -a "$2" -m "$3" -r "${4:-0}" \
		-R /tmp/ready.$1 &
	PID=$!
}

# wait_app NAME PID SECONDS: until the app holds its memory or is dead
# (kill -0 and the ready file only: no /proc reads). 1 on timeout.
wait_app() {
	i=0
	while [ ! -s /tmp/ready.$1 ] && kill -0 $2 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt $(($3 * 10)) ] && return 1
		sleep 0.1
	done
	return 0
}

# settle SECONDS CAP_AT: until MemAvailable moved less than 2% of RAM and
# no OOM kill happened for SECONDS, or uptime reaches CAP_AT (then
# CAPPED=1).
settle() {
	last=$(kb MemAvailable) oom=$(oom_kills) quiet=0
	while [ $quiet -lt $(($1 * 2)) ]; do
		now=$(cut -d. -f1 /proc/uptime)
		[ "$now" -ge "$2" ] && { CAPPED=1; return; }
		sleep 0.5
		cur=$(kb MemAvailable) o=$(oom_kills)
		d=$((cur - last))
		[ $d -lt 0 ] && d=$((-d))
		if [ $d -lt $((MT / 50)) ] && [ "$o" = "$oom" ]; then
			quiet=$((quiet + 1))
		else
			quiet=0 last=$cur oom=$o
		fi
	done
}

deadline() {
	echo $(($(cut -d. -f1 /proc/uptime) + $1))
}

# --- setup -------------------------------------------------------------------
MT=$(kb MemTotal)
# S8 writes; the disk is a snapshot, so nothing outlives the boot.
ro=ro
[ "$scen" = s8 ] && ro=rw
mount -t ext4 -o $ro,noatime /dev/vda /mnt || bench_fail "cannot mount the bench disk"

rec "M arm $arm"
rec "M scen $scen"
rec "M disk ${slmk_disk:-ssd}"
rec "M rep ${slmk_rep:-1}"
rec "M kernel $(uname -r)"
rec "M memtotal_kb $MT"
rec "M ncpu $(grep -c ^processor /proc/cpuinfo)"
rec "M thp $(sed 's/.*\[\(.*\)\].*/\1/' /sys/kernel/mm/transparent_hugepage/enabled)"
rec "M clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"

swap=none
if [ "$scen" = s4 ] || [ "$scen" = s7 ]; then
	echo lz4 > /sys/block/zram0/comp_algorithm || bench_fail "zram: no lz4"
	# S7's pages do not compress: a zram as large as RAM never fills
	# before memory does.
	zs=$((MT / 2))
	[ "$scen" = s7 ] && zs=$MT
	echo ${zs}K > /sys/block/zram0/disksize
	mkswap /dev/zram0 > /dev/null && swapon /dev/zram0 || bench_fail "zram swap"
	swap=zram
fi
rec "M swap $swap"

LG=/sys/kernel/mm/lru_gen
case $arm in
kernel) ;;
mglru)
	echo y > $LG/enabled && echo 1000 > $LG/min_ttl_ms ||
		bench_fail "cannot enable MGLRU with min_ttl_ms"
	;;
earlyoom)
	# Debian's defaults (/etc/default/earlyoom: -r 3600).
	earlyoom -r 3600 > /tmp/earlyoom.log 2>&1 &
	EO=$!
	sleep 1
	kill -0 $EO 2>/dev/null || bench_fail "earlyoom did not start: $(cat /tmp/earlyoom.log)"
	;;
lmkd-psi)
	# tests/progs/lmkdpsi.c: lmkd's PSI strategy, its defaults.
	lmkdpsi > /tmp/lmkdpsi.log 2>&1 &
	LP=$!
	sleep 1
	grep -q ': ready:' /tmp/lmkdpsi.log ||
		bench_fail "lmkdpsi did not start: $(cat /tmp/lmkdpsi.log)"
	;;
slmk)
	load
	;;
slmk-tuned)
	# shellcheck disable=SC2046
	load $(echo "$slmk_tuned" | tr , ' ')
	;;
*)
	bench_fail "unknown arm $arm"
	;;
esac
rec "M mglru $(cat $LG/enabled 2>/dev/null || echo absent)"
rec "M min_ttl_ms $(cat $LG/min_ttl_ms 2>/dev/null || echo absent)"
params=
if [ -d $P ]; then
	for f in $P/*; do
		params="$params ${f##*/}=$(cat $f)"
	done
fi
rec "M params$params"

echo 0 > $TR/tracing_on
echo > $TR/trace
echo mono > $TR/trace_clock
echo 4096 > $TR/buffer_size_kb
echo 'sig == 9 || sig == 15' > $TR/events/signal/signal_generate/filter
for e in signal/signal_generate sched/sched_process_exit oom/mark_victim task/task_rename; do
	echo 1 > $TR/events/$e/enable || bench_fail "no trace event $e"
done
echo 1 > $TR/tracing_on

# With Simple LMK loaded, also sample its direct-reclaim stall counter.
xs=
[ -e $C/reclaim_stall_ms ] && xs="-x $C/reclaim_stall_ms"
# shellcheck disable=SC2086
sampler -a -1000 -l -i 20 $xs > /tmp/samples &
SAMPLER=$!
latprobe -n probe0 -a 0 -i 10 -m 2 -f /mnt/probe.dat > /tmp/probe &
PROBE=$!
rec "A probe0 0 2"
sleep 1

# --- scenarios ---------------------------------------------------------------
CAPPED=0
A0=$(kb MemAvailable)
pct() {
	echo $((A0 * $1 / 100 / 1024))
}

bg_apps() {
	for adj in 950 900 800 500; do
		app bg$adj $adj "$1"
		wait_app bg$adj $PID 60 || bench_fail "bg$adj did not start"
	done
}

# S1 and S6: four background apps, then an adj-0 app that needs more
# than is left, allocating as fast as it can.
scen_s1() {
	bg_apps "$(pct 11)"
	mark start
	cap=$(deadline 90)
	app hog0 0 "$(pct 70)"
	wait_app hog0 $PID 90
	settle 5 "$cap"
	mark end
}

# S2: a file working set of 40% of RAM read by an adj-0 app, and an
# adj-900 service leaking 20 MiB/s until something kills it. Capped at
# 5 minutes.
scen_s2() {
	filews -n ws0 -a 0 /mnt/ws > /tmp/ws &
	WS=$!
	rec "A ws0 0 0"
	sleep 5
	mark start
	cap=$(deadline 300)
	app leak900 900 0 20
	LEAK=$PID
	while kill -0 $LEAK 2>/dev/null; do
		[ "$(cut -d. -f1 /proc/uptime)" -ge "$cap" ] && { CAPPED=1; break; }
		sleep 0.2
	done
	[ $CAPPED = 1 ] || settle 5 "$cap"
	mark end
}

# S3: page cache only: stream a file of 3x RAM and walk a directory tree,
# beside four background apps. Any kill is a false kill.
scen_s3() {
	bg_apps "$(pct 8)"
	mark start
	cat /mnt/big > /dev/null &
	c=$!
	find /mnt/tree -type f -exec cat {} + > /dev/null &
	f=$!
	wait $c $f
	sleep 2
	mark end
}

# S4: zram swap; four background apps of 30% of RAM each and an adj-0 app
# of 40%: anonymous use of 1.6x RAM.
scen_s4() {
	mark start
	cap=$(deadline 180)
	for adj in 950 900 800 500; do
		app bg$adj $adj $((MT * 30 / 100 / 1024))
		wait_app bg$adj $PID 60
	done
	app hog0 0 $((MT * 40 / 100 / 1024))
	wait_app hog0 $PID 60
	settle 5 "$cap"
	mark end
}

# S5: a burst of 50 forked children of 20 MiB each at adj 900, and an
# adj-0 app of 25% of RAM.
scen_s5() {
	rec "A c900 900 20"
	mark start
	cap=$(deadline 120)
	rm -f /tmp/ready.spawn
	spawn -n 50 -a 900 -R /tmp/ready.spawn -- hog -q -H -c -n c900 -m 20 &
	SP=$!
	app hog0 0 "$(pct 25)"
	wait_app hog0 $PID 60
	wait_app spawn $SP 60
	settle 5 "$cap"
	mark end
}

# S6: S1 with slmk_nprocs idle processes present.
scen_s6() {
	n=${slmk_nprocs:-10000}
	rm -f /tmp/ready.idle
	spawn -i -n "$n" -a 0 -R /tmp/ready.idle &
	wait_app idle $! 300 || bench_fail "spawning $n idle processes"
	rec "M nprocs $n"
	A0=$(kb MemAvailable)
	scen_s1
}

# S7: zram swap and incompressible data: four background apps of 11% of
# A0, then an adj-0 walker growing at 20 MiB/s to what is still available
# plus 10% of A0, re-reading all it holds over and over. Swapping to zram
# frees nothing: without a kill the system thrashes or stalls. The window
# ends 5 s after the walker holds all it asked for and made three whole
# passes over it, or at the 5-minute cap.
scen_s7() {
	APP_DATA= bg_apps "$(pct 11)"
	need=$(($(kb MemAvailable) / 1024 + $(pct 10)))
	mark start
	cap=$(deadline 300)
	rec "A walk0 0 $need"
	rm -f /tmp/ready.walk0 /tmp/passes
	hog -q -H -n walk0 -a 0 -m "$need" -r 20 -W /tmp/passes \
		-R /tmp/ready.walk0 &
	PID=$!
	p0=
	while kill -0 $PID 2>/dev/null; do
		[ "$(cut -d. -f1 /proc/uptime)" -ge "$cap" ] && { CAPPED=1; break; }
		p=$(cat /tmp/passes 2>/dev/null || echo 0)
		[ -z "$p0" ] && [ -s /tmp/ready.walk0 ] && p0=$p
		[ -n "$p0" ] && [ "$p" -ge $((p0 + 3)) ] && break
		sleep 0.2
	done
	[ $CAPPED = 1 ] || settle 5 "$cap"
	mark end
	rec "K walk_passes $(cat /tmp/passes 2>/dev/null || echo 0)"
}

# S8: heavy writes: a file of 1.5x RAM written (and fsync'ed) to the disk,
# whose writes are throttled, beside four background apps. Any kill is a
# false kill.
scen_s8() {
	bg_apps "$(pct 8)"
	mark start
	dd if=/dev/zero of=/mnt/written bs=1M count=$((MT * 3 / 2 / 1024)) \
		conv=fsync 2> /tmp/dd || bench_fail "S8: writing failed: $(cat /tmp/dd)"
	sleep 2
	mark end
}

# Idle: no pressure for 60 s; the killers' CPU time.
scen_idle() {
	k=$(pid_of_comm kswapd0)
	s=$(pid_of_comm simple_lmk)
	c0=$(cpu_ms "${EO:-}") s0=$(cpu_ms "$s") k0=$(cpu_ms "$k")
	l0=$(cpu_ms "${LP:-}")
	mark start
	sleep 60
	mark end
	[ -n "${EO:-}" ] && rec "K cpu_ms_earlyoom $(($(cpu_ms $EO) - c0))"
	[ -n "${LP:-}" ] && rec "K cpu_ms_lmkdpsi $(($(cpu_ms $LP) - l0))"
	[ -n "$s" ] && rec "K cpu_ms_slmk $(($(cpu_ms $s) - s0))"
	rec "K cpu_ms_kswapd $(($(cpu_ms $k) - k0))"
	rec "K idle_s 60"
}

case $scen in
s1 | s2 | s3 | s4 | s5 | s6 | s7 | s8 | idle) "scen_$scen" ;;
*) bench_fail "unknown scenario $scen" ;;
esac

# --- collect -----------------------------------------------------------------
echo 0 > $TR/tracing_on
rec "M capped $CAPPED"
# Applications alive now (the window is closed: /proc may be read).
apps=$(awk '$1 == "A" {printf " %s ", $2}' $DATA)
for d in /proc/[0-9]*; do
	c=$(cat $d/comm 2>/dev/null)
	case "$apps" in
	*" $c "*) [ -n "$c" ] && alive ${d#/proc/} && rec "F ${d#/proc/} $c" ;;
	esac
done
kill -TERM $PROBE $SAMPLER
wait $PROBE $SAMPLER
if [ -n "${WS:-}" ]; then
	kill -TERM $WS
	wait $WS
	rec "K ws_passes $(awk '{print $3}' /tmp/ws)"
fi
sed -n 's/^latprobe: /P /p' /tmp/probe >> $DATA
cat /tmp/samples >> $DATA
if [ -d $C ]; then
	for f in $C/*; do
		rec "K slmk_${f##*/} $(cat $f)"
	done
fi
if [ -e /sys/block/zram0/mm_stat ] && [ $swap = zram ]; then
	read -r orig compr _ < /sys/block/zram0/mm_stat
	rec "M zram_orig_kb $((orig / 1024))"
	rec "M zram_compr_kb $((compr / 1024))"
fi
grep -E 'signal_generate|sched_process_exit|mark_victim|task_rename|bench_' $TR/trace |
	sed 's/^/T /' >> $DATA
start=$(grep -m1 'bench_start' $TR/trace | sed 's/.* \([0-9]*\)\.\([0-9]*\): .*/\1\2/')
end=$(grep -m1 'bench_end' $TR/trace | sed 's/.* \([0-9]*\)\.\([0-9]*\): .*/\1\2/')
rec "W ${start}000 ${end}000"
dmesg | grep -E 'simple_lmk: (round|killing)|Out of memory|Killed process|invoked oom-killer' |
	sed 's/^/L /' >> $DATA
[ -f /tmp/earlyoom.log ] && grep -iE 'kill|sending' /tmp/earlyoom.log | sed 's/^/L earlyoom: /' >> $DATA
[ -f /tmp/lmkdpsi.log ] && sed 's/^/L /' /tmp/lmkdpsi.log >> $DATA

# The harness worked: a window, samples, the probe's summary, traced
# kills or exits. (Timings are the report's business, not a verdict's.)
n=$(grep -c '^S ' $DATA)
what="$scen $arm"
[ -n "$start" ] && [ -n "$end" ] || bench_fail "no window markers in the trace"
[ "$n" -ge 50 ] || bench_fail "only $n samples"
if grep -q '^P ' $DATA; then
	verdict "ok bench-$scen-$arm: $n samples, window $(((end - start) / 1000)) ms, probe summary"
else
	verdict "ok bench-$scen-$arm: $n samples, window $(((end - start) / 1000)) ms, probe killed"
fi
cat $DATA > ${DATA_DEV:-/dev/ttyS2}
