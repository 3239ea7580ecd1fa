#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepare build/linux: the base 6.12 tree with kernel/src laid over it and
# kernel/patches applied in order.
#
# The base is Debian's linux-source-6.12 tarball, or LINUX_SRC (a 6.12 tree
# or tarball).  Only files whose content changes are rewritten, so that kbuild
# rebuilds only what depends on them.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
BASE=$BUILD/base/linux
TREE=$BUILD/linux
DEBIAN_TARBALL=/usr/src/linux-source-6.12.tar.xz

die() { echo "kernel-tree: $*" >&2; exit 1; }

source_id() {
	local src=${LINUX_SRC:-$DEBIAN_TARBALL}
	if [ -d "$src" ]; then
		echo "dir:$(cd "$src" && pwd)"
	elif [ -f "$src" ]; then
		local pkg=""
		if [ "$src" = "$DEBIAN_TARBALL" ]; then
			pkg=" (Debian linux-source-6.12 $(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null))"
		fi
		echo "tar:$(readlink -f "$src") $(stat -c %s-%Y "$src")$pkg"
	else
		die "no kernel source: $src does not exist (install linux-source-6.12 or set LINUX_SRC=)"
	fi
}

tree_version() {
	awk '/^VERSION =/{v=$3} /^PATCHLEVEL =/{p=$3} /^SUBLEVEL =/{s=$3}
	     END{printf "%s.%s.%s\n", v, p, s}' "$1/Makefile"
}

unpack_base() {
	local src=${LINUX_SRC:-$DEBIAN_TARBALL}
	echo "kernel-tree: unpacking $src"
	rm -rf "$BUILD/base" "$TREE"
	mkdir -p "$BASE"
	if [ -d "$src" ]; then
		# Copy only what a source tree holds, not a previous build.
		(cd "$src" && tar --exclude=.git -cf - .) | tar -xf - -C "$BASE"
	else
		tar -xf "$src" -C "$BASE" --strip-components=1
	fi
	[ -f "$BASE/Makefile" ] || die "$src is not a kernel source tree"
	local ver
	ver=$(tree_version "$BASE")
	case $ver in
	6.12.*) ;;
	*) die "base is Linux $ver, Parker needs a 6.12 tree" ;;
	esac
	# The work tree shares unchanged files with the base by hard links;
	# every write below replaces a file, never edits it in place.
	cp -al "$BASE" "$TREE"
	echo "$1" > "$BUILD/base/source"
	echo "$ver" > "$BUILD/base/version"
	: > "$TREE/.parker-files"
}

# The patches of kernel/patches/series, in order.
series_patches() {
	local series=$ROOT/kernel/patches/series
	[ -f "$series" ] || return 0
	grep -v '^[[:space:]]*\(#\|$\)' "$series" | while read -r p _; do
		[ -f "$ROOT/kernel/patches/$p" ] || die "kernel/patches/series names $p, which does not exist"
		echo "$ROOT/kernel/patches/$p"
	done
}

# Files a patch touches, relative to the tree root.
patch_files() {
	sed -n 's|^+++ b/\([^[:space:]]*\).*|\1|p; s|^--- a/\([^[:space:]]*\).*|\1|p' "$1" | sort -u
}

# Build the changed files in a scratch tree, then copy only real changes.
apply_changes() {
	local scratch=$BUILD/scratch
	rm -rf "$scratch"
	mkdir -p "$scratch"

	local patches
	patches=$(series_patches)
	local list=$BUILD/parker-files.new
	{
		(cd "$ROOT/kernel/src" && find . -type f ! -name '.*' | sed 's|^\./||')
		for p in $patches; do
			patch_files "$p"
		done
		cat "$TREE/.parker-files"
	} | sort -u > "$list"

	while read -r f; do
		if [ -f "$BASE/$f" ]; then
			mkdir -p "$scratch/$(dirname "$f")"
			cp "$BASE/$f" "$scratch/$f"
		fi
	done < "$list"

	(cd "$ROOT/kernel/src" && find . -type f ! -name '.*' -exec cp --parents {} "$scratch/" \;)

	for p in $patches; do
		grep -q '^--- ' "$p" || continue
		if ! patch -p1 -d "$scratch" -s -F1 --no-backup-if-mismatch -r - < "$p" > "$BUILD/patch.log" 2>&1; then
			cat "$BUILD/patch.log" >&2
			die "$(basename "$p") does not apply to Linux $(cat "$BUILD/base/version") ($(cat "$BUILD/base/source")): refresh it against this base"
		fi
	done

	local changed=0
	while read -r f; do
		if [ -f "$scratch/$f" ]; then
			if ! cmp -s "$scratch/$f" "$TREE/$f"; then
				mkdir -p "$TREE/$(dirname "$f")"
				rm -f "$TREE/$f"
				cp "$scratch/$f" "$TREE/$f"
				changed=$((changed + 1))
			fi
		elif [ -e "$TREE/$f" ]; then
			rm -f "$TREE/$f"
			changed=$((changed + 1))
		fi
	done < "$list"

	# Remember only files that now differ from the base (or are new).
	(cd "$ROOT/kernel/src" && find . -type f ! -name '.*' | sed 's|^\./||')  > "$list"
	for p in $patches; do
		patch_files "$p" >> "$list"
	done
	sort -u "$list" > "$TREE/.parker-files"
	rm -rf "$scratch" "$list"
	echo "kernel-tree: Linux $(cat "$BUILD/base/version") from $(cat "$BUILD/base/source"), $changed file(s) updated"
}

id=$(source_id)
if [ ! -f "$BUILD/base/source" ] || [ "$(cat "$BUILD/base/source")" != "$id" ] || [ ! -d "$TREE" ]; then
	unpack_base "$id"
fi
apply_changes
