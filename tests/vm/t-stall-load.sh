# SPDX-License-Identifier: GPL-2.0
#
# Loading while tasks go in and out of direct reclaim must not leave the
# stall measure stuck: a task counted into reclaim and never out would read
# as a stall of a second per second for ever, and start rounds at every
# reclaim pass. Load the module (killing disabled) many times under
# reclaim churn; after each load, stop the churn and check that
# reclaim_stall_ms stops growing.
. /tests/lib.sh

# Four allocators, each taking a fifth of free memory and letting go, again
# and again: direct reclaim all the time, short passes.
CHURN_PIDS=
churn() {
	q=$(( $(mem_avail_mb) / 5 ))
	for i in 1 2 3 4; do
		( while :; do hog -q -n churn -a 1000 -m $q; done ) &
		CHURN_PIDS="$CHURN_PIDS $!"
	done
}
end_churn() {
	kill -9 $CHURN_PIDS 2>/dev/null
	killall -9 hog 2>/dev/null
	wait
}
trap end_churn EXIT
stop_churn() {
	kill -STOP $CHURN_PIDS $(pidof hog) 2>/dev/null
}
cont_churn() {
	kill -CONT $(pidof hog) $CHURN_PIDS 2>/dev/null
}

churn
[ -n "$CHURN_PIDS" ] || fail "no churn started"
sleep 2
stuck=0
for i in $(seq 1 25); do
	insmod $MOD enabled=0 || fail "insmod"
	sleep 0.3
	stop_churn
	# Whatever was in direct reclaim leaves it at once (SIGSTOP stops a
	# task on its way back to user space).
	sleep 1
	a=$(counter reclaim_stall_ms)
	sleep 2
	b=$(counter reclaim_stall_ms)
	[ $((b - a)) -gt 200 ] && { stuck=$i; log "load $i: stall grew $((b - a)) ms in 2 s idle"; }
	rmmod simple_lmk || fail "rmmod"
	[ $stuck != 0 ] && break
	cont_churn
done
end_churn
[ $stuck = 0 ] || fail "the stall measure stuck after load $stuck"
log "25 loads under reclaim churn, the stall measure never stuck"
