# SPDX-License-Identifier: GPL-2.0
# Read back what an earlier partition wrote on the NVMe disk.
. /app/lib.sh
disk=/dev/nvme0n1
for i in 1 2 3 4 5 6 7 8 9 10; do [ -b $disk ] && break; sleep 1; done
mount -t ext2 -o ro $disk /mnt || { result disk fail mount; exit 0; }
result disk read sha256=$(sha256sum < /mnt/data | cut -d' ' -f1)
umount /mnt
