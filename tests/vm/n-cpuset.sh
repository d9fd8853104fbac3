# SPDX-License-Identifier: GPL-2.0
#
# A shortage in a cpuset is not Simple LMK's to act on either. bound1 runs
# in a cpuset that allows node 1 only, and allocates more than the node
# holds; the apps run in a cpuset that allows node 0 only, and hold memory
# that killing would free where bound1 may not use it. Simple LMK kills
# nobody, neither from reclaim nor from the OOM notifier; the kernel's
# cpuset-constrained OOM killer kills bound1, the only task whose cpuset
# allows node 1. (It goes by cpusets only: an app bound to node 0 by a
# mempolicy alone, in the root cpuset, is as eligible as bound1.)
. /tests/lib.sh

[ -d /sys/devices/system/node/node1 ] || fail "the guest has no second NUMA node"

echo +cpuset > /sys/fs/cgroup/cgroup.subtree_control ||
	fail "no cpuset controller"
for n in 0 1; do
	mkdir /sys/fs/cgroup/node$n || fail "mkdir /sys/fs/cgroup/node$n"
	echo $n > /sys/fs/cgroup/node$n/cpuset.mems || fail "cpuset.mems=$n refused"
	[ "$(cat /sys/fs/cgroup/node$n/cpuset.mems.effective)" = $n ] ||
		fail "node$n: cpuset.mems.effective is not $n"
done
# The test, and the apps it starts, in node 0's cpuset.
echo $$ > /sys/fs/cgroup/node0/cgroup.procs || fail "could not move into node0"

load reclaim_target_mb=50 timeout_ms=3000
start_app a900 900 60; A=$APP_PID
start_app b900 900 40; B=$APP_PID
start_app keep0 0 20; K=$APP_PID
log "free: node 0 $(node_free_mb 0) MiB, node 1 $(node_free_mb 1) MiB"

need=$(( $(node_free_mb 1) + 60 ))
# Into the cpuset before it allocates: a shell that moves itself there,
# then becomes the allocator.
sh -c "echo \$\$ > /sys/fs/cgroup/node1/cgroup.procs && exec hog -q -n bound1 -a 0 -m $need -r 100" &
BOUND=$!
echo "$BOUND bound1" >> /tmp/names
log "bound1: pid $BOUND, $need MiB in node 1's cpuset"
expect_constrained_oom $BOUND CPUSET
echo $$ > /sys/fs/cgroup/cgroup.procs
