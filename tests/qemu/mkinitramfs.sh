#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the two initramfs images of the reference machine:
#   build/app-initrd.cpio.gz   busybox and a small init, for application kernels
#   build/initramfs.cpio.gz    the boot kernel's: busybox, parkerctl, the
#                              scenarios, and /parker/{bzImage,app-initrd.cpio.gz}
#                              so scenarios can start partitions (and
#                              bzImage.signed, signed with the build's kexec key)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
BUSYBOX=${BUSYBOX:-/bin/busybox}

die() { echo "mkinitramfs: $*" >&2; exit 1; }
[ -x "$BUSYBOX" ] || die "$BUSYBOX missing (install busybox-static)"
file -L "$BUSYBOX" 2>/dev/null | grep -q 'statically linked' ||
	ldd "$BUSYBOX" 2>&1 | grep -q 'not a dynamic' ||
	die "$BUSYBOX is not static (install busybox-static)"

# skeleton DIR: busybox with a link for each applet.
skeleton() {
	local dir=$1 applet
	rm -rf "$dir"
	mkdir -p "$dir"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,run,etc,root}
	cp "$BUSYBOX" "$dir/bin/busybox"
	for applet in $("$BUSYBOX" --list); do
		[ "$applet" = busybox ] || ln -sf busybox "$dir/bin/$applet"
	done
	# Where the kernel looks for them (poweroff_cmd, reboot_cmd).
	for applet in poweroff reboot halt; do
		ln -sf ../bin/busybox "$dir/sbin/$applet"
	done
	echo "root:x:0:0:root:/root:/bin/sh" > "$dir/etc/passwd"
	echo "root:x:0:" > "$dir/etc/group"
	echo "nobody:x:65534:65534:nobody:/:/bin/false" >> "$dir/etc/passwd"
	echo "nogroup:x:65534:" >> "$dir/etc/group"
}

# pack DIR OUT: a newc cpio, owned by root, replaced only when it changed.
pack() {
	local dir=$1 out=$2
	(cd "$dir" && find . -print0 | LC_ALL=C sort -z |
		cpio --null -o -H newc -R 0:0 --reproducible --quiet) | gzip -n -9 > "$out.tmp"
	if cmp -s "$out.tmp" "$out"; then
		rm -f "$out.tmp"
	else
		mv "$out.tmp" "$out"
	fi
}

# Small static helpers the scenarios and workloads use.
tools=$BUILD/test-tools
mkdir -p "$tools"
for t in "$ROOT"/tests/qemu/tools/*.c; do
	out=$tools/$(basename "$t" .c)
	[ "$out" -nt "$t" ] && continue
	gcc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -static -o "$out" "$t"
done

# The benchmark programs, in both images.
make -s -C "$ROOT/bench/src" O="$tools" > /dev/null

app=$BUILD/initramfs-app
skeleton "$app"
install -m 755 "$ROOT/tests/qemu/app/init" "$app/init"
mkdir -p "$app/app"
cp "$ROOT"/tests/qemu/app/scripts/*.sh "$app/app/"
install -m 755 "$tools/memfill" "$app/bin/memfill"
install -m 755 "$tools/now" "$tools/errno-of" "$tools/edudma" "$app/bin/"
install -m 755 "$tools/pbench" "$tools/pscale" "$app/bin/"
pack "$app" "$BUILD/app-initrd.cpio.gz"

boot=$BUILD/initramfs-boot
skeleton "$boot"
install -m 755 "$ROOT/tests/qemu/rootfs/init" "$boot/init"
install -m 755 "$BUILD/parkerctl" "$boot/bin/parkerctl"
cp "$tools"/* "$boot/bin/"
mkdir -p "$boot/tests" "$boot/parker"
# DEBUG_EXTRA: extra static binaries for bring-up debugging only
for x in ${DEBUG_EXTRA:-}; do install -m 755 "$x" "$boot/bin/"; done
cp -r "$ROOT/tests/qemu/scenarios" "$ROOT/tests/qemu/lib" "$boot/tests/"
[ -f "$ROOT/tests/qemu/demo.sh" ] && cp "$ROOT/tests/qemu/demo.sh" "$boot/tests/"
cp "$BUILD/bzImage" "$boot/parker/bzImage"
# The same kernel with its instance-mode mark defaced: what a kernel without
# Parker looks like to the loader.
perl -0777 -pe 's/Parker instance mode, record version/Xarker instance mode, record version/' \
	"$BUILD/bzImage" > "$boot/parker/bzImage-no-instance"
# Signed with the key the kernel trusts (scripts/kernel-build.sh), and with
# a key it does not: the lockdown scenario loads each.
sbsign --key "$BUILD/keys/kexec.key" --cert "$BUILD/keys/kexec.crt" \
	--output "$boot/parker/bzImage.signed" "$BUILD/bzImage" 2> /dev/null
stranger=$(mktemp -d)
openssl req -new -x509 -newkey rsa:2048 -sha256 -nodes -days 1 \
	-subj "/CN=Parker kexec key the kernel does not trust/" \
	-keyout "$stranger/key" -out "$stranger/crt" 2> /dev/null
sbsign --key "$stranger/key" --cert "$stranger/crt" \
	--output "$boot/parker/bzImage.signed-untrusted" "$BUILD/bzImage" 2> /dev/null
rm -rf "$stranger"
cp "$BUILD/app-initrd.cpio.gz" "$boot/parker/app-initrd.cpio.gz"
pack "$boot" "$BUILD/initramfs.cpio.gz"
rm -rf "$app" "$boot"
echo "mkinitramfs: $(du -h "$BUILD/initramfs.cpio.gz" | cut -f1) boot initramfs, $(du -h "$BUILD/app-initrd.cpio.gz" | cut -f1) application initrd"
