# SPDX-License-Identifier: GPL-2.0
#
# Graded apps at adj 950 .. -500 and an adj-0 allocator that needs about
# 60 MiB more than is available. One round must free reclaim_target_mb
# (128 MiB) with the fewest, most expendable victims:
#   950: a 30 MiB        -> killed (most expendable bucket)
#   900: b 60 MiB, c 20  -> b killed (largest first), c survives
#   800: d 40 MiB        -> killed: 30 + 60 + 40 >= 128, no 3 others do it
#   500 .. 0, -500       -> survive, as does the allocator
# Then: no kernel OOM kill, and the counters agree with the log.
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

expect_dead $A $B $D
expect_alive $Cc $E $F $G $H $PR $PRESSURE_PID
no_kernel_oom

# Bucket order: 950, then 900, then 800.
order=$(kill_lines | sed 's/.*killing \([^ ]*\) .*/\1/' | tr '\n' ' ')
[ "$order" = "a950 b900 d800 " ] || fail "kill order was '$order'"
[ "$(counter kills)" = 3 ] || fail "kills = $(counter kills)"
[ "$(counter timeouts)" = 0 ] || fail "timeouts = $(counter timeouts)"
dmesg | grep -q 'simple_lmk: round 1: killed 3 processes' ||
	fail "no round line for the 3 kills"
counters_match_log
[ "$(counter last_round_us)" -gt 0 ] || fail "last_round_us is 0"
log "rounds $(counter rounds) kills $(counter kills) killed_kb $(counter killed_kb) last_round_us $(counter last_round_us) last_scan_us $(counter last_scan_us)"
