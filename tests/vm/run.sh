# SPDX-License-Identifier: GPL-2.0
#
# Runs every scenario test (tests/vm/t-*.sh, or n-*.sh) in a fresh state, one verdict
# line each on /dev/ttyS1. slmk_only (kernel command line) limits the run to
# the named tests.
. /tests/lib.sh

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

# slmk_prefix: t for the scenarios, n for the NUMA ones (a two-node guest).
prefix=${slmk_prefix:-t}
for t in /tests/"$prefix"-*.sh; do
	name=${t##*/"$prefix"-}
	name=${name%.sh}
	if [ -n "$slmk_only" ]; then
		case ",$slmk_only," in
		*",$name,"*) ;;
		*) continue ;;
		esac
	fi
	reset_state
	echo "=== test $name: start" > /dev/kmsg
	timeout 600 sh "$t" > /tmp/out 2>&1
	rc=$?
	cat /tmp/out
	echo "=== test $name: rc $rc" > /dev/kmsg
	if [ $rc = 0 ]; then
		verdict "ok $name"
	else
		verdict "not ok $name: $(grep -m1 '^FAIL' /tmp/out || echo "exit $rc")"
	fi
done
reset_state
