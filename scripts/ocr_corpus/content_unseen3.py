"""Made-up content for the OCR part of the THIRD held-out set (corpus/unseen3/*.html): sectors
that no other corpus family covers (forestry, ethnic and religious affairs, meteorology), other
indicator names, other row counts; same form layouts as content.py.

It exists to measure, once, whether the reader generalises to departments nobody tuned on; the
pages are rasterised at a lower resolution and blurred (`HARSH`) to stand for a poorer scan.
Everything is invented. `document(i)` builds the i-th document deterministically:
(slug, forms, layout), forms as in content.py.
"""
import random

import content

CITIES = ["岩溪县", "白鹭洲市", "雁门县", "松涛区", "青崖市"]

# sector: (department suffix, implementing units, projects) — as content.SECTORS
SECTORS = {
    "forestry": ("林业局", ["国有林场", "林业技术推广站", "森林病虫害防治检疫站"], [
        ("国土绿化和森林抚育项目",
         ["完成人工造林和森林抚育任务，提高森林质量",
          "加强松材线虫病等林业有害生物防控"],
         {"数量": [("人工造林面积", "≥3200亩"), ("中幼林抚育面积", "≥1.1万亩"),
                  ("苗木采购株数", "≥46万株"), ("松材线虫病疫木清理株数", "≥8500株")],
          "质量": [("造林成活率", "≥90%"), ("抚育作业验收合格率", "≥95%")],
          "时效": [("春季造林完成时间", "2025年4月底前"), ("疫木除治及时率", "100%")],
          "成本": [("每亩造林补助标准", "≤500元/亩")],
          "生态": [("森林蓄积量", "稳步增长"), ("林业有害生物成灾率", "≤3‰")],
          "可持续": [("造林地块管护机制", "长期有效")],
          "满意度": [("林农满意度", "≥88%")]}),
    ]),
    "ethnic": ("民族宗教事务局", ["民族团结进步促进中心", "民族语言文字工作站"], [
        ("少数民族发展资金项目",
         ["支持少数民族特色村寨保护与发展，改善村寨基础设施",
          "开展民族团结进步创建活动"],
         {"数量": [("扶持特色村寨个数", "≥7个"), ("创建示范单位数量", "≥15家"),
                  ("双语培训班期数", "≥6期")],
          "质量": [("村寨建设项目验收通过率", "100%"), ("资金使用合规率", "100%")],
          "时效": [("资金下达时限", "≤30日"), ("项目按期完工率", "≥95%")],
          "成本": [("单个村寨补助上限", "≤60万元")],
          "经济": [("带动村民人均增收", "≥800元")],
          "社会": [("各民族交往交流交融", "持续深化")],
          "满意度": [("村寨群众满意度", "≥90%")]}),
    ]),
    "weather": ("气象局", ["气象台", "人工影响天气中心", "气象灾害防御中心"], [
        ("气象防灾减灾能力建设项目",
         ["建设区域自动气象站，完善气象灾害监测预警体系"],
         {"数量": [("新建区域自动气象站", "≥12套"), ("人工增雨作业次数", "≥20次"),
                  ("预警信息发布终端", "≥90块")],
          "质量": [("暴雨预警准确率", "≥85%"), ("站点数据传输到报率", "≥98%")],
          "时效": [("预警信号发布提前量", "≥30分钟"), ("站点建设完成时间", "2025年9月30日前")],
          "成本": [("单套自动站建设成本", "≤8万元")],
          "社会": [("气象灾害损失占GDP比重", "逐年下降")],
          "可持续": [("站网运行维护", "长期稳定")],
          "满意度": [("公众气象服务满意度", "≥90%")]}),
        ("农业气象服务专项经费",
         ["为农业生产提供精细化气象服务"],
         {"数量": [("发布农业气象专题服务材料", "≥40期"), ("建设农业气象观测点", "≥5个")],
          "质量": [("农业气象服务覆盖率", "≥85%")],
          "时效": [("关键农时服务产品发布及时率", "100%")],
          "成本": [("项目总成本", "≤46万元")],
          "经济": [("减少农业气象灾害损失", "有效减少")],
          "满意度": [("种植大户满意度", "≥88%")]}),
    ]),
}


def document(i):
    """The i-th document (0 ≤ i < 3): (slug, forms, layout)."""
    rng = random.Random(9300 + i)
    sector = sorted(SECTORS)[i % len(SECTORS)]
    city = CITIES[i % len(CITIES)]
    year = rng.choice([2025, 2026])
    forms = []
    if i == 2:
        forms.append(content.department_form(rng, city, sector, year, SECTORS))
    for p in SECTORS[sector][2]:
        forms.append(content.project_form(rng, city, sector, p, year, SECTORS))
    layout = ["standard", "narrow", "compact"][i % 3]
    return f"ocr-{sector}-{year}-{i:02d}-{layout}", forms, layout
