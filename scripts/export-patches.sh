#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Export the whole kernel change as a git format-patch series against the
# base tree, into build/patches/, and prove it: the series must apply with
# `git am` to a clean base and give exactly the tree that `make` builds.
#
# kernel/patches/series lists the commits in order, one per line:
#   PATCH [NEW-FILE...]
# PATCH carries the commit message (Subject: line, body, Signed-off-by) and
# the changes to existing files; NEW-FILEs (paths under kernel/src) are added
# in the same commit.  Every file of kernel/src must belong to one commit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
EXPORT=$BUILD/export
VERIFY=$BUILD/export-verify
OUT=$BUILD/patches
SERIES=$ROOT/kernel/patches/series
GIT=(git -c user.name="Parker developers" -c user.email="parker@localhost"
     -c advice.detachedHead=false -c core.autocrlf=false -c gc.auto=0)

die() { echo "export-patches: $*" >&2; exit 1; }

"$ROOT/scripts/kernel-tree.sh" > /dev/null
source_id=$(cat "$BUILD/base/source")
version=$(cat "$BUILD/base/version")

# A git repository of the pristine base, made once per base.
if [ ! -f "$EXPORT/.git/parker-source" ] ||
   [ "$(cat "$EXPORT/.git/parker-source")" != "$source_id" ]; then
	echo "export-patches: making a git repository of the base (once per base)"
	rm -rf "$EXPORT" "$VERIFY"
	mkdir -p "$EXPORT"
	(cd "$BUILD/base/linux" && tar -cf - .) | tar -xf - -C "$EXPORT"
	"${GIT[@]}" -C "$EXPORT" init -q -b parker
	"${GIT[@]}" -C "$EXPORT" add -A -f
	"${GIT[@]}" -C "$EXPORT" commit -q -m "Linux $version"
	"${GIT[@]}" -C "$EXPORT" tag base
	echo "$source_id" > "$EXPORT/.git/parker-source"
fi
"${GIT[@]}" -C "$EXPORT" checkout -q -f -B parker base
"${GIT[@]}" -C "$EXPORT" clean -q -fdx

# Every new file in exactly one commit, every patch in the series.
[ -f "$SERIES" ] || die "kernel/patches/series is missing"
claimed=$(grep -v '^[[:space:]]*\(#\|$\)' "$SERIES" | cut -d' ' -f2- -s | tr ' ' '\n' | sed '/^$/d' | sort)
present=$(cd "$ROOT/kernel/src" && find . -type f ! -name '.*' | sed 's|^\./||' | sort)
dups=$(printf '%s\n' "$claimed" | uniq -d)
[ -z "$dups" ] || die "listed twice in kernel/patches/series: $dups"
unlisted=$(comm -13 <(printf '%s\n' "$claimed") <(printf '%s\n' "$present") | sed '/^$/d')
[ -z "$unlisted" ] || die "kernel/src files in no commit of kernel/patches/series: $unlisted"
missing=$(comm -23 <(printf '%s\n' "$claimed") <(printf '%s\n' "$present") | sed '/^$/d')
[ -z "$missing" ] || die "kernel/patches/series names files not in kernel/src: $missing"
for p in "$ROOT"/kernel/patches/*.patch; do
	[ -e "$p" ] || continue
	grep -q "^$(basename "$p")\b" "$SERIES" || die "$(basename "$p") is not in kernel/patches/series"
done

# message PATCH: the commit message kept in a patch file's header.
message() {
	awk '
		/^Subject:/ { sub(/^Subject: *(\[[^]]*\] *)?/, ""); print; subj = 1; next }
		!subj { next }
		/^---$/ || /^diff --git / { exit }
		{ print }
	' "$1"
}

while read -r patch files; do
	case $patch in ''|'#'*) continue ;; esac
	p=$ROOT/kernel/patches/$patch
	[ -f "$p" ] || die "series names $patch, which does not exist"
	grep -q '^Subject:' "$p" || die "$patch has no Subject: line"
	if grep -q '^--- ' "$p"; then
		"${GIT[@]}" -C "$EXPORT" apply --index "$p" ||
			die "$patch does not apply to Linux $version"
	fi
	for f in $files; do
		mkdir -p "$EXPORT/$(dirname "$f")"
		cp "$ROOT/kernel/src/$f" "$EXPORT/$f"
		"${GIT[@]}" -C "$EXPORT" add -f "$f"
	done
	message "$p" | "${GIT[@]}" -C "$EXPORT" commit -q -F - ||
		die "$patch: nothing to commit"
done < "$SERIES"

rm -rf "$OUT"
"${GIT[@]}" -C "$EXPORT" format-patch -q --cover-letter -o "$OUT" base..parker
count=$(ls "$OUT" | grep -vc '^0000-')
echo "export-patches: $count patch(es) against Linux $version in build/patches/"

# Proof 1: the series applies with git am to a clean base.
rm -rf "$VERIFY"
"${GIT[@]}" -C "$EXPORT" worktree prune
"${GIT[@]}" -C "$EXPORT" worktree add -q --detach "$VERIFY" base
ls "$OUT"/*.patch | grep -v '/0000-' | xargs "${GIT[@]}" -C "$VERIFY" am -q ||
	die "the series does not apply with git am to a clean base"
[ "$("${GIT[@]}" -C "$VERIFY" rev-parse 'HEAD^{tree}')" = "$("${GIT[@]}" -C "$EXPORT" rev-parse 'parker^{tree}')" ] ||
	die "git am of the series gives another tree than the export"

# Proof 2: that tree is the one `make` builds.
while read -r f; do
	if [ -e "$BUILD/linux/$f" ]; then
		cmp -s "$VERIFY/$f" "$BUILD/linux/$f" || die "$f differs from build/linux"
	else
		[ ! -e "$VERIFY/$f" ] || die "$f exists in the series but not in build/linux"
	fi
done < "$BUILD/linux/.parker-files"
"${GIT[@]}" -C "$EXPORT" worktree remove --force "$VERIFY"

# checkpatch over the exported series, the way a maintainer will run it.
errors=0
for p in "$OUT"/*.patch; do
	case $p in */0000-*) continue ;; esac
	out=$(cd "$BUILD/linux" && perl scripts/checkpatch.pl --strict --terse "$p" 2>&1 || true)
	e=$(printf '%s\n' "$out" | grep -c 'ERROR:' || true)
	errors=$((errors + e))
	printf '%s\n' "$out" | grep -E 'ERROR|WARNING|CHECK' | sed "s|^|  $(basename "$p"): |" || true
done
[ "$errors" = 0 ] || die "checkpatch --strict found $errors error(s) in the series"
echo "export-patches: the series applies with git am to a clean Linux $version and gives the tree make builds; checkpatch --strict: no errors"
