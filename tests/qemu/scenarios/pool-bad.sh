# SPDX-License-Identifier: GPL-2.0
# A parker_pool= the kernel does not understand reserves nothing, even the
# parts of it that were good, and every message says what was wrong rather
# than that the option was missing.  "3X" is no size; the 1G before it is.
# cmdline: parker_pool=1G,3X
# timeout: 120
. /tests/lib/tap.sh
. /tests/lib/parker.sh

ok_if "the boot log names the bad value" sh -c "dmesg | grep -q \"parker: parker_pool: bad size '3X' \""
ok_if "and says the whole option is ignored" sh -c \
	'dmesg | grep -q "parker: parker_pool: the whole option is ignored: nothing is reserved"'
is "nothing was reserved, not even the good 1G" "$(sed -n 's/^CmaTotal: *//p' /proc/meminfo)" "0 kB"
is "mount fails with EOPNOTSUPP" "$(errno-of mount parker $PFS parker)" EOPNOTSUPP
ok_if "the kernel log says the option was not understood, not that it was missing" sh -c \
	'dmesg | grep -q "parker: management is off: parker_pool= was not understood and nothing was reserved"'
parkerctl list > /tmp/out 2>&1
is "parkerctl list fails" "$?" 1
ok_if "and says what to do" grep -q "^parkerctl: .*Parker management is off: .*dmesg | grep parker_pool" /tmp/out
is "all CPUs stay online" "$(cat /sys/devices/system/cpu/online)" 0-3
tap_done
