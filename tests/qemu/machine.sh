# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The reference machine: QEMU q35 under TCG.  Sourced by the scenario
# harness, `make demo` and `make shell`, so that all of them boot the same
# machine.  Devices sit at fixed PCI addresses so scenarios can name them:
#
#   00:03.0 00:04.0 00:05.0 00:06.0   pci-serial UARTs uart0..uart3
#                                     (partition consoles)
#   00:08.0                           virtio-net-pci net0 (boot kernel)
#   00:09.0 00:0a.0                   virtio-net-pci net1, net2
#   00:0c.0                           nvme, serial "parker0"
#   00:0d.0                           edu (MACHINE_EDU=1): a device whose
#                                     DMA a user program aims
#   00:10.0 ...                       MACHINE_TESTDEVS pci-testdev functions,
#                                     8 a slot (for limits on devices)
#
# MACHINE_NVME_THROTTLE=BYTES throttles the NVMe disk's reads to BYTES/s.
#
# All NICs sit on one QEMU hub: one network segment.  The boot kernel's
# console is the legacy COM1 (ttyS0 in the boot kernel).
#
# Two machines: MACHINE_FIRMWARE=uefi (the default) is the reference, a
# model of a current server: OVMF firmware, and an Intel IOMMU with
# interrupt remapping in x2APIC mode (eim=on), so that both kernels run
# their CPUs in x2APIC mode; the boot kernel turns DMA remapping on and
# confines each partition's devices (intel_iommu=off turns it off).  MACHINE_FIRMWARE=bios is the legacy
# machine: SeaBIOS, no IOMMU, xAPIC.  QEMU hands the kernel to either with
# -kernel; under OVMF the kernel starts through its EFI stub.

UART_ADDRS="03 04 05 06"
OVMF_CODE=/usr/share/OVMF/OVMF_CODE_4M.fd
OVMF_VARS=/usr/share/OVMF/OVMF_VARS_4M.fd
NIC_ADDRS="08 09 0a"
NVME_ADDR="0c"

# machine_args LOGDIR SMP MEM CPU [NUMA]: prints QEMU arguments one per line.
# NUMA is empty or a node count: CPUs and memory split evenly across nodes,
# one socket a node (SMP alone would make one socket whose cores share a
# last-level cache across the nodes, and the kernel warns about that:
# "llc-sibling CPU #0 is not on the same node", topology_sane()).
machine_args() {
	local logdir=$1 smp=$2 mem=$3 cpu=$4 numa=${5:-}
	local i=0 a

	[ -z "$numa" ] || [[ $smp == *sockets=* ]] || smp="$smp,sockets=$numa"
	printf '%s\n' -M q35 -accel tcg,thread=multi -cpu "$cpu" \
		-smp "$smp" -m "$mem" -nodefaults -no-user-config -vga none \
		-display none -no-reboot

	if [ -n "$numa" ]; then
		local per=$((${smp%%,*} / numa)) n
		for n in $(seq 0 $((numa - 1))); do
			printf '%s\n' -object "memory-backend-ram,id=mem$n,size=$(( ${mem%G} * 1024 / numa ))M" \
				-numa "node,nodeid=$n,cpus=$((n * per))-$((n * per + per - 1)),memdev=mem$n"
		done
	fi

	machine_firmware "$logdir"

	for a in $UART_ADDRS; do
		printf '%s\n' -chardev "file,id=uart$i,path=$logdir/uart$i.log" \
			-device "pci-serial,chardev=uart$i,addr=$a.0"
		i=$((i + 1))
	done
	i=0
	for a in $NIC_ADDRS; do
		printf '%s\n' -netdev "hubport,id=net$i,hubid=0" \
			-device "virtio-net-pci,netdev=net$i,addr=$a.0,mac=52:54:00:12:34:$(printf %02x $((0x56 + i)))"
		i=$((i + 1))
	done
	printf '%s\n' -drive "file=$logdir/nvme0.img,if=none,id=nvme0,format=raw${MACHINE_NVME_THROTTLE:+,throttling.bps-read=$MACHINE_NVME_THROTTLE}" \
		-device "nvme,serial=parker0,drive=nvme0,addr=$NVME_ADDR.0"

	# All 64 address bits, not edu's default 28: partitions' memory is high.
	[ -z "${MACHINE_EDU:-}" ] ||
		printf '%s\n' -device "edu,addr=0d.0,dma_mask=0xffffffffffffffff"

	for i in $(seq 0 $((${MACHINE_TESTDEVS:-0} - 1))); do
		printf '%s\n' -device "pci-testdev,addr=$(printf %02x.%d $((0x10 + i / 8)) $((i % 8)))$([ $((i % 8)) = 0 ] && echo ,multifunction=on)"
	done
}

# machine_firmware LOGDIR: the firmware's arguments, and the IOMMU of the
# reference machine (QEMU wants it before the devices it translates for).
# UEFI gets a fresh copy of OVMF's variable store in LOGDIR.
machine_firmware() {
	case ${MACHINE_FIRMWARE:-uefi} in
	uefi)
		cp "$OVMF_VARS" "$1/ovmf-vars.fd"
		printf '%s\n' -drive "if=pflash,format=raw,unit=0,readonly=on,file=$OVMF_CODE" \
			-drive "if=pflash,format=raw,unit=1,file=$1/ovmf-vars.fd" \
			-device intel-iommu,intremap=on,eim=on
		;;
	bios) ;;
	*)
		echo "machine: MACHINE_FIRMWARE=$MACHINE_FIRMWARE: not uefi or bios" >&2
		return 1
		;;
	esac
}

# make_disk LOGDIR: a fresh, empty disk for the NVMe device.
make_disk() {
	rm -f "$1/nvme0.img"
	truncate -s 256M "$1/nvme0.img"
}
