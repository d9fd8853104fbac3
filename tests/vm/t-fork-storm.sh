# SPDX-License-Identifier: GPL-2.0
#
# A fork storm at adj 900: a parent that keeps sixteen children of 4 MiB
# alive and forks a new one as soon as one dies, beside an adj-0 allocator
# that needs more than is available. Simple LMK kills storm children
# (and nothing at a lower adj) as fast as they come back, the allocator
# gets all it asked for, and the kernel OOM killer never runs.
. /tests/lib.sh

load reclaim_target_mb=24 timeout_ms=2000
rm -f /tmp/ready.storm /tmp/storm.count
forkstorm -n 16 -m 4 -a 900 -N fs900 -R /tmp/ready.storm -c /tmp/storm.count &
FS=$!
wait_ready /tmp/ready.storm $FS 60 "the storm"
start_app keep0 0 20; K=$APP_PID

need=$(( $(mem_avail_mb) + 24 ))
pressure $need 40
wait_pressure_done $need 240
# The storm goes on against the allocator's full hold for a while.
sleep 3
alive $FS || fail "the storm's parent died: $(kill_lines | grep -c "($FS)") kills of it"
kill -TERM $FS
wait $FS
log "storm: $(cat /tmp/storm.count); $(counter kills) kills in $(counter rounds) rounds"

expect_alive $K $PRESSURE_PID
no_kernel_oom
[ "$(counter kills)" -ge 1 ] || fail "no storm child was killed"
wrong=$(kill_lines | grep -v ', adj 900, ' || true)
[ -z "$wrong" ] || fail "killed below adj 900: $wrong"
forks=$(sed 's/forks \([0-9]*\).*/\1/' /tmp/storm.count)
[ "$forks" -gt 16 ] || fail "the storm never forked again: $(cat /tmp/storm.count)"
counters_match_log
