# SPDX-License-Identifier: GPL-2.0
#
# A shortage on one NUMA node only is not Simple LMK's to act on. bound1 is
# bound (MPOL_BIND) to node 1 and allocates more than the node holds; the
# apps, bound to node 0, hold memory that killing would free where it is of
# no use to bound1. Simple LMK kills nobody, neither from reclaim nor from
# the OOM notifier; the kernel's constrained OOM killer kills bound1, the
# only task that may use node 1 and holds memory there.
. /tests/lib.sh

[ -d /sys/devices/system/node/node1 ] || fail "the guest has no second NUMA node"

load reclaim_target_mb=50 timeout_ms=3000
start_app a900 900 60 -N 0; A=$APP_PID
start_app b900 900 40 -N 0; B=$APP_PID
start_app keep0 0 20 -N 0; K=$APP_PID
log "free: node 0 $(node_free_mb 0) MiB, node 1 $(node_free_mb 1) MiB"

need=$(( $(node_free_mb 1) + 60 ))
hog -q -n bound1 -a 0 -m $need -r 100 -N 1 &
BOUND=$!
echo "$BOUND bound1" >> /tmp/names
log "bound1: pid $BOUND, $need MiB on node 1"
expect_constrained_oom $BOUND MEMORY_POLICY
