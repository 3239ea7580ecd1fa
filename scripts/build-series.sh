#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make series-build: build every commit of the exported series (make
# patches) with the test configuration, one after the other in one tree,
# so that a bisection through the series never meets a commit that does
# not build.  Commits before the one that wires CONFIG_PARKER in build the
# base with Parker's hooks compiled out.  Slow the first time (a kernel
# build without Parker); later commits rebuild only what they change.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
EXPORT=$BUILD/export
TREE=$BUILD/series-tree
OBJ=$BUILD/series-obj
JOBS=${JOBS:-$(($(nproc) + 1))}
GIT=(git -c advice.detachedHead=false)

"$ROOT/scripts/export-patches.sh" > /dev/null
[ -f "$BUILD/obj/.config" ] || "$ROOT/scripts/kernel-config.sh"

# shellcheck source=ccache-env.sh
. "$ROOT/scripts/ccache-env.sh"

"${GIT[@]}" -C "$EXPORT" worktree prune
[ -d "$TREE" ] || "${GIT[@]}" -C "$EXPORT" worktree add -q --detach "$TREE" base
mkdir -p "$OBJ"
# CONFIG_SYSTEM_TRUSTED_KEYS names the build's kexec key, relative to OBJ.
"$ROOT/scripts/kexec-key.sh" "$OBJ"
failed=0 n=0
for c in $("${GIT[@]}" -C "$EXPORT" rev-list --reverse base..parker); do
	n=$((n + 1))
	subject=$("${GIT[@]}" -C "$EXPORT" log -1 --format=%s "$c")
	"${GIT[@]}" -C "$TREE" checkout -q --detach "$c"
	cp "$BUILD/obj/.config" "$OBJ/.config"
	log=$BUILD/series-build-$n.log
	if make -C "$TREE" O="$OBJ" CC="$cc" HOSTCC="$cc" olddefconfig > "$log" 2>&1 &&
	   make -C "$TREE" O="$OBJ" -j"$JOBS" CC="$cc" HOSTCC="$cc" bzImage >> "$log" 2>&1; then
		echo "ok - series commit $n builds: $subject"
	else
		echo "not ok - series commit $n builds: $subject (see $log)"
		failed=$((failed + 1))
	fi
done
echo "series-build: $((n - failed)) of $n commits build"
[ "$failed" = 0 ]
