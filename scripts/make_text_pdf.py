#!/usr/bin/env python3
"""Writes corpus/text_pdf/ and golden/text_pdf/: a held-out set for the text readers made by the
real route a filing takes — made-up forms (invented content; goldens written below from the same
data, never blessed) laid out as HTML tables with merged cells (rowspan/colspan) and cells that
wrap, printed to A4 PDF (portrait and landscape) by headless chromium, and the PDF's text taken
out by real extractors: `pdftotext -layout`, `pdftotext` (reading order), `pdftotext -raw`, and,
when installed, pdfplumber `extract_text()` and PyMuPDF `get_text()`. One folder per extractor
(corpus/text_pdf/<extractor>/<form>.txt); the extracted text is committed, so CI needs neither
chromium nor poppler. The PDFs themselves are written to /tmp only.

Forms: the reference project layout (portrait), the same with a narrow page share (long cells
wrap), a province family layout with 指标性质 / 指标值 / 度量单位 / 权重 (landscape), a
self-evaluation form (landscape; value = 年度指标值, funds = 全年预算数), a department-whole form
(部门（单位）整体支出绩效目标申报表, portrait).

Usage: scripts/make_text_pdf.py [--keep-pdf DIR]
       scripts/make_text_pdf.py --measure [BINARY]   (score table; no chromium needed)
         (from the repository root; needs chromium,
poppler-utils, and /work/venv-py for pdfplumber / PyMuPDF when present)
"""

import html
import json
import re
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS, GOLDEN = ROOT / "corpus" / "text_pdf", ROOT / "golden" / "text_pdf"
CHROMIUM = "/usr/bin/chromium"
VENV_PY = "/work/venv-py/bin/python3"

P, X, S = "产出指标", "效益指标", "满意度指标"


def meta(**kw):
    m = dict(project_name=None, department=None, department_code=None, implementing_unit=None,
             project_source=None, project_period=None, funds_total=None, funds_fiscal=None,
             funds_carryover=None, funds_other=None, goals=[])
    m.update(kw)
    return m


def money(x):
    return f"{x:.2f}"


# ---------------------------------------------------------------- HTML building
# A table is a list of rows; a row is a list of cells (text, rowspan, colspan, css class).

def cell(text, rs=1, cs=1, cls=""):
    return (text, rs, cs, cls)


def table_html(rows, widths):
    out = ["<table>", "<colgroup>"]
    out += [f'<col style="width:{w}%">' for w in widths]
    out.append("</colgroup>")
    for row in rows:
        out.append("<tr>")
        for text, rs, cs, cls in row:
            attrs = ""
            if rs > 1:
                attrs += f' rowspan="{rs}"'
            if cs > 1:
                attrs += f' colspan="{cs}"'
            if cls:
                attrs += f' class="{cls}"'
            out.append(f"<td{attrs}>{html.escape(text)}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def page_html(title, year, rows, widths, landscape=False, font=10.5, pre="", post=""):
    size = "A4 landscape" if landscape else "A4 portrait"
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: {size}; margin: 16mm 14mm; }}
body {{ font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: {font}pt; }}
h1 {{ text-align: center; font-size: 16pt; margin: 0 0 4pt 0; }}
.year {{ text-align: center; margin: 0 0 8pt 0; }}
.pre {{ margin: 0 0 6pt 0; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
td {{ border: 0.8pt solid #000; padding: 2pt 3pt; text-align: center; vertical-align: middle;
      word-break: break-all; }}
td.l {{ text-align: left; }}
</style></head><body>
<h1>{html.escape(title)}</h1>
<div class="year">（{year}年度）</div>
{pre}
{table_html(rows, widths)}
{post}
</body></html>"""


def indicator_block(indicators, extra_cols):
    """Rows of the indicator part: level1 and level2 merged over their runs (rowspan), then
    the name and the extra cells `extra_cols(record)` gives."""
    rows = []
    n = len(indicators)
    i = 0
    while i < n:
        j = i
        while j < n and indicators[j][0] == indicators[i][0]:
            j += 1
        k = i
        while k < j:
            m = k
            while m < j and indicators[m][1] == indicators[k][1]:
                m += 1
            for r in range(k, m):
                row = []
                if r == i:
                    row.append(cell(indicators[i][0], j - i))
                if r == k:
                    row.append(cell(indicators[k][1], m - k))
                row.append(cell(indicators[r][2], cls="l"))
                row += extra_cols(indicators[r])
                rows.append(row)
            k = m
        i = j
    return rows


# ---------------------------------------------------------------- the forms

def reference_form(t):
    """项目支出绩效目标表, the reference's layout: label | 一级 | 二级 | 三级 | 指标值."""
    m, ind = t["meta"], t["rows"]
    dept = f"[{m['department_code']}]{m['department']}" if m["department_code"] else m["department"]
    goals = t.get("goals_printed") or "；".join(m["goals"])
    rows = [
        [cell("项目名称"), cell(m["project_name"], cs=4, cls="l")],
        [cell("主管部门及代码"), cell(dept, cs=2, cls="l"), cell("实施单位"), cell(m["implementing_unit"], cls="l")],
        [cell("项目来源"), cell(m["project_source"], cs=2, cls="l"), cell("项目期"), cell(m["project_period"], cls="l")],
        [cell("项目资金（万元）", rs=4), cell("年度资金总额：", cs=2), cell(money(m["funds_total"]), cs=2)],
        [cell("其中：财政拨款", cs=2), cell(money(m["funds_fiscal"]), cs=2)],
        [cell("上年结转", cs=2), cell(money(m["funds_carryover"]), cs=2)],
        [cell("其他资金", cs=2), cell(money(m["funds_other"]), cs=2)],
        [cell("年度目标"), cell(goals, cs=4, cls="l")],
    ]
    block = indicator_block(ind, lambda r: [cell(r[3])])
    rows.append([cell("绩效指标", rs=len(block) + 1), cell("一级指标"), cell("二级指标"),
                 cell("三级指标"), cell("指标值")])
    rows += block
    return page_html("项目支出绩效目标表", t["year"], rows, t.get("widths", [14, 14, 16, 34, 22]),
                     landscape=t.get("landscape", False), font=t.get("font", 10.5))


def province_form(t):
    """A province family layout: 一级 | 二级 | 三级 | 指标性质 | 指标值 | 度量单位 | 权重."""
    m, ind = t["meta"], t["rows"]
    goals = "；".join(f"{i + 1}.{g}" for i, g in enumerate(m["goals"])) if len(m["goals"]) > 1 else m["goals"][0]
    rows = [
        [cell("项目名称"), cell(m["project_name"], cs=3, cls="l"), cell("项目期"), cell(m["project_period"], cs=2, cls="l")],
        [cell("主管部门"), cell(m["department"], cs=3, cls="l"), cell("实施单位"), cell(m["implementing_unit"], cs=2, cls="l")],
        [cell("项目资金（万元）", rs=2), cell("年度资金总额"), cell("财政资金"), cell("上年结转"), cell("其他资金", cs=3)],
        [cell(money(m["funds_total"])), cell(money(m["funds_fiscal"])), cell(money(m["funds_carryover"])), cell(money(m["funds_other"]), cs=3)],
        [cell("年度绩效目标"), cell(goals, cs=6, cls="l")],
        [cell("一级指标"), cell("二级指标"), cell("三级指标"), cell("指标性质"), cell("指标值"), cell("度量单位"), cell("权重")],
    ]
    rows += indicator_block(ind, lambda r: [cell(r[4]), cell(r[5]), cell(r[6]), cell(str(r[7]))])
    return page_html("项目支出绩效目标申报表", t["year"], rows, [11, 13, 30, 9, 15, 10, 12],
                     landscape=True, font=10.5)


def selfeval_form(t):
    """项目支出绩效自评表: funds by 年初预算数 / 全年预算数 / 全年执行数; indicators with
    年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施."""
    m, ind = t["meta"], t["rows"]
    dept = f"{m['department_code']}-{m['department']}" if m["department_code"] else m["department"]
    f = t["funds"]  # name -> (年初, 全年, 执行)

    def frow(label, key, score=True):
        a, b, c = f[key]
        rate = f"{c / b * 100:.2f}%" if b else "-"
        return [cell(label, cs=2), cell(money(a)), cell(money(b)), cell(money(c)),
                cell("10" if score else "-"), cell(rate if score else "-"), cell(t["funds_score"] if score else "-")]

    goals = "；".join(f"目标{i + 1}：{g}" for i, g in enumerate(m["goals"]))
    rows = [
        [cell("项目名称"), cell(m["project_name"], cs=8, cls="l")],
        [cell("主管部门"), cell(dept, cs=4, cls="l"), cell("实施单位"), cell(m["implementing_unit"], cs=3, cls="l")],
        [cell("项目资金（万元）", rs=5), cell("", cs=2), cell("年初预算数"), cell("全年预算数"), cell("全年执行数"),
         cell("分值"), cell("执行率"), cell("得分")],
        frow("年度资金总额", "total"),
        frow("其中：当年财政拨款", "fiscal", False),
        frow("上年结转资金", "carry", False),
        frow("其他资金", "other", False),
        [cell("年度总体目标", rs=2), cell("预期目标", cs=4), cell("实际完成情况", cs=4)],
        [cell(goals, cs=4, cls="l"), cell(t["done"], cs=4, cls="l")],
    ]
    block = indicator_block(ind, lambda r: [cell(r[3]), cell(r[4]), cell(str(r[5])), cell(str(r[6])),
                                            cell(r[7] if len(r) > 7 else "", cls="l")])
    rows.append([cell("绩效指标", rs=len(block) + 1), cell("一级指标"), cell("二级指标"), cell("三级指标"),
                 cell("年度指标值"), cell("实际完成值"), cell("分值"), cell("得分"), cell("偏差原因分析及改进措施")])
    rows += block
    rows.append([cell("总分", cs=6), cell("100"), cell(t["total_score"]), cell("")])
    return page_html("项目支出绩效自评表", t["year"], rows, [9, 10, 11, 22, 11, 11, 6, 6, 14],
                     landscape=True, font=10)


def department_form(t):
    """部门（单位）整体支出绩效目标申报表: tasks with 总额 / 财政拨款 / 其他资金, 金额合计,
    年度总体目标, indicators."""
    m, ind = t["meta"], t["rows"]
    tasks = t["tasks"]
    rows = [
        [cell("部门（单位）名称"), cell(m["department"], cs=5, cls="l")],
        [cell("年度主要任务", rs=len(tasks) + 3), cell("任务名称", rs=2), cell("主要内容", cs=2, rs=2),
         cell("预算金额（万元）", cs=2)],
        [cell("总额"), cell("财政拨款")],
    ]
    for name, content, total, fiscal in tasks:
        rows.append([cell(name, cls="l"), cell(content, cs=2, cls="l"), cell(money(total)), cell(money(fiscal))])
    rows.append([cell("金额合计", cs=3), cell(money(m["funds_total"])), cell(money(m["funds_fiscal"]))])
    rows.append([cell("其他资金", cs=3), cell(money(m["funds_other"]), cs=2)])
    rows.append([cell("年度总体目标"), cell("；".join(m["goals"]), cs=5, cls="l")])
    block = indicator_block(ind, lambda r: [cell(r[3], cs=2)])
    rows.append([cell("年度绩效指标", rs=len(block) + 1), cell("一级指标"), cell("二级指标"), cell("三级指标"),
                 cell("指标值", cs=2)])
    rows += block
    return page_html("部门（单位）整体支出绩效目标申报表", t["year"], rows, [13, 13, 15, 30, 14, 15],
                     landscape=False, font=10.5,
                     pre='<div class="pre">部门（单位）主要负责人（签字）：　　　　部门（单位）盖章：</div>')


# ---------------------------------------------------------------- the data (all invented)

FORMS = {
    "sewage-ops-2025": dict(
        render=reference_form, kind="project", year=2025,
        meta=meta(project_name="乡镇污水处理设施运维", department="河湾县住房和城乡建设局",
                  department_code="208", implementing_unit="河湾县排水管理所",
                  project_source="本级申报项目", project_period="3年", funds_total=312.5,
                  funds_fiscal=300.0, funds_carryover=12.5, funds_other=0.0,
                  goals=["保障全县11座乡镇污水处理站稳定运行，出水水质达到一级A排放标准",
                         "完成配套管网巡查疏通，污水收集率较上年提高"]),
        goals_printed="目标1：保障全县11座乡镇污水处理站稳定运行，出水水质达到一级A排放标准；"
                      "目标2：完成配套管网巡查疏通，污水收集率较上年提高。",
        rows=[
            (P, "数量指标", "运维乡镇污水处理站数量", "11座"),
            (P, "数量指标", "配套管网巡查疏通长度", "≥86公里"),
            (P, "数量指标", "在线监测设备校准次数", "≥4次"),
            (P, "质量指标", "出水水质达标率", "≥95%"),
            (P, "质量指标", "设施设备完好率", "≥98%"),
            (P, "时效指标", "设备故障维修响应时间", "≤24小时"),
            (P, "成本指标", "单座站点年均运维成本", "≤26万元"),
            (X, "生态效益指标", "化学需氧量年削减量", "≥310吨"),
            (X, "社会效益指标", "乡镇人居环境", "明显改善"),
            (X, "可持续影响指标", "污水处理设施长效运维机制", "建立健全并持续运行"),
            (S, "满意度指标", "周边群众满意度", "≥90%"),
        ]),
    "rural-roads-narrow-2025": dict(
        render=reference_form, kind="project", year=2025, widths=[13, 12, 13, 33, 29], font=11.5,
        meta=meta(project_name="农村公路危桥改造及安全生命防护工程", department="青屏县交通运输局",
                  department_code="517", implementing_unit="青屏县农村公路管理养护中心",
                  project_source="上级转移支付项目", project_period="1年", funds_total=1460.0,
                  funds_fiscal=1380.0, funds_carryover=0.0, funds_other=80.0,
                  goals=["完成7座农村公路危桥改造和42公里安全生命防护工程建设，消除农村公路重大安全隐患，"
                         "提升群众出行安全水平"]),
        rows=[
            (P, "数量指标", "改造农村公路危桥数量", "7座"),
            (P, "数量指标", "实施安全生命防护工程里程", "≥42公里"),
            (P, "数量指标", "新增波形护栏及警示标志标牌", "≥3600延米"),
            (P, "质量指标", "交工验收质量等级评定合格率", "100%"),
            (P, "质量指标", "危桥改造后技术状况评定等级", "达到二类及以上"),
            (P, "时效指标", "工程完工时间", "2025年11月30日前"),
            (P, "成本指标", "每公里安全生命防护工程平均造价", "≤18万元"),
            (X, "社会效益指标", "农村公路交通事故发生率", "较上年下降"),
            (X, "可持续影响指标", "农村公路桥梁定期检测和养护管理制度", "按照养护规范长期执行"),
            (S, "满意度指标", "沿线群众出行满意度", "≥92%"),
        ]),
    "vocational-training-2025": dict(
        render=province_form, kind="project", year=2025,
        meta=meta(project_name="新型职业农民技能培训", department="梧溪市农业农村局",
                  implementing_unit="梧溪市农业广播电视学校", project_period="2025年1月-2025年12月",
                  funds_total=186.0, funds_fiscal=170.0, funds_carryover=16.0, funds_other=0.0,
                  goals=["培训新型职业农民1500人，提升种养技术和经营管理能力",
                         "培育一批示范家庭农场和农民合作社带头人"]),
        rows=[
            # level1, level2, name, value, 指标性质, 指标值, 度量单位, 权重
            (P, "数量指标", "培训新型职业农民人数", "≥1500人", "≥", "1500", "人", 15),
            (P, "数量指标", "举办田间课堂期数", "≥30期", "≥", "30", "期", 10),
            (P, "质量指标", "培训考核合格率", "≥90%", "≥", "90", "%", 10),
            (P, "质量指标", "培训课程与当地主导产业匹配度", "高度匹配", "定性", "高度匹配", "", 5),
            (P, "时效指标", "培训任务完成时间", "≤12月", "≤", "12", "月", 10),
            (P, "成本指标", "人均培训补助标准", "≤1200元", "≤", "1200", "元", 10),
            (X, "经济效益指标", "参训农民人均增收", "≥800元", "≥", "800", "元", 10),
            (X, "社会效益指标", "带动周边农户发展特色种养", "≥3000户", "≥", "3000", "户", 10),
            (X, "可持续影响指标", "职业农民培育长效机制", "逐步完善", "定性", "逐步完善", "", 10),
            (S, "满意度指标", "参训农民满意度", "≥90%", "≥", "90", "%", 10),
        ]),
    "street-lights-selfeval-2024": dict(
        render=selfeval_form, kind="project", year=2024,
        meta=meta(project_name="城区路灯设施维护", department="南渡市城市管理局", department_code="309",
                  implementing_unit="南渡市市政设施管理处", funds_total=205.0, funds_fiscal=195.0,
                  funds_carryover=10.0, funds_other=0.0,
                  goals=["完成城区主次干道路灯日常巡查维修，亮灯率保持在98%以上",
                         "更换老旧高耗能灯具，降低路灯运行能耗"]),
        funds={"total": (190.0, 205.0, 198.6), "fiscal": (190.0, 195.0, 188.6),
               "carry": (0.0, 10.0, 10.0), "other": (0.0, 0.0, 0.0)},
        funds_score="9.7", total_score="95.7",
        done="全年巡查维修路灯1.2万盏次，主干道亮灯率99.1%，更换LED灯具2100套，年度目标基本完成。",
        rows=[
            # level1, level2, name, 年度指标值, 实际完成值, 分值, 得分, 偏差原因
            (P, "数量指标", "路灯巡查维修数量", "≥1万盏次", "1.2万盏次", 10, 10),
            (P, "数量指标", "更换LED节能灯具数量", "≥2000套", "2100套", 10, 10),
            (P, "质量指标", "主次干道亮灯率", "≥98%", "99.1%", 10, 10),
            (P, "质量指标", "维修后设施完好率", "≥95%", "96%", 5, 5),
            (P, "时效指标", "故障路灯修复时限", "≤48小时", "36小时", 10, 10),
            (P, "成本指标", "单盏路灯年均维护成本", "≤160元", "158元", 5, 5),
            (X, "经济效益指标", "路灯年节约电费", "≥20万元", "18.5万元", 10, 8,
             "部分灯具更换集中在下半年，节电效果未全年体现"),
            (X, "社会效益指标", "夜间道路通行安全", "有效保障", "有效保障", 10, 10),
            (X, "可持续影响指标", "路灯设施智能化管理水平", "持续提升", "持续提升", 10, 9),
            (S, "满意度指标", "市民夜间出行满意度", "≥90%", "93%", 10, 9),
        ]),
    "ecology-dept-2025": dict(
        render=department_form, kind="department", year=2025,
        meta=meta(department="临川市生态环境局", funds_total=2365.8, funds_fiscal=2280.8, funds_other=85.0,
                  goals=["巩固大气、水、土壤污染防治成果，环境空气优良天数比例和地表水国控断面水质稳定达标",
                         "完成环境执法检查和生态环境监测任务，守住不发生重大环境污染事件的底线"]),
        tasks=[
            ("基本支出", "保障机关和所属单位人员工资及日常运转", 1420.3, 1420.3),
            ("大气污染防治", "开展重点行业挥发性有机物治理和扬尘管控", 365.0, 320.0),
            ("水环境监测", "开展地表水断面和集中式饮用水水源地水质监测", 410.5, 370.5),
            ("环境执法", "组织环境执法检查和突发环境事件应急处置", 170.0, 170.0),
        ],
        rows=[
            (P, "数量指标", "地表水断面监测频次", "≥12次"),
            (P, "数量指标", "环境执法检查企业数量", "≥850家"),
            (P, "数量指标", "完成挥发性有机物治理企业数", "≥40家"),
            (P, "质量指标", "环境监测数据有效率", "≥95%"),
            (P, "质量指标", "环境信访案件办结率", "100%"),
            (P, "时效指标", "突发环境事件应急响应时间", "≤1小时"),
            (P, "成本指标", "部门整体支出预算执行率", "≥95%"),
            (X, "生态效益指标", "城市环境空气质量优良天数比例", "≥88%"),
            (X, "生态效益指标", "地表水国控断面水质优良比例", "≥90%"),
            (X, "社会效益指标", "重大环境污染事件", "不发生"),
            (X, "可持续影响指标", "生态环境保护长效机制", "持续健全"),
            (S, "满意度指标", "公众对生态环境满意度", "≥85%"),
        ]),
}


def golden_table(t):
    recs = [dict(level1=r[0], level2=r[1], name=r[2], value=r[3]) for r in t["rows"]]
    return {"kind": t["kind"], "year": t["year"], "meta": t["meta"], "indicators": recs}


# ---------------------------------------------------------------- printing and extracting

def print_pdf(html_text, pdf):
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as h:
        h.write(html_text)
    try:
        subprocess.run(["nice", "-n", "10", CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-pdf-header-footer", f"--print-to-pdf={pdf}", f"file://{h.name}"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    finally:
        os.unlink(h.name)


PY_EXTRACT = {
    "pdfplumber": "import pdfplumber,sys\nwith pdfplumber.open(sys.argv[1]) as p:\n"
                  "    sys.stdout.write('\\n\\f'.join((pg.extract_text() or '') for pg in p.pages))",
    "pymupdf": "import pymupdf,sys\nd=pymupdf.open(sys.argv[1])\n"
               "sys.stdout.write('\\f'.join(pg.get_text() for pg in d))",
}

EXTRACTORS = {
    "layout": ["pdftotext", "-layout"],
    "reading": ["pdftotext"],
    "raw": ["pdftotext", "-raw"],
}


def extract(name, pdf):
    if name in EXTRACTORS:
        r = subprocess.run(EXTRACTORS[name] + ["-enc", "UTF-8", str(pdf), "-"], check=True,
                           capture_output=True)
        return r.stdout.decode("utf-8")
    r = subprocess.run([VENV_PY, "-c", PY_EXTRACT[name], str(pdf)], check=True, capture_output=True)
    return r.stdout.decode("utf-8")


def available():
    names = list(EXTRACTORS)
    for n in PY_EXTRACT:
        mod = "pdfplumber" if n == "pdfplumber" else "pymupdf"
        if os.path.exists(VENV_PY) and subprocess.run([VENV_PY, "-c", f"import {mod}"],
                                                       capture_output=True).returncode == 0:
            names.append(n)
    return names


FAIL = re.compile(r"^(?:FAIL|diff) (\S+): record P=\S+ R=\S+ F1=([0-9.]+) .*meta=([0-9.]+|n/a)")


def measure(binary):
    """Record F1 / meta per extractor (rows) and form (columns), from one `tablemend check` run
    over the committed corpus; the last column is the extractor's mean over its forms."""
    run = subprocess.run([binary, "check", "--corpus", "corpus/text_pdf", "--golden", "golden/text_pdf"],
                         capture_output=True, text=True, cwd=ROOT)
    got = {}
    for line in run.stdout.splitlines():
        m = FAIL.match(line)
        if m:
            got[m.group(1)] = (float(m.group(2)), 1.0 if m.group(3) == "n/a" else float(m.group(3)))
    exs = sorted(d.name for d in CORPUS.iterdir() if d.is_dir())
    print(f"{'extractor':12s}" + "".join(f"{s[:18]:>20s}" for s in FORMS) + f"{'mean':>14s}")
    for ex in exs:
        vals = [got.get(f"corpus/text_pdf/{ex}/{s}.txt", (1.0, 1.0)) for s in FORMS]
        mean = (sum(v[0] for v in vals) / len(vals), sum(v[1] for v in vals) / len(vals))
        print(f"{ex:12s}" + "".join(f"{v[0]:>11.3f}/{v[1]:.3f}" for v in vals)
              + f"{mean[0]:>8.3f}/{mean[1]:.3f}")
    tail = [l for l in run.stdout.splitlines() if l.startswith(("family", "overall", "record "))]
    print("\n".join(tail))


def main():
    if "--measure" in sys.argv:
        i = sys.argv.index("--measure")
        binary = sys.argv[i + 1] if len(sys.argv) > i + 1 else str(ROOT / "target/debug/tablemend")
        measure(binary)
        return
    keep = Path(sys.argv[sys.argv.index("--keep-pdf") + 1]) if "--keep-pdf" in sys.argv else None
    tmp = keep or Path(tempfile.mkdtemp(prefix="text_pdf."))
    tmp.mkdir(parents=True, exist_ok=True)
    extractors = available()
    for stem, t in FORMS.items():
        pdf = tmp / f"{stem}.pdf"
        print_pdf(t["render"](t), pdf)
        for ex in extractors:
            text = extract(ex, pdf).replace("\f", "\n")
            c = CORPUS / ex / f"{stem}.txt"
            g = GOLDEN / ex / f"{stem}.json"
            c.parent.mkdir(parents=True, exist_ok=True)
            g.parent.mkdir(parents=True, exist_ok=True)
            c.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
            src = f"corpus/text_pdf/{ex}/{stem}.txt"
            g.write_text(json.dumps({"source": src, "tables": [golden_table(t)]}, ensure_ascii=False,
                                    indent=1) + "\n", encoding="utf-8")
        print(stem, pdf, file=sys.stderr)


if __name__ == "__main__":
    main()
