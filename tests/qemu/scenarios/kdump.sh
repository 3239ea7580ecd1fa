# SPDX-License-Identifier: GPL-2.0
# kdump and running partitions exclude each other: a kdump capture kernel
# probes every PCI device, those partitions drive included.  With no
# partition running a kdump kernel loads; while one is loaded no partition
# starts, and says why; once it is unloaded the partition starts; while
# a partition runs, loading a kdump kernel is refused with EBUSY and a log
# line; once the partition is stopped, kdump loads again.
# cmdline: parker_pool=512M crashkernel=128M
# timeout: 300
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
loaded() { cat /sys/kernel/kexec_crash_loaded; }

is "no partition: a kdump kernel loads" "$(errno-of kdump $K)" OK
is "... and is loaded" "$(loaded)" 1

ok_if "web is created and loaded" sh -c "parkerctl create web --cpus 1 --memory 128M &&
	parkerctl load web --kernel $K --initrd $I --cmdline '$AUDIT console=ttyS0,115200'"
is "with kdump loaded, web does not start" "$(errno-of write $PFS/web/command start)" EBUSY
ok_if "... and the reason names kdump" grep -q "a kdump kernel is loaded" $PFS/info/last_cmd_status
is "... web is still loaded" "$(cat $PFS/web/state)" loaded

is "kdump unloads" "$(errno-of kdump-unload)" OK
is "... and is not loaded" "$(loaded)" 0
ok_if "now web starts" parkerctl start web --wait 120

is "web running: a kdump kernel is refused" "$(errno-of kdump $K)" EBUSY
is "... nothing was loaded" "$(loaded)" 0
ok_if "... and the boot kernel's log says why" \
	sh -c "dmesg | grep -q 'kdump kernel refused: partition web is running'"
is "web kept running" "$(cat $PFS/web/state)" running

ok_if "web stops" parkerctl stop web --force
is "web stopped: kdump loads again" "$(errno-of kdump $K)" OK
is "... and is loaded" "$(loaded)" 1
is "kdump unloads" "$(errno-of kdump-unload)" OK
parkerctl destroy web
tap_done
