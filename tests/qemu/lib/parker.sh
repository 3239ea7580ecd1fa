# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Helpers for scenarios that manage partitions through /sys/fs/parker.

PFS=/sys/fs/parker
# Audit mode for the partitions a scenario starts: the boot kernel's
# command line says (run-scenario.sh puts parker.audit=1 there).
AUDIT=$(tr ' ' '\n' < /proc/cmdline | grep -x 'parker.audit=1')
# Which machine this is: uefi (the reference: OVMF, x2APIC) or bios (the
# legacy machine: SeaBIOS, xAPIC); run-scenario.sh says machine=.
MACHINE=$(tr ' ' '\n' < /proc/cmdline | sed -n 's/^machine=//p')

# marker_count HEX [NAME]: how many 64-bit words HEX the free pool holds, or
# partition NAME's memory (the boot kernel's debugfs parker/scan).
marker_count() {
	echo "$1 ${2:-}" > /sys/kernel/debug/parker/scan && cat /sys/kernel/debug/parker/scan
}

parker_mount() {
	[ -d $PFS/info ] || mount -t parker parker $PFS
}

# The boot kernel's view of everything Parker can take: online CPUs, the
# pool, every partition's holdings and every PCI device's driver.  Two
# equal snapshots mean nothing changed.
snapshot() {
	echo "online $(cat /sys/devices/system/cpu/online)"
	echo "pool_free $(cat $PFS/info/pool_free)"
	for p in $PFS/*/; do
		[ "$p" = "$PFS/info/" ] && continue
		echo "partition $(basename "$p") $(cat "$p/id") $(cat "$p/state")" \
			"cpus=$(cat "$p/cpus") mem=$(cat "$p/memory")" \
			"devs=$(cat "$p/devices" | tr '\n' ,) smt=$(cat "$p/smt_split")"
	done
	for d in /sys/bus/pci/devices/*; do
		drv=none
		[ -e "$d/driver" ] && drv=$(basename "$(readlink "$d/driver")")
		echo "device $(basename "$d") $drv"
	done
}

# expect_errno DESC ERRNO errno-of-args...: one test: the operation fails
# with ERRNO (or succeeds, for OK) and, when it fails, changes nothing.
expect_errno() {
	desc=$1 want=$2
	shift 2
	before=$(snapshot)
	got=$(errno-of "$@")
	after=$(snapshot)
	if [ "$got" != "$want" ]; then
		tap_result 1 "$desc: $want"
		echo "#   got $got"
		echo "#   last_cmd_status: $(cat $PFS/info/last_cmd_status)"
		return
	fi
	if [ "$want" != OK ] && [ "$before" != "$after" ]; then
		tap_result 1 "$desc: $want, nothing changed"
		echo "$before" > /tmp/before
		echo "$after" > /tmp/after
		diff /tmp/before /tmp/after | sed 's/^/#   /'
		return
	fi
	if [ "$want" != OK ]; then
		tap_result 0 "$desc: $want, nothing changed ($(cat $PFS/info/last_cmd_status))"
	else
		tap_result 0 "$desc"
	fi
}

driver_of() {
	d=/sys/bus/pci/devices/$1
	if [ -e "$d/driver" ]; then
		basename "$(readlink "$d/driver")"
	else
		echo none
	fi
}
