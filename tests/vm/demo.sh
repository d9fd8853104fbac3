# SPDX-License-Identifier: GPL-2.0
#
# The demo: a small "phone" with apps at Android's oom_score_adj levels and
# a foreground app that suddenly needs a lot of memory. Prints what Simple
# LMK did: its kill lines, its counters, and a summary.
. /tests/lib.sh

echo "Simple LMK demo on Linux $(uname -r), $(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 )) MiB of RAM, no swap"
echo
insmod $MOD || { echo "insmod failed"; exit 1; }
echo "Loaded simple_lmk with its defaults:"
for p in enabled aggression stall_ms thrash_pct reclaim_target_mb min_adj max_victims timeout_ms boost dry_run; do
	printf '  %-18s %s\n' $p "$(cat $P/$p)"
done
echo

echo "Starting apps (name, oom_score_adj, memory):"
for app in "phone -800 20" "music 200 30" "email 500 40" "camera 800 50" \
	"maps 900 60" "game 950 70"; do
	set -- $app
	start_app $1 $2 $3 > /dev/null
	printf '  %-8s adj %5s  %3s MiB  pid %s\n' $1 $2 $3 $APP_PID
	eval "pid_$1=$APP_PID"
done
need=$(( $(mem_avail_mb) + 120 ))
echo "  browser  adj     0  grows to $need MiB (the foreground app)"
echo
# Watch it the ways a user can: its trace events, and its uevents.
echo > $T/trace
echo 1 > $T/events/simple_lmk/enable
cat > /tmp/uevent-rec <<'REC'
#!/bin/sh
[ "$SUBSYSTEM" = simple_lmk ] || exit 0
{ echo "  $ACTION $DEVPATH"; env | grep -E '^(ROUND|TRIGGER|VICTIMS|KILLED_KB|LISTED|VICTIM[0-9]+_[A-Z]+)=' |
	sort | sed 's/^/    /'; } >> /tmp/uevents
REC
chmod +x /tmp/uevent-rec
: > /tmp/uevents
uevent /tmp/uevent-rec &
uev=$!
dmesg -c > /dev/null
oom_before=$(oom_kills)
start=$(cut -d' ' -f1 /proc/uptime)
hog -q -H -n browser -a 0 -m $need -r 100 -R /tmp/ready.browser &
browser=$!
i=0
while [ ! -s /tmp/ready.browser ] && alive $browser && [ $i -lt 1200 ]; do
	sleep 0.1
	i=$((i + 1))
done
end=$(cut -d' ' -f1 /proc/uptime)

echo "What the kernel log says:"
dmesg | grep -E 'simple_lmk|Out of memory' | sed 's/^/  /'
echo
sleep 1
kill $uev
echo 0 > $T/events/simple_lmk/enable
echo "Its trace events (/sys/kernel/tracing/trace):"
grep simple_lmk_ $T/trace | sed 's/^.*\(simple_lmk_[a-z_]*: \)/  \1/'
echo
echo "Its uevents (netlink, as udev sees them):"
cat /tmp/uevents
echo
echo "Counters in /sys/kernel/simple_lmk/:"
for c in rounds kills killed_kb timeouts empty_rounds oom_rounds last_round_us last_scan_us \
	last_scan_hold_us deferred \
	stall_rounds thrash_rounds reclaim_stall_ms; do
	printf '  %-17s %s\n' $c "$(counter $c)"
done
echo

died= lived=
for a in game maps camera email music phone; do
	eval "pid=\$pid_$a"
	if alive $pid; then lived="$lived $a"; else died="$died $a"; fi
done
alive $browser && fg=survived || fg="was killed"
oom=$(( $(oom_kills) - oom_before ))
echo "Summary:"
echo "  The browser asked for $need MiB, more than was free. Simple LMK ran" \
	"$(counter rounds) round(s) and killed$died, the most expendable apps" \
	"by oom_score_adj, largest first within a level, freeing" \
	"$(( $(counter killed_kb) / 1024 )) MiB; the last round took" \
	"$(counter last_round_us) us from trigger to the last victim's exit" \
	"(victim choice: $(counter last_scan_us) us). Still running:$lived." \
	"The browser $fg, and the kernel OOM killer killed $oom process(es)." \
	"The browser got its memory $(awk -v a=$start -v b=$end 'BEGIN {printf "%.1f", b - a}') s after it started asking."
kill -9 $browser
rmmod simple_lmk
