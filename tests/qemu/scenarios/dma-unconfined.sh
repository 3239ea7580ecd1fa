# SPDX-License-Identifier: GPL-2.0
# The hazard the IOMMU closes (see iommu): with DMA remapping off
# (intel_iommu=off, as on a machine without an IOMMU), a
# partition's device writes wherever its kernel aims it.  Partition a's edu
# device writes at a page the boot kernel holds, and the write lands; the
# partition says it is not confined.
# smp: 4
# cmdline: parker_pool=512M intel_iommu=off
# edu: yes
# timeout: 300
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh
. /tests/lib/edu.sh

parker_mount
edudma hold > /tmp/hold 2>&1 &
holder=$!
ok_if "the boot kernel holds a page with a pattern" wait_for 30 grep -q "holding page at" /tmp/hold
boot_page=$(edu_page /tmp/hold)
ok_if "partition a takes the edu device" parkerctl create a --cpus 1 --memory 256M \
	--device 0000:00:03.0 --device $EDU
is "a's DMA is not confined" "$(cat $PFS/a/dma)" unconfined
parkerctl load a --kernel $K --initrd $I \
	--cmdline "$AUDIT console=ttyS0,115200 app.run=edu-poke app.edu_target=$boot_page"
ok_if "a starts" parkerctl start a --wait 180
is "a's device wrote at the boot kernel's page" "$(app_result a edu)" "edu ok poked $boot_page"
ok_if "the write landed: the boot kernel's page holds a's marker" \
	wait_for 30 grep -q "page at $boot_page CHANGED: word 0 is 0x4544554d41524b21" /tmp/hold
is "no fault was counted" "$(cat $PFS/a/dma_faults)" 0
kill $holder 2> /dev/null
ok_if "destroy a" parkerctl destroy a --force
tap_done
