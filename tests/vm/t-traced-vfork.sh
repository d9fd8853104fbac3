# SPDX-License-Identifier: GPL-2.0
#
# Victims in the states a debugger and vfork() leave a process in:
# vf900 waits in vfork() (a killable D state) while its child vf900-v,
# which shares its mm, holds; tr800's main thread sits in a ptrace stop
# under a tracer that never resumes it. Both must die when killed: vf900
# with its vfork child (a process sharing its memory), then tr800, in
# that order, and their memory must come back. The allocator needs 100
# MiB more than is available: vf900's 60 MiB cannot cover it whatever
# reclaim finds beside MemAvailable, so a second round must take tr800
# (100 MiB), and the two leave 60 MiB to spare, so keep0 lives.
. /tests/lib.sh

load reclaim_target_mb=40 timeout_ms=3000
start_app vf900 900 60 -V; V=$APP_PID VC=$SHARER_PID
start_app tr800 800 100 -t 2; T=$APP_PID
rm -f /tmp/ready.ptracer
ptracer -R /tmp/ready.ptracer $T > /tmp/ptracer.log 2>&1 &
PT=$!
wait_ready /tmp/ready.ptracer $PT 10 "ptracer (stopping tr800)"
start_app keep0 0 20; K=$APP_PID
grep -q "^State:$(printf '\t')D" /proc/$V/status || fail "vf900 is not waiting in vfork: $(grep State /proc/$V/status)"
grep -q "^State:$(printf '\t')t" /proc/$T/status || fail "tr800 is not in a ptrace stop: $(grep State /proc/$T/status)"
log "vf900 $(grep State /proc/$V/status), vf900-v $VC; tr800 $(grep State /proc/$T/status)"

need=$(( $(mem_avail_mb) + 100 ))
pressure $need 60
wait_pressure_done $need 240

expect_dead $V $VC $T
expect_alive $K $PRESSURE_PID
no_kernel_oom
# One of the two is the victim, the other is killed for sharing its mm.
dmesg | grep -q "simple_lmk: killing vf900 ($V)" || fail "vf900 was not killed"
dmesg | grep -q "simple_lmk: killing vf900-v ($VC)" ||
	fail "vf900's vfork child was not killed"
kill_lines | grep -q "killing tr800 ($T)" || fail "tr800 was not killed"
first=$(kill_lines | head -1 | sed 's/.*killing \([^ ]*\) .*/\1/')
case $first in vf900*) ;; *) fail "first kill was $first, not vf900" ;; esac
wait $PT
grep -q "killed by signal 9" /tmp/ptracer.log || fail "ptracer saw: $(cat /tmp/ptracer.log)"
[ "$(counter timeouts)" = 0 ] || fail "timeouts = $(counter timeouts)"
counters_match_log
