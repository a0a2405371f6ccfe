#!/usr/bin/env python3
"""A noisier corpus for confidence calibration, written to a folder of your choice (not corpus/).

In:  the UTF-8 Markdown documents under corpus/ (pipe tables; HTML pages and other encodings are
     skipped) and their goldens under golden/.
Out: OUT/corpus/<family>/<case>-n<seed>.md   each document with seeded OCR-style damage in its
     indicator block: names with look-alikes (人→入, 已→己, 未→末), names cut short, a character
     of a name replaced, a label fragment glued before a name, category labels blanked or
     swapped, values dropped or pushed a column right;
     OUT/golden/<family>/<case>-n<seed>.json  the source golden unchanged (the truth), so damage
     the tool cannot undo counts as a wrong record.

Damage is seeded by (document, seed): re-running writes identical files.

usage: python3 scripts/make_calibration_corpus.py OUT [--seeds 3] [--rate 0.15]
"""
import json
import random
import shutil
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOOKALIKES = {"人": "入", "已": "己", "未": "末"}
FILLER = "的和业务工作管理服务项目建设完成情况提升率数量质量"
LABEL_WORDS = ["数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "经济效益指标",
               "生态效益指标", "可持续影响指标", "满意度指标", "产出指标", "效益指标"]
FRAGMENTS = ["标", "指标", "量", "效益", "指"]


def split_row(line):
    cells = line.strip().strip("|").split("|")
    return [c for c in cells]


def join_row(cells):
    return "|" + "|".join(cells) + "|"


def damage_name(t, rnd):
    s = t.strip()
    if len(s) < 3:
        return t
    kind = rnd.choice(["look", "cut", "swap", "glue"])
    if kind == "look" and any(c in s for c in LOOKALIKES):
        s = "".join(LOOKALIKES.get(c, c) if rnd.random() < 0.7 else c for c in s)
    elif kind == "cut":
        s = s[: max(2, len(s) - rnd.randint(1, 3))]
    elif kind == "swap":
        i = rnd.randrange(len(s))
        s = s[:i] + rnd.choice(FILLER) + s[i + 1:]
    else:
        s = rnd.choice(FRAGMENTS) + s
    return f" {s} "


def damage(text, names, values, rate, rnd):
    out = []
    in_block = False
    for line in text.split("\n"):
        if not line.lstrip().startswith("|") or set(line.strip()) <= set("|-: "):
            out.append(line)
            continue
        cells = split_row(line)
        if any("三级指标" in c for c in cells):
            in_block = True
            out.append(line)
            continue
        if not in_block:
            out.append(line)
            continue
        for i, c in enumerate(cells):
            s = c.strip()
            if not s or rnd.random() >= rate:
                continue
            if s in LABEL_WORDS:
                cells[i] = " " if rnd.random() < 0.5 else f" {rnd.choice(LABEL_WORDS)} "
            elif s in names:
                cells[i] = damage_name(c, rnd)
            elif s in values:
                if rnd.random() < 0.5:
                    cells[i] = " "
                else:
                    cells.insert(i, " ")
                    break
        out.append(join_row(cells))
    return "\n".join(out)


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("--"):
        sys.exit(__doc__)
    out = Path(args[0])
    seeds = int(args[args.index("--seeds") + 1]) if "--seeds" in args else 3
    rate = float(args[args.index("--rate") + 1]) if "--rate" in args else 0.15
    if (out / "corpus").exists():
        shutil.rmtree(out / "corpus")
    if (out / "golden").exists():
        shutil.rmtree(out / "golden")
    n = 0
    for md in sorted((ROOT / "corpus").rglob("*.md")):
        rel = md.relative_to(ROOT / "corpus")
        gold = ROOT / "golden" / rel.with_suffix(".json")
        try:
            text = md.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if text.startswith("\ufeff") or "<table" in text.lower() or not gold.exists():
            continue
        g = json.loads(gold.read_text(encoding="utf-8"))
        inds = [i for t in g.get("tables", []) for i in t.get("indicators", [])]
        names = {i["name"] for i in inds if i.get("name")}
        values = {i["value"] for i in inds if i.get("value")}
        for seed in range(1, seeds + 1):
            rnd = random.Random(zlib.crc32(f"{rel}:{seed}".encode()))
            case = rel.with_name(f"{rel.stem}-n{seed}.md")
            dst = out / "corpus" / case
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_text(damage(text, names, values, rate, rnd), encoding="utf-8")
            gdst = out / "golden" / case.with_suffix(".json")
            gdst.parent.mkdir(parents=True, exist_ok=True)
            gdst.write_text(gold.read_text(encoding="utf-8"), encoding="utf-8")
            n += 1
    print(f"wrote {n} documents under {out}")


if __name__ == "__main__":
    main()
