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

# The boot kernel on 2 CPUs of its own (3 and 4), with no partition running.
taskset -c 3,4 pbench $Q | while read -r tag test value unit; do
	say "BENCH boot $test $value $unit"
done

# Start time.
parkerctl create p --cpus 1-2 --memory 256M --device 0000:00:03.0
parkerctl load p --kernel $K --initrd $I --cmdline "console=ttyS0,115200 app.run=idle"
t0=$(now)
parkerctl start p --wait 300
t1=$(now)
wait_for 300 grep -q PARKER-APP-REPORT $PFS/p/console
t2=$(now)
say "BENCH start start-to-running $(echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }') s"
say "BENCH start start-to-init $(echo "$t0 $t2" | awk '{ printf "%.3f", $2 - $1 }') s"
t0=$(now)
parkerctl restart p --wait 300
wait_for 300 grep -q PARKER-APP-REPORT $PFS/p/console
t1=$(now)
say "BENCH start restart-to-init $(echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }') s"
parkerctl destroy p --force

# Overhead: the same suite in a 2-CPU partition.
app_run p pbench --cpus 1-2 --memory 256M --device 0000:00:03.0
wait_for 3000 grep -q "pbench done" $PFS/p/console
grep "BENCH partition" $PFS/p/console | sed 's/.*BENCH/BENCH/'
parkerctl destroy p --force

# Scaling: one kernel with 2 copies, then 2 partitions with one copy each.
for t in $(pscale --list | awk '{ print $1 }'); do
	taskset -c 1,2 pscale $Q --copies 2 "$t" | while read -r tag test copies ops; do
		say "BENCH one $test $ops ops/s"
	done
done
app_run s1 pscale --cpus 1 --memory 256M --device 0000:00:03.0
app_run s2 pscale --cpus 2 --memory 256M --device 0000:00:04.0
wait_for 3000 grep -q "pscale done" $PFS/s1/console
wait_for 3000 grep -q "pscale done" $PFS/s2/console
grep -h "BENCH split" $PFS/s1/console $PFS/s2/console | sed 's/.*BENCH/BENCH/'
parkerctl destroy s1 --force
parkerctl destroy s2 --force
tap_result 0 "benchmarks ran"
tap_done
