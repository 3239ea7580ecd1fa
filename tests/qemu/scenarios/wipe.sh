# SPDX-License-Identifier: GPL-2.0
# Memory that leaves a partition is wiped before it goes back to the pool:
# a partition writes a marker all over its memory and stops; after it is
# destroyed the marker is nowhere in the free pool, and the next partition
# on the same memory finds none.
# smp: 4
# cmdline: parker_pool=512M
# timeout: 600
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

M=5041524b4d41524b
scan() {
	echo "$M $1" > /sys/kernel/debug/parker/scan && cat /sys/kernel/debug/parker/scan
}

parker_mount
ok_if "partition a marks its memory" app_run a marker --cpus 1 --memory 256M --device 0000:00:03.0
r=$(app_result a marker)
ok_if "a marked it ($r)" sh -c "echo '$r' | grep -q 'marker ok'"
base=$(cut -d@ -f2 $PFS/a/memory)
ok_if "force-stop a" parkerctl stop a --force
n=$(scan a)
ok_if "the marker is all over a's memory ($n words)" test "$n" -gt 10000000
is "none of it in the free pool yet" "$(scan)" 0
ok_if "destroy a" parkerctl destroy a
is "after destroy the free pool holds no marker" "$(scan)" 0
ok_if "partition b gets the same memory" parkerctl create b --cpus 1 --memory 256M
is "at the same base" "$(cut -d@ -f2 $PFS/b/memory)" "$base"
is "b finds no marker in it" "$(scan b)" 0
parkerctl destroy b
tap_done
