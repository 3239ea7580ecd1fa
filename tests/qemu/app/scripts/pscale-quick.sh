# SPDX-License-Identifier: GPL-2.0
# One copy of each scaling test on this partition's CPUs; figures go to
# the kernel log as "BENCH split-N ...".  app.run=pscale or pscale-quick.
. /app/lib.sh
q=
name=$(dmesg | sed -n "s/.*instance mode: partition \([^ ]*\) .*/\1/p" | head -1)
[ "$(tr " " "\n" < /proc/cmdline | sed -n "s/^app.run=//p")" = pscale-quick ] && q=--quick
for t in $(pscale --list | awk '{ print $1 }'); do
	pscale $q --copies 1 "$t" | while read -r tag test copies ops; do
		say "BENCH split-$name $test $ops ops/s"
	done
done
result pscale done
