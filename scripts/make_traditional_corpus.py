#!/usr/bin/env python3
"""Writes corpus/traditional/: made-up forms printed in traditional script, as pipe tables, as
HTML and as text with no cell delimiters, some with the pinyin a web converter leaves after a
glyph (`產(chǎn)`).

In:  made-up documents already in the corpus, with their hand-written goldens:
     corpus/unseen/<dept>-clean.md (+ golden/unseen/), corpus/text/<doc>.txt (+ golden/text/)
Out: corpus/traditional/<name>   the document's text through render_text_layouts.S2T (a
                                 hand-written simplified → traditional table, independent of the
                                 crate that reads it back), pinyin after every other 產 標 會 …
                                 where the name says `pinyin`; `.html` ones are the pipe table
                                 written as an HTML table
     golden/traditional/<name>.json  the source document's golden: the form means the same in
                                 either script, so only its `source` changes

Usage: scripts/make_traditional_corpus.py   (from the repository root)
"""

import html
import json
from pathlib import Path

import render_text_layouts as R

ROOT = Path(__file__).resolve().parent.parent
CORPUS, GOLDEN = ROOT / "corpus" / "traditional", ROOT / "golden" / "traditional"


def traditional(text, pinyin=False):
    out, k = [], 0
    for c in text:
        t = R.S2T.get(c, c)
        out.append(t)
        if pinyin and t in R.PINYIN:
            k += 1
            if k % 2:
                out.append(f"({R.PINYIN[t]})")
    return "".join(out)


def pipe_to_html(md):
    """A Markdown document with pipe tables → an HTML page: headings and text as paragraphs,
    each run of pipe rows one <table> (the separator row dropped)."""
    out, rows = ["<html><body>"], []

    def flush():
        if rows:
            out.append("<table>")
            for r in rows:
                out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>")
            out.append("</table>")
            rows.clear()

    for line in md.splitlines():
        s = line.strip()
        if s.startswith("|"):
            cells = [c.strip().replace("<br>", " ") for c in s.strip("|").split("|")]
            if not all(set(c) <= set("-: ") for c in cells):
                rows.append(cells)
            continue
        flush()
        if s:
            out.append(f"<p>{html.escape(s.lstrip('# '))}</p>")
    flush()
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def write(name, text, golden_src):
    CORPUS.mkdir(parents=True, exist_ok=True)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    (CORPUS / name).write_text(text, encoding="utf-8")
    g = json.loads((ROOT / golden_src).read_text(encoding="utf-8"))
    g["source"] = f"corpus/traditional/{name}"
    (GOLDEN / (Path(name).stem + ".json")).write_text(
        json.dumps(g, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main():
    src = lambda p: (ROOT / p).read_text(encoding="utf-8")
    # pipe tables
    write("edu-meals.md", traditional(src("corpus/unseen/edu-meals-clean.md")),
          "golden/unseen/edu-meals-clean.json")
    write("water-supply.pinyin.md", traditional(src("corpus/unseen/water-supply-clean.md"), True),
          "golden/unseen/water-supply-clean.json")
    # HTML
    write("health-clinics.html", traditional(pipe_to_html(src("corpus/unseen/health-clinics-clean.md"))),
          "golden/unseen/health-clinics-clean.json")
    write("civil-elderly.pinyin.html",
          traditional(pipe_to_html(src("corpus/unseen/civil-elderly-clean.md")), True),
          "golden/unseen/civil-elderly-clean.json")
    # text with no cell delimiters
    for name, pinyin in [("county-water-2025.aligned.txt", True),
                         ("district-library-2024.spaced.txt", False),
                         ("county-forestry-2025.stacked.txt", True),
                         ("city-roads-2024.aligned.txt", False)]:
        out = name.replace(".txt", ".pinyin.txt") if pinyin else name
        write(out, traditional(src(f"corpus/text/{name}"), pinyin),
              f"golden/text/{Path(name).stem}.json")


if __name__ == "__main__":
    main()
