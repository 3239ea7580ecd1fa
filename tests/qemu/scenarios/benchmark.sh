# SPDX-License-Identifier: GPL-2.0
# The benchmarks (make bench), measured side by side in one run of the
# reference machine; every figure is printed as "BENCH SECTION KEY VALUE
# UNIT" for bench/run.sh to collect.
# - overhead: pbench in a 2-CPU partition and in the boot kernel on 2 CPUs
#   of its own;
# - start time: parkerctl start until running and until its init reports,
#   and a restart cycle (a cold boot of the same kernel in a fresh QEMU is
#   measured by bench/run.sh on the host);
# - scaling: pscale, 2 copies in the boot kernel against 1 copy in each of
#   2 partitions.
# bench: yes
# smp: 5
# mem: 4G
# cmdline: parker_pool=1G
# timeout: 3000
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
Q=${BENCH_QUICK:+--quick}
say() { echo "$*"; }
ntests=$(pbench --list | wc -l)
nscale=$(pscale --list | wc -l)

# The boot kernel on 2 CPUs of its own (3 and 4), with no partition running.
taskset -c 3,4 pbench $Q > /tmp/boot-pbench
while read -r tag test value unit; do
	say "BENCH boot $test $value $unit"
done < /tmp/boot-pbench
is "pbench in the boot kernel: a figure for each of its $ntests tests" \
	"$(grep -c '^pbench ' /tmp/boot-pbench)" "$ntests"

# Start time.  A start or restart that does not reach running and init
# within its limit is a failure, and gives no figure.
secs() { echo "$1 $2" | awk '{ printf "%.3f", $2 - $1 }'; }
parkerctl create p --cpus 1-2 --memory 256M --device 0000:00:03.0
parkerctl load p --kernel $K --initrd $I --cmdline "$AUDIT console=ttyS0,115200 app.run=idle"
t0=$(now)
if parkerctl start p --wait 300; then
	t1=$(now)
	tap_result 0 "start: running within 300 s"
	say "BENCH start start-to-running $(secs $t0 $t1) s"
	if wait_for 300 grep -q PARKER-APP-REPORT $PFS/p/console; then
		t2=$(now)
		tap_result 0 "start: its init reported within 300 s"
		say "BENCH start start-to-init $(secs $t0 $t2) s"
	else
		tap_result 1 "start: its init reported within 300 s"
		diag "state $(cat $PFS/p/state)"
	fi
else
	tap_result 1 "start: running within 300 s"
	diag "state $(cat $PFS/p/state)"
fi
t0=$(now)
if parkerctl restart p --wait 300 &&
	wait_for 300 grep -q PARKER-APP-REPORT $PFS/p/console; then
	t1=$(now)
	tap_result 0 "restart: its init reported within 300 s"
	say "BENCH start restart-to-init $(secs $t0 $t1) s"
else
	tap_result 1 "restart: its init reported within 300 s"
	diag "state $(cat $PFS/p/state)"
fi
parkerctl destroy p --force

# Overhead: the same suite in a 2-CPU partition.
ok_if "a partition runs pbench" app_run p pbench --cpus 1-2 --memory 256M --device 0000:00:03.0
ok_if "pbench in the partition finished" wait_for 3000 grep -q "PARKER-APP-RESULT pbench done" $PFS/p/console
grep "BENCH partition" $PFS/p/console | sed 's/.*BENCH/BENCH/'
is "pbench in the partition: a figure for each of its $ntests tests" \
	"$(grep -c 'BENCH partition ' $PFS/p/console)" "$ntests"
parkerctl destroy p --force

# Scaling: one kernel with 2 copies, then 2 partitions with one copy each.
for t in $(pscale --list | awk '{ print $1 }'); do
	taskset -c 1,2 pscale $Q --copies 2 "$t"
done > /tmp/boot-pscale
while read -r tag test copies ops; do
	say "BENCH one $test $ops ops/s"
done < /tmp/boot-pscale
is "pscale in the boot kernel: a figure for each of its $nscale tests" \
	"$(grep -c '^pscale ' /tmp/boot-pscale)" "$nscale"
ok_if "partition s1 runs pscale" app_run s1 pscale --cpus 1 --memory 256M --device 0000:00:03.0
ok_if "partition s2 runs pscale" app_run s2 pscale --cpus 2 --memory 256M --device 0000:00:04.0
for p in s1 s2; do
	ok_if "pscale in $p finished" wait_for 3000 grep -q "PARKER-APP-RESULT pscale done" $PFS/$p/console
done
grep -h "BENCH split" $PFS/s1/console $PFS/s2/console | sed 's/.*BENCH/BENCH/'
for p in s1 s2; do
	is "pscale in $p: a figure for each of its $nscale tests" \
		"$(grep -c "BENCH split-$p " $PFS/$p/console)" "$nscale"
done
parkerctl destroy s1 --force
parkerctl destroy s2 --force
tap_done
