#!/usr/bin/env python3
"""Confidence calibration of tablemend's records against the goldens.

In:  the release binary (target/release/tablemend; build it first; or $TABLEMEND_BIN), a corpus folder and its
     golden folder (same relative paths, .json); optionally more (corpus, golden) pairs with
     --set CORPUS GOLDEN (e.g. the noisy set of scripts/make_calibration_corpus.py), and
     --bare-vocab to run everything a second time with the vocabulary's [indicator] section
     removed (names unknown, categories from rules and printed labels only).
Out: a reliability table on stdout: confidence buckets vs records, share correct, and where the
     wrong records sit; exit 1 when a target fails (records at >= 0.9 correct >= 97%, at least
     75% of the wrong records below 0.7), unless --no-targets.

A record is correct when (level1, level2, name, value) equals a record of the golden table it is
paired with (tables paired in order, or by kind and project name when the counts differ), text
compared after the scorer's normalisation (NFKC, ，：（）； to ASCII, whitespace removed, trailing
。/. dropped); each golden record is used once.

usage: python3 scripts/calibrate.py [--corpus corpus --golden golden] [--set C G]... [--bare-vocab]
                                    [--markdown] [--no-targets]
"""
import json
import os
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# TABLEMEND_BIN: another build of the same code (e.g. target/debug/tablemend, whose profile
# is optimised too); the records and confidences are the same.
BIN = Path(os.environ.get("TABLEMEND_BIN") or ROOT / "target" / "release" / "tablemend")
BUCKETS = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01)]
TRANS = str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "；": ";"})
EXTS = {".md", ".markdown", ".html", ".htm", ".txt"}
HIGH, LOW = 0.9, 0.7
TARGET_HIGH, TARGET_LOW = 0.97, 0.75


def norm(s):
    if s is None:
        return None
    if isinstance(s, (int, float)):
        return round(float(s), 4)
    s = unicodedata.normalize("NFKC", str(s)).translate(TRANS)
    return "".join(s.split()).rstrip("。.")


def key(ind):
    return tuple(norm(ind.get(f)) for f in ("level1", "level2", "name", "value"))


def align(kts, pts):
    if len(kts) == len(pts):
        return list(zip(kts, pts))
    used, pairs = set(), []
    for kt in kts:
        kname = norm((kt.get("meta") or {}).get("project_name"))
        hit = next((i for i, pt in enumerate(pts) if i not in used and pt.get("kind") == kt.get("kind")
                    and norm((pt.get("meta") or {}).get("project_name")) == kname), None)
        if hit is not None:
            used.add(hit)
        pairs.append((kt, pts[hit] if hit is not None else None))
    pairs += [(None, pt) for i, pt in enumerate(pts) if i not in used]
    return pairs


def judged(golden, pred):
    """(confidence, correct, record) for every predicted record."""
    out = []
    for kt, pt in align(golden.get("tables", []), pred.get("tables", [])):
        if pt is None:
            continue
        left = Counter(key(i) for i in (kt or {}).get("indicators", []))
        for ind in pt.get("indicators", []):
            k = key(ind)
            ok = left[k] > 0
            if ok:
                left[k] -= 1
            out.append((float(ind.get("confidence", 0.0)), ok, ind))
    return out


def run_set(corpus, golden, vocab_args):
    rows = []
    for f in sorted(p for p in Path(corpus).rglob("*") if p.suffix.lower() in EXTS):
        g = Path(golden) / f.relative_to(corpus).with_suffix(".json")
        if not g.exists():
            continue
        res = subprocess.run([str(BIN), "extract", str(f), *vocab_args], capture_output=True)
        if res.returncode != 0:
            print(f"extract failed on {f}: {res.stderr.decode(errors='replace')}", file=sys.stderr)
            continue
        pred = json.loads(res.stdout)
        gold = json.loads(g.read_text(encoding="utf-8"))
        rows += [(c, ok, ind, str(f)) for c, ok, ind in judged(gold, pred)]
    return rows


def bare_vocab(tmp):
    """The embedded vocabulary without its [indicator] section, written to tmp."""
    text = (ROOT / "src" / "vocab" / "default.vocab").read_text(encoding="utf-8")
    out, skip = [], False
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("[") and s.endswith("]"):
            skip = s == "[indicator]"
        if not skip:
            out.append(line)
    p = Path(tmp) / "bare.vocab"
    p.write_text("\n".join(out) + "\n", encoding="utf-8")
    return ["--no-default-vocab", "--vocab", str(p)]


def table(rows, title, markdown):
    lines = [f"{title}: {len(rows)} records, {sum(1 for r in rows if not r[1])} wrong"]
    wrong_total = sum(1 for r in rows if not r[1]) or 1
    if markdown:
        lines += ["", "| confidence | records | correct | share correct | share of the wrong |",
                  "|---|---:|---:|---:|---:|"]
    else:
        lines.append(f"{'confidence':>12} {'records':>8} {'correct':>8} {'share':>7} {'of wrong':>9}")
    for lo, hi in BUCKETS:
        b = [r for r in rows if lo <= r[0] < hi]
        ok = sum(1 for r in b if r[1])
        share = f"{ok / len(b):.3f}" if b else "-"
        wrong = (len(b) - ok) / wrong_total
        label = f"< {hi}" if lo == 0.0 else (f">= {lo}" if hi > 1 else f"{lo}-{hi}")
        if markdown:
            lines.append(f"| {label} | {len(b)} | {ok} | {share} | {wrong:.3f} |")
        else:
            lines.append(f"{label:>12} {len(b):>8} {ok:>8} {share:>7} {wrong:>9.3f}")
    p_high, p_low = targets(rows)
    lines.append(f"(>= {HIGH} correct: {p_high:.3f}; wrong below {LOW}: {p_low:.3f})")
    return "\n".join(lines)


def targets(rows):
    high = [r for r in rows if r[0] >= HIGH]
    wrong = [r for r in rows if not r[1]]
    p_high = sum(1 for r in high if r[1]) / len(high) if high else 1.0
    p_low = sum(1 for r in wrong if r[0] < LOW) / len(wrong) if wrong else 1.0
    return p_high, p_low


def main():
    args = sys.argv[1:]
    sets, corpus, golden = [], "corpus", "golden"
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--corpus":
            corpus, i = args[i + 1], i + 1
        elif a == "--golden":
            golden, i = args[i + 1], i + 1
        elif a == "--set":
            sets.append((args[i + 1], args[i + 2]))
            i += 2
        i += 1
    sets.insert(0, (corpus, golden))
    markdown = "--markdown" in args
    if not BIN.exists():
        sys.exit(f"{BIN} missing: run cargo build --release")
    all_rows = []
    with tempfile.TemporaryDirectory() as tmp:
        modes = [("full vocabulary", [])]
        if "--bare-vocab" in args:
            modes.append(("no [indicator] vocabulary", bare_vocab(tmp)))
        for mode, vargs in modes:
            for c, g in sets:
                rows = run_set(c, g, vargs)
                all_rows += rows
                print(table(rows, f"{c} ({mode})", markdown) + "\n")
    print(table(all_rows, "all", markdown))
    p_high, p_low = targets(all_rows)
    print(f"\nrecords at >= {HIGH} correct: {p_high:.3f} (target {TARGET_HIGH}); "
          f"wrong records below {LOW}: {p_low:.3f} (target {TARGET_LOW})")
    if "--show-wrong" in args:
        for c, ok, ind, f in sorted(all_rows, key=lambda r: -r[0]):
            if not ok and c >= LOW:
                reps = ",".join(r["code"] for r in ind.get("repairs", []))
                print(f"  {c:.3f} {f}: {ind.get('level2')} | {ind.get('name')} | {ind.get('value')} [{reps}]")
    if "--no-targets" not in args and (p_high < TARGET_HIGH or p_low < TARGET_LOW):
        sys.exit(1)


if __name__ == "__main__":
    main()
