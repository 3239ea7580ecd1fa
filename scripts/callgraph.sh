#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The call graph of Parker's boot-kernel files, read off the built objects:
# file A calls (or uses a variable of) file B when A's object has an
# undefined symbol that B's object defines.  Three checks, as TAP lines:
#
#   - no circle: the graph sorts topologically (tsort finds no loop);
#   - layers: no file calls a file of a higher layer, the layers being
#     ground, mechanisms, core, operations, top as LAYERS below says;
#   - a partition's stored state is written in state.c only.
#
# Prints the edges with -v.  Run after the kernel is built.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OBJ=${BUILD:-$ROOT/build}/obj
VERBOSE=${1:-}

# file:layer, lowest first.  kexec_parker is the generic half of the
# loader: it calls the loader, and what frees an image calls it.
LAYERS="
last_cmd:0 shared_read:0 ownership:0 pagetable:0
pool:1 cpu:1 device:1 handoff:1 record:1
state:2 partition:2 halt:2
kdump:3 loader:3 kexec_parker:3 lifecycle:3 monitor:3
parkerfs:4 debugfs:4 init:4
"

layer_of() {
	local f
	for f in $LAYERS; do
		[ "${f%%:*}" = "$1" ] && { echo "${f##*:}"; return; }
	done
	echo "?"
}

objs=()
for f in $LAYERS; do
	name=${f%%:*}
	if [ "$name" = kexec_parker ]; then
		o=$OBJ/kernel/kexec_parker.o
	else
		o=$OBJ/arch/x86/parker/$name.o
	fi
	# debugfs.o is built only with CONFIG_DEBUG_FS.
	[ -f "$o" ] && objs+=("$name=$o")
done
if [ ${#objs[@]} -lt 15 ]; then
	echo "not ok - call graph: the kernel objects are not built ($OBJ)"
	exit 1
fi

defs=$(mktemp)
edges=$(mktemp)
trap 'rm -f "$defs" "$edges"' EXIT
for e in "${objs[@]}"; do
	nm --defined-only "${e#*=}" | awk -v f="${e%%=*}" '$2 ~ /^[TDBR]$/ { print $3, f }'
done | sort > "$defs"
for e in "${objs[@]}"; do
	from=${e%%=*}
	nm --undefined-only "${e#*=}" | awk '{ print $2 }' | sort |
		join - "$defs" | awk -v f="$from" '$2 != f { print f, $2 }'
done | sort -u > "$edges"

[ "$VERBOSE" = -v ] && sed 's/^/# /' "$edges"

if loop=$(tsort "$edges" 2>&1 >/dev/null) && [ -z "$loop" ]; then
	echo "ok - call graph of arch/x86/parker has no circle ($(wc -l < "$edges") edges)"
else
	echo "not ok - call graph of arch/x86/parker has a circle"
	echo "$loop" | sed 's/^/#   /'
fi

up=0
while read -r from to; do
	lf=$(layer_of "$from")
	lt=$(layer_of "$to")
	if [ "$lt" -gt "$lf" ]; then
		echo "#   $from (layer $lf) calls $to (layer $lt)"
		up=$((up + 1))
	fi
done < "$edges"
if [ "$up" = 0 ]; then
	echo "ok - no file of arch/x86/parker calls a higher layer"
else
	echo "not ok - $up calls go to a higher layer"
fi

# The stored state changes in state.c only (parker_set_state()).  The
# pattern must find state.c's own write, or the grep saw nothing at all.
SRC=$ROOT/kernel/src/arch/x86/parker
all=$(grep -nE -- '->state[[:space:]]*(=[^=]|\+\+|--)' "$SRC"/*.c)
writes=$(echo "$all" | grep -v "^$SRC/state.c:" | grep -v 'st->state\|status->state' || true)
if ! echo "$all" | grep -q "^$SRC/state.c:.*p->state = to"; then
	echo "not ok - the state-write check found not even state.c's own write"
elif [ -z "$writes" ]; then
	echo "ok - a partition's state is written in state.c only"
else
	echo "not ok - a partition's state is written outside state.c"
	echo "$writes" | sed 's/^/#   /'
fi
