# SPDX-License-Identifier: GPL-2.0
# The partition's NVMe disk: make a file system, write 4 MiB, sync, mount
# again, read back; report both checksums.
. /app/lib.sh
disk=/dev/nvme0n1
for i in 1 2 3 4 5 6 7 8 9 10; do [ -b $disk ] && break; sleep 1; done
mkfs.ext2 -q $disk > /dev/null 2>&1 || mke2fs -q $disk > /dev/null 2>&1
mount -t ext2 $disk /mnt || { result disk fail mount; exit 0; }
dd if=/dev/urandom of=/mnt/data bs=1M count=4 2> /dev/null
wrote=$(sha256sum < /mnt/data | cut -d' ' -f1)
sync
umount /mnt
mount -t ext2 $disk /mnt || { result disk fail remount; exit 0; }
read=$(sha256sum < /mnt/data | cut -d' ' -f1)
umount /mnt
result disk write sha256=$wrote readback=$read
