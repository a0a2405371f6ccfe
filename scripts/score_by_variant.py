#!/usr/bin/env python3
"""Score one corpus family by variant: each document is extracted with tablemend and scored with
the shared scorer; counts are summed per variant (the file name's last `-part`, `ocr` for the
.html documents of a real OCR stack) and overall.

In:  corpus/<family>/*, golden/<family>/*.json, a tablemend binary (TABLEMEND_BIN, default
     target/debug/tablemend), the scorer (SCORE, default /work/shared/tools/score.py)
Out: a markdown table: variant · documents · name / cat / value / record F1 · meta accuracy

usage: python3 scripts/score_by_variant.py [FAMILY=unseen3] [--docs]

A document named `<form>-<layout>-<year>-g<N>[.lines]` (corpus/ocr4) counts under its scan grade
and output route (`g2 html`, `g3 lines`), its route, its grade and its layout; `--docs` adds one
row per document.
"""
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = os.environ.get("TABLEMEND_BIN", str(ROOT / "target" / "debug" / "tablemend"))
SCORE = os.environ.get("SCORE", "/work/shared/tools/score.py")


def variants(p, per_doc=False):
    """The rows a document counts under (besides `all`)."""
    stem = p.stem
    route = "lines" if stem.endswith(".lines") else "html"
    parts = stem.removesuffix(".lines").split("-")
    if len(parts) >= 4 and re.fullmatch(r"g\d", parts[-1]):
        grade, layout = parts[-1], parts[1]
        out = [f"{grade} {route}", f"route {route}", f"grade {grade}", f"layout {layout}"]
    else:
        out = ["ocr" if p.suffix == ".html" else stem.rsplit("-", 1)[-1]]
    return out + ([f"doc {p.name}"] if per_doc else [])


def main():
    args = [a for a in sys.argv[1:] if a != "--docs"]
    family = args[0] if args else "unseen3"
    per_doc = "--docs" in sys.argv
    sums = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    docs = defaultdict(int)
    for p in sorted((ROOT / "corpus" / family).iterdir()):
        gold = ROOT / "golden" / family / f"{p.stem}.json"
        if not gold.exists():
            continue
        pred = subprocess.run([BIN, "extract", str(p)], capture_output=True, text=True).stdout
        tmp = Path("/tmp") / f"score-by-variant-{os.getpid()}.json"
        tmp.write_text(pred or '{"tables": []}', encoding="utf-8")
        out = json.loads(subprocess.run([sys.executable, SCORE, str(gold), str(tmp), "--json"],
                                        capture_output=True, text=True).stdout)
        tmp.unlink()
        for v in variants(p, per_doc) + ["all"]:
            docs[v] += 1
            for k in ("name", "cat", "value", "record"):
                s = sums[v][k]
                s[0] += out[k]["tp"]
                s[1] += out[k]["pred"]
                s[2] += out[k]["key"]
            sums[v]["meta"][0] += out["meta"]["ok"]
            sums[v]["meta"][2] += out["meta"]["n"]

    def f1(t):
        tp, npred, nkey = t
        return 2 * tp / (npred + nkey) if npred + nkey else 0.0

    print("| variant | docs | records | name | cat | value | record F1 | meta |")
    print("|---|---|---|---|---|---|---|---|")
    for v in sorted(sums, key=lambda v: (v == "all", v.startswith("doc"), v)):
        s = sums[v]
        meta = s["meta"][0] / s["meta"][2] if s["meta"][2] else 0.0
        print(f"| {v} | {docs[v]} | {s['record'][2]} | {f1(s['name']):.3f} | {f1(s['cat']):.3f} | "
              f"{f1(s['value']):.3f} | {f1(s['record']):.3f} | {meta:.3f} ({s['meta'][0]}/{s['meta'][2]}) |")


if __name__ == "__main__":
    main()
