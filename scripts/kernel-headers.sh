#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The patched kernel's UAPI headers in build/uapi/include, for parkerctl:
# Parker's boot ABI and state names (<asm/parker.h>) and the
# KEXEC_FILE_PARKER flags (<linux/kexec.h>) come from the kernel tree, never
# from a copy.  Needs the tree (kernel-tree.sh), not a kernel build.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}

"$ROOT/scripts/kernel-tree.sh"
# shellcheck source=ccache-env.sh
. "$ROOT/scripts/ccache-env.sh"
mkdir -p "$BUILD/obj"
if ! make -C "$BUILD/linux" O="$BUILD/obj" CC="$cc" HOSTCC="$cc" \
	INSTALL_HDR_PATH="$BUILD/uapi" headers_install > "$BUILD/kernel-headers.log" 2>&1; then
	tail -20 "$BUILD/kernel-headers.log" >&2
	echo "kernel-headers: failed, see build/kernel-headers.log" >&2
	exit 1
fi
echo "kernel-headers: build/uapi/include"
