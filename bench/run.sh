#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: run the benchmark scenario on the reference machine, time a
# cold boot of the same kernel and initrd in a fresh QEMU, run the density
# scenario on a 16-CPU reference machine, and write the report to
# build/bench/ (results.txt, report.txt, report.md).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
OUT=$BUILD/bench
mkdir -p "$OUT"

echo "bench: the benchmark scenario (this takes a while under TCG)"
"$ROOT/tests/qemu/run-scenario.sh" benchmark > "$OUT/scenario.log" || true
tr -d '\r' < "$BUILD/tests/benchmark/console.log" |
	sed -n 's/^BENCH //p' > "$OUT/results.txt"

echo "bench: the density scenario (16 CPUs, up to 15 partitions)"
"$ROOT/tests/qemu/run-scenario.sh" density > "$OUT/density.log" || true
tr -d '\r' < "$BUILD/tests/density/console.log" |
	sed -n 's/^BENCH //p' >> "$OUT/results.txt"

# Cold boot: the same kernel and initrd in a fresh QEMU, until its init runs.
echo "bench: a cold boot of the application kernel in a fresh QEMU"
cold=$OUT/cold
rm -rf "$cold"
mkdir -p "$cold"
start=$(date +%s.%N)
timeout 300 qemu-system-x86_64 -M q35 -accel tcg,thread=multi -cpu max -smp 2 -m 256M \
	-nodefaults -no-user-config -vga none -display none -no-reboot \
	-kernel "$BUILD/bzImage" -initrd "$BUILD/app-initrd.cpio.gz" \
	-append "console=ttyS0,115200 app.run=poweroff" \
	-chardev "file,id=con,path=$cold/console.log" -serial chardev:con > /dev/null 2>&1 &
qemu=$!
while kill -0 $qemu 2> /dev/null && ! grep -q PARKER-APP-REPORT "$cold/console.log" 2> /dev/null; do
	sleep 0.05
done
end=$(date +%s.%N)
kill $qemu 2> /dev/null || true
wait $qemu 2> /dev/null || true
echo "start cold-boot-to-init $(echo "$start $end" | awk '{ printf "%.3f", $2 - $1 }') s" >> "$OUT/results.txt"

python3 "$ROOT/bench/compare.py" --baseline boot --other partition \
	--text "$OUT/overhead.txt" --markdown "$OUT/overhead.md" "$OUT/results.txt" || true
python3 "$ROOT/bench/compare.py" --scale --one one --split 'split-*' \
	--text "$OUT/scaling.txt" --markdown "$OUT/scaling.md" "$OUT/results.txt" || true
{
	echo "# Parker benchmarks ($(date -u +%Y-%m-%d), $(nproc) host cores, QEMU TCG)"
	echo
	echo "## Overhead: a 2-CPU partition against the boot kernel on 2 CPUs"
	cat "$OUT/overhead.md" 2> /dev/null
	echo
	echo "## Start time"
	echo
	echo "| measure | seconds |"
	echo "| --- | --- |"
	awk '$1 == "start" { printf "| %s | %s |\n", $2, $3 }' "$OUT/results.txt"
	echo
	echo "## Density and growth: 1-CPU partitions of the smallest memory that boots, on 16 CPUs"
	echo
	awk '$1 == "density" && $2 == "min-memory" { printf "Smallest memory a partition boots in: %s %s.\n", $3, $4 }' \
		"$OUT/results.txt"
	echo
	echo "| partitions | start all, until every init runs (s) | boot kernel KiB per partition | of which vmalloc (kernel and initrd kept for restarts) | slab |"
	echo "| ---: | ---: | ---: | ---: | ---: |"
	awk '$1 == "density" && $2 ~ /-[0-9]+$/ {
		k = $2; sub(/.*-/, "", k); key = $2; sub(/-[0-9]+$/, "", key)
		v[k, key] = $3; if (!(k in seen)) { seen[k] = 1; ks[++n] = k }
	}
	END {
		for (i = 1; i <= n; i++) { k = ks[i]
			printf "| %s | %s | %s | %s | %s |\n", k, v[k, "start"],
				v[k, "boot-kib-per-partition"], v[k, "vmalloc-kib-per-partition"],
				v[k, "slab-kib-per-partition"] }
	}' "$OUT/results.txt"
	echo
	echo "## Scaling (functional only on this machine: emulated timings do not show scaling)"
	cat "$OUT/scaling.md" 2> /dev/null
} > "$OUT/report.md"
cat "$OUT/overhead.txt" "$OUT/scaling.txt" 2> /dev/null || true
awk '$1 == "start" || $1 == "density"' "$OUT/results.txt"
echo "bench: report in $OUT/report.md"
