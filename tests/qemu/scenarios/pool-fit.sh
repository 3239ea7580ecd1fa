# SPDX-License-Identifier: GPL-2.0
# A pool that fits a real memory map: on a 4 GiB q35 machine memory is
# split at 2 GiB by the PCI hole and the kernel's early allocations sit in
# what is left, so no single 2 GiB range is free.  parker_pool=2G is
# reserved as several areas, all of it, and every area gives a partition
# its memory.
# smp: 4
# mem: 4G
# cmdline: parker_pool=2G
# timeout: 300
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
is "all of the 2G reserved" "$(cat $PFS/info/pool_size)" 2147483648
is "info/pool_asked says what was asked" "$(cat $PFS/info/pool_asked)" 2147483648
n=$(wc -l < $PFS/info/pools)
ok_if "in more than one area ($n)" test "$n" -gt 1
is "the log names each area" "$(dmesg | grep -c 'parker: pool parker[0-9]*: ')" "$n"
ok_if "and reports no shortfall" sh -c "! dmesg | grep -q 'parker_pool: reserved'"
ok_if "parkerctl check: pool ok" sh -c "parkerctl check | grep -q '^ok      pool: 2G, 2G free'"

# One partition per area, each as large as its area, largest first: the
# whole pool is given out and nothing is left.
i=0
for size in $(awk '{ print $4 }' $PFS/info/pools | sort -rn); do
	mkdir $PFS/a$i
	ok_if "partition a$i takes a whole area of $((size >> 20))M" sh -c "echo $size > $PFS/a$i/memory"
	i=$((i + 1))
done
is "the pool is all given out" "$(cat $PFS/info/pool_free)" 0
for j in $(seq 0 $((i - 1))); do rmdir $PFS/a$j; done
is "and all back" "$(cat $PFS/info/pool_free)" 2147483648

ok_if "a partition runs in memory of the pool" app_run p idle --cpus 1 --memory 256M
ok_if "stop and destroy" sh -c "parkerctl stop p --force && parkerctl destroy p"
tap_done
