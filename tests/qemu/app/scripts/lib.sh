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
