# SPDX-License-Identifier: GPL-2.0
# Report the NUMA nodes this kernel sees: for each, its CPUs, its memory
# and its distances, as "nodeN=CPUS/MEM_KB/D0:D1:...".
. /app/lib.sh
out=""
for n in /sys/devices/system/node/node[0-9]*; do
	[ -d "$n" ] || continue
	kb=$(sed -n 's/.*MemTotal: *\([0-9]*\) kB/\1/p' "$n/meminfo")
	out="$out ${n##*/}=$(cat "$n/cpulist")/$kb/$(tr ' ' : < "$n/distance")"
done
if [ -n "$out" ]; then
	result numa ok$out
else
	result numa fail no /sys/devices/system/node
fi
