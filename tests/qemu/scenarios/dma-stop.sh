# SPDX-License-Identifier: GPL-2.0
# Devices are quiet before anything is reused.  A partition's virtio-net
# NIC (00:09.0) has receive buffers posted in the partition's memory, so its
# DMA alone writes there: frames the boot kernel sends it land in the
# partition's memory (debugfs parker/scan counts their bytes).  Once the
# partition is force-stopped (CPUs, then bus mastering off and a function
# reset), frames sent to the same NIC never reach that memory, checked two
# seconds later; once it is destroyed, neither pattern is in the pool.
# (QEMU's virtio-pci stops its DMA when bus mastering goes off, as real
# devices do; its NVMe model does not, see slow-disk.)
# smp: 4
# cmdline: parker_pool=512M
# timeout: 300
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
nic=$(ls /sys/bus/pci/devices/0000:00:08.0/virtio*/net)
ip link set "$nic" up
# QEMU's hub holds a sender's frames while no other port can take them: the
# third NIC, up in the boot kernel, always can (it drops what is not its).
ip link set "$(ls /sys/bus/pci/devices/0000:00:0a.0/virtio*/net)" up
BEFORE=0x5a5a5a5a5a5a5a5a AFTER=0xa5a5a5a5a5a5a5a5

ok_if "run a partition whose NIC 00:09.0 is up" \
	app_run web netup --cpus 1 --memory 128M --device 0000:00:09.0
r=$(app_result web "net ready")
mac=$(echo "$r" | awk '{ print $4 }')
ok_if "its NIC is up ($r)" test -n "$mac"

# in_web HEX: words HEX in web's memory; rose HEX N: more than N now.
in_web() { marker_count "$1" web; }
rose() { [ "$(in_web "$1")" -gt "$2" ]; }

b0=$(in_web $BEFORE)
ok_if "frames to its NIC sent" ethsend "$nic" "$mac" 100 0x5a
ok_if "land in its memory, by the NIC's DMA alone" wait_for 30 rose $BEFORE "$b0"

ok_if "force-stop it" parkerctl stop web --force
a0=$(in_web $AFTER)
ok_if "frames to its NIC sent after the stop" ethsend "$nic" "$mac" 100 0xa5
# What must not happen has no event to wait for: a fixed window.
sleep 2
is "none reached its memory, two seconds later" "$(in_web $AFTER)" "$a0"
is "its NIC was reset: bus mastering is off" \
	"$(( 0x$(od -An -tx2 -j4 -N2 /sys/bus/pci/devices/0000:00:09.0/config | tr -d ' ') & 4 ))" 0

ok_if "destroy it" parkerctl destroy web
ok_if "more frames to the NIC, now the boot kernel's again" ethsend "$nic" "$mac" 100 0xa5
sleep 2
is "neither pattern is in the pool" "$(marker_count $BEFORE) $(marker_count $AFTER)" "0 0"
tap_done
