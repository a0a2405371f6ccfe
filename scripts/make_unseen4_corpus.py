#!/usr/bin/env python3
"""Build the FOURTH held-out corpus for tablemend: ten made-up departments from sectors no other
family covers (court, procuratorate, traffic police, fire rescue, red cross, science association,
supply and marketing co-operative, earthquake monitoring, housing provident fund, data resources),
rendered the ways OCR-to-Markdown/HTML tools emit them, with damage corpus/unseen3 never printed.

In:  scripts/make_unseen_corpus.py, make_unseen2_corpus.py, make_unseen3_corpus.py and
     make_derived_corpus.py (pipe layout, cell operations, page breaks, goldens)
     src/vocab/default.vocab  (only to assert that the made-up names are unknown and that the
                               look-alike pairs printed here are no [lookalike] line)
     the made-up departments written below (invented content; layouts of real published forms)
Out: corpus/unseen4/<dept>-<variant>.md    each department rendered four ways:
       clean   a pipe table as printed by a clean OCR
       html    HTML tables as MinerU/marker put them in their Markdown: merged label cells
               (rowspan/colspan), <br> inside cells (meta keys, long names, goals, a date value),
               the table split by a page break into two <table>s (the second repeats the header
               on some documents, not on others; the merged labels restart blank)
       looks   look-alike pairs the vocabulary has no line for (设→没, 治→冶, 测→侧, 宣→宜,
               管→菅, 检→捡, 责→贵, and the katakana エ ロ カ for 工 口 力), word look-alikes whose
               printed character is common itself (自→白, 万→方, 无→元, 于→干), full-width
               digits (≥９５％), 〇 and O for 0, l for 1, in names, values and labels
       split   values split over two cells (≥ | 95%, 1200 | 人次, 2026年9月 | 底前), category
               labels displaced by two rows, a long name cut over two rows (its tail alone on the
               next row), page breaks with and without the header repeated
     Three departments are 2021-framework forms (成本指标 a first-level category over 经济成本指标 ·
     社会成本指标 · 生态环境成本指标; 服务对象满意度指标), two are department tables with a 部门职责
     block and several 年度主要任务 rows.
     golden/unseen4/<dept>-<variant>.json  the source data (never tool output)

Goldens follow SCHEMA.md "What the right answer is": the category the author gave (level1 follows
level2, a 2021 form keeps its levels as printed), names and values as meant (look-alikes read as
the right character: every printed one here makes no sense among indicator names and its pair
does; split cells and cut names joined). A displaced label only leaves rows whose category is
evident from the name or the value under a wrong label. Deterministic: a fixed seed per case.
Written and measured before any code or vocabulary change of session 10 (/work/notes/i12-s10.md).

usage: python3 scripts/make_unseen4_corpus.py [-v]
"""
import html
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_derived_corpus as mdc  # noqa: E402
import make_unseen_corpus as muc  # noqa: E402
import make_unseen2_corpus as mu2  # noqa: E402  (adds the 2021 framework's levels to mdc)
import make_unseen3_corpus as mu3  # noqa: E402

norm = mdc.norm
Q, Z, S, C = muc.Q, muc.Z, muc.S, muc.C
E, SO, EC, SU, M = muc.E, muc.SO, muc.EC, muc.SU, muc.M
EC_COST, SO_COST, ENV_COST, M21 = mu2.EC_COST, mu2.SO_COST, mu2.ENV_COST, mu2.M21
YEAR = 2026

# --------------------------------------------------------------------------- made-up departments
# (name, level2, value); everything below is invented.

DEPTS = {
    "court-dept": dict(
        kind="department", department="青峪市中级人民法院", funds=(3126.4, 3046.4, None, 80.0),
        duties="依法审理刑事、民事、行政案件, 执行生效裁判, 指导辖区基层法院审判工作",
        tasks=[("审判执行业务", "开展案件审理、执行和诉讼服务工作", 1860.0, 1860.0, 0.0),
               ("法庭设施维护", "派出法庭安全检查和设施设备维护", 746.4, 666.4, 80.0),
               ("机关运行保障", "保障机关正常运转", 520.0, 520.0, 0.0)],
        goals=["审结各类案件, 提升审判质效", "推进执行难综合治理, 保障胜诉当事人权益"],
        rows=[("审结各类案件", Q, "≥9800件"), ("执结执行案件", Q, "≥4200件"),
              ("巡回审判开庭", Q, "≥160次"), ("人民陪审员参审案件", Q, "≥1500件"),
              ("一审服判息诉率", Z, "≥90%"), ("发回改判案件比例", Z, "≤2%"),
              ("法定审限内结案率", S, "≥97%"), ("执行案款发放期限", S, "≤30日"),
              ("诉讼费减缓免金额", C, "≤120万元"),
              ("为企业挽回经济损失", E, "≥1.5亿元"),
              ("司法公信力", SO, "稳步提升"), ("矛盾纠纷源头治理", SO, "有效推进"),
              ("诉源治理工作机制", SU, "长期有效"),
              ("诉讼参与人满意度", M, "≥90%")]),
    "procuratorate": dict(
        kind="project", department="丹溪县人民检察院", code="908", project="公益诉讼检察专项经费",
        unit="丹溪县人民检察院", source="本级申报项目", period="1年", funds=(64.5, 60.0, 4.5, 0.0),
        goals=["办理生态环境和食品药品安全领域公益诉讼案件。", "开展公益损害线索快速检测和现场勘查"],
        rows=[("立案办理公益诉讼案件", Q, "≥36件"), ("发出诉前检察建议", Q, "≥30份"),
              ("快速检测设备购置", Q, "≥4台"), ("现场勘查取证次数", Q, "≥50次"),
              ("检察建议回复整改率", Z, "≥95%"), ("检测报告采信率", Z, "100%"),
              ("线索评估办结时限", S, "≤30日"), ("设备采购完成时间", S, "2026年5月底前"),
              ("单台检测设备购置费", C, "≤6.5万元/台"),
              ("督促追缴国有财产", E, "≥800万元"),
              ("受损生态环境修复面积", EC, "≥120亩"),
              ("公益保护协作机制", SU, "持续完善"),
              ("行政机关认可度", M, "≥90%")]),
    "traffic-police": dict(
        kind="project", department="河湾市公安局", code="911", project="道路交通安全管理专项",
        unit="河湾市公安局交通警察支队", source="本级申报项目", period="1年", funds=(512.0, 512.0, 0.0, 0.0),
        goals=["治理道路交通安全隐患, 更新交通信号设施。", "开展交通安全宣传进校园、进农村"],
        rows=[("治理道路安全隐患点", Q, "≥85处"), ("更新交通信号灯", Q, "≥40组"),
              ("交通安全宣传活动", Q, "≥120场"), ("电子警察检测设备", Q, "≥26套"),
              ("信号设施完好率", Z, "≥98%"), ("隐患点整改验收合格率", Z, "100%"),
              ("事故现场到达时间", S, "≤15分钟"), ("隐患治理完成时间", S, "2026年10月底前"),
              ("每组信号灯更新费用", C, "≤5.8万元/组"),
              ("道路交通事故死亡人数", SO, "同比下降"), ("群众交通安全意识", SO, "明显增强"),
              ("经济效益指标", E, "不适用"),
              ("交通管理工作长效机制", SU, "逐步健全"),
              ("驾驶人满意度", M, "≥85%")]),
    "fire-rescue": dict(
        kind="project", department="松桥县消防救援大队", code="923", project="乡镇专职消防队建设项目",
        unit="松桥县消防救援大队", source="上级转移支付项目", period="2年", funds=(388.0, 320.0, 68.0, 0.0),
        goals=["新建乡镇专职消防队并配齐消防车辆和器材。", "开展消防安全检查和火灾隐患整治"],
        rows=[("新建乡镇专职消防队", Q, "≥5支"), ("配备消防车辆", Q, "≥6辆"),
              ("消防安全检查单位", Q, "≥1800家"), ("专职队员岗前培训", Q, "≥90人"),
              ("器材配备达标率", Z, "100%"), ("火灾隐患整改率", Z, "≥95%"),
              ("接警出动时间", S, "≤1分钟"), ("队站建成投用时间", S, "2026年12月底前"),
              ("每支专职队建设补助", C, "≤60万元/支"),
              ("火灾直接经济损失", E, "同比减少"),
              ("农村火灾防控能力", SO, "显著提升"), ("亡人火灾事故发生", SO, "0起"),
              ("消防队伍运行保障机制", SU, "长效运行"),
              ("辖区群众满意度", M, "≥90%")]),
    "red-cross": dict(
        kind="project", department="梨川市红十字会", code="934", project="应急救护培训和人道救助项目",
        unit="梨川市红十字会", source="本级申报项目", period="1年", funds=(46.8, 46.8, 0.0, 0.0),
        goals=["开展应急救护普及培训。", "对困难群众实施人道救助"],
        rows=[("救护员持证培训", Q, "≥2400人"), ("应急救护普及培训", Q, "≥1.2万人次"),
              ("人道救助困难家庭", Q, "≥300户"), ("配置自动体外除颤器", Q, "≥20台"),
              ("救护员考核通过率", Z, "≥85%"), ("救助对象审核准确率", Z, "100%"),
              ("救助款物发放时限", S, "≤10个工作日"),
              ("人均救助标准", C, "≤2000元/户"),
              ("群众自救互救能力", SO, "明显提高"), ("红十字会社会影响力", SO, "进一步扩大"),
              ("生态效益指标", EC, "不适用"),
              ("应急救护培训体系", SU, "长期运行"),
              ("受助群众满意度", M, "≥95%")]),
    "sci-assoc": dict(
        kind="project", department="檀山市科学技术协会", code="946", project="全民科学素质提升行动", fw2021=True,
        unit="檀山市科技馆", source="本级申报项目", period="1年", funds=(133.0, 125.0, 8.0, 0.0),
        goals=["开展科普进社区、进校园活动, 建设科普教育基地。", "提升公民具备科学素质比例"],
        rows=[("举办科普讲座", Q, "≥80场"), ("新建科普教育基地", Q, "≥3个"),
              ("流动科技馆巡展站点", Q, "≥10个"), ("培训科技辅导员", Q, "≥200人"),
              ("科普展品完好率", Z, "≥95%"), ("科普内容审核合格率", Z, "100%"),
              ("巡展计划完成时间", S, "2026年11月底前"),
              ("科普基地建设补助", EC_COST, "≤15万元/个"), ("科普活动安全风险", SO_COST, "可控"),
              ("展板印制环境影响", ENV_COST, "无污染"),
              ("公民具备科学素质比例", SO, "≥16%"), ("青少年科学兴趣", SO, "有效激发"),
              ("科普工作社会化机制", SU, "逐步健全"),
              ("参与群众满意度", M21, "≥90%")]),
    "supply-coop": dict(
        kind="project", department="石埠县供销合作社联合社", code="951", project="农产品冷链物流设施补助项目",
        fw2021=True, unit="石埠县供销合作社联合社", source="上级转移支付项目", period="2年",
        funds=(620.0, 600.0, 20.0, 0.0),
        goals=["建设县乡村三级冷链物流节点。", "带动农产品上行, 降低流通损耗"],
        rows=[("新建冷库库容", Q, "≥6000吨"), ("乡镇冷链配送站点", Q, "≥12个"),
              ("冷藏运输车辆", Q, "≥8辆"),
              ("冷库建设验收合格率", Z, "100%"), ("温控设备在线率", Z, "≥98%"),
              ("冷库主体完工时间", S, "2026年9月底前"),
              ("单位库容建设补助", EC_COST, "≤900元/吨"), ("占用农用地", SO_COST, "不占用"),
              ("制冷剂排放", ENV_COST, "符合环保要求"),
              ("农产品流通损耗率下降", E, "≥5个百分点"), ("带动农户增收", E, "≥600元/户"),
              ("农产品上行渠道", SO, "有效拓宽"),
              ("冷链设施运营管护机制", SU, "健全"),
              ("合作社成员满意度", M21, "≥90%")]),
    "quake-monitor": dict(
        kind="project", department="屏峰县地震局", code="962", project="地震监测台网运维项目",
        unit="屏峰县地震监测中心", source="本级申报项目", period="1年", funds=(79.6, 79.6, 0.0, 0.0),
        goals=["保障地震监测台站和预警终端正常运行。", "开展防震减灾科普宣传"],
        rows=[("运维地震监测台站", Q, "≥9个"), ("预警信息发布终端", Q, "≥150台"),
              ("防震减灾宣传活动", Q, "≥25次"),
              ("监测数据连续率", Z, "≥99%"), ("台站设备运行正常率", Z, "≥98%"),
              ("震情速报发出时间", S, "≤10分钟"), ("设备巡检周期", S, "每季度1次"),
              ("台站年均运维费用", C, "≤6万元/个"),
              ("地震灾害风险防治能力", SO, "稳步提升"), ("公众防震避险技能", SO, "进一步提高"),
              ("经济效益指标", E, "不适用"),
              ("监测台网稳定运行", SU, "长期"),
              ("受训群众满意度", M, "≥90%")]),
    "fund-center": dict(
        kind="department", department="秀山市住房公积金管理中心", funds=(1548.2, 1548.2, None, 0.0),
        duties="负责住房公积金归集、提取、贷款和风险防控, 编制执行住房公积金归集使用计划",
        tasks=[("归集扩面", "推进灵活就业人员缴存住房公积金", 420.0, 420.0, 0.0),
               ("信息系统运维", "住房公积金综合服务平台运行维护和数据安全", 688.2, 688.2, 0.0),
               ("机关运行", "保障中心及各管理部正常运转", 440.0, 440.0, 0.0)],
        goals=["按照年度工作安排, 扩大住房公积金制度覆盖面, 提升缴存职工获得感, 保障资金安全"],
        rows=[("新增缴存职工", Q, "≥1.6万人"), ("发放个人住房贷款", Q, "≥32亿元"),
              ("灵活就业人员开户", Q, "≥3000人"), ("线上办理业务笔数", Q, "≥40万笔"),
              ("个贷逾期率", Z, "≤0.3‰"), ("业务办理差错率", Z, "≤0.1%"),
              ("提取业务办结时限", S, "≤3个工作日"), ("贷款审批时限", S, "≤10个工作日"),
              ("系统运维费用", C, "≤680万元"),
              ("为缴存职工节约利息支出", E, "≥2.5亿元"),
              ("新市民住房条件", SO, "逐步改善"),
              ("公积金风险防控机制", SU, "持续健全"),
              ("缴存职工满意度", M, "≥92%")]),
    "data-bureau": dict(
        kind="project", department="云汀市数据资源管理局", code="975", project="政务数据共享平台建设项目", fw2021=True,
        unit="云汀市大数据中心", source="本级申报项目", period="2年", funds=(930.0, 880.0, 50.0, 0.0),
        goals=["建设政务数据共享交换平台, 汇聚各部门数据资源。", "推进公共数据开放和安全管理"],
        rows=[("汇聚政务数据资源目录", Q, "≥1800条"), ("接入部门业务系统", Q, "≥45个"),
              ("开放公共数据集", Q, "≥260个"),
              ("数据共享接口可用率", Z, "≥99.5%"), ("平台等保测评", Z, "通过三级测评"),
              ("平台上线运行时间", S, "2026年8月底前"),
              ("平台建设总投入", EC_COST, "≤930万元"), ("数据泄露安全风险", SO_COST, "无重大风险"),
              ("机房能源使用效率", ENV_COST, "PUE值≤1.3"),
              ("减少群众跑动次数", SO, "≥50万次"), ("部门协同办事效率", SO, "明显提高"),
              ("数据资源长效管理", SU, "逐步完善"),
              ("使用部门满意度", M21, "≥90%")]),
}


def truth_of(key):
    d = DEPTS[key]
    dept = d["kind"] == "department"
    meta = {"project_name": None if dept else d["project"], "department": d["department"],
            "department_code": None if dept else d["code"],
            "implementing_unit": None if dept else d["unit"],
            "project_source": None if dept else d["source"],
            "project_period": None if dept else d["period"], "funds_total": d["funds"][0],
            "funds_fiscal": d["funds"][1], "funds_carryover": d["funds"][2],
            "funds_other": d["funds"][3], "goals": d["goals"]}
    inds = [{"level1": mdc.L1_OF[l2], "level2": l2, "name": n, "value": v} for n, l2, v in d["rows"]]
    return {"kind": d["kind"], "year": YEAR, "meta": meta, "indicators": inds}


def money(x):
    return "" if x is None else f"{x:.2f}"


# --------------------------------------------------------------------------- the table

class Table4(mdc.Table):
    """A mdc.Table with this family's department meta (部门职责, several tasks), rows continued
    on the next row (a name's tail), and an HTML rendering as MinerU/marker emit it."""

    def __init__(self, key, html=False):
        super().__init__(truth_of(key))
        self.key = key
        self.d = DEPTS[key]
        self.html = html
        self.header_on_break = True

    def meta_rows(self):
        if not self.dept:
            return super().meta_rows()
        d, m = self.d, self.truth["meta"]
        tot = [money(m["funds_total"]), money(m["funds_fiscal"]), money(m["funds_other"])]
        rows = [["部门（单位）名称", "", m["department"], "", "", ""],
                ["部门职责", d["duties"], "", "", "", ""],
                ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）", "", ""],
                ["", "", "", "总额", "财政拨款", "其他资金"]]
        rows += [["", t, c, money(a), money(b), money(o)] for t, c, a, b, o in d["tasks"]]
        rows += [["", "金额合计", ""] + tot, ["年度总体目标", self.goals_text(), "", "", "", ""]]
        return rows, ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", ""]

    def render(self, rng):
        return self.render_html(rng) if self.html else self.render_pipe(rng)

    # ---------------------------------------------------------------- pipe (mdc.Table's, with tails)
    def render_pipe(self, rng):
        st = self.style
        title = "# 部门（单位）整体支出绩效目标申报表" if self.dept else "# 项目支出绩效目标表"
        out = [title, "", f"({YEAR} 年度)" if self.dept else f"({YEAR}年度)", ""]
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
            for tail in getattr(r, "after", []):
                blocks[-1][0].append(tail)
        for n, (rows, blank_first) in enumerate(blocks):
            if n:
                out += ["", pages[n - 1], ""]
            out += self.fmt_block(rows, blank_first, rng)
        return "\n".join(out) + "\n"

    # ---------------------------------------------------------------- HTML (MinerU / marker)
    def render_html(self, rng):
        """Title and year as paragraphs, each table on one line; label cells merged over their
        rows (rowspan), values over two columns in a department table (colspan), <br> where a
        printed cell wraps. A page break closes the table; the next one restarts the merges."""
        title = "部门（单位）整体支出绩效目标申报表" if self.dept else "项目支出绩效目标表"
        out = [f"# {title}", "", f"（{YEAR}年度）", ""]
        if self.dept:
            out += ["部门（单位）主要负责人（签字）：", "", "部门（单位）盖章：", ""]
        segs, cur = [], []
        for i, r in enumerate(self.rows):
            if i in self.breaks and cur:
                segs.append(cur)
                cur = []
            cur.append(r)
        segs.append(cur)
        for n, seg in enumerate(segs):
            rows = []
            if n == 0:
                rows += self.html_meta()
            head = n == 0 or self.header_on_break
            if head:
                rows.append(self.html_header(len(seg) + 1, first=n == 0))
            rows += self.html_indicators(seg, frame=not head)
            if n:
                out += [f"- {n + 1} -", ""]
            out += ["<table>" + "".join(rows) + "</table>", ""]
        return "\n".join(out)

    def wrap(self, text, width=9):
        """A long cell text wrapped as the printed cell wraps it (<br> every `width` chars)."""
        text = html.escape(text, quote=False)
        if len(text) <= width:
            return text
        return "<br>".join(text[i:i + width] for i in range(0, len(text), width))

    def html_meta(self):
        m, d = self.truth["meta"], self.d
        td = lambda t, rs=1, cs=1: (f"<td{f' rowspan={chr(34)}{rs}{chr(34)}' if rs > 1 else ''}"
                                    f"{f' colspan={chr(34)}{cs}{chr(34)}' if cs > 1 else ''}>{t}</td>")
        goals = m["goals"]
        gtext = ("<br>".join(f"目标{i}：{html.escape(g)}" for i, g in enumerate(goals, 1))
                 if len(goals) > 1 else html.escape(goals[0]))
        if self.dept:
            tasks = d["tasks"]
            rows = [td("部门（单位）名称", cs=2) + td(m["department"], cs=4),
                    td("部门职责", cs=2) + td(self.wrap(d["duties"], 24), cs=4),
                    td("年度主要任务", rs=3 + len(tasks)) + td("任务名称", rs=2) + td("主要内容", rs=2)
                    + td("预算金额（万元）", cs=3),
                    td("总额") + td("财政拨款") + td("其他资金")]
            rows += [td(t) + td(c) + td(money(a)) + td(money(b)) + td(money(o)) for t, c, a, b, o in tasks]
            rows.append(td("金额合计") + td("") + td(money(m["funds_total"])) + td(money(m["funds_fiscal"]))
                        + td(money(m["funds_other"])))
            rows.append(td("年度总体<br>目标") + td(gtext, cs=5))
            return ["<tr>" + r + "</tr>" for r in rows]
        dep = f"[{m['department_code']}]{m['department']}"
        rows = [td("项目名称", cs=2) + td(m["project_name"], cs=3),
                td("主管部门<br>及代码", cs=2) + td(dep) + td("实施单位") + td(m["implementing_unit"]),
                td("项目来源", cs=2) + td(m["project_source"]) + td("项目期") + td(m["project_period"]),
                td("项目资金<br>（万元）", rs=4) + td("年度资金总额：", cs=2) + td(money(m["funds_total"]), cs=2),
                td("其中：财政拨款", cs=2) + td(money(m["funds_fiscal"]), cs=2),
                td("上年结转", cs=2) + td(money(m["funds_carryover"]), cs=2),
                td("其他资金", cs=2) + td(money(m["funds_other"]), cs=2),
                td("年度目标") + td(gtext, cs=4)]
        return ["<tr>" + r + "</tr>" for r in rows]

    def html_header(self, span, first):
        """The indicator header; its first cell spans the page's indicator rows (blank on a
        continued page)."""
        text = ("年度绩效指标" if self.dept else "绩效指标") if first else ""
        lead = f'<td rowspan="{span}">{text}</td>'
        value = '<td colspan="2">指标值</td>' if self.dept else "<td>指标值</td>"
        return f"<tr>{lead}<td>一级指标</td><td>二级指标</td><td>三级指标</td>{value}</tr>"

    def html_indicators(self, seg, frame):
        """Indicator rows of one page: level1 and level2 cells merged over their runs."""
        out = []
        n = len(seg)
        for i, r in enumerate(seg):
            cells = ""
            if frame and i == 0:
                cells += f'<td rowspan="{n}"></td>'
            l1, l2 = r.t["level1"], r.t["level2"]
            if i == 0 or seg[i - 1].t["level1"] != l1:
                k = next((j for j in range(i, n) if seg[j].t["level1"] != l1), n) - i
                text = l1 if i > 0 or r.l1 else ""          # a continued group restarts blank
                cells += f'<td rowspan="{k}">{text}</td>' if k > 1 else f"<td>{text}</td>"
            if i == 0 or seg[i - 1].t["level2"] != l2:
                k = next((j for j in range(i, n) if seg[j].t["level2"] != l2), n) - i
                text = l2 if i > 0 or r.l2 else ""
                cells += f'<td rowspan="{k}">{text}</td>' if k > 1 else f"<td>{text}</td>"
            name = r.name if isinstance(r.name, str) else "".join(r.name)
            value = r.value if isinstance(r.value, str) else "".join(r.value)
            cells += f"<td>{self.wrap(name, 8)}</td>"
            cells += (f'<td colspan="2">{self.wrap(value, 8)}</td>' if self.dept
                      else f"<td>{self.wrap(value, 8)}</td>")
            out.append("<tr>" + cells + "</tr>")
        return out


# --------------------------------------------------------------------------- look-alikes the
# vocabulary has no line for

# (meant, printed): the printed character makes no sense among indicator names, its pair does
NEW_PAIRS = [("设", "没"), ("治", "冶"), ("测", "侧"), ("宣", "宜"), ("管", "菅"), ("检", "捡"),
             ("责", "贵"), ("工", "エ"), ("口", "ロ"), ("力", "カ")]
# (meant, printed): the printed character is common in its own right
NEW_WORDS = [("自", "白"), ("万", "方"), ("无", "元"), ("于", "干")]
FULL_DIGITS = str.maketrans("0123456789%.", "０１２３４５６７８９％．")


def misprint(text, pairs, rng, k=1):
    spots = [(i, dst) for i, ch in enumerate(text) for src, dst in pairs if ch == src]
    for i, dst in rng.sample(spots, min(k, len(spots))):
        text = text[:i] + dst + text[i + 1:]
    return text


def looks(tbl, rng):
    """New pairs and word look-alikes in names (one or two) and values, full-width digits, 〇 or
    O for 0, l for 1 in values. Labels hold none of the new pairs' characters: left clean."""
    pairs = NEW_PAIRS + NEW_WORDS
    for r in tbl.rows:
        if mdc.is_label(r.t["name"]):
            continue
        if isinstance(r.name, str) and r.name == r.t["name"] and rng.random() < 0.8:
            bad = misprint(r.name, pairs, rng, k=rng.choice([1, 2]))
            if bad != r.name:
                r.name = bad
                tbl.note(f"look-alike name {bad} ({r.t['name']})")
        v = r.t["value"]
        if not v or r.value != v:
            continue
        x = rng.random()
        if re.search(r"\d", v) and x < 0.25:
            bad = v.translate(FULL_DIGITS)
        elif "0" in v and x < 0.5:
            bad = v.replace("0", rng.choice(["〇", "O"]), 1)
        elif "1" in v and x < 0.6:
            bad = v.replace("1", "l", 1)
        else:
            bad = misprint(v, pairs, rng)
        if bad != v:
            r.value = bad
            tbl.note(f"look-alike value {bad} ({v})")


# --------------------------------------------------------------------------- split damage

def split_values(tbl, rng, k=3):
    """Values over two cells: the operator alone (≥ | 95%), number | unit, a date and its tail."""
    def how(v):
        if re.match(r"^[≥≤]\d", v) and v.endswith("%"):
            return "op"
        if re.match(r"^\d{4}年\d+月.+", v):
            return "date"
        if re.match(r"^[≥≤]?[\d.]+[^\d.%‰]", v):
            return "unit"
        return None
    cand = [i for i, r in enumerate(tbl.rows) if r.plain() and how(r.t["value"])]
    kinds = {}
    for i in rng.sample(cand, len(cand)):
        kinds.setdefault(how(tbl.rows[i].t["value"]), i)
    for kind, i in sorted(kinds.items())[:k]:
        r = tbl.rows[i]
        v = r.value
        if kind == "op":
            r.value = [v[0], v[1:]]
        elif kind == "date":
            m = re.match(r"^(\d{4}年\d+月)(.+)$", v)
            r.value = [m.group(1), m.group(2)]
        else:
            m = re.match(r"^([≥≤]?[\d.]+)(.+)$", v)
            r.value = [m.group(1), m.group(2)]
        tbl.note(f"value over two cells: {r.value}")


def displace_two(tbl, rng, k=2):
    """Move up to k level2 labels (with the level1 label on their row) by exactly two rows: down
    inside their group, or up onto the previous group's last two rows; every row left under a
    wrong label has its category evident from its name or value."""
    rows = tbl.rows
    starts = tbl.group_starts()
    ends = starts[1:] + [len(rows)]
    moved, taken = 0, set()
    for g in rng.sample(range(1, len(starts)), len(starts) - 1):
        if moved >= k:
            break
        r, e = starts[g], ends[g]
        if g in taken or g - 1 in taken or g + 1 in taken or not rows[r].l2 or rows[r].ops:
            continue
        opts = []
        if r + 2 < e and all(muc.clear(x) and not x.ops for x in rows[r:r + 2]) and not rows[r + 2].ops:
            opts.append(r + 2)
        p = r - 2
        if p > starts[g - 1] and all(muc.clear(x) and not x.ops and not x.l2 for x in rows[p:r]):
            opts.append(p)
        if not opts:
            continue
        p = rng.choice(opts)
        rows[p].l1, rows[p].l2 = rows[r].l1, rows[r].l2
        rows[r].l1 = rows[r].l2 = ""
        for x in rows[min(p, r):max(p, r)]:
            x.mislabeled = True
        taken.add(g)
        moved += 1
        tbl.note(f"label {rows[p].l2} moved two rows {'down' if p > r else 'up'} -> {rows[p].name}")
    return moved


def name_over_two_rows(tbl, rng):
    """The longest plain name (≥ 8 characters) cut over two rows: its tail alone on the next row."""
    rows = [r for r in tbl.rows if r.plain() and len(r.t["name"]) >= 8]
    if not rows:
        return
    r = max(rows, key=lambda r: len(r.t["name"]))
    at = rng.randint(4, len(r.name) - 3)
    head, tail = r.name[:at], r.name[at:]
    r.name = head
    cells = ["", "", "", tail] + [""] * (tbl.width - 4)
    r.after = [cells]
    tbl.note(f"name over two rows: {head} / {tail}")


def html_breaks(tbl, rng):
    """One page break inside a group; the second table repeats the header on half the departments."""
    starts = tbl.group_starts()
    inside = [i for i in range(3, len(tbl.rows) - 3) if i not in starts]
    a = rng.choice(inside)
    tbl.breaks[a] = mdc.Break(f"- {rng.randint(2, 9)} -")
    tbl.header_on_break = rng.random() < 0.5
    tbl.note(f"html page break before row {a} ({tbl.rows[a].name}), header={tbl.header_on_break}")


# --------------------------------------------------------------------------- cases

def case(key, variant, rng):
    tbl = Table4(key, html=variant == "html")
    if variant == "html":
        html_breaks(tbl, rng)
    elif variant == "looks":
        looks(tbl, rng)
    elif variant == "split":
        displace_two(tbl, rng)
        split_values(tbl, rng)
        name_over_two_rows(tbl, rng)
        mu3.page_breaks(tbl, rng)
    return [tbl]


VARIANTS = ["clean", "html", "looks", "split"]


def vocab_section(name):
    text = (mdc.ROOT / "src" / "vocab" / "default.vocab").read_text(encoding="utf-8")
    out, on = [], False
    for line in text.splitlines():
        if line.startswith("["):
            on = line.strip() == f"[{name}]"
        elif on and line.strip() and not line.startswith("#"):
            out.append([f.strip() for f in line.split("|")])
    return out


def main():
    known = muc.vocab_names()
    for key, d in DEPTS.items():
        for n, _, _ in d["rows"]:
            assert mdc.is_label(n) or norm(n) not in known, f"{n} is in the vocabulary"
    listed = {(f[1], f[0]) for f in vocab_section("lookalike") if len(f) >= 2}
    for pair in NEW_PAIRS + NEW_WORDS:
        assert pair not in listed, f"{pair} is a [lookalike] line already"
    cases = [(f"{k}-{v}", (lambda rng, k=k, v=v: case(k, v, rng))) for k in DEPTS for v in VARIANTS]
    muc.write_family("unseen4", cases)


if __name__ == "__main__":
    main()
