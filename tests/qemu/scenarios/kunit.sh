# SPDX-License-Identifier: GPL-2.0
# The KUnit suites built into the kernel run at boot (kunit.enable=1) and
# pass.  Each top-level suite result becomes one TAP line here.
# cmdline: kunit.enable=1
# timeout: 300
. /tests/lib/tap.sh

dmesg | sed 's/^\[[^]]*\] //' > /tmp/ktap
grep -E '^(not )?ok [0-9]+ ' /tmp/ktap > /tmp/ksuites
if [ ! -s /tmp/ksuites ]; then
	tap_result 1 "KUnit ran at least one suite"
fi
while read -r status rest; do
	if [ "$status" = ok ]; then
		tap_result 0 "kunit suite ${rest#* }"
	else
		tap_result 1 "kunit suite ${rest#ok * }"
		grep -E '^ +not ok|Expected|FAIL' /tmp/ktap | sed 's/^/#   /' | head -20
	fi
done < /tmp/ksuites
tap_done
