# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Helpers for scenarios that run application kernels.

K=/parker/bzImage
I=/parker/app-initrd.cpio.gz

# app_run NAME WORKLOAD [create options...]: create, load and start a
# partition whose init runs WORKLOAD; waits until it is running.
app_run() {
	name=$1 workload=$2
	shift 2
	parkerctl run "$name" "$@" --kernel $K --initrd $I \
		--cmdline "$AUDIT console=ttyS0,115200 app.run=$workload" --wait 180
}

# app_result NAME WHAT: wait for and print the application kernel's
# "PARKER-APP-RESULT WHAT ..." line from its console ring.
# A workload that failed reports "WORD fail ..." and ends the wait early.
app_result() {
	pat="PARKER-APP-RESULT ($2|${2%% *} fail)"
	wait_for 300 grep -q -E "$pat" "$PFS/$1/console" || return 1
	grep -E "$pat" "$PFS/$1/console" | tail -1 | sed 's/.*PARKER-APP-RESULT //'
}

# app_report NAME: its init's report of what it sees.
app_report() {
	wait_for 300 grep -q "PARKER-APP-REPORT" "$PFS/$1/console" || return 1
	grep "PARKER-APP-REPORT" "$PFS/$1/console" | tail -1 | sed 's/.*PARKER-APP-REPORT //'
}
