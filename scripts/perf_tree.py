#!/usr/bin/env python3
"""Where a profile's time goes, by function and by what each function calls.

In:  the text of `perf script -F ip,sym` over a `perf record --call-graph dwarf` profile (a file
     or stdin); optional function names (or name prefixes) to expand.
Out: on stdout, the share of samples whose innermost tablemend function is each function (self,
     inlined frames resolved), then for each name asked for, the share of samples passing through
     it and which callee each of those samples went to next (`SELF` when none).

usage: perf script -i perf.data -F ip,sym | scripts/perf_tree.py - tablemend::assemble::assemble
"""
import collections
import re
import sys


def samples(lines):
    cur = []
    for line in lines:
        line = line.rstrip()
        if not line:
            if cur:
                yield cur
            cur = []
            continue
        parts = line.strip().split(None, 1)
        sym = parts[1] if len(parts) > 1 else "?"
        sym = re.sub(r"\+0x[0-9a-f]+$", "", sym).replace(" (inlined)", "")
        cur.append(sym)
    if cur:
        yield cur


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    src = sys.stdin if sys.argv[1] == "-" else open(sys.argv[1], encoding="utf-8", errors="replace")
    stacks = list(samples(src))
    n = max(len(stacks), 1)
    own = collections.Counter()
    for st in stacks:
        ours = [s for s in st if s.startswith("tablemend::")]
        own[ours[0] if ours else st[0]] += 1
    print(f"{len(stacks)} samples; self time by innermost tablemend function:")
    for name, c in own.most_common(30):
        print(f"  {100 * c / n:5.1f}%  {name[:120]}")
    for target in sys.argv[2:]:
        callees = collections.Counter()
        for st in stacks:
            hits = [i for i, s in enumerate(st) if s.startswith(target)]
            if hits:
                i = hits[-1]  # the outermost frame of the function
                callees[st[i - 1] if i > 0 else "SELF"] += 1
        print(f"\n{target}: {100 * sum(callees.values()) / n:.1f}% of samples, by callee:")
        for name, c in callees.most_common(12):
            print(f"  {100 * c / n:5.1f}%  {name[:120]}")


if __name__ == "__main__":
    main()
