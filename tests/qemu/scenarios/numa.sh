# SPDX-License-Identifier: GPL-2.0
# On a two-node machine the pool is reserved per node, a partition gets
# memory from the nodes of its CPUs, and its kernel sees those nodes.
# smp: 4
# mem: 4G
# numa: 2
# cmdline: parker_pool=0:512M,1:512M
# timeout: 300
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

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

# Memory may be asked node by node, whatever the CPUs' nodes; the first
# node listed gives the range the kernel starts in.
mkdir $PFS/nn
echo 1 > $PFS/nn/cpus
ok_if "a partition on node 0's CPU asks 64M on node 1 and 32M on node 0" \
	sh -c "echo 1:64M,0:32M > $PFS/nn/memory"
mem=$(cat $PFS/nn/memory)
is "two ranges, 64M then 32M" "$(echo "$mem" | tr ',' '\n' | sed 's/@.*//' | tr '\n' ' ')" \
	"67108864 33554432 "
is "the first from node 1" "$(cat $PFS/nn/memory_node)" 1
b=$(($(echo "$mem" | cut -d, -f2 | cut -d@ -f2)))
p0=$(($(sed -n 's/^parker0 [0-9-]* \([^ ]*\) .*/\1/p' $PFS/info/pools)))
ok_if "the second inside node 0's pool area" test $b -ge $p0 -a $b -lt $((p0 + 536870912))
expect_errno "a node that is not online" EINVAL write $PFS/nn/memory 2:64M
ok_if "the log says which" sh -c "dmesg | tail -1 | grep -q 'nn: node 2 is not online'"
expect_errno "a node listed twice" EINVAL write $PFS/nn/memory 0:64M,0:64M
expect_errno "a part that is no size" EINVAL write $PFS/nn/memory 0:lots
expect_errno "a part below the minimum" EINVAL write $PFS/nn/memory 0:64M,1:2M
expect_errno "more than node 1's area has free" ENOSPC write $PFS/nn/memory 0:64M,1:1G
ok_if "the log names the node and what it has" \
	sh -c "dmesg | tail -1 | grep -q 'nn: 1088M asked, too much on node 1, whose pool areas have 320M free'"
is "its memory unchanged after each refusal" "$(cat $PFS/nn/memory)" "$mem"
rmdir $PFS/n1 $PFS/n0 $PFS/nn
is "pool all free again" "$(cat $PFS/info/pool_free)" 1073741824

# A partition on CPU 1 (node 0) and CPUs 2-3 (node 1) gets its memory from
# both nodes, a third and two thirds as its CPUs are, and its kernel sees
# two nodes with the right CPUs, memory and the machine's distances, from
# its record: it reads no ACPI table.
ok_if "a partition on CPUs 1-3 runs" app_run span numa --cpus 1-3 --memory 384M
mem=$(cat $PFS/span/memory)
echo "# memory: $mem"
is "its memory: 128M and 256M" "$(echo "$mem" | tr ',' '\n' | sed 's/@.*//' | tr '\n' ' ')" \
	"134217728 268435456 "
p0=$(($(sed -n 's/^parker0 [0-9-]* \([^ ]*\) .*/\1/p' $PFS/info/pools)))
p1=$(($(sed -n 's/^parker1 [0-9-]* \([^ ]*\) .*/\1/p' $PFS/info/pools)))
b0=$(($(echo "$mem" | cut -d, -f1 | cut -d@ -f2)))
b1=$(($(echo "$mem" | cut -d, -f2 | cut -d@ -f2)))
ok_if "the first range, its kernel's, from node 0's area" test $b0 -ge $p0 -a $b0 -lt $((p0 + 536870912))
ok_if "the second from node 1's area" test $b1 -ge $p1 -a $b1 -lt $((p1 + 536870912))
r=$(app_result span numa)
echo "# $r"
d0=$(tr ' ' : < /sys/devices/system/node/node0/distance)
d1=$(tr ' ' : < /sys/devices/system/node/node1/distance)
is "its kernel sees two nodes, CPU 1 on the first, CPUs 2-3 on the second, the machine's distances" \
	"$(echo "$r" | sed 's|=\([^/]*\)/[0-9]*/|=\1/|g')" "numa ok node0=0/$d0 node1=1-2/$d1"
kb0=$(echo "$r" | sed -n 's|.* node0=[^/]*/\([0-9]*\)/.*|\1|p')
kb1=$(echo "$r" | sed -n 's|.* node1=[^/]*/\([0-9]*\)/.*|\1|p')
ok_if "node 0 has at most 128M (${kb0:-none} kB)" test "${kb0:-0}" -gt 0 -a "${kb0:-0}" -le 131072
ok_if "node 1 has most of its 256M (${kb1:-none} kB)" test "${kb1:-0}" -gt 235929 -a "${kb1:-0}" -le 262144
ok_if "its kernel logged where its nodes are" sh -c \
	"grep -q 'node 0 is the machine.s node 0' $PFS/span/console && grep -q 'node 1 is the machine.s node 1' $PFS/span/console"
ok_if "its kernel logged no warning" sh -c "! grep -q -e 'WARNING:' -e 'BUG:' $PFS/span/console"
ok_if "stop and destroy it" sh -c "parkerctl stop span --force && parkerctl destroy span"

# parkerctl takes the same list, and show lists each range.
ok_if "parkerctl create --memory 1:64M,0:64M" parkerctl create pn --cpus 1 --memory 1:64M,0:64M
ok_if "show: 128M in two ranges" sh -c "parkerctl show pn | grep -q '^memory: *128M at 0x[0-9a-f]*-0x[0-9a-f]*, 0x'"
ok_if "parkerctl destroy it" parkerctl destroy pn

# A partition on node 1 alone sees one node, numbered 0, with all of it.
ok_if "a partition on CPU 3 runs" app_run one numa --cpus 3 --memory 128M
r=$(app_result one numa)
echo "# $r"
is "its kernel sees one node with its CPU" "$(echo "$r" | sed 's|=\([^/]*\)/[0-9]*/|=\1/|g')" "numa ok node0=0/10"
ok_if "which is the machine's node 1" grep -q "node 0 is the machine.s node 1" $PFS/one/console
ok_if "stop and destroy it" sh -c "parkerctl stop one --force && parkerctl destroy one"
is "pool all free at the end" "$(cat $PFS/info/pool_free)" 1073741824
tap_done
