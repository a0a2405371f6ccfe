#!/usr/bin/env python3
"""Tabulates why corpus/ocr records miss. Runs `tablemend extract` (the binary given, default
target/debug/tablemend) on each corpus/ocr document and compares with golden/ocr: every golden
record that is not matched exactly gets one cause, the first that applies:
  cat    name and value found together, category wrong
  value  name found, paired with another value
  name   name not produced (broken, merged with another, or lost)
Meta misses are counted per field. Prints per-document and overall counts.

usage: python3 scripts/ocr_corpus/misses.py [BINARY] [-v] [--family ocr_heldout]
"""
import json, subprocess, sys, unicodedata
from collections import Counter
from pathlib import Path

TRANS = str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "；": ";"})


def norm(s):
    if s is None:
        return None
    if isinstance(s, (int, float)):
        return round(float(s), 4)
    s = unicodedata.normalize("NFKC", str(s)).translate(TRANS)
    return "".join(s.split()).rstrip("。.;；")


def recs(t):
    return [(norm(i.get("level1")), norm(i.get("level2")), norm(i.get("name")), norm(i.get("value")))
            for i in t.get("indicators") or []]


def main():
    argv = sys.argv[1:]
    family = "ocr"
    if "--family" in argv:
        at = argv.index("--family")
        family = argv[at + 1] if at + 1 < len(argv) else family
        del argv[at:at + 2]
    args = [a for a in argv if not a.startswith("-")]
    verbose = "-v" in sys.argv
    binary = args[0] if args else "target/debug/tablemend"
    total = Counter()
    meta = Counter()
    for doc in sorted(Path("corpus", family).glob("*.html")):
        gold = json.loads(Path("golden", family, doc.stem + ".json").read_text())
        out = subprocess.run([binary, "extract", str(doc)], capture_output=True, text=True).stdout
        pred = json.loads(out)
        c = Counter()
        gt, pt = gold["tables"], pred.get("tables", [])
        for k, g in enumerate(gt):
            p = pt[k] if k < len(pt) else {}
            pr = Counter(recs(p))
            got = recs(p)
            names = Counter(r[2] for r in got)
            nv = Counter((r[2], r[3]) for r in got)
            for r in recs(g):
                if pr[r] > 0:
                    pr[r] -= 1
                    c["ok"] += 1
                    continue
                if nv[(r[2], r[3])] > 0:
                    cause = "cat"
                elif names[r[2]] > 0:
                    cause = "value"
                else:
                    cause = "name"
                c[cause] += 1
                if verbose:
                    print(f"  {doc.stem} t{k+1} {cause:5} {r}")
            gm, pm = g.get("meta") or {}, p.get("meta") or {}
            for f, kv in gm.items():
                pv = pm.get(f)
                ok = ([norm(x) for x in kv or []] == [norm(x) for x in pv or []]) if f == "goals" else norm(kv) == norm(pv)
                if not ok:
                    meta[f] += 1
                    if verbose:
                        print(f"  {doc.stem} t{k+1} meta {f}: {kv!r} != {pv!r}")
        total += c
        print(f"{doc.stem:45} ok={c['ok']:3} cat={c['cat']:3} value={c['value']:3} name={c['name']:3}")
    print("total", dict(total))
    print("meta misses", dict(meta), "sum", sum(meta.values()))


if __name__ == "__main__":
    main()
