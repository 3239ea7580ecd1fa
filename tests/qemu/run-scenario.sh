#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the reference machine once for one scenario and report its TAP lines.
#
#   tests/qemu/run-scenario.sh NAME
#
# The scenario (tests/qemu/scenarios/NAME.sh) runs as the boot kernel's init
# job and prints TAP lines on the console.  Its header may set:
#   # smp: N   # mem: SIZE   # cpu: MODEL   # numa: NODES
#   # cmdline: EXTRA KERNEL ARGUMENTS   # timeout: SECONDS
#   # console: uartN (the console is that PCI UART, not COM1)
#   # testdevs: N   # nvme: throttle-read=BYTES   # edu: yes   (machine.sh)
#   # audit: off | violations expected
# Logs stay in build/tests/NAME/ (console.log, uart*.log, qemu.log).
# MACHINE_FIRMWARE=bios boots the legacy machine instead of OVMF.
# SCENARIO_CMDLINE="ARGS" adds ARGS to the boot kernel's command line.
# PARKER_DEBUG=1 adds COM2 (com2.log, for earlyprintk=serial,0x2f8 in a
# partition's command line) and QEMU's CPU reset and guest error log.
# QEMU_TRACE=EVENTS writes QEMU's trace events to trace.log, with times
# (QEMU_TRACE=pci_cfg_write shows every config write and where it landed).
# Prints "ok - NAME: ..." / "not ok - NAME: ..." lines; a scenario that does
# not finish (hang, panic, time limit) adds one "not ok".  Exit status 1 if
# anything failed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
# shellcheck source=machine.sh
. "$ROOT/tests/qemu/machine.sh"

name=${1:?usage: run-scenario.sh NAME}
script=$ROOT/tests/qemu/scenarios/$name.sh
[ -f "$script" ] || { echo "run-scenario: no scenario '$name' (see tests/qemu/scenarios/)" >&2; exit 2; }

header() { sed -n "s/^# $1: *//p" "$script" | head -1; }
smp=$(header smp); smp=${smp:-4}
mem=$(header mem); mem=${mem:-3G}
cpu=$(header cpu); cpu=${cpu:-max}
numa=$(header numa)
timeout=$(header timeout); timeout=${timeout:-300}
timeout=$((timeout * ${PARKER_TIMEOUT_SCALE:-1}))
# SCENARIO_CMDLINE adds to the header's (SCENARIO_CMDLINE=intel_iommu=off
# runs a scenario with DMA remapping off).
extra="$(header cmdline) ${SCENARIO_CMDLINE:-}"
# "# console: uartN": the boot kernel's console is that PCI UART (ttyS4+N)
# instead of COM1; the 8250 driver drives one console at a time.
console_uart=$(header console)
# "# testdevs: N" adds N pci-testdev functions from 00:10.0 on;
# "# nvme: throttle-read=BYTES" throttles the NVMe disk's reads (machine.sh).
MACHINE_TESTDEVS=$(header testdevs)
MACHINE_NVME_THROTTLE=$(header nvme | sed -n 's/^throttle-read=//p')
MACHINE_EDU=$(header edu | sed -n 's/^yes$/1/p')
export MACHINE_TESTDEVS MACHINE_NVME_THROTTLE MACHINE_EDU

# The legacy-BIOS machine (MACHINE_FIRMWARE=bios) runs a scenario under
# its own label, NAME-bios, with its own logs.
MACHINE_FIRMWARE=${MACHINE_FIRMWARE:-uefi}
export MACHINE_FIRMWARE
label=$name
[ "$MACHINE_FIRMWARE" = uefi ] || label=$name-$MACHINE_FIRMWARE
log=$BUILD/tests/$label
rm -rf "$log"
mkdir -p "$log"
make_disk "$log"

mapfile -t args < <(machine_args "$log" "$smp" "$mem" "$cpu" "$numa")
console=ttyS0
conlog=$log/console.log
if [ -n "$console_uart" ]; then
	console=ttyS$((4 + ${console_uart#uart}))
	conlog=$log/$console_uart.log
fi
# log_buf_len: the boot kernel's log must keep its start until init reads
# it at the end (see the "PARKER-KLOG" check below).
# Partitions run in audit mode (parker.audit=1, which the scenarios pass
# on from here to their command lines) unless the header says "# audit: off".
# no_timer_check: check_timer() wants 5 IOAPIC timer ticks within 160M
# TSC cycles (about 60 ms) of early boot and panics ("timer doesn't work
# through Interrupt-remapped IO-APIC") when a TCG vCPU is descheduled
# meanwhile, as it was once in a suite run (many, 8 CPUs) with nothing else
# running; KVM, Hyper-V and VMware guests turn the check off for the same
# reason (kvm_init_platform(), ms_hyperv_init_platform(), vmware).
audit_arg=parker.audit=1
[ "$(header audit)" = off ] && audit_arg=
cmdline="panic=-1 loglevel=4 log_buf_len=4M no_timer_check scenario=$name machine=$MACHINE_FIRMWARE $extra $audit_arg console=$console,115200"

qemu_pid=""
cleanup() {
	if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then
		kill -KILL "$qemu_pid" 2>/dev/null || true
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start=$(date +%s)
qemu-system-x86_64 "${args[@]}" \
	-kernel "$BUILD/bzImage" -initrd "$BUILD/initramfs.cpio.gz" \
	-append "$cmdline" \
	-chardev "file,id=con,path=$log/console.log" -serial chardev:con \
	${PARKER_DEBUG:+-serial file:$log/com2.log -d cpu_reset,guest_errors -D $log/qemu-debug.log} \
	${QEMU_TRACE:+-msg timestamp=on -trace $QEMU_TRACE -D $log/trace.log} \
	-pidfile "$log/qemu.pid" > "$log/qemu.log" 2>&1 &
qemu_pid=$!

# Wait for QEMU to exit (the scenario powers the machine off), or the limit.
status=0
while kill -0 "$qemu_pid" 2>/dev/null; do
	if [ $(( $(date +%s) - start )) -ge "$timeout" ]; then
		status=timeout
		kill -KILL "$qemu_pid" 2>/dev/null || true
		break
	fi
	sleep 1
done
wait "$qemu_pid" 2>/dev/null || true
qemu_pid=""
elapsed=$(( $(date +%s) - start ))

# TAP lines may have kernel messages in front of them on the same line.
tr -d '\r' < "$conlog" | grep -a -E '^(not )?ok [0-9]+( .*)?$' > "$log/tap" || true
sed -E "s/^(not )?ok [0-9]+ *(- *)?/\1ok - $label: /" "$log/tap"
# The scenario's own results, before the harness adds its checks: a
# scenario whose script did not run reports none.
own=$(wc -l < "$log/tap")

# A partition's console is a QEMU file the scenario cannot see.  The
# scenario names what must be in it with lines
#   PARKER-CHECK-UART uartN DESCRIPTION|EXTENDED-REGEX|COUNT
# and the harness checks uartN.log for at least COUNT matching lines.
tr -d '\r' < "$conlog" | sed -n 's/^PARKER-CHECK-UART //p' |
while read -r uart rest; do
	desc=${rest%%|*}
	pattern=${rest#*|}
	want=${pattern##*|}
	pattern=${pattern%|*}
	got=$(tr -d '\r' < "$log/$uart.log" | grep -c -E -- "$pattern" || true)
	if [ "$got" -ge "$want" ]; then
		echo "ok - $label: $uart: $desc"
	else
		echo "not ok - $label: $uart: $desc (found $got of $want lines matching /$pattern/)"
	fi
done > "$log/uart-checks"
cat "$log/uart-checks"
cat "$log/uart-checks" >> "$log/tap"

# JSON a scenario printed ("PARKER-JSON-NAME {...}") must parse on the host.
tr -d '\r' < "$conlog" | sed -n 's/^PARKER-JSON-\([A-Z]*\) /\1 /p' |
while read -r what json; do
	if printf '%s' "$json" | python3 -c 'import json, sys; json.load(sys.stdin)' 2> /dev/null; then
		echo "ok - $label: $what JSON parses on the host"
	else
		echo "not ok - $label: $what JSON parses on the host"
	fi
done | tee -a "$log/tap"

# Audit mode: application kernels touched no machine-wide hardware, unless
# the scenario says "# audit: violations expected".
audit=$(tr -d '\r' < "$conlog" | sed -n 's/^PARKER-AUDIT violations=//p' | tail -1)
if [ -n "$audit" ] && [ "$(header audit)" != "violations expected" ]; then
	if [ "$audit" = 0 ]; then
		echo "ok - $label: audit: no application kernel touched machine-wide hardware" | tee -a "$log/tap"
	else
		echo "not ok - $label: audit: $audit violations (see the partitions' consoles)" | tee -a "$log/tap"
	fi
fi

# The boot kernel's own log: no warning, BUG, oops or lockdep report in it,
# whatever the scenario's own checks said.  loglevel=4 keeps warnings off
# the console, so init reads the log after the scenario and prints
# "PARKER-KLOG bad=N" with the lines found (rootfs/init, klog_check).  A
# scenario that reached its end without that line fails too.
klog=$(tr -d '\r' < "$conlog" | sed -n 's/.*PARKER-KLOG bad=\([0-9][0-9]*\)$/\1/p' | tail -1)
if [ -n "$klog" ] || grep -q "PARKER-SCENARIO-END $name" "$conlog"; then
	desc="boot kernel logged no warning, BUG, oops or lockdep report"
	if [ -z "$klog" ]; then
		echo "not ok - $label: $desc (init printed no PARKER-KLOG line)" | tee -a "$log/tap"
	elif [ "$klog" = 0 ]; then
		echo "ok - $label: $desc" | tee -a "$log/tap"
	else
		echo "not ok - $label: $desc ($klog found)" | tee -a "$log/tap"
		tr -d '\r' < "$conlog" | sed -n 's/.*PARKER-KLOG-\(LINE\|CONTEXT\) /#   /p'
	fi
fi

failed=$(grep -c '^not ok' "$log/tap" || true)
passed=$(grep -c '^ok' "$log/tap" || true)
if [ "$status" = timeout ]; then
	echo "not ok - $label: finished within its ${timeout}s limit (killed; logs in $log)"
	failed=$((failed + 1))
elif ! grep -q "PARKER-SCENARIO-END $name" "$conlog"; then
	echo "not ok - $label: ran to its end (machine stopped early; logs in $log)"
	failed=$((failed + 1))
elif [ "$own" = 0 ]; then
	echo "not ok - $label: reported at least one result of its own"
	failed=$((failed + 1))
fi
echo "# $label: $passed passed, $failed failed in ${elapsed}s (logs: $log)"
[ "$failed" = 0 ]
