#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: Simple LMK against the kernel OOM killer, MGLRU's min_ttl_ms,
# earlyoom and lmkd-psi (tests/progs/lmkdpsi.c: Android lmkd's PSI
# strategy), on Debian's 6.12 kernel in QEMU (TCG), one guest boot per
# run (tests/vm/bench.sh in the guest), then the report
# (scripts/bench-report.py): build/bench/results.md and a plot per
# scenario. A full run also copies them to Documentation/bench/.
#
#   scripts/bench.sh            every scenario, SLMK_BENCH_REPS (3) times
#   scripts/bench.sh --quick    one repetition of S1 and S3 (make bench QUICK=1)
#   scripts/bench.sh --smoke    make check's subset: S1 with three arms, then
#                               PASS/FAIL lines on whether the harness and
#                               the report worked (never on timings)
#   scripts/bench.sh --runs "ARM:SCEN:DISK[:NPROCS] ..."
#                               just those runs, SLMK_BENCH_REPS (1) times
set -euo pipefail
. "$(dirname "$0")/lib.sh"

what=${1:-full}
case $what in
full | --quick | --smoke) what=${what#--} ;;
--runs) what=runs RUNS=${2:?--runs needs a list} ;;
*) die "usage: $0 [--quick|--smoke|--runs LIST]" ;;
esac
REPS=${SLMK_BENCH_REPS:-3}
# SLMK_BENCH_KERNEL: another target of scripts/vm.sh (arm64, arm64-16k:
# there, the kernel and Simple LMK arms only, as earlyoom is x86-64 here).
KERNEL=${SLMK_BENCH_KERNEL:-deb612}
ARMS="kernel mglru earlyoom lmkd-psi slmk slmk-tuned"
# Simple LMK tuned for a 512 MiB guest (comma-separated parameters): see
# the "Tuned arm" section of Documentation/admin-guide/simple_lmk-bench.rst.
TUNED=${SLMK_BENCH_TUNED:-reclaim_target_mb=48,stall_ms=100}
# Throttling of the virtio disk: bytes/s and requests/s; the HDD-like
# disk's writes too (S8).
ssd_opts=",throttling.bps-read=524288000,throttling.iops-read=20000"
hdd_opts=",throttling.bps-read=125829120,throttling.iops-read=150"
hdd_opts="$hdd_opts,throttling.bps-write=62914560,throttling.iops-write=150"

out=$BUILD/bench-$what
[ "$what" = full ] && out=$BUILD/bench
rm -rf "$out"
mkdir -p "$out/runs" "$CACHE"
t0=$(date +%s)

# The bench disk (for a 512 MiB guest): ws, 40% of RAM, for S2's working
# set; big, 3x RAM, for S3's stream; tree, 8,000 files of 8 KiB, for S3's
# walk; probe.dat, 4 MiB, for the foreground probe's file reads; and room
# for S8's file, 1.5x RAM.
disk=$CACHE/bench-disk-512-v2.img
if [ ! -f "$disk" ]; then
	echo "bench: building $disk"
	stage=$(mktemp -d "$CACHE/stage.XXXXXX")
	head -c 205M /dev/urandom >"$stage/ws"
	head -c 4M /dev/urandom >"$stage/probe.dat"
	{ yes simple-lmk-benchmark-page-cache || true; } | head -c 1536M >"$stage/big"
	for i in $(seq 1 1000); do
		mkdir -p "$stage/tree/d$i"
		head -c 65536 /dev/urandom | split -b 8192 - "$stage/tree/d$i/f"
	done
	truncate -s 3200M "$disk.tmp"
	mkfs.ext4 -q -F -d "$stage" "$disk.tmp"
	rm -rf "$stage"
	mv "$disk.tmp" "$disk"
fi

initrd=
# run_one ARM SCEN DISK REP [MEM [EXTRA]]: one guest boot; its records go
# to runs/, its verdict lines to verdicts.txt.
run_one() {
	local arm=$1 scen=$2 prof=$3 rep=$4 mem=${5:-512} extra=${6:-}
	local id=$scen-$prof-$arm-r$rep opts limit=300 s rc=0
	[ -n "$extra" ] && id=$scen-$prof-$arm-${extra#slmk_nprocs=}-r$rep
	[ "$prof" = hdd ] && opts=$hdd_opts || opts=$ssd_opts
	[ "$scen" = s2 ] && limit=480
	[ "$scen" = s7 ] && limit=480
	[ "$scen" = s6 ] && limit=600
	s=$(date +%s)
	SLMK_RUN_NAME=bench-runs/$id SLMK_INITRD=$initrd SLMK_MEM=$mem \
		SLMK_DISK=$disk SLMK_DRIVE_OPTS=$opts SLMK_VM_TIMEOUT=$limit \
		SLMK_EXTRA="slmk_arm=$arm slmk_scen=$scen slmk_disk=$prof slmk_rep=$rep slmk_tuned=$TUNED hung_task_panic=0 $extra" \
		"$ROOT/scripts/vm.sh" "$KERNEL" bench >"$out/vm.log" 2>&1 || rc=$?
	local dir=$BUILD/$KERNEL/bench-runs/$id
	tr -d '\r' <"$dir/data.txt" >"$out/runs/$id.txt" || true
	cp "$dir/console.log" "$out/runs/$id.console" 2>/dev/null || true
	grep -E '^(PASS|FAIL) ' "$out/vm.log" | sed "s|$KERNEL/|$KERNEL/$id/|" |
		tee -a "$out/verdicts.txt"
	[ -z "$initrd" ] && [ -f "$dir/initramfs.cpio.gz" ] &&
		{ cp "$dir/initramfs.cpio.gz" "$out/initramfs.cpio.gz"; initrd=$out/initramfs.cpio.gz; }
	echo "bench: $(date +%T) $id: $(($(date +%s) - s)) s (rc $rc)"
}

case $what in
runs)
	for rep in $(seq 1 "${SLMK_BENCH_REPS:-1}"); do
		for r in $RUNS; do
			IFS=: read -r arm scen prof n <<<"$r"
			if [ "$scen" = s6 ]; then
				run_one "$arm" s6 "$prof" "$rep" 2048 "slmk_nprocs=${n:-10000}"
			else
				run_one "$arm" "$scen" "$prof" "$rep"
			fi
		done
	done
	;;
smoke)
	for arm in kernel lmkd-psi slmk; do
		run_one $arm s1 ssd 1
	done
	;;
quick)
	for scen in s1 s3; do
		for arm in $ARMS; do
			run_one "$arm" $scen ssd 1
		done
	done
	;;
full)
	# Arms interleaved within each repetition, so that any drift of the
	# host hits them all alike. S2, the case where refaults cost disk
	# reads, and S8, where writes wait for it, run on the HDD-like disk;
	# the others on the SSD-like one
	# (--runs takes any other combination).
	for rep in $(seq 1 "$REPS"); do
		for sp in s1:ssd s2:hdd s3:ssd s4:ssd s5:ssd s7:ssd s8:hdd; do
			for arm in $ARMS; do
				run_one "$arm" "${sp%:*}" "${sp#*:}" "$rep"
			done
		done
		for n in 100 10000; do
			for arm in lmkd-psi slmk; do
				run_one "$arm" s6 ssd "$rep" 2048 "slmk_nprocs=$n"
			done
		done
	done
	for arm in earlyoom lmkd-psi slmk; do
		run_one "$arm" idle ssd 1
	done
	;;
esac

# --- report ------------------------------------------------------------------
resolve_kernel "$KERNEL" >/dev/null
if [ "$KARCH" = arm64 ]; then
	qver="$(qemu-system-aarch64 --version | head -1), \`-M virt\`"
	kpkg=-unsigned:arm64
	kver=$(apt_version "linux-headers-$KREL:arm64")
else
	qver=$(qemu-system-x86_64 --version | head -1)
	kpkg=
	kver=$(dpkg-query -W -f='${Version}' "linux-headers-$KREL")
fi
case $what in
full) cmd="make bench" ;;
quick) cmd="make bench QUICK=1" ;;
smoke) cmd="scripts/bench.sh --smoke" ;;
runs) cmd="SLMK_BENCH_REPS=${SLMK_BENCH_REPS:-1} scripts/bench.sh --runs \"$RUNS\"" ;;
esac
cat >"$out/header.md" <<EOF
Command: \`$cmd\` ($(date -u +%Y-%m-%d), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ", with uncommitted changes"), wall time $(( ($(date +%s) - t0) / 60 )) min).
Kernel: Debian $KREL (\`linux-image-$KREL$kpkg\` $kver).
QEMU: $qver, \`-accel tcg -cpu max -smp 2\`, 512 MiB RAM (S6: 2 GiB), \`-snapshot\` ext4 disk on virtio-blk.
Disk profiles (QEMU read throttling): ssd \`$ssd_opts\`, hdd \`$hdd_opts\`.
Tuned arm: \`$TUNED\`. earlyoom: Debian's package and defaults (\`-r 3600\`). lmkd-psi: \`tests/progs/lmkdpsi.c\`, lmkd's defaults.
Host: $(nproc) CPUs, $(awk '/MemTotal/ {print int($2 / 1048576)}' /proc/meminfo) GiB, $(uname -r).
EOF
"$ROOT/scripts/bench-report.py" --header "$out/header.md" "$out" >"$out/report.log" 2>&1 ||
	{ cat "$out/report.log"; echo "FAIL bench/report: bench-report.py failed" | tee -a "$out/verdicts.txt"; }
echo "bench: $(( ($(date +%s) - t0) / 60 )) min $(( ($(date +%s) - t0) % 60 )) s; report: $out/results.md"

if [ "$what" = smoke ]; then
	"$ROOT/scripts/bench-smoke-check.py" "$out" | tee -a "$out/verdicts.txt"
elif [ "$what" = full ]; then
	mkdir -p "$ROOT/Documentation/bench"
	cp "$out"/results.md "$out"/metrics.json "$out"/*.png "$ROOT/Documentation/bench/"
fi
! grep -q '^FAIL ' "$out/verdicts.txt"
