# SPDX-License-Identifier: GPL-2.0
# No slow path blocks crash handling: while kexec_file_load reads a
# partition's image from a slow disk (QEMU throttles the NVMe's reads to
# 256 KiB/s), for seconds, another partition starts, panics and is seen
# crashed.  The same while a destroyed partition's memory is wiped, the
# wipe slowed to 20 s by fault injection (debugfs parker/slow_wipe_ms).
#
# (That a force-stopped partition's devices write nothing more is shown by
# dma-stop with a virtio-net NIC: QEMU's NVMe model maps guest memory when
# a read is submitted and completes throttled reads after a function reset
# with bus mastering off, which real devices do not.)
# smp: 4
# cmdline: parker_pool=512M
# nvme: throttle-read=262144
# timeout: 900
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
mkdir -p /mnt

# The image on the slow disk, out of the page cache.
ok_if "make a file system on the NVMe disk" mke2fs -q /dev/nvme0n1
mount -t ext2 /dev/nvme0n1 /mnt
cp $K /mnt/bzImage
sync
umount /mnt
mount -t ext2 -o ro /dev/nvme0n1 /mnt
echo 3 > /proc/sys/vm/drop_caches

ok_if "b is loaded, to panic at start" sh -c "parkerctl create b --cpus 2 --memory 128M --on-crash stop &&
	parkerctl load b --kernel $K --initrd $I --cmdline '$AUDIT console=ttyS0,115200 app.run=panic'"
parkerctl create a --cpus 1 --memory 128M
t0=$(cut -d' ' -f1 /proc/uptime)
parkerctl load a --kernel /mnt/bzImage --initrd $I --cmdline "$AUDIT console=ttyS0,115200" > /tmp/load 2>&1 &
load=$!
ok_if "a's image is being read from the slow disk: a cannot start meanwhile" \
	wait_for 30 sh -c "errno-of write $PFS/a/command start | grep -q EBUSY"
ok_if "b starts meanwhile" sh -c "echo start > $PFS/b/command"
ok_if "b is seen crashed" wait_for 60 sh -c "[ \$(cat $PFS/b/state) = crashed ]"
ok_if "while a's image was still being read" kill -0 $load
t1=$(cut -d' ' -f1 /proc/uptime)
wait $load
rc=$?
t2=$(cut -d' ' -f1 /proc/uptime)
diag "b crashed after $(echo "$t0 $t1" | awk '{ print $2 - $1 }') s; a's load took $(echo "$t0 $t2" | awk '{ print $2 - $1 }') s"
is "a's load succeeded" "$rc $(cat $PFS/a/state)" "0 loaded"
umount /mnt

# a is destroyed; its wipe takes 20 s.  b starts, panics and is seen
# crashed meanwhile.
crashes() { dmesg | grep -c 'parker: b: its kernel crashed'; }
before=$(crashes)
echo 20000 > /sys/kernel/debug/parker/slow_wipe_ms
rmdir $PFS/a &
destroy=$!
ok_if "a's memory is being wiped: a cannot change meanwhile" \
	wait_for 30 sh -c "errno-of write $PFS/a/cpus 1 | grep -q EBUSY"
ok_if "b starts again meanwhile" sh -c "echo start > $PFS/b/command"
ok_if "b is seen crashed again" wait_for 60 sh -c "[ \$(dmesg | grep -c 'parker: b: its kernel crashed') -gt $before ]"
ok_if "while a was still being destroyed" kill -0 $destroy
wait $destroy
is "a's destroy succeeded" "$? $([ -d $PFS/a ] && echo there || echo gone)" "0 gone"
echo 0 > /sys/kernel/debug/parker/slow_wipe_ms
parkerctl destroy b

tap_done
