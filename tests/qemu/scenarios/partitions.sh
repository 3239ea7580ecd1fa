# SPDX-License-Identifier: GPL-2.0
# Partitions take CPUs, memory and devices from the boot kernel and give
# everything back: checked each time against the boot kernel's own view
# (online CPUs, the pool's free memory, each device's driver link).
# cmdline: parker_pool=1G
# timeout: 300
. /tests/lib/tap.sh
. /tests/lib/parker.sh

start=$(snapshot)
ok_if "mount -t parker on /sys/fs/parker" mount -t parker parker $PFS
start=$(snapshot)
is "pool size" "$(cat $PFS/info/pool_size)" 1073741824
is "pool all free" "$(cat $PFS/info/pool_free)" 1073741824
is "interface version" "$(cat $PFS/info/version)" 1
is "CPUs available: all but the boot CPU" "$(cat $PFS/info/cpus_available)" 1-3
is "the pool is listed with its node" "$(cut -d' ' -f1,2,4 $PFS/info/pools)" "parker0 -1 1073741824"

ok_if "mkdir web" mkdir $PFS/web
is "a new partition is empty" "$(cat $PFS/web/state)" empty
is "its id" "$(cat $PFS/web/id)" 1
is "no CPUs yet" "$(cat $PFS/web/cpus)" ""
is "no memory yet" "$(cat $PFS/web/memory)" 0

ok_if "assign CPUs 1-2" sh -c "echo 1-2 > $PFS/web/cpus"
is "CPUs read back" "$(cat $PFS/web/cpus)" 1-2
is "boot kernel: CPUs 1-2 offline" "$(cat /sys/devices/system/cpu/online)" 0,3
is "onlining CPU 1 from sysfs is refused" "$(errno-of write /sys/devices/system/cpu/cpu1/online 1)" EBUSY
is "CPU 1 still offline" "$(cat /sys/devices/system/cpu/cpu1/online)" 0
is "CPUs but no memory: still empty" "$(cat $PFS/web/state)" empty
is "CPUs available" "$(cat $PFS/info/cpus_available)" 3

ok_if "assign 256M" sh -c "echo 256M > $PFS/web/memory"
mem=$(cat $PFS/web/memory)
is "memory size" "${mem%@*}" 268435456
base=${mem#*@}
pool_base=$(cut -d' ' -f3 $PFS/info/pools)
ok_if "memory base $base is 2M aligned" test $((base % 2097152)) = 0
ok_if "memory lies inside the pool" test $((base)) -ge $((pool_base)) -a \
	$((base + 268435456)) -le $((pool_base + 1073741824))
is "pool free: 1G - 256M" "$(cat $PFS/info/pool_free)" 805306368
is "CPUs and memory: ready" "$(cat $PFS/web/state)" ready
ok_if "resize to 128M" sh -c "echo 128M > $PFS/web/memory"
is "pool free: 1G - 128M" "$(cat $PFS/info/pool_free)" $((1073741824 - 134217728))

is "UART 00:03.0 starts with its driver" "$(driver_of 0000:00:03.0)" serial
is "NVMe 00:0c.0 starts with its driver" "$(driver_of 0000:00:0c.0)" nvme
ok_if "assign UART 00:03.0" sh -c "echo +0000:00:03.0 > $PFS/web/devices"
ok_if "assign NVMe 00:0c.0" sh -c "echo 0000:00:0c.0 > $PFS/web/devices"
is "devices read back" "$(cat $PFS/web/devices | tr '\n' ' ')" "0000:00:03.0 0000:00:0c.0 "
is "UART now held by the parker placeholder" "$(driver_of 0000:00:03.0)" parker
is "NVMe now held by the parker placeholder" "$(driver_of 0000:00:0c.0)" parker
ok_if "the boot kernel's NVMe disk is gone" wait_for 20 test ! -e /dev/nvme0n1

# Nothing binds a held device again.
echo 1 > /sys/bus/pci/rescan
is "rescan: NVMe still held" "$(driver_of 0000:00:0c.0)" parker
echo nvme > /sys/bus/pci/devices/0000:00:0c.0/driver_override
echo 0000:00:0c.0 > /sys/bus/pci/drivers_probe 2>/dev/null
is "driver_override + drivers_probe: still held" "$(driver_of 0000:00:0c.0)" parker
is "bind through the nvme driver is refused" \
	"$(errno-of write /sys/bus/pci/drivers/nvme/bind 0000:00:0c.0)" EBUSY
ok_if "the placeholder has no unbind file" test ! -e /sys/bus/pci/drivers/parker/unbind
echo > /sys/bus/pci/devices/0000:00:0c.0/driver_override
# Removed, then found again by a rescan as a new pci_dev: still held.
echo 1 > /sys/bus/pci/devices/0000:00:0c.0/remove
ok_if "sysfs remove: NVMe gone from the boot kernel" test ! -e /sys/bus/pci/devices/0000:00:0c.0
is "sysfs remove: web still holds it" "$(cat $PFS/web/devices | tr '\n' ' ')" \
	"0000:00:03.0 0000:00:0c.0 "
echo 1 > /sys/bus/pci/rescan
ok_if "rescan: NVMe found again" test -e /sys/bus/pci/devices/0000:00:0c.0
is "rescan: the placeholder holds it again, not the nvme driver" \
	"$(driver_of 0000:00:0c.0)" parker
ok_if "rescan: the boot kernel's log says so" \
	sh -c "dmesg | grep -q '0000:00:0c.0 came back while a partition holds it: held again'"
mkdir $PFS/x
is "rescan: another partition cannot take it" \
	"$(errno-of write $PFS/x/devices 0000:00:0c.0)" EBUSY
rmdir $PFS/x
is "other UARTs keep their driver" "$(driver_of 0000:00:04.0)" serial

ok_if "mkdir db" mkdir $PFS/db
is "second partition id" "$(cat $PFS/db/id)" 2
ok_if "db takes CPU 3 and 128M" sh -c "echo 3 > $PFS/db/cpus && echo 128M > $PFS/db/memory"
is "boot kernel: only CPU 0 online" "$(cat /sys/devices/system/cpu/online)" 0
dbmem=$(cat $PFS/db/memory)
webmem=$(cat $PFS/web/memory)
db0=$((${dbmem#*@})); db1=$((db0 + ${dbmem%@*}))
web0=$((${webmem#*@})); web1=$((web0 + ${webmem%@*}))
ok_if "memory of web and db does not overlap" test $db1 -le $web0 -o $web1 -le $db0
is "pool free: 1G - 256M" "$(cat $PFS/info/pool_free)" 805306368

ok_if "return the UART" sh -c "echo -0000:00:03.0 > $PFS/web/devices"
is "UART back with its driver" "$(driver_of 0000:00:03.0)" serial
ok_if "shrink web to CPU 1" sh -c "echo 1 > $PFS/web/cpus"
is "CPU 2 back online" "$(cat /sys/devices/system/cpu/online)" 0,2

ok_if "rmdir web" rmdir $PFS/web
ok_if "web is gone" test ! -e $PFS/web
is "CPU 1 back online" "$(cat /sys/devices/system/cpu/online)" 0-2
is "NVMe back with its driver" "$(driver_of 0000:00:0c.0)" nvme
ok_if "the boot kernel's NVMe disk is back" wait_for 30 test -b /dev/nvme0n1
is "pool free: 1G - 128M" "$(cat $PFS/info/pool_free)" 939524096
ok_if "rmdir db" rmdir $PFS/db
is "everything is back with the boot kernel" "$(snapshot)" "$start"
is "all CPUs online" "$(cat /sys/devices/system/cpu/online)" 0-3
ok_if "CPU 1 runs work again" taskset -c 1 true

ok_if "a name can be used again after rmdir" mkdir $PFS/web
is "ids are reused" "$(cat $PFS/web/id)" 1
rmdir $PFS/web
ok_if "unmount" umount $PFS
ok_if "mount again" mount -t parker parker $PFS
tap_done
