#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the kernel's scripts/checkpatch.pl --strict over the project's kernel
# change: every new file in kernel/src and every patch in kernel/patches.
# One TAP line per file; a file fails on any ERROR, and on any WARNING or
# CHECK that scripts/checkpatch-allow.txt does not list for it (each entry
# there says why it stays).  Entries no longer needed are shown, not failed.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
TREE=$BUILD/linux
CP=$TREE/scripts/checkpatch.pl
ALLOW=${CHECKPATCH_ALLOW:-$ROOT/scripts/checkpatch-allow.txt}
# Check the files as they are now, not as the last build laid them out.
"$ROOT/scripts/kernel-tree.sh" > /dev/null || exit 1

# The allow-list: allowed["FILE: LEVEL:TYPE: MESSAGE"]=COUNT.  An entry
# without its justification line, or a line that is neither, is an error.
declare -A allowed
allow_errors=()
entry=""
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
	lineno=$((lineno + 1))
	case $line in
	"#"* | "") continue ;;
	$'\t'*)
		[ -n "$entry" ] || allow_errors+=("line $lineno: a reason with no entry before it")
		entry=""
		continue
		;;
	esac
	[ -z "$entry" ] || allow_errors+=("line $lineno: the entry before it gives no reason: $entry")
	if [[ $line =~ ^([0-9]+)\ (.*:\ (WARNING|CHECK):[A-Za-z0-9_]+:\ .*)$ ]]; then
		entry=${BASH_REMATCH[2]}
		allowed[$entry]=$(( ${allowed[$entry]:-0} + BASH_REMATCH[1] ))
	else
		allow_errors+=("line $lineno: not \"COUNT FILE: LEVEL:TYPE: MESSAGE\": $line")
		entry=""
	fi
done < "$ALLOW"
[ -z "$entry" ] || allow_errors+=("the last entry gives no reason: $entry")

n=0
fail=0
if [ ${#allow_errors[@]} = 0 ]; then
	n=$((n + 1))
	echo "ok $n - checkpatch allow-list: every entry well formed, with its reason"
else
	n=$((n + 1))
	echo "not ok $n - checkpatch allow-list: every entry well formed, with its reason"
	printf '#   %s\n' "${allow_errors[@]}"
	fail=1
fi

# check WHAT CHECKPATCH-ARGS...: one TAP line for the file WHAT.
declare -A checked
check() {
	local what=$1 out errors key line new=() stale=()
	local -A seen=()
	shift
	n=$((n + 1))
	checked[$what]=1
	out=$(cd "$TREE" && perl "$CP" --strict --no-summary --terse --show-types "$@" 2>&1)
	errors=$(printf '%s\n' "$out" | grep -c ': ERROR:' || true)
	# "PATH:LINE: LEVEL:TYPE: MESSAGE" -> "WHAT: LEVEL:TYPE: MESSAGE", counted.
	while IFS= read -r line; do
		[[ $line =~ :\ ((WARNING|CHECK):[A-Za-z0-9_]+:\ .*)$ ]] || continue
		key="$what: ${BASH_REMATCH[1]}"
		seen[$key]=$(( ${seen[$key]:-0} + 1 ))
		[ "${seen[$key]}" -gt "${allowed[$key]:-0}" ] && new+=("$line")
	done <<< "$out"
	for key in "${!allowed[@]}"; do
		[ "${key%%: *}" = "$what" ] || continue
		[ "${seen[$key]:-0}" -lt "${allowed[$key]}" ] &&
			stale+=("${allowed[$key]} allowed, ${seen[$key]:-0} found: ${key#*: }")
	done
	if [ "$errors" = 0 ] && [ ${#new[@]} = 0 ]; then
		echo "ok $n - checkpatch --strict: $what"
	else
		echo "not ok $n - checkpatch --strict: $what ($errors errors," \
			"${#new[@]} warnings or checks not in scripts/checkpatch-allow.txt)"
		fail=1
	fi
	[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/#   /'
	[ ${#new[@]} = 0 ] || printf '#   not allowed: %s\n' "${new[@]}"
	[ ${#stale[@]} = 0 ] || printf '#   allow-list entry no longer needed (%s)\n' "${stale[@]}"
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
[ "$n" -gt 1 ] || echo "# checkpatch: no kernel files yet"
for key in "${!allowed[@]}"; do
	[ -n "${checked[${key%%: *}]:-}" ] ||
		echo "# checkpatch: allow-list entry for a file not checked (gone?): $key"
done
exit $fail
