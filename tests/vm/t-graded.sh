# SPDX-License-Identifier: GPL-2.0
#
# Graded apps at adj 950 .. -500 and an adj-0 allocator that needs about
# 60 MiB more than is available. A round kills from the most expendable
# level only, the largest first, up to reclaim_target_mb (128 MiB) or the
# whole level if it holds less; the next round goes on from there:
#   round 1, level 950: a 30 MiB            -> killed (all the level holds)
#   round 2, level 900: b 60 MiB, c 20 MiB  -> both killed (80 < 128)
#   then enough is free: 800 .. 0 and -500 survive, as does the allocator.
# No process is killed while a more expendable one lives; no kernel OOM
# kill; the counters agree with the log.
. /tests/lib.sh

load timeout_ms=3000
start_app a950 950 30; A=$APP_PID
start_app b900 900 60; B=$APP_PID
start_app c900 900 20; Cc=$APP_PID
start_app d800 800 40; D=$APP_PID
start_app e500 500 30; E=$APP_PID
start_app f200 200 20; F=$APP_PID
start_app g100 100 20; G=$APP_PID
start_app h0 0 20; H=$APP_PID
start_app p-500 -500 20; PR=$APP_PID

need=$(( $(mem_avail_mb) + 60 ))
pressure $need 100
wait_pressure_done $need 120
log "pressure holds $need MiB"

expect_dead $A $B $Cc
expect_alive $D $E $F $G $H $PR $PRESSURE_PID
no_kernel_oom

# Level order: 950, then 900 (the largest first).
order=$(kill_lines | sed 's/.*killing \([^ ]*\) .*/\1/' | tr '\n' ' ')
[ "$order" = "a950 b900 c900 " ] || fail "kill order was '$order'"
[ "$(counter kills)" = 3 ] || fail "kills = $(counter kills)"
[ "$(counter timeouts)" = 0 ] || fail "timeouts = $(counter timeouts)"
dmesg | grep -qE 'simple_lmk: round 1( \([a-z]+\))?: killed 1 processes' ||
	fail "round 1 did not kill level 950 alone"
dmesg | grep -qE 'simple_lmk: round 2( \([a-z]+\))?: killed 2 processes' ||
	fail "round 2 did not kill level 900 whole"
counters_match_log
[ "$(counter last_round_us)" -gt 0 ] || fail "last_round_us is 0"
log "rounds $(counter rounds) kills $(counter kills) killed_kb $(counter killed_kb) last_round_us $(counter last_round_us) last_scan_us $(counter last_scan_us)"
