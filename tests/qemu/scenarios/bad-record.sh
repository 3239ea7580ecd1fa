# SPDX-License-Identifier: GPL-2.0
# An application kernel that finds a Parker record it cannot use (here the
# next version, by fault injection: /sys/kernel/debug/parker/bad_record)
# does not know its partition and must not boot on as the owner of the
# machine, which would bring up every CPU the firmware tables list and
# probe every device: it halts in setup_arch().  The boot kernel sees a
# kernel that never reaches init, keeps all of its own CPUs and devices,
# takes the partition's CPUs back, and the same image starts with a good
# record.
# smp: 4
# cmdline: parker_pool=512M
# timeout: 400
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
F=/sys/kernel/debug/parker/bad_record

# Each online CPU of the boot kernel runs a task pinned to it.
boot_cpus_run() {
	for c in $(tr , '\n' < /sys/devices/system/cpu/online |
		awk -F- '{ e = NF > 1 ? $2 : $1; for (i = $1; i <= e; i++) print i }'); do
		rm -f /tmp/ran
		taskset -c $c touch /tmp/ran &
		wait_for 30 test -e /tmp/ran || { echo "CPU $c ran nothing"; return 1; }
	done
}

ok_if "web is created and loaded (CPUs 2-3)" sh -c "parkerctl create web --cpus 2-3 --memory 128M &&
	parkerctl load web --kernel $K --initrd $I --cmdline '$AUDIT console=ttyS0,115200 app.run=idle'"
drivers=$(driver_of 0000:00:08.0)
echo 1 > $F
ok_if "web starts with a record of the next version" parkerctl start web
v=$(dmesg | sed -n 's/.*web: fault injection: record version \([0-9]*\)$/\1/p')
ok_if "the boot kernel says it wrote one (version ${v:-none}, past the first)" test "${v:-0}" -ge 2
ok_if "its kernel never reaches init: unresponsive within 120 s" \
	wait_for 120 sh -c "test \"\$(cat $PFS/web/state)\" = unresponsive"
ok_if "the reason says so ($(cat $PFS/web/reason))" \
	grep -q "did not reach init within 60 s" $PFS/web/reason
is "it never set up its console ring" "$(cat $PFS/web/console_head)" 0
is "the boot kernel keeps its CPUs" "$(cat /sys/devices/system/cpu/online)" 0-1
ok_if "each of them still runs tasks" boot_cpus_run
is "its NIC keeps its driver" "$(driver_of 0000:00:08.0)" "$drivers"
ok_if "force-stop brings every CPU of web back" parkerctl stop web --force
is "web: stopped" "$(cat $PFS/web/state)" stopped
is "the fault is used up" "$(cat $F)" 0
ok_if "the same image starts with a good record and runs" parkerctl start web --wait 180
r=$(app_report web)
is "... and its init sees its 2 CPUs" "$(echo "$r" | sed 's/.*ncpus=\([0-9]*\).*/\1/')" 2
ok_if "destroy web" sh -c "parkerctl stop web --force && parkerctl destroy web"
is "the boot kernel has every CPU back" "$(cat /sys/devices/system/cpu/online)" 0-3
tap_done
