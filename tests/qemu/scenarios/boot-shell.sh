# SPDX-License-Identifier: GPL-2.0
# The boot kernel comes up on the reference machine with everything the
# later scenarios rely on: its CPUs, memory, the PCI devices at their fixed
# addresses, and a working shell with parkerctl.
# smp: 4
# mem: 3G
# timeout: 240
. /tests/lib/tap.sh

is "kernel is the Parker build" "$(uname -r | sed 's/.*-//')" parker
is "4 CPUs online" "$(cat /sys/devices/system/cpu/online)" 0-3
mem_kb=$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)
ok_if "about 3 GiB of memory ($mem_kb kB)" test "$mem_kb" -gt 2800000
for d in 03 04 05 06; do
	ok_if "pci-serial UART at 00:$d.0 bound to serial" \
		test -e "/sys/bus/pci/devices/0000:00:$d.0/driver"
done
for d in 08 09 0a; do
	is "virtio-net at 00:$d.0" \
		"$(cat /sys/bus/pci/devices/0000:00:$d.0/device)" 0x1000
done
is "NVMe at 00:0c.0" "$(cat /sys/bus/pci/devices/0000:00:0c.0/class)" 0x010802
ok_if "NVMe disk visible" wait_for 30 test -b /dev/nvme0n1
ok_if "parkerctl runs" parkerctl --version
ok_if "application kernel image in the initramfs" test -s /parker/bzImage
ok_if "application initrd in the initramfs" test -s /parker/app-initrd.cpio.gz
ok_if "x2APIC support built in" sh -c 'zcat /proc/config.gz | grep -qx CONFIG_X86_X2APIC=y'
ok_if "kexec_file_load built in" sh -c 'zcat /proc/config.gz | grep -qx CONFIG_KEXEC_FILE=y'
tap_done
