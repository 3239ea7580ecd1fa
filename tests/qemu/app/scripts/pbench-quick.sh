# SPDX-License-Identifier: GPL-2.0
# Run the micro-benchmarks (app.run=pbench, or pbench-quick for a smoke
# run); each figure goes to the kernel log as "BENCH partition ...".
. /app/lib.sh
q=
[ "$(tr " " "\n" < /proc/cmdline | sed -n "s/^app.run=//p")" = pbench-quick ] && q=--quick
pbench $q | while read -r tag test value unit; do
	say "BENCH partition $test $value $unit"
done
result pbench done
