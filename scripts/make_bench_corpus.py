#!/usr/bin/env python3
"""Build the benchmark corpus for scripts/bench.sh by controlled corruption of corpus/.

In:  corpus/**/*.{md,html} (UTF-8 documents only; other encodings are left out)
Out: OUT/NNNN-<name>.<ext>   --docs documents (default 1500, ~20 MB), each a corpus document with
                             seeded OCR-style damage applied row by row:
                               * a pipe row shifted: an empty cell inserted or removed at its start
                               * digits turned into lookalike letters (0→O, 1→l) in a cell
                               * a character dropped from a long cell (text cut short)
                               * a blank separator row inserted (page break debris)
     OUT/../vocab-30000.vocab  a synthetic [indicator] section that brings the embedded
                             vocabulary to ~30,000 entries: names recombined from the corpus's
                             indicator names, so they compete with the real ones in the matcher

Deterministic: a fixed seed, sorted inputs.  usage:
  python3 scripts/make_bench_corpus.py OUT [--docs N] [--seed S]
"""
import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEVEL2 = ["数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标",
          "生态效益指标", "可持续影响指标", "满意度指标"]
LOOKALIKE = {"0": "O", "1": "l", "5": "S", "8": "B"}


def corrupt_row(line: str, rng: random.Random) -> str:
    if not line.lstrip().startswith("|") or set(line.strip()) <= set("|-: "):
        return line
    r = rng.random()
    if r < 0.06:  # shift right
        return "|  " + line.lstrip()
    if r < 0.10 and line.lstrip().startswith("|  |"):  # shift left
        return line.lstrip()[3:]
    if r < 0.16:  # lookalike digits in one cell
        return re.sub(r"\d", lambda m: LOOKALIKE.get(m.group(0), m.group(0)) if rng.random() < 0.3 else m.group(0), line)
    if r < 0.20:  # a character dropped from a long cell
        cells = line.split("|")
        i = rng.randrange(len(cells))
        c = cells[i].strip()
        if len(c) > 8:
            cells[i] = " " + c[:-1] + " "
        return "|".join(cells)
    if r < 0.22:
        return line + "\n|  |  |  |  |  |"
    return line


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--docs", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    sources = []
    for p in sorted((ROOT / "corpus").rglob("*")):
        if p.suffix not in (".md", ".html") or not p.is_file():
            continue
        try:
            sources.append((p, p.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            continue
    rng = random.Random(a.seed)
    total = 0
    for i in range(a.docs):
        p, text = sources[i % len(sources)]
        if p.suffix == ".md":
            text = "\n".join(corrupt_row(l, rng) for l in text.split("\n"))
        target = out / f"{i:05d}-{p.stem}{p.suffix}"
        target.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    # the synthetic vocabulary: names recombined from the goldens' indicator names
    names = set()
    for g in sorted((ROOT / "golden").rglob("*.json")):
        if "snapshots" in g.relative_to(ROOT / "golden").parts:
            continue  # full-output snapshots are output, not truth
        names.update(re.findall(r'"name": "([^"]+)"', g.read_text(encoding="utf-8")))
    names = sorted(n for n in names if len(n) >= 4)
    synth = set()
    while len(synth) < 29_700:
        x, y = rng.choice(names), rng.choice(names)
        s = x[: rng.randint(2, len(x) - 1)] + y[rng.randint(1, len(y) - 2):]
        if s not in names and "|" not in s and "[" not in s:
            synth.add(s)
    vocab = out.parent / "vocab-30000.vocab"
    with vocab.open("w", encoding="utf-8") as f:
        f.write("[indicator]\n")
        for s in sorted(synth):
            f.write(f"{s} | {rng.choice(LEVEL2)}\n")
    print(f"{a.docs} documents, {total / 1e6:.1f} MB in {out}; {len(synth)} synthetic vocabulary entries in {vocab}")


if __name__ == "__main__":
    main()
