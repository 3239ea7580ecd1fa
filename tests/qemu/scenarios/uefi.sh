# SPDX-License-Identifier: GPL-2.0
# The UEFI machine: the boot kernel booted through OVMF and keeps EFI; a
# partition's kernel gets no EFI at all, since runtime services and
# variables are the machine's (hazard table: EFI); and the boot kernel's
# EFI variables read and write correctly while a partition runs.
# smp: 4
# cmdline: parker_pool=1G
# timeout: 400
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

VARS=/sys/firmware/efi/efivars
GLOBAL=8be4df61-93ca-11d2-aa0d-00e098032b8c	# EFI_GLOBAL_VARIABLE
TEST=ParkerTest-5061726b-6572-4000-8000-000000000001

parker_mount
ok_if "the boot kernel booted through UEFI" test -d /sys/firmware/efi
ok_if "it mounts efivarfs" mount -t efivarfs efivarfs $VARS
n=$(ls $VARS | grep -c -- "-$GLOBAL$")
ok_if "it reads the firmware's global variables ($n)" test "$n" -gt 0
before=$(cat $VARS/*-$GLOBAL | md5sum)

ok_if "run a partition" app_run fw firmware --cpus 1-2 --memory 256M
r=$(app_result fw firmware)
is "its kernel has no /sys/firmware/efi" "$(echo "$r" | sed -n 's/.* efi=\([a-z]*\).*/\1/p')" no
is "its boot parameters carry no EFI information" "$(echo "$r" | sed -n 's/.* efi_info=\([a-z]*\).*/\1/p')" zero
is "it cannot mount efivarfs" "$(echo "$r" | sed -n 's/.* efivarfs=\([a-z]*\).*/\1/p')" refused
types=$(echo "$r" | sed -n 's/.* setup_data=\([^ ]*\).*/\1/p')
ok_if "no SETUP_EFI in its setup_data chain ($types)" sh -c "echo ,$types, | grep -qv ',0x4,'"
ok_if "its log shows no EFI start-up" sh -c "! grep -q 'efi: EFI v' $PFS/fw/console"

is "the boot kernel's variables read the same while it runs" "$(cat $VARS/*-$GLOBAL | md5sum)" "$before"
ok_if "the boot kernel writes a variable while it runs" sh -c "printf '\007\000\000\000parker' > $VARS/$TEST"
is "and reads it back" "$(tail -c +5 $VARS/$TEST)" parker
is "the partition still runs" "$(cat $PFS/fw/state)" running
ok_if "stop and destroy" sh -c "parkerctl stop fw --force && parkerctl destroy fw"
is "the variables read the same afterwards" "$(cat $VARS/*-$GLOBAL | md5sum)" "$before"
is "and the new one too" "$(tail -c +5 $VARS/$TEST)" parker
tap_done
