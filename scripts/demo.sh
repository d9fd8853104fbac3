#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: boot Debian's 6.12 kernel in QEMU, load Simple LMK, run a few
# apps at graded oom_score_adj and a memory hog, and show what happened.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$ROOT/scripts/deps.sh"
echo "Booting Debian's 6.12 kernel in QEMU (TCG), this takes a minute..."
"$ROOT/scripts/vm.sh" deb612 demo | grep -v '^PASS '
