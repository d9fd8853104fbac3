# SPDX-License-Identifier: GPL-2.0
#
# dry_run=Y: a round logs its choice and nobody dies.
. /tests/lib.sh

load dry_run=1
start_app a950 950 60; A=$APP_PID
start_app b900 900 60; B=$APP_PID

pressure $(( $(mem_avail_mb) + 60 )) 50
wait_log 'simple_lmk: dry run: would kill a950' 120 ||
	fail "no dry-run choice was logged"
kill -9 $PRESSURE_PID
dmesg | grep -q 'simple_lmk: round .*: dry run, would kill' ||
	fail "no dry-run round line"
expect_alive $A $B
kill_lines | grep -q . && fail "a process was killed in dry run"
[ "$(counter kills)" = 0 ] || fail "kills = $(counter kills)"
no_kernel_oom
