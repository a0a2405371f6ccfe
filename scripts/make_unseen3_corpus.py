#!/usr/bin/env python3
"""Build the THIRD held-out corpus for tablemend: eight more made-up departments from sectors no
other family covers (statistics, archives, audit, grain reserves, civil air defence, disabled
persons' federation, women's federation, petitions), rendered with harsher damage than
corpus/unseen and corpus/unseen2.

In:  scripts/make_unseen_corpus.py and make_derived_corpus.py (layout, corruptions, goldens)
     src/vocab/default.vocab              (only to assert that the made-up names are unknown)
     the made-up departments written below (invented content in the reference's layout)
Out: corpus/unseen3/<dept>-<variant>.md    each department rendered four ways:
       clean    as printed by a clean OCR
       harsh    heavy look-alikes: two per name where it can, most values, labels, the word
                look-alikes (项日, 个适用) in names, values and meta keys, pairs the other families
                never print (准→淮, 拨→拔, 候→侯), labels cut short
       shifted  displaced labels, rows shifted right and left, values in an extra column, values
                spilling over two cells (≥45 | 家), a long name over two cells, light look-alikes
       paged    the table split by page breaks (one inside a group with the header repeated, one
                at a group boundary without), 满意度 printed under 效益指标, a displaced label,
                labels cut short, light look-alikes
     golden/unseen3/<dept>-<variant>.json  the source data (never tool output)
     (corpus/unseen3/*.html come from scripts/ocr_corpus/make.py --unseen3: a real OCR stack)

Goldens follow SCHEMA.md "What the right answer is": the category the author gave (level1 follows
level2), names and values as meant (look-alikes corrected, split cells joined). A displaced label
only ever leaves rows whose category is evident from the name or the value under a wrong label
(make_unseen_corpus.displace). Deterministic: a fixed seed per case. Written before any code
change of session 9 and measured once before fixing (see /work/notes/i19-s9.md).

usage: python3 scripts/make_unseen3_corpus.py [-v]
"""
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_derived_corpus as mdc  # noqa: E402
import make_unseen_corpus as muc  # noqa: E402
import make_unseen2_corpus as mu2  # noqa: E402

norm = mdc.norm
Q, Z, S, C = muc.Q, muc.Z, muc.S, muc.C
E, SO, EC, SU, M = muc.E, muc.SO, muc.EC, muc.SU, muc.M

# --------------------------------------------------------------------------- made-up departments
# (name, level2, value); everything below is invented.

DEPTS = {
    "stats-survey": dict(
        kind="project", department="北坪市统计局", code="803", project="统计调查专项经费",
        unit="北坪市统计普查中心", source="本级申报项目", period="1年", funds=(215.6, 205.6, 10.0, 0.0),
        goals=["完成住户收支、劳动力和规模以上企业等常规统计调查。", "提升基层统计数据质量"],
        rows=[("住户收支调查样本户", Q, "≥480户"), ("劳动力调查样本", Q, "≥1200人"),
              ("统计执法检查单位", Q, "≥60家"), ("基层统计人员轮训", Q, "≥350人次"),
              ("调查数据审核准确率", Z, "≥99%"), ("样本轮换规范率", Z, "100%"),
              ("月度数据上报及时率", S, "100%"), ("年度统计公报发布时间", S, "2025年3月底前"),
              ("调查员劳务补助标准", C, "≤120元/户·月"),
              ("统计数据服务决策", SO, "有效支撑"), ("统计造假问题发生", SO, "0起"),
              ("生态效益指标", EC, "不适用"),
              ("统计调查制度常态运行", SU, "长期"),
              ("调查户满意度", M, "≥85%")]),
    "archives-digital": dict(
        kind="project", department="南屏县档案馆", code="815", project="馆藏档案数字化项目",
        unit="南屏县档案馆", source="上级转移支付项目", period="2年", funds=(96.0, 80.0, 16.0, 0.0),
        goals=["完成馆藏纸质档案数字化扫描和著录。", "建设数字档案馆安全备份体系"],
        rows=[("档案数字化扫描页数", Q, "≥180万页"), ("档案目录著录条数", Q, "≥26万条"),
              ("破损档案修复卷数", Q, "≥900卷"),
              ("扫描图像质检合格率", Z, "≥99%"), ("目录著录差错率", Z, "≤0.5%"),
              ("数字化成果验收通过", Z, "一次通过"),
              ("扫描任务按期完成率", S, "100%"), ("异地备份完成时间", S, "2025年11月底前"),
              ("每页扫描加工单价", C, "≤0.45元/页"), ("项目总投入", C, "≤96万元"),
              ("档案查阅利用效率", SO, "明显提高"), ("档案实体保护水平", SO, "有效提升"),
              ("数字档案长期安全保存", SU, "长期"),
              ("查档群众满意度", M, "≥95%")]),
    "audit-dept": dict(
        kind="department", department="东渠县审计局", code=None, project=None,
        unit=None, source=None, period=None, funds=(842.3, 822.3, None, 20.0),
        goals=["按照年度审计计划, 开展预算执行审计、经济责任审计和政府投资项目审计, 推动审计整改落实"],
        rows=[("完成审计项目个数", Q, "≥32个"), ("经济责任审计领导干部", Q, "≥18人"),
              ("政府投资项目审计金额", Q, "≥12亿元"), ("移送问题线索", Q, "≥5件"),
              ("审计报告复核合格率", Z, "100%"), ("审计问题整改率", Z, "≥90%"),
              ("审计计划按期完成率", S, "≥95%"), ("审计报告出具时限", S, "≤30日"),
              ("聘请中介机构费用", C, "≤120万元"),
              ("核减政府投资金额", E, "≥3000万元"),
              ("财经秩序规范程度", SO, "进一步规范"), ("审计监督作用", SO, "充分发挥"),
              ("审计整改长效机制", SU, "健全"),
              ("被审计单位满意度", M, "≥85%")]),
    "grain-reserve": dict(
        kind="project", department="西汇市粮食和物资储备局", code="827", project="地方储备粮轮换补贴项目",
        unit="西汇市国家粮食储备库", source="本级申报项目", period="1年", funds=(1380.0, 1380.0, 0.0, 0.0),
        goals=["完成地方储备粮年度轮换计划。", "确保储备粮数量真实、质量良好、储存安全"],
        rows=[("轮换储备粮数量", Q, "≥2.4万吨"), ("仓储设施维修仓容", Q, "≥5万吨"),
              ("粮情测控系统升级", Q, "≥12个"),
              ("储备粮质量达标率", Z, "100%"), ("宜存率", Z, "≥95%"), ("账实相符率", Z, "100%"),
              ("轮换计划执行完成时间", S, "2025年10月31日前"), ("补贴资金拨付时限", S, "≤15个工作日"),
              ("每吨轮换费用补贴", C, "≤60元/吨"),
              ("稳定市场粮价", E, "有效稳定"),
              ("区域粮食安全保障能力", SO, "持续增强"),
              ("绿色储粮技术应用仓容", EC, "≥3万吨"),
              ("储备粮管理制度", SU, "持续完善"),
              ("承储企业满意度", M, "≥90%")]),
    "civil-defence": dict(
        kind="project", department="北川口市人民防空办公室", code="839", project="人防工程维护管理项目",
        unit="北川口市人防工程管理所", source="本级申报项目", period="1年", funds=(173.5, 173.5, 0.0, 0.0),
        goals=["对公用人防工程开展维护管理和隐患整治。", "更新防空警报设施, 组织警报试鸣"],
        rows=[("维护公用人防工程", Q, "≥14处"), ("更新防空警报器", Q, "≥22台"),
              ("组织疏散演练", Q, "≥4次"),
              ("警报鸣响率", Z, "≥98%"), ("工程隐患整治验收合格率", Z, "100%"),
              ("警报试鸣组织时间", S, "每年9月第三个星期六"), ("隐患整改完成时限", S, "2025年8月底前"),
              ("每台警报器更新费用", C, "≤2.8万元/台"),
              ("城市防空防灾能力", SO, "明显增强"), ("市民国防意识", SO, "普遍提高"),
              ("经济效益指标", E, "不适用"),
              ("人防工程平战结合利用", SU, "持续发挥作用"),
              ("周边居民满意度", M, "≥90%")]),
    "disabled-rehab": dict(
        kind="project", department="临湖县残疾人联合会", code="842", project="残疾人基本康复服务项目",
        unit="临湖县残疾人康复中心", source="上级转移支付项目", period="1年", funds=(268.9, 240.0, 28.9, 0.0),
        goals=["为持证残疾人提供基本康复服务和辅助器具适配。", "开展残疾儿童康复救助"],
        rows=[("残疾儿童康复救助人数", Q, "≥160人"), ("适配辅助器具件数", Q, "≥1100件"),
              ("家庭医生签约残疾人", Q, "≥4200人"), ("康复机构定点数", Q, "6家"),
              ("基本康复服务覆盖率", Z, "≥85%"), ("辅助器具适配准确率", Z, "≥98%"),
              ("救助资金拨付及时率", S, "100%"), ("辅具发放完成时间", S, "2025年11月30日前"),
              ("儿童康复救助标准", C, "≤1.8万元/人·年"),
              ("减轻残疾人家庭负担", E, "有效减轻"),
              ("残疾人生活自理能力", SO, "逐步提高"),
              ("康复服务体系持续运行", SU, "长期"),
              ("残疾人及亲属满意度", M, "≥90%")]),
    "women-training": dict(
        kind="project", department="长垣县妇女联合会", code="851", project="妇女创业就业培训项目",
        unit="长垣县妇女儿童活动中心", source="本级申报项目", period="1年", funds=(58.0, 58.0, 0.0, 0.0),
        goals=["开展家政、电商等妇女技能培训。", "扶持妇女创业就业"],
        rows=[("举办技能培训班", Q, "≥12期"), ("培训农村妇女", Q, "≥600人"),
              ("扶持巾帼创业示范点", Q, "≥8个"),
              ("培训考核合格率", Z, "≥90%"), ("培训后就业创业比例", Z, "≥60%"),
              ("培训计划完成进度", S, "2025年10月底前"),
              ("人均培训成本", C, "≤800元/人"),
              ("带动妇女增收", E, "≥1500元/人·年"),
              ("妇女就业创业能力", SO, "显著提升"), ("家庭和谐稳定", SO, "有效促进"),
              ("生态效益指标", EC, "不适用"),
              ("巾帼创业帮扶机制", SU, "长期坚持"),
              ("参训妇女满意度", M, "≥92%")]),
    "petition-dept": dict(
        kind="department", department="桂林口县信访局", code=None, project=None,
        unit=None, source=None, period=None, funds=(406.7, 406.7, None, 0.0),
        goals=["按照年度工作安排, 依法及时就地解决群众合理诉求, 开展信访积案化解和初信初访办理"],
        rows=[("受理群众来信来访", Q, "≥2600件次"), ("化解信访积案", Q, "≥45件"),
              ("领导接访下访次数", Q, "≥48次"),
              ("信访事项按期办结率", S, "≥98%"), ("网上信访受理告知时限", S, "≤15日"),
              ("初信初访一次性化解率", Z, "≥85%"), ("信访事项群众参评率", Z, "≥60%"),
              ("信访救助资金使用", C, "≤80万元"),
              ("重复信访数量", SO, "同比下降"), ("社会和谐稳定", SO, "持续巩固"),
              ("经济效益指标", E, "不适用"),
              ("信访工作法治化水平", SU, "持续提升"),
              ("信访群众满意度", M, "≥80%")]),
}


def truth_of(key):
    d = DEPTS[key]
    meta = {"project_name": d["project"], "department": d["department"],
            "department_code": d["code"] if d["kind"] == "project" else None,
            "implementing_unit": d["unit"], "project_source": d["source"],
            "project_period": d["period"], "funds_total": d["funds"][0],
            "funds_fiscal": d["funds"][1], "funds_carryover": d["funds"][2],
            "funds_other": d["funds"][3], "goals": d["goals"]}
    inds = [{"level1": mdc.L1_OF[l2], "level2": l2, "name": n, "value": v} for n, l2, v in d["rows"]]
    return {"kind": d["kind"], "year": 2025, "meta": meta, "indicators": inds}


# --------------------------------------------------------------------------- harsher damage

# pairs the other families never print (real engines do): the printed character is rare in
# the forms' language, the meant one common
NEW_LOOK = [("准", "淮"), ("拨", "拔"), ("候", "侯")]


def heavy_lookalikes(tbl, rng):
    """Up to two look-alikes per name (the known pairs and NEW_LOOK), most values, labels."""
    pairs = muc.NAME_LOOK + NEW_LOOK
    for r in tbl.rows:
        if mdc.is_label(r.t["name"]) or not isinstance(r.name, str) or r.name != r.t["name"]:
            continue
        if rng.random() < 0.75:
            text = r.name
            spots = [(i, dst) for i, ch in enumerate(text) for src, dst in pairs if ch == src]
            for i, dst in rng.sample(spots, min(len(spots), 2)):
                text = text[:i] + dst + text[i + 1:]
            if text != r.name:
                r.name = text
                tbl.note(f"heavy look-alike name {text} ({r.t['name']})")
    muc.lookalikes(tbl, rng, p_name=0.0, p_value=0.7, labels=True)


def split_value(tbl, rng, k=2):
    """A value's unit or tail printed in the next cell: ≥45 | 家, 2025年10月 | 底前."""
    def splittable(r):
        return bool(re.match(r"^[≥≤]?[\d.]+[^\d.%]", r.t["value"] or ""))
    done = 0
    for i in mdc.pick_singles(tbl, rng, min(k, sum(1 for r in tbl.rows if r.plain() and splittable(r))),
                              cond=splittable):
        r = tbl.rows[i]
        m = re.match(r"^([≥≤]?[\d.]+(?:年\d+月)?)(.+)$", r.value)
        r.value = [m.group(1), m.group(2)]
        tbl.note(f"value over two cells: {r.value}")
        done += 1
    return done


def long_name_split(tbl, rng):
    """The longest plain name (≥ 8 characters) printed over two cells."""
    rows = [r for r in tbl.rows if r.plain() and len(r.t["name"]) >= 8]
    if not rows:
        return
    r = max(rows, key=lambda r: len(r.t["name"]))
    at = rng.randint(3, len(r.name) - 3)
    r.name = [r.name[:at], r.name[at:]]
    tbl.note(f"name over two cells: {r.name}")


def page_breaks(tbl, rng):
    """One break inside a group (header repeated), one at a later group boundary (none)."""
    starts = tbl.group_starts()
    inside = [i for i in range(2, len(tbl.rows) - 4) if i not in starts and not tbl.rows[i].before]
    a = rng.choice(inside[: max(1, len(inside) // 2)])
    mdc.add_page_break(tbl, a, f"- {rng.randint(2, 9)} -", header=True, blank_first=False)
    later = [s for s in starts if s > a + 2 and not tbl.rows[s].before]
    if later:
        b = rng.choice(later)
        mdc.add_page_break(tbl, b, f"- {rng.randint(10, 19)} -", header=False, blank_first=True)


# --------------------------------------------------------------------------- cases

def case(key, variant, rng):
    tbl = mdc.Table(truth_of(key))
    if variant == "harsh":
        heavy_lookalikes(tbl, rng)
        muc.word_lookalikes(tbl, rng, p=0.6)
        mu2.cut_labels(tbl, rng, p=0.5)
    elif variant == "shifted":
        muc.displace(tbl, rng, k=2)
        muc.shifts(tbl, rng)
        split_value(tbl, rng)
        long_name_split(tbl, rng)
        muc.lookalikes(tbl, rng, p_name=0.2, p_value=0.25, labels=False)
    elif variant == "paged":
        mu2.satisfaction_under_benefit(tbl, rng)
        muc.displace(tbl, rng, k=1)
        mu2.cut_labels(tbl, rng, p=0.4)
        page_breaks(tbl, rng)
        muc.lookalikes(tbl, rng, p_name=0.25, p_value=0.25, labels=False)
    return [tbl]


VARIANTS = ["clean", "harsh", "shifted", "paged"]


def main():
    known = muc.vocab_names()
    for key, d in DEPTS.items():
        for n, _, _ in d["rows"]:
            assert mdc.is_label(n) or norm(n) not in known, f"{n} is in the vocabulary"
    cases = [(f"{k}-{v}", (lambda rng, k=k, v=v: case(k, v, rng))) for k in DEPTS for v in VARIANTS]
    keep = sorted((mdc.ROOT / "corpus" / "unseen3").glob("*.html"))   # the OCR part's goldens
    muc.write_family("unseen3", cases, keep=keep)


if __name__ == "__main__":
    main()
