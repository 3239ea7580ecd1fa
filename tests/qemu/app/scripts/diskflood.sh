# SPDX-License-Identifier: GPL-2.0
# Keep the NVMe disk busy with DMA into memory: four readers of the raw
# disk, direct I/O in 1 MiB requests, for ever.
. /app/lib.sh
disk=/dev/nvme0n1
for i in 1 2 3 4 5 6 7 8 9 10; do [ -b $disk ] && break; sleep 1; done
[ -b $disk ] || { result diskflood fail no disk; exit 0; }
for r in 1 2 3 4; do
	(while :; do dd if=$disk of=/dev/null bs=1M iflag=direct 2> /dev/null; done) &
done
sleep 2
result diskflood ok readers=4
wait
