# SPDX-License-Identifier: GPL-2.0
#
# The soak (make soak): random episodes from a seed until slmk_minutes
# have passed (slmk_seed, slmk_minutes on the kernel command line;
# slmk_episode=N runs episode N alone, to replay it). Each episode starts
# from a fresh state and draws, from (seed, episode) alone:
#   - the module's parameters (it is loaded for the episode and unloaded
#     after it), and one change of a parameter while the episode runs;
#   - swap on zram or none;
#   - three to six apps at adj 100 to 950, of 8 to 48 MiB, each in one
#     state: plain, 8 threads, main thread exited, stopped, frozen,
#     ptraced, waiting in vfork(), sharing its memory with another
#     process, or blocked in D state (writing to a frozen file system);
#   - maybe a fork storm at adj 900;
#   - an adj-0 allocator short by a part of what the apps hold, at a
#     random rate, beside keep0 (adj 0, 20 MiB).
# After each episode the invariants hold: no kernel OOM kill (a candidate
# always exists: keep0 and the allocator at least); no process killed
# while a more expendable app lived; keep0 alive; the counters equal to
# the kernel log (unless the episode's lines overflowed it: a fork storm
# can make thousands); no oops, warning, lockdep, KASAN or UBSAN report. The
# first failure ends the soak with its seed and episode, and how to
# replay it. kmemleak runs after the soak (leakcheck.sh).
. /tests/lib.sh

seed=${slmk_seed:-1}
minutes=${slmk_minutes:-3}
only=${slmk_episode:-}
SPLAT=$(cat /tests/splat.re)

# rnd N: a number in 0..N-1 from the episode's generator (an LCG, the
# upper bits), in $RND.
rnd() {
	R=$(( (R * 1103515245 + 12345) % 2147483648 ))
	RND=$(( (R >> 8) % $1 ))
}

# pick WORD...: one of the words, in $PICK.
pick() {
	rnd $#
	shift $RND
	PICK=$1
}

STATES="plain threads leader stopped frozen ptraced vfork sharer dstate"

# start_in_state NAME ADJ MB STATE: start an app and put it in STATE.
start_in_state() {
	case $4 in
	plain) start_app $1 $2 $3 ;;
	threads) start_app $1 $2 $3 -t 8 ;;
	leader) start_app $1 $2 $3 -t 4 -L ;;
	sharer) start_app $1 $2 $3 -s ;;
	vfork) start_app $1 $2 $3 -V ;;
	stopped)
		start_app $1 $2 $3
		kill -STOP $APP_PID
		;;
	frozen)
		start_app $1 $2 $3
		mkdir -p /sys/fs/cgroup/$1
		echo $APP_PID > /sys/fs/cgroup/$1/cgroup.procs
		echo 1 > /sys/fs/cgroup/$1/cgroup.freeze
		;;
	ptraced)
		start_app $1 $2 $3 -t 2
		rm -f /tmp/ready.ptracer.$1
		ptracer -R /tmp/ready.ptracer.$1 $APP_PID > /dev/null 2>&1 &
		wait_ready /tmp/ready.ptracer.$1 $! 10 "ptracer of $1"
		;;
	dstate)
		start_app $1 $2 $3 -w /mnt/$1
		;;
	esac
}

# episode E: one episode; fails (exit 1) on a broken invariant.
episode() {
	R=$(( (seed * 7919 + $1 * 104729 + 1) % 2147483648 ))
	rnd 2; rnd 2
	pick 20 40 64 128; target=$PICK
	pick 200 1000 3000; tmo=$PICK
	pick 1 3 5; aggr=$PICK
	pick 0 100 200 500; stall=$PICK
	pick 0 0 20 100; thrash=$PICK
	pick Y N; boost=$PICK
	pick none none zram; swap=$PICK
	rnd 4; napps=$((RND + 3))
	rnd 4; want_storm=$RND
	storm=
	what="target $target timeout $tmo aggression $aggr stall $stall thrash $thrash boost $boost swap $swap"
	# Kernel OOM kills between episodes (the apps of the last one still
	# hold their memory when the module is unloaded) are not this one's.
	OOM_BASE=$(oom_kills)
	[ $swap = zram ] && zram_swap 128M
	load reclaim_target_mb=$target timeout_ms=$tmo aggression=$aggr \
		stall_ms=$stall thrash_pct=$thrash boost=$boost
	: > /tmp/apps
	total=0 dstate=
	i=0
	while [ $i -lt $napps ]; do
		i=$((i + 1))
		pick 950 900 800 600 300 100; adj=$PICK
		rnd 41; mb=$((RND + 8))
		pick $STATES; st=$PICK
		# One D-state app an episode: its file system freezes whole.
		[ $st = dstate ] && [ -n "$dstate" ] && st=plain
		[ $st = dstate ] && { mount_disk; dstate=app$i; }
		start_in_state app$i $adj $mb $st
		echo "$APP_PID $adj app$i $st $SHARER_PID" >> /tmp/apps
		total=$((total + mb))
		what="$what; app$i adj $adj $mb MiB $st"
	done
	[ -n "$dstate" ] && freeze_under $(awk -v n=$dstate '$3 == n {print $1}' /tmp/apps)
	if [ $want_storm = 0 ]; then
		rm -f /tmp/ready.storm
		forkstorm -n 8 -m 2 -a 900 -N storm900 -R /tmp/ready.storm &
		storm=$!
		wait_ready /tmp/ready.storm $storm 60 "the storm"
		what="$what; fork storm"
	fi
	start_app keep0 0 20; K=$APP_PID
	rnd $((total / 2)); short=$((RND + 8))
	pick 0 30 100; rate=$PICK
	what="$what; allocator $short MiB short at $rate MiB/s"
	echo "episode $1: $what"
	# The kernel log may wrap in an episode (a fork storm can make
	# thousands of kill lines): this line tells whether it did.
	echo "soak: episode $1 start" > /dev/kmsg
	need=$(( $(mem_avail_mb) + short ))
	pressure $need $rate
	# A parameter changes while the episode runs.
	rnd 3000; usleep $((RND * 1000))
	pick 20 40 64 128; echo $PICK > $P/reclaim_target_mb
	wait_pressure_done $need 300
	# The storm ends before the checks: its kills would go on changing
	# the counters and the log while they are compared.
	if [ -n "$storm" ]; then
		kill -TERM $storm
		wait $storm
	fi
	[ -n "$dstate" ] && fsfreeze --unfreeze /mnt
	sleep 1
	check_episode $1
}

# check_episode E: the invariants, after episode E.
check_episode() {
	local wrapped=
	dmesg | grep -q "soak: episode $1 start" || wrapped=1
	expect_alive $K $PRESSURE_PID
	no_kernel_oom
	# Every kill at adj A: no app above A was left unkilled before it.
	# If the log wrapped, the kills it lost are not known: then only an
	# app above A that is still alive counts.
	kill_lines | sed 's/.*(\([0-9]*\)), uid .*, adj \(-*[0-9]*\),.*/\1 \2/' > /tmp/kills
	n=0
	while read -r pid adj; do
		n=$((n + 1))
		while read -r apid aadj aname ast _; do
			[ "$aadj" -gt "$adj" ] || continue
			head -n $n /tmp/kills | grep -q "^$apid " && continue
			[ -n "$wrapped" ] && ! alive $apid && continue
			fail "killed pid $pid (adj $adj) while $aname ($ast, adj $aadj, pid $apid) was not killed"
		done < /tmp/apps
	done < /tmp/kills
	if [ -n "$wrapped" ]; then
		echo "soak: episode $1: the kernel log wrapped ($(counter kills) kills): counters not compared with it"
	else
		counters_match_log
	fi
	splat=$(dmesg | grep -m1 -E "$SPLAT")
	[ -z "$splat" ] || fail "$splat"
	KILLS=$(counter kills) ROUNDS=$(counter rounds)
}

prepare_guest
t0=$(cut -d. -f1 /proc/uptime)
e=${only:-1}
episodes=0 kills=0 rounds=0
while :; do
	reset_state
	( episode $e; echo "$KILLS $ROUNDS" > /tmp/episode.counts ) > /tmp/episode.out 2>&1
	rc=$?
	cat /tmp/episode.out
	if [ $rc != 0 ]; then
		verdict "not ok soak: seed $seed episode $e: $(grep -m1 '^FAIL' /tmp/episode.out || echo "exit $rc") (replay: make soak KERNEL=${slmk_kernel:-?} SEED=$seed EPISODE=$e)"
		break
	fi
	set -- $(cat /tmp/episode.counts)
	episodes=$((episodes + 1)) kills=$((kills + $1)) rounds=$((rounds + $2))
	elapsed=$(( $(cut -d. -f1 /proc/uptime) - t0 ))
	echo "soak: episode $e passed: $1 kills in $2 rounds ($elapsed s in all)"
	[ -n "$only" ] && break
	[ $elapsed -ge $((minutes * 60)) ] && break
	e=$((e + 1))
done
reset_state
if [ $rc = 0 ]; then
	verdict "ok soak: seed $seed, $episodes episodes, $kills kills in $rounds rounds, $(( ($(cut -d. -f1 /proc/uptime) - t0) / 60 )) min"
fi
