#!/usr/bin/env python3
"""Renders a Markdown corpus document as the OCR tools' own JSON (issue 16).

In: a Markdown document as OCR-to-Markdown tools write it (headings, paragraphs, pipe tables),
default corpus/suzhou/suzhou-hrss-2024.md. Out, in corpus/ocr_json/ (or --out DIR):
  NAME_content_list.json   MinerU's content list: a flat list of items in reading order —
                           {"type": "text", "text", "text_level"?, "bbox", "page_idx"} for
                           headings and paragraphs, {"type": "table", "img_path",
                           "table_caption", "table_footnote", "table_body": "<html><body><table>
                           …</table></body></html>", "bbox", "page_idx"} for tables
                           (page_idx 0-based), as MinerU's docs/en/reference/output_files.md
                           describes it;
  NAME.docling.json        a DoclingDocument (schema_name "DoclingDocument", version 1.10.0):
                           body.children refer ($ref) to texts (section_header with level, text)
                           and tables in reading order; each table has prov [{page_no (1-based),
                           bbox, charspan}] and data {table_cells [{row_span, col_span,
                           start/end_row_offset_idx, start/end_col_offset_idx, text,
                           column_header, row_header, row_section}], num_rows, num_cols}, as
                           docling-core's DoclingDocument model writes it (its derived `grid`,
                           the same cells row by row, left out).
Each table is the pipe table's grid cell for cell (separator rows dropped, each cell one cell —
no spans are invented), so the JSON inputs carry the same OCR damage as the Markdown and must
give the same records. Pages: a new page starts at a table right after a table (a form
continued over a page break) and at the first heading or paragraph after a table.
Bounding boxes are made up (increasing down the page); they are not read.

usage: scripts/render_ocr_json.py [MD] [--out DIR]
"""

import argparse
import html
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def split_row(line):
    """A pipe row's cells, raw (markup kept), trimmed; `\\|` is a literal pipe."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells, cur, i = [], "", 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] == "|":
            cur += "|"
            i += 2
            continue
        if s[i] == "|":
            cells.append(cur.strip())
            cur = ""
        else:
            cur += s[i]
        i += 1
    cells.append(cur.strip())
    return cells


SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-*:?\s*)*\|?\s*$")


def blocks(text):
    """(kind, payload) in order: ("heading", (level, text)), ("paragraph", text),
    ("table", rows)."""
    out, para, table = [], [], []

    def flush():
        if para:
            # a hard line break (two trailing spaces) stays a line break
            out.append(("paragraph", "\n".join(p.rstrip() for p in para)))
            para.clear()
        if table:
            out.append(("table", [r for r in table]))
            table.clear()

    for line in text.splitlines():
        if line.lstrip().startswith("|"):
            if para:
                flush()
            if not SEPARATOR.match(line):
                table.append(split_row(line))
            continue
        if table:
            flush()
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            flush()
            out.append(("heading", (len(m.group(1)), m.group(2).strip())))
        elif not line.strip():
            flush()
        else:
            para.append(line)
    flush()
    return out


def paged(bs):
    """The blocks with their 0-based page."""
    page, prev, out = 0, None, []
    for kind, payload in bs:
        if prev == "table" and out:
            page += 1
        out.append((kind, payload, page))
        prev = kind
    return out


def plain(cell):
    """A cell's text as docling writes it: markup gone, `<br>` a line break, entities
    decoded."""
    t = re.sub(r"(?i)<br\s*/?>", "\n", cell)
    t = re.sub(r"<[^>]+>", "", t)
    return html.unescape(t).strip()


def table_html(rows):
    trs = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<html><body><table>{trs}</table></body></html>"


def mineru(items):
    out, y = [], {}
    for n, (kind, payload, page) in enumerate(items):
        top = y.get(page, 60)
        height = 20 if kind != "table" else 700
        bbox = [62, top, 936, min(top + height, 990)]
        y[page] = min(top + height + 10, 980)
        if kind == "heading":
            level, text = payload
            out.append({"type": "text", "text": text, "text_level": level, "bbox": bbox,
                        "page_idx": page})
        elif kind == "paragraph":
            out.append({"type": "text", "text": payload, "bbox": bbox, "page_idx": page})
        else:
            out.append({
                "type": "table",
                "img_path": f"images/table-{n:03d}.jpg",
                "table_caption": [],
                "table_footnote": [],
                "table_body": table_html(payload),
                "bbox": bbox,
                "page_idx": page,
            })
    return out


def docling(items, name):
    texts, tables, children, pages = [], [], [], {}
    for kind, payload, page in items:
        page_no = page + 1
        pages[str(page_no)] = {"size": {"width": 595.0, "height": 842.0}, "page_no": page_no}
        bbox = {"l": 56.0, "t": 780.0, "r": 540.0, "b": 760.0, "coord_origin": "BOTTOMLEFT"}
        if kind in ("heading", "paragraph"):
            text = payload[1] if kind == "heading" else payload
            ref = f"#/texts/{len(texts)}"
            item = {
                "self_ref": ref,
                "parent": {"$ref": "#/body"},
                "children": [],
                "content_layer": "body",
                "label": "section_header" if kind == "heading" else "text",
                "prov": [{"page_no": page_no, "bbox": bbox, "charspan": [0, len(text)]}],
                "orig": text,
                "text": text,
            }
            if kind == "heading":
                item["level"] = payload[0]
            texts.append(item)
        else:
            rows = payload
            ncols = max(len(r) for r in rows)
            cells = []
            for i, r in enumerate(rows):
                for j in range(ncols):
                    cell = {
                        "row_span": 1,
                        "col_span": 1,
                        "start_row_offset_idx": i,
                        "end_row_offset_idx": i + 1,
                        "start_col_offset_idx": j,
                        "end_col_offset_idx": j + 1,
                        "text": plain(r[j]) if j < len(r) else "",
                        "column_header": i == 0,
                        "row_header": False,
                        "row_section": False,
                    }
                    if j < len(r):
                        cells.append(cell)
            ref = f"#/tables/{len(tables)}"
            tables.append({
                "self_ref": ref,
                "parent": {"$ref": "#/body"},
                "children": [],
                "content_layer": "body",
                "label": "table",
                "prov": [{"page_no": page_no, "bbox": {**bbox, "b": 80.0}, "charspan": [0, 0]}],
                "captions": [],
                "references": [],
                "footnotes": [],
                # docling also writes `grid` (the cells again, row by row); it is derived from
                # table_cells and left out here to keep the file half the size
                "data": {"table_cells": cells, "num_rows": len(rows), "num_cols": ncols},
            })
        children.append({"$ref": ref})
    return {
        "schema_name": "DoclingDocument",
        "version": "1.10.0",
        "name": name,
        "origin": {"mimetype": "application/pdf", "binary_hash": 0, "filename": f"{name}.pdf"},
        "furniture": {"self_ref": "#/furniture", "children": [], "content_layer": "furniture",
                      "name": "_root_", "label": "unspecified"},
        "body": {"self_ref": "#/body", "children": children, "content_layer": "body",
                 "name": "_root_", "label": "unspecified"},
        "groups": [],
        "texts": texts,
        "pictures": [],
        "tables": tables,
        "key_value_items": [],
        "form_items": [],
        "pages": pages,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("md", nargs="?", default=str(ROOT / "corpus/suzhou/suzhou-hrss-2024.md"))
    ap.add_argument("--out", default=str(ROOT / "corpus/ocr_json"))
    a = ap.parse_args()
    md = Path(a.md)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    items = paged(blocks(md.read_text(encoding="utf-8")))
    name = md.stem
    dump = lambda v: json.dumps(v, ensure_ascii=False, indent=2) + "\n"  # noqa: E731
    (out / f"{name}_content_list.json").write_text(dump(mineru(items)), encoding="utf-8")
    (out / f"{name}.docling.json").write_text(dump(docling(items, name)), encoding="utf-8")
    print(f"{out}/{name}_content_list.json, {out}/{name}.docling.json: "
          f"{sum(1 for k, _, _ in items if k == 'table')} tables on "
          f"{items[-1][2] + 1 if items else 0} pages")


if __name__ == "__main__":
    main()
