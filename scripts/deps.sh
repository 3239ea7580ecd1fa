#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages Parker needs to build and test.
# Run as root to install what is missing; as another user it only reports.
#
# The reference machine is QEMU 10 (x2APIC under TCG, igb with SR-IOV),
# which Debian 12 has only in bookworm-backports.  The backports suite is
# added with a pin that takes QEMU and its firmware from it and nothing
# else: every other package stays Debian 12's own.
set -eu

QEMU_MAJOR=10
QEMU_PKGS="qemu-system-x86 qemu-system-common qemu-system-data seabios"
PKGS="build-essential bc bison flex libelf-dev libssl-dev cpio xz-utils
kmod rsync python3 perl git linux-source-6.12 qemu-system-x86 ovmf
busybox-static ccache libcmocka-dev pkg-config openssl sbsigntool"

BACKPORTS_LIST=/etc/apt/sources.list.d/parker-backports.sources
BACKPORTS_PIN=/etc/apt/preferences.d/parker-qemu

# qemu_major: the major version of the installed QEMU, 0 when there is none.
qemu_major() {
	v=$(dpkg-query -W -f='${Version}' qemu-system-x86 2>/dev/null || true)
	v=${v#*:}
	echo "${v%%.*}" | grep -E '^[0-9]+$' || echo 0
}

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
old_qemu=""
[ "$(qemu_major)" -ge "$QEMU_MAJOR" ] || old_qemu="qemu-system-x86 (QEMU $QEMU_MAJOR)"

if [ -z "$missing" ] && [ -z "$old_qemu" ]; then
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing Debian packages:$missing ${old_qemu}" >&2
	echo "deps: run as root: scripts/deps.sh (QEMU $QEMU_MAJOR comes from bookworm-backports)" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive

if ! grep -qs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/*; then
	echo "deps: adding bookworm-backports for QEMU $QEMU_MAJOR ($BACKPORTS_LIST)"
	cat > "$BACKPORTS_LIST" <<-EOF
	Types: deb
	URIs: http://deb.debian.org/debian
	Suites: bookworm-backports
	Components: main
	Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOF
fi
cat > "$BACKPORTS_PIN" <<-EOF
	# Parker: QEMU and its firmware from bookworm-backports, nothing else.
	Package: $QEMU_PKGS
	Pin: release n=bookworm-backports
	Pin-Priority: 990
EOF

echo "deps: installing:$missing ${old_qemu}"
# The backports list is new or may be stale: update before installing.
apt-get update
# shellcheck disable=SC2086
apt-get install -y --no-install-recommends $missing $QEMU_PKGS

if [ "$(qemu_major)" -lt "$QEMU_MAJOR" ]; then
	echo "deps: QEMU $(qemu_major) installed, the reference machine needs QEMU $QEMU_MAJOR (bookworm-backports)" >&2
	exit 1
fi
