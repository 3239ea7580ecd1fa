# SPDX-License-Identifier: GPL-2.0
# The partition's NIC: address 169.254.0.2, receive a file over TCP on port
# 5000, report its size and checksum, then send it back on port 5001.
. /app/lib.sh
dev=$(netdev_of "$(ls /sys/bus/pci/devices | head -1)")
nic=$(ls "$dev" 2> /dev/null | head -1)
if [ -z "$nic" ]; then
	result net fail no network interface
	exit 0
fi
ip addr add 169.254.0.2/16 dev "$nic"
ip link set "$nic" up
result net ready "$nic"
nc -l -p 5000 > /tmp/rx
result net rx bytes=$(wc -c < /tmp/rx) sha256=$(sha256sum < /tmp/rx | cut -d' ' -f1)
nc -l -p 5001 < /tmp/rx
result net sent
