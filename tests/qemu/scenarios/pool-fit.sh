# SPDX-License-Identifier: GPL-2.0
# A pool that fits a real memory map: on a 4 GiB q35 machine memory is
# split at 2 GiB by the PCI hole and the kernel's early allocations sit in
# what is left, so no single 2 GiB range is free.  parker_pool=2G is
# reserved as several areas, all of it, and every area gives a partition
# its memory.  A partition larger than any one area gets its memory as
# several ranges, and its kernel uses all of them.
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

largest=$(awk '{ print $4 }' $PFS/info/pools | sort -rn | head -1)
want=$((largest + 256 * 1048576))
M=5041524b4d41524b
ok_if "a partition of $((want >> 20))M, more than the largest area, runs" \
	app_run big marker --cpus 1 --memory $want
mem=$(cat $PFS/big/memory)
ranges=$(echo "$mem" | tr ',' '\n' | grep -c @)
ok_if "its memory is several ranges ($mem)" test "$ranges" -gt 1
sum=0
for r in $(echo "$mem" | tr ',' ' '); do sum=$((sum + ${r%@*})); done
is "which add up to what was asked" "$sum" "$want"
is "the boot kernel logged each range" "$(dmesg | grep -c 'parker: big: memory .* from pool')" "$ranges"
is "parkerctl list gives the total" "$(parkerctl list | awk '$1 == "big" { print $5 }')" "$((want >> 20))M"
ok_if "parkerctl show gives each range" sh -c \
	"parkerctl show big | grep -q '^memory: *$((want >> 20))M at 0x[0-9a-f]*-0x[0-9a-f]*, 0x[0-9a-f]*-0x[0-9a-f]* (node'"
is "and --json as many ranges" "$(parkerctl show big --json | grep -c '"base"')" $((ranges + 1))
kb=$(app_report big | sed -n 's/.*memtotal_kb=\([0-9]*\).*/\1/p')
ok_if "its kernel sees more than the largest area (MemTotal ${kb:-none} kB)" \
	test "${kb:-0}" -gt $((largest / 1024))
r=$(app_result big marker)
ok_if "it wrote a marker over 80% of it ($r)" sh -c "echo '$r' | grep -q '^marker ok'"
n=$(marker_count $M big)
ok_if "the boot kernel finds the marker in its ranges ($n words)" test "${n:-0}" -gt 0
ok_if "stop and destroy it" sh -c "parkerctl stop big --force && parkerctl destroy big"
is "the pool is all back" "$(cat $PFS/info/pool_free)" 2147483648
is "with none of the marker in it: every range was wiped" "$(marker_count $M)" 0
mkdir $PFS/huge
expect_errno "more than the whole pool is refused" ENOSPC write $PFS/huge/memory 2050M
ok_if "and says what the pool has ($(cat $PFS/info/last_cmd_status))" grep -q \
	"2050M asked, the pool has 2048M free (1024M in one area at most), and a partition's memory is 4 ranges at most" \
	$PFS/info/last_cmd_status
is "the pool is untouched" "$(cat $PFS/info/pool_free)" 2147483648
rmdir $PFS/huge
tap_done
