# SPDX-License-Identifier: GPL-2.0
# A partition of more than 64 CPUs: 66 of the machine's 68.  Its kernel
# brings every one up through the mailbox, the boot kernel watches the
# heartbeat of each (a hang of the last one is seen), each halts on the
# stop NMI, and all of them come back to the boot kernel.  Nine minutes
# under TCG on two host cores (66 vCPUs spin in the mailbox meanwhile):
# LONG=1 make test runs it.
# long: yes
# smp: 68
# cmdline: parker_pool=512M
# timeout: 1500
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
# Read while every CPU is online here: /proc/cpuinfo lists online CPUs only.
apic67=$(sed -n 's/^apicid[^0-9]*//p' /proc/cpuinfo | sed -n 68p)
state_is() { test "$(cat $PFS/big/state)" = "$1"; }

ok_if "run a 66-CPU partition that hangs its last CPU" \
	app_run big hanglast --cpus 2-67 --memory 256M --device 0000:00:03.0
is "the boot kernel keeps CPUs 0-1" "$(cat /sys/devices/system/cpu/online)" 0-1
r=$(app_report big)
is "the application kernel sees 66 CPUs" "$(echo "$r" | sed 's/.*ncpus=\([0-9]*\).*/\1/')" 66
is "online there: 0-65" "$(echo "$r" | sed 's/^cpus=\([^ ]*\).*/\1/')" 0-65
ok_if "it brought them up through the mailbox" grep -q "smp: Brought up 1 node, 66 CPUs" $PFS/big/console
is "the workload hangs CPU 65 of 65" "$(app_result big hanglast)" "hanglast cpu=65"
ok_if "unresponsive: the 66th CPU's heartbeat is watched" wait_for 120 state_is unresponsive
is "the reason names the machine's CPU 67" "$(cat $PFS/big/reason)" \
	"heartbeat of its CPU 67 (APIC ${apic67:-none}) lost"
ok_if "force-stop" parkerctl stop big --force
ok_if "every CPU, the hung one and those past the 64th too, halted on the stop NMI before INIT" \
	sh -c "dmesg | grep -q 'big: 66 of 66 CPUs left VMX operation and halted on the stop NMI'"
ok_if "destroy" parkerctl destroy big
is "all 68 CPUs back with the boot kernel" "$(cat /sys/devices/system/cpu/online)" 0-67
# What a scheduler warning on a dying CPU found on its run queue.
dmesg | grep -A4 'enqueued tasks' | head -24 | sed 's/^/# /'
tap_done
