# SPDX-License-Identifier: GPL-2.0
# Take each secondary CPU offline and online again, and run work on it.
. /app/lib.sh
fail=""
for c in /sys/devices/system/cpu/cpu[1-9]*; do
	n=${c##*cpu}
	echo 0 > "$c/online" || fail="$fail offline$n"
	grep -q 0 "$c/online" || fail="$fail still-online$n"
	echo 1 > "$c/online" || fail="$fail online$n"
	taskset -c "$n" sh -c 'i=0; while [ $i -lt 1000 ]; do i=$((i+1)); done' || fail="$fail work$n"
done
if [ -z "$fail" ]; then
	result hotplug ok cpus=$(cat /sys/devices/system/cpu/online)
else
	result hotplug fail$fail
fi
