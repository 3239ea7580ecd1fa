# SPDX-License-Identifier: GPL-2.0
# SMT siblings are not split between a partition and the outside unless
# the partition allows it (smt_split).
# smp: 4,sockets=1,cores=2,threads=2
# cmdline: parker_pool=256M
# timeout: 200
. /tests/lib/tap.sh
. /tests/lib/parker.sh

parker_mount
is "CPUs 2 and 3 are siblings" "$(cat /sys/devices/system/cpu/cpu2/topology/thread_siblings_list)" 2-3
mkdir $PFS/s
expect_errno "CPU 2 without its sibling 3" EINVAL write $PFS/s/cpus 2
ok_if "the reason names the sibling" grep -q "CPU 3" $PFS/info/last_cmd_status
expect_errno "CPU 1, whose sibling is the boot CPU" EINVAL write $PFS/s/cpus 1
expect_errno "both siblings 2-3" OK write $PFS/s/cpus 2-3
is "both offline" "$(cat /sys/devices/system/cpu/online)" 0-1
expect_errno "shrinking to one sibling" EINVAL write $PFS/s/cpus 3
echo 1 > $PFS/s/smt_split
expect_errno "with smt_split, one sibling" OK write $PFS/s/cpus 3
is "CPU 2 back online" "$(cat /sys/devices/system/cpu/online)" 0-2
rmdir $PFS/s
is "all CPUs back" "$(cat /sys/devices/system/cpu/online)" 0-3
tap_done
