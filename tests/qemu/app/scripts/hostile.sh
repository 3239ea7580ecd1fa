# SPDX-License-Identifier: GPL-2.0
# A hostile kernel (CONFIG_PARKER_HOSTILE_TEST): for SECONDS (app.hostile=,
# default 90) it scribbles over its console ring and its crash message in
# turns, a line in its log after each turn; then random values over its
# whole status page, until the boot kernel takes the partition back.
. /app/lib.sh
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
K=/sys/kernel/debug/parker_hostile
[ -w $K ] || { result hostile fail no $K; exit 1; }
secs=$(tr ' ' '\n' < /proc/cmdline | sed -n 's/^app.hostile=//p')
end=$(( $(date +%s) + ${secs:-90} ))
turns=0
while [ "$(date +%s)" -lt "$end" ]; do
	echo "ring 500" > $K || { result hostile fail ring; exit 1; }
	echo "message 500" > $K || { result hostile fail message; exit 1; }
	turns=$((turns + 1))
	say "PARKER-APP-HOSTILE turn $turns"
done
result hostile ok turns=$turns
echo "status 100000000" > $K
result hostile fail the boot kernel never took it back
