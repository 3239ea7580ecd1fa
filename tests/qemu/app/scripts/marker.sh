# SPDX-License-Identifier: GPL-2.0
# Write a marker all over 80% of MemTotal, and stay.
. /app/lib.sh
total=$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)
mb=$((total * 8 / 10 / 1024))
memfill --marker "$mb" 5041524b4d41524b > /tmp/m 2>&1 &
while ! grep -q marked /tmp/m; do sleep 1; done
result marker ok mb=$mb
