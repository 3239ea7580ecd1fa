# SPDX-License-Identifier: GPL-2.0
# Bad input is refused with the right errno and changes nothing.  The first
# PCI UART is the boot kernel's console here, so that it cannot be taken.
# 33 pci-testdev functions (00:10.0 to 00:14.0) are one more than a
# partition's record can describe.
# cmdline: parker_pool=512M
# testdevs: 33
# console: uart0
# timeout: 300
. /tests/lib/tap.sh
. /tests/lib/parker.sh

parker_mount
mkdir $PFS/web $PFS/db
echo 2 > $PFS/db/cpus
echo 128M > $PFS/db/memory
echo +0000:00:09.0 > $PFS/db/devices

# Names
expect_errno "mkdir with capitals" EINVAL mkdir $PFS/Web
expect_errno "mkdir with a space" EINVAL mkdir "$PFS/a b"
expect_errno "mkdir of 32 characters" EINVAL mkdir $PFS/abcdefghijklmnopqrstuvwxyz012345
expect_errno "mkdir starting with -" EINVAL mkdir $PFS/-x
expect_errno "mkdir of a duplicate name" EEXIST mkdir $PFS/web
expect_errno "mkdir inside a partition" EPERM mkdir $PFS/web/sub
expect_errno "mkdir inside info" EPERM mkdir $PFS/info/sub

# CPUs
expect_errno "the boot CPU" EINVAL write $PFS/web/cpus 0
expect_errno "the boot CPU among others (all or nothing)" EINVAL write $PFS/web/cpus 0-1
expect_errno "a CPU that does not exist" ENODEV write $PFS/web/cpus 7
expect_errno "a CPU far beyond the machine" ENODEV write $PFS/web/cpus 4000
expect_errno "a CPU of another partition" EBUSY write $PFS/web/cpus 2
expect_errno "a CPU of another partition among free ones" EBUSY write $PFS/web/cpus 1-3
expect_errno "malformed CPU list '1-'" EINVAL write $PFS/web/cpus 1-
expect_errno "malformed CPU list '3-1'" EINVAL write $PFS/web/cpus 3-1
expect_errno "malformed CPU list 'one'" EINVAL write $PFS/web/cpus one
expect_errno "malformed CPU list '1,,3'" EINVAL write $PFS/web/cpus 1,,3

# Memory
expect_errno "memory of zero" EINVAL write $PFS/web/memory 0
expect_errno "memory above the free pool" ENOSPC write $PFS/web/memory 512M
expect_errno "memory far above the pool" ENOSPC write $PFS/web/memory 64G
expect_errno "memory not a multiple of 2M" EINVAL write $PFS/web/memory 65M
expect_errno "memory below 16M" EINVAL write $PFS/web/memory 8M
expect_errno "memory that is not a size" EINVAL write $PFS/web/memory lots
expect_errno "memory with a bad suffix" EINVAL write $PFS/web/memory 64X

# Devices
expect_errno "malformed PCI address" EINVAL write $PFS/web/devices 00:10.0
expect_errno "PCI address with function 9" EINVAL write $PFS/web/devices +0000:00:04.9
expect_errno "garbage PCI address" EINVAL write $PFS/web/devices +zz
expect_errno "a device that does not exist" ENODEV write $PFS/web/devices +0000:00:1e.0
expect_errno "the host bridge" EINVAL write $PFS/web/devices +0000:00:00.0
expect_errno "the ISA bridge" EINVAL write $PFS/web/devices +0000:00:1f.0
expect_errno "a device of another partition" EBUSY write $PFS/web/devices +0000:00:09.0
expect_errno "removing a device it does not hold" ENOENT write $PFS/web/devices -0000:00:0a.0
expect_errno "the boot kernel's console UART" EBUSY write $PFS/web/devices +0000:00:03.0
mkfs.ext2 -q /dev/nvme0n1 > /dev/null 2>&1 || mke2fs -q /dev/nvme0n1 > /dev/null 2>&1
mkdir -p /mnt
if mount -t ext2 /dev/nvme0n1 /mnt; then
	expect_errno "a disk with a mounted file system" EBUSY write $PFS/web/devices +0000:00:0c.0
	umount /mnt
else
	tap_result 1 "mount a file system on the NVMe disk"
fi
expect_errno "the same disk once unmounted" OK write $PFS/web/devices +0000:00:0c.0
expect_errno "smt_split takes 0 or 1" EINVAL write $PFS/web/smt_split 2

# Limits: refused, never truncated
mkdir $PFS/many
n=0
for slot in 10 11 12 13; do
	for fn in 0 1 2 3 4 5 6 7; do
		echo "+0000:00:$slot.$fn" > $PFS/many/devices && n=$((n + 1))
	done
done
is "a partition takes 32 devices" "$n" 32
expect_errno "a 33rd device: more than the record describes" E2BIG write $PFS/many/devices +0000:00:14.0
ok_if "the reason names the limit" grep -q "at most 32 devices" $PFS/info/last_cmd_status
is "it holds 32" "$(wc -l < $PFS/many/devices)" 32
rmdir $PFS/many

# Policies and commands
expect_errno "on_crash takes restart or stop" EINVAL write $PFS/web/on_crash reboot
expect_errno "on_reboot takes restart or stop" EINVAL write $PFS/web/on_reboot maybe
is "and the policies are what they were" "$(cat $PFS/web/on_crash) $(cat $PFS/web/on_reboot)" \
	"stop restart"
expect_errno "an unknown command" EINVAL write $PFS/web/command launch
expect_errno "start with no image" EINVAL write $PFS/web/command start
expect_errno "stop of a partition that is not running" EINVAL write $PFS/web/command stop
expect_errno "force-stop of a partition that is not started" EINVAL write $PFS/web/command force-stop
is "and its state is what it was" "$(cat $PFS/web/state)" empty

# Privilege: uid 0 without CAP_SYS_ADMIN changes nothing
expect_errno "mkdir without CAP_SYS_ADMIN" EPERM --no-sys-admin mkdir $PFS/x
expect_errno "assign CPUs without CAP_SYS_ADMIN" EPERM --no-sys-admin write $PFS/web/cpus 1
expect_errno "assign memory without CAP_SYS_ADMIN" EPERM --no-sys-admin write $PFS/web/memory 64M
expect_errno "rmdir without CAP_SYS_ADMIN" EPERM --no-sys-admin rmdir $PFS/db
ok_if "reading needs no privilege" su nobody -s /bin/sh -c "cat $PFS/db/cpus $PFS/info/pool_free"
ok_if "writing as another user is refused" sh -c "! su nobody -s /bin/sh -c 'echo 1 > $PFS/db/cpus'"
is "and changed nothing" "$(cat $PFS/db/cpus)" 2
expect_errno "rmdir of info" EPERM rmdir $PFS/info
expect_errno "rmdir of a partition that does not exist" ENOENT rmdir $PFS/nothere

ok_if "every refusal logged a reason" sh -c 'test "$(dmesg | grep -c "parker: ")" -gt 30'
rmdir $PFS/web $PFS/db
is "all CPUs back" "$(cat /sys/devices/system/cpu/online)" 0-3
is "pool all free" "$(cat $PFS/info/pool_free)" 536870912
tap_done
