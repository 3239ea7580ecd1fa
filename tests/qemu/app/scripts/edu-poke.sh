# SPDX-License-Identifier: GPL-2.0
# Aim the partition's edu device (00:0d.0): a copy within its own memory,
# then a write at each physical address app.edu_target= lists (commas).
. /app/lib.sh
if ! edudma 0000:00:0d.0 self; then
	result edu fail "no copy within its own memory"
	exit
fi
targets=$(tr ' ' '\n' < /proc/cmdline | sed -n 's/^app.edu_target=//p' | tr ',' ' ')
for t in $targets; do
	edudma 0000:00:0d.0 poke "$t" || exit
done
result edu ok "poked $targets"
