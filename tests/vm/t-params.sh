# SPDX-License-Identifier: GPL-2.0
#
# Every parameter rejects bad values, at insmod and at run time, with -EINVAL
# and a one-line reason in the log; the value in force does not change.
. /tests/lib.sh

# name, bad values, a good value
set -- \
	"enabled maybe|2|x" \
	"reclaim_target_mb 0|-1|100000000|12x" \
	"timeout_ms 0|10001|-5|abc" \
	"aggression 13|-1|1.5" \
	"stall_ms 1001|-1|1s" \
	"thrash_pct 1001|-1|5%" \
	"min_adj -1000|1001|zero" \
	"max_victims 0|1025|-1" \
	"boost x|7" \
	"dry_run 2|z"

# test_probe_gap_ms is read at load only, and read-only after.
for spec in "$@" "test_probe_gap_ms 10001|-1|x"; do
	name=${spec%% *}
	bad=${spec#* }
	IFS='|'
	for v in $bad; do
		unset IFS
		dmesg -c > /dev/null
		if insmod $MOD "$name=$v" 2>/dev/null; then
			rmmod simple_lmk
			fail "insmod accepted $name='$v'"
		fi
		dmesg | grep -q "simple_lmk: $name: invalid value" ||
			fail "no reason logged for insmod $name='$v'"
		IFS='|'
	done
	unset IFS
done
log "insmod rejected every bad value"

load
for spec in "$@"; do
	name=${spec%% *}
	bad=${spec#* }
	before=$(cat $P/$name)
	IFS='|'
	for v in $bad; do
		unset IFS
		dmesg -c > /dev/null
		if echo "$v" > $P/$name 2>/dev/null; then
			fail "writing '$v' to $name was accepted"
		fi
		dmesg | grep -q "simple_lmk: $name: invalid value '$v'" ||
			fail "no reason logged for $name='$v'"
		[ "$(cat $P/$name)" = "$before" ] ||
			fail "$name changed to $(cat $P/$name) after a bad write"
		[ "$(dmesg | grep -c .)" = 1 ] ||
			fail "the reason for $name='$v' is not one line"
		IFS='|'
	done
	unset IFS
done
log "run-time writes rejected every bad value"

# Good values are taken, and the ends of each range are valid.
for nv in reclaim_target_mb=1 timeout_ms=10000 aggression=0 aggression=12 \
	stall_ms=0 stall_ms=1000 thrash_pct=0 thrash_pct=1000 \
	min_adj=-999 min_adj=1000 max_victims=1024 max_victims=1 \
	enabled=N dry_run=Y boost=N; do
	echo "${nv#*=}" > $P/${nv%%=*} || fail "valid $nv was rejected"
done
[ "$(cat $P/min_adj)" = 1000 ] || fail "min_adj reads $(cat $P/min_adj)"
[ "$(cat $P/enabled)" = N ] || fail "enabled reads $(cat $P/enabled)"
half=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 / 2 ))
echo $half > $P/reclaim_target_mb || fail "half of RAM ($half) rejected"
echo $((half + 1)) > $P/reclaim_target_mb 2>/dev/null &&
	fail "more than half of RAM accepted"
rmmod simple_lmk

# Parameters are root-only for writing.
load
for f in $P/*; do
	perm=$(stat -c %a $f)
	case $perm in
	644|600|640|444|400) ;;
	*) fail "$f has mode $perm" ;;
	esac
done
for c in rounds kills killed_kb timeouts empty_rounds oom_rounds \
	last_round_us last_scan_us stall_rounds thrash_rounds reclaim_stall_ms; do
	# Reclaim may have stalled since the load: that counter may not be 0.
	[ $c = reclaim_stall_ms ] || [ "$(counter $c)" = 0 ] ||
		fail "counter $c starts at $(counter $c)"
	[ "$(stat -c %a $C/$c)" = 444 ] || fail "counter $c is writable"
done
rmmod simple_lmk
