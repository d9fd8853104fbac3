# SPDX-License-Identifier: GPL-2.0
#
# Hibernation makes room for its image on purpose: with the tasks frozen,
# it reclaims and preallocates up to half of RAM, which to the triggers
# looks like a shortage. No round may start then (the victims, frozen,
# could not even exit). The test runs the hibernation path with pm_test
# at its freezer point (the PM notifiers, freezing, the preallocation; no
# image is saved), with two apps holding most of memory and no swap: the
# preallocation reclaims, then falls short and gives up. Nobody may be
# killed, and rounds must have been held off and resumed. (Before the PM
# notifier, a round killed a900 during the preallocation.)
. /tests/lib.sh

[ -w /sys/power/pm_test ] || fail "no /sys/power/pm_test (CONFIG_PM_DEBUG)"
grep -qw disk /sys/power/state || fail "no hibernation: $(cat /sys/power/state)"
load
start_app a900 900 $(( $(mem_avail_mb) * 45 / 100 )); A=$APP_PID
start_app b800 800 $(( $(mem_avail_mb) * 45 / 100 )); B=$APP_PID
start_app keep0 0 16; K=$APP_PID
log "$(mem_avail_mb) MiB available; hibernating up to the freezer test"
echo freezer > /sys/power/pm_test
echo disk > /sys/power/state 2> /tmp/hib.err
rc=$?
echo none > /sys/power/pm_test
log "hibernation test: rc $rc $(cat /tmp/hib.err)"
dmesg | grep -E 'PM: |hibernation' | tail -5

dmesg | grep -qE 'PM: (hibernation: )?Preallocating image memory' ||
	fail "the hibernation path did not run: $(dmesg | grep 'PM: ' | tail -3)"
[ "$(counter kills)" = 0 ] || fail "$(counter kills) kills during hibernation: $(kill_lines)"
[ "$(counter rounds)" = 0 ] || fail "$(counter rounds) rounds during hibernation"
expect_alive $A $B $K
no_kernel_oom
dmesg | grep -q 'simple_lmk: rounds held off: the system suspends or hibernates' ||
	fail "rounds were not held off"
dmesg | grep -q 'simple_lmk: rounds resume: the system is back' ||
	fail "rounds did not resume"

# Rounds work again afterwards.
need=$(( $(mem_avail_mb) + 40 ))
pressure $need 50
wait_pressure_done $need 120
expect_dead $A
expect_alive $K $PRESSURE_PID
counters_match_log
