# SPDX-License-Identifier: GPL-2.0
# Under lockdown a partition loads no image the kernel cannot verify: this
# build has no CONFIG_KEXEC_SIG, so integrity lockdown refuses every load
# with EPERM and says why, and confidentiality (raised at run time) too.
# An unload is still allowed, and nothing else changes.
# cmdline: parker_pool=512M lockdown=integrity
# timeout: 300
. /tests/lib/tap.sh
. /tests/lib/parker.sh

K=/parker/bzImage
parker_mount
mount -t securityfs securityfs /sys/kernel/security 2> /dev/null
ok_if "the boot kernel is locked down (integrity)" grep -q '\[integrity\]' /sys/kernel/security/lockdown
parkerctl create web --cpus 1 --memory 64M
id=$(cat $PFS/web/id)
before=$(snapshot)
parkerctl load web --kernel $K > /tmp/o 2>&1
rc=$?
ok_if "parkerctl load fails with exit status 1 and says why ($(cat /tmp/o))" \
	sh -c "test $rc = 1 && grep -q 'parkerctl: web: .*locked down' /tmp/o"
is "integrity: a load is refused with EPERM" "$(errno-of kexec $id $K)" EPERM
ok_if "and the reason says so" grep -q "locked down" $PFS/info/last_cmd_status
is "nothing changed" "$(snapshot)" "$before"
is "web is still ready" "$(cat $PFS/web/state)" ready
ok_if "raise to confidentiality" sh -c "echo confidentiality > /sys/kernel/security/lockdown"
is "confidentiality: a load is refused with EPERM" "$(errno-of kexec $id $K)" EPERM
ok_if "an unload is still allowed" parkerctl load web --unload
ok_if "destroy web" parkerctl destroy web
tap_done
