# SPDX-License-Identifier: GPL-2.0
# On a two-node machine the pool is reserved per node, and a partition gets
# memory from the node of its first CPU.
# smp: 4
# mem: 4G
# numa: 2
# cmdline: parker_pool=0:512M,1:512M
# timeout: 300
. /tests/lib/tap.sh
. /tests/lib/parker.sh

parker_mount
is "CPU 3 is on node 1" "$(basename "$(ls -d /sys/devices/system/cpu/cpu3/node*)")" node1
is "CPU 1 is on node 0" "$(basename "$(ls -d /sys/devices/system/cpu/cpu1/node*)")" node0
is "one pool area per node" "$(cut -d' ' -f1,2,4 $PFS/info/pools | tr '\n' ,)" \
	"parker0 0 536870912,parker1 1 536870912,"
is "pool size" "$(cat $PFS/info/pool_size)" 1073741824

mkdir $PFS/n1 $PFS/n0
echo 3 > $PFS/n1/cpus
ok_if "partition on node 1's CPU takes 128M" sh -c "echo 128M > $PFS/n1/memory"
is "its memory comes from node 1" "$(cat $PFS/n1/memory_node)" 1
base=$(($(cut -d@ -f2 $PFS/n1/memory)))
p1=$(($(sed -n 's/^parker1 [0-9-]* \([^ ]*\) .*/\1/p' $PFS/info/pools)))
ok_if "inside node 1's pool area" test $base -ge $p1 -a $base -lt $((p1 + 536870912))
echo 1 > $PFS/n0/cpus
ok_if "partition on node 0's CPU takes 128M" sh -c "echo 128M > $PFS/n0/memory"
is "its memory comes from node 0" "$(cat $PFS/n0/memory_node)" 0
is "node 1 area: 384M free" "$(sed -n 's/^parker1 .* //p' $PFS/info/pools)" 402653184
is "node 0 area: 384M free" "$(sed -n 's/^parker0 .* //p' $PFS/info/pools)" 402653184
expect_errno "more than node 1 has" ENOSPC write $PFS/n1/memory 512M
rmdir $PFS/n1 $PFS/n0
is "pool all free again" "$(cat $PFS/info/pool_free)" 1073741824
tap_done
