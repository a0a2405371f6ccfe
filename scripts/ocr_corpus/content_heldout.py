"""Made-up content for the HELD-OUT OCR family (corpus/ocr_heldout): other departments, other
projects, other indicator names and row counts than content.py, same form layouts.

It exists to measure whether the page-table reader generalises: nothing in the reader or the
vocabulary may be tuned on these documents' strings (look at their misses only to confirm that a
fix made on corpus/ocr holds). Everything is invented. `document(i)` builds the i-th document
deterministically: (slug, forms, layout), forms as in content.py.
"""
import random

import content

CITIES = ["赤岭县", "松江口市", "黎川县", "望海区", "金沙市", "凤鸣县", "玉泉区", "石湾市"]

# sector: (department suffix, implementing units, projects) — as content.SECTORS
SECTORS = {
    "justice": ("司法局", ["公共法律服务中心", "法律援助中心", "社区矫正管理局"], [
        ("公共法律服务体系建设经费",
         ["建成覆盖城乡的公共法律服务实体平台，为群众提供便捷的法律咨询服务",
          "开展法治宣传进村入户，提高基层群众法治意识"],
         {"数量": [("法律援助案件办理件数", "≥680件"), ("村居法律顾问覆盖村数", "≥142个"),
                  ("法治宣传活动场次", "≥75场"), ("人民调解员培训人次", "≥900人次")],
          "质量": [("法律援助案件结案率", "≥96%"), ("矛盾纠纷调解成功率", "≥92%")],
          "时效": [("法律援助申请审查时限", "≤7个工作日")],
          "成本": [("法律援助案件补贴标准", "≤1800元/件")],
          "社会": [("基层群众法治意识", "显著增强"), ("信访案件数量", "同比减少")],
          "满意度": [("受援群众满意度", "≥93%")]}),
    ]),
    "housing": ("住房和城乡建设局", ["城市建设服务中心", "住房保障中心", "建筑工程质量安全监督站"], [
        ("城镇老旧小区改造项目",
         ["完成老旧小区水电气路等基础设施改造，改善居民居住条件",
          "同步推进加装电梯和停车设施建设，补齐小区功能短板",
          "建立改造后长效管理机制"],
         {"数量": [("改造老旧小区个数", "≥27个"), ("惠及居民户数", "≥5400户"),
                  ("加装电梯部数", "≥35部"), ("新增停车泊位数", "≥620个")],
          "质量": [("改造工程竣工验收合格率", "100%"), ("安全生产事故发生次数", "0次")],
          "时效": [("开工率", "2025年6月底前达到100%"), ("改造任务完成时间", "2025年12月31日前")],
          "成本": [("户均改造成本", "≤4.5万元/户")],
          "经济": [("带动相关产业投资", "≥1.1亿元")],
          "社会": [("小区居住环境", "显著改善")],
          "可持续": [("改造后物业管理覆盖率", "≥80%")],
          "满意度": [("小区居民满意度", "≥88%")]}),
        ("城市生活垃圾分类处理项目",
         ["推进生活垃圾分类投放收运体系建设，提高城市生活垃圾资源化利用率"],
         {"数量": [("新建分类投放亭数量", "≥260座"), ("配置分类收运车辆数", "≥18辆")],
          "质量": [("生活垃圾回收利用率", "≥36%")],
          "时效": [("设施投入使用时间", "2025年9月底前")],
          "成本": [("项目总成本", "≤1280万元")],
          "生态": [("生活垃圾无害化处理率", "100%"), ("垃圾填埋量", "逐年减少")],
          "满意度": [("社区居民满意度", "≥85%")]}),
    ]),
    "resources": ("自然资源和规划局", ["不动产登记中心", "地质环境监测站", "测绘院"], [
        ("地质灾害综合防治项目",
         ["完成地质灾害隐患点工程治理和搬迁避让，保障人民群众生命财产安全",
          "完善群测群防监测预警体系"],
         {"数量": [("地质灾害隐患点治理处数", "≥9处"), ("专业监测设备安装套数", "≥64套"),
                  ("搬迁避让户数", "≥120户"), ("群测群防员培训人次", "≥310人次"),
                  ("应急演练场次", "≥22场")],
          "质量": [("治理工程验收合格率", "100%"), ("监测预警信息发布准确率", "≥95%")],
          "时效": [("汛期前治理工程完成率", "≥85%")],
          "成本": [("单处治理工程平均成本", "≤95万元")],
          "社会": [("受威胁群众安全保障程度", "显著提高")],
          "生态": [("治理区植被恢复率", "≥75%")],
          "满意度": [("受益群众满意度", "≥90%")]}),
    ]),
    "medins": ("医疗保障局", ["医疗保障服务中心", "医保基金监管中心"], [
        ("城乡居民医疗救助资金",
         ["资助困难群众参加城乡居民基本医疗保险，减轻困难群众医疗费用负担"],
         {"数量": [("资助参保人数", "≥2.3万人"), ("门诊救助人次", "≥1.6万人次"),
                  ("住院救助人次", "≥4100人次")],
          "质量": [("救助对象参保率", "≥99%"), ("政策范围内住院费用救助比例", "≥70%")],
          "时效": [("救助资金结算时限", "≤30日")],
          "成本": [("年度救助资金总量", "≤预算数")],
          "社会": [("因病致贫返贫发生率", "明显下降")],
          "可持续": [("医疗救助制度运行", "平稳可持续")],
          "满意度": [("救助对象满意度", "≥92%")]}),
        ("医保基金监管专项经费",
         ["开展定点医药机构专项检查，打击欺诈骗取医保基金行为"],
         {"数量": [("定点医药机构检查家数", "≥460家"), ("飞行检查次数", "≥6次")],
          "质量": [("违规问题查处率", "100%")],
          "时效": [("投诉举报处理时限", "≤15个工作日")],
          "成本": [("项目总成本", "≤75万元")],
          "社会": [("追回违规医保基金", "≥300万元")],
          "满意度": [("参保群众满意度", "≥86%")]}),
    ]),
    "commerce": ("商务局", ["电子商务服务中心", "商贸流通促进中心"], [
        ("县域商业体系建设资金",
         ["完善县乡村三级物流配送体系，改造提升乡镇商贸中心和村级便民商店"],
         {"数量": [("改造乡镇商贸中心个数", "≥11个"), ("建设村级寄递物流站点数", "≥150个"),
                  ("培训电商从业人员人次", "≥1200人次")],
          "质量": [("建设项目验收合格率", "100%")],
          "时效": [("项目建设完成时间", "2025年10月31日前")],
          "成本": [("单个乡镇商贸中心补助上限", "≤80万元")],
          "经济": [("农村网络零售额增长率", "≥12%"), ("带动农产品上行销售额", "≥2.6亿元")],
          "社会": [("农村居民购物便利程度", "有效提高")],
          "满意度": [("经营主体满意度", "≥90%"), ("农村消费者满意度", "≥87%")]}),
    ]),
}


def bundle(i):
    """A longer document: one city's department table and every project of two sectors."""
    rng = random.Random(7700 + i)
    sectors = sorted(SECTORS)
    a, b = sectors[i % len(sectors)], sectors[(i + 2) % len(sectors)]
    city = CITIES[(i * 3) % len(CITIES)]
    year = rng.choice([2025, 2026])
    forms = [content.department_form(rng, city, a, year, SECTORS)]
    for sector in (a, b):
        for p in SECTORS[sector][2]:
            forms.append(content.project_form(rng, city, sector, p, year, SECTORS))
    layout = ["standard", "narrow", "compact"][(i + 1) % 3]
    return f"heldout-bundle-{a}-{b}-{year}-{i:02d}-{layout}", forms, layout


def document(i):
    """The i-th held-out document (0 ≤ i < 5): (slug, forms, layout)."""
    if i >= 4:
        return bundle(i)
    rng = random.Random(7700 + i)
    sectors = sorted(SECTORS)
    sector = sectors[(i * 2 + 1) % len(sectors)]
    city = CITIES[(i * 3 + 1) % len(CITIES)]
    year = rng.choice([2025, 2026])
    forms = []
    if i % 2 == 0:
        forms.append(content.department_form(rng, city, sector, year, SECTORS))
    for p in SECTORS[sector][2]:
        forms.append(content.project_form(rng, city, sector, p, year, SECTORS))
    layout = ["narrow", "compact", "standard", "narrow"][i % 4]
    return f"heldout-{sector}-{year}-{i:02d}-{layout}", forms, layout
