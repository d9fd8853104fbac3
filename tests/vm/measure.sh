# SPDX-License-Identifier: GPL-2.0
#
# Measurement behind the default of "aggression": the reclaim priorities
# that kswapd and direct reclaim reach (from mm_shrink_slab_start), and
# when, relative to the kernel OOM killer, in two workloads with Simple LMK
# not loaded:
#   anon   an anonymous allocator runs the guest out of memory (no swap)
#   cache  a file twice the size of RAM is streamed from ext4 twice
# Prints, per workload and priority, the first time kswapd and direct
# reclaim reached it, in ms before the OOM kill (anon) or its count (cache).
. /tests/lib.sh

trace_on() {
	echo 0 > $T/tracing_on
	echo > $T/trace
	echo 8192 > $T/buffer_size_kb
	echo mono > $T/trace_clock
	echo 1 > $T/events/vmscan/mm_shrink_slab_start/enable
	echo 1 > $T/events/oom/mark_victim/enable 2>/dev/null
	echo 1 > $T/tracing_on
}

trace_off() {
	echo 0 > $T/tracing_on
	echo 0 > $T/events/enable
}

# Fields: comm-pid [cpu] flags ts: event: ... priority N
summarise() {
	awk -v what="$1" '
	/mm_shrink_slab_start/ {
		match($0, /[0-9]+\.[0-9]+: /); ts = substr($0, RSTART, RLENGTH - 2)
		match($0, /priority [0-9]+/); p = substr($0, RSTART + 9, RLENGTH - 9)
		who = ($0 ~ /kswapd/) ? "kswapd" : "direct"
		n[who, p]++
		if (!((who, p) in first)) first[who, p] = ts
	}
	/mark_victim/ && !oom {
		match($0, /[0-9]+\.[0-9]+: /); oom = substr($0, RSTART, RLENGTH - 2)
	}
	END {
		for (p = 12; p >= 0; p--) {
			line = sprintf("%s priority %2d:", what, p)
			for (w = 0; w < 2; w++) {
				who = w ? "direct" : "kswapd"
				if (!((who, p) in first)) {
					line = line sprintf("  %s -", who)
					continue
				}
				if (oom)
					line = line sprintf("  %s %d calls, first %.0f ms before OOM", who, n[who, p], (oom - first[who, p]) * 1000)
				else
					line = line sprintf("  %s %d calls", who, n[who, p])
			}
			print line
		}
		if (!oom) print what ": no OOM kill"
	}' $T/trace
}

run_workloads() {
	tag=$1
	echo "measure: $(uname -r), $tag, MGLRU $(cat /sys/kernel/mm/lru_gen/enabled 2>/dev/null || echo absent)"

	mount -t ext4 /dev/vda /mnt
	trace_on
	cat /mnt/big > /dev/null
	cat /mnt/big > /dev/null
	trace_off
	summarise "$tag cache"
	umount /mnt
	echo 3 > /proc/sys/vm/drop_caches

	trace_on
	hog -q -H -n anon -a 0 -m 0 -r 100 &
	i=0
	until grep -q mark_victim $T/trace || [ $i -gt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.5
	trace_off
	kill -9 $! 2>/dev/null
	sleep 1
	summarise "$tag anon"
}

# Both with the kernel's default MGLRU state and with the other one.
if [ "$(cat /sys/kernel/mm/lru_gen/enabled 2>/dev/null)" = 0x0000 ]; then
	run_workloads "MGLRU off"
	echo y > /sys/kernel/mm/lru_gen/enabled && run_workloads "MGLRU on"
else
	run_workloads "MGLRU on"
	echo n > /sys/kernel/mm/lru_gen/enabled && run_workloads "MGLRU off"
fi
