# SPDX-License-Identifier: GPL-2.0
# What of the machine's firmware this kernel can reach: EFI must be absent
# (no /sys/firmware/efi, no efivarfs, no EFI entry in the boot data).
. /app/lib.sh
efi=no
[ -e /sys/firmware/efi ] && efi=yes
# setup_data types the loader passed (SETUP_EFI is 0x4).
types=$(cat /sys/kernel/boot_params/setup_data/*/type 2>/dev/null | tr '\n' , | sed 's/,$//')
# struct efi_info sits at 0x1c0 in the boot parameters, 32 bytes.
info=$(od -v -An -tx1 -j 448 -N 32 /sys/kernel/boot_params/data | tr -d ' \n' | tr -d 0)
efi_info=zero
[ -n "$info" ] && efi_info=set
mkdir -p /tmp/efivars
vars=refused
mount -t efivarfs efivarfs /tmp/efivars 2>/dev/null && vars=mounted
result firmware ok efi=$efi efi_info=$efi_info efivarfs=$vars setup_data=${types:-none}
