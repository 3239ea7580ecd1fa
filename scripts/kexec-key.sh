#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kexec-key.sh OBJDIR: the key the kernel trusts for signed kexec images
# (CONFIG_SYSTEM_TRUSTED_KEYS="certs/parker-kexec.pem"), this build's own,
# made once in build/keys and put where the kernel build in OBJDIR looks
# for it; the tests sign an image with it.  Never a key to ship.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
OBJDIR=${1:?usage: kexec-key.sh OBJDIR}
KEYS=$BUILD/keys

if [ ! -s "$KEYS/kexec.crt" ]; then
	mkdir -p "$KEYS"
	openssl req -new -x509 -newkey rsa:2048 -sha256 -nodes -days 36500 \
		-subj "/CN=Parker kexec test key (this build only)/" \
		-keyout "$KEYS/kexec.key" -out "$KEYS/kexec.crt" 2> /dev/null
fi
mkdir -p "$OBJDIR/certs"
cmp -s "$KEYS/kexec.crt" "$OBJDIR/certs/parker-kexec.pem" ||
	cp "$KEYS/kexec.crt" "$OBJDIR/certs/parker-kexec.pem"
