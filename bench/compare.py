#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare benchmark results of two runs side by side (text and Markdown).

The results file has one measurement a line, in any of these forms:

  SECTION KEY VALUE UNIT              e.g. "boot null_syscall 0.071 us"
  SECTION pbench TEST VALUE UNIT      a pbench line prefixed by its section
  SECTION pscale TEST COPIES OPS      a pscale line prefixed by its section

SECTION names where the figure was taken (e.g. "boot" for the boot kernel
alone, "partition" or "part0", "part1" for partitions); KEY is the test.
Blank lines and lines starting with '#' are ignored.  A key measured more
than once in a section counts with its median.

Two modes:

  compare.py RESULTS --baseline boot --other partition
      every key of the two sections: both values and other/baseline.
      For times (us, ms, ...) a ratio above 1 is worse, for rates (MB/s,
      ops/s) better; the last column says which.

  compare.py RESULTS --scale --one boot --split 'part*'
      pscale figures (unit ops/s) of one kernel running N copies against
      N copies split across partitions: the sum of the ops/s of every
      section matching a --split pattern (shell patterns), and split/one.

Both tables go to stdout, text first, unless --text / --markdown name
files.  Exit status: 0 on success, 1 when nothing could be compared.
"""
import argparse
import fnmatch
import statistics
import sys

LOWER_IS_BETTER = {"ns", "us", "ms", "s", "cycles"}


def parse_line(fields):
    """(section, key, value, unit, copies) of a line's fields, or None."""
    section = fields[0]
    copies = None
    if len(fields) == 4:
        key, value, unit = fields[1:]
    elif len(fields) == 5 and fields[1] == "pbench":
        key, value, unit = fields[2:]
    elif len(fields) == 5 and fields[1] == "pscale":
        key, copies, value = fields[2:]
        unit = "ops/s"
        copies = int(copies)
    else:
        return None
    return section, key, float(value), unit, copies


def read_results(path):
    """{section: {key: [(value, unit, copies), ...]}}, keys in file order."""
    data = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            fields = line.split()
            if not fields or fields[0].startswith("#"):
                continue
            try:
                entry = parse_line(fields)
            except ValueError:
                entry = None
            if entry is None:
                print(f"{path}:{n}: ignored: {line.strip()}", file=sys.stderr)
                continue
            section, key, value, unit, copies = entry
            data.setdefault(section, {}).setdefault(key, []).append(
                (value, unit, copies))
    return data


def summary(entries):
    """Median value, unit and copies of one key's entries."""
    value = statistics.median(e[0] for e in entries)
    return value, entries[0][1], entries[0][2]


def num(v):
    """A figure with as many decimals as it deserves."""
    if v is None:
        return "-"
    if isinstance(v, int):
        return str(v)
    return f"{v:.0f}" if v >= 1000 else f"{v:.1f}" if v >= 10 else f"{v:.3f}"


def verdict(ratio, unit):
    """'+5.0% worse' style change of a ratio, for the unit's direction."""
    if abs(ratio - 1) < 0.01:
        return "same"
    worse = (ratio > 1) == (unit in LOWER_IS_BETTER)
    return f"{(ratio - 1) * 100:+.1f}% {'worse' if worse else 'better'}"


def compare_rows(data, base, other):
    """Rows of the two-section table."""
    b, o = data.get(base, {}), data.get(other, {})
    rows = []
    for key in list(b) + [k for k in o if k not in b]:
        bv, bu, _ = summary(b[key]) if key in b else (None, None, None)
        ov, ou, _ = summary(o[key]) if key in o else (None, None, None)
        unit = bu or ou
        if bu and ou and bu != ou:
            print(f"{key}: units differ ({bu}, {ou})", file=sys.stderr)
        ratio = ov / bv if bv and ov is not None else None
        rows.append([key, unit, num(bv), num(ov),
                     f"{ratio:.3f}" if ratio is not None else "-",
                     verdict(ratio, unit) if ratio is not None else "-"])
    return rows


def scale_rows(data, one, patterns):
    """Rows of the one-kernel against split-across-partitions table."""
    split = [s for s in data if s != one and
             any(fnmatch.fnmatchcase(s, p) for p in patterns) and
             any(e[0][1] == "ops/s" for e in data[s].values())]
    if not split:
        print(f"no section with ops/s matches {' '.join(patterns)}",
              file=sys.stderr)
    keys = []
    for s in [one] + split:
        keys += [k for k, e in data.get(s, {}).items()
                 if e[0][1] == "ops/s" and k not in keys]
    rows = []
    for key in keys:
        ov, _, oc = summary(data[one][key]) if key in data.get(one, {}) \
            else (None, None, None)
        parts = [summary(data[s][key]) for s in split if key in data[s]]
        sv = sum(p[0] for p in parts) if parts else None
        sc = sum(p[2] for p in parts) if parts and \
            all(p[2] is not None for p in parts) else None
        ratio = sv / ov if ov and sv is not None else None
        rows.append([key, num(oc), num(ov), num(sc), num(sv), str(len(parts)),
                     f"{ratio:.3f}" if ratio is not None else "-"])
    return rows, split


def text_table(title, head, rows):
    widths = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]
    line = "  ".join("{:<%d}" % w if i == 0 else "{:>%d}" % w
                     for i, w in enumerate(widths))
    out = [title, "", line.format(*head),
           line.format(*("-" * w for w in widths))]
    out += [line.format(*r) for r in rows]
    return "\n".join(out) + "\n"


def markdown_table(title, head, rows):
    out = [f"### {title}", "", "| " + " | ".join(head) + " |",
           "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def write(path, text, sep):
    if path == "-":
        sys.stdout.write(sep + text)
    else:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def parse_args():
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("results", help="results file")
    p.add_argument("--baseline", metavar="SECTION",
                   help="first section (ratio = other / baseline)")
    p.add_argument("--other", metavar="SECTION", help="second section")
    p.add_argument("--scale", action="store_true",
                   help="pscale mode: --one against --split")
    p.add_argument("--one", metavar="SECTION",
                   help="scale mode: the single kernel running N copies")
    p.add_argument("--split", metavar="PATTERN", nargs="+",
                   help="scale mode: the partitions' sections (patterns)")
    p.add_argument("--text", metavar="FILE", default="-",
                   help="text table file (default: stdout)")
    p.add_argument("--markdown", metavar="FILE", default="-",
                   help="Markdown table file (default: stdout)")
    args = p.parse_args()
    if args.scale and not (args.one and args.split):
        p.error("--scale needs --one and --split")
    if not args.scale and not (args.baseline and args.other):
        p.error("needs --baseline and --other (or --scale)")
    return args


def main():
    args = parse_args()
    data = read_results(args.results)
    wanted = [args.one] if args.scale else [args.baseline, args.other]
    missing = [s for s in wanted if s not in data]
    if missing:
        print(f"no section {' '.join(missing)} in {args.results}",
              file=sys.stderr)
        return 1
    if args.scale:
        rows, split = scale_rows(data, args.one, args.split)
        title = (f"{args.one} alone against {' + '.join(split) or 'nothing'}"
                 f" (ratio = split / one)")
        head = ["test", f"{args.one} copies", f"{args.one} ops/s",
                "split copies", "split ops/s", "sections", "ratio"]
    else:
        rows = compare_rows(data, args.baseline, args.other)
        title = (f"{args.other} against {args.baseline} "
                 f"(ratio = {args.other} / {args.baseline})")
        head = ["test", "unit", args.baseline, args.other, "ratio",
                "change"]
    if not rows or (args.scale and not split):
        print("nothing to compare", file=sys.stderr)
        return 1
    write(args.text, text_table(title, head, rows), "")
    write(args.markdown, markdown_table(title, head, rows),
          "\n" if args.text == "-" else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
