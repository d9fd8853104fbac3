# SPDX-License-Identifier: GPL-2.0
#
# sysrq-f with memory to spare: the kernel's OOM killer kills its own
# choice (it kills even when a notifier reports progress), and Simple LMK
# kills nobody. b900 is the kernel's choice (largest by its badness); a950,
# the most expendable by adj, is the one Simple LMK would take.
. /tests/lib.sh

load
start_app a950 950 10; A=$APP_PID
start_app b900 900 150; B=$APP_PID
start_app keep0 0 20; K=$APP_PID
echo 1 > /proc/sys/kernel/sysrq
echo f > /proc/sysrq-trigger
expect_dead $B
sleep 1
expect_alive $A $K
dmesg | grep -q "Out of memory: Killed process $B (b900)" ||
	fail "the kernel's OOM killer did not kill b900"
kill_lines | grep -q . && fail "Simple LMK killed: $(kill_lines | sed 's/.*killing //' | tr '\n' ';')"
[ "$(counter rounds)" = 0 ] || fail "$(counter rounds) rounds on sysrq-f"
