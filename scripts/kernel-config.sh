#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Make build/obj/.config: tinyconfig with kernel/config/*.config merged in.
# The .config is only replaced when its content changes, so an unchanged
# configuration triggers no rebuild.  Every option the fragments set must
# survive olddefconfig; a missing dependency is an error, not a surprise.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
TREE=$BUILD/linux
OBJ=$BUILD/obj
TMP=$BUILD/config-tmp

rm -rf "$TMP"
mkdir -p "$TMP" "$OBJ"
make -s -C "$TREE" O="$TMP" tinyconfig > /dev/null
cat "$ROOT"/kernel/config/*.config > "$TMP/fragment"
"$TREE/scripts/kconfig/merge_config.sh" -m -O "$TMP" "$TMP/.config" "$TMP/fragment" > "$TMP/merge.log"
make -s -C "$TREE" O="$TMP" olddefconfig > /dev/null

bad=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=n)
		opt=${line%%=*}
		if grep -q "^$opt=" "$TMP/.config"; then
			echo "kernel-config: $opt should be off but is $(grep "^$opt=" "$TMP/.config")" >&2
			bad=1
		fi
		;;
	CONFIG_*=*)
		if ! grep -qxF "$line" "$TMP/.config"; then
			got=$(grep "^${line%%=*}[= ]" "$TMP/.config" || echo "unset (a dependency is missing)")
			echo "kernel-config: wanted $line, got: $got" >&2
			bad=1
		fi
		;;
	esac
done < "$TMP/fragment"
[ $bad = 0 ] || exit 1

if ! cmp -s "$TMP/.config" "$OBJ/.config"; then
	cp "$TMP/.config" "$OBJ/.config"
	echo "kernel-config: configuration updated"
fi
rm -rf "$TMP"
