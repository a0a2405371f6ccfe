#!/usr/bin/env python3
"""Held-out measurement of the text readers (issue 14): renders golden documents the readers
were not tuned on (corpus/unseen's clean documents, corpus/families, the reference) into every
layout that arrives without cell delimiters, at several column widths, extracts them all with
one `tablemend check` run against the same goldens, and prints record F1 / meta accuracy per
layout × document.

Layouts (render_text_layouts.py):
  md          the Markdown pipe table (the control: what the renderer's form gives when the
              cells are delimited)
  aligned@W   space-aligned columns (pdftotext -layout) at width set W
  centred@W   the same with tall cells centred vertically on their row (pdftotext's habit)
  spaced      single spaces between cells
  runon       cells run together
  stacked     one cell a line, ` |` after each
  trad@W      aligned in traditional script with pinyin after some glyphs

Usage (repository root, after `cargo build`):
  scripts/text_layout_sweep.py [--bin target/debug/tablemend] [--out /tmp/text-sweep] [-v]
      [--only GROUP]   GROUP: reference, unseen, families
-v lists every document × layout that is not exact with its F1/meta; the full differences are
in `tablemend check --corpus OUT/corpus --golden OUT/golden`.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import render_text_layouts as R  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# display columns of the five grid columns (lead label, level 1, level 2, name, value)
WIDTH_SETS = {
    "wide": [18, 14, 18, 40, 30],
    "mid": [16, 14, 16, 26, 22],
    "narrow": [16, 14, 14, 14, 20],
}
LAYOUTS = (
    ["md"]
    + [f"aligned@{w}" for w in WIDTH_SETS]
    + [f"centred@{w}" for w in WIDTH_SETS]
    + ["spaced", "runon", "stacked"]
    + [f"trad@{w}" for w in ("wide", "narrow")]
)


def documents(only):
    """(group, stem, golden path) of every held-out document."""
    out = []
    if only in (None, "reference"):
        out.append(("reference", "suzhou-hrss-2024", ROOT / "golden/suzhou/suzhou-hrss-2024.json"))
    if only in (None, "unseen"):
        for p in sorted((ROOT / "golden/unseen").glob("*-clean.json")):
            out.append(("unseen", p.stem.removesuffix("-clean"), p))
    if only in (None, "families"):
        for p in sorted((ROOT / "golden/families").glob("*.json")):
            # suzhou-as-* are the reference's own forms again
            if p.name.endswith(".extra.json") or p.name.startswith("suzhou-as-"):
                continue
            out.append(("families", p.stem, p))
    return out


def render(doc, layout):
    name, _, w = layout.partition("@")
    R.WIDTHS[:] = WIDTH_SETS.get(w or "wide")
    R.CENTRE = name == "centred"
    try:
        if name in ("aligned", "centred"):
            return R.render_aligned(doc)
        if name == "trad":
            return R.render_traditional(doc)
        if name == "md":
            return R.render_md(doc)
        if name == "spaced":
            return R.render_joined(doc, " ")
        if name == "runon":
            return R.render_joined(doc, "")
        return R.render_stacked(doc)
    finally:
        R.WIDTHS[:] = WIDTH_SETS["wide"]
        R.CENTRE = False


FAIL = re.compile(r"^FAIL (\S+): record P=\S+ R=\S+ F1=([0-9.]+) .*meta=([0-9.]+|n/a)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "target/debug/tablemend"))
    ap.add_argument("--out", default="/tmp/text-sweep")
    ap.add_argument("--only", choices=["reference", "unseen", "families"])
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    out = Path(a.out)
    shutil.rmtree(out, ignore_errors=True)
    files = {}  # corpus path → (group, stem, layout)
    for group, stem, golden in documents(a.only):
        doc = json.loads(golden.read_text(encoding="utf-8"))
        if not doc.get("tables"):
            continue
        for layout in LAYOUTS:
            name = f"{stem}.{layout.replace('@', '-')}"
            c = out / "corpus" / group / (f"{name}.md" if layout == "md" else f"{name}.txt")
            g = out / "golden" / group / f"{name}.json"
            c.parent.mkdir(parents=True, exist_ok=True)
            g.parent.mkdir(parents=True, exist_ok=True)
            c.write_text(render(doc, layout) + "\n", encoding="utf-8")
            g.write_text(json.dumps({"source": str(c), "tables": doc["tables"]}, ensure_ascii=False),
                         encoding="utf-8")
            files[str(c)] = (group, stem, layout)
    run = subprocess.run([a.bin, "check", "--corpus", str(out / "corpus"), "--golden", str(out / "golden")],
                         capture_output=True, text=True)
    score = {k: (1.0, 1.0) for k in files.values()}
    for line in run.stdout.splitlines():
        m = FAIL.match(line)
        if m and m.group(1) in files:
            meta = 1.0 if m.group(3) == "n/a" else float(m.group(3))
            score[files[m.group(1)]] = (float(m.group(2)), meta)

    def cell(vals):
        f = sum(v[0] for v in vals) / len(vals)
        mt = sum(v[1] for v in vals) / len(vals)
        return f"{f:.3f}/{mt:.3f}"

    stems = []
    for k in score:
        if (k[0], k[1]) not in stems:
            stems.append((k[0], k[1]))
    # one row per reference/unseen document, families as one mean row (and its worst documents)
    rows = [(f"{s}", [score[(g, s, l)] for l in LAYOUTS], l) for g, s in stems if g != "families"
            for l in [None]]
    print("record F1 / meta accuracy (mean over documents); rows: documents, columns: layouts")
    head = f"{'document':24s}" + "".join(f"{l:>16s}" for l in LAYOUTS)
    print(head)
    for s, _, _ in rows:
        g = next(g for g, t in stems if t == s)
        print(f"{s:24s}" + "".join(f"{cell([score[(g, s, l)]]):>16s}" for l in LAYOUTS))
    for group in ("unseen", "families"):
        keys = [s for g, s in stems if g == group]
        if keys:
            label = f"{group} mean ({len(keys)})"
            print(f"{label:24s}" + "".join(f"{cell([score[(group, s, l)] for s in keys]):>16s}" for l in LAYOUTS))
    allk = [(g, s) for g, s in stems if g != "reference"]
    if allk:
        per = {l: [score[(g, s, l)] for g, s in allk] for l in LAYOUTS}
        exact = {l: sum(1 for v in per[l] if v == (1.0, 1.0)) for l in LAYOUTS}
        label = f"held-out exact /{len(allk)}"
        print(f"{label:24s}" + "".join(f"{exact[l]:>16d}" for l in LAYOUTS))
    if a.v:
        print("\nnot exact:")
        for (g, s, l), v in sorted(score.items(), key=lambda kv: kv[1]):
            if v != (1.0, 1.0):
                print(f"  {v[0]:.3f}/{v[1]:.3f}  {g}/{s}.{l}")
    if run.returncode not in (0, 1):
        print(run.stderr[-2000:], file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
