#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the kernel's scripts/checkpatch.pl --strict over the project's kernel
# change: every new file in kernel/src and every patch in kernel/patches.
# One TAP line per file; a file fails on any ERROR (warnings are shown).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
TREE=$BUILD/linux
CP=$TREE/scripts/checkpatch.pl
# Check the files as they are now, not as the last build laid them out.
"$ROOT/scripts/kernel-tree.sh" > /dev/null || exit 1

n=0
fail=0
check() {
	local what=$1 out errors
	shift
	n=$((n + 1))
	out=$(cd "$TREE" && perl "$CP" --strict --no-summary --terse --show-types "$@" 2>&1)
	errors=$(printf '%s\n' "$out" | grep -c ': ERROR:' || true)
	if [ "$errors" = 0 ]; then
		echo "ok $n - checkpatch --strict: $what"
	else
		echo "not ok $n - checkpatch --strict: $what"
		fail=1
	fi
	[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/#   /'
}

while read -r f; do
	check "kernel/src/$f" -f "$TREE/$f"
done < <(cd "$ROOT/kernel/src" && find . -type f ! -name '.*' | sed 's|^\./||' | sort)

for p in "$ROOT"/kernel/patches/*.patch; do
	[ -e "$p" ] || continue
	# A patch that only carries a message adds new files, checked above.
	grep -q '^--- ' "$p" || continue
	check "kernel/patches/$(basename "$p")" "$p"
done
[ "$n" -gt 0 ] || echo "# checkpatch: no kernel files yet"
exit $fail
