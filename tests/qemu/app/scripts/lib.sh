# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Helpers for workloads in an application kernel.

# say TEXT: on the console and in the kernel log (the boot kernel's view).
say() {
	echo "$*"
	echo "$*" > /dev/kmsg
}

# result NAME ok|fail DETAILS
result() {
	say "PARKER-APP-RESULT $*"
}

# first_nic: the name of the first network interface (not lo), waiting up
# to 10 s for its driver to probe; empty if none came.
first_nic() {
	for i in 1 2 3 4 5 6 7 8 9 10; do
		n=$(ls /sys/class/net | grep -v '^lo$' | head -1)
		[ -n "$n" ] && break
		sleep 1
	done
	echo "$n"
}
