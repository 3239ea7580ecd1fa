# SPDX-License-Identifier: GPL-2.0
# A virtio-net NIC in a partition works with MSI-X: the boot kernel (NIC
# 00:08.0) and the partition (NIC 00:09.0) reach each other over the QEMU
# hub: ping, and a TCP transfer whose checksum matches at both ends.
# smp: 4
# cmdline: parker_pool=1G
# timeout: 600
# audit: off
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
nic=$(ls /sys/bus/pci/devices/0000:00:08.0/virtio*/net)
ip addr add 169.254.0.1/16 dev "$nic"
ip link set "$nic" up
ok_if "run a 2-CPU partition with NIC 00:09.0" \
	app_run web netrecv --cpus 1-2 --memory 256M --device 0000:00:03.0 --device 0000:00:09.0
is "its report lists its UART and NIC only" "$(app_report web | sed 's/.*pci=\([^ ]*\).*/\1/')" \
	"0000:00:03.0,0000:00:09.0"
r=$(app_result web "net ready")
ok_if "its NIC is up ($r)" test -n "$r"
irqs_before=$(app_result web "net irqs-before")
ok_if "the boot kernel pings the partition" wait_for 60 ping -c 1 -W 1 169.254.0.2
head -c 1048576 /dev/urandom > /tmp/tx
# The way back: the partition connects to us when it has the file.  nc
# gives up on a connection when its input ends: keep that open.
mkfifo /tmp/hold
nc -l -p 5001 > /tmp/back < /tmp/hold &
back=$!
exec 3> /tmp/hold
sum=$(sha256sum < /tmp/tx | cut -d' ' -f1)
ok_if "send 1 MiB over TCP" timeout 120 sh -c "nc 169.254.0.2 5000 < /tmp/tx"
is "the partition received it intact" "$(app_result web 'net rx')" "net rx bytes=1048576 sha256=$sum"
is "it sent it back over TCP" "$(app_result web 'net sent')" "net sent"
# Its NIC's interrupts were delivered on its CPUs while the traffic flowed:
# the per-CPU counts of its queue interrupts in its own /proc/interrupts
# (netrecv.sh), read before the ping and after the 1 MiB came in, rose.
irqs_after=$(app_result web "net irqs-after")
diag "its NIC's queue interrupts per CPU: ${irqs_before#net irqs-before } before," \
	"${irqs_after#net irqs-after } after"
rise=$(echo "${irqs_before#net irqs-before } / ${irqs_after#net irqs-after }" | awk '{
	for (i = 1; i <= NF && $i != "/"; i++) { split($i, kv, "="); b[kv[1]] = kv[2] }
	for (i++; i <= NF; i++) {
		split($i, kv, "=")
		if (kv[1] in b) { d = kv[2] - b[kv[1]]; t += d; printf "%s +%d, ", kv[1], d }
	}
	printf "total +%d", t }')
ok_if "its NIC's MSI-X interrupts were delivered on its CPUs while traffic flowed ($rise)" \
	sh -c "echo '$rise' | grep -q 'total +[1-9]'"
wait $back
exec 3>&-
is "it came back intact ($(wc -c < /tmp/back) bytes)" "$(sha256sum < /tmp/back | cut -d' ' -f1)" "$sum"
ok_if "force-stop and destroy" sh -c "parkerctl stop web --force && parkerctl destroy web"
is "the NIC is back with the boot kernel" "$(basename "$(readlink /sys/bus/pci/devices/0000:00:09.0/driver)")" virtio-pci
tap_done
