# SPDX-License-Identifier: GPL-2.0
# parker_pool= takes a percentage of memory, and a request that cannot be
# met is reserved in part, never into the 256M kept for the boot kernel,
# and says so: what it got, what was asked and why, at boot and in
# parkerctl check.  90% of this 3 GiB machine and 1G more cannot fit.
# smp: 4
# mem: 3G
# cmdline: parker_pool=90%,1G
# timeout: 300
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
# The percentage is of the memory the kernel was given: "System RAM".
ram=0
for r in $(sed -n 's/^\([0-9a-f]*\)-\([0-9a-f]*\) : System RAM$/\1:\2/p' /proc/iomem); do
	ram=$((ram + 0x${r#*:} - 0x${r%:*} + 1))
done
asked=$(cat $PFS/info/pool_asked)
pct=$(( (asked - 1073741824) * 1000 / ram ))
ok_if "pool_asked is 90% of RAM and 1G (90% is $pct per mille of $((ram >> 20))M)" test "$pct" -ge 895 -a "$pct" -le 900
size=$(cat $PFS/info/pool_size)
ok_if "less was reserved ($((size >> 20))M)" test "$size" -lt "$asked"
ok_if "but not nothing" test "$size" -ge 1073741824
ok_if "the log says what it got and what was asked" sh -c \
	"dmesg | grep -q 'parker: parker_pool: reserved $((size >> 20))M of the $((asked >> 20))M asked, in [0-9]* area(s): '"
free_kb=$(sed -n 's/^MemFree: *\([0-9]*\) kB/\1/p' /proc/meminfo)
cma_kb=$(sed -n 's/^CmaFree: *\([0-9]*\) kB/\1/p' /proc/meminfo)
ok_if "the boot kernel kept memory outside the pool ($(( (free_kb - cma_kb) >> 10 ))M free)" test $((free_kb - cma_kb)) -gt 16384
parkerctl check > /tmp/check
ok_if "parkerctl check warns of the shortfall" grep -q "^warning pool: .* of the .* that parker_pool= asked for, .* free: no free memory range was left" /tmp/check
ok_if "a partition runs" app_run p idle --cpus 1 --memory 256M
ok_if "stop and destroy" sh -c "parkerctl stop p --force && parkerctl destroy p"
tap_done
