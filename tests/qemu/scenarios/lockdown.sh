# SPDX-License-Identifier: GPL-2.0
# Under lockdown a partition loads only an image the kernel verifies: its
# PE signature (CONFIG_KEXEC_SIG, bzImage verification) by a key the kernel
# trusts (the build's test key, CONFIG_SYSTEM_TRUSTED_KEYS).  Under
# integrity lockdown an unsigned image and one signed by a key the kernel
# does not trust are refused with EPERM, each saying why, and nothing
# changes; the signed image loads and runs.  The same under confidentiality
# (raised at run time).  An unload is always allowed.
# cmdline: parker_pool=512M lockdown=integrity
# timeout: 300
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

S=/parker/bzImage.signed
U=/parker/bzImage.signed-untrusted
parker_mount
mount -t securityfs securityfs /sys/kernel/security 2> /dev/null
ok_if "the boot kernel is locked down (integrity)" grep -q '\[integrity\]' /sys/kernel/security/lockdown
parkerctl create web --cpus 1 --memory 128M
id=$(cat $PFS/web/id)
before=$(snapshot)
parkerctl load web --kernel $K > /tmp/o 2>&1
rc=$?
ok_if "parkerctl load of an unsigned image fails with exit status 1 and says why ($(cat /tmp/o))" \
	sh -c "test $rc = 1 && grep -q 'parkerctl: web: .*locked down' /tmp/o"
is "integrity: an unsigned image is refused with EPERM" "$(errno-of kexec $id $K)" EPERM
ok_if "and the reason says so" grep -q "locked down: the image has no signature" $PFS/info/last_cmd_status
is "integrity: an image signed by an untrusted key is refused with EPERM" "$(errno-of kexec $id $U)" EPERM
is "nothing changed" "$(snapshot)" "$before"
is "web is still ready" "$(cat $PFS/web/state)" ready
is "integrity: the image signed by the trusted key loads" "$(errno-of kexec $id $S)" OK
is "web is loaded" "$(cat $PFS/web/state)" loaded
ok_if "an unload is allowed" parkerctl load web --unload

ok_if "raise to confidentiality" sh -c "echo confidentiality > /sys/kernel/security/lockdown"
is "confidentiality: an unsigned image is refused with EPERM" "$(errno-of kexec $id $K)" EPERM
is "confidentiality: an untrusted signature is refused with EPERM" "$(errno-of kexec $id $U)" EPERM
ok_if "confidentiality: the signed image loads with its initrd" \
	parkerctl load web --kernel $S --initrd $I --cmdline "$AUDIT console=ttyS0,115200"
ok_if "and runs" parkerctl start web --wait 120
ok_if "its kernel says it is running" grep -q "running" $PFS/web/console
ok_if "stop it" parkerctl stop web --force
ok_if "an unload is still allowed" parkerctl load web --unload
ok_if "destroy web" parkerctl destroy web
tap_done
