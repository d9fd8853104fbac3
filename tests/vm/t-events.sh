# SPDX-License-Identifier: GPL-2.0
#
# What a user watching the module sees: its trace events (tracefs), one
# uevent per round that killed and one at load and unload (netlink,
# busybox's uevent applet), and a poll() on the kills counter that wakes
# without polling. Two rounds kill
# (a950, then b900 with its CLONE_VM sharer and c900); the events, the
# uevents, the counters and the kernel log must agree.
. /tests/lib.sh

[ -d $T/events ] || fail "no tracefs"

# Every uevent of subsystem simple_lmk, one line each.
cat > /tmp/uevent-rec <<'REC'
#!/bin/sh
[ "$SUBSYSTEM" = simple_lmk ] || exit 0
echo "$ACTION $DEVPATH ROUND=$ROUND TRIGGER=$TRIGGER VICTIMS=$VICTIMS KILLED_KB=$KILLED_KB LISTED=$LISTED" \
	"V0=$VICTIM0_PID,$VICTIM0_COMM,$VICTIM0_ADJ,$VICTIM0_KB" \
	"V1=$VICTIM1_PID,$VICTIM1_COMM,$VICTIM1_ADJ,$VICTIM1_KB" >> /tmp/uevents
REC
chmod +x /tmp/uevent-rec
: > /tmp/uevents
uevent /tmp/uevent-rec &
UEV=$!
# Let it bind its netlink socket before the module's add event goes out.
sleep 1

load timeout_ms=3000
[ -d $T/events/simple_lmk ] || fail "no simple_lmk events in $T/events"
for e in round_start kill round_end; do
	[ -f $T/events/simple_lmk/simple_lmk_$e/format ] ||
		fail "event simple_lmk_$e missing"
done
echo > $T/trace
echo 1 > $T/events/simple_lmk/enable
echo 1 > $T/tracing_on

waitkills -n 2 -t 300 > /tmp/waitkills.out &
WK=$!

start_app a950 950 30; A=$APP_PID
start_app b900 900 60 -s; B=$APP_PID; BS=$SHARER_PID
start_app c900 900 20; Cc=$APP_PID
start_app d800 800 40; D=$APP_PID
start_app h0 0 20; H=$APP_PID
[ -n "$BS" ] || fail "no sharer pid"

need=$(( $(mem_avail_mb) + 60 ))
pressure $need 100
wait_pressure_done $need 120
log "pressure holds $need MiB"

expect_dead $A $B $BS $Cc
expect_alive $D $H $PRESSURE_PID
no_kernel_oom
counters_match_log
wait_dead $WK 30 || fail "waitkills did not wake for two kill rounds"
wait $WK || fail "waitkills: $(cat /tmp/waitkills.out)"
# Let the rounds end, and their uevents reach userspace.
sleep 1
echo 0 > $T/events/simple_lmk/enable
grep simple_lmk_ $T/trace | sed 's/^.*\(simple_lmk_[a-z_]*\): /\1 /' > /tmp/ev
log "events:"
sed 's/^/    /' /tmp/ev
log "uevents:"
sed 's/^/    /' /tmp/uevents
log "waitkills: $(tr '\n' ';' < /tmp/waitkills.out)"

field() {	# field NAME < lines: the values of NAME=
	sed -n "s/.* $1=\([^ ]*\).*/\1/p"
}

# Trace events against counters and log.
starts=$(grep -c '^simple_lmk_round_start ' /tmp/ev)
ends=$(grep -c '^simple_lmk_round_end ' /tmp/ev)
[ "$starts" = "$(counter rounds)" ] ||
	fail "$starts round_start events, rounds counter $(counter rounds)"
[ "$ends" = "$starts" ] || fail "$starts round_start but $ends round_end events"
grep '^simple_lmk_round_start ' /tmp/ev | field trigger | grep -vqxE 'priority|stall' &&
	fail "a round started by something other than reclaim"
grep '^simple_lmk_round_start ' /tmp/ev | field priority | grep -vqxE '[0-9]|1[0-2]' &&
	fail "a reclaim priority outside 0..12"
grep '^simple_lmk_round_start ' /tmp/ev | field kswapd | grep -vqx '[01]' &&
	fail "a kswapd field that is not 0 or 1"
vk=$(grep '^simple_lmk_kill ' /tmp/ev | grep -c ' shares_with=0$')
[ "$vk" = "$(counter kills)" ] || fail "$vk victim kill events, kills $(counter kills)"
kb=$(grep '^simple_lmk_kill ' /tmp/ev | field size_kb | awk '{s += $1} END {print s + 0}')
[ "$kb" = "$(counter killed_kb)" ] || fail "kill events add to $kb kB, killed_kb $(counter killed_kb)"
ekb=$(grep '^simple_lmk_round_end ' /tmp/ev | field kb | awk '{s += $1} END {print s + 0}')
[ "$ekb" = "$kb" ] || fail "round_end events add to $ekb kB, kills to $kb"
ev=$(grep '^simple_lmk_round_end ' /tmp/ev | field victims | awk '{s += $1} END {print s + 0}')
[ "$ev" = "$(counter kills)" ] || fail "round_end victims add to $ev, kills $(counter kills)"
to=$(grep '^simple_lmk_round_end ' /tmp/ev | grep -c ' timed_out=1 ')
[ "$to" = "$(counter timeouts)" ] || fail "$to timed-out round_end events, timeouts $(counter timeouts)"
grep '^simple_lmk_round_end ' /tmp/ev | grep -v ' end=done ' &&
	fail "a round did not end with its victims gone"
# Each victim: an event with what the log line says, in the same order.
kill_lines | sed 's/.*killing \([^ ]*\) (\([0-9]*\)), uid \([0-9]*\), adj \(-*[0-9]*\), to free \([0-9]*\) kB/\2 \1 \3 \4 \5/' > /tmp/want
grep '^simple_lmk_kill ' /tmp/ev | grep ' shares_with=0$' |
	sed 's/.* pid=\([0-9]*\) comm=\([^ ]*\) uid=\([0-9]*\) adj=\(-*[0-9]*\) size_kb=\([0-9]*\) .*/\1 \2 \3 \4 \5/' > /tmp/got
cmp -s /tmp/want /tmp/got || fail "kill events $(tr '\n' ';' < /tmp/got) differ from the log $(tr '\n' ';' < /tmp/want)"
[ "$(cut -d' ' -f2 /tmp/got | tr '\n' ' ')" = "a950 b900 c900 " ] ||
	fail "victims were $(cut -d' ' -f2 /tmp/got | tr '\n' ' ')"
grep -q "^simple_lmk_kill .* pid=$BS comm=b900-s .* size_kb=0 shares_with=$B$" /tmp/ev ||
	fail "no kill event for the sharer $BS of $B"
# A kill event's round is the round that started before it.
awk '/^simple_lmk_round_start/ {split($2, a, "="); r = a[2]}
     /^simple_lmk_kill/ {split($2, a, "="); if (a[2] != r) bad = 1}
     END {exit bad}' /tmp/ev || fail "a kill event carries another round's number"

# One uevent per round that killed, listing its victims.
n=$(grep -c '^change /kernel/simple_lmk ' /tmp/uevents)
kr=$(grep '^simple_lmk_round_end ' /tmp/ev | grep -vc ' victims=0 ')
[ "$n" = "$kr" ] || fail "$n uevents for $kr rounds that killed"
grep -q "ROUND=1 TRIGGER=[a-z]* VICTIMS=1 KILLED_KB=[0-9]* LISTED=1 V0=$A,a950,950,[0-9]* V1=,,," /tmp/uevents ||
	fail "round 1's uevent does not list a950 alone"
grep -q "ROUND=2 TRIGGER=[a-z]* VICTIMS=2 KILLED_KB=[0-9]* LISTED=2 V0=$B,b900,900,[0-9]* V1=$Cc,c900,900,[0-9]*" /tmp/uevents ||
	fail "round 2's uevent does not list b900 and c900"
ukb=$(field KILLED_KB < /tmp/uevents | awk '{s += $1} END {print s + 0}')
[ "$ukb" = "$(counter killed_kb)" ] || fail "uevents add to $ukb kB, killed_kb $(counter killed_kb)"

# poll() on kills woke once per round that killed, with the new count.
grep -qx 'kills 0 -> 1' /tmp/waitkills.out || fail "waitkills did not see 0 -> 1"
grep -qx 'kills 1 -> 3' /tmp/waitkills.out || fail "waitkills did not see 1 -> 3"
log "rounds $(counter rounds) kills $(counter kills) killed_kb $(counter killed_kb)"

# The directory is announced when the module loads and when it unloads.
grep -q '^add /kernel/simple_lmk ' /tmp/uevents || fail "no add uevent at load"
rmmod simple_lmk || fail "rmmod"
i=0
until grep -q '^remove /kernel/simple_lmk ' /tmp/uevents; do
	i=$((i + 1))
	[ $i -gt 50 ] && fail "no remove uevent at unload"
	sleep 0.1
done
kill $UEV
