# SPDX-License-Identifier: GPL-2.0
# The demonstration, run by the boot kernel's init with demo=1: the boot
# kernel carves out two partitions and runs a Linux kernel in each beside
# itself, then gives everything back.
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

step() {
	echo
	echo "=== $* ==="
}

step "Parker demo: the boot kernel $(uname -r), CPUs $(cat /sys/devices/system/cpu/online)"
parkerctl list

step "web: 1 CPU, 256 MiB, UART 00:03.0, NIC 00:09.0 -- parkerctl run web ..."
app_run web netrecv --cpus 1 --memory 256M --device 0000:00:03.0 --device 0000:00:09.0
step "db: 2 CPUs, 384 MiB, UART 00:04.0, NVMe 00:0c.0 -- parkerctl run db ..."
app_run db diskwrite --cpus 2-3 --memory 384M --device 0000:00:04.0 --device 0000:00:0c.0

step "three kernels on one machine: parkerctl list"
parkerctl list
echo "boot kernel CPUs online: $(cat /sys/devices/system/cpu/online)"

step "parkerctl show db"
parkerctl show db

step "what db's kernel saw (its console ring, no device needed)"
app_report db
app_result db "disk write"
grep -a "instance mode\|Brought up" $PFS/db/console | sed 's/^/  /'

step "web's network: ping from the boot kernel"
nic=$(ls /sys/bus/pci/devices/0000:00:08.0/virtio*/net)
ip addr add 169.254.0.1/16 dev "$nic"
ip link set "$nic" up
app_result web "net ready" > /dev/null
wait_for 60 ping -c 1 -W 1 169.254.0.2
ping -c 3 169.254.0.2

step "stop both, give everything back"
parkerctl stop web --force
parkerctl stop db --force
parkerctl destroy web
parkerctl destroy db
parkerctl list
echo "boot kernel CPUs online: $(cat /sys/devices/system/cpu/online)"
step "demo done: the partitions' own UART logs are in build/demo/uart*.log"
