#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages Parker needs to build and test.
# Run as root to install what is missing; as another user it only reports.
set -eu

PKGS="build-essential bc bison flex libelf-dev libssl-dev cpio xz-utils
kmod rsync python3 perl git linux-source-6.12 qemu-system-x86
busybox-static ccache libcmocka-dev pkg-config openssl sbsigntool"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: run as root (or: sudo apt-get install$missing)" >&2
	exit 1
fi

echo "deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists: update them when an install fails.
# shellcheck disable=SC2086
if ! apt-get install -y --no-install-recommends $missing; then
	apt-get update
	apt-get install -y --no-install-recommends $missing
fi
