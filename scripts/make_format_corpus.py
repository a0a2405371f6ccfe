#!/usr/bin/env python3
"""Build the format / encoding test corpus for tablemend: the known truth rendered as the HTML and
Markdown that PDF-to-text tools (MinerU, olmOCR/PaddleOCR, docling, marker) emit, and existing
Markdown documents re-encoded in other character sets and line-end conventions.

In (the only files this script reads):
  golden/suzhou/suzhou-hrss-2024.json     truth of the real Suzhou OCR document (8 forms)
  corpus/suzhou/suzhou-hrss-2024.md       the real OCR dump itself (re-encoded byte for byte)
  corpus/other-dept/*.md                  hand-written documents of other departments (re-encoded)
  golden/other-dept/*.json                their answers
  scripts/make_derived_corpus.py          imported for the category order (L2_ORDER / L1_OF) only

Out:
  corpus/html/suzhou-mineru.html          the WHOLE Suzhou document (department form + 7 project
                                          forms) as a MinerU-style HTML page: <h1> titles,
                                          <p>(2024年度)</p>, one <table> per form with real
                                          rowspan/colspan, <br> in 项目资金 label, &nbsp; cells
  corpus/html/funan-health-olmocr.md      funan-health-2024 as olmOCR/PaddleOCR Markdown: # titles
                                          and bare <table>s with rowspans; the department form is
                                          cut by a page break into two <table>s ("- 3 -" between),
                                          the continuation's merged label cells are empty
  corpus/html/suzhou-docling.md           two Suzhou project forms as docling Markdown: every cell
                                          a merged cell covers repeats its text (一级/二级 labels and
                                          绩效指标 on every row, 年度目标 across its columns, …)
  corpus/html/suzhou-marker.md            two Suzhou project forms as marker Markdown: a merged
                                          value only in its top-left cell, blanks elsewhere,
                                          <br> between numbered goals inside the goal cell
  corpus/html/suzhou-malformed.html       two Suzhou project forms as sloppy HTML: unclosed
                                          <td>/<tr>, <thead>/<tbody>, unquoted attributes, &amp; in
                                          a goal (the golden goal holds "&"), &ge;/&#8804; entities,
                                          stray text inside <table> outside cells, and a nested 1x2
                                          <table> inside a goal cell (its text belongs to nothing)
  corpus/html/suzhou-running-heading.md   就业、仲裁等项目 as marker Markdown cut by two page breaks, each
                                          new page opening with a running heading (`# 项目支出绩效目标表`,
                                          then `2024年度项目支出绩效目标表` as a plain line); the first
                                          continuation repeats the header row, the second does not;
                                          then 征缴业务经费, a different form, which must stay apart
  corpus/encodings/suzhou-gb18030.md      corpus/suzhou/suzhou-hrss-2024.md re-encoded as GB18030
  corpus/encodings/bengbu-edu-2024-utf16le-bom-crlf.md   UTF-16LE with BOM, CRLF line ends
  corpus/encodings/chuzhou-agri-2025-utf8-bom.md         UTF-8 with BOM
  corpus/encodings/luan-transport-2024-gbk-cr.md         GBK (python codec 'gbk'), CR-only line ends
  golden/html/<stem>.json, golden/encodings/<stem>.json  their answers {"source", "tables"}

Goldens are built from the known truth (the Suzhou truth / the other-dept goldens), never from
tool output.  Re-encoded documents keep their source's golden with only "source" changed.  The
rendered (HTML / docling / marker) documents print each form's indicators grouped by category in
the canonical order (数量 质量 时效 成本 经济 社会 生态 可持续 满意度; truth order inside a group),
because a rowspan can only cover contiguous rows; their goldens list the indicators in that same
document order (the multiset of records is exactly the truth's).

The script checks itself: every rendered table is re-read by a small tolerant HTML / pipe-table
reader and each indicator row must come back as (level1, level2, name, value) of its golden, and
no nested-table text may appear in any row.  Deterministic: re-running rewrites identical bytes.
Stale files in the four output folders that no case produces any more are removed; hand-written
documents kept there (HAND_WRITTEN: their stems) and their goldens are left alone.

usage: python3 scripts/make_format_corpus.py
"""
import copy
import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from make_derived_corpus import L1_OF, L2_ORDER  # noqa: E402  (category order only)

TRUTH_PATH = ROOT / "golden" / "suzhou" / "suzhou-hrss-2024.json"
SUZHOU_MD = ROOT / "corpus" / "suzhou" / "suzhou-hrss-2024.md"
OTHER_MD = ROOT / "corpus" / "other-dept"
OTHER_GOLD = ROOT / "golden" / "other-dept"
OUT = {"html": (ROOT / "corpus" / "html", ROOT / "golden" / "html"),
       "encodings": (ROOT / "corpus" / "encodings", ROOT / "golden" / "encodings")}

TRUTH = json.loads(TRUTH_PATH.read_text(encoding="utf-8"))

DEPT_TITLE = "部门（单位）整体支出绩效目标申报表"
PROJ_TITLE = "项目支出绩效目标表"

# The department forms' task rows (年度主要任务) are not in the goldens; they are printed as in the
# source documents (task name, main content, 总额, 财政拨款, 其他资金).
SUZHOU_TASKS = [("宿州市人力资源和社会保障局2024年度预算项目",
                 "按照相关要求，认真完成一、人事人才项目；二、智慧人社等项目；三、三支一扶及事业单位招聘"
                 "与鉴定等项目；四、经办业务项目；五、就业、仲裁等交办工作", 1223.7, 1223.7, 0.0)]
FUNAN_TASKS = [("基本公共卫生服务", "为辖区常住居民免费提供居民健康档案管理、重点人群健康管理等基本公共卫生服务",
                3460.80, 3460.80, 0.0),
               ("计划生育家庭奖励扶助", "落实农村部分计划生育家庭奖励扶助和计划生育家庭特别扶助政策",
                1128.36, 1128.36, 0.0),
               ("机关运行保障", "保障机关正常运转及各项卫生健康业务工作开展", 412.50, 392.50, 20.0)]


# --------------------------------------------------------------------------- truth helpers

def truth_table(project_name):
    hits = [t for t in TRUTH["tables"] if t["meta"]["project_name"] == project_name]
    assert len(hits) == 1, project_name
    return hits[0]


def ordered(table):
    """The table with its indicators grouped by category (canonical order, stable inside)."""
    t = copy.deepcopy(table)
    for i in t["indicators"]:
        assert L1_OF[i["level2"]] == i["level1"], i
    idx = sorted(range(len(t["indicators"])),
                 key=lambda k: (L2_ORDER.index(t["indicators"][k]["level2"]), k))
    t["indicators"] = [t["indicators"][k] for k in idx]
    return t


def golden_table(t):
    return {"kind": t["kind"], "year": t["year"], "meta": copy.deepcopy(t["meta"]),
            "indicators": [{"level1": i["level1"], "level2": i["level2"], "name": i["name"],
                            "value": i["value"]} for i in t["indicators"]]}


def money(x):
    return "" if x is None else f"{x:.2f}"


def goals_text(meta, colon=": ", sep=" "):
    goals = meta["goals"] or []
    if len(goals) == 1:
        return goals[0]
    return sep.join(f"目标{i}{colon}{g}" for i, g in enumerate(goals, 1))


# --------------------------------------------------------------------------- span model

class C:
    """One origin cell: text (\\n = a line break inside the cell), rowspan, colspan, tag.
    raw: HTML to emit verbatim instead of the escaped text (entities, nested tables)."""

    def __init__(self, text, rs=1, cs=1, th=False, raw=None):
        self.text, self.rs, self.cs, self.th, self.raw = text, rs, cs, th, raw


def department_form(t, tasks, page_break=None):
    """Rows of origin cells (6 columns) for a department form; with page_break=k the indicator
    block is cut before indicator k and a second list of rows (the continuation) is returned."""
    m = t["meta"]
    dep = f"[{m['department_code']}]{m['department']}" if m["department_code"] else m["department"]
    nums = [money(m["funds_total"]), money(m["funds_fiscal"]), money(m["funds_other"])]
    rows = [[C("部门（单位）名称", cs=2), C(dep, cs=3), C("", raw="&nbsp;")],
            [C("年度主要任务", rs=3 + len(tasks)), C("任务名称", rs=2), C("主要内容", rs=2),
             C("预算金额（万元）", cs=3)],
            [C("总额"), C("财政拨款"), C("其他资金")]]
    for name, content, a, b, c in tasks:
        rows.append([C(name), C(content), C(money(a)), C(money(b)), C(money(c))])
    rows.append([C("金额合计"), C("")] + [C(x) for x in nums])
    rows.append([C("年度总体目标"), C(goals_text(m, colon="：", sep=""), cs=5)])
    return rows + indicator_block(t, "年度绩效指标", value_cs=2, page_break=page_break)


def project_form(t, goal_cell=None):
    """Rows of origin cells (5 columns) for a project form."""
    m = t["meta"]
    dep = f"[{m['department_code']}]{m['department']}" if m["department_code"] else m["department"]
    rows = [[C("项目名称", cs=2), C(m["project_name"], cs=3)],
            [C("主管部门及代码", cs=2), C(dep), C("实施单位"), C(m["implementing_unit"])],
            [C("项目来源", cs=2), C(m["project_source"]), C("项目期"), C(m["project_period"])],
            [C("项目资金\n(万元)", rs=4), C("年度资金总额:", cs=2), C(money(m["funds_total"]), cs=2)],
            [C("其中:财政拨款", cs=2), C(money(m["funds_fiscal"]), cs=2)],
            [C("上年结转", cs=2), C(money(m["funds_carryover"]), cs=2)],
            [C("其他资金", cs=2), C(money(m["funds_other"]), cs=2)],
            [C("年度目标"), goal_cell or C(goals_text(m), cs=4)]]
    return rows + indicator_block(t, "绩效指标")


def indicator_block(t, label, value_cs=1, page_break=None):
    """Header row plus one row per indicator; the block label, level1 and level2 cells span their
    rows.  With page_break=k, returns rows of the first part and sets t['_cont'] to the rows of
    the continuation, where the labels still open at the cut become empty spanning cells."""
    inds = t["indicators"]
    n = len(inds)
    cut = n if page_break is None else page_break

    def part(lo, hi, first):
        rows = []
        head = [C("一级指标", th=True), C("二级指标", th=True), C("三级指标", th=True),
                C("指标值", cs=value_cs, th=True)]
        if first:
            rows.append([C(label, rs=hi - lo + 1)] + head)
        for k in range(lo, hi):
            i = inds[k]
            row = []
            if not first and k == lo:
                row.append(C("", rs=hi - lo))
            for key in ("level1", "level2"):
                start = k == lo or inds[k - 1][key] != i[key] or (
                    key == "level2" and inds[k - 1]["level1"] != i["level1"])
                if start:
                    end = k + 1
                    while end < hi and inds[end][key] == i[key]:
                        end += 1
                    opened_before = k == lo and k > 0 and inds[k - 1][key] == i[key]
                    row.append(C("" if opened_before else i[key], rs=end - k))
            row += [C(i["name"]), C(i["value"] or "", cs=value_cs)]
            rows.append(row)
        return rows

    first = part(0, cut, True)
    if page_break is not None:
        t["_cont"] = part(cut, n, False)
    return first


def grid_of(rows, width):
    """Expand origin cells into a full grid of (cell, is_origin); asserts a clean rectangle."""
    grid = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    assert (r + dr, c + dc) not in grid, (r, c, cell.text)
                    grid[(r + dr, c + dc)] = (cell, dr == 0 and dc == 0)
            c += cell.cs
    nrows = len(rows)
    for r in range(nrows):
        for c in range(width):
            assert (r, c) in grid, (r, c, [x.text for x in rows[r]])
    assert all(r < nrows and c < width for r, c in grid), "span past the table"
    return [[grid[(r, c)] for c in range(width)] for r in range(nrows)]


# --------------------------------------------------------------------------- renderers

def cell_html(cell, br="<br>"):
    if cell.raw is not None:
        return cell.raw
    return br.join(html.escape(part, quote=False) for part in cell.text.split("\n"))


def table_html(rows, width, indent=""):
    grid_of(rows, width)   # validates the spans
    out = [indent + "<table>"]
    for row in rows:
        cells = []
        for cell in row:
            tag = "th" if cell.th else "td"
            attrs = (f' rowspan="{cell.rs}"' if cell.rs > 1 else "") + (f' colspan="{cell.cs}"' if cell.cs > 1 else "")
            body = cell_html(cell)
            cells.append(f"<{tag}{attrs}>{body}</{tag}>")
        out.append(indent + "<tr>" + "".join(cells) + "</tr>")
    out.append(indent + "</table>")
    return out


def pipe_table(grid_rows):
    """GitHub pipe table (first row header, |---| delimiter), cells padded like tabulate."""
    ncol = len(grid_rows[0])
    widths = [max(3, max((len(r[j]) for r in grid_rows if len(r[j]) <= 30), default=0))
              for j in range(ncol)]
    lines = []
    for k, r in enumerate(grid_rows):
        lines.append("| " + " | ".join(c.ljust(widths[j]) for j, c in enumerate(r)) + " |")
        if k == 0:
            lines.append("|" + "|".join("-" * (widths[j] + 2) for j in range(ncol)) + "|")
    return lines


def docling_rows(rows, width):
    """Every covered slot repeats the merged cell's text (line breaks become spaces)."""
    return [[cell.text.replace("\n", " ") for cell, _ in r] for r in grid_of(rows, width)]


def marker_rows(rows, width):
    """The merged text only in the top-left slot; line breaks become <br>."""
    return [[cell.text.replace("\n", "<br>") if origin else "" for cell, origin in r]
            for r in grid_of(rows, width)]


# --------------------------------------------------------------------------- self-check reader

class TolerantTables(HTMLParser):
    """Reads every <table> into a grid (spans expanded), closing <td>/<tr> implicitly as HTML5
    does; text of a table nested in a cell goes to the nested table only, not the cell."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []      # open tables: {"rows": [[cell]], "cell": cell or None}
        self.done = []       # finished tables, outer ones after their nested ones
        self.outside = []    # text inside a <table> but outside any cell

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            if self.stack and self.stack[-1]["cell"] is not None:
                self.stack[-1]["cell"]["nested"] = True
            self.stack.append({"rows": [], "cell": None})
        elif not self.stack:
            return
        elif tag == "tr":
            self.stack[-1]["cell"] = None
            self.stack[-1]["rows"].append([])
        elif tag in ("td", "th"):
            tb = self.stack[-1]
            if not tb["rows"]:
                tb["rows"].append([])
            cell = {"text": "", "rs": int(a.get("rowspan") or 1), "cs": int(a.get("colspan") or 1)}
            tb["rows"][-1].append(cell)
            tb["cell"] = cell
        elif tag == "br" and self.stack[-1]["cell"] is not None:
            self.stack[-1]["cell"]["text"] += "\n"

    def handle_endtag(self, tag):
        if not self.stack:
            return
        if tag == "table":
            self.done.append(self.stack.pop()["rows"])
        elif tag in ("td", "th", "tr", "thead", "tbody", "tfoot"):
            self.stack[-1]["cell"] = None

    def handle_data(self, data):
        if not self.stack:
            return
        cell = self.stack[-1]["cell"]
        if cell is None:
            if data.strip():
                self.outside.append(data.strip())
        else:
            cell["text"] += data


def read_html_tables(text):
    p = TolerantTables()
    p.feed(text)
    p.close()
    grids = []
    for rows in p.done:
        grid = {}
        for r, row in enumerate(rows):
            c = 0
            for cell in row:
                while (r, c) in grid:
                    c += 1
                t = cell["text"].replace("\xa0", " ").strip()
                for dr in range(cell["rs"]):
                    for dc in range(cell["cs"]):
                        grid[(r + dr, c + dc)] = t
                c += cell["cs"]
        nr = 1 + max(r for r, _ in grid)
        nc = 1 + max(c for _, c in grid)
        grids.append([[grid.get((r, c), "") for c in range(nc)] for r in range(nr)])
    return grids, p.outside


def read_pipe_tables(text):
    grids, cur = [], None
    for line in text.split("\n"):
        s = line.strip()
        if s.startswith("|"):
            if cur is None:
                cur = []
                grids.append(cur)
            if re.fullmatch(r"\|(\s*-+\s*\|)+", s):
                continue
            cur.append([c.strip() for c in s.strip("|").split("|")])
        else:
            cur = None
    return grids


def check_rows(grids, golden, label, fill_down):
    """Read the indicator rows back from the grids and compare them with the golden.  A grid with
    a 项目名称 / 部门（单位）名称 row starts a form (its indicator rows follow the 一级指标 header
    row); a grid without one continues the previous form (page break).  Columns: 0 block label,
    1 level1, 2 level2, 3 name, 4 value.  fill_down: a blank level1/level2 slot takes the one
    above (marker layout, empty continuation cells); otherwise every slot must be printed."""
    forms = []
    for g in grids:
        starts_form = any(r[0] in ("项目名称", "部门（单位）名称") for r in g)
        if starts_form:
            forms.append([])
            head = [k for k, r in enumerate(g) if "一级指标" in r]
            assert len(head) == 1, (label, head)
            body = g[head[0] + 1:]
        else:
            assert forms, label
            body = [r for r in g if "一级指标" not in r]     # a repeated header row
        for r in body:
            assert len(r) in (5, 6), (label, r)
            forms[-1].append(list(r[1:5]))
    assert len(forms) == len(golden["tables"]), (label, len(forms), len(golden["tables"]))
    for rows, t in zip(forms, golden["tables"]):
        assert len(rows) == len(t["indicators"]), (label, len(rows), len(t["indicators"]))
        prev = None
        for row, i in zip(rows, t["indicators"]):
            if fill_down and prev:
                row[0], row[1] = row[0] or prev[0], row[1] or prev[1]
            prev = row
            want = [i["level1"], i["level2"], i["name"], i["value"] or ""]
            assert row == want, (label, row, want)


# --------------------------------------------------------------------------- cases

def suzhou_mineru():
    """The whole document as a MinerU HTML page."""
    tables = [ordered(t) for t in TRUTH["tables"]]
    out = ["<html>", "<head><meta charset=\"utf-8\"></head>", "<body>"]
    for t in tables:
        if t["kind"] == "department":
            out += [f"<h1>{DEPT_TITLE}</h1>", f"<p>({t['year']}年度)</p>",
                    "<p>部门（单位）主要负责人（签字）：</p>", "<p>部门（单位）盖章：</p>"]
            rows, width = department_form(t, SUZHOU_TASKS), 6
        else:
            out += [f"<h1>{PROJ_TITLE}</h1>", f"<p>({t['year']}年度)</p>"]
            rows, width = project_form(t), 5
        for row in rows:            # MinerU writes <td> only; &nbsp; in the null-value cells
            for cell in row:
                cell.th = False
                if cell.text == "" and cell.raw is None and cell.rs == 1 and cell.cs == 1:
                    cell.raw = "&nbsp;" if t["meta"]["project_name"] == "人事人才项目" else ""
        out += table_html(rows, width)
    out += ["</body>", "</html>"]
    text = "\n".join(out) + "\n"
    gold = [golden_table(t) for t in tables]
    grids, outside = read_html_tables(text)
    assert not outside
    return text, gold, ("html", grids, True)


def funan_olmocr():
    """funan-health-2024 as olmOCR Markdown: # titles, bare <table>s; the department table is cut
    by a page break inside the 质量指标 group (as in the source document)."""
    src = json.loads((OTHER_GOLD / "funan-health-2024.json").read_text(encoding="utf-8"))
    tables = [ordered(t) for t in src["tables"]]
    out = []
    for t in tables:
        if t["kind"] == "department":
            cut = [i["name"] for i in t["indicators"]].index("扶助资金发放准确率")
            out += [f"# {DEPT_TITLE}", "", f"({t['year']}年度)", "", "部门（单位）主要负责人（签字）：", "",
                    "部门（单位）盖章：", ""]
            rows = department_form(t, FUNAN_TASKS, page_break=cut)
            for row in rows:
                for cell in row:
                    if cell.raw == "&nbsp;":
                        cell.raw = None
            cont = t.pop("_cont")
            out += table_html(rows, 6) + ["", "- 3 -", ""] + table_html(cont, 6) + [""]
        else:
            out += [f"# {PROJ_TITLE}", "", f"({t['year']}年度)", ""]
            out += table_html(project_form(t), 5) + [""]
    text = "\n".join(out)
    gold = [golden_table(t) for t in tables]
    grids, outside = read_html_tables(text)
    assert outside == [], outside
    return text, gold, ("html", grids, True)


def suzhou_docling():
    """人事人才项目 and 征缴业务经费 as docling Markdown (merged text repeated in every slot)."""
    tables = [ordered(truth_table(p)) for p in ("人事人才项目", "征缴业务经费")]
    out = []
    for t in tables:
        out += [f"## {PROJ_TITLE}", "", f"({t['year']}年度)", ""]
        out += pipe_table(docling_rows(project_form(t), 5)) + [""]
    text = "\n".join(out)
    return text, [golden_table(t) for t in tables], ("pipe", read_pipe_tables(text), False)


def suzhou_marker():
    """经办业务项目(劳务派遣人员) and 就业技能培训中心经费 as marker Markdown (top-left only)."""
    tables = [ordered(truth_table(p)) for p in ("经办业务项目(劳务派遣人员)", "就业技能培训中心经费")]
    out = []
    for t in tables:
        goal = C(goals_text(t["meta"], sep="\n"), cs=4)
        out += [f"# {PROJ_TITLE}", "", f"({t['year']}年度)", ""]
        out += pipe_table(marker_rows(project_form(t, goal_cell=goal), 5)) + [""]
    text = "\n".join(out)
    return text, [golden_table(t) for t in tables], ("pipe", read_pipe_tables(text), True)


NESTED = "<table><tr><td>附件1</td><td>仲裁案件办案补助测算表</td></tr></table>"


def suzhou_malformed():
    """智慧人社等项目 (a goal with "&") and 就业、仲裁等项目 (a nested table in the goal cell) as
    sloppy HTML."""
    a = ordered(truth_table("智慧人社等项目"))
    b = ordered(truth_table("就业、仲裁等项目"))
    g = a["meta"]["goals"]
    assert len(g) == 1 and g[0].startswith("建立互联网、政务网服务体系")
    a["meta"]["goals"] = ["建立互联网&政务网服务体系" + g[0][len("建立互联网、政务网服务体系"):]]

    def sloppy(t, goal_raw, stray_at, entities):
        rows = project_form(t, goal_cell=C("", cs=4, raw=goal_raw))
        lines = ["<table>", "（单位：万元）"]
        for r, row in enumerate(rows):
            cells = []
            for cell in row:
                tag = "th" if (r == 0 or cell.th) else "td"
                attrs = (f" rowspan={cell.rs}" if cell.rs > 1 else "") + (f" colspan={cell.cs}" if cell.cs > 1 else "")
                body = cell_html(cell, br="<br/>")
                body = entities.get(body, body)
                closed = r < 8          # meta rows closed; indicator rows leave </td> off
                cells.append(f"<{tag}{attrs}>{body}" + (f"</{tag}>" if closed else ""))
            end_tr = r < 8 or r == stray_at    # ... and </tr>, except before the stray line
            if r == 0:
                lines += ["<thead>", "<tr>" + "".join(cells) + "</tr>", "</thead>", "<tbody>"]
            else:
                lines.append("<tr>" + "".join(cells) + ("</tr>" if end_tr else ""))
            if r == stray_at:
                lines.append("- 续表 -")     # text in the table, outside any cell
        lines += ["</tbody>", "注：指标值以批复为准", "</table>"]
        return lines

    out = ["<!DOCTYPE html>", "<html><head><meta charset=utf-8><title>预算绩效目标表</title></head>", "<body>"]
    out += [f"<h2>{PROJ_TITLE}</h2>", f"<p>({a['year']}年度)</p>"]
    out += sloppy(a, html.escape(goals_text(a["meta"]), quote=False), 12,
                  {"≥98%": "&ge;98%"})
    out += [f"<h2>{PROJ_TITLE}</h2>", f"<p>({b['year']}年度)"]          # unclosed <p>
    out += sloppy(b, html.escape(goals_text(b["meta"]), quote=False) + NESTED, 20,
                  {"≤300次": "&#8804;300次"})
    out += ["</body>", "</html>"]
    text = "\n".join(out) + "\n"
    assert "&amp;" in text and "&ge;" in text and "&#8804;" in text
    grids, outside = read_html_tables(text)
    assert outside == ["（单位：万元）", "- 续表 -", "注：指标值以批复为准"] * 2, outside
    assert [["附件1", "仲裁案件办案补助测算表"]] in grids
    gold = [golden_table(a), golden_table(b)]
    for t in gold:
        for i in t["indicators"]:
            assert "附件" not in i["name"] and "测算" not in (i["value"] or "")
    assert all("附件" not in x and "测算表" not in x for x in gold[1]["meta"]["goals"])
    # the goal cell's own text (nested table left out) is exactly the golden goals
    goal_cells = [r[1] for gr in grids for r in gr if r and r[0] == "年度目标"]
    assert goal_cells == [goals_text(a["meta"]), goals_text(b["meta"])], goal_cells
    return text, gold, ("html", [gr for gr in grids if gr != [["附件1", "仲裁案件办案补助测算表"]]], True)


def suzhou_running_heading():
    """就业、仲裁等项目 cut after indicators 12 and 25 by page breaks with running headings, then
    征缴业务经费 (marker layout: merged labels only in their top-left cell, so the continuations
    open with blank label cells)."""
    a = ordered(truth_table("就业、仲裁等项目"))
    b = ordered(truth_table("征缴业务经费"))
    grid = marker_rows(project_form(a), 5)
    head = [k for k, r in enumerate(grid) if "一级指标" in r]
    assert len(head) == 1
    h = head[0]
    cut1, cut2 = h + 1 + 12, h + 1 + 25
    assert cut2 < len(grid)
    out = [f"# {PROJ_TITLE}", "", f"({a['year']}年度)", ""]
    out += pipe_table(grid[:cut1]) + ["", "- 5 -", "", f"# {PROJ_TITLE}", ""]
    out += pipe_table([grid[h]] + grid[cut1:cut2]) + ["", "- 6 -", "", f"{a['year']}年度{PROJ_TITLE}", ""]
    out += pipe_table(grid[cut2:]) + [""]
    out += [f"# {PROJ_TITLE}", "", f"({b['year']}年度)", ""]
    out += pipe_table(marker_rows(project_form(b), 5)) + [""]
    text = "\n".join(out)
    return text, [golden_table(a), golden_table(b)], ("pipe", read_pipe_tables(text), True)


def reencode(src_rel, encoding, bom=b"", eol="\n"):
    text = (ROOT / src_rel).read_text(encoding="utf-8")
    assert "\r" not in text
    return bom + text.replace("\n", eol).encode(encoding)


HTML_CASES = [("suzhou-mineru.html", suzhou_mineru), ("funan-health-olmocr.md", funan_olmocr),
              ("suzhou-docling.md", suzhou_docling), ("suzhou-marker.md", suzhou_marker),
              ("suzhou-malformed.html", suzhou_malformed),
              ("suzhou-running-heading.md", suzhou_running_heading)]

# (output name, source document, its golden, encoding, BOM, line end)
ENC_CASES = [("suzhou-gb18030.md", "corpus/suzhou/suzhou-hrss-2024.md",
              "golden/suzhou/suzhou-hrss-2024.json", "gb18030", b"", "\n"),
             ("bengbu-edu-2024-utf16le-bom-crlf.md", "corpus/other-dept/bengbu-edu-2024.md",
              "golden/other-dept/bengbu-edu-2024.json", "utf-16-le", b"\xff\xfe", "\r\n"),
             ("chuzhou-agri-2025-utf8-bom.md", "corpus/other-dept/chuzhou-agri-2025.md",
              "golden/other-dept/chuzhou-agri-2025.json", "utf-8", b"\xef\xbb\xbf", "\n"),
             ("luan-transport-2024-gbk-cr.md", "corpus/other-dept/luan-transport-2024.md",
              "golden/other-dept/luan-transport-2024.json", "gbk", b"", "\r")]


# Hand-written documents in the output folders (not produced here, never removed as stale).
HAND_WRITTEN = {"hostile-markup"}


def write_golden(path, source, tables):
    doc = {"source": source, "tables": tables}
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main():
    written = set()
    for d in OUT.values():
        for p in d:
            p.mkdir(parents=True, exist_ok=True)
    doc_dir, gold_dir = OUT["html"]
    for fname, fn in HTML_CASES:
        text, tables, (_, grids, fill_down) = fn()
        check_rows(grids, {"tables": tables}, fname, fill_down)
        stem = fname.rsplit(".", 1)[0]
        (doc_dir / fname).write_text(text, encoding="utf-8")
        write_golden(gold_dir / f"{stem}.json", f"corpus/html/{fname}", tables)
        written |= {doc_dir / fname, gold_dir / f"{stem}.json"}
        print(f"html/{fname:36s} {len(tables)} form(s), {sum(len(t['indicators']) for t in tables):3d} indicators")
    doc_dir, gold_dir = OUT["encodings"]
    for fname, src, gold, enc, bom, eol in ENC_CASES:
        data = reencode(src, enc, bom, eol)
        back = data[len(bom):].decode(enc).replace(eol, "\n")
        assert back == (ROOT / src).read_text(encoding="utf-8"), fname
        g = json.loads((ROOT / gold).read_text(encoding="utf-8"))
        assert g["source"] == src, (g["source"], src)
        (doc_dir / fname).write_bytes(data)
        stem = fname.rsplit(".", 1)[0]
        write_golden(gold_dir / f"{stem}.json", f"corpus/encodings/{fname}", g["tables"])
        written |= {doc_dir / fname, gold_dir / f"{stem}.json"}
        print(f"encodings/{fname:36s} {enc}{' +BOM' if bom else ''} {eol!r}, {len(data)} bytes")
    for d in OUT.values():
        for folder in d:
            for p in sorted(folder.iterdir()):
                if p.is_file() and p.suffix in (".md", ".html", ".json") and p not in written \
                        and p.stem not in HAND_WRITTEN:
                    p.unlink()
                    print(f"removed stale {p.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
