# SPDX-License-Identifier: GPL-2.0
# When the boot kernel powers off with partitions running, it stops them
# first, a bounded wait and then force, and says so in its log.  The
# scenario leaves two partitions running, one that powers off when asked
# and one that hangs; the harness checks the logs after the power-off.
# Before that, suspending the boot kernel is refused while they run.
# smp: 4
# cmdline: parker_pool=1G
# timeout: 300
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
ok_if "web runs" app_run web idle --cpus 1 --memory 256M --device 0000:00:03.0
ok_if "stuck runs" app_run stuck hang --cpus 2 --memory 256M --device 0000:00:04.0
# Suspend would stop the machine under them: refused, and said why.
ok_if "the boot kernel can suspend (to idle)" grep -qw freeze /sys/power/state
is "suspend while partitions run: EBUSY" "$(errno-of write /sys/power/state freeze)" EBUSY
ok_if "the log says why" sh -c "dmesg | grep -q 'parker: web is running: suspend refused while partitions run'"
is "web still runs" "$(cat $PFS/web/state)" running
tap_done
echo "PARKER-CHECK-UART console the boot kernel asked web to power off|web: boot kernel going to power off: asking it to power off|1"
echo "PARKER-CHECK-UART uart0 web powered off in an orderly way|the boot kernel asks for a poweroff|1"
echo "PARKER-CHECK-UART console stuck did not stop and was forced|stuck: did not stop within 10000 ms: forced|1"
echo "PARKER-CHECK-UART console the boot kernel says all are stopped before it goes|all partitions stopped before the boot kernel's power off|1"
