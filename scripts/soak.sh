#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# soak.sh [KERNEL]: the soak (tests/vm/soak.sh) on KERNEL (default deb612;
# any target of make vmtest): random episodes for MINUTES (default 60) from
# SEED (default 1), or EPISODE alone (to replay one that failed). Prints
# PASS or FAIL <kernel>/soak with the seed and the episode counts; the
# guest's console log is in build/<kernel>/soak-<seed>[-e<episode>]/.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=${1:-deb612}
seed=${SEED:-1}
minutes=${MINUTES:-60}
[[ $seed =~ ^[0-9]+$ ]] || die "SEED must be a number, not '$seed'"
[[ $minutes =~ ^[0-9]+$ ]] && ((minutes > 0)) ||
	die "MINUTES must be a number above 0, not '$minutes'"
extra="slmk_seed=$seed slmk_minutes=$minutes"
if [ -n "${EPISODE:-}" ]; then
	[[ $EPISODE =~ ^[0-9]+$ ]] || die "EPISODE must be a number, not '$EPISODE'"
	extra="$extra slmk_episode=$EPISODE"
fi
# An episode may run for up to about 10 minutes past the end on a slow
# guest; then the leak check.
SLMK_EXTRA="$extra ${SLMK_EXTRA:-}" SLMK_RUN_NAME=soak-$seed${EPISODE:+-e$EPISODE} \
	SLMK_VM_TIMEOUT=$((minutes * 60 + 900)) \
	exec "$(dirname "$0")/vm.sh" "$kernel" soak
