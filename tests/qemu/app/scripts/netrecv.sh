# SPDX-License-Identifier: GPL-2.0
# The partition's NIC: address 169.254.0.2, receive a file over TCP on port
# 5000, report its size and checksum, then send it back to the boot
# kernel's port 5001.  Its NIC's interrupts per CPU are reported before
# and after the transfer ("net irqs-before", "net irqs-after").
. /app/lib.sh

# The NIC's queue interrupts so far on each of this kernel's CPUs,
# "CPU0=N CPU1=N ...": the MSI and MSI-X lines of /proc/interrupts of its
# receive and transmit queues (virtioN-input.Q, virtioN-output.Q), added up.
nic_irqs() {
	awk 'NR == 1 { n = NF; for (i = 1; i <= NF; i++) cpu[i] = $i; next }
		/PCI-MSI/ && /virtio[0-9]+-(input|output)\./ {
			for (i = 1; i <= n; i++) s[i] += $(i + 1)
		}
		END {
			for (i = 1; i <= n; i++) printf "%s%s=%d", (i > 1 ? " " : ""), cpu[i], s[i]
			print ""
		}' /proc/interrupts
}
nic=$(first_nic)
if [ -z "$nic" ]; then
	result net fail no network interface
	exit 0
fi
ip addr add 169.254.0.2/16 dev "$nic"
ip link set "$nic" up
msix=$(grep -c 'PCI-MSIX\|PCI-MSI' /proc/interrupts)
result net irqs-before $(nic_irqs)
result net ready "$nic" msix=$msix
nc -l -p 5000 > /tmp/rx
result net irqs-after $(nic_irqs)
result net rx bytes=$(wc -c < /tmp/rx) sha256=$(sha256sum < /tmp/rx | cut -d' ' -f1)
for i in 1 2 3 4 5 6 7 8 9 10; do
	nc 169.254.0.1 5001 < /tmp/rx && { result net sent; exit 0; }
	sleep 1
done
result net fail cannot send back
