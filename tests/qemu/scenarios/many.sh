# SPDX-License-Identifier: GPL-2.0
# Three partitions of different sizes run at once beside the boot kernel,
# each sees only its own CPUs, memory and devices, and a workload in each
# completes correctly while the others run:
#   p1: 1 CPU,  256 MiB, UART 00:03.0                 fills its memory
#   p2: 2 CPUs, 384 MiB, UART 00:04.0, NIC 00:09.0    TCP transfer
#   p3: 3 CPUs, 512 MiB, UART 00:05.0, NVMe 00:0c.0   disk write
# smp: 8
# mem: 6G
# cmdline: parker_pool=2G
# timeout: 1200
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
nic=$(ls /sys/bus/pci/devices/0000:00:08.0/virtio*/net)
ip addr add 169.254.0.1/16 dev "$nic"
ip link set "$nic" up

ok_if "start p1" app_run p1 memfill --cpus 1 --memory 256M --device 0000:00:03.0
ok_if "start p2" app_run p2 netrecv --cpus 2-3 --memory 384M --device 0000:00:04.0 --device 0000:00:09.0
ok_if "start p3" app_run p3 diskwrite --cpus 4-6 --memory 512M --device 0000:00:05.0 --device 0000:00:0c.0
is "all three running at once" "$(cat $PFS/p1/state) $(cat $PFS/p2/state) $(cat $PFS/p3/state)" \
	"running running running"
is "the boot kernel keeps CPUs 0 and 7" "$(cat /sys/devices/system/cpu/online)" 0,7

# check_report NAME NCPUS MEM_MB PCI
check_report() {
	r=$(app_report "$1")
	echo "# $1: $r"
	is "$1 sees $2 CPU(s)" "$(echo "$r" | sed 's/.*ncpus=\([0-9]*\).*/\1/')" "$2"
	kb=$(echo "$r" | sed 's/.*memtotal_kb=\([0-9]*\).*/\1/')
	ok_if "$1 sees at most its ${3} MiB ($kb kB)" test "$kb" -le $(($3 * 1024))
	ok_if "$1 sees most of its ${3} MiB" test "$kb" -ge $(($3 * 1024 * 3 / 4))
	is "$1 sees only its devices" "$(echo "$r" | sed 's/.*pci=\([^ ]*\).*/\1/')" "$4"
	ok_if "$1 sees no ACPI" sh -c "echo '$r' | grep -q 'acpi=no'"
}
check_report p1 1 256 0000:00:03.0
check_report p2 2 384 0000:00:04.0,0000:00:09.0
check_report p3 3 512 0000:00:05.0,0000:00:0c.0

# The workloads, while all three run.
r=$(app_result p2 "net ready"); ok_if "p2's NIC is up ($r)" test -n "$r"
head -c 524288 /dev/urandom > /tmp/tx
sum=$(sha256sum < /tmp/tx | cut -d' ' -f1)
mkfifo /tmp/hold
nc -l -p 5001 > /tmp/back < /tmp/hold &
back=$!
exec 3> /tmp/hold
ok_if "send 512 KiB to p2" wait_for 60 ping -c 1 -W 1 169.254.0.2
ok_if "... over TCP" timeout 120 sh -c "nc 169.254.0.2 5000 < /tmp/tx"
is "p2 received it intact" "$(app_result p2 'net rx')" "net rx bytes=524288 sha256=$sum"
is "p2 sent it back" "$(app_result p2 'net sent')" "net sent"
wait $back
exec 3>&-
is "it came back intact" "$(sha256sum < /tmp/back | cut -d' ' -f1)" "$sum"
r=$(app_result p3 "disk write")
w=$(echo "$r" | sed -n 's/.*sha256=\([0-9a-f]*\) .*/\1/p')
ok_if "p3 wrote its disk" test -n "$w"
is "p3 read the same back" "$(echo "$r" | sed 's/.*readback=//')" "$w"
r=$(app_result p1 memfill); ok_if "p1 filled and verified 80% of its memory ($r)" sh -c "echo '$r' | grep -q '^memfill ok'"
is "all three still running" "$(cat $PFS/p1/state) $(cat $PFS/p2/state) $(cat $PFS/p3/state)" \
	"running running running"
parkerctl list | sed 's/^/# /'
parkerctl show p3 > /tmp/show
sed 's/^/# /' /tmp/show
is "show: p3's state" "$(sed -n 's/^state: *//p' /tmp/show)" running
is "show: p3's CPUs with their APIC ids" "$(grep -c '^ *cpu [4-6]  apic [4-6]$' /tmp/show)" 3
ok_if "show: p3's memory range" grep -q "^memory: *512M at 0x[0-9a-f]*-0x[0-9a-f]* (node" /tmp/show
ok_if "show: p3's NVMe disk with its class" grep -q "0000:00:0c.0  1b36:0010  storage controller" /tmp/show
for p in p1 p2 p3; do
	ok_if "stop and destroy $p" sh -c "parkerctl stop $p --force && parkerctl destroy $p"
done
is "all CPUs back" "$(cat /sys/devices/system/cpu/online)" 0-7
is "pool all free" "$(cat $PFS/info/pool_free)" 2147483648
tap_done
