# SPDX-License-Identifier: GPL-2.0
# No memory crosses between kernels unwiped.  Pool memory reaches a
# partition zeroed, whatever the boot kernel kept there (CMA lends the pool
# to the boot kernel's movable pages until a partition takes it): the boot
# kernel fills its free memory with a marker and lets go of it, and the
# partition then made finds none of it in its memory, before and while its
# kernel runs.  Memory that leaves a partition is wiped before it goes
# back to the pool: a partition writes a marker all over its memory and
# stops; after it is destroyed the marker is nowhere in the free pool, and
# the next partition on the same memory finds none.
# smp: 4
# cmdline: parker_pool=512M
# timeout: 600
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

M=5041524b4d41524b
scan() { marker_count $M "$1"; }

parker_mount
free_mb=$(awk '/^MemFree:/ { print int($2 / 1024) }' /proc/meminfo)
memfill --marker $((free_mb * 8 / 10)) $M > /tmp/fill 2>&1 &
fill=$!
ok_if "the boot kernel marks 80% of its free memory" wait_for 300 grep -q marked /tmp/fill
kill $fill
wait $fill 2> /dev/null
in_pool=$(scan)
ok_if "some of it was pool memory it let go of ($in_pool words)" test "$in_pool" -gt 100000
ok_if "partition c takes 256M of the pool" parkerctl create c --cpus 1 --memory 256M --device 0000:00:03.0
left=$(scan)
ok_if "c's memory held the boot kernel's marker before ($((in_pool - left)) words)" test "$((in_pool - left))" -gt 0
is "c gets it with none of the marker in it" "$(scan c)" 0
parkerctl load c --kernel $K --initrd $I --cmdline "$AUDIT console=ttyS0,115200 app.run=idle"
ok_if "c's kernel runs" parkerctl start c --wait 180
is "and all of c's memory, its kernel's RAM, still holds none of it" "$(scan c)" 0
ok_if "destroy c" parkerctl destroy c --force
ok_if "all of the pool taken by one partition" parkerctl create all --memory 512M
is "with none of the marker in it" "$(scan all)" 0
ok_if "and given back" parkerctl destroy all
is "the free pool holds none of the marker now" "$(scan)" 0

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
