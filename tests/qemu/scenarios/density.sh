# SPDX-License-Identifier: GPL-2.0
# Density and growth (make bench): on a 16-CPU reference machine, the
# smallest memory a partition boots in, then 1, 2, 4, 8 and 15 partitions
# of that size started at once (every CPU but the boot CPU): the time
# until every init runs and the boot kernel's memory spent per partition.
# bench: yes
# smp: 16
# mem: 4G
# cmdline: parker_pool=1G
# timeout: 3000
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh
. /tests/lib/density.sh

parker_mount
m=$(density_min_memory 16 18 20 24 28 32 40 48 64 96 128)
ok_if "a partition boots in ${m:-none of the sizes} MiB" test -n "$m"
[ -n "$m" ] || { tap_done; exit 0; }
echo "BENCH density min-memory $m MiB"
for k in 1 2 4 8 15; do
	density_start $k "$m" > /tmp/density.out 2>&1
	rc=$?
	grep '^BENCH' /tmp/density.out
	tap_result $rc "$k partitions of $m MiB start at once, and give back all they held"
	[ $rc = 0 ] || grep -v '^BENCH' /tmp/density.out | sed 's/^/#   /' | head -20
done
tap_done
