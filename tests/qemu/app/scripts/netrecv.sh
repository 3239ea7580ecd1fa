# SPDX-License-Identifier: GPL-2.0
# The partition's NIC: address 169.254.0.2, receive a file over TCP on port
# 5000, report its size and checksum, then send it back to the boot
# kernel's port 5001.
. /app/lib.sh
for i in 1 2 3 4 5 6 7 8 9 10; do
	nic=$(ls /sys/class/net | grep -v '^lo$' | head -1)
	[ -n "$nic" ] && break
	sleep 1
done
if [ -z "$nic" ]; then
	result net fail no network interface
	exit 0
fi
ip addr add 169.254.0.2/16 dev "$nic"
ip link set "$nic" up
msix=$(grep -c 'PCI-MSIX\|PCI-MSI' /proc/interrupts)
result net ready "$nic" msix=$msix
nc -l -p 5000 > /tmp/rx
result net rx bytes=$(wc -c < /tmp/rx) sha256=$(sha256sum < /tmp/rx | cut -d' ' -f1)
for i in 1 2 3 4 5 6 7 8 9 10; do
	nc 169.254.0.1 5001 < /tmp/rx && { result net sent; exit 0; }
	sleep 1
done
result net fail cannot send back
