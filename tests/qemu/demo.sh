# SPDX-License-Identifier: GPL-2.0
# The demonstration, run by the boot kernel's init with demo=1.  It grows
# with Parker: for now it shows the boot kernel and the pieces that exist.
echo
echo "=== Parker demo: the boot kernel ==="
echo "kernel:   $(uname -r)"
echo "CPUs:     $(cat /sys/devices/system/cpu/online) online"
echo "memory:   $(sed -n 's/^MemTotal: *//p' /proc/meminfo)"
echo "cmdline:  $(cat /proc/cmdline)"
echo
echo "--- PCI devices at their fixed addresses ---"
for d in /sys/bus/pci/devices/*; do
	drv=-
	[ -e "$d/driver" ] && drv=$(basename "$(readlink "$d/driver")")
	printf '%s  class %s  %s:%s  driver %s\n' "$(basename "$d")" \
		"$(cat "$d/class")" "$(cat "$d/vendor")" "$(cat "$d/device")" "$drv"
done
echo
echo "--- Parker ---"
parkerctl --version
dmesg | grep -i parker || echo "(no Parker kernel messages yet)"
echo
echo "=== demo done: powering off ==="
