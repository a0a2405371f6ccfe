#!/usr/bin/env python3
"""Build a SECOND held-out-style corpus for tablemend, one nobody tunes on: eight more made-up
departments from sectors corpus/unseen does not cover, whose indicator names the vocabulary has
never seen.

In:  scripts/make_unseen_corpus.py and make_derived_corpus.py (layout, corruptions, goldens)
     src/vocab/default.vocab              (only to assert that the made-up names are unknown)
     the made-up departments written below (invented content in the reference's layout)
Out: corpus/unseen2/<dept>-<variant>.md    each department rendered five or six ways:
       clean       as printed by a clean OCR
       labels      labels displaced (inside their group, up onto the rows above, below it)
       lookalikes  look-alikes in names, labels and values, and the word look-alikes real
                   engines print (项日 for 项目, 个适用 for 不适用, in names, values, meta keys)
       shifted     shifted cells, values in a sixth column, displaced labels, light look-alikes
       ocr         what the generator did not do before and real OCR does: labels cut short
                   (数量指 · 社会效益 · 可持续影), 满意度 printed under the 效益指标 level-1 label (or
                   with no level-1 label of its own), plus a displaced label and look-alikes
       fw2021      (three departments) the 2021 framework: 成本指标 a first-level category with
                   经济成本指标 · 社会成本指标 · 生态环境成本指标 under it, 服务对象满意度指标; levels
                   kept as printed (SCHEMA), with displaced labels and look-alikes
     golden/unseen2/<dept>-<variant>.json  the source data (never tool output)

Goldens follow SCHEMA.md "What the right answer is": the category the author gave (level1 follows
level2, except a 2021 form keeps its levels as printed), names and values as meant (look-alikes
corrected). A displaced label only ever leaves rows whose category is evident from the name or
the value under a wrong label (make_unseen_corpus.displace). Deterministic: a fixed seed per case.

usage: python3 scripts/make_unseen2_corpus.py [-v]
"""
import random
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_derived_corpus as mdc  # noqa: E402
import make_unseen_corpus as muc  # noqa: E402

norm = mdc.norm
Q, Z, S, C = muc.Q, muc.Z, muc.S, muc.C
E, SO, EC, SU, M = muc.E, muc.SO, muc.EC, muc.SU, muc.M
# the 2021 framework's own levels
EC_COST, SO_COST, ENV_COST, M21 = "经济成本指标", "社会成本指标", "生态环境成本指标", "服务对象满意度指标"

# --------------------------------------------------------------------------- made-up departments
# (name, level2, value); everything below is invented. fw2021: the extra 社会/生态环境成本 rows a
# 2021 rendering adds.

DEPTS = {
    "eco-air": dict(
        kind="project", department="云岗市生态环境局", code="721", project="大气污染防治专项资金项目",
        unit="云岗市生态环境监测站", source="上级转移支付项目", period="1年", funds=(860.0, 800.0, 60.0, 0.0),
        goals=["完成重点行业挥发性有机物治理。", "提升空气质量自动监测能力"],
        rows=[("挥发性有机物治理企业", Q, "≥45家"), ("新建空气自动监测站点", Q, "6个"),
              ("淘汰燃煤小锅炉台数", Q, "≥30台"), ("执法检查企业家次", Q, "≥600家次"),
              ("监测数据有效获取率", Z, "≥90%"), ("治理设施正常运行比例", Z, "≥95%"),
              ("项目验收通过率", Z, "100%"),
              ("治理任务完成时限", S, "2024年10月底前"), ("监测站点联网时间", S, "2024年6月30日前"),
              ("单个站点建设费用", C, "≤45万元/个"),
              ("经济效益指标", E, "不适用"),
              ("公众环境权益保障", SO, "有效保障"),
              ("细颗粒物年均浓度下降", EC, "≥3%"), ("空气优良天数比例", EC, "≥85%"),
              ("大气治理长效监管", SU, "长期"),
              ("周边居民满意度", M, "≥90%")],
        fw2021=[("治理施工对企业生产的影响", SO_COST, "无明显影响"),
                ("治理过程产生的危险废物", ENV_COST, "全部合规处置")]),
    "justice-legal": dict(
        kind="project", department="松阳县司法局", code="733", project="公共法律服务体系建设项目",
        unit="松阳县公共法律服务中心", source="本级申报项目", period="1年", funds=(128.5, 128.5, 0.0, 0.0),
        goals=["建成覆盖城乡的公共法律服务网络。", "为困难群众提供法律援助"],
        rows=[("办理法律援助案件", Q, "≥380件"), ("村居法律顾问配备", Q, "≥210个"),
              ("开展普法宣传活动场次", Q, "≥96场次"), ("人民调解员业务培训", Q, "≥500人次"),
              ("法律援助案件结案合格率", Z, "≥98%"), ("矛盾纠纷调解成功率", Z, "≥95%"),
              ("援助申请审查办结时限", S, "≤5个工作日"), ("年度普法计划完成时间", S, "2024年12月底前"),
              ("每件援助案件补贴标准", C, "≤3000元/件"),
              ("为受援群众挽回经济损失", E, "≥800万元"),
              ("群众学法用法意识", SO, "明显增强"), ("基层矛盾纠纷化解", SO, "有效化解"),
              ("生态效益指标", EC, "不适用"),
              ("法律服务网络常态运行", SU, "长期"),
              ("受援群众满意度", M, "≥95%")]),
    "sports-fitness": dict(
        kind="project", department="金湖县体育局", code="745", project="全民健身设施补短板工程",
        unit="金湖县体育事业发展中心", source="本级申报项目", period="2年", funds=(540.0, 500.0, 40.0, 0.0),
        goals=["新建社区健身路径和多功能运动场。", "开展全民健身赛事活动"],
        rows=[("新建社区健身路径", Q, "≥40处"), ("建设多功能运动场", Q, "≥8片"),
              ("举办全民健身赛事", Q, "≥25场"), ("社会体育指导员培训", Q, "≥300人"),
              ("健身器材安装验收合格率", Z, "100%"), ("场地设施安全检查覆盖率", Z, "100%"),
              ("运动场建成投入使用时间", S, "2024年11月底前"), ("器材损坏报修处理时限", S, "≤48小时"),
              ("每片运动场建设投入", C, "≤35万元/片"), ("健身器材采购总投资", C, "≤120万元"),
              ("带动体育消费", E, "有效带动"),
              ("经常参加锻炼人口比例", SO, "≥40%"), ("群众健身条件", SO, "明显改善"),
              ("设施使用年限", SU, "≥8年"),
              ("健身群众满意度", M, "≥90%")],
        fw2021=[("施工期间对居民出行的影响", SO_COST, "影响较小"),
                ("施工扬尘噪声控制", ENV_COST, "符合环保要求")]),
    "sci-vouchers": dict(
        kind="project", department="望江市科学技术局", code="758", project="科技创新券补助项目",
        unit="望江市科技服务中心", source="本级申报项目", period="1年", funds=(300.0, 300.0, 0.0, 0.0),
        goals=["支持中小微企业购买研发检测服务。", "培育科技型中小企业"],
        rows=[("支持科技型中小企业", Q, "≥150家"), ("兑付创新券金额", Q, "≥300万元"),
              ("入库服务机构", Q, "≥35家"), ("组织产学研对接活动", Q, "≥10场"),
              ("创新券兑付审核准确率", Z, "100%"), ("服务合同履约比例", Z, "≥95%"),
              ("创新券申领受理期限", S, "每年3月至10月"), ("兑付资金拨付时间", S, "2024年12月31日前"),
              ("单家企业补助上限", C, "≤5万元/家"),
              ("带动企业研发投入", E, "≥3000万元"),
              ("企业技术创新能力", SO, "明显提升"), ("新增高新技术企业", SO, "≥20家"),
              ("生态效益指标", EC, "不适用"),
              ("科技服务市场持续培育", SU, "长期"),
              ("受惠企业满意度", M, "≥90%")]),
    "market-food": dict(
        kind="department", department="丰安县市场监督管理局", code=None, project=None,
        unit=None, source=None, period=None, funds=(2360.4, 2300.4, None, 60.0),
        goals=["按照年度工作安排, 开展食品安全监督抽检, 加强特种设备安全监管, 维护公平竞争市场秩序"],
        rows=[("食品安全监督抽检批次", Q, "≥3200批次"), ("特种设备检验台数", Q, "≥1800台"),
              ("市场主体年报公示户数", Q, "≥5.2万户"), ("价格监测品种", Q, "≥60个"),
              ("抽检不合格食品核查处置率", Z, "100%"), ("特种设备定期检验率", Z, "≥99%"),
              ("投诉举报按时办结比例", Z, "≥98%"),
              ("抽检任务完成时间", S, "2024年11月30日前"), ("消费投诉受理时限", S, "≤7个工作日"),
              ("每批次抽检检验费用", C, "≤1500元/批次"),
              ("为消费者挽回经济损失", E, "≥200万元"),
              ("食品安全形势", SO, "总体稳定"), ("群众消费环境", SO, "持续优化"),
              ("特种设备事故发生次数", SO, "0"),
              ("市场监管长效机制", SU, "健全完善"),
              ("消费者满意度", M, "≥85%"), ("市场主体满意度", M, "≥85%")]),
    "housing-renewal": dict(
        kind="project", department="清平市住房和城乡建设局", code="764", project="城镇老旧小区改造项目",
        unit="清平市城市更新服务中心", source="上级转移支付项目", period="2年", funds=(4650.0, 4200.0, 450.0, 0.0),
        goals=["改造城镇老旧小区, 完善水电气路等配套设施。", "加装电梯, 改善居住条件"],
        rows=[("改造老旧小区个数", Q, "≥28个"), ("惠及居民户数", Q, "≥6400户"),
              ("加装电梯部数", Q, "≥60部"), ("改造雨污管网长度", Q, "≥15公里"),
              ("改造工程竣工验收合格率", Z, "100%"), ("项目开工率", Z, "100%"),
              ("年度改造任务完成时间", S, "2024年12月底前"), ("项目开工时间", S, "2024年4月"),
              ("每户改造投资标准", C, "≤0.7万元/户"), ("改造工程总投资", C, "≤4650万元"),
              ("带动居民消费及投资", E, "有效带动"),
              ("小区居住环境", SO, "明显改善"), ("小区安全隐患消除", SO, "基本消除"),
              ("小区绿化提升面积", EC, "≥3万平方米"),
              ("小区长效管理机制", SU, "健全"),
              ("改造小区居民满意度", M, "≥90%")],
        fw2021=[("施工期间居民出行不便", SO_COST, "影响可控"),
                ("建筑垃圾资源化利用", ENV_COST, "≥60%")]),
    "emergency-fire": dict(
        kind="project", department="岚山县应急管理局", code="779", project="森林防灭火能力提升项目",
        unit="岚山县森林消防大队", source="本级申报项目", period="1年", funds=(376.8, 376.8, 0.0, 0.0),
        goals=["购置森林防灭火装备, 建设防火隔离带。", "开展应急演练, 提升扑救能力"],
        rows=[("购置风力灭火机", Q, "≥80台"), ("新建防火隔离带", Q, "≥25公里"),
              ("开展应急演练", Q, "≥6次"), ("护林员巡护培训", Q, "≥350人"),
              ("装备验收合格率", Z, "100%"), ("火情早期发现比例", Z, "≥90%"),
              ("火情报告响应时限", S, "≤30分钟"), ("装备采购完成时间", S, "2024年3月底前"),
              ("隔离带每公里建设费用", C, "≤2.4万元/公里"),
              ("减少森林火灾经济损失", E, "有效减少"),
              ("群众生命财产安全", SO, "有效保障"),
              ("森林火灾受害率", EC, "≤0.9‰"), ("森林覆盖率", EC, "保持稳定"),
              ("防灭火应急体系持续运行", SU, "长期"),
              ("林区群众满意度", M, "≥90%")]),
    "veterans-care": dict(
        kind="department", department="河阳县退役军人事务局", code=None, project=None,
        unit=None, source=None, period=None, funds=(1185.2, 1185.2, None, 0.0),
        goals=["按照年度工作安排, 落实优抚对象抚恤补助, 开展退役军人就业培训, 做好光荣院和烈士纪念设施管护"],
        rows=[("发放抚恤补助优抚对象", Q, "≥2300人"), ("退役军人适应性培训", Q, "≥420人次"),
              ("走访慰问困难退役军人", Q, "≥600户"), ("维修零散烈士纪念设施", Q, "≥15处"),
              ("抚恤补助发放准确率", Z, "100%"), ("培训后就业比例", Z, "≥70%"),
              ("抚恤补助按季发放", S, "每季度首月15日前"), ("纪念设施维修完工时间", S, "2024年3月底前"),
              ("人均适应性培训补贴", C, "≤2000元/人"),
              ("带动退役军人创业就业", E, "有效带动"),
              ("退役军人获得感", SO, "明显增强"), ("崇军尚武社会氛围", SO, "日益浓厚"),
              ("生态效益指标", EC, "不适用"),
              ("优抚保障制度持续落实", SU, "长期"),
              ("优抚对象满意度", M, "≥95%")]),
}

# --------------------------------------------------------------------------- 2021 framework

FW_L2 = [EC_COST, SO_COST, ENV_COST]
if EC_COST not in mdc.L2_ORDER:
    at = mdc.L2_ORDER.index(C) + 1
    mdc.L2_ORDER[at:at] = FW_L2
    mdc.L2_ORDER.append(M21)
    mdc.L1_OF.update({EC_COST: C, SO_COST: C, ENV_COST: C, M21: M})
    mdc.LABELS[:] = sorted(set(mdc.LABELS) | set(FW_L2) | {M21})


def truth_of(key, fw2021=False):
    d = DEPTS[key]
    meta = {"project_name": d["project"], "department": d["department"],
            "department_code": d["code"] if d["kind"] == "project" else None,
            "implementing_unit": d["unit"], "project_source": d["source"],
            "project_period": d["period"], "funds_total": d["funds"][0],
            "funds_fiscal": d["funds"][1], "funds_carryover": d["funds"][2],
            "funds_other": d["funds"][3], "goals": d["goals"]}
    rows = list(d["rows"])
    if fw2021:
        rows = [(n, {C: EC_COST, M: M21}.get(l2, l2), v) for n, l2, v in rows] + d["fw2021"]
    inds = [{"level1": mdc.L1_OF[l2], "level2": l2, "name": n, "value": v} for n, l2, v in rows]
    return {"kind": d["kind"], "year": 2024, "meta": meta, "indicators": inds}


# --------------------------------------------------------------------------- what real OCR does

def cut_labels(tbl, rng, p=0.6):
    """Labels cut short by one or two characters (数量指, 社会效益, 可持续影)."""
    for r in tbl.rows:
        for f in ("l1", "l2"):
            text = getattr(r, f)
            if isinstance(text, str) and len(text) >= 4 and rng.random() < p:
                c = rng.choice([1, 2]) if len(text) >= 6 else 1
                setattr(r, f, text[:-c])
                tbl.note(f"label cut: {text} -> {text[:-c]}")


def satisfaction_under_benefit(tbl, rng):
    """满意度 printed under 效益: its level-1 cell reads 效益指标, or is blank (the 效益指标 cell
    spans it). level1 still follows level2 (SCHEMA)."""
    for r in tbl.rows:
        if r.l1 in (M,):
            r.l1 = "效益指标" if rng.random() < 0.5 else ""
            tbl.note(f"满意度 under 效益: level1 printed {r.l1 or '(blank)'}")
            return


# --------------------------------------------------------------------------- cases

def case(key, variant, rng):
    tbl = mdc.Table(truth_of(key, fw2021=variant == "fw2021"))
    if variant == "labels":
        assert muc.displace(tbl, rng) >= 2, key
    elif variant == "lookalikes":
        muc.lookalikes(tbl, rng)
        muc.word_lookalikes(tbl, rng, p=0.5)
    elif variant == "shifted":
        muc.displace(tbl, rng, k=2)
        muc.shifts(tbl, rng)
        muc.lookalikes(tbl, rng, p_name=0.2, p_value=0.25, labels=False)
    elif variant == "ocr":
        satisfaction_under_benefit(tbl, rng)
        muc.displace(tbl, rng, k=1)
        cut_labels(tbl, rng)
        muc.lookalikes(tbl, rng, p_name=0.3, p_value=0.3, labels=False)
        muc.word_lookalikes(tbl, rng, p=0.3)
    elif variant == "fw2021":
        muc.displace(tbl, rng, k=2)
        muc.lookalikes(tbl, rng, p_name=0.3, p_value=0.3)
    return [tbl]


VARIANTS = ["clean", "labels", "lookalikes", "shifted", "ocr"]


def main():
    known = muc.vocab_names()
    for key, d in DEPTS.items():
        for n, _, _ in d["rows"] + d.get("fw2021", []):
            assert mdc.is_label(n) or norm(n) not in known, f"{n} is in the vocabulary"
    cases = [(f"{k}-{v}", (lambda rng, k=k, v=v: case(k, v, rng)))
             for k in DEPTS for v in VARIANTS + (["fw2021"] if "fw2021" in DEPTS[k] else [])]
    muc.write_family("unseen2", cases)


if __name__ == "__main__":
    main()
