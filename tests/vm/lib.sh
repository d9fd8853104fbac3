# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the guest's scenario tests (busybox sh).

P=/sys/module/simple_lmk/parameters
C=/sys/kernel/simple_lmk
MOD=/lib/modules/simple_lmk.ko
# tracefs: its own mount, or under debugfs where that is all there is.
T=/sys/kernel/tracing
[ -d $T/events ] || T=/sys/kernel/debug/tracing

verdict() {
	echo "$*" > ${VERDICT_DEV:-/dev/ttyS1}
}

log() {
	echo "  [$(cut -d' ' -f1 /proc/uptime)] $*"
}

fail() {
	echo "FAIL: $*"
	exit 1
}

# The kernel's log since the test started (the driver clears it).
klog() {
	dmesg
}

# slmk_params on the kernel command line is added to every insmod.
load() {
	# shellcheck disable=SC2086
	insmod $MOD $slmk_params "$@" || fail "insmod simple_lmk $*"
}

counter() {
	cat $C/$1
}

mem_avail_mb() {
	echo $(( $(awk '/^MemAvailable:/ {print $2}' /proc/meminfo) / 1024 ))
}

# MiB that a filler at adj -1000 may take and still leave the kernel room:
# MemAvailable less free CMA pages (kernel allocations cannot use them) and
# two pageblocks: watermark boosting may add one to every watermark, the
# minimum included (2 MiB with 4 KiB pages, 32 MiB with 16 KiB), and a
# process of the test exiting may hold as much again for a moment; less $1
# MiB more.
filler_mb() {
	cma=$(awk '/^CmaFree:/ {print int($2 / 1024)}' /proc/meminfo)
	echo $(( $(mem_avail_mb) - ${cma:-0} - 2 * $(pageblock_mb) - $1 ))
}

# A pageblock in MiB (the PMD size): what a watermark boost adds.
pageblock_mb() {
	pmd=/sys/kernel/mm/transparent_hugepage/hpage_pmd_size
	if [ -r $pmd ]; then
		echo $(( $(cat $pmd) / 1048576 ))
	else
		echo 2
	fi
}

oom_kills() {
	awk '/^oom_kill / {print $2}' /proc/vmstat
}

# start_app NAME ADJ MB [hog flags...]: a process holding MB MiB at ADJ.
# Sets APP_PID (and SHARER_PID with -s).
start_app() {
	name=$1 adj=$2 mb=$3
	shift 3
	rm -f /tmp/ready.$name
	hog -q -H -n "$name" -a "$adj" -m "$mb" -R /tmp/ready.$name "$@" &
	local i=0
	while [ ! -s /tmp/ready.$name ]; do
		i=$((i + 1))
		[ $i -gt 600 ] && fail "$name did not get its memory"
		kill -0 $! 2>/dev/null || fail "$name died while starting"
		sleep 0.1
	done
	APP_PID=$(sed -n 1p /tmp/ready.$name)
	SHARER_PID=$(sed -n 2p /tmp/ready.$name)
	echo "$APP_PID $name" >> /tmp/names
	[ -n "$SHARER_PID" ] && echo "$SHARER_PID $name-s" >> /tmp/names
	log "$name: pid $APP_PID adj $adj ${mb} MiB ${SHARER_PID:+sharer $SHARER_PID}"
}

# wait_ready FILE PID SECONDS WHAT: until PID writes its ready FILE; fails
# if PID dies first or SECONDS go by ("WHAT did not start").
wait_ready() {
	local i=0
	until [ -s "$1" ]; do
		i=$((i + 1))
		[ $i -gt $(($3 * 10)) ] && fail "$4 did not start in $3 s"
		alive $2 || fail "$4 died while starting"
		sleep 0.1
	done
}

# A process is alive while it has a thread that is not a zombie: its main
# thread may have exited (a zombie) while other threads go on.
alive() {
	local st
	[ -d /proc/$1 ] || return 1
	for st in /proc/$1/task/*/stat; do
		[ "$(cut -d')' -f2 "$st" 2>/dev/null | cut -d' ' -f2)" != Z ] &&
			[ -e "$st" ] && return 0
	done
	return 1
}

# wait_dead PID SECONDS
wait_dead() {
	local i=0
	while alive $1; do
		i=$((i + 1))
		[ $i -gt $(($2 * 10)) ] && return 1
		sleep 0.1
	done
	return 0
}

# kill_thread_gone: true once no task is the module's kill thread (an
# exiting one may linger a moment after kthread_stop()), within 2 s.
kill_thread_gone() {
	local i=0
	while grep -qx simple_lmk /proc/[0-9]*/comm 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 20 ] && return 1
		sleep 0.1
	done
	return 0
}

# wait_log PATTERN SECONDS: wait until the kernel log matches.
wait_log() {
	local i=0
	until dmesg | grep -q "$1"; do
		i=$((i + 1))
		[ $i -gt $(($2 * 10)) ] && return 1
		sleep 0.1
	done
	return 0
}

# pressure MB [RATE [hog flags...]]: an adj-0 allocator taking MB MiB, in
# the background. It writes /tmp/ready.pressure once it has them all.
pressure() {
	mb=$1 rate=${2:-0}
	shift
	[ $# -gt 0 ] && shift
	rm -f /tmp/ready.pressure
	hog -q -H -n pressure -a 0 -m "$mb" -r "$rate" -R /tmp/ready.pressure "$@" &
	PRESSURE_PID=$!
	log "pressure: pid $PRESSURE_PID $mb MiB at $([ "$rate" = 0 ] && echo max || echo "$rate") MiB/s"
}

# wait_pressure_done MB SECONDS: wait until the pressure allocator has
# filled all it asked for. Not by its resident size: with swap on, reclaim
# swaps out some of what it filled while it goes on filling.
wait_pressure_done() {
	want=$1
	local i=0
	until [ -s /tmp/ready.pressure ]; do
		alive $PRESSURE_PID || fail "pressure allocator died"
		i=$((i + 1))
		if [ $i -gt $(($2 * 10)) ]; then
			held=$(awk '/^(VmRSS|VmSwap):/ {kb += $2}
				END {print int(kb / 1024)}' /proc/$PRESSURE_PID/status)
			fail "pressure reached only $held of $want MiB (resident and swapped)"
		fi
		sleep 0.1
	done
	alive $PRESSURE_PID || fail "pressure allocator died"
}

# policy PID: the scheduling policy of PID's main thread (field 41 of its
# stat): 0 normal, 1 SCHED_FIFO, 6 SCHED_DEADLINE.
policy() {
	cut -d')' -f2 /proc/$1/stat | awk '{print $39}'
}

name_of() {
	awk -v p="$1" '$1 == p {print $2}' /tmp/names 2>/dev/null
}

expect_alive() {
	for pid in "$@"; do
		alive $pid || fail "pid $pid ($(name_of $pid)) was killed"
	done
}

expect_dead() {
	for pid in "$@"; do
		wait_dead $pid 30 || fail "pid $pid ($(name_of $pid)) is still alive"
	done
}

no_kernel_oom() {
	dmesg | grep -q "Out of memory: Killed process" &&
		fail "the kernel OOM killer fired"
	[ "$(oom_kills)" = "$OOM_BASE" ] || fail "vmstat oom_kill moved"
	return 0
}

# Lines of our "killing" messages, in order.
kill_lines() {
	dmesg | grep 'simple_lmk: killing .*, uid .*, adj .*, to free .* kB'
}

# counters_agree: the counters agree with the log (kills with killing
# lines, killed_kb with their sum, rounds with round lines, and the rounds
# of each trigger with the lines marked so); if not, says how in
# $DISAGREE.
counters_agree() {
	local n kb rounds c m
	n=$(kill_lines | wc -l)
	kb=$(kill_lines | sed 's/.*to free \([0-9]*\) kB/\1/' |
		awk '{s += $1} END {print s + 0}')
	# Distinct round numbers, and of them those marked by each trigger
	# (a round's end line is marked; a line such as "uevent not sent" is
	# not, and counts no second time).
	rounds=$(dmesg | grep -oE 'simple_lmk: round [0-9]+( \((oom|stall|thrash)\))?:')
	DISAGREE=
	for c in oom stall thrash; do
		m=$(echo "$rounds" | grep "($c)" | sort -u | grep -c round)
		[ "$(counter ${c}_rounds)" = "$m" ] ||
			DISAGREE="$DISAGREE${DISAGREE:+; }${c}_rounds counter $(counter ${c}_rounds), log has $m"
	done
	rounds=$(echo "$rounds" | grep -oE 'round [0-9]+' | sort -u | grep -c round)
	[ "$(counter kills)" = "$n" ] ||
		DISAGREE="$DISAGREE${DISAGREE:+; }kills counter $(counter kills), log has $n kills"
	[ "$(counter killed_kb)" = "$kb" ] ||
		DISAGREE="$DISAGREE${DISAGREE:+; }killed_kb counter $(counter killed_kb), log says $kb"
	[ "$(counter rounds)" = "$rounds" ] ||
		DISAGREE="$DISAGREE${DISAGREE:+; }rounds counter $(counter rounds), log has $rounds rounds"
	[ -z "$DISAGREE" ]
}

# counters_match_log: the counters agree with the log. A round may still be
# going on while the test reads them (a round logs its kills, then counts
# them), so a disagreement counts only if it lasts 4 s.
counters_match_log() {
	local i=0
	until counters_agree; do
		i=$((i + 1))
		[ $i -ge 5 ] && fail "$DISAGREE"
		sleep 1
	done
}

# zram_swap SIZE: swap on a zram device of SIZE (lz4 where it exists).
zram_swap() {
	[ -e /sys/block/zram0 ] || fail "no zram device"
	echo lz4 > /sys/block/zram0/comp_algorithm 2>/dev/null
	echo "$1" > /sys/block/zram0/disksize || fail "zram disksize"
	mkswap /dev/zram0 > /dev/null || fail "mkswap"
	swapon /dev/zram0 || fail "swapon"
}

mount_disk() {
	mount -t ext4 /dev/vda /mnt || fail "cannot mount the test disk"
}

# freeze_under PID: freeze the test disk under PID, an app started with
# "-w /mnt/FILE": it blocks in its next write, where even SIGKILL waits
# until "fsfreeze --unfreeze /mnt".
freeze_under() {
	fsfreeze --freeze /mnt || fail "fsfreeze"
	local i=0
	until grep -q '^State:.*D' /proc/$1/status; do
		i=$((i + 1))
		[ $i -gt 50 ] && fail "pid $1 did not block on the frozen disk"
		sleep 0.1
	done
}

# stuck_victim_run PARAMS...: load the module with PARAMS; then big950
# (200 MiB, blocked on the frozen disk: it cannot exit; STUCK_NAME and
# STUCK_MB change its name and size, and STUCK_SETUP names a function run
# with its pid before the disk freezes), next900 (100 MiB),
# keep0 (20 MiB), and an allocator that needs 50 MiB less a pageblock
# more than is free and gets it. (After a fragmentation event the
# watermarks are raised by a pageblock, 32 MiB with 16 KiB pages, and once
# kswapd has given up the boost stays: allocations then need that much
# more free memory, and without the allowance the allocator itself was
# killed, by the kernel's rules as well as the module's.) Where less
# memory is available (the debug kernels keep more for
# themselves), big950 and next900 take at most 50% and 25% of it, so that
# no round starts before the disk is frozen. Sets B, N and K to their pids.
stuck_victim_run() {
	mount_disk
	load "$@"
	avail=$(mem_avail_mb)
	big=${STUCK_MB:-200}
	[ $big -gt $((avail / 2)) ] && big=$((avail / 2))
	next=100
	[ $next -gt $((avail / 4)) ] && next=$((avail / 4))
	start_app "${STUCK_NAME:-big950}" 950 $big -w /mnt/stuck
	B=$APP_PID
	[ -n "${STUCK_SETUP:-}" ] && "$STUCK_SETUP" $B
	start_app next900 900 $next; N=$APP_PID
	start_app keep0 0 20; K=$APP_PID
	freeze_under $B
	need=$(( $(mem_avail_mb) + 50 - $(pageblock_mb) ))
	pressure $need 100
	wait_pressure_done $need 120
}

# The NUMA scenarios (n-*.sh): free memory on node $1, in MiB.
node_free_mb() {
	awk '/MemFree:/ {print int($4 / 1024)}' /sys/devices/system/node/node$1/meminfo
}

# expect_constrained_oom PID CONSTRAINT: bound1 (PID), short of memory on
# the nodes it may use, is killed by the kernel's constrained OOM killer
# (constraint=CONSTRAINT_<CONSTRAINT>); the apps A, B and K live, and
# Simple LMK killed nobody.
expect_constrained_oom() {
	wait_dead $1 120 || fail "bound1 still runs"
	expect_alive $A $B $K
	kill_lines | grep -q . &&
		fail "Simple LMK killed: $(kill_lines | sed 's/.*killing //' | tr '\n' ';')"
	dmesg | grep -q "Out of memory.*Killed process $1 (bound1)" ||
		fail "the kernel's constrained OOM killer did not kill bound1"
	dmesg | grep -q "constraint=CONSTRAINT_$2" ||
		fail "the OOM was not a CONSTRAINT_$2 one"
	log "rounds $(counter rounds), oom_rounds $(counter oom_rounds), kernel OOM kills $(( $(oom_kills) - OOM_BASE ))"
}

# prepare_guest: once a boot, before the tests or the soak.
prepare_guest() {
	# The first memory cgroup of a boot switches on the memcg kmem static key,
	# and the kernel patches its code with int3 breakpoints (text_poke_bp). Under
	# TCG that once left a CPU on a stale breakpoint in kmem_cache_free() (an
	# "int3" oops, deb612, in the mkdir of t-stopped-frozen). Switch it now,
	# while the guest is idle.
	mkdir /sys/fs/cgroup/warm-up && rmdir /sys/fs/cgroup/warm-up

	KL=/sys/kernel/debug/kmemleak
	if [ -e $KL ]; then
		# Ignore what the kernel leaked before the tests.
		echo scan > $KL
		echo clear > $KL
	fi

	# Enabling a trace event also hooks the scheduler's switch and wakeup
	# tracepoints, to record task names and tgids, and disabling it unhooks
	# them: each time, the kernel patches the scheduler's hottest code with
	# int3 breakpoints (text_poke_bp). Under TCG that once left a CPU on a
	# stale breakpoint in ttwu_do_activate() after the patching ended (an
	# "int3" oops, PREEMPT_RT guest). The tests read only the events' own
	# fields: keep the scheduler's code as it is.
	echo 0 > $T/options/record-cmd 2>/dev/null
	echo 0 > $T/options/record-tgid 2>/dev/null
}

# Between tests (run.sh) and soak episodes (soak.sh): a fresh state.
# kswapd gives up on a node after 16 runs that reclaim nothing (as after an
# OOM kill in an earlier test) until some reclaim succeeds; /proc/zoneinfo
# then shows the node as unreclaimable. Give it a success, so that each
# test starts with kswapd awake: reclaim some page cache through the root
# cgroup's memory.reclaim. A little is enough (any page reclaimed resets
# the count), and little is cheap: under TCG, reading 64 MiB and
# reclaiming 32 MiB took 10 s before every test.
node_unreclaimable() {
	grep -q 'node_unreclaimable: *1' /proc/zoneinfo
}

revive_kswapd() {
	mount -t ext4 -o ro /dev/vda /mnt 2>/dev/null || return 0
	i=0
	while [ $i -lt 3 ]; do
		head -c $((4 << 20)) /mnt/big > /dev/null
		echo 2M > /sys/fs/cgroup/memory.reclaim 2>/dev/null
		node_unreclaimable || break
		i=$((i + 1))
	done
	umount /mnt
}

reset_state() {
	rmmod simple_lmk 2>/dev/null
	fsfreeze --unfreeze /mnt 2>/dev/null
	killall -9 hog spawn latprobe cat find waitkills uevent filews dd \
		sampler thawer forkstorm ptracer 2>/dev/null
	i=0
	while pidof hog spawn latprobe forkstorm > /dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	for f in /sys/fs/cgroup/*/cgroup.freeze; do
		[ -e "$f" ] && echo 0 > "$f"
	done
	sleep 0.5
	for d in /sys/fs/cgroup/*/; do
		[ -d "$d" ] && rmdir "$d" 2>/dev/null
	done
	echo 10 > /proc/sys/vm/watermark_scale_factor
	swapoff -a 2>/dev/null
	[ -e /sys/block/zram0/reset ] && echo 1 > /sys/block/zram0/reset
	umount /mnt 2>/dev/null
	[ -e /sys/kernel/mm/lru_gen/enabled ] &&
		echo y > /sys/kernel/mm/lru_gen/enabled 2>/dev/null
	revive_kswapd
	echo 3 > /proc/sys/vm/drop_caches
	rm -f /tmp/names /tmp/ready.*
	dmesg -c > /dev/null
	# In the next test's log, where a failure would want it.
	node_unreclaimable &&
		echo "run.sh: kswapd stays given up on a node" > /dev/kmsg
	return 0
}

OOM_BASE=$(oom_kills)
