#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The whole test suite: host unit tests, checkpatch over the kernel change,
# the structure of the kernel change (scripts/callgraph.sh),
# every QEMU scenario on the UEFI machine (or those named in SCENARIOS="a b")
# and a subset again on the legacy-BIOS machine.  Every part
# prints TAP lines; the last line is "N passed, N failed".
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
mkdir -p "$BUILD/tests"
RESULTS=$BUILD/tests/results
: > "$RESULTS"

# Make sure no QEMU outlives the run, whatever happens to it.
trap 'pkill -KILL -f "qemu-system-x86_64.*$BUILD/" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM

section() {
	echo "# === $* ==="
}

# run_part NAME COMMAND...: run a part, keep its TAP lines, show everything.
run_part() {
	local name=$1
	shift
	local before
	before=$(wc -l < "$RESULTS")
	"$@" 2>&1 | tee -a "$BUILD/tests/$name.log" |
		while IFS= read -r line; do
			echo "$line"
			case $line in
			"ok "*|"not ok "*) echo "$line" >> "$RESULTS" ;;
			esac
		done
	if [ "$(wc -l < "$RESULTS")" = "$before" ]; then
		echo "not ok - $name: produced no results"
		echo "not ok - $name: produced no results" >> "$RESULTS"
	fi
}

rm -f "$BUILD"/tests/*.log

section "unit tests (cmocka)"
unit_all() {
	make -s -C "$ROOT/tools/parkerctl" O="$BUILD" unit || {
		echo "not ok - unit tests build"
		return
	}
	for t in "$BUILD"/unit/test_*; do
		CMOCKA_MESSAGE_OUTPUT=TAP "$t" | sed "s/^\(\(not \)\{0,1\}ok [0-9]* - \)/\1$(basename "$t"): /"
	done
}
run_part unit unit_all

section "checkpatch --strict"
run_part checkpatch "$ROOT/scripts/checkpatch.sh"

section "structure of the kernel change and of parkerctl"
structure_all() {
	"$ROOT/scripts/callgraph.sh"
	if make -s -C "$ROOT/tools/parkerctl" O="$BUILD" callgraph > "$BUILD/tests/parkerctl-callgraph.txt" 2>&1; then
		echo "ok - parkerctl's call graph has no loop and no command calls another ($(grep ' edges between ' "$BUILD/tests/parkerctl-callgraph.txt"))"
	else
		echo "not ok - parkerctl's call graph has a loop or a command calling another"
		grep 'callgraph:\|tsort' "$BUILD/tests/parkerctl-callgraph.txt" | sed 's/^/#   /'
	fi
}
run_part structure structure_all

section "QEMU scenarios"
# Benchmarks ("# bench: yes") are not tests: make bench runs them.  Long
# scenarios ("# long: yes", several minutes each) run with LONG=1
# or when named in SCENARIOS.
skip="-e ^#.bench:.yes"
[ -n "${LONG:-}" ] || skip="$skip -e ^#.long:.yes"
# shellcheck disable=SC2086 # $skip is grep's options, one word each
scenarios=${SCENARIOS:-$(cd "$ROOT/tests/qemu/scenarios" && grep -L $skip ./*.sh | sed 's|^\./||; s|\.sh$||')}
for s in $scenarios; do
	run_part "scenario-$s" "$ROOT/tests/qemu/run-scenario.sh" "$s"
done

section "QEMU scenarios on the legacy-BIOS machine"
# The reference machine boots through OVMF; this subset keeps the legacy
# path working (LEGACY_SCENARIOS="a b" to choose, empty for none).
# dma-stop force-stops through xAPIC NMIs in under a minute; lifecycle
# would take three.
legacy_default="start-one smp net dma-stop"
[ -z "${SCENARIOS:-}" ] || legacy_default=""
for s in ${LEGACY_SCENARIOS-$legacy_default}; do
	MACHINE_FIRMWARE=bios run_part "scenario-$s-bios" "$ROOT/tests/qemu/run-scenario.sh" "$s"
done

passed=$(grep -c '^ok ' "$RESULTS")
failed=$(grep -c '^not ok ' "$RESULTS")
if [ "$failed" != 0 ]; then
	echo "# failures:"
	grep '^not ok ' "$RESULTS" | sed 's/^/#   /'
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
