#!/usr/bin/env python3
"""Build the derived test corpus for tablemend from the hand-checked Suzhou truth.

In:  golden/suzhou/suzhou-hrss-2024.json   (the answer key of the real OCR document; the only
     file this script reads)
Out: corpus/derived/<case>.md              small Markdown documents (1-3 forms each) rendered in
                                           the layout of corpus/suzhou/suzhou-hrss-2024.md, with
                                           controlled OCR-style corruptions
     golden/derived/<case>.json            their answers: {"source", "tables": [...]} built from
                                           the truth tables that were rendered, never from tool
                                           output

Every case is deterministic (a fixed seed per case name; no set iteration order is relied on), so
re-running the script rewrites byte-identical files.  Stale *.md / *.json files in the two output
folders that no case produces any more are removed.

Rendering rules (the "clean" form):
  * indicators are grouped by category in the canonical order (数量 质量 时效 成本 经济 社会 生态
    可持续 满意度), truth order kept inside each group; the golden lists them in that same order;
  * level1 / level2 labels are printed only on the first row of their group, blanks below;
  * categories in the golden are always the truth's, whatever labels the corrupted text prints.
Corruptions that move a category label away from its rows (displacement) only ever mislabel rows
whose category follows from the name by the meaning rules of the schema (counts -> 数量, rates /
合规性 / 规范性 -> 质量, 及时性 / 时效性 / 完成时间 / 进度 / 周期 -> 时效, 项目总成本 -> 成本, 持续… /
…持续影响程度 -> 可持续影响, 满意度 / 投诉率 -> 满意度), so a reader can always recover the truth.

usage: python3 scripts/make_derived_corpus.py [-v]     (-v prints what each case corrupted)
"""
import copy
import json
import random
import re
import sys
import unicodedata
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRUTH = ROOT / "golden" / "suzhou" / "suzhou-hrss-2024.json"
OUT_MD = ROOT / "corpus" / "derived"
OUT_GOLD = ROOT / "golden" / "derived"

L2_ORDER = ["数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标",
            "生态效益指标", "可持续影响指标", "满意度指标"]
L1_OF = {"数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标", "成本指标": "产出指标",
         "经济效益指标": "效益指标", "社会效益指标": "效益指标", "生态效益指标": "效益指标",
         "可持续影响指标": "效益指标", "满意度指标": "满意度指标"}
LABELS = sorted(set(L2_ORDER) | set(L1_OF.values()))

# project names of the truth tables (the department table has none)
DEPT = None
P_RS = "人事人才项目"
P_ZH = "智慧人社等项目"
P_JB = "经办业务项目(劳务派遣人员)"
P_SZ = "三支一扶及事业单位招聘与鉴定等项目"
P_JY = "就业、仲裁等项目"
P_ZJ = "征缴业务经费"
P_PX = "就业技能培训中心经费"

VERBOSE = "-v" in sys.argv

# --------------------------------------------------------------------------- text helpers

TRANS = str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "；": ";"})


def norm(s):
    """The scorer's normalisation (NFKC, no whitespace, ASCII punctuation, no trailing 。)."""
    if s is None:
        return None
    s = unicodedata.normalize("NFKC", str(s)).translate(TRANS)
    return "".join(s.split()).rstrip("。.")


def is_label(text):
    return norm(text) in LABELS or any(norm(text) == l[:-2] for l in LABELS if l.endswith("指标"))


def meaning(name):
    """Category that follows from the name alone by the schema's meaning rules; None if open."""
    n = norm(name)
    if n.startswith("持续") or n.endswith("持续影响程度"):
        l2 = "可持续影响指标"
    elif "满意度" in n or "投诉率" in n:
        l2 = "满意度指标"
    elif n == "项目总成本":
        l2 = "成本指标"
    elif any(k in n for k in ("及时性", "时效性", "完成时间", "进度", "周期")):
        l2 = "时效指标"
    elif n.endswith("率") or n.endswith("质量") or any(k in n for k in ("合规性", "规范性", "符合规定")):
        l2 = "质量指标"
    elif n.endswith(("数", "数量", "人次", "场次", "份数", "面积")):
        l2 = "数量指标"
    else:
        return None
    return (L1_OF[l2], l2)


LOOK_FOLD = str.maketrans("己末入", "已未人")
FULLWIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "："})


def sub_digit(value, rng, n=1):
    """OCR look-alikes inside numbers: 0 -> O, 1 -> l (only digits that have a digit neighbour)."""
    chars = list(value)
    spots = [i for i, c in enumerate(chars) if c in "01"
             and ((i > 0 and chars[i - 1].isdigit()) or (i + 1 < len(chars) and chars[i + 1].isdigit()))]
    if not spots:
        return None
    for i in sorted(rng.sample(spots, min(n, len(spots)))):
        chars[i] = "O" if chars[i] == "0" else "l"
    return "".join(chars)


def spill(a, b, k):
    """Move the text boundary between two adjacent cells: k>0 moves k chars of b into a, k<0 the
    last -k chars of a into b."""
    if k > 0:
        return a + b[:k], b[k:]
    return a[:k], a[k:] + b


# --------------------------------------------------------------------------- model

class IRow:
    """One indicator row: the truth record plus what the corrupted document prints for it."""

    def __init__(self, truth, l1, l2):
        self.t = truth
        self.l1 = l1            # printed level1 cell(s): str, or list of str when split over cells
        self.l2 = l2
        self.name = truth["name"]
        self.value = truth["value"] if truth["value"] is not None else ""
        self.ops = []           # cell-level operations, applied in order after the cells are built
        self.before = []        # extra (label-only) rows printed just before this row
        self.mislabeled = False  # left under a wrong label by a displacement

    def plain(self):
        """Untouched row (text as in the truth, no cell operation, not mislabeled) without labels,
        with a value, whose name is not itself a category label: free for one more corruption."""
        return (not self.l1 and not self.l2 and not self.ops and self.t["value"] is not None
                and not is_label(self.t["name"]) and not self.mislabeled
                and self.name == self.t["name"] and self.value == self.t["value"])

    def clear(self):
        """Category recoverable from the name alone (and no null value to confuse things)."""
        return (self.t["value"] is not None and not is_label(self.t["name"])
                and meaning(self.t["name"]) == (self.t["level1"], self.t["level2"]))

    def cells(self, width):
        def as_list(x):
            return list(x) if isinstance(x, list) else [x]
        cells = [""] + as_list(self.l1) + as_list(self.l2) + as_list(self.name)
        vidx = len(cells)
        cells += as_list(self.value)
        while len(cells) < width:
            cells.append("")
        for op in self.ops:
            if op[0] == "extra":            # empty cell pushed in before the value
                cells.insert(vidx, "")
            elif op[0] == "valuestay":      # name one column left, value stays in its column
                assert cells[0] == ""
                cells = cells[1:]
                cells.insert(vidx - 1, "")
            elif op[0] == "right":          # whole row shifted right: empty cells in front
                cells = [""] * op[1] + cells
            elif op[0] == "left":           # leading blanks dropped, row padded at the end
                k = op[1]
                assert all(c == "" for c in cells[:k]), cells
                cells = cells[k:] + [""] * k
        return cells


class Break:
    def __init__(self, page, header=False, blank_first=True):
        self.page = page
        self.header = header
        self.blank_first = blank_first


class Table:
    def __init__(self, truth, **style):
        self.truth = truth
        self.dept = truth["kind"] == "department"
        self.width = 6 if self.dept else 5
        self.style = dict(pad=True, delim=True, blank_first=False, compact_meta=False, br=False,
                          goals_p=False, title="#", year_space=self.dept, ragged=False)
        self.style.update(style)
        order = sorted(range(len(truth["indicators"])),
                       key=lambda i: (L2_ORDER.index(truth["indicators"][i]["level2"]), i))
        self.rows = []
        prev1 = prev2 = None
        for i in order:
            ind = truth["indicators"][i]
            assert L1_OF[ind["level2"]] == ind["level1"], ind
            l1 = ind["level1"] if ind["level1"] != prev1 else ""
            l2 = ind["level2"] if ind["level2"] != prev2 else ""
            prev1, prev2 = ind["level1"], ind["level2"]
            self.rows.append(IRow(ind, l1, l2))
        self.breaks = {}            # row index -> Break printed before that row
        self.log = []

    @property
    def label(self):
        return self.truth["meta"]["project_name"] or "部门整体"

    def note(self, msg):
        self.log.append(msg)

    def row_by_name(self, name):
        hits = [r for r in self.rows if norm(r.t["name"]) == norm(name)]
        assert len(hits) == 1, (name, len(hits))
        return hits[0]

    def group_starts(self):
        return [i for i, r in enumerate(self.rows)
                if i == 0 or r.t["level2"] != self.rows[i - 1].t["level2"]]

    # ---------------------------------------------------------------- meta / header rows
    def goals_text(self):
        goals = self.truth["meta"]["goals"] or []
        if len(goals) == 1:
            text = goals[0]
        else:
            text = " ".join(f"目标{i}: {g}" for i, g in enumerate(goals, 1))
        return f"<p>{text}</p>" if self.style["goals_p"] else text

    def meta_rows(self):
        m = self.truth["meta"]
        br = self.style["br"]

        def lab(plain, broken):
            return broken if br else plain

        def money(x):
            return "" if x is None else f"{x:.2f}"

        if self.dept:
            goal = self.goals_text()
            task = f"{m['department']}{self.truth['year']}年度预算项目"
            nums = [money(m["funds_total"]), money(m["funds_fiscal"]), money(m["funds_other"])]
            rows = [[lab("部门（单位）名称", "部门（单位）<br>名称"), "", m["department"], "", "", ""],
                    [lab("年度主要任务", "年度主要<br>任务"), "任务名称", "主要内容", "预算金额（万元）", "", ""],
                    ["", "", "", "总额", "财政拨款", "其他资金"],
                    ["", task, goal.rstrip("。")] + nums,
                    ["", "金额合计", ""] + nums,
                    [lab("年度总体目标", "年度总体<br>目标"), goal, "", "", "", ""]]
            header = ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", ""]
            return rows, header
        dep = f"[{m['department_code']}]{m['department']}" if m["department_code"] else m["department"]
        pname = lab("项目名称", "项目<br>名称")
        dname = lab("主管部门及代码", "主管部门<br>及代码")
        uname = lab("实施单位", "实施<br>单位")
        sname = lab("项目来源", "项目<br>来源")
        gname = lab("年度目标", "年度<br>目标")
        if not self.style["compact_meta"]:
            rows = [[pname, "", m["project_name"], "", ""],
                    [dname, "", dep, uname, m["implementing_unit"]],
                    [sname, "", m["project_source"], "项目期", m["project_period"]],
                    ["项目资金<br>(万元)", "", "年度资金总额:", "", money(m["funds_total"])],
                    ["", "", "其中:财政拨款", "", money(m["funds_fiscal"])],
                    ["", "", "上年结转", "", money(m["funds_carryover"])],
                    ["", "", "其他资金", "", money(m["funds_other"])],
                    [gname, self.goals_text(), "", "", ""]]
        else:   # value cells one column to the left (as 征缴业务经费 is printed in the real document)
            rows = [[pname, m["project_name"], "", "", ""],
                    [dname, dep, uname, m["implementing_unit"], ""],
                    [sname, m["project_source"], "项目期", m["project_period"], ""],
                    ["项目资金<br>(万元)", "年度资金总额:", "", money(m["funds_total"]), ""],
                    ["", "其中:财政拨款", "", money(m["funds_fiscal"]), ""],
                    ["", "上年结转", money(m["funds_carryover"]), "", ""],
                    ["", "其他资金", "", money(m["funds_other"]), ""],
                    [gname, self.goals_text(), "", "", ""]]
        header = ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"]
        return rows, header

    # ---------------------------------------------------------------- output
    def render(self, rng):
        st = self.style
        if self.dept:
            title = "# 部门（单位）整体支出绩效目标申报表"
        else:
            title = {"#": "# 项目支出绩效目标表", "##": "## 项目支出绩效目标表",
                     "plain": "项目支出绩效目标表  "}[st["title"]]
        year = f"({self.truth['year']} 年度)" if st["year_space"] else f"({self.truth['year']}年度)"
        out = [title, ""] if st["title"] != "plain" else [title]
        out += [year, ""]
        if self.dept:
            out += ["部门（单位）主要负责人（签字）：", "", "部门（单位）盖章：", ""]
        meta, header = self.meta_rows()
        blocks = [(list(meta) + [header], st["blank_first"])]
        pages = []
        for i, r in enumerate(self.rows):
            if i in self.breaks:
                b = self.breaks[i]
                pages.append(b.page)
                blocks.append(([list(header)] if b.header else [], b.blank_first))
            blocks[-1][0].extend(r.before)
            blocks[-1][0].append(r.cells(self.width))
        for n, (rows, blank_first) in enumerate(blocks):
            if n:
                out += ["", pages[n - 1], ""]
            out += self.fmt_block(rows, blank_first, rng)
        return "\n".join(out) + "\n"

    def fmt_block(self, rows, blank_first, rng):
        st = self.style
        rows = [list(r) for r in rows]
        if st["ragged"]:
            for r in rows:
                x = rng.random()
                if x < 0.4:                       # trailing empty cells dropped
                    while len(r) > 1 and r[-1] == "":
                        r.pop()
                elif x < 0.6:                     # one empty cell too many
                    r.append("")
        if blank_first:
            rows.insert(0, [""] * self.width)
        ncol = max(len(r) for r in rows)
        widths = [0] * ncol
        if st["pad"]:
            for r in rows:
                for j, c in enumerate(r):
                    if len(c) <= 30:
                        widths[j] = max(widths[j], len(c))
        lines = []
        for k, r in enumerate(rows):
            lines.append("| " + " | ".join(c.ljust(widths[j]) for j, c in enumerate(r)) + " |")
            if k == 0 and st["delim"]:
                lines.append("|" + "|".join("-" * max(3, widths[j] + 2) for j in range(len(r))) + "|")
        return lines

    def golden(self):
        return {"kind": self.truth["kind"], "year": self.truth["year"],
                "meta": copy.deepcopy(self.truth["meta"]),
                "indicators": [{"level1": r.t["level1"], "level2": r.t["level2"],
                                "name": r.t["name"], "value": r.t["value"]} for r in self.rows]}


# --------------------------------------------------------------------------- truth

TRUTH_DOC = json.loads(TRUTH.read_text(encoding="utf-8"))
ALL_NAMES = sorted({norm(i["name"]) for t in TRUTH_DOC["tables"] for i in t["indicators"]})
ALL_VALUES = sorted({norm(i["value"]) for t in TRUTH_DOC["tables"] for i in t["indicators"]
                     if i["value"] is not None})


def truth_table(project_name):
    hits = [t for t in TRUTH_DOC["tables"] if t["meta"]["project_name"] == project_name]
    assert len(hits) == 1, project_name
    return hits[0]


def T(project_name, **style):
    return Table(truth_table(project_name), **style)


# --------------------------------------------------------------------------- corruption helpers

def plain_runs(tbl, lo=0, hi=None):
    """Maximal stretches [a, b) of consecutive plain rows."""
    hi = len(tbl.rows) if hi is None else hi
    runs, a = [], None
    for i in range(lo, hi + 1):
        ok = i < hi and tbl.rows[i].plain()
        if ok and a is None:
            a = i
        elif not ok and a is not None:
            runs.append((a, i))
            a = None
    return runs


def pick_singles(tbl, rng, k, cond=None):
    """k plain rows, no two adjacent; marks nothing (caller adds ops)."""
    cand = [i for i, r in enumerate(tbl.rows) if r.plain() and (cond is None or cond(r))]
    chosen = []
    for i in rng.sample(cand, len(cand)):
        if all(abs(i - j) > 1 for j in chosen):
            chosen.append(i)
        if len(chosen) == k:
            break
    assert len(chosen) == k, (tbl.label, k, len(cand))
    return sorted(chosen)


def shift_right_singles(tbl, rng, k):
    for i in pick_singles(tbl, rng, k):
        n = rng.choice([1, 2])
        tbl.rows[i].ops.append(("right", n))
        tbl.note(f"shift right {n}: {tbl.rows[i].name}")


def shift_left_runs(tbl, rng, shifts, lens=(3, 6)):
    """One run of 3-6 consecutive plain rows per entry of shifts, each shifted left by that k."""
    for k in shifts:
        runs = [(a, b) for a, b in plain_runs(tbl) if b - a >= lens[0]]
        assert runs, tbl.label
        a, b = rng.choice(runs)
        n = rng.randint(lens[0], min(lens[1], b - a))
        s = rng.randint(a, b - n)
        for i in range(s, s + n):
            tbl.rows[i].ops.append(("left", k))
        tbl.note(f"shift left {k}: rows {s}-{s + n - 1} ({tbl.rows[s].name} … {tbl.rows[s + n - 1].name})")


def extra_column(tbl, rng, k):
    for i in pick_singles(tbl, rng, k):
        tbl.rows[i].ops.append(("extra",))
        tbl.note(f"value in 6th column: {tbl.rows[i].name}")


def displace_labels(tbl, rng, direction, prob=1.0, max_moves=99, max_d=3):
    """Move level2 labels (with the level1 label when it shares the row) 1..max_d rows up or down.
    A label never reaches or passes the neighbouring label (original or moved position), and
    every row that ends up under a wrong label is one whose category follows from its name."""
    rows = tbl.rows
    starts = tbl.group_starts()
    ends = starts[1:] + [len(rows)]
    pos = list(starts)
    moved = 0
    for g in range(len(starts)):
        r = starts[g]
        if not rows[r].l2 or isinstance(rows[r].l2, list) or moved >= max_moves:
            continue
        if is_label(rows[r].t["name"]) or rng.random() > prob:
            continue
        d_up = direction if direction != "mixed" else rng.choice(["up", "down"])
        options = []
        for d in range(1, max_d + 1):
            if d_up == "up":
                if g == 0:
                    break
                p = r - d
                if p <= max(starts[g - 1], pos[g - 1]):
                    break
                mis = rows[p:r]
            else:
                p = r + d
                nxt = pos[g + 1] if g + 1 < len(pos) else len(rows)
                if p >= min(ends[g], nxt):
                    break
                mis = rows[r:p]
            if not all(x.clear() and not x.ops and x.name == x.t["name"] for x in mis) or rows[p].ops:
                break
            options.append(p)
        if not options:
            continue
        p = rng.choice(options)
        rows[p].l2, rows[r].l2 = rows[r].l2, ""
        if rows[r].l1:
            rows[p].l1, rows[r].l1 = rows[r].l1, ""
        for x in (rows[p:r] if p < r else rows[r:p]):
            x.mislabeled = True
        pos[g] = p
        moved += 1
        tbl.note(f"label {rows[p].l2} moved {d_up} {abs(p - r)} row(s): now beside {rows[p].name}")
    return moved


def truncate_name(tbl, other, rng, name, cuts=(1, 2, 3, 4)):
    """Cut the printed name in tbl short; the full name must stand in `other` (same document)."""
    row = tbl.row_by_name(name)
    other.row_by_name(name)
    full = row.t["name"]
    ok = []
    for c in cuts:
        cut = full[:-c]
        if not cut or not (cut[-1].isalnum()):
            continue
        pre = [n for n in ALL_NAMES if n.startswith(norm(cut))]
        if pre == [norm(full)] and norm(cut) not in ALL_NAMES:
            ok.append(cut)
    assert ok, name
    row.name = rng.choice(ok)
    tbl.note(f"name cut: {row.name!r} (full {full!r} in {other.label})")


def truncate_value(tbl, others, rng, name, cuts=(1, 2, 3, 4)):
    row = tbl.row_by_name(name)
    full = row.t["value"]
    assert full and len(full) >= 8 and not re.search(r"\d", full), full
    assert any(o.row_by_name(name).t["value"] == full for o in others), name
    doc_values = sorted({norm(r.t["value"]) for t in [tbl] + others for r in t.rows if r.t["value"]})
    ok = []
    for c in cuts:
        cut = full[:-c]
        if not cut[-1].isalnum():
            continue
        pre = [v for v in doc_values if v.startswith(norm(cut))]
        if pre == [norm(full)] and norm(cut) not in ALL_VALUES:
            ok.append(cut)
    assert ok, name
    row.value = rng.choice(ok)
    tbl.note(f"value cut: {name}: {row.value!r} (full {full!r})")


def lookalike_name(tbl, name, src, dst, which=None):
    """Replace src by dst in a truth name (all occurrences, or only the `which`-th)."""
    row = tbl.row_by_name(name)
    full = row.t["name"]
    if which is None:
        bad = full.replace(src, dst)
    else:
        idx = [m.start() for m in re.finditer(re.escape(src), full)][which]
        bad = full[:idx] + dst + full[idx + 1:]
    assert bad != full and norm(bad) not in ALL_NAMES, bad
    fold = norm(bad).translate(LOOK_FOLD)
    assert [n for n in ALL_NAMES if n.translate(LOOK_FOLD) == fold] == [norm(full)], bad
    row.name = bad
    tbl.note(f"look-alike name: {bad!r} (truth {full!r})")


def lookalike_value(tbl, rng, name, n=1):
    row = tbl.row_by_name(name)
    bad = sub_digit(row.t["value"], rng, n)
    assert bad, name
    row.value = bad
    tbl.note(f"look-alike value: {name}: {bad!r} (truth {row.t['value']!r})")


def fullwidth_name(tbl, name):
    row = tbl.row_by_name(name)
    bad = row.t["name"].translate(FULLWIDTH)
    assert bad != row.t["name"], name
    row.name = bad
    tbl.note(f"full-width punctuation: {bad!r}")


def split_name(tbl, name, at=6):
    row = tbl.row_by_name(name)
    assert len(norm(row.t["name"])) >= 10
    row.name = [row.name[:at], row.name[at:]]
    tbl.note(f"name split over two cells: {row.name}")


def row_with_label(tbl, level2):
    hits = [r for r in tbl.rows if r.l2 == level2]
    assert len(hits) == 1, (tbl.label, level2)
    return hits[0]


def split_label(tbl, level2, which, at):
    """Split the printed level1 (which='l1') or level2 (which='l2') label over two cells."""
    row = row_with_label(tbl, level2)
    text = getattr(row, which)
    assert text and isinstance(text, str)
    setattr(row, which, [text[:at], text[at:]])
    tbl.note(f"label split: {getattr(row, which)}")


def add_page_break(tbl, at, page, header=False, blank_first=True):
    tbl.breaks[at] = Break(page, header, blank_first)
    tbl.note(f"page break {page} before row {at} ({tbl.rows[at].name}), header={header}")


# --------------------------------------------------------------------------- cases

CASES = []


def case(fn):
    CASES.append((fn.__name__.replace("_", "-"), fn))
    return fn


@case
def clean_baseline(rng):
    # Two project tables rendered cleanly, no corruption at all.
    return [T(P_ZH), T(P_ZJ)]


@case
def department_clean(rng):
    # The department table (its own meta layout, 6 columns) rendered cleanly, no page break.
    return [T(DEPT)]


@case
def shift_right_single(rng):
    # Single indicator rows shifted 1-2 columns right (empty cells in front, row wider than the
    # header); the second table also has its meta value cells one column to the left.
    a, b = T(P_JB), T(P_JY, compact_meta=True)
    shift_right_singles(a, rng, 4)
    shift_right_singles(b, rng, 5)
    return [a, b]


@case
def shift_left_run(rng):
    # Runs of 3-6 consecutive rows shifted left (leading blanks dropped, padded at the end), so
    # the name stands in the 二级 (k=1) or 一级 (k=2) column with its value beside it.
    a, b = T(P_RS), T(P_SZ)
    shift_left_runs(a, rng, [1, 2])
    shift_left_runs(b, rng, [2, 1])
    return [a, b]


@case
def labels_displaced_up(rng):
    # level2 labels (and the level1 label sharing their row) printed 1-3 rows above the first row
    # they cover; the rows they wrongly cover are meaning-clear (counts, rates, 及时性 …).
    a, b = T(P_SZ), T(P_JY)
    n = displace_labels(a, rng, "up") + displace_labels(b, rng, "up")
    assert n >= 3, n
    return [a, b]


@case
def labels_displaced_down(rng):
    # level2 labels printed 1-3 rows below the first row they cover (the rows above them are left
    # under the previous label, or under no label at the top of the table).
    a, b = T(P_RS), T(P_SZ)
    n = displace_labels(a, rng, "down") + displace_labels(b, rng, "down")
    assert n >= 3, n
    return [a, b]


@case
def name_in_category_column(rng):
    # Single rows whose name stands in a category column: whole row one column left (labels go
    # to the 绩效指标/一级 columns, name in 二级, value beside it), the name alone moved left with
    # the value staying in 指标值, or the name in the 一级 column with the value beside it.
    a, b = T(P_RS), T(P_JB)
    for tbl, labelled in ((a, ["质量指标", "可持续影响指标"]), (b, ["时效指标", "社会效益指标"])):
        for l2 in labelled:
            row = row_with_label(tbl, l2)
            row.ops.append(("left", 1))
            tbl.note(f"labelled row one column left: {row.name}")
        for i, op in zip(pick_singles(tbl, rng, 4), [("left", 1), ("valuestay",), ("left", 2), ("valuestay",)]):
            tbl.rows[i].ops.append(op)
            tbl.note(f"{op}: {tbl.rows[i].name}")
    return [a, b]


@case
def value_extra_column(rng):
    # Values pushed into a sixth column (an empty cell inserted before the value), on plain rows
    # and on rows that carry the category labels.
    a, b = T(P_JY), T(P_ZJ)
    extra_column(a, rng, 5)
    extra_column(b, rng, 2)
    for tbl, l2 in ((a, "质量指标"), (b, "时效指标"), (b, "满意度指标")):
        row = row_with_label(tbl, l2)
        row.ops.append(("extra",))
        tbl.note(f"value in 6th column (labelled row): {row.name}")
    return [a, b]


@case
def label_split(rng):
    # Category labels split over two adjacent cells (| 产出 | 指标 |, | 社会效益 | 指标 |) and long
    # names split over two cells (first 6 characters | rest); rows get wider.
    a, b = T(P_JB), T(P_JY)
    split_label(a, "数量指标", "l1", 2)          # 产出 | 指标
    split_label(a, "社会效益指标", "l2", 4)      # 社会效益 | 指标
    split_label(b, "质量指标", "l2", 2)          # 质量 | 指标
    split_label(b, "经济效益指标", "l1", 2)      # 效益 | 指标
    split_label(b, "可持续影响指标", "l2", 3)    # 可持续 | 影响指标
    split_name(a, "服务机关事业单位和行业企业数")
    split_name(a, "不断提高社保经办服务水平")
    split_name(b, "技工学校设立、技工院校教师职称评定、市级大师工作室认定的合规性")
    split_name(b, "对工作效率、管理和决策支持的改善或提升程度")
    split_name(b, "持续提高就业质量及就业充分性", at=5)
    return [a, b]


@case
def truncated_names(rng):
    # Two tables sharing indicators; in one of them a long name is cut short by 1-4 trailing
    # characters (the cut text is a prefix of exactly one truth name and no truth name itself);
    # the full name stands in the other table.  Golden: the full name.
    a, b = T(P_RS), T(P_SZ)
    truncate_name(a, b, rng, "对单位人才梯队建设的影响或提升程度")
    truncate_name(b, a, rng, "对单位履职、促进事业发展的影响或提升程度")
    truncate_name(a, b, rng, "健全的培训管理制度为培训工作提供可持续保障")
    truncate_name(b, a, rng, "对单位履职、促进事业发展的持续影响程度")
    truncate_name(b, a, rng, "对培训人员综合素质的改善或提升程度")
    return [a, b]


@case
def truncated_values(rng):
    # The same indicator with the same qualitative value (>= 8 chars) in two tables; in one table
    # the value is cut short by 1-4 characters.  Golden: the full value.
    a, b, c = T(P_RS), T(P_JB), T(P_SZ)
    truncate_value(b, [a, c], rng, "经费支出合规性")
    truncate_value(c, [b], rng, "待遇拨付时效性")
    truncate_value(a, [c], rng, "健全的培训管理制度为培训工作提供可持续保障")
    return [a, b, c]


@case
def lookalikes(rng):
    # OCR look-alikes: 已→己 and 人→入 in truth names, 0→O / 1→l inside numbers of values,
    # full-width （）， in a few names.  Golden: the truth text.
    a, b = T(P_RS), T(P_JY)
    lookalike_name(a, "培训人次", "人", "入")
    lookalike_name(a, "对人才队伍质量的提升", "人", "入")
    lookalike_name(a, "办公人员满意度", "人", "入")
    lookalike_name(b, "已完工升级改造信息系统验收合格率", "已", "己")
    lookalike_name(b, "调解劳动、人事关系次数", "人", "入")
    lookalike_value(a, rng, "培训计划按期完成率")        # ≥100%
    lookalike_value(a, rng, "项目总成本", 2)              # ≤2145000元
    lookalike_value(a, rng, "物业服务面积")              # 5800平方米
    lookalike_value(b, rng, "培训课时数量")              # ≥16课时
    lookalike_value(b, rng, "培训人次")                  # ≥150人次
    lookalike_value(b, rng, "已完工升级改造信息系统验收合格率")  # ≥100%
    fullwidth_name(a, "服务县(区)数")
    fullwidth_name(a, "会期(含报到和离开时间)")
    fullwidth_name(a, "促进就业, 实现经济增长")
    fullwidth_name(b, "促进高技能人才培养, 提升技能人才社会认同")
    return [a, b]


@case
def page_break(rng):
    # Tables continued after a page break: blank line, "- n -" page line, a new pipe table (no
    # title in between).  First table: break inside a category group, header row repeated.
    # Second table: break at a group boundary, no header, blank first row (as in the real doc).
    a, b = T(P_SZ), T(P_JY)
    starts = b.group_starts()
    add_page_break(a, 23, "- 3 -", header=True, blank_first=False)
    add_page_break(b, starts[4], "- 5 -", header=False, blank_first=True)
    return [a, b]


@case
def no_delimiter_ragged(rng):
    # Pipe tables without the |---| delimiter row, rows of differing widths (trailing empty
    # cells dropped or one too many), <br> inside meta labels, compact meta in the second table.
    a = T(P_ZH, delim=False, ragged=True, br=True, pad=False)
    b = T(P_JB, delim=False, ragged=True, br=True, compact_meta=True)
    return [a, b]


@case
def label_spill(rng):
    # The text boundary between two adjacent cells moved by 1-2 characters: between the level1
    # and level2 labels (| 产出指标数 | 量指标 |) and between a level2 label and the name
    # (| 时效指 | 标经费支出时效性 |).  Golden: clean names, truth categories.
    a, b = T(P_JB), T(P_ZJ)
    for tbl, l2, pair, k in ((a, "数量指标", ("l1", "l2"), 1), (a, "质量指标", ("l2", "name"), 1),
                             (a, "经济效益指标", ("l1", "l2"), -1), (a, "满意度指标", ("l1", "l2"), 2),
                             (b, "数量指标", ("l1", "l2"), -2), (b, "时效指标", ("l2", "name"), -1),
                             (b, "社会效益指标", ("l2", "name"), 2), (b, "可持续影响指标", ("l2", "name"), -2)):
        row = row_with_label(tbl, l2)
        x, y = spill(getattr(row, pair[0]), getattr(row, pair[1]), k)
        setattr(row, pair[0], x)
        setattr(row, pair[1], y)
        tbl.note(f"spill {k:+d}: | {x} | {y} |")
    return [a, b]


@case
def label_cut(rng):
    # Category labels cut short by 1-2 characters (数量指, 社会效益, 可持续影响 …).  Labels are not
    # output, so the golden is unaffected.
    a, b = T(P_ZH), T(P_PX)
    for tbl in (a, b):
        for r in tbl.rows:
            for f in ("l1", "l2"):
                text = getattr(r, f)
                if text:
                    c = rng.choice([1, 2]) if len(text) >= 6 else 1
                    setattr(r, f, text[:-c])
                    tbl.note(f"label cut: {text} -> {text[:-c]}")
    return [a, b]


@case
def label_only_rows(rng):
    # Rows that are only a category label (no indicator), printed just before the rows they
    # cover, next to rows that name a category and give 不适用 (which ARE indicators, named by
    # the category text they print: 经济效益指标, 生态效益指标, 生态效益).
    a, b = T(P_ZJ), T(P_JY)

    def own_row(tbl, l2, with_l1=True):
        row = row_with_label(tbl, l2)
        cells = ["", row.l1 if with_l1 else "", row.l2] + [""] * (tbl.width - 3)
        row.before.append(cells)
        tbl.note(f"label-only row {cells[1:3]} before {row.name}")
        if with_l1:
            row.l1 = ""
        row.l2 = ""

    own_row(a, "质量指标")
    own_row(a, "经济效益指标")          # its row: | | | | 经济效益指标 | 不适用 |
    own_row(a, "满意度指标")
    eco = row_with_label(a, "生态效益指标")    # | | | 生态效益指标 | 不适用 | |
    eco.name = []                              # the label cell doubles as the name
    a.note("不适用 row printed as | 生态效益指标 | 不适用 | in the label column")
    own_row(b, "时效指标")
    own_row(b, "可持续影响指标")
    lone = row_with_label(b, "经济效益指标")   # level1 label alone on its own row
    lone.before.append(["", lone.l1, "", "", ""])
    lone.l1 = ""
    b.note("label-only row [效益指标] before 经济效益 group")
    return [a, b]


@case
def combined_department(rng):
    # The department table with several corruptions at once: labels displaced up and down, a
    # page break inside a group (continuation without header, blank first row), single rows
    # shifted right, a run shifted left into the 绩效指标 column, values in a sixth column and
    # names in the category column.
    a = T(DEPT)
    n = displace_labels(a, rng, "mixed")
    assert n >= 3, n
    add_page_break(a, 61, "- 2 -", header=False, blank_first=True)
    shift_right_singles(a, rng, 3)
    shift_left_runs(a, rng, [3], lens=(4, 6))
    shift_left_runs(a, rng, [1], lens=(3, 4))
    extra_column(a, rng, 5)
    for i in pick_singles(a, rng, 2):
        a.rows[i].ops.append(("valuestay",))
        a.note(f"name in 二级 column, value stays: {a.rows[i].name}")
    return [a]


@case
def combined_projects(rng):
    # Three project tables with several corruptions at once: displaced labels, shifts, sixth
    # column, split labels / names, a cut name completed from another table, trailing 。 on names,
    # digit look-alikes, a page break with repeated header, <p> around goals, compact meta and
    # title variants (## heading, plain line).
    a = T(P_ZH, title="##")
    b = T(P_JY, goals_p=True)
    c = T(P_PX, title="plain", compact_meta=True)
    displace_labels(a, rng, "mixed")
    displace_labels(b, rng, "mixed")
    split_name(a, "对信息系统可用性及稳定性的改善或提升程度")
    shift_right_singles(a, rng, 1)
    row = row_with_label(a, "满意度指标")
    row.ops.append(("extra",))
    a.note(f"value in 6th column (labelled row): {row.name}")
    truncate_name(b, a, rng, "促进就业, 实现经济增长")
    for nm in ("开展技工学校设立、技工院校教师职称评比、市级大师工作室认定", "印制就业政策宣传品数量",
               "促进高技能人才培养, 提升技能人才社会认同"):
        b.row_by_name(nm).name += "。"
        b.note(f"trailing 。: {nm}")
    lookalike_value(b, rng, "培训课时数量")
    add_page_break(b, 20, "- 7 -", header=True, blank_first=False)
    shift_left_runs(b, rng, [2], lens=(3, 4))
    split_label(b, "满意度指标", "l1", 3)
    extra_column(b, rng, 2)
    row = row_with_label(c, "社会效益指标")     # every row of this table carries a label
    row.ops.append(("extra",))
    c.note(f"value in 6th column (labelled row): {row.name}")
    row = row_with_label(c, "质量指标")
    row.ops.append(("left", 1))
    c.note(f"labelled row one column left: {row.name}")
    return [a, b, c]


# --------------------------------------------------------------------------- main

def main():
    OUT_MD.mkdir(parents=True, exist_ok=True)
    OUT_GOLD.mkdir(parents=True, exist_ok=True)
    written = set()
    for name, fn in CASES:
        rng = random.Random(zlib.crc32(name.encode("utf-8")))
        tables = fn(rng)
        assert 1 <= len(tables) <= 3
        md = "\n".join(t.render(rng) for t in tables)
        src = f"corpus/derived/{name}.md"
        gold = {"source": src, "tables": [t.golden() for t in tables]}
        # one name, one category within a document
        cats = {}
        for t in gold["tables"]:
            for i in t["indicators"]:
                assert cats.setdefault(norm(i["name"]), (i["level1"], i["level2"])) == (i["level1"], i["level2"])
        (OUT_MD / f"{name}.md").write_text("\n" + md, encoding="utf-8")
        (OUT_GOLD / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n",
                                               encoding="utf-8")
        written |= {OUT_MD / f"{name}.md", OUT_GOLD / f"{name}.json"}
        n_ind = sum(len(t["indicators"]) for t in gold["tables"])
        print(f"{name:26s} {len(tables)} table(s), {n_ind:3d} indicators")
        if VERBOSE:
            for t in tables:
                for msg in t.log:
                    print(f"    [{t.label}] {msg}")
    for d, ext in ((OUT_MD, "*.md"), (OUT_GOLD, "*.json")):
        for p in sorted(d.glob(ext)):
            if p not in written:
                p.unlink()
                print(f"removed stale {p.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
