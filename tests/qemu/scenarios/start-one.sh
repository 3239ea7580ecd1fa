# SPDX-License-Identifier: GPL-2.0
# An application kernel runs in a partition: 1 CPU, 256 MiB and one
# pci-serial UART, the same bzImage as the boot kernel with a small initrd.
# Its console is that UART; its init reports what it sees.  Meanwhile the
# boot kernel works normally.  Then it is force-stopped, started again,
# destroyed, and the whole cycle runs a second time in the same boot.
# cmdline: parker_pool=1G
# timeout: 600
. /tests/lib/tap.sh
. /tests/lib/parker.sh

CMD="$AUDIT console=ttyS0,115200 app.run=idle"

# Local timer interrupts so far on CPU $1 (its column of /proc/interrupts,
# which has a column per online CPU only).
timer_irqs() {
	awk -v c="CPU$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) col = i + 1 }
		$1 == "LOC:" && col { print $col }' /proc/interrupts
}

# Each online CPU runs a task pinned to it, busy for about 2 s, within
# 30 s, and its local timer interrupts go up meanwhile (a busy CPU takes
# its ticks).  A CPU the partition had stopped or whose timer it had taken
# fails.
boot_cpus_work() {
	for c in $(tr , '\n' < /sys/devices/system/cpu/online |
		awk -F- '{ e = NF > 1 ? $2 : $1; for (i = $1; i <= e; i++) print i }'); do
		a=$(timer_irqs $c)
		rm -f /tmp/worked
		taskset -c $c sh -c 'end=$(($(date +%s) + 2))
			while [ $(date +%s) -lt $end ]; do :; done
			touch /tmp/worked' &
		if ! wait_for 30 test -e /tmp/worked; then
			echo "CPU $c: a task pinned to it did not finish within 30 s"
			return 1
		fi
		b=$(timer_irqs $c)
		echo "CPU $c: local timer interrupts $a -> $b"
		[ "${b:-0}" -gt "${a:-0}" ] || return 1
	done
}
cycle() {
	n=$1
	initial=$(snapshot)
	ok_if "cycle $n: create web (1 CPU, 256M, UART 00:03.0)" \
		parkerctl create web --cpus 1 --memory 256M --device 0000:00:03.0
	is "cycle $n: ready" "$(cat $PFS/web/state)" ready
	ok_if "cycle $n: load the bzImage and initrd" parkerctl load web \
		--kernel /parker/bzImage --initrd /parker/app-initrd.cpio.gz --cmdline "$CMD"
	is "cycle $n: loaded" "$(cat $PFS/web/state)" loaded
	ok_if "cycle $n: start and wait for running" parkerctl start web --wait 120
	is "cycle $n: running" "$(cat $PFS/web/state)" running
	ok_if "cycle $n: its boot log is in the console ring from the first line" \
		sh -c "head -1 $PFS/web/console | grep -q 'Linux version'"
	ok_if "cycle $n: its init reported (console ring)" \
		wait_for 60 grep -q PARKER-APP-REPORT $PFS/web/console
	ok_if "cycle $n: ... exactly 1 CPU, no ACPI, its UART only" \
		grep -q "PARKER-APP-REPORT cpus=0 ncpus=1 memtotal_kb=[0-9]* pci=0000:00:03.0 acpi=no" $PFS/web/console
	ok_if "cycle $n: list shows it running" sh -c "parkerctl list | grep -q '^web .* running '"

	# The boot kernel keeps working on its CPUs meanwhile.
	is "cycle $n: boot kernel CPUs" "$(cat /sys/devices/system/cpu/online)" 0,2-3
	ok_if "cycle $n: each boot kernel CPU runs work and takes its timer interrupts" \
		boot_cpus_work
	is "cycle $n: UART still held" "$(driver_of 0000:00:03.0)" parker
	expect_errno "cycle $n: rmdir while running" EBUSY rmdir $PFS/web
	expect_errno "cycle $n: memory change while loaded" EBUSY write $PFS/web/memory 128M

	ok_if "cycle $n: force-stop" parkerctl stop web --force
	is "cycle $n: stopped" "$(cat $PFS/web/state)" stopped
	ok_if "cycle $n: start again" parkerctl start web --wait 120
	is "cycle $n: running again" "$(cat $PFS/web/state)" running
	ok_if "cycle $n: its init reported (console ring)" \
		wait_for 60 grep -q PARKER-APP-REPORT $PFS/web/console
	ok_if "cycle $n: force-stop again" parkerctl stop web --force
	ok_if "cycle $n: destroy" parkerctl destroy web
	is "cycle $n: everything back with the boot kernel" "$(snapshot)" "$initial"
	ok_if "cycle $n: CPU 1 runs boot-kernel work again" taskset -c 1 true
}

parker_mount
cycle 1
cycle 2
# What the application kernel printed on its own UART (checked by the harness).
echo "PARKER-CHECK-UART uart0 its boot log is on its UART, 4 boots|Linux version .*-parker|4"
echo "PARKER-CHECK-UART uart0 it ran in instance mode|parker: instance mode: partition web \(id 1\), 1 CPU\(s\)|4"
echo "PARKER-CHECK-UART uart0 it polled its own UART, not COM1|serial 0000:00:03.0: no IRQ routed, polling the port|4"
echo "PARKER-CHECK-UART uart0 /init saw exactly 1 CPU|PARKER-APP-REPORT cpus=0 ncpus=1|4"
echo "PARKER-CHECK-UART uart0 /init saw no more than 256 MiB|memtotal_kb=(2[0-5][0-9]{4}|1[0-9]{5}|[0-9]{1,5})|4"
echo "PARKER-CHECK-UART uart0 /init saw exactly one PCI device, its UART|pci=0000:00:03.0 acpi=|4"
echo "PARKER-CHECK-UART uart0 /init saw no ACPI|acpi=no|4"
echo "PARKER-CHECK-UART uart0 it ran in audit mode, as parker.audit=1 asks|parker: audit mode: machine-global hardware access is reported|4"
tap_done
