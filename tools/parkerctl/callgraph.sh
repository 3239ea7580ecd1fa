#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# callgraph.sh OBJECT...: the file-level call graph of parkerctl, from its
# built objects (make callgraph passes them).  File A depends on file B
# when A.o has an undefined symbol that B.o defines; each such edge is
# printed as "A B".  The layers hold when the graph has no loop (a command
# calls steps and helpers, which never call back up) and no command calls
# another (cmd_*.c only reach the files below them).  Exit 1 when either
# does not hold, with tsort's report of the loop.  Needs nm(1), tsort(1).
set -eu

[ $# -gt 0 ] || { echo "usage: callgraph.sh OBJECT..." >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# "symbol file" for every global symbol defined, and every undefined one.
: > "$tmp/undef"
for o; do
	f=$(basename "$o" .o)
	nm -g --defined-only "$o" | awk -v f="$f" 'NF == 3 { print $3, f }'
	nm -u "$o" | awk -v f="$f" '{ print $NF, f }' >> "$tmp/undef"
done | sort -u > "$tmp/def"
sort -u -o "$tmp/undef" "$tmp/undef"

# Edges "user definer", each once, without a file's calls to itself.
join "$tmp/undef" "$tmp/def" | awk '$2 != $3 { print $2, $3 }' |
	sort -u > "$tmp/edges"
cat "$tmp/edges"
echo "$(wc -l < "$tmp/edges") edges between $# files"

fail=0
if grep '^cmd_[^ ]* cmd_' "$tmp/edges" > "$tmp/cross"; then
	sed 's/^/callgraph: a command calls another: /' "$tmp/cross" >&2
	fail=1
fi
# Every file is a node, those without edges too.
for o; do
	f=$(basename "$o" .o)
	echo "$f $f"
done | cat "$tmp/edges" - > "$tmp/nodes"
if ! tsort "$tmp/nodes" > /dev/null 2> "$tmp/loop"; then
	cat "$tmp/loop" >&2
	echo "callgraph: loop between files" >&2
	fail=1
fi
[ "$fail" = 0 ] || exit 1
echo "no loop, no command calls another"
