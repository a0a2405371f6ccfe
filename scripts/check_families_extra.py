#!/usr/bin/env python3
"""Compare `tablemend extract` output with the sidecar expectations of the families corpus.

In:  golden/families/<name>.extra.json   per table: stage, framework, execution, conclusion,
                                         meta_other; per record (in golden order, carrying its
                                         name): op, unit, direction, weight, actual, score,
                                         deviation, basis, extra — only the keys the form prints
     the extract output of corpus/families/<name>.{md,html} (run here, or read from --pred DIR)
Out: per document the number of sidecar fields checked and the ones that differ; exit 1 when any
     differs. A key absent from the sidecar is not checked (no expectation); a key present in the
     sidecar but absent from the output counts as a difference.

Records are matched by table index and name (normalised like score.py: NFKC, no whitespace);
numbers compare within 1e-6; op/unit fall back to the record's `parsed` when not top-level; text compares after the same normalisation. `basis` and `extra`
compare as maps {header: text}; an output `basis` that is a string is compared with the sidecar's
texts joined by '；' in column order.

usage: python3 scripts/check_families_extra.py [CORPUS_DIR] [--golden DIR] [--bin BIN] [--pred DIR] [NAME…]
       CORPUS_DIR defaults to corpus/families; its goldens to the same path under golden/
       (corpus/families2 → golden/families2). `meta.other`, written as [key, value] pairs,
       compares with the sidecar's meta_other map.
"""
import argparse
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "corpus" / "families"


def golden_of(corpus):
    """corpus/<family> → golden/<family> (the layout `tablemend check` uses)."""
    corpus = Path(corpus).resolve()
    parts = list(corpus.parts)
    if "corpus" in parts:
        i = len(parts) - 1 - parts[::-1].index("corpus")
        parts[i] = "golden"
        return Path(*parts)
    return ROOT / "golden" / corpus.name


def norm(v):
    if v is None:
        return None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    s = unicodedata.normalize("NFKC", str(v))
    s = "".join(s.split())
    for a, b in (("，", ","), ("：", ":"), ("（", "("), ("）", ")")):
        s = s.replace(a, b)
    return s.rstrip("。")


def same(want, got):
    if isinstance(want, dict):
        if isinstance(got, str):
            return norm("；".join(str(x) for x in want.values())) == norm(got)
        if not isinstance(got, dict):
            return False
        g = {norm(k): v for k, v in got.items()}
        return all(same(v, g.get(norm(k))) for k, v in want.items())
    w, g = norm(want), norm(got)
    if isinstance(w, float) or isinstance(g, float):
        try:
            return abs(float(w) - float(g)) < 1e-6
        except (TypeError, ValueError):
            return False
    return w == g


def extract(binary, src):
    out = subprocess.run([binary, "extract", str(src)], capture_output=True, check=False)
    return json.loads(out.stdout.decode("utf-8"))


def entry(got, key):
    """The value under `key` in an output map or a list of [key, value] pairs."""
    if isinstance(got, dict):
        return got.get(key)
    if isinstance(got, list):
        for p in got:
            if isinstance(p, list) and len(p) == 2 and p[0] == key:
                return p[1]
    return None


def source_of(corpus, name, side):
    """The document `name` in the corpus dir (any extension), else the sidecar's source."""
    for p in sorted(Path(corpus).glob(f"{name}.*")):
        if not p.name.endswith(".json"):
            return p
    return ROOT / side["source"]


def check(name, corpus, golden, binary, pred_dir):
    side = json.loads((golden / f"{name}.extra.json").read_text(encoding="utf-8"))
    if pred_dir:
        pred = json.loads((Path(pred_dir) / f"{name}.json").read_text(encoding="utf-8"))
    else:
        pred = extract(binary, source_of(corpus, name, side))
    ptables = pred.get("tables", [])
    n, diffs = 0, []
    for ti, st in enumerate(side["tables"]):
        pt = ptables[ti] if ti < len(ptables) else {}
        for key in ("stage", "framework", "execution", "conclusion", "meta_other"):
            if key not in st:
                continue
            want = st[key]
            got = pt.get(key)
            if got is None and key == "meta_other":
                got = (pt.get("meta") or {}).get("other")
            items = want.items() if isinstance(want, dict) else [(None, want)]
            for k, w in items:
                g = got if k is None else entry(got, k)
                n += 1
                if not same(w, g):
                    diffs.append(f"table {ti + 1} {key}{'.' + k if k else ''}: want {w!r} got {g!r}")
        precs = {norm(r.get("name")): r for r in pt.get("indicators", [])}
        for sr in st["indicators"]:
            pr = precs.get(norm(sr["name"]))
            for k, w in sr.items():
                if k == "name":
                    continue
                n += 1
                g = None if pr is None else pr.get(k)
                if g is None and pr is not None and k in ("op", "unit"):
                    g = (pr.get("parsed") or {}).get(k)
                if not same(w, g):
                    diffs.append(f"table {ti + 1} [{sr['name']}] {k}: want {w!r} got {g!r}")
    return n, diffs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--golden", help="golden dir (default: the corpus dir's path under golden/)")
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "tablemend"))
    ap.add_argument("--pred")
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    if not Path(a.corpus).is_dir():
        # an old call passing a document name first
        a.names.insert(0, a.corpus)
        a.corpus = str(DEFAULT_CORPUS)
    golden = Path(a.golden) if a.golden else golden_of(a.corpus)
    names = a.names or sorted(p.name[: -len(".extra.json")] for p in golden.glob("*.extra.json"))
    total, bad = 0, 0
    for name in names:
        n, diffs = check(name, a.corpus, golden, a.bin, a.pred)
        total += n
        bad += len(diffs)
        print(f"{'ok  ' if not diffs else 'FAIL'} {name}: {n - len(diffs)}/{n} sidecar fields")
        for d in diffs:
            print("    " + d)
    print(f"sidecar fields right: {total - bad}/{total}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
