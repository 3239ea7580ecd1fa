#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build build/bzImage: prepare the tree, make the configuration, run kbuild
# out of tree in build/obj with ccache.  build/bzImage is only replaced when
# the image changed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
JOBS=${JOBS:-$(($(nproc) + 1))}

"$ROOT/scripts/kernel-tree.sh"
"$ROOT/scripts/kernel-config.sh"

# The key the kernel trusts for signed kexec images.
"$ROOT/scripts/kexec-key.sh" "$BUILD/obj"

# shellcheck source=ccache-env.sh
. "$ROOT/scripts/ccache-env.sh"

echo "kernel-build: make bzImage (-j$JOBS, log: build/kernel-build.log)"
if ! make -C "$BUILD/linux" O="$BUILD/obj" -j"$JOBS" CC="$cc" HOSTCC="$cc" \
	bzImage > "$BUILD/kernel-build.log" 2>&1; then
	grep -E -B2 -A8 'error|Error' "$BUILD/kernel-build.log" | head -60 >&2
	echo "kernel-build: failed, see build/kernel-build.log" >&2
	exit 1
fi
grep -E 'warning:' "$BUILD/kernel-build.log" | sort -u | head -20 >&2 || true

if ! cmp -s "$BUILD/obj/arch/x86/boot/bzImage" "$BUILD/bzImage"; then
	cp "$BUILD/obj/arch/x86/boot/bzImage" "$BUILD/bzImage"
fi
cat "$BUILD/obj/include/config/kernel.release" > "$BUILD/kernel-release"
echo "kernel-build: build/bzImage is Linux $(cat "$BUILD/kernel-release"), base $(cat "$BUILD/base/version") from $(cat "$BUILD/base/source")"
