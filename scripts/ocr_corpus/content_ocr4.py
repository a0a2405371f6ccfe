"""Made-up content for the FOURTH held-out OCR set (corpus/ocr4): form layouts the other OCR
families do not have, of departments no corpus family covers, read back from harsher scans.

Four forms, each printed at three scan grades (make.py --ocr4):
- `province`: a project form whose indicator block has the provincial columns
  指标性质 (≥ ≤ = or 定性) · 指标值 (the number or the phrase) · 度量单位 · 权重 · 指标方向;
- `selfeval`: a project self-evaluation form (自评表): funds block 年初预算数 · 全年预算数 ·
  全年执行数 · 分值 · 执行率 · 得分, 预期目标 | 实际完成情况, indicators with 年度指标值 ·
  实际完成值 · 分值 · 得分 · 偏差原因分析及改进措施, a 总分 row;
- `framework2021`: the 2021 framework, 成本指标 a first-level category (经济成本 · 社会成本 ·
  生态环境成本), 服务对象满意度指标;
- `department`: a department-whole form (部门整体支出绩效目标申报表, content.department_form).

Everything is invented. `document(i)` builds the i-th document deterministically:
(slug, forms, layout, grade); each form carries its golden fields (kind, year, meta, indicators)
and what its renderer (forms_ocr4.py) prints beyond them.
"""
import random

import content

GRADES = ["g1", "g2", "g3"]   # scan grades, see make.py degrade()

# name, nature (≥ ≤ = 定性), number or phrase, unit, weight
PROVINCE = ("地震局", "雁栖市", "地震监测台网运行维护项目", "地震监测中心", [
    "保障区域地震监测台网稳定运行，提高地震速报能力",
    "开展防震减灾科普宣传进校园进社区活动"], {
    "数量": [("维护测震台站数量", "≥", "18", "个", 8), ("强震动观测点巡检次数", "≥", "96", "次", 6),
             ("防震减灾科普活动场次", "≥", "24", "场", 6)],
    "质量": [("台网数据连续率", "≥", "99", "%", 8), ("速报参数误差达标率", "=", "100", "%", 6)],
    "时效": [("自动速报发布用时", "≤", "2", "分钟", 8), ("台站故障修复时限", "≤", "48", "小时", 6)],
    "成本": [("单台站年运维经费", "≤", "3.6", "万元", 6)],
    "社会": [("公众防震避险技能", "定性", "明显提升", "", 10), ("地震误报事件", "=", "0", "次", 8)],
    "可持续": [("台网长期运行保障机制", "定性", "健全完善", "", 8)],
    "满意度": [("社区居民满意度", "≥", "90", "%", 10)]})

# name, 年度指标值, 实际完成值, 分值, 得分, 偏差原因
SELFEVAL = ("红十字会", "苍梧县", "应急救护培训普及项目", "红十字应急救护培训中心", [
    "组织群众性应急救护培训，提高公众自救互救能力",
    "在人员密集场所配置自动体外除颤器"], {
    "数量": [("普及性救护培训人数", "≥6000人", "6420人", 10, 10, ""),
             ("配置自动体外除颤器台数", "≥35台", "31台", 10, 8, "部分场所改造未完成，已调整至次年")],
    "质量": [("救护员取证考核通过率", "≥92%", "94.5%", 10, 10, "")],
    "时效": [("培训计划完成时限", "2025年11月底前", "2025年11月完成", 10, 10, "")],
    "成本": [("每人次培训成本", "≤85元", "81元", 10, 10, "")],
    "社会": [("公众自救互救意识", "逐步增强", "逐步增强", 10, 9, "")],
    "可持续": [("救护培训师资队伍", "长期稳定", "长期稳定", 10, 10, "")],
    "满意度": [("参训学员满意度", "≥90%", "96%", 10, 10, "")]})

FRAMEWORK = ("园林绿化局", "枫桥市", "城市公园绿地养护提升项目", "园林养护管理所", [
    "完成城区公园绿地日常养护和补植改造，提升绿地景观品质",
    "加强古树名木保护管理"], [
    ("产出指标", "数量指标", "公园绿地养护面积", "≥210万平方米"),
    ("产出指标", "数量指标", "补植乔灌木株数", "≥5600株"),
    ("产出指标", "数量指标", "古树名木挂牌保护株数", "≥320株"),
    ("产出指标", "质量指标", "绿地养护检查达标率", "≥95%"),
    ("产出指标", "质量指标", "补植苗木存活率", "≥93%"),
    ("产出指标", "时效指标", "春季补植完成时间", "2025年4月30日前"),
    ("效益指标", "社会效益指标", "市民休闲游憩条件", "持续改善"),
    ("效益指标", "生态效益指标", "城区绿化覆盖率", "≥42%"),
    ("成本指标", "经济成本指标", "每平方米绿地年养护成本", "≤6.5元"),
    ("成本指标", "社会成本指标", "养护作业对市民通行的影响", "影响较小"),
    ("成本指标", "生态环境成本指标", "养护用农药使用量", "逐年减少"),
    ("满意度指标", "服务对象满意度指标", "游园市民满意度", "≥91%")])

DEPARTMENT = {"admin": ("机关事务管理局", ["公务用车服务中心", "机关物业管理中心"], [
    ("公务用车运行保障经费",
     ["保障公务出行用车需求，推进公务用车标准化管理"],
     {"数量": [("保障公务出行车次", "≥5200车次"), ("新能源公务车辆更新数", "≥14辆")],
      "质量": [("车辆年检合格率", "100%")],
      "时效": [("用车申请响应时间", "≤30分钟")],
      "成本": [("单车年均运行费用", "≤2.8万元")],
      "社会": [("公务用车社会化服务水平", "稳步提高")],
      "满意度": [("用车单位满意度", "≥92%")]}),
    ("办公用房维修改造项目",
     ["完成机关办公用房屋面防水和消防设施改造，消除安全隐患"],
     {"数量": [("屋面防水改造面积", "≥4800平方米"), ("消防设施更换套数", "≥65套")],
      "质量": [("改造工程验收合格率", "100%")],
      "时效": [("改造工程完工时间", "2025年8月31日前")],
      "成本": [("项目总成本", "≤310万元")],
      "可持续": [("办公用房使用寿命", "有效延长")],
      "满意度": [("入驻单位满意度", "≥90%")]}),
])}


def province_value(nature, number, unit):
    """The target as a person reads it: operator + number + unit; `=` and 定性 are no part."""
    if nature == "定性":
        return number
    return ("" if nature == "=" else nature) + number + unit


def _meta(rng, city, dept_suffix, project, unit, goals):
    dept = city + dept_suffix
    total = content.money(rng, 60, 900)
    carry = rng.choice([0.0, round(total * 0.1, 2)])
    other = rng.choice([0.0, 0.0, round(total * 0.04, 2)])
    fiscal = round(total - carry - other, 2)
    return {"project_name": project, "department": dept, "department_code": str(rng.randint(101, 699)),
            "implementing_unit": rng.choice([dept, city + unit]),
            "project_source": rng.choice(["本级申报项目", "上级转移支付项目"]),
            "project_period": rng.choice(["1年", "3年", "长期"]),
            "funds_total": total, "funds_fiscal": fiscal, "funds_carryover": carry,
            "funds_other": other, "goals": [g + "。" for g in goals]}


def province_form(rng, year):
    suffix, city, project, unit, goals, spec = PROVINCE
    rows = []
    for k in content.ORDER:
        for name, nature, number, u, weight in spec.get(k, []):
            l1, l2 = content.L2[k]
            rows.append({"level1": l1, "level2": l2, "name": name,
                         "value": province_value(nature, number, u),
                         "nature": nature, "number": number, "unit": u, "weight": weight,
                         "direction": "反向指标" if nature == "≤" else "正向指标"})
    inds = [{k: r[k] for k in ("level1", "level2", "name", "value")} for r in rows]
    return {"kind": "project", "year": year, "meta": _meta(rng, city, suffix, project, unit, goals),
            "indicators": inds, "rows": rows, "numbered": True, "layout": "province"}


def selfeval_form(rng, year):
    suffix, city, project, unit, goals, spec = SELFEVAL
    meta = _meta(rng, city, suffix, project, unit, goals)
    # a self-evaluation form prints no 项目来源 / 项目期; funds_total is 全年预算数
    meta["project_source"] = None
    meta["project_period"] = None
    planned = round(meta["funds_total"] * 0.95, 2)
    spent = round(meta["funds_total"] * 0.97, 2)
    rows = []
    for k in content.ORDER:
        for name, target, actual, points, score, why in spec.get(k, []):
            l1, l2 = content.L2[k]
            rows.append({"level1": l1, "level2": l2, "name": name, "value": target,
                         "actual": actual, "points": points, "score": score, "why": why})
    inds = [{k: r[k] for k in ("level1", "level2", "name", "value")} for r in rows]
    return {"kind": "project", "year": year, "meta": meta, "indicators": inds, "rows": rows,
            "planned": planned, "spent": spent, "numbered": True, "layout": "selfeval",
            "done": "全年培训6420人，配置除颤器31台，其余4台结转次年完成。"}


def framework_form(rng, year):
    suffix, city, project, unit, goals, rows = FRAMEWORK
    meta = _meta(rng, city, suffix, project, unit, goals)
    inds = [{"level1": a, "level2": b, "name": c, "value": d} for a, b, c, d in rows]
    return {"kind": "project", "year": year, "meta": meta, "indicators": inds, "numbered": True,
            "layout": "framework2021"}


def department_form(rng, year):
    f = content.department_form(rng, "潞河区", "admin", year, DEPARTMENT)
    f["layout"] = "department"
    return f


FORMS = [("province", "dizhen", province_form), ("selfeval", "hongshizi", selfeval_form),
         ("framework2021", "yuanlin", framework_form), ("department", "jiguan", department_form)]


def document(i):
    """The i-th document (0 ≤ i < 12): (slug, forms, layout, grade) — form i // 3 at grade i % 3."""
    layout, dept, make_form = FORMS[i // 3]
    grade = GRADES[i % 3]
    rng = random.Random(9400 + i // 3)       # the same form at every grade
    year = 2025
    form = make_form(rng, year)
    return f"{dept}-{layout}-{year}-{grade}", [form], layout, grade


N_DOCS = len(FORMS) * len(GRADES)
