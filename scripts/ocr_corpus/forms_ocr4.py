"""Typesetting of the corpus/ocr4 form layouts the other OCR families lack, as bordered HTML.

In:  one form of content_ocr4.py (its `layout`: province or selfeval; framework2021 and
     department forms are typeset by make.py's project_table / department_table).
Out: the form's <h1>, year line and <table> as an HTML string, with real rowspan/colspan, for
     make.py to print, rasterise and read back.
"""
from cells import fmt, td


def _blocks(items):
    """(index, span of its level1 run, span of its level2 run) opening runs, as dicts by index."""
    l1, l2 = {}, {}
    n = len(items)
    i = 0
    while i < n:
        j = i
        while j < n and items[j]["level1"] == items[i]["level1"]:
            j += 1
        l1[i] = j - i
        k = i
        while k < j:
            m = k
            while m < j and items[m]["level2"] == items[k]["level2"]:
                m += 1
            l2[k] = m - k
            k = m
        i = j
    return l1, l2


def _goals(f):
    g = [x.rstrip("。") for x in f["meta"]["goals"]]
    return " ".join(f"目标{i + 1}：{x}。" for i, x in enumerate(g))


def province_table(f):
    """Project form with the provincial indicator columns: 一级 · 二级 · 三级 · 指标性质 · 指标值 ·
    度量单位 · 权重 · 指标方向 (8 columns)."""
    m = f["meta"]
    cols = "<colgroup>" + "".join(f"<col style='width:{w}%'>" for w in (10, 12, 25, 9, 14, 9, 8, 13)) \
        + "</colgroup>"
    rows = [
        "<tr>" + td("项目名称", cs=2) + td(m["project_name"], cs=6) + "</tr>",
        "<tr>" + td("主管部门及代码", cs=2) + td(f"[{m['department_code']}]{m['department']}", cs=2)
        + td("实施单位", cs=2) + td(m["implementing_unit"], cs=2) + "</tr>",
        "<tr>" + td("项目来源", cs=2) + td(m["project_source"], cs=2) + td("项目期", cs=2)
        + td(m["project_period"], cs=2) + "</tr>",
        "<tr>" + td("项目资金（万元）", rs=4, cs=2) + td("年度资金总额：", cs=4) + td(fmt(m["funds_total"]), cs=2) + "</tr>",
        "<tr>" + td("其中：财政拨款", cs=4) + td(fmt(m["funds_fiscal"]), cs=2) + "</tr>",
        "<tr>" + td("上年结转", cs=4) + td(fmt(m["funds_carryover"]), cs=2) + "</tr>",
        "<tr>" + td("其他资金", cs=4) + td(fmt(m["funds_other"]), cs=2) + "</tr>",
        "<tr>" + td("年度目标", cs=2) + td(_goals(f), cs=6, cls="l") + "</tr>",
        "<tr>" + "".join(td(h) for h in ("一级指标", "二级指标", "三级指标", "指标性质", "指标值",
                                         "度量单位", "权重", "指标方向")) + "</tr>",
    ]
    items = f["rows"]
    l1, l2 = _blocks(items)
    for i, r in enumerate(items):
        cells = ""
        if i in l1:
            cells += td(r["level1"], rs=l1[i])
        if i in l2:
            cells += td(r["level2"], rs=l2[i])
        cells += td(r["name"], cls="l") + td(r["nature"]) + td(r["number"]) + td(r["unit"]) \
            + td(r["weight"]) + td(r["direction"])
        rows.append("<tr>" + cells + "</tr>")
    return f"<h1>项目支出绩效目标表</h1><p class='year'>（{f['year']}年度）</p>" \
        + "<table>" + cols + "".join(rows) + "</table>"


def selfeval_table(f):
    """Project self-evaluation form (9 columns): funds block with 年初预算数 · 全年预算数 · 全年执行数 ·
    分值 · 执行率 · 得分, 预期目标 | 实际完成情况, indicators with 年度指标值 · 实际完成值 · 分值 ·
    得分 · 偏差原因分析及改进措施, 总分."""
    m = f["meta"]
    cols = "<colgroup>" + "".join(f"<col style='width:{w}%'>" for w in (8, 9, 11, 20, 11, 11, 7, 7, 16)) \
        + "</colgroup>"
    total, planned, spent = m["funds_total"], f["planned"], f["spent"]
    rate = f"{spent / total * 100:.2f}%"
    got = round(10 * min(1.0, spent / total), 1)
    dash = td("-") + td("-") + td("-")
    rows = [
        "<tr>" + td("项目名称") + td(m["project_name"], cs=8) + "</tr>",
        "<tr>" + td("主管部门") + td(f"{m['department_code']}-{m['department']}", cs=3)
        + td("实施单位", cs=2) + td(m["implementing_unit"], cs=3) + "</tr>",
        "<tr>" + td("项目资金（万元）", rs=5) + td("", cs=2) + td("年初预算数") + td("全年预算数")
        + td("全年执行数") + td("分值") + td("执行率") + td("得分") + "</tr>",
        "<tr>" + td("年度资金总额", cs=2) + td(fmt(planned)) + td(fmt(total)) + td(fmt(spent))
        + td("10") + td(rate) + td(f"{got}") + "</tr>",
        "<tr>" + td("其中：财政拨款", cs=2) + td(fmt(m["funds_fiscal"])) + td(fmt(m["funds_fiscal"]))
        + td(fmt(min(spent, m["funds_fiscal"]))) + dash + "</tr>",
        "<tr>" + td("上年结转", cs=2) + td("0.00") + td(fmt(m["funds_carryover"]))
        + td(fmt(m["funds_carryover"])) + dash + "</tr>",
        "<tr>" + td("其他资金", cs=2) + td("0.00") + td(fmt(m["funds_other"])) + td("0.00") + dash + "</tr>",
        "<tr>" + td("年度总体目标", rs=2) + td("预期目标", cs=4) + td("实际完成情况", cs=4) + "</tr>",
        "<tr>" + td(_goals(f), cs=4, cls="l") + td(f["done"], cs=4, cls="l") + "</tr>",
    ]
    items = f["rows"]
    rows.append("<tr>" + td("绩效指标", rs=len(items) + 1) + "".join(
        td(h) for h in ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                        "偏差原因分析及改进措施")) + "</tr>")
    l1, l2 = _blocks(items)
    for i, r in enumerate(items):
        cells = ""
        if i in l1:
            cells += td(r["level1"], rs=l1[i])
        if i in l2:
            cells += td(r["level2"], rs=l2[i])
        cells += td(r["name"], cls="l") + td(r["value"]) + td(r["actual"]) + td(r["points"]) \
            + td(r["score"]) + td(r["why"], cls="l")
        rows.append("<tr>" + cells + "</tr>")
    score = sum(r["score"] for r in items) + got
    rows.append("<tr>" + td("总分", cs=6) + td("100") + td(f"{score:g}") + td("") + "</tr>")
    return f"<h1>项目支出绩效自评表</h1><p class='year'>（{f['year']}年度）</p>" \
        + "<table>" + cols + "".join(rows) + "</table>"
