# SPDX-License-Identifier: GPL-2.0
# Without parker_pool= Parker management is off, and mounting says why.
# timeout: 120
. /tests/lib/tap.sh

ok_if "the kernel made the mount point" test -d /sys/fs/parker
is "mount fails with EOPNOTSUPP" "$(errno-of mount parker /sys/fs/parker parker)" EOPNOTSUPP
ok_if "the kernel log says why" sh -c 'dmesg | grep -q "parker: management is off: this kernel was booted without parker_pool=SIZE"'
is "all CPUs stay online" "$(cat /sys/devices/system/cpu/online)" 0-3
tap_done
