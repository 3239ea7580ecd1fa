# SPDX-License-Identifier: GPL-2.0
# The KUnit suites built into the kernel run at boot (kunit.enable=1) and
# pass.  Each top-level suite result becomes one TAP line here, and
# Parker's own suites must be there with every one of their cases run and
# passed: a suite that is missing, lost or gained cases, or skipped one,
# fails.  8 CPUs: parker_test_cpus skips itself below nr_cpu_ids 8.
# smp: 8
# cmdline: kunit.enable=1
# timeout: 300
. /tests/lib/tap.sh

# Parker's suites, "NAME:CASES": the kunit_suite .name and the number of
# KUNIT_CASE() entries in its test_cases[] in
# kernel/src/arch/x86/parker/parker_kunit.c.  Update with that file.
PARKER_SUITES="parker-ownership:6 parker-core:5"

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

# One suite's KTAP block: "    # Subtest: NAME", its plan "    1..N", one
# "    ok K CASE" or "    not ok K CASE" per case (" # SKIP" when skipped),
# then "ok M NAME" at the top level.  Prints "PLAN PASSED FAILED SKIPPED
# RESULT", RESULT "missing" when the suite never started.
suite_counts() {
	awk -v s="$1" '
	BEGIN { plan = "none"; result = "missing" }
	$0 == "    # Subtest: " s { on = 1; result = "unfinished"; next }
	!on { next }
	/^    1\.\.[0-9]+$/ { plan = substr($1, 4) }
	/^    ok [0-9]+ .* # SKIP/ { skip++; next }
	/^    ok [0-9]+ / { pass++ }
	/^    not ok [0-9]+ / { fail++ }
	/^(not )?ok [0-9]+ / { result = $1 == "ok" ? "ok" : "not-ok"; on = 0 }
	END { print plan, pass + 0, fail + 0, skip + 0, result }' /tmp/ktap
}

for s in $PARKER_SUITES; do
	name=${s%:*} want=${s#*:}
	got=$(suite_counts "$name")
	is "Parker suite $name ran its $want cases, all passed" "$got" "$want $want 0 0 ok"
	[ "$got" = "$want $want 0 0 ok" ] ||
		sed -n "/^    # Subtest: $name\$/,/^\(not \)\{0,1\}ok [0-9]* $name\$/p" /tmp/ktap |
		grep -E '^ +(# Subtest|1\.\.|ok|not ok)|^(not )?ok' | sed 's/^/#   /'
done
tap_done
