# SPDX-License-Identifier: GPL-2.0
# Safe neighbours, measured:
# - config space: the boot kernel (ports 0xcf8/0xcfc) and two partitions
#   (ECAM) read and write config space at the same time, and no access
#   returns another kernel's data; a booting kernel never writes the config
#   address port (watched from the boot kernel);
# - reset and power paths: a third partition goes through every reset
#   method the kernel knows (reboot= acpi, kbd, pci, triple, efi), sysrq b,
#   o and c, and reboot -f, poweroff -f, halt -f: none resets the machine,
#   and the neighbours keep working;
# - interrupts and time: the boot kernel's timer interrupts keep their
#   rate, and its serial console (IOAPIC) and NVMe disk (MSI-X) keep
#   raising theirs (one per read for the disk), before, while partitions
#   boot, run and stop, and after; a partition's
#   clock agrees with the boot kernel's within a millisecond, early and
#   after the run, measured on the TSC both kernels share.
# smp: 6
# mem: 4G
# cmdline: parker_pool=1G
# timeout: 1200
# audit: off
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

# Timer interrupts on CPU 0 over about 3 s, with CPU 0 kept busy (an idle
# CPU skips ticks, NO_HZ; a busy one takes all of them): "PER_SECOND
# PER_KSPIN", per second and per thousand turns of the busy loop.  An
# emulated CPU takes its ticks only while its host thread runs, and on two
# host cores it shares them with up to five busy emulated CPUs here (a's
# and b's config-space loops, c booting, the boot kernel's own): per second
# counts that share, per turn of the loop does not.
tick_rate() {
	rm -f /tmp/spins
	taskset -c 0 sh -c 'i=0; trap "echo \$i > /tmp/spins; exit" TERM
		while :; do i=$((i + 1)); done' &
	spin=$!
	t0=$(now); a=$(awk '/LOC:/ { print $2 }' /proc/interrupts)
	sleep 3
	t1=$(now); b=$(awk '/LOC:/ { print $2 }' /proc/interrupts)
	kill $spin
	wait $spin
	echo "$a $b $t0 $t1 $(cat /tmp/spins 2> /dev/null)" |
		awk '{ printf "%.1f %.3f", ($2 - $1) / ($4 - $3), $5 ? ($2 - $1) * 1000 / $5 : 0 }'
}

# Interrupts so far, on all CPUs, of the lines of /proc/interrupts that
# match $1.
irqs() {
	awk -v pat="$1" '$0 ~ pat { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i }
		END { print s + 0 }' /proc/interrupts
}

# "PER_SECOND PER_UNIT" for the interrupts matching $1 while "$2" runs,
# with $3 units of work in it.
irq_rate() {
	a=$(irqs "$1"); t0=$(now)
	sh -c "$2"
	b=$(irqs "$1"); t1=$(now)
	echo "$a $b $t0 $t1 $3" | awk '{ printf "%.1f %.3f", ($2 - $1) / ($4 - $3), ($2 - $1) / $5 }'
}

# The serial console: 8 KiB of dots through the console UART (IRQ 4 through
# the IOAPIC); interrupts per KiB.  A write per whole line, so that the
# TAP lines printed meanwhile stay whole.
console_rate() {
	irq_rate 'ttyS0$' 'd=$(printf %063d 0 | tr 0 .)
		for i in $(seq 128); do echo $d; done > /dev/ttyS0' 8
}

# The boot kernel's NVMe disk: 1000 direct 4 KiB reads (MSI-X);
# interrupts per read.
disk_rate() {
	irq_rate 'nvme0q' "dd if=/dev/nvme0n1 of=/dev/null bs=4096 count=1000 iflag=direct 2> /dev/null" 1000
}

# All three, one line:
# "TIMER_S TIMER_KSPIN CONSOLE_S CONSOLE_KIB DISK_S DISK_READ".
rates() {
	echo "$(tick_rate) $(console_rate) $(disk_rate)"
}

# a's CLOCK_REALTIME minus the boot kernel's, at one TSC instant: a reads
# a TSC and clock pair between two of ours, and our clock is interpolated
# at a's TSC (both kernels run their clocks on the one TSC of the
# machine).  Seconds; the median of three.
clock_offset() {
	for i in 1 2 3; do
		n=$(grep -c "PARKER-APP-RESULT clock" $PFS/a/console)
		b1=$(now -t)
		nc 169.254.0.2 5002 < /dev/null > /dev/null
		wait_for 30 sh -c "test \$(grep -c 'PARKER-APP-RESULT clock' $PFS/a/console) -gt $n"
		b2=$(now -t)
		pa=$(grep "PARKER-APP-RESULT clock" $PFS/a/console | tail -1 |
			sed 's/.*tsc=\([0-9]*\) real=\([0-9.]*\).*/\1 \2/')
		echo "$b1 $b2 $pa"
	done | awk '
	# Seconds since base, exactly.  The nanoseconds get a 1 in front:
	# busybox awk reads a number with a leading 0 as octal.
	function rel(r) { split(r, p, "."); return (p[1] - base) + (("1" p[2]) - 1e9) / 1e9 }
	{
		base = substr($2, 1, index($2, ".") - 1)
		r1 = rel($2); r2 = rel($4); ra = rel($6)
		off = ra - (r1 + ($5 - $1) * (r2 - r1) / ($3 - $1))
		printf "# clock sample: boot %s %s, a %s %s, boot %s %s: %.6f s\n",
			$1, $2, $5, $6, $3, $4, off > "/dev/stderr"
		o[NR] = off
	}
	END {
		# The median: one sample upset by something else does not decide.
		if ((o[1] <= o[2] && o[2] <= o[3]) || (o[3] <= o[2] && o[2] <= o[1]))
			m = o[2]
		else if ((o[2] <= o[1] && o[1] <= o[3]) || (o[3] <= o[1] && o[1] <= o[2]))
			m = o[1]
		else
			m = o[3]
		printf "%.6f", m
	}'
}

# The worst ratio of column $1 of the samples in file $2 to the same column
# before: the one furthest from 1; with $3 = low or high, the lowest or
# the highest.
worst_ratio() {
	awk -v c="$1" -v how="${3:-far}" -v b="$(echo $before | cut -d' ' -f$1)" '
		function far(r) { return r <= 0 ? 1e9 : r < 1 ? 1 / r : r }
		function worse(r, w) {
			return how == "low" ? r < w : how == "high" ? r > w : far(r) > far(w)
		}
		{ r = b ? $c / b : 0; if (NR == 1 || worse(r, w)) w = r }
		END { printf "%.2f", w }' "$2"
}

# Ratio $2 within a factor of $1 either way.
within_factor() {
	echo "$1 $2" | awk '{ exit !($2 > 1 / $1 && $2 < $1) }'
}

# The samples in file $2 against the rates before.
# - Timer interrupts per turn of CPU 0's busy loop: at least a third of
#   what they were, since a kernel that took the timer away would stop it
#   altogether.  Per second: at least a fifth and at most three times.
#   Per second they fall to a third when six busy emulated CPUs share two
#   host cores (0.32 measured), and lower when CPU 0 is held without
#   interrupts for long stretches (0.07 to 0.29 when start copied the
#   image in one go, which QEMU 10 runs with interrupts taken every 40 ms;
#   lifecycle.c copies a page at a time).
# - The console: every 8 KiB raised interrupts.  How many depends on how
#   fast QEMU's UART drains (one interrupt moves up to 4 KiB when it
#   drains at once, 16 bytes when it does not), so the counts are shown,
#   not compared; an interrupt taken away would stall the write.
# - The disk: one interrupt per read, as before.  Reads per second fall
#   while five other emulated CPUs take turns on QEMU's I/O lock with it;
#   they are shown, not compared.
check_rates() {
	ok_if "timer interrupts $1 per turn of a busy loop: lowest ratio $(worst_ratio 2 $2 low) to before" \
		awk -v r="$(worst_ratio 2 $2 low)" 'BEGIN { exit !(r > 1 / 3) }'
	ok_if "timer interrupts $1 per second: from $(worst_ratio 1 $2 low) to $(worst_ratio 1 $2 high) times as many as before" \
		awk -v lo="$(worst_ratio 1 $2 low)" -v hi="$(worst_ratio 1 $2 high)" \
		'BEGIN { exit !(lo > 1 / 5 && hi < 3) }'
	ok_if "console interrupts $1: every 8 KiB raised some" \
		awk '!($4 > 0) { exit 1 }' "$2"
	diag "console interrupts per second $1: worst ratio $(worst_ratio 3 $2) to before"
	ok_if "disk interrupts $1: $(worst_ratio 6 $2) times as many per read as before" \
		within_factor 2 "$(worst_ratio 6 $2)"
	diag "disk interrupts per second $1: worst ratio $(worst_ratio 5 $2) to before"
}

# |$1| below $2 seconds.
within() {
	echo "$1 $2" | awk '{ a = $1 < 0 ? -$1 : $1; exit !(a < $2) }'
}

# Each CPU of the boot kernel runs a task pinned to it within 30 s.  A
# reset of the whole machine ends this run (QEMU runs with -no-reboot, and
# the harness fails a scenario that does not reach its end), and nothing
# read here could tell one afterwards; what a check here can see is a
# reset of one of the boot kernel's own CPUs (an INIT sent to it, say):
# that CPU runs nothing any more.
boot_cpus_alive() {
	for cpu in $(tr , '\n' < /sys/devices/system/cpu/online |
		awk -F- '{ e = NF > 1 ? $2 : $1; for (i = $1; i <= e; i++) print i }'); do
		rm -f /tmp/alive
		taskset -c $cpu touch /tmp/alive &
		if ! wait_for 30 test -e /tmp/alive; then
			echo "CPU $cpu: a task pinned to it did not run within 30 s"
			return 1
		fi
	done
}

parker_mount
before=$(rates)
diag "boot kernel interrupts before (timer /s and /1000 turns, console /s and /KiB, disk /s and /read): $before"
nic=$(ls /sys/bus/pci/devices/0000:00:08.0/virtio*/net)
ip addr add 169.254.0.1/16 dev "$nic"
ip link set "$nic" up

ok_if "a runs (2 CPUs, UART and NIC)" app_run a neighbour --cpus 1-2 --memory 256M \
	--device 0000:00:03.0 --device 0000:00:09.0
ok_if "b runs (1 CPU, UART)" app_run b neighbour --cpus 3 --memory 192M --device 0000:00:04.0
app_result a "neighbour ready" > /dev/null
app_result b "neighbour ready" > /dev/null
ok_if "a answers on the network" wait_for 60 ping -c 1 -W 1 169.254.0.2
t_early=$(now)
early=$(clock_offset)
diag "a's clock minus the boot kernel's just after its start: $early s"
ok_if "a's clock agrees with the boot kernel's within 1 ms at its start ($early s)" \
	within "$early" 0.001

# An application kernel never writes the config address port, from its
# first instruction on: identifying an AMD CPU of families 0fh-16h reads the
# northbridge through it, and one such write between the boot kernel's
# address and data cycles once sent a boot kernel's config write elsewhere.
# Watch the port while c boots; the boot kernel makes no config access
# meanwhile.
parkerctl create c --cpus 4 --memory 128M --device 0000:00:06.0 --on-reboot stop
parkerctl load c --kernel $K --initrd $I --cmdline "$AUDIT console=ttyS0,115200 app.run=idle"
cf8watch /tmp/cf8-stop > /tmp/cf8 2> /tmp/cf8.err &
watch=$!
echo start > $PFS/c/command
ok_if "c boots while the config address port is watched" \
	wait_for 120 sh -c "test \$(cat $PFS/c/state) = running"
# The watcher must have watched: still running when c was up, a clean exit,
# and polls counted (an empty output would otherwise pass for "no writes").
ok_if "the watcher was still running when c was up" kill -0 $watch
touch /tmp/cf8-stop
wait $watch
rc=$?
[ -s /tmp/cf8.err ] && sed 's/^/# cf8watch: /' /tmp/cf8.err
is "the watcher exited cleanly" "$rc" 0
polls=$(sed -n '1s/^polls \([0-9]*\) changes [0-9]*$/\1/p' /tmp/cf8)
diag "config address port while c booted: $(head -1 /tmp/cf8)"
ok_if "the watcher polled the port (${polls:-no} polls)" test "${polls:-0}" -gt 0
is "c's kernel never wrote the config address port" "$(tail -n +2 /tmp/cf8 | tr '\n' ' ')" ""
parkerctl stop c
ok_if "c stops" wait_for 60 sh -c "test \$(cat $PFS/c/state) = stopped"

# The boot kernel hammers its own devices' config space meanwhile.
(
	bad=0 n=0
	while [ ! -e /tmp/stop ]; do
		for d in 0000:00:05.0 0000:00:0a.0 0000:00:0c.0; do
			f=/sys/bus/pci/devices/$d/config
			v=$(( (n % 16) + 1 ))
			printf "\\$(printf %o $v)" | dd of=$f bs=1 seek=12 conv=notrunc 2> /dev/null
			got=$(dd if=$f bs=1 skip=12 count=1 2> /dev/null | od -An -tu1 | tr -d ' ')
			if [ "$got" != "$v" ]; then
				bad=$((bad + 1))
				echo "$d: cache line size $got, wrote $v" >> /tmp/boot-config-bad
			fi
			id=$(dd if=$f bs=4 count=1 2> /dev/null | od -An -tx4 | tr -d ' ')
			case $d in
			0000:00:05.0) want=00021b36 ;;
			0000:00:0a.0) want=10001af4 ;;
			0000:00:0c.0) want=00101b36 ;;
			esac
			if [ "$id" != "$want" ]; then
				bad=$((bad + 1))
				echo "$d: id $id, not $want" >> /tmp/boot-config-bad
			fi
			n=$((n + 1))
		done
	done
	echo "$n $bad" > /tmp/boot-config
) &
hammer=$!

# Interrupt rates, sampled again and again while c boots, runs and stops.
(
	while [ ! -e /tmp/c-done ]; do
		rates >> /tmp/rates-during
	done
) &
sampler=$!
for m in reboot=acpi reboot=kbd reboot=pci reboot=triple reboot=efi sysrq-b sysrq-o sysrq-c \
	reboot poweroff halt; do
	case $m in
	reboot=*) cmd="$m app.run=reboot" want=stopped ;;
	sysrq-c) cmd="app.run=$m" want=crashed ;;
	*) cmd="app.run=$m" want=stopped ;;
	esac
	parkerctl load c --kernel $K --initrd $I --cmdline "$AUDIT console=ttyS0,115200 $cmd"
	echo start > $PFS/c/command
	ok_if "c: $m ends as $want, not a machine reset" \
		wait_for 120 sh -c "test \$(cat $PFS/c/state) = $want"
done
touch /tmp/c-done
wait $sampler
while read -r line; do
	diag "boot kernel interrupts while c starts and stops: $line"
done < /tmp/rates-during
ok_if "no CPU of the boot kernel was reset: each of its CPUs ($(cat /sys/devices/system/cpu/online)) still runs work" \
	boot_cpus_alive
is "a and b kept running" "$(cat $PFS/a/state) $(cat $PFS/b/state)" "running running"
pa=$(app_result a config | sed 's/.*passes=//')
pb=$(app_result b config | sed 's/.*passes=//')
diag "config space accesses: a $pa, b $pb"
ok_if "a never read another kernel's data ($pa)" sh -c "echo '$pa' | grep -q ' bad=0$'"
ok_if "b never read another kernel's data ($pb)" sh -c "echo '$pb' | grep -q ' bad=0$'"
touch /tmp/stop
wait $hammer
read bn bbad < /tmp/boot-config
diag "config space accesses: boot kernel $bn"
ok_if "the boot kernel made config accesses ($bn)" test "$bn" -gt 100
is "the boot kernel never read another kernel's data" "$bbad" 0
[ -e /tmp/boot-config-bad ] && sed 's/^/#   /' /tmp/boot-config-bad
check_rates "while partitions start and stop" /tmp/rates-during

late=$(clock_offset)
dmesg | grep -i -e 'tsc' -e clocksource | sed 's/^/# boot kernel: /'
grep -a -i -e 'tsc' -e clocksource -e 'wall clock' $PFS/a/console | sed 's/^/# a: /'
t_late=$(now)
drift=$(echo "$early $late $t_early $t_late" | awk '{ printf "%.0f", ($2 - $1) / ($4 - $3) * 1e6 }')
diag "a's clock minus the boot kernel's after $(echo "$t_early $t_late" | awk '{ printf "%.0f", $2 - $1 }') s: $late s (drift $drift ppm)"
ok_if "a's clock agrees with the boot kernel's within 1 ms after the run ($late s)" \
	within "$late" 0.001

for p in a b c; do parkerctl destroy $p --force; done
rates > /tmp/rates-after
diag "boot kernel interrupts after: $(cat /tmp/rates-after)"
check_rates "after" /tmp/rates-after
tap_done
