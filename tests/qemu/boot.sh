#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the reference machine interactively.
#   tests/qemu/boot.sh demo    the demonstration, then power off
#   tests/qemu/boot.sh shell   a shell on the boot kernel (poweroff -f leaves;
#                              Ctrl-A X kills QEMU)
# The boot kernel's console is this terminal; the UARTs of partitions are
# logged in build/demo/uart*.log.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
# shellcheck source=machine.sh
. "$ROOT/tests/qemu/machine.sh"

mode=${1:-shell}
log=$BUILD/$mode
mkdir -p "$log"
make_disk "$log"
mapfile -t args < <(machine_args "$log" "${SMP:-4}" "${MEM:-3G}" "${CPU:-max}")

# no_timer_check: see run-scenario.sh.
extra="parker_pool=1G no_timer_check"
[ "$mode" = demo ] && extra="$extra demo=1 loglevel=4"

echo "boot: $mode on the reference machine (q35, TCG, ${SMP:-4} CPUs, ${MEM:-3G}); UART logs in $log"
exec qemu-system-x86_64 "${args[@]}" \
	-kernel "$BUILD/bzImage" -initrd "$BUILD/initramfs.cpio.gz" \
	-append "console=ttyS0,115200 panic=-1 $extra" \
	-serial mon:stdio
