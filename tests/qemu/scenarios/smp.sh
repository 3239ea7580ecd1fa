# SPDX-License-Identifier: GPL-2.0
# An SMP application kernel: the partition's secondary CPUs wait in the
# mailbox and the application kernel brings them up with no INIT or SIPI;
# it takes them offline and online again itself.
# smp: 4
# cmdline: parker_pool=1G
# timeout: 600
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
ok_if "run a 3-CPU partition" app_run web hotplug --cpus 1-3 --memory 256M --device 0000:00:03.0
is "the boot kernel keeps CPU 0" "$(cat /sys/devices/system/cpu/online)" 0
r=$(app_report web)
is "the application kernel sees 3 CPUs" "$(echo "$r" | sed 's/.*ncpus=\([0-9]*\).*/\1/')" 3
is "its CPUs are 0-2" "$(echo "$r" | sed 's/^cpus=\([^ ]*\).*/\1/')" 0-2
ok_if "it brought them up through the mailbox" grep -q "smp: Brought up 1 node, 3 CPUs" $PFS/web/console
ok_if "with no INIT or SIPI of its own" sh -c "grep -q 'wakeup_secondary_cpu_64() replaced with parker_wakeup_cpu' $PFS/web/console"
is "it took each CPU offline and online again" "$(app_result web hotplug)" "hotplug ok cpus=0-2"
is "the boot kernel's own CPU view is unchanged" "$(cat /sys/devices/system/cpu/online)" 0
# The reference machine runs both kernels in x2APIC mode (interrupt
# remapping with eim=on); the legacy machine in xAPIC mode.
apic_mode() { grep -q 'Switched APIC routing to: .*x2apic' "$1" && echo x2apic || echo xapic; }
want=xapic
[ "$MACHINE" = uefi ] && want=x2apic
dmesg > /tmp/boot-dmesg
is "the boot kernel's APIC mode on the $MACHINE machine" "$(apic_mode /tmp/boot-dmesg)" $want
is "the application kernel's too" "$(apic_mode $PFS/web/console)" $want
ok_if "force-stop" parkerctl stop web --force
ok_if "start again: all 3 CPUs come back" sh -c "parkerctl start web --wait 180"
r=$(app_report web)
is "the restarted kernel sees 3 CPUs" "$(echo "$r" | sed 's/.*ncpus=\([0-9]*\).*/\1/')" 3
ok_if "force-stop and destroy" sh -c "parkerctl stop web --force && parkerctl destroy web"
is "all CPUs back with the boot kernel" "$(cat /sys/devices/system/cpu/online)" 0-3
tap_done
