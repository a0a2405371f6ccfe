#!/usr/bin/env python3
"""Write the fourth held-out families set: invented forms in real layouts not covered before.

In:  nothing (the invented content is typed below, one function per document)
Out: corpus/families4/<name>.{md,html}    the document, printed in the layout it stands for
     golden/families4/<name>.json         its answer, built from the SAME invented data (never
                                          from the tool's output)
     golden/families4/<name>.extra.json   sidecar: stage, framework, execution, conclusion and
                                          per-record op / unit / actual / weight / score /
                                          deviation / extra, only where the form prints them

The layouts, and the judgement each golden takes, are listed in corpus/families4/README.md.
Values follow SCHEMA.md: op + number + unit as a person reads them (`=`/`﹦` dropped, 定性 never
in the value); OCR damage in a document (letters among digits) is read right in the golden.
Deterministic: re-running rewrites byte-identical files.
"""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "families4"
GOLDEN = ROOT / "golden" / "families4"

L1 = {"产出": "产出指标", "效益": "效益指标", "满意度": "满意度指标", "成本": "成本指标"}
OPS = {"≥": ">=", "≤": "<=", "﹦": "=", "=": "=", ">": ">", "<": "<"}


def meta(**kw):
    m = {
        "project_name": None,
        "department": None,
        "department_code": None,
        "implementing_unit": None,
        "project_source": None,
        "project_period": None,
        "funds_total": None,
        "funds_fiscal": None,
        "funds_carryover": None,
        "funds_other": None,
        "goals": [],
    }
    m.update(kw)
    return m


def write(name, ext, text, tables, sidecar):
    CORPUS.mkdir(parents=True, exist_ok=True)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    src = f"corpus/families4/{name}.{ext}"
    (CORPUS / f"{name}.{ext}").write_text(text, encoding="utf-8")
    gold = {"source": src, "tables": tables}
    (GOLDEN / f"{name}.json").write_text(
        json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    side = {"source": src, "tables": sidecar}
    (GOLDEN / f"{name}.extra.json").write_text(
        json.dumps(side, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def rec(l1, l2, name, value):
    return {"level1": l1, "level2": l2, "name": name, "value": value}


def value_of(op, num, unit):
    """The value a person reads from 指标性质 · 指标值 · 度量单位 cells."""
    if op in ("定性", ""):
        return num
    return ("" if op in ("﹦", "=") else op) + num + unit


# --------------------------------------------------------------------------------------------
# 1. 云南 (丽江 古城区) 2020 项目支出绩效自评表, copied from a web page as broken pipe lines
# --------------------------------------------------------------------------------------------
def yn_selfeval_web_copy():
    name = "yn-selfeval-2020-web-copy-op-value-unit"
    rows = [
        # l1, l2 printed, l2 golden, name, op, num, unit, actual, weight, score, deviation
        ("产出指标", "数量指标", "数量指标", "生命防护栏安装长度", "﹦", "12.5", "公里", "12.5", "15.00", "15.00", ""),
        ("", "数量指标", "数量指标", "警示标志设置数量", "≥", "80", "块", "86", "10", "10", ""),
        ("", "质量指标", "质量指标", "工程验收合格率", "﹦", "100", "%", "100", "15", "15", ""),
        ("", "时效指标", "时效指标", "项目完成及时率", "≥", "95", "%", "92", "10.00", "9.00",
         "两处路段受雨季影响延期完工"),
        ("效益指标", "社会效益指标", "社会效益指标", "事故多发路段整治率", "≥", "90", "%", "93", "20", "20", ""),
        ("", "可持续影响指标", "可持续影响指标", "防护设施使用年限", "≥", "8", "年", "8", "10", "10", ""),
        ("满意度指标", "服务对象满意度指标", "满意度指标", "沿线群众满意度", "≥", "95", "%", "96", "10.00",
         "10.00", ""),
    ]
    lines = [
        "| 2020年度项目支出绩效自评表 | ||||||||||",
        "| 项目名称 |",
        "乡村道路安全生命防护补助经费 |",
        "|||||||||",
        "| 主管部门 | 澜溪市交通运输局 | 实施单位 | 澜溪市古镇区交通运输局 | |||||||",
        "|",
        "项目资金 (万元) |",
        "年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | ||||",
        "| 年度资金总额 | 42.6 | 42.6 | 41.8 | 10.00 | 98.12% | 9.81 | ||||",
        "| 其中:当年财政拨款 | 42.6 | 42.6 | 41.8 | 98.12% | ||||||",
        "| 上年结转资金 | ||||||||||",
        "| 其他资金 | ||||||||||",
        "|",
        "年度 总体 目标 |",
        "预期目标 | 实际完成情况 | ||||||||",
        "| 在县乡道路临水临崖、急弯陡坡路段安装生命防护栏12.5公里，设置警示标志80块，降低交通事故风险。"
        " | 完成生命防护栏安装12.5公里，设置警示标志86块，两处路段因雨季延期半月完工。 | |||||||||",
        "| 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | |||||",
        "|",
        "一级 指标 |",
        "二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | |||||",
    ]
    for l1, l2, _, n, op, num, unit, act, w, s, dev in rows:
        # the web copy drops the level1 cell of rows under a rowspan (no blank cell left)
        cells = ([l1] if l1 else []) + [l2, n, op, num, unit, act, w, s, dev]
        lines.append("| " + " | ".join(cells) + " | ||")
    lines += [
        "| 总分 | 100 | | 98.81 | ||||||",
        "",
    ]
    text = "\n".join(lines)
    l1 = ""
    recs, side = [], []
    for p1, _, g2, n, op, num, unit, act, w, s, dev in rows:
        l1 = p1 or l1
        recs.append(rec(l1, g2, n, value_of(op, num, unit)))
        sr = {"name": n, "op": OPS[op], "unit": unit, "actual": act, "weight": float(w), "score": float(s)}
        if dev:
            sr["deviation"] = dev
        side.append(sr)
    tables = [{
        "kind": "project",
        "year": 2020,
        "meta": meta(
            project_name="乡村道路安全生命防护补助经费",
            department="澜溪市交通运输局",
            implementing_unit="澜溪市古镇区交通运输局",
            funds_total=42.6,
            funds_fiscal=42.6,
            goals=["在县乡道路临水临崖、急弯陡坡路段安装生命防护栏12.5公里，设置警示标志80块，降低交通事故风险。"],
        ),
        "indicators": recs,
    }]
    sidecar = [{
        "stage": "self_evaluation",
        "framework": "2018",
        "execution": {"budget_start": 42.6, "budget_full": 42.6, "executed": 41.8, "rate": 98.12,
                      "points": 10, "score": 9.81},
        "indicators": side,
    }]
    write(name, "md", text, tables, sidecar)


# --------------------------------------------------------------------------------------------
# 2. 中央部门项目支出绩效目标申报表: 中期 and 年度 halves side by side
# --------------------------------------------------------------------------------------------
def central_medium_annual():
    name = "central-2019-medium-and-annual-halves"
    rows = [
        # l1, (mid l2, name, value), (year l2, name, value), golden l2
        ("产出指标", ("数量指标", "纸质资料扫描量", "360万页"), ("数量指标", "纸质资料扫描量", "120万页")),
        ("", ("质量指标", "扫描图像合格率", "≥99%"), ("质量指标", "扫描图像合格率", "≥99%")),
        ("", ("时效指标", "项目完成时间", "2021年底前"), ("时效指标", "年度加工任务完成时间", "2019年11月底前")),
        ("", ("成本指标", "单页扫描加工成本", "≤3元"), ("成本指标", "单页扫描加工成本", "≤3元")),
        ("效益指标", ("社会效益指标", "数字化资料对外服务次数", "≥3000次"),
         ("社会效益指标", "数字化资料对外服务次数", "≥800次")),
        ("", ("可持续影响指标", "原始纸质资料保存寿命", "明显延长"),
         ("可持续影响指标", "原始纸质资料调阅次数下降比例", "≥50%")),
        ("满意度指标", ("服务对象满意度指标", "资料使用单位满意度", "≥90%"),
         ("服务对象满意度指标", "资料使用单位满意度", "≥90%")),
    ]
    runs = {"产出指标": 4, "效益指标": 2, "满意度指标": 1}
    h = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8"><title>项目支出绩效目标申报表</title></head>',
        "<body>",
        "<h2>项目支出绩效目标申报表</h2>",
        "<p>（2019年度）</p>",
        '<table border="1">',
        '<tr><td>项目名称</td><td colspan="7">水文档案资料数字化加工</td></tr>',
        '<tr><td>主管部门及代码</td><td colspan="3">[347]国家江河水文资料中心</td><td>实施单位</td>'
        '<td colspan="3">资料整编与服务处</td></tr>',
        '<tr><td>项目属性</td><td colspan="3">延续项目</td><td>项目期</td><td colspan="3">3年</td></tr>',
        '<tr><td rowspan="3">项目资金<br>（万元）</td><td colspan="2">中期资金总额：</td><td>1350</td>'
        '<td colspan="2">年度资金总额：</td><td colspan="2">450</td></tr>',
        '<tr><td colspan="2">其中：财政拨款</td><td>1350</td><td colspan="2">其中：财政拨款</td>'
        '<td colspan="2">450</td></tr>',
        '<tr><td colspan="2">其他资金</td><td></td><td colspan="2">其他资金</td><td colspan="2"></td></tr>',
        '<tr><td rowspan="2">总<br>体<br>目<br>标</td><td colspan="3">中期目标（2019年－2021年）</td>'
        '<td colspan="4">年度目标</td></tr>',
        '<tr><td colspan="3">目标1：完成1950—1989年水文纸质资料扫描360万页。<br>'
        "目标2：建成水文档案数字化成果在线查阅系统。</td>"
        '<td colspan="4">目标1：完成1950—1962年水文纸质资料扫描120万页。<br>'
        "目标2：建立数字化成果质量抽检制度。</td></tr>",
        f'<tr><td rowspan="{len(rows) + 1}">绩<br>效<br>指<br>标</td><td>一级指标</td><td>二级指标</td>'
        "<td>三级指标</td><td>指标值</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>",
    ]
    for l1, mid, yr in rows:
        first = f'<td rowspan="{runs[l1]}">{l1}</td>' if l1 else ""
        h.append(
            "<tr>" + first + "".join(f"<td>{c}</td>" for c in mid + yr) + "</tr>"
        )
    h += ["</table>", "<p>填报人：某某　　联系电话：010-00000000</p>", "</body></html>", ""]
    l1 = ""
    recs, side = [], []
    for p1, _, (l2, n, v) in rows:
        l1 = p1 or l1
        g2 = "满意度指标" if l2 == "服务对象满意度指标" else l2
        recs.append(rec(l1, g2, n, v))
    tables = [{
        "kind": "project",
        "year": 2019,
        "meta": meta(
            project_name="水文档案资料数字化加工",
            department="国家江河水文资料中心",
            department_code="347",
            implementing_unit="资料整编与服务处",
            project_period="3年",
            funds_total=450.0,
            funds_fiscal=450.0,
            goals=["完成1950—1962年水文纸质资料扫描120万页。", "建立数字化成果质量抽检制度。"],
        ),
        "indicators": recs,
    }]
    sidecar = [{"stage": "target", "framework": "2018", "indicators": side}]
    write(name, "html", "\n".join(h), tables, sidecar)


# --------------------------------------------------------------------------------------------
# 3. 湖南 (宁乡 坝塘镇) / 陕西 (佳县) 申报表: a 长期绩效指标 block, then the 年度绩效指标 block
# --------------------------------------------------------------------------------------------
def hunan_long_then_annual():
    name = "hunan-2021-long-term-then-annual-blocks"
    # l1, l2 printed, name, long-term value, annual value
    rows = [
        ("产出指标", "数量指标", "提质改造镇村道路里程", "36公里", "12公里"),
        ("", "质量指标", "道路工程验收合格率", "100%", "100%"),
        ("", "时效指标", "年度工程完工时间", "2023年10月底前", "2021年10月底前"),
        ("", "成本指标", "每公里改造成本", "≤45万元", "≤45万元"),
        ("", "…", "", "", ""),
        ("效益指标", "经济效益指标", "", "", ""),
        ("", "社会效益指标", "群众出行平均时间缩短", "≥20%", "≥8%"),
        ("", "生态效益指标", "道路沿线绿化率", "≥60%", "≥40%"),
        ("", "可持续影响指标", "道路管护长效机制", "全面建立", "初步建立"),
        ("社会公众或服务对象满意度指标", "具体指标", "沿线群众满意度", "≥90%", "≥90%"),
        ("", "……", "", "", ""),
    ]
    head = [
        "项目绩效目标表",
        "",
        "（2021年度）",
        "",
        "填报单位（盖章）：青枫镇人民政府",
        "",
        "| 项目名称 | 镇村道路提质改造 | 项目属性 | 新增项目□延续项目√ |  |",
        "|---|---|---|---|---|",
        "| 主管部门 | 青枫镇人民政府 | 主管部门编码 |  |  |",
        "| 项目单位 | 青枫镇交通建设管理站 | 项目负责人 | 邓某 | 联系电话 |",
        "| 项目起止时间 | 2021年度 |  |  |  |",
        "| 年度资金总额及构成 | 总额 | 540万元 |  |  |",
        "|  | 一、财政拨款 | 500万元（其中：上级财政资金：320万元；本级财政：180万元） |  |  |",
        "|  | 二、自有资金 | 0万元 |  |  |",
        "|  | 三、其他 | 40万元 |  |  |",
        "| 项目概况 | 对镇域内12公里通村道路实施路面拓宽、硬化和安保设施完善。 |  |  |  |",
        "| 项目立项情况 | 项目立项的依据 | 镇村道路三年提质改造规划 |  |  |",
        "|  | 项目申报的可行性 | 线路已完成勘察设计 |  |  |",
        "|  | 项目申报的必要性 | 部分通村道路路面破损、宽度不足 |  |  |",
        "| 项目实施进度计划 | 项目实施内容 |  | 开始时间 | 完成时间 |",
        "|  | 1、勘察设计及招标 |  | 2021年2月 | 2021年4月 |",
        "|  | 2、道路施工及验收 |  | 2021年5月 | 2021年10月 |",
        "| 项目绩效目标 | 长期目标 |  | 年度目标 |  |",
        "|  | 三年内完成全镇36公里通村道路提质改造，形成安全便捷的镇村路网。 |  |"
        " 完成12公里通村道路提质改造并通过验收。 |  |",
    ]

    def block(title, col):
        out = [f"| {title} | 一级指标 | 二级指标 | 指标内容 | 指标值 | 备注 |"]
        for l1, l2, n, lv, av in rows:
            out.append(f"|  | {l1} | {l2} | {n} | {lv if col == 0 else av} |  |")
        return out

    body = block("长期绩效指标", 0) + block("年度绩效指标", 1)
    tail = [
        "| 其他说明的问题 | 无 |  |  |  |",
        "",
        "填报人：邓某　　　单位负责人：唐某　　　填报日期：2021年1月12日",
        "",
    ]
    # the indicator blocks have one column more than the meta block: pad the meta rows
    head = [r if not r.startswith("|") else r.rstrip() + "  |" for r in head]
    head[7] = "|---|---|---|---|---|---|"
    text = "\n".join(head + body + [r.rstrip() + "  |" for r in tail[:1]] + tail[1:])
    l1 = ""
    recs = []
    for p1, l2, n, _, av in rows:
        l1 = p1 or l1
        if not n:
            continue
        g1 = "满意度指标" if l1.startswith("社会公众") else l1
        g2 = "满意度指标" if l2 == "具体指标" else l2
        recs.append(rec(g1, g2, n, av))
    tables = [{
        "kind": "project",
        "year": 2021,
        "meta": meta(
            project_name="镇村道路提质改造",
            department="青枫镇人民政府",
            implementing_unit="青枫镇交通建设管理站",
            project_period="2021年度",
            funds_total=540.0,
            funds_fiscal=500.0,
            funds_other=40.0,
            goals=["完成12公里通村道路提质改造并通过验收。"],
        ),
        "indicators": recs,
    }]
    sidecar = [{"stage": "target", "framework": "2018", "indicators": []}]
    write(name, "md", text, tables, sidecar)


# --------------------------------------------------------------------------------------------
# 4. 湖北 (广水) 部门整体支出绩效目标申报表: income / expense structure with shares
# --------------------------------------------------------------------------------------------
def hubei_dept_whole():
    name = "hubei-2021-dept-whole-income-expense-shares"
    rows = [
        ("产出指标", "数量指标", "走访慰问重点优抚对象人次", "≥1200人次"),
        ("", "质量指标", "优抚金发放准确率", "100%"),
        ("", "时效指标", "优抚金按季发放及时率", "100%"),
        ("", "成本指标", "“三公”经费较上年增长率", "≤0"),
        ("效益指标", "社会效益指标", "村（社区）退役军人服务站覆盖率", "100%"),
        ("", "可持续影响指标", "双拥工作长效机制", "持续巩固"),
        ("满意度指标", "服务对象满意度指标", "优抚对象满意度", "≥90%"),
    ]
    runs = {"产出指标": 4, "效益指标": 2, "满意度指标": 1}
    h = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8"></head>',
        "<body>",
        "<p>附件2：</p>",
        "<h3>部门整体支出绩效目标申报表</h3>",
        "<p>填报日期：2021年1月26日</p>",
        "<table>",
        "<tr><td>部门（单位）名称</td><td colspan=\"2\">云梦泽市退役军人事务局</td><td>填报人</td>"
        "<td>程某</td><td>联系电话</td><td>0712-0000000</td></tr>",
        "<tr><td rowspan=\"8\">部门总体<br>资金情况</td><td colspan=\"6\">单位：万元</td></tr>",
        "<tr><td rowspan=\"2\" colspan=\"2\">收支构成</td><td rowspan=\"2\">当年金额</td>"
        "<td rowspan=\"2\">占比</td><td colspan=\"2\">近两年收支金额</td></tr>",
        "<tr><td>2019年</td><td>2020年</td></tr>",
        "<tr><td rowspan=\"3\">收入构成</td><td>财政拨款</td><td>612.40</td><td>100%</td>"
        "<td>538.72</td><td>571.06</td></tr>",
        "<tr><td>其他资金</td><td></td><td></td><td></td><td></td></tr>",
        "<tr><td>合计</td><td>612.40</td><td>100%</td><td>538.72</td><td>571.06</td></tr>",
        "<tr><td rowspan=\"2\">支出构成</td><td>基本支出</td><td>438.15</td><td>71.5%</td>"
        "<td>401.30</td><td>420.88</td></tr>",
        "<tr><td>项目支出</td><td>174.25</td><td>28.5%</td><td>137.42</td><td>150.18</td></tr>",
        "<tr><td>部门职能概述</td><td colspan=\"6\">（一）贯彻落实退役军人思想政治、管理保障等工作政策；"
        "（二）负责退役军人移交安置、就业创业扶持；（三）负责优抚对象抚恤优待和褒扬纪念工作。</td></tr>",
        "<tr><td>年度绩效目标</td><td colspan=\"6\">目标1：按时足额发放各类优抚金，走访慰问重点优抚对象1200人次以上。"
        "<br>目标2：村（社区）退役军人服务站实现全覆盖。</td></tr>",
        f"<tr><td rowspan=\"{len(rows) + 1}\">年度绩效指标</td><td>一级指标</td><td colspan=\"2\">二级指标</td>"
        "<td colspan=\"2\">三级指标</td><td>指标值</td></tr>",
    ]
    for l1, l2, n, v in rows:
        first = f'<td rowspan="{runs[l1]}">{l1}</td>' if l1 else ""
        h.append(f'<tr>{first}<td colspan="2">{l2}</td><td colspan="2">{n}</td><td>{v}</td></tr>')
    h += ["</table>", "<p>单位负责人：某某　　　　财务负责人：某某</p>", "</body></html>", ""]
    l1 = ""
    recs = []
    for p1, l2, n, v in rows:
        l1 = p1 or l1
        recs.append(rec(l1, "满意度指标" if l2 == "服务对象满意度指标" else l2, n, v))
    tables = [{
        "kind": "department",
        "year": 2021,
        "meta": meta(
            department="云梦泽市退役军人事务局",
            funds_total=612.4,
            funds_fiscal=612.4,
            goals=["按时足额发放各类优抚金，走访慰问重点优抚对象1200人次以上。",
                   "村（社区）退役军人服务站实现全覆盖。"],
        ),
        "indicators": recs,
    }]
    sidecar = [{"stage": "target", "framework": "2018", "indicators": []}]
    write(name, "html", "\n".join(h), tables, sidecar)


# --------------------------------------------------------------------------------------------
# 5. 财政部 项目支出绩效目标执行监控表 (绩效运行监控, 1-7月)
# --------------------------------------------------------------------------------------------
def mof_monitoring():
    name = "mof-2020-monitoring-jan-jul"
    # l1, l2, name, target, 1-7月, 全年预计, deviation cause col (0-4 or None), possibility col (0-2), note
    rows = [
        ("产出指标", "数量指标", "水质检测工程处数", "126处", "71处", "126处", None, 0, ""),
        ("", "数量指标", "检测水样份数", "≥252份", "140份", "252份", None, 0, ""),
        ("", "质量指标", "检测结果报送准确率", "100%", "100%", "100%", None, 0, ""),
        ("", "时效指标", "年度检测任务完成时间", "2020年11月底前", "按进度推进", "2020年11月底前", None, 0, ""),
        ("效益指标", "社会效益指标", "水质超标问题处置率", "≥95%", "88%", "95%", 1, 1, "部分工程整改周期较长"),
        ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "未开展调查", "≥90%", None, 0, ""),
    ]
    runs = {"产出指标": 4, "效益指标": 1, "满意度指标": 1}
    h = [
        "<html><body>",
        "<h3>项目支出绩效目标执行监控表</h3>",
        "<p>（2020年度）</p>",
        "<table>",
        '<tr><td colspan="3">项目名称</td><td colspan="13">农村集中供水工程水质监测</td></tr>',
        '<tr><td colspan="3">主管部门及代码</td><td colspan="5">[126]清河市水利局</td>'
        '<td colspan="3">实施单位</td><td colspan="5">清河市水质监测中心</td></tr>',
        '<tr><td colspan="3" rowspan="4">项目资金<br>（万元）</td><td colspan="2"></td><td>年初预算数</td>'
        '<td>全年预算数</td><td colspan="2">1-7月执行数</td><td colspan="2">1-7月执行率</td>'
        '<td colspan="2">全年预计执行数</td><td colspan="3">偏差原因分析</td></tr>',
        '<tr><td colspan="2">年度资金总额</td><td>180</td><td>200</td><td colspan="2">92.5</td>'
        '<td colspan="2">46.25%</td><td colspan="2">198</td><td colspan="3" rowspan="3">追加检测点位，预算调增20万元</td></tr>',
        '<tr><td colspan="2">其中：财政拨款</td><td>180</td><td>200</td><td colspan="2">92.5</td>'
        '<td colspan="2">46.25%</td><td colspan="2">198</td></tr>',
        '<tr><td colspan="2">其他资金</td><td></td><td></td><td colspan="2"></td><td colspan="2"></td>'
        '<td colspan="2"></td></tr>',
        '<tr><td colspan="3" rowspan="2">年度<br>总体<br>目标</td><td colspan="5">年初设定目标</td>'
        '<td colspan="4">1-7月完成情况</td><td colspan="4">全年预计完成情况</td></tr>',
        '<tr><td colspan="5">完成全市126处农村集中供水工程水质检测，每处全年检测不少于2次。</td>'
        '<td colspan="4">已完成71处工程首轮检测，发现超标问题17处。</td>'
        '<td colspan="4">全年可完成126处工程两轮检测。</td></tr>',
        f'<tr><td rowspan="{len(rows) + 2}">绩<br>效<br>指<br>标</td><td rowspan="2">一级指标</td>'
        '<td rowspan="2">二级指标</td><td rowspan="2">三级指标</td><td rowspan="2">年度指标值</td>'
        '<td rowspan="2">1-7月完成情况</td><td rowspan="2">全年预计完成情况</td>'
        '<td colspan="5">偏差原因分析</td><td colspan="3">完成目标可能性</td><td rowspan="2">备注</td></tr>',
        "<tr><td>经费保障</td><td>制度保障</td><td>人员保障</td><td>硬件条件保障</td><td>其他</td>"
        "<td>确定能</td><td>有可能</td><td>完全不可能</td></tr>",
    ]
    for l1, l2, n, t, jul, year, dev, pos, note in rows:
        first = f'<td rowspan="{runs[l1]}">{l1}</td>' if l1 else ""
        devs = ["√" if dev == i else "" for i in range(5)]
        poss = ["√" if pos == i else "" for i in range(3)]
        cells = [l2, n, t, jul, year] + devs + poss + [note]
        h.append("<tr>" + first + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    h += ["</table>", "<p>注：1.偏差原因分析、完成目标可能性在对应栏内打“√”。</p>", "</body></html>", ""]
    l1 = ""
    recs, side = [], []
    for p1, l2, n, t, jul, year, *_ in rows:
        l1 = p1 or l1
        recs.append(rec(l1, "满意度指标" if l2 == "服务对象满意度指标" else l2, n, t))
    tables = [{
        "kind": "project",
        "year": 2020,
        "meta": meta(
            project_name="农村集中供水工程水质监测",
            department="清河市水利局",
            department_code="126",
            implementing_unit="清河市水质监测中心",
            funds_total=200.0,
            funds_fiscal=200.0,
            goals=["完成全市126处农村集中供水工程水质检测，每处全年检测不少于2次。"],
        ),
        "indicators": recs,
    }]
    sidecar = [{"framework": "2018", "indicators": side}]
    write(name, "html", "\n".join(h), tables, sidecar)


# --------------------------------------------------------------------------------------------
# 6. 财政支出绩效目标申报表 (2021, site gxglmes.com): 投入 · 过程 · 产出 · 效益 framework with
#    the indicator name in the 二级指标 column, 分值, 指标内容, 指标值, 评分细则
# --------------------------------------------------------------------------------------------
def input_process_scoring():
    name = "input-process-2021-name-in-level2-scoring"
    rows = [
        ("投入指标", "资金到位率", "5", "资金到位率=（实际到位资金/计划投入资金）×100%。", "资金到位率达100%",
         "到位率100%得5分，每少10个百分点扣1分，扣完为止。"),
        ("", "预算支出进度", "10", "预算支出进度是否达到95%以上。", "年底前支出进度达到95%以上",
         "达到95%以上得10分，每少1个百分点扣1分。"),
        ("过程指标", "资金使用合规性", "10", "资金使用是否符合专项资金管理办法规定。", "专款专用，无截留挪用",
         "发现一处违规扣2分。"),
        ("", "运营管理制度健全性", "5", "服务站是否建立运营管理制度并执行。", "制度健全并有效执行",
         "制度健全得3分，有效执行得2分。"),
        ("产出指标", "运营服务站数量", "20", "年内正常运营的社区居家养老服务站个数。", "18个",
         "每少1个扣2分。"),
        ("", "年度助餐服务人次", "15", "服务站全年提供助餐服务的人次。", "≥2.4万人次",
         "按完成比例计分。"),
        ("效益指标", "辖区老年人助餐覆盖率", "20", "享受助餐服务老年人占辖区需求老年人的比例。", "≥60%",
         "每低5个百分点扣2分。"),
        ("", "服务对象满意度", "15", "抽样调查服务对象满意程度。", "≥90%", "每低1个百分点扣1分。"),
    ]
    lines = [
        "财政支出绩效目标申报表",
        "",
        "（2021年度）",
        "",
        "填报单位：桂岭市社会福利中心",
        "",
        "| 项目名称 | 社区居家养老服务站运营补助 |  | 项目类型 | 延续性项目 |  |",
        "|---|---|---|---|---|---|",
        "| 主管部门编码 | 412 |  | 主管部门名称 | 桂岭市民政局 |  |",
        "| 项目实施单位 | 桂岭市社会福利中心 | 项目负责人 | 黎某 | 联系电话 | 0773-0000000 |",
        "| 项目起止时间(如20190101) | 20210101 | 到 | 20211231 |  |  |",
        "| 项目资金申请(万元) | 资金总额: | 96 |  |  |  |",
        "|  | 一般公共预算拨款: | 96 |  |  |  |",
        "|  | 政府性基金预算拨款: |  |  |  |  |",
        "|  | 国有资本经营预算拨款: |  |  |  |  |",
        "|  | 纳入财政专户管理的收入: |  |  |  |  |",
        "|  | 未纳入财政专户管理的收入: |  |  |  |  |",
        "|  | 上年结余收入: |  |  |  |  |",
        "| 单位职能概述(450字内) | 承担全市特困供养、孤残儿童养育和社区养老服务指导工作。 |  |  |  |  |",
        "| 项目概况(450字内) | 对全市18个社区居家养老服务站给予运营补助，保障助餐、日间照料服务正常开展。 |  |  |  |  |",
        "| 项目绩效目标 | 长期目标(450字内) |  | 年度目标(450字内) |  |  |",
        "|  | 建成覆盖城区的社区居家养老服务网络。 |  | 保障18个服务站全年正常运营，提供助餐服务2.4万人次以上。 |  |  |",
        "| 项目年度绩效目标衡量指标 | 一级指标 | 二级指标 | 分值 | 指标内容(150字内) | 指标值(150字内) | 评分细则(150字内) |",
    ]
    for l1, n, w, expl, v, rule in rows:
        lines.append(f"|  | {l1} | {n} | {w} | {expl} | {v} | {rule} |")
    lines.append("")
    # the meta rows print six cells, the indicator rows seven: a web export as published
    text = "\n".join(lines)
    l1 = ""
    recs, side = [], []
    for p1, n, w, expl, v, rule in rows:
        l1 = p1 or l1
        recs.append(rec(l1, None, n, v))
        side.append({"name": n, "weight": float(w)})
    tables = [{
        "kind": "project",
        "year": 2021,
        "meta": meta(
            project_name="社区居家养老服务站运营补助",
            department="桂岭市民政局",
            department_code="412",
            implementing_unit="桂岭市社会福利中心",
            project_period="20210101到20211231",
            funds_total=96.0,
            goals=["保障18个服务站全年正常运营，提供助餐服务2.4万人次以上。"],
        ),
        "indicators": recs,
    }]
    sidecar = [{"stage": "target", "indicators": side}]
    write(name, "md", text, tables, sidecar)


# --------------------------------------------------------------------------------------------
# 7. 绩效目标申报表（参考模板）: ★ marks the core indicators, 总体目标 label printed vertically
# --------------------------------------------------------------------------------------------
def starred_core_template():
    name = "template-2021-starred-core-indicators"
    # l1, l2, printed name, golden name, printed value, golden value
    rows = [
        ("产出指标", "数量指标", "★困难残疾人生活补贴发放人数", "困难残疾人生活补贴发放人数", "≥5200人", "≥5200人"),
        ("", "", "★重度残疾人护理补贴发放人数", "重度残疾人护理补贴发放人数", "≥4100人", "≥4100人"),
        ("", "质量指标", "补贴对象资格复核率", "补贴对象资格复核率", "100%", "100%"),
        ("", "时效指标", "补贴按月发放及时率", "补贴按月发放及时率", "≥98%", "≥98%"),
        ("", "成本指标", "★困难残疾人生活补贴标准", "困难残疾人生活补贴标准", "80元/人·月", "80元/人·月"),
        ("", "", "★重度残疾人护理补贴标准", "重度残疾人护理补贴标准", "8O元/人·月", "80元/人·月"),
        ("效益指标", "经济效益指标", "……", None, "", None),
        ("", "社会效益指标", "★补贴政策知晓率", "补贴政策知晓率", "≥9O%", "≥90%"),
        ("", "可持续影响指标", "残疾人两项补贴动态调整机制", "残疾人两项补贴动态调整机制", "持续完善", "持续完善"),
        ("满意度指标", "服务对象满意度指标", "补贴对象满意度", "补贴对象满意度", "≥90%", "≥90%"),
    ]
    lines = [
        "附2-2",
        "",
        "**绩效目标申报表（参考模板）**",
        "",
        "（2021年度）",
        "",
        "| 项目名称 | 残疾人两项补贴 | 项目负责人及电话 | 苏某 0550-0000000 |  |",
        "| --- | --- | --- | --- | --- |",
        "| 主管部门 | 淮屿县残疾人联合会 | 实施单位 | 淮屿县残疾人联合会 |  |",
        "| 资金情况<br>（万元） | 年度资金总额： | 1082 |  |  |",
        "|  | 其中：财政拨款 | 1082 |  |  |",
        "|  | 其他资金 |  |  |  |",
        "| 总 | 目标1：按月足额发放困难残疾人生活补贴和重度残疾人护理补贴。 |  |  |  |",
        "| 体 | 目标2：补贴对象资格年度复核全覆盖。 |  |  |  |",
        "| 目 | 目标3：…… |  |  |  |",
        "| 标 |  |  |  |  |",
        "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |",
    ]
    for l1, l2, pn, _, pv, _ in rows:
        lines.append(f"|  | {l1} | {l2} | {pn} | {pv} |")
    lines += ["", "注：标★的为核心绩效指标。", ""]
    text = "\n".join(lines)
    l1 = l2 = ""
    recs = []
    for p1, p2, _, gn, _, gv in rows:
        l1 = p1 or l1
        l2 = p2 or l2
        if gn is None:
            continue
        recs.append(rec(l1, "满意度指标" if l2 == "服务对象满意度指标" else l2, gn, gv))
    tables = [{
        "kind": "project",
        "year": 2021,
        "meta": meta(
            project_name="残疾人两项补贴",
            department="淮屿县残疾人联合会",
            implementing_unit="淮屿县残疾人联合会",
            funds_total=1082.0,
            funds_fiscal=1082.0,
            goals=["按月足额发放困难残疾人生活补贴和重度残疾人护理补贴。", "补贴对象资格年度复核全覆盖。"],
        ),
        "indicators": recs,
    }]
    sidecar = [{"stage": "target", "framework": "2018", "indicators": []}]
    write(name, "md", text, tables, sidecar)


# --------------------------------------------------------------------------------------------
# 8. 云南 项目支出绩效自评表 in the 2021 framework, MinerU-like HTML: 年度指标值 over
#    指标性质 · 指标值 · 度量单位, 成本指标 as a first level
# --------------------------------------------------------------------------------------------
def yn_selfeval_framework2021():
    name = "yn-selfeval-2022-framework2021-html"
    rows = [
        # l1, l2, name, op, printed num, golden num, unit, actual, weight, score, deviation
        ("产出指标", "数量指标", "培训基层农技人员人数", "≥", "3OO", "300", "人", "318", "10", "10", ""),
        ("产出指标", "质量指标", "培训考核合格率", "≥", "90", "90", "%", "94", "10", "10", ""),
        ("产出指标", "时效指标", "培训任务完成时间", "定性", "2022年11月底前", "2022年11月底前", "", "2022年10月底", "10", "10", ""),
        ("成本指标", "经济成本指标", "人均培训成本", "≤", "1500", "1500", "元/人", "1420", "10", "10", ""),
        ("成本指标", "社会成本指标", "对参训单位正常工作的影响", "定性", "无明显影响", "无明显影响", "", "无明显影响", "5", "5", ""),
        ("效益指标", "经济效益指标", "示范户亩均增收", "≥", "5", "5", "%", "4.2", "10", "8",
         "受夏季旱情影响部分示范户减产；下年度增加抗旱品种示范"),
        ("效益指标", "社会效益指标", "农业主推技术到位率", "≥", "95", "95", "%", "96", "15", "15", ""),
        ("效益指标", "生态效益指标", "示范区化肥使用量", "定性", "持续减少", "持续减少", "", "持续减少", "10", "10", ""),
        ("满意度指标", "服务对象满意度指标", "参训学员满意度", "≥", "90", "90", "%", "95", "10", "10", ""),
    ]
    h = [
        "<html><body>",
        "<p>2022年度项目支出绩效自评表</p>",
        "<table>",
        '<tr><td>项目名称</td><td colspan="9">基层农技推广体系改革与建设补助</td></tr>',
        '<tr><td>主管部门</td><td colspan="4">沧澜县农业农村局</td><td>实施单位</td>'
        '<td colspan="4">沧澜县农业技术推广中心</td></tr>',
        '<tr><td rowspan="4">项目资金<br>（万元）</td><td colspan="3"></td><td>年初预算数</td><td>全年预算数</td>'
        "<td>全年执行数</td><td>分值</td><td>执行率</td><td>得分</td></tr>",
        '<tr><td colspan="3">年度资金总额</td><td>60</td><td>60</td><td>57.3</td><td>10</td><td>95.50%</td>'
        "<td>9.55</td></tr>",
        '<tr><td colspan="3">其中：当年财政拨款</td><td>60</td><td>60</td><td>57.3</td><td>—</td><td>95.50%</td>'
        "<td>—</td></tr>",
        '<tr><td colspan="3">上年结转资金</td><td></td><td></td><td></td><td>—</td><td></td><td>—</td></tr>',
        '<tr><td rowspan="2">年度<br>总体<br>目标</td><td colspan="5">预期目标</td><td colspan="4">实际完成情况</td></tr>',
        '<tr><td colspan="5">培训基层农技人员300人，推广农业主推技术，示范区化肥使用量持续减少。</td>'
        '<td colspan="4">培训基层农技人员318人，主推技术到位率96%。</td></tr>',
        '<tr><td colspan="3">绩效指标</td><td colspan="3">年度指标值</td><td rowspan="2">实际完成值</td>'
        '<td rowspan="2">分值</td><td rowspan="2">得分</td><td rowspan="2">偏差原因分析<br>及改进措施</td></tr>',
        "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标性质</td><td>指标值</td>"
        "<td>度量单位</td></tr>",
    ]
    spans = {}
    for r in rows:
        spans[r[0]] = spans.get(r[0], 0) + 1
    seen = set()
    for l1, l2, n, op, pnum, _, unit, act, w, s, dev in rows:
        first = ""
        if l1 not in seen:
            seen.add(l1)
            first = f'<td rowspan="{spans[l1]}">{l1}</td>'
        cells = [l2, n, op, pnum, unit, act, w, s, dev]
        h.append("<tr>" + first + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    h += [
        '<tr><td colspan="7">总分</td><td>100</td><td>97.55</td><td></td></tr>',
        "</table>",
        "</body></html>",
        "",
    ]
    recs, side = [], []
    for l1, l2, n, op, _, gnum, unit, act, w, s, dev in rows:
        recs.append(rec(l1, l2, n, value_of(op, gnum, unit)))
        sr = {"name": n, "actual": act, "weight": float(w), "score": float(s)}
        if op in OPS:
            sr["op"] = OPS[op]
        if unit:
            sr["unit"] = unit
        if dev:
            sr["deviation"] = dev
        side.append(sr)
    tables = [{
        "kind": "project",
        "year": 2022,
        "meta": meta(
            project_name="基层农技推广体系改革与建设补助",
            department="沧澜县农业农村局",
            implementing_unit="沧澜县农业技术推广中心",
            funds_total=60.0,
            funds_fiscal=60.0,
            goals=["培训基层农技人员300人，推广农业主推技术，示范区化肥使用量持续减少。"],
        ),
        "indicators": recs,
    }]
    sidecar = [{
        "stage": "self_evaluation",
        "framework": "2021",
        "execution": {"budget_start": 60, "budget_full": 60, "executed": 57.3, "rate": 95.5,
                      "points": 10, "score": 9.55},
        "indicators": side,
    }]
    write(name, "html", "\n".join(h), tables, sidecar)


if __name__ == "__main__":
    yn_selfeval_web_copy()
    central_medium_annual()
    hunan_long_then_annual()
    hubei_dept_whole()
    mof_monitoring()
    input_process_scoring()
    starred_core_template()
    yn_selfeval_framework2021()
