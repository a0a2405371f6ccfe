#!/usr/bin/env python3
"""Make a big synthetic filing to measure the review page (scripts/render_review.sh).

In:  the reference document corpus/suzhou/suzhou-hrss-2024.md (one department form, then seven
     project forms, each under a `#`/`##` heading).
Out: on standard output, one Markdown document of N forms: the department form once, then the
     project sections cycled until there are N forms (a section may hold two forms: one per
     `项目名称` row; the last copy may bring one more); each copy's heading numbered
     (`… (copy 12)`) so the copies can be told apart. Nothing is random: the same N gives the
     same bytes.

usage: python3 scripts/make_filing.py N > filing.md
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "corpus/suzhou/suzhou-hrss-2024.md"


def sections(text: str) -> list[str]:
    """The document cut before each heading line; text before the first heading is dropped."""
    out: list[list[str]] = []
    for line in text.splitlines(keepends=True):
        if line.startswith("#"):
            out.append([])
        if out:
            out[-1].append(line)
    return ["".join(s) for s in out]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    forms = sections(REFERENCE.read_text(encoding="utf-8"))
    department, projects = forms[0], forms[1:]
    parts = [department]
    forms_made, i = 1, 0
    while forms_made < n:
        head, _, body = projects[i % len(projects)].partition("\n")
        parts.append(f"{head} (copy {i + 1})\n{body}")
        forms_made += max(body.count("| 项目名称"), 1)
        i += 1
    sys.stdout.write("\n".join(parts))


if __name__ == "__main__":
    main()
