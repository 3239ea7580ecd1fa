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

CMD="console=ttyS0,115200 app.run=idle"
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
	sum=$(seq 1 20000 | awk '{ s += $1 } END { print s }')
	is "cycle $n: boot kernel workload result" "$sum" 200010000
	ok_if "cycle $n: boot kernel shell answers" sh -c 'echo alive | grep -q alive'
	is "cycle $n: boot kernel CPUs" "$(cat /sys/devices/system/cpu/online)" 0,2-3
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
tap_done
