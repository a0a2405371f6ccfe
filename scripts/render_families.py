#!/usr/bin/env python3
"""Render the reference document's records into three real form-family layouts (issue 13).

In:  golden/suzhou/suzhou-hrss-2024.json      the hand-checked records of the reference document
                                              (the only file this script reads)
Out: corpus/families/suzhou-as-<layout>.{md,html}   the same eight forms printed in another
                                              province's layout (four layouts)
     golden/families/suzhou-as-<layout>.json  their answer: the reference records unchanged (only
                                              `source` differs) — the layouts must not change what
                                              a reader gets out
     golden/families/suzhou-as-<layout>.extra.json   sidecar: stage, framework and per-record
                                              op / unit / direction, as the layout prints them

Layouts:
  nature-unit   Sichuan-style target form (Markdown): 一级 · 二级 · 三级 · 指标性质 · 指标值 · 度量单位;
                指标性质 holds the operator (≥ ≤ =) or 定性; labels printed once per run, blanks below
  direction     Inner-Mongolia-style (Markdown): 一级 · 二级 · 三级 · 指标性质 (定量/定性) · 指标方向
                (正向/反向) · 目标值 (operator + number) · 计量单位 · 分值 · 备注; levels on every row
  unit-first    Chongqing-style (HTML, rowspan/colspan): 绩效指标 side label, 一级 · 二级 · 三级 ·
                计量单位 · 指标性质 · 指标值
  selfeval      Sichuan-style self-evaluation (Markdown): 预算执行情况 block (年初预算 · 调整后预算数 ·
                预算执行数 · 预算执行率 · 权重 · 得分 with 总额 / 其中：财政资金 / 上年结转 / 其他资金),
                项目年度目标 | 年度目标完成情况, then 一级 · 二级 · 三级 · 指标性质 · 指标值 · 度量单位 ·
                完成值 · 权重 · 得分 · 未完成原因分析, 合计, 评价结论, signatures. The records are the
                targets (指标值), never the 完成值, so the golden is still the reference's.

A value splits into operator, number and unit only when it is exactly `[op]number[unit]` with a
plain unit (no 以上/以下/左右/以内/前/底/内/约); everything else is printed whole as 定性.
Deterministic: re-running rewrites byte-identical files.

usage: python3 scripts/render_families.py
"""
import html
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRUTH = ROOT / "golden" / "suzhou" / "suzhou-hrss-2024.json"
OUT_CORPUS = ROOT / "corpus" / "families"
OUT_GOLDEN = ROOT / "golden" / "families"

VALUE = re.compile(r"^(≥|≤|=|>|<)?(\d+(?:\.\d+)?)([^\d\s]{0,5})$")
NOT_A_UNIT = re.compile(r"以上|以下|左右|以内|前|底|内|约|年度|月份")
ASCII_OP = {"≥": ">=", "≤": "<=", "=": "=", ">": ">", "<": "<"}


def split_value(v):
    """(op, number, unit) of a quantitative value, or None for a value printed whole."""
    if v is None:
        return None
    m = VALUE.match(v)
    if not m or NOT_A_UNIT.search(m.group(3) or ""):
        return None
    return (m.group(1) or "", m.group(2), m.group(3) or "")


def fmt_money(x):
    return "" if x is None else f"{x:.2f}"


def goals_text(goals):
    if len(goals) == 1:
        return goals[0]
    return "".join(f"目标{i}：{g}" for i, g in enumerate(goals, 1))


def meta_rows(t):
    """(label, value) pairs of the meta block, in print order; only fields the truth holds."""
    m = t["meta"]
    rows = []
    if t["kind"] == "department":
        rows.append(("部门（单位）名称", m["department"]))
    else:
        rows.append(("项目名称", m["project_name"]))
        dept = m["department"]
        if m["department_code"]:
            dept = f"[{m['department_code']}]{dept}"
        rows.append(("主管部门", dept))
        if m["implementing_unit"]:
            rows.append(("实施单位", m["implementing_unit"]))
        if m["project_source"]:
            rows.append(("项目来源", m["project_source"]))
        if m["project_period"]:
            rows.append(("项目期", m["project_period"]))
    for label, key in (("年度资金总额", "funds_total"), ("其中：财政拨款", "funds_fiscal"),
                       ("上年结转", "funds_carryover"), ("其他资金", "funds_other")):
        if m[key] is not None:
            rows.append((label, fmt_money(m[key])))
    rows.append(("年度总体目标" if t["kind"] == "department" else "年度目标", goals_text(m["goals"])))
    return rows


def title(t):
    if t["kind"] == "department":
        return "部门整体支出绩效目标表"
    return "项目支出绩效目标表"


def runs(recs, key):
    """For each record: True when its `key` differs from the previous record's."""
    out, prev = [], None
    for r in recs:
        out.append(r[key] != prev)
        prev = r[key]
    return out


def md_row(cells):
    return "| " + " | ".join(c.replace("|", "｜") for c in cells) + " |"


def render_nature_unit(tables):
    out = []
    for t in tables:
        out += [f"# {title(t)}", "", f"（{t['year']}年度）", ""]
        n = 6
        rows = []
        for label, val in meta_rows(t):
            rows.append([label, val] + [""] * (n - 2))
        rows.append(["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"])
        recs = t["indicators"]
        new1, new2 = runs(recs, "level1"), runs(recs, "level2")
        for r, a, b in zip(recs, new1, new2):
            sv = split_value(r["value"])
            l1 = r["level1"] if a else ""
            l2 = r["level2"] if (a or b) else ""
            if sv:
                op, num, unit = sv
                rows.append([l1, l2, r["name"], op or "=", num, unit])
            else:
                rows.append([l1, l2, r["name"], "定性", r["value"] or "", ""])
        out.append(md_row(rows[0]))
        out.append(md_row(["---"] * n))
        out += [md_row(c) for c in rows[1:]]
        out.append("")
    return "\n".join(out)


def render_direction(tables):
    out = []
    for t in tables:
        out += [f"# {title(t)}", "", f"（{t['year']}年）", ""]
        n = 9
        rows = []
        for label, val in meta_rows(t):
            rows.append([label, val] + [""] * (n - 2))
        rows.append(["绩效指标（合计90分）"] + [""] * (n - 1))
        rows.append(["一级指标", "二级指标", "三级指标", "指标性质", "指标方向", "目标值", "计量单位", "分值", "备注"])
        for r in t["indicators"]:
            sv = split_value(r["value"])
            if sv:
                op, num, unit = sv
                direction = "反向" if op in ("≤", "<") else "正向"
                rows.append([r["level1"], r["level2"], r["name"], "定量", direction, (op or "=") + num, unit, "", ""])
            else:
                rows.append([r["level1"], r["level2"], r["name"], "定性", "正向", r["value"] or "", "", "", ""])
        out.append(md_row(rows[0]))
        out.append(md_row(["---"] * n))
        out += [md_row(c) for c in rows[1:]]
        out.append("")
    return "\n".join(out)


def td(text, rowspan=1, colspan=1):
    attrs = ""
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    return f"<td{attrs}>{html.escape(text, quote=False)}</td>"


def span_lengths(recs, key, within=None):
    """Run lengths of `key` (a run also breaks where `within` changes); 0 for rows inside a run."""
    out = [0] * len(recs)
    i = 0
    while i < len(recs):
        j = i + 1
        while (j < len(recs) and recs[j][key] == recs[i][key]
               and (within is None or recs[j][within] == recs[i][within])):
            j += 1
        out[i] = j - i
        i = j
    return out


def render_unit_first(tables):
    out = ["<html><body>"]
    for t in tables:
        out.append("<table border=\"1\">")
        out.append("<tr>" + td(title(t), colspan=7) + "</tr>")
        out.append("<tr>" + td(f"（{t['year']}年度）", colspan=7) + "</tr>")
        for label, val in meta_rows(t):
            out.append("<tr>" + td(label) + td(val, colspan=6) + "</tr>")
        recs = t["indicators"]
        out.append("<tr>" + td("绩效指标", rowspan=len(recs) + 1) + td("一级指标") + td("二级指标")
                   + td("三级指标") + td("计量单位") + td("指标性质") + td("指标值") + "</tr>")
        s1 = span_lengths(recs, "level1")
        s2 = span_lengths(recs, "level2", within="level1")
        for i, r in enumerate(recs):
            cells = ""
            if s1[i]:
                cells += td(r["level1"], rowspan=s1[i])
            if s2[i]:
                cells += td(r["level2"], rowspan=s2[i])
            sv = split_value(r["value"])
            if sv:
                op, num, unit = sv
                cells += td(r["name"]) + td(unit) + td(op or "=") + td(num)
            else:
                cells += td(r["name"]) + td("") + td("定性") + td(r["value"] or "")
            out.append("<tr>" + cells + "</tr>")
        out.append("</table>")
        out.append("<p></p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render_selfeval(tables):
    out = []
    n = 10
    for t in tables:
        m = t["meta"]
        dept = t["kind"] == "department"
        head = "部门整体支出绩效自评表" if dept else "部门预算项目支出绩效自评表"
        out += ["报表编号：510000_0042zp", "", f"# {head}（{t['year']}年度）", ""]
        rows = []
        if dept:
            rows.append(["部门（单位）名称", m["department"]] + [""] * (n - 2))
        else:
            d = m["department"] if not m["department_code"] else f"[{m['department_code']}]{m['department']}"
            rows.append(["项目名称", m["project_name"]] + [""] * (n - 2))
            rows.append(["主管部门", d, "", "", "实施单位（盖章）", m["implementing_unit"] or ""] + [""] * (n - 6))
            if m["project_source"]:
                rows.append(["项目来源", m["project_source"], "", "", "项目期", m["project_period"] or ""] + [""] * (n - 6))
        rows.append(["项目基本情况" if not dept else "部门基本情况", "项目年度目标" if not dept else "年度总体目标",
                     "", "", "", "年度目标完成情况"] + [""] * (n - 6))
        rows.append(["", goals_text(m["goals"]), "", "", "", "已按计划完成。"] + [""] * (n - 6))
        rows.append(["预算执行情况（10分）", "年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数",
                     "预算执行率", "权重", "得分", "原因", ""])
        for label, key, pts in (("总额", "funds_total", ("10", "10")), ("其中：财政资金", "funds_fiscal", ("/", "/")),
                                ("上年结转", "funds_carryover", ("/", "/")), ("其他资金", "funds_other", ("/", "/"))):
            x = m[key]
            if x is None:
                continue
            v = fmt_money(x)
            rate = "100.00%" if x else "0.00%"
            rows.append(["", label, v, v, v, rate, pts[0], pts[1], "", ""])
        rows.append(["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位",
                     "完成值", "权重", "得分"])
        recs = t["indicators"]
        new1, new2 = runs(recs, "level1"), runs(recs, "level2")
        for r, a, b in zip(recs, new1, new2):
            sv = split_value(r["value"])
            l1 = r["level1"] if a else ""
            l2 = r["level2"] if (a or b) else ""
            if sv:
                op, num, unit = sv
                rows.append(["", l1, l2, r["name"], op or "=", num, unit, num, "2", "2"])
            else:
                rows.append(["", l1, l2, r["name"], "定性", r["value"] or "", "", r["value"] or "", "2", "2"])
        rows.append(["合计"] + [""] * 7 + ["100", "100"])
        rows.append(["评价结论", "年度目标全部完成，自评得分100分。"] + [""] * (n - 2))
        rows.append(["项目负责人：", "", "", "", "财务负责人："] + [""] * (n - 5))
        out.append(md_row(rows[0]))
        out.append(md_row(["---"] * n))
        out += [md_row(c) for c in rows[1:]]
        out.append("")
    return "\n".join(out)


def sidecar(src, tables, stage="target"):
    xt = []
    for t in tables:
        recs = []
        for r in t["indicators"]:
            x = {"name": r["name"]}
            sv = split_value(r["value"])
            if sv:
                op, _, unit = sv
                x["op"] = ASCII_OP[op or "="]
                if unit:
                    x["unit"] = unit
            if stage == "self_evaluation":
                x["actual"] = sv[1] if sv else r["value"]
                x["weight"], x["score"] = 2, 2
            recs.append(x)
        tx = {"stage": stage, "framework": "2018"}
        if stage == "self_evaluation":
            total = t["meta"]["funds_total"]
            tx["execution"] = {"budget_start": total, "budget_full": total, "executed": total,
                               "rate": 100.0, "points": 10, "score": 10}
            tx["conclusion"] = {"total_score": 100, "grade": None, "text": "年度目标全部完成，自评得分100分。"}
        tx["indicators"] = recs
        xt.append(tx)
    return {"source": src, "tables": xt}


def write_json(path, obj):
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main():
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    tables = truth["tables"]
    for name, ext, render, stage in (("suzhou-as-nature-unit", "md", render_nature_unit, "target"),
                                     ("suzhou-as-direction", "md", render_direction, "target"),
                                     ("suzhou-as-unit-first", "html", render_unit_first, "target"),
                                     ("suzhou-as-selfeval", "md", render_selfeval, "self_evaluation")):
        src = f"corpus/families/{name}.{ext}"
        (ROOT / src).write_text(render(tables), encoding="utf-8")
        write_json(OUT_GOLDEN / f"{name}.json", {"source": src, "tables": tables})
        write_json(OUT_GOLDEN / f"{name}.extra.json", sidecar(src, tables, stage))
        print("wrote", src)


if __name__ == "__main__":
    main()
