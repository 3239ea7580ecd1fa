# SPDX-License-Identifier: GPL-2.0
# An NVMe disk in a partition: file system, write, sync, read back,
# checksum; its contents are there again for a new partition started with
# the same disk after the first was destroyed.
# smp: 4
# cmdline: parker_pool=1G
# timeout: 600
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
ok_if "run a partition with the NVMe disk 00:0c.0" \
	app_run db diskwrite --cpus 1-2 --memory 256M --device 0000:00:03.0 --device 0000:00:0c.0
ok_if "the boot kernel no longer sees the disk" test ! -e /dev/nvme0n1
# With DMA remapping on (the default) the disk's DMA goes through db's domain.
diag "db's DMA: $(cat $PFS/db/dma), $(ls /sys/kernel/iommu_groups | wc -l) IOMMU groups"
r=$(app_result db "disk write")
sum=$(echo "$r" | sed -n 's/.*sha256=\([0-9a-f]*\) .*/\1/p')
ok_if "it wrote 4 MiB ($r)" test -n "$sum"
is "what it read back after a remount matches" "$(echo "$r" | sed 's/.*readback=//')" "$sum"
ok_if "force-stop and destroy" sh -c "parkerctl stop db --force && parkerctl destroy db"
is "the disk is back with the boot kernel" \
	"$(basename "$(readlink /sys/bus/pci/devices/0000:00:0c.0/driver)")" nvme

ok_if "a new partition with the same disk" \
	app_run db2 diskread --cpus 3 --memory 256M --device 0000:00:04.0 --device 0000:00:0c.0
is "it reads the same data" "$(app_result db2 'disk read')" "disk read sha256=$sum"
ok_if "force-stop and destroy it" sh -c "parkerctl stop db2 --force && parkerctl destroy db2"
ok_if "the boot kernel sees its disk again" wait_for 30 test -b /dev/nvme0n1
mkdir -p /mnt
ok_if "and the file system the partition made" mount -t ext2 -o ro /dev/nvme0n1 /mnt
is "with the partition's data" "$(sha256sum < /mnt/data | cut -d' ' -f1)" "$sum"
umount /mnt
tap_done
