# SPDX-License-Identifier: GPL-2.0
# DMA confinement.  With DMA remapping on (the default), a partition's
# devices sit in an IOMMU domain that maps its memory and nothing else.
# Partition a's edu device copies a page within a's memory; its writes at
# a page the boot kernel holds and at a page partition b holds fault: both
# pages stay as they were, and the boot kernel logs each fault naming a
# and the device, and counts it against a.  With on_dma_fault stop, the
# next fault stops a.  A domain takes a whole IOMMU group: a partition
# holding one of two functions that share a group does not start, and says
# why; with both it does.  dma-unconfined shows the same write landing
# with DMA remapping off.
# smp: 4
# cmdline: parker_pool=1G
# edu: yes
# testdevs: 2
# timeout: 600
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh
. /tests/lib/edu.sh

parker_mount
start=$(snapshot)
edudma hold > /tmp/hold 2>&1 &
holder=$!
ok_if "the boot kernel holds a page with a pattern" wait_for 30 grep -q "holding page at" /tmp/hold
boot_page=$(edu_page /tmp/hold)
ok_if "partition b holds a page with a pattern" app_run b edu-hold --cpus 3 --memory 256M --device 0000:00:04.0
ok_if "b reports its page" wait_for 60 grep -q "holding page at" $PFS/b/console
b_page=$(edu_page $PFS/b/console)
diag "the boot kernel's page is at $boot_page, b's at $b_page"

ok_if "partition a takes the edu device" parkerctl create a --cpus 1-2 --memory 256M \
	--device 0000:00:03.0 --device $EDU
is "a's DMA is confined" "$(cat $PFS/a/dma)" confined
is "b, with a UART only, is confined too" "$(cat $PFS/b/dma)" confined
is "a has made no DMA fault" "$(cat $PFS/a/dma_faults)" 0
is "a logs DMA faults by default" "$(cat $PFS/a/on_dma_fault)" log
boot_before=$(edu_passes /tmp/hold "$boot_page")
b_before=$(edu_passes $PFS/b/console "$b_page")
parkerctl load a --kernel $K --initrd $I \
	--cmdline "$AUDIT console=ttyS0,115200 app.run=edu-poke app.edu_target=$boot_page,$b_page"
ok_if "a starts" parkerctl start a --wait 180
is "a's device copied within a's memory, then wrote at both pages" \
	"$(app_result a edu)" "edu ok poked $boot_page $b_page"
ok_if "the copy within a's memory arrived whole" grep -q "edudma: self ok" $PFS/a/console
ok_if "the boot kernel looked at its page after the write" edu_looked_after /tmp/hold "$boot_page" "$boot_before"
ok_if "and found it unchanged" sh -c "! grep -q CHANGED /tmp/hold"
ok_if "b looked at its page after the write" edu_looked_after $PFS/b/console "$b_page" "$b_before"
ok_if "and found it unchanged" sh -c "! grep -q CHANGED $PFS/b/console"
ok_if "the boot kernel logged the fault at its page, naming a and the device" \
	sh -c "dmesg | grep -q 'parker: a: DMA write fault by $EDU at $boot_page'"
ok_if "and the fault at b's page" \
	sh -c "dmesg | grep -q 'parker: a: DMA write fault by $EDU at $b_page'"
faults=$(cat $PFS/a/dma_faults)
ok_if "a's count has both faults ($faults)" test "$faults" -ge 2
is "b's count has none" "$(cat $PFS/b/dma_faults)" 0
is "a still runs: on_dma_fault is log" "$(cat $PFS/a/state)" running

ok_if "on_dma_fault stop" sh -c "echo stop > $PFS/a/on_dma_fault"
ok_if "a restarts" parkerctl restart a --wait 180
ok_if "its next fault stops it" wait_for 120 sh -c "test \$(cat $PFS/a/state) = stopped"
ok_if "and says why" grep -q "DMA faults; on_dma_fault is stop" $PFS/a/reason
ok_if "on_dma_fault refuses what it does not know" sh -c "! echo maybe > $PFS/a/on_dma_fault"
is "and is unchanged" "$(cat $PFS/a/on_dma_fault)" stop

kill $holder
ok_if "destroy a and b" sh -c "parkerctl destroy a && parkerctl destroy b --force"

# 00:10.0 and 00:10.1 are functions of one device without ACS: one group.
ok_if "partition c takes one of two functions of a group" \
	parkerctl create c --cpus 1 --memory 128M --device 0000:00:10.0
parkerctl load c --kernel $K --initrd $I --cmdline "$AUDIT console=ttyS0,115200 app.run=idle"
ok_if "c does not start" sh -c "! parkerctl start c --wait 60 2> /tmp/c-start"
ok_if "and says why" grep -q "c: .*0000:00:10.0 shares an IOMMU group with 0000:00:10.1, which it does not hold" /tmp/c-start
is "c is still loaded" "$(cat $PFS/c/state)" loaded
ok_if "destroy c" parkerctl destroy c
ok_if "with both functions, d runs" app_run d idle --cpus 1 --memory 128M \
	--device 0000:00:10.0 --device 0000:00:10.1
is "and is confined" "$(cat $PFS/d/dma)" confined
ok_if "destroy d" parkerctl destroy d --force
is "pool, CPUs and devices as before" "$(snapshot)" "$start"
tap_done
