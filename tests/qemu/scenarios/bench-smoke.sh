# SPDX-License-Identifier: GPL-2.0
# The benchmark harness cannot rot: one quick iteration of every
# micro-benchmark and scaling test, in the boot kernel and in a partition,
# and the density harness with 1 and 2 partitions.  Figures are not
# checked, only that each test produced one.
# smp: 4
# cmdline: parker_pool=1G
# timeout: 600
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh
. /tests/lib/density.sh

parker_mount
pbench --quick > /tmp/boot-pbench
is "pbench in the boot kernel: a figure for each test" \
	"$(grep -c '^pbench ' /tmp/boot-pbench)" "$(pbench --list | wc -l)"
for t in $(pscale --list | awk '{ print $1 }'); do
	ok_if "pscale $t in the boot kernel" sh -c "pscale --quick --copies 2 $t | grep -q '^pscale $t 2 [0-9]'"
done
ok_if "a partition runs pbench --quick" app_run p pbench-quick --cpus 1-2 --memory 256M --device 0000:00:03.0
r=$(app_result p "pbench done"); ok_if "it finished ($r)" test -n "$r"
is "pbench in a partition: a figure for each test" \
	"$(grep -c 'BENCH partition ' $PFS/p/console)" "$(pbench --list | wc -l)"
parkerctl destroy p --force

m=$(density_min_memory 16 32 64)
ok_if "density: a partition boots in ${m:-none of 16, 32, 64} MiB" test -n "$m"
for k in 1 2; do
	density_start $k "${m:-64}" > /tmp/density.out 2>&1
	rc=$?
	sed 's/^/# /' /tmp/density.out
	tap_result $rc "density: $k partition(s) start at once, and give back all they held"
done
ok_if "density: every figure is there" test "$(grep -c "^BENCH density" /tmp/density.out)" = 4
tap_done
