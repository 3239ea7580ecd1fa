# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# TAP helpers for scenarios running inside the reference machine.
#   ok_if "description" command args...   one test: passes if the command does
#   is "description" GOT WANT             one test: passes if GOT = WANT
#   diag text                             a comment line
#   tap_done                              the plan line, at the end

TAP_N=0

tap_result() {
	TAP_N=$((TAP_N + 1))
	if [ "$1" = 0 ]; then
		echo "ok $TAP_N - $2"
	else
		echo "not ok $TAP_N - $2"
	fi
}

ok_if() {
	desc=$1
	shift
	if "$@" > /tmp/tap-out 2>&1; then
		tap_result 0 "$desc"
	else
		tap_result 1 "$desc"
		sed 's/^/#   /' /tmp/tap-out | head -20
	fi
}

is() {
	if [ "$2" = "$3" ]; then
		tap_result 0 "$1"
	else
		tap_result 1 "$1"
		echo "#   got:  '$2'"
		echo "#   want: '$3'"
	fi
}

diag() {
	echo "# $*"
}

# wait_for SECONDS command args...: poll until the command succeeds.
# Waiting for events, never sleeping a fixed time, keeps tests correct under
# TCG, where timing is nothing like hardware.
wait_for() {
	limit=$1
	shift
	end=$(($(date +%s) + limit))
	while ! "$@" > /dev/null 2>&1; do
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.2
	done
	return 0
}

tap_done() {
	echo "1..$TAP_N"
}
