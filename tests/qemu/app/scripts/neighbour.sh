# SPDX-License-Identifier: GPL-2.0
# A neighbour for the safety scenarios: read and write its own devices'
# config space in a loop, checking every read against what it wrote, and
# answer clock queries on its NIC (port 5002: a connection asks for a TSC
# and clock pair, which the boot kernel sets between two of its own).
. /app/lib.sh
nic=$(first_nic)
if [ -n "$nic" ]; then
	ip addr add 169.254.0.2/16 dev "$nic"
	ip link set "$nic" up
	(
		while :; do
			nc -l -p 5002 < /dev/null > /dev/null
			result clock $(now -t | awk '{ print "tsc=" $1 " real=" $2 }')
		done
	) &
fi
result neighbour ready
# Config space: every device's first 64 bytes stay what they are, and the
# cache line size register reads back what we wrote.
bad=0 n=0
while [ ! -e /tmp/stop ]; do
	for d in /sys/bus/pci/devices/*; do
		v=$(( (n % 16) + 1 ))
		printf "\\$(printf %o $v)" | dd of="$d/config" bs=1 seek=12 conv=notrunc 2> /dev/null
		got=$(dd if="$d/config" bs=1 skip=12 count=1 2> /dev/null | od -An -tu1 | tr -d ' ')
		[ "$got" = "$v" ] || bad=$((bad + 1))
		id=$(dd if="$d/config" bs=4 count=1 2> /dev/null | od -An -tx4 | tr -d ' ')
		[ "$id" = "$(cat /tmp/id.$(basename $d) 2> /dev/null || echo $id | tee /tmp/id.$(basename $d))" ] || bad=$((bad + 1))
		n=$((n + 1))
	done
	[ $((n % 200)) = 0 ] && result config passes=$n bad=$bad
done
