# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Density and growth, for the density benchmark and its smoke run: the
# smallest memory a partition boots in, the time to start k partitions at
# once, and the boot kernel's own memory spent per partition.  Needs
# parker.sh and app.sh; figures are printed as "BENCH density KEY VALUE
# UNIT".

# The boot kernel's own memory in use, in KiB: what /proc/meminfo counts
# as used, less what partitions hold in the pool (pool pages in use are
# counted as used too).
boot_used_kib() {
	pool_used=$(( ($(cat $PFS/info/pool_size) - $(cat $PFS/info/pool_free)) / 1024 ))
	awk -v p=$pool_used '/^MemTotal:/ { t = $2 } /^MemFree:/ { f = $2 }
		END { print t - f - p }' /proc/meminfo
}

# One /proc/meminfo field, in KiB.
meminfo_kib() {
	awk -v f="$1:" '$1 == f { print $2 }' /proc/meminfo
}

# booted NAME: its init reported; fails at once if it ended instead.
booted() {
	grep -q PARKER-APP-REPORT $PFS/$1/console && return 0
	case $(cat $PFS/$1/state) in
	running | starting) return 1 ;;
	esac
	echo "#   $1 ended $(cat $PFS/$1/state) before its init ran:" \
		"$(head -1 $PFS/$1/crash)" > /tmp/booted.why
	return 0
}

# density_min_memory SIZE_MIB...: the first size, in increasing order, in
# which a 1-CPU partition on CPU 1 reaches init; prints it.
density_min_memory() {
	for m in "$@"; do
		rm -f /tmp/booted.why
		ok=no
		echo "#   create or load failed" > /tmp/booted.why
		if parkerctl create probe --cpus 1 --memory ${m}M 2> /tmp/probe.err &&
		   parkerctl load probe --kernel $K --initrd $I \
			--cmdline "$AUDIT console=ttyS0,115200 app.run=idle" 2>> /tmp/probe.err &&
		   rm /tmp/booted.why && echo start > $PFS/probe/command &&
		   wait_for 60 booted probe && [ ! -e /tmp/booted.why ]; then
			ok=yes
		elif [ -d $PFS/probe ] && [ ! -e /tmp/booted.why ]; then
			echo "#   still $(cat $PFS/probe/state) after 60 s:" \
				"$(tail -c 300 $PFS/probe/console | tail -2)" > /tmp/booted.why
		fi
		echo "# ${m} MiB: $([ $ok = yes ] && echo "init runs" ||
			cat /tmp/booted.why /tmp/probe.err 2> /dev/null | tr '\n' ' ')" >&2
		parkerctl destroy probe --force 2> /dev/null
		if [ $ok = yes ]; then
			echo "$m"
			return 0
		fi
	done
	return 1
}

# density_start K MEM_MIB: create and load K 1-CPU partitions (CPUs 1 to
# K), start them all at once, wait until every init runs; print the time
# and the boot kernel's memory per partition (of which vmalloc: the loaded
# kernel and initrd, kept for restarts; and slab), then destroy them.  Fails if
# one does not boot or the pool does not come back whole.
density_start() {
	k=$1 mem=$2
	free0=$(cat $PFS/info/pool_free)
	echo 3 > /proc/sys/vm/drop_caches
	used0=$(boot_used_kib) slab0=$(meminfo_kib Slab) vm0=$(meminfo_kib VmallocUsed)
	for i in $(seq $k); do
		parkerctl create d$i --cpus $i --memory ${mem}M &&
			parkerctl load d$i --kernel $K --initrd $I \
				--cmdline "$AUDIT console=ttyS0,115200 app.run=idle" || return 1
	done
	t0=$(now)
	for i in $(seq $k); do
		echo start > $PFS/d$i/command || return 1
	done
	for i in $(seq $k); do
		rm -f /tmp/booted.why
		wait_for 600 booted d$i && [ ! -e /tmp/booted.why ] || return 1
	done
	t1=$(now)
	echo 3 > /proc/sys/vm/drop_caches
	used1=$(boot_used_kib) slab1=$(meminfo_kib Slab) vm1=$(meminfo_kib VmallocUsed)
	echo "BENCH density start-$k $(echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }') s"
	echo "BENCH density boot-kib-per-partition-$k $(( (used1 - used0) / k )) KiB"
	echo "BENCH density slab-kib-per-partition-$k $(( (slab1 - slab0) / k )) KiB"
	echo "BENCH density vmalloc-kib-per-partition-$k $(( (vm1 - vm0) / k )) KiB"
	for i in $(seq $k); do
		parkerctl destroy d$i --force || return 1
	done
	test "$(cat $PFS/info/pool_free)" = "$free0"
}
