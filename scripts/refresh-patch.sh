#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Regenerate the diff of one kernel/patches file from build/linux:
#   scripts/refresh-patch.sh kernel/patches/NNNN-name.patch [FILE...]
# Edit the existing kernel files in build/linux, then run this: the patch
# keeps its message and gets the diff base -> build/linux of the files it
# already touches plus the FILEs named.  An existing file belongs to one
# patch only, so that each patch stays one idea.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
patch=${1:?usage: refresh-patch.sh PATCH [FILE...]}
shift

files=$( { sed -n 's|^+++ b/\([^[:space:]]*\).*|\1|p' "$patch"; printf '%s\n' "$@"; } | sed '/^$/d' | sort -u)
header=$(awk '{ print } /^---$/ { exit }' "$patch")
{
	printf '%s\n' "$header"
	for f in $files; do
		diff -u --label "a/$f" --label "b/$f" "$BUILD/base/linux/$f" "$BUILD/linux/$f" || true
	done
} > "$patch.new"
mv "$patch.new" "$patch"
echo "refresh-patch: $(basename "$patch"): $(echo "$files" | wc -w) file(s)"
