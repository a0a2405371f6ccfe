#!/usr/bin/env python3
"""Renders a golden document (golden/**/*.json: meta + indicator records) as the forms a
filing prints, in the layouts that arrive without pipes or tags (issue 14):

  md          Markdown pipe rows (the control: it must give the golden back)
  aligned     space-aligned columns, as `pdftotext -layout` writes them (CJK is two columns
              wide; a cell wider than its column wraps onto the next lines)
  spaced      one row a line, a single space between cells
  runon       one row a line, cells run together with no separator
  stacked     one cell a line, each ending in ` |`; the cells merged labels leave empty are
              left out
  traditional the aligned layout in traditional script, some glyphs followed by their pinyin
              (`產(chǎn)`), as a careless conversion leaves them

Usage: render_text_layouts.py GOLDEN.json OUTDIR STEM [LAYOUT…]
writes OUTDIR/STEM.<layout>.txt (md: STEM.md) for each layout (default: all).
The goldens for the rendered files are the input golden with "source" changed.
"""

import json
import sys
import unicodedata
from pathlib import Path

TITLES = {"project": "项目支出绩效目标表", "department": "部门（单位）整体支出绩效目标申报表"}


def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def money(x):
    return "" if x is None else f"{x:.2f}"


def goals_text(goals):
    if len(goals) == 1:
        return goals[0]
    return " ".join(f"目标{i + 1}: {g}" for i, g in enumerate(goals))


def indicator_rows(t, lead):
    """[lead, l1, l2, name, value] rows; a label printed only on its group's first row."""
    rows, l1, l2 = [], None, None
    for r in t["indicators"]:
        a = r["level1"] if r["level1"] != l1 else ""
        b = r["level2"] if (r["level1"], r["level2"]) != (l1, l2) else ""
        l1, l2 = r["level1"], r["level2"]
        rows.append(["", a, b, r["name"], r["value"] or ""])
    return [[lead, "一级指标", "二级指标", "三级指标", "指标值"]] + rows


def grid(t):
    m = t["meta"]
    if t["kind"] == "project":
        code = f"[{m['department_code']}]" if m["department_code"] else ""
        rows = [
            ["项目名称", "", m["project_name"] or "", "", ""],
            ["主管部门及代码", "", code + (m["department"] or ""), "实施单位", m["implementing_unit"] or ""],
            ["项目来源", "", m["project_source"] or "", "项目期", m["project_period"] or ""],
            ["项目资金（万元）", "", "年度资金总额:", "", money(m["funds_total"])],
            ["", "", "其中:财政拨款", "", money(m["funds_fiscal"])],
            ["", "", "上年结转", "", money(m["funds_carryover"])],
            ["", "", "其他资金", "", money(m["funds_other"])],
            ["年度目标", goals_text(m["goals"]), "", "", ""],
        ]
        return rows + indicator_rows(t, "绩效指标")
    rows = [
        ["部门（单位）名称", "", m["department"] or "", "", ""],
        ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）", ""],
        ["", "", "总额", "财政拨款", "其他资金"],
        ["", "金额合计", money(m["funds_total"]), money(m["funds_fiscal"]), money(m["funds_other"])],
        ["年度总体目标", goals_text(m["goals"]), "", "", ""],
    ]
    return rows + indicator_rows(t, "年度绩效指标")


def heading(t):
    return TITLES[t["kind"]], f"({t['year']}年度)" if t["year"] else ""


def render_md(doc):
    out = []
    for t in doc["tables"]:
        title, year = heading(t)
        out += [f"# {title}", "", year, ""]
        g = grid(t)
        for i, row in enumerate(g):
            out.append("| " + " | ".join(row) + " |")
            if i == 0:
                out.append("|" + "---|" * len(row))
        out.append("")
    return "\n".join(out)


# display columns of each grid column (a cell wider than its column less the gap wraps)
WIDTHS = [18, 14, 18, 40, 30]
GAP = 3
INDENT = 4
# cells centred vertically in their row (set by a caller); CENTRE_UP rounds a half line down
# the page instead of up (pdftotext puts a short cell beside a two-line one on either line)
CENTRE = False
CENTRE_UP = False


def wrap(text, w):
    """Pieces of `text`, each at most `w` display columns."""
    pieces, cur = [], ""
    for c in text:
        if cur and width(cur + c) > w:
            pieces.append(cur)
            cur = ""
        cur += c
    if cur or not pieces:
        pieces.append(cur)
    return pieces


def vertical_spans(g):
    """(column, first row, last row) of the cells a printed form merges down its rows: the
    lead label beside the indicators (header row to the last), the funds and tasks keys over
    their rows, and each level label over its group (a label printed on its group's first row,
    the rows below it empty in that column)."""
    spans = []
    try:
        head = next(i for i, r in enumerate(g) if r[1:3] == ["一级指标", "二级指标"])
    except StopIteration:
        return spans
    spans.append((0, head, len(g) - 1))
    for i, r in enumerate(g[:head]):
        if r[0] and i + 1 < head and not g[i + 1][0]:
            j = i + 1
            while j + 1 < head and not g[j + 1][0] and g[j + 1][2]:
                j += 1
            spans.append((0, i, j))
    for k in (1, 2):
        i = head + 1
        while i < len(g):
            j = i
            while j + 1 < len(g) and not g[j + 1][k] and not g[j + 1][1]:
                j += 1
            spans.append((k, i, j))
            i = j + 1
    return [s for s in spans if s[2] > s[1]]


def render_aligned(doc):
    out = []
    total = sum(WIDTHS)
    for t in doc["tables"]:
        title, year = heading(t)
        out += [" " * ((total - width(title)) // 2) + title, "", " " * ((total - width(year)) // 2) + year, ""]
        g = grid(t)
        # a merged cell over several rows is centred on all of them (CENTRE), not on its first
        spans = {(k, a): b for k, a, b in vertical_spans(g)} if CENTRE else {}
        held = {(k, r) for (k, a), b in spans.items() for r in range(a, b + 1)}
        blocks, deferred = [], []  # per row: (height, cols); merged cells: (k, a, b, pieces)
        for r, row in enumerate(g):
            # a cell followed by empty cells (a merged span) may use their width too
            cols = []
            for k, cell in enumerate(row):
                if not cell:
                    cols.append([])
                    continue
                span = WIDTHS[k]
                j = k + 1
                while j < len(row) and not row[j]:
                    span += WIDTHS[j]
                    j += 1
                pieces = wrap(cell, span - GAP)
                if (k, r) in held:
                    deferred.append((k, r, spans[(k, r)], pieces))
                    cols.append([])
                else:
                    cols.append(pieces)
            blocks.append((max(1 if CENTRE else 0, max(len(c) for c in cols)), cols))
        starts = [0]
        for h, _ in blocks:
            starts.append(starts[-1] + h)
        lines = [dict() for _ in range(starts[-1])]  # line → {column: text}
        for r, (height, cols) in enumerate(blocks):
            for k, pieces in enumerate(cols):
                # pdftotext centres a short cell beside a tall one: a tall cell's first
                # lines then stand above the row's main line
                off = (height - len(pieces) + CENTRE_UP) // 2 if CENTRE else 0
                for j, piece in enumerate(pieces):
                    lines[starts[r] + off + j][k] = piece
        for k, a, b, pieces in deferred:
            n = starts[b + 1] - starts[a]
            off = max(0, (n - len(pieces) + CENTRE_UP) // 2)
            for j, piece in enumerate(pieces):
                at = min(starts[a] + off + j, starts[b + 1] - 1)
                lines[at][k] = (lines[at].get(k, "") + piece)
        for cells in lines:
            line, at = " " * INDENT, INDENT
            for k in sorted(cells):
                start = INDENT + sum(WIDTHS[:k])
                line += " " * (start - at) + cells[k]
                at = start + width(cells[k])
            out.append(line.rstrip())
        out += ["", "\f"]
    return "\n".join(out)


def render_joined(doc, sep):
    out = []
    for t in doc["tables"]:
        title, year = heading(t)
        out += [title, year]
        for row in grid(t):
            out.append(sep.join(c for c in row if c))
        out.append("")
    return "\n".join(out)


def render_stacked(doc):
    out = []
    for t in doc["tables"]:
        title, year = heading(t)
        out += [title, year]
        for row in grid(t):
            out += [c + " |" for c in row if c]
        out.append("")
    return "\n".join(out)


# simplified → traditional for the characters these forms use most; a few glyphs also carry
# their pinyin after them, as some web converters leave it
S2T = dict(
    zip(
        "产标数质时经济会态续响满项称门实单来资额财拨结转级绩务训场监察达报驿劳动险费发组织处对众课层业专队设术为进办"
        "节约护环规范执导开务书许审计划区县乡镇儿护宽运营调查维据农电网读图馆车辆务础设学卫视听闻际况总规两这"
        "与个间关系应该过还没让说话们见现样头点边内广东车长门问题开关体记热觉写读认识让议论设计认证网络",
        "產標數質時經濟會態續響滿項稱門實單來資額財撥結轉級績務訓場監察達報驛勞動險費發組織處對眾課層業專隊設術為進辦"
        "節約護環規範執導開務書許審計劃區縣鄉鎮兒護寬運營調查維據農電網讀圖館車輛務礎設學衛視聽聞際況總規兩這"
        "與個間關係應該過還沒讓說話們見現樣頭點邊內廣東車長門問題開關體記熱覺寫讀認識讓議論設計認證網絡",
    )
)
PINYIN = {"產": "chǎn", "標": "biāo", "會": "huì", "區": "qū", "務": "wù", "級": "jí", "數": "shù"}


def render_traditional(doc):
    text = render_aligned(doc)
    out, k = [], 0
    for c in text:
        t = S2T.get(c, c)
        out.append(t)
        if t in PINYIN:
            # every other occurrence carries its pinyin, so both forms are read
            k += 1
            if k % 2:
                out.append(f"({PINYIN[t]})")
    return "".join(out)


LAYOUTS = {
    "md": render_md,
    "aligned": render_aligned,
    "spaced": lambda d: render_joined(d, " "),
    "runon": lambda d: render_joined(d, ""),
    "stacked": render_stacked,
    "traditional": render_traditional,
}


def main():
    src, outdir, stem = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    layouts = sys.argv[4:] or list(LAYOUTS)
    doc = json.loads(Path(src).read_text(encoding="utf-8"))
    outdir.mkdir(parents=True, exist_ok=True)
    for name in layouts:
        ext = ".md" if name == "md" else f".{name}.txt"
        (outdir / f"{stem}{ext}").write_text(LAYOUTS[name](doc) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
