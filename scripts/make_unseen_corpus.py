#!/usr/bin/env python3
"""Build the held-out-style corpus for tablemend: made-up departments whose indicator names the
vocabulary has never seen, and harsh look-alike renderings of the reference answer key.

In:  golden/suzhou/suzhou-hrss-2024.json  (through make_derived_corpus: the reference key)
     src/vocab/default.vocab              (only to assert that the made-up names are unknown)
     the made-up departments written below (invented content in the reference's layout)
Out: corpus/unseen/<dept>-<variant>.md     each made-up department rendered four ways:
                                          clean · labels displaced · look-alikes · shifted cells
     golden/unseen/<dept>-<variant>.json   the source data (never tool output)
     corpus/lookalike/<case>.md            the reference tables with OCR look-alikes in names,
                                          labels and values (率→宰, 务→各, 效→郊, 人→入, 量→最,
                                          天→夭, 0→O, 1→l, 万人→万入 …)
     golden/lookalike/<case>.json          the reference key's tables

Rendering reuses make_derived_corpus (same layout, same cell operations). Displaced labels move
to a row inside their group, up onto the rows above it, or onto a label-only row below the
group's last row; every row a displacement leaves under a wrong label has its category evident
from its name or its value (schema rules: counts with a unit → 数量, rates → 质量, dates and time
limits → 时效, money per unit or a total cost → 成本, …). Deterministic: a fixed seed per case.

usage: python3 scripts/make_unseen_corpus.py [-v]
"""
import json
import random
import re
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_derived_corpus as mdc  # noqa: E402

ROOT = mdc.ROOT
VERBOSE = "-v" in sys.argv
L1_OF = mdc.L1_OF
norm = mdc.norm

Q, Z, S, C = "数量指标", "质量指标", "时效指标", "成本指标"
E, SO, EC, SU, M = "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "满意度指标"

# --------------------------------------------------------------------------- made-up departments
# (name, level2, value); everything below is invented.

DEPTS = {
    "edu-meals": dict(
        kind="project", department="青河县教育体育局", code="211", project="农村学生营养餐补助项目",
        unit="青河县教育体育局", source="本级申报项目", period="1年", funds=(386.4, 386.4, 0.0, 0.0),
        goals=["保障农村义务教育阶段学生在校就餐。", "提升学生营养健康水平, 减轻家庭负担"],
        rows=[("受益学生人数", Q, "≥8600人"), ("供餐学校数", Q, "42所"), ("全年供餐天数", Q, "≥200天"),
              ("食堂从业人员培训人次", Q, "≥180人次"),
              ("食品留样检查合格率", Z, "100%"), ("学校食堂规范化管理达标率", Z, "≥95%"),
              ("营养餐食谱公示率", Z, "100%"),
              ("补助资金拨付时限", S, "2024年12月底前"), ("秋季学期供餐启动时间", S, "2024年9月10日前"),
              ("学生营养餐补助标准", C, "5元/生·天"),
              ("经济效益指标", E, "不适用"),
              ("学生营养健康状况改善程度", SO, "逐步改善"), ("学生体质健康达标率", SO, "≥92%"),
              ("生态效益指标", EC, "不适用"),
              ("持续改善农村学生营养状况", SU, "长期"),
              ("学生家长满意度", M, "≥90%")]),
    "health-clinics": dict(
        kind="project", department="临川县卫生健康委员会", code="318", project="基层医疗卫生服务能力提升项目",
        unit="临川县卫生健康委员会", source="上级转移支付项目", period="2年", funds=(264.0, 240.0, 24.0, 0.0),
        goals=["完成村卫生室标准化建设。", "提升乡村医生服务能力。", "做实家庭医生签约服务"],
        rows=[("村卫生室标准化建设数量", Q, "≥36个"), ("乡村医生培训人次", Q, "≥420人次"),
              ("家庭医生签约服务人数", Q, "≥2.6万人"), ("巡回医疗服务次数", Q, "≥12次"),
              ("基本药物配备达标率", Z, "≥90%"), ("慢病患者规范管理率", Z, "≥65%"),
              ("医疗废物处置合格率", Z, "100%"),
              ("设备采购完成时间", S, "2024年9月底前"), ("补助资金发放及时率", S, "100%"),
              ("村卫生室补助标准", C, "≥1.2万元/个"), ("医疗设备购置总成本", C, "≤180万元"),
              ("群众就近就医可及性", SO, "明显提高"), ("基层首诊比例", SO, "逐步提高"),
              ("基层卫生服务网络持续运行", SU, "长期"),
              ("签约居民满意度", M, "≥85%"), ("乡村医生满意度", M, "≥85%")]),
    "agri-fields": dict(
        kind="project", department="东岭县农业农村局", code=None, project="高标准农田建设项目",
        unit="东岭县农田建设服务中心", source="本级申报项目", period="2年", funds=(1920.0, 1800.0, 120.0, 0.0),
        goals=["新建高标准农田1.5万亩, 配套灌排和田间道路。", "提升耕地质量和粮食综合生产能力"],
        rows=[("新建高标准农田面积", Q, "≥1.5万亩"), ("新修田间道路里程", Q, "≥18公里"),
              ("新增灌溉泵站", Q, "6座"), ("新建排水沟渠长度", Q, "≥26公里"),
              ("工程验收合格率", Z, "100%"), ("耕地质量等级提升", Z, "≥0.5个等级"),
              ("项目开工时间", S, "2024年3月"), ("工程完工时间", S, "2024年11月底前"),
              ("亩均建设成本", C, "≤1500元/亩"),
              ("亩均粮食增产", E, "≥50公斤"),
              ("带动农户增收户数", SO, "≥3200户"),
              ("农田灌溉水有效利用系数", EC, "≥0.6"), ("化肥施用量", EC, "逐年减少"),
              ("工程设施发挥效益年限", SU, "≥15年"),
              ("受益农户满意度", M, "≥90%")]),
    "water-supply": dict(
        kind="project", department="南溪县水利局", code="427", project="农村供水保障工程",
        unit="南溪县农村饮水安全管理站", source="本级申报项目", period="1年", funds=(1035.8, 1035.8, 0.0, 0.0),
        goals=["新建改造农村供水管网, 巩固提升农村供水保障水平"],
        rows=[("新建改造供水管网长度", Q, "≥62公里"), ("受益人口数量", Q, "≥4.3万人"),
              ("水质检测点位数", Q, "≥24个"), ("更新入户水表", Q, "≥5100只"),
              ("农村自来水普及率", Z, "≥96%"), ("出厂水水质达标率", Z, "≥95%"), ("管网漏损率", Z, "≤10%"),
              ("主体工程完成时间", S, "2024年10月31日前"), ("故障抢修响应时限", S, "≤24小时"),
              ("单位供水管网造价", C, "≤28万元/公里"),
              ("减少群众取水支出", E, "有效减少"),
              ("农村居民饮水安全保障水平", SO, "明显提升"), ("供水服务人口覆盖率", SO, "≥96%"),
              ("水源地保护区划定", EC, "全部划定"),
              ("供水工程管护机制", SU, "长效运行"),
              ("受益群众满意度", M, "≥90%")]),
    "transport-roads": dict(
        kind="project", department="西屏县交通运输局", code="505", project="农村公路养护工程",
        unit="西屏县公路事业发展中心", source="上级转移支付项目", period="1年", funds=(498.0, 420.0, 0.0, 78.0),
        goals=["完成农村公路日常养护和危桥改造。", "改善群众出行条件"],
        rows=[("养护农村公路里程", Q, "≥320公里"), ("危桥改造座数", Q, "≥5座"),
              ("安装安防设施长度", Q, "≥42公里"), ("开展路况巡查", Q, "≥1次/周"),
              ("公路优良中等路率", Z, "≥85%"), ("养护工程验收合格率", Z, "100%"),
              ("年度养护任务完成时间", S, "2024年12月底前"), ("路面病害处置及时率", S, "≥95%"),
              ("每公里养护补助标准", C, "≥0.7万元/公里"), ("养护工程总投资", C, "≤498万元"),
              ("群众出行条件", SO, "明显改善"), ("沿线群众出行时间缩短", SO, "有效缩短"),
              ("路域环境整治", EC, "持续改善"),
              ("农村公路管养长效机制", SU, "健全"),
              ("沿线群众满意度", M, "≥90%")]),
    "culture-dept": dict(
        kind="department", department="北川县文化旅游体育局", code=None, project=None,
        unit=None, source=None, period=None, funds=(712.6, 712.6, None, 0.0),
        goals=["按照年度工作安排, 开展文化惠民演出, 更新农家书屋图书, 做好文物安全和非遗保护工作"],
        rows=[("送戏下乡场次", Q, "≥120场"), ("农家书屋图书更新册数", Q, "≥1.8万册"),
              ("公共文化场馆免费开放天数", Q, "≥300天"), ("非遗传承人培训人数", Q, "≥60人"),
              ("文物安全巡查覆盖率", Z, "100%"), ("公共文化设施达标率", Z, "≥90%"),
              ("演出安全事故发生率", Z, "0"),
              ("文化惠民活动完成时间", S, "2024年11月底前"), ("图书采购完成时限", S, "2024年6月30日前"),
              ("每场演出补助标准", C, "≤0.8万元/场"),
              ("带动文旅消费", E, "有效带动"),
              ("群众文化获得感", SO, "明显增强"), ("基层文艺团队数量增长", SO, "≥10支"),
              ("生态效益指标", EC, "不适用"),
              ("持续推进公共文化服务均等化", SU, "长期"),
              ("群众观演满意度", M, "≥92%")]),
    "civil-elderly": dict(
        kind="project", department="安平县民政局", code="612", project="居家养老服务补贴项目",
        unit="安平县民政局", source="本级申报项目", period="3年", funds=(156.2, 156.2, 0.0, 0.0),
        goals=["为经济困难的高龄、失能老人提供居家养老上门服务。", "完善社区养老服务网络"],
        rows=[("享受上门服务老人数", Q, "≥1500人"), ("建成社区助餐点", Q, "≥12个"),
              ("全年上门服务工时", Q, "≥3.6万小时"),
              ("服务对象核查准确率", Z, "100%"), ("服务工单回访比例", Z, "≥30%"),
              ("服务补贴按月发放", S, "每月10日前"),
              ("人均服务补贴标准", C, "≤100元/人·月"),
              ("减轻老人家庭照护支出", E, "有效减轻"),
              ("老年人生活质量", SO, "逐步提高"), ("助餐服务覆盖老人比例", SO, "≥60%"),
              ("养老服务网络持续完善", SU, "持续完善"),
              ("居家老人及家属满意度", M, "≥90%"), ("老人家属投诉率", M, "≤1%")]),
}

# --------------------------------------------------------------------------- evidence

COUNT_UNITS = "人次个所天座公里亩册户家场次只小时支条项"
DATE_RE = re.compile(r"(\d{4}年|\d+月|日前|月底|小时$|^每月|^每年)")
MONEY_RE = re.compile(r"元/|元$")


def evident(name, value):
    """The category a reader gets from the name's meaning or the value's type; None if open."""
    m = mdc.meaning(name)
    if m:
        return m[1]
    v = value or ""
    if MONEY_RE.search(v) or "总投资" in name or "总成本" in name:
        return C
    if DATE_RE.search(v) or name.endswith(("时限", "时间")):
        return S
    if v.endswith("%"):
        return Z
    if re.search(r"\d", v) and v[-1:] in COUNT_UNITS:
        return Q
    return None


def truth_of(key):
    d = DEPTS[key]
    meta = {"project_name": d["project"], "department": d["department"],
            "department_code": d["code"], "implementing_unit": d["unit"],
            "project_source": d["source"], "project_period": d["period"],
            "funds_total": d["funds"][0], "funds_fiscal": d["funds"][1],
            "funds_carryover": d["funds"][2], "funds_other": d["funds"][3], "goals": d["goals"]}
    if d["kind"] == "department":
        meta["department_code"] = None
    inds = [{"level1": L1_OF[l2], "level2": l2, "name": n, "value": v} for n, l2, v in d["rows"]]
    return {"kind": d["kind"], "year": 2024, "meta": meta, "indicators": inds}


def vocab_names():
    text = (ROOT / "src" / "vocab" / "default.vocab").read_text(encoding="utf-8")
    names, on = set(), False
    for line in text.splitlines():
        if line.startswith("["):
            on = line.strip() == "[indicator]"
        elif on and "|" in line:
            names.add(norm(line.split("|")[0]))
    return names


# --------------------------------------------------------------------------- corruptions

def clear(row):
    return row.t["value"] is not None and evident(row.t["name"], row.t["value"]) == row.t["level2"]


def displace(tbl, rng, k=3):
    """Move up to k level2 labels: inside their group, up onto the previous group's rows, or onto
    a label-only row below the group's last row. Only across rows whose category is evident."""
    rows = tbl.rows
    starts = tbl.group_starts()
    ends = starts[1:] + [len(rows)]
    taken = set()
    moved = 0
    for g in rng.sample(range(len(starts)), len(starts)):
        if moved >= k:
            break
        r, e = starts[g], ends[g]
        if g in taken or g - 1 in taken or g + 1 in taken or mdc.is_label(rows[r].t["name"]):
            continue
        if not rows[r].l2 or rows[r].ops:
            continue
        opts = []
        for p in range(r + 1, e):                           # inside the group
            if all(clear(x) for x in rows[r:p]) and not rows[p].ops:
                opts.append(("inside", p))
        if g > 0:
            for p in range(r - 1, max(starts[g - 1], r - 3), -1):   # up onto the previous group
                if all(clear(x) for x in rows[p:r]) and not rows[p].l2 and not rows[p].ops:
                    opts.append(("up", p))
        if e - r <= 4 and all(clear(x) for x in rows[r:e]) and g + 1 < len(starts):
            opts.append(("below", e))
        if not opts:
            continue
        how, p = rng.choice(opts)
        l1, l2 = rows[r].l1, rows[r].l2
        rows[r].l1 = rows[r].l2 = ""
        if how == "below":
            rows[e].before.append(["", "", l2] + [""] * (tbl.width - 3))
            if l1:     # the level1 label stays on the group's first row
                rows[r].l1 = l1
        else:
            rows[p].l1, rows[p].l2 = l1, l2
        taken.add(g)
        moved += 1
        tbl.note(f"label {l2} {how} -> row {p} ({rows[min(p, len(rows) - 1)].name})")
    return moved


NAME_LOOK = [("率", "宰"), ("务", "各"), ("效", "郊"), ("人", "入"), ("量", "最"), ("天", "夭"),
             ("已", "己"), ("未", "末"), ("日", "曰"), ("土", "士")]
LABEL_LOOK = [("效益", "郊益"), ("质量", "质最"), ("数量", "数最")]


def look_name(text, rng):
    spots = [(i, dst) for i, ch in enumerate(text) for src, dst in NAME_LOOK if ch == src]
    if not spots:
        return text
    i, dst = rng.choice(spots)
    return text[:i] + dst + text[i + 1:]


def look_value(text, rng):
    v = text
    m = [i for i, ch in enumerate(v) if ch in "01"]
    if m:
        for i in rng.sample(m, min(len(m), rng.choice([1, 2]))):
            v = v[:i] + ("O" if v[i] == "0" else "l") + v[i + 1:]
    if "万人" in v:
        v = v.replace("万人", "万入")
    elif v.endswith("人") and rng.random() < 0.5:
        v = v[:-1] + "入"
    return v


def lookalikes(tbl, rng, p_name=0.45, p_value=0.5, labels=True):
    for r in tbl.rows:
        if mdc.is_label(r.t["name"]):
            continue
        if r.name == r.t["name"] and isinstance(r.name, str) and rng.random() < p_name:
            bad = look_name(r.name, rng)
            if bad != r.name:
                r.name = bad
                tbl.note(f"look-alike name {bad} ({r.t['name']})")
        if r.t["value"] and r.value == r.t["value"] and rng.random() < p_value:
            bad = look_value(r.value, rng)
            if bad != r.value:
                r.value = bad
                tbl.note(f"look-alike value {bad} ({r.t['value']})")
        if labels:
            for f in ("l1", "l2"):
                text = getattr(r, f)
                if isinstance(text, str) and text:
                    for src, dst in LABEL_LOOK:
                        if src in text and rng.random() < 0.5:
                            setattr(r, f, text.replace(src, dst))
                            tbl.note(f"look-alike label {getattr(r, f)}")


WORD_LOOK = [("目", "日"), ("不", "个")]   # printed characters common in their own right


def word_lookalikes(tbl, rng, p=0.7):
    """日 for 目 and 个 for 不 (as real OCR engines print them) in names, values and the meta
    keys of the key column; the truth keeps the right text."""
    def misprint(text):
        spots = [(i, dst) for i, ch in enumerate(text) for src, dst in WORD_LOOK if ch == src]
        if not spots:
            return text
        i, dst = rng.choice(spots)
        return text[:i] + dst + text[i + 1:]

    for r in tbl.rows:
        if mdc.is_label(r.t["name"]):
            continue
        if r.name == r.t["name"] and isinstance(r.name, str) and rng.random() < p:
            bad = misprint(r.name)
            if bad != r.name:
                r.name = bad
                tbl.note(f"word look-alike name {bad} ({r.t['name']})")
        if r.t["value"] and r.value == r.t["value"] and rng.random() < p:
            bad = misprint(r.value)
            if bad != r.value:
                r.value = bad
                tbl.note(f"word look-alike value {bad} ({r.t['value']})")
    meta_rows = tbl.meta_rows

    def damaged_meta_rows():
        rows, header = meta_rows()
        return [[misprint(r[0])] + r[1:] if r else r for r in rows], header

    tbl.meta_rows = damaged_meta_rows


def shifts(tbl, rng):
    n = len([r for r in tbl.rows if r.plain()])
    if n >= 6:
        mdc.shift_right_singles(tbl, rng, min(2, n // 6))
    try:
        mdc.shift_left_runs(tbl, rng, [1], lens=(2, 3))
    except AssertionError:
        tbl.note("no run to shift left")
    if n >= 8:
        mdc.extra_column(tbl, rng, min(2, n // 8))


# --------------------------------------------------------------------------- cases

VARIANTS = ["clean", "labels", "lookalikes", "shifted"]


def unseen_case(key, variant, rng):
    tbl = mdc.Table(truth_of(key))
    if variant == "labels":
        assert displace(tbl, rng) >= 2, key
    elif variant == "lookalikes":
        lookalikes(tbl, rng)
    elif variant == "shifted":
        displace(tbl, rng, k=2)
        shifts(tbl, rng)
        lookalikes(tbl, rng, p_name=0.2, p_value=0.25, labels=False)
    return [tbl]


def lookalike_cases():
    groups = [("department", [mdc.DEPT]), ("rs-zh", [mdc.P_RS, mdc.P_ZH]), ("jb-sz", [mdc.P_JB, mdc.P_SZ]),
              ("jy-zj-px", [mdc.P_JY, mdc.P_ZJ, mdc.P_PX])]
    for name, projects in groups:
        for harsh in ("light", "harsh"):
            def fn(rng, projects=projects, harsh=harsh):
                tbls = [mdc.T(p) for p in projects]
                for t in tbls:
                    if harsh == "harsh":
                        lookalikes(t, rng, p_name=0.5, p_value=0.5)
                    else:
                        lookalikes(t, rng, p_name=0.2, p_value=0.2, labels=False)
                return tbls
            yield f"{name}-{harsh}", fn
    for name, projects in groups[1:3]:
        def words(rng, projects=projects):
            tbls = [mdc.T(p) for p in projects]
            for t in tbls:
                word_lookalikes(t, rng)
            return tbls
        yield f"{name}-words", words


def write_family(family, cases, keep=()):
    """Write each case's document and golden; remove the family's other .md/.json files, except
    the goldens of the documents in `keep` (paths whose stem names a golden to leave)."""
    out_md, out_gold = ROOT / "corpus" / family, ROOT / "golden" / family
    out_md.mkdir(parents=True, exist_ok=True)
    out_gold.mkdir(parents=True, exist_ok=True)
    written = {out_gold / f"{Path(k).stem}.json" for k in keep}
    for name, fn in cases:
        rng = random.Random(zlib.crc32(f"{family}/{name}".encode("utf-8")))
        tables = fn(rng)
        md = "\n".join(t.render(rng) for t in tables)
        gold = {"source": f"corpus/{family}/{name}.md", "tables": [t.golden() for t in tables]}
        (out_md / f"{name}.md").write_text("\n" + md, encoding="utf-8")
        (out_gold / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n",
                                               encoding="utf-8")
        written |= {out_md / f"{name}.md", out_gold / f"{name}.json"}
        n = sum(len(t["indicators"]) for t in gold["tables"])
        print(f"{family}/{name:28s} {len(tables)} table(s), {n:3d} indicators")
        if VERBOSE:
            for t in tables:
                for msg in t.log:
                    print(f"    [{t.label}] {msg}")
    for d, ext in ((out_md, "*.md"), (out_gold, "*.json")):
        for p in sorted(d.glob(ext)):
            if p not in written:
                p.unlink()


def main():
    known = vocab_names()
    for key in DEPTS:
        for n, _, _ in DEPTS[key]["rows"]:
            assert mdc.is_label(n) or norm(n) not in known, f"{n} is in the vocabulary"
    cases = [(f"{k}-{v}", (lambda rng, k=k, v=v: unseen_case(k, v, rng))) for k in DEPTS for v in VARIANTS]
    write_family("unseen", cases)
    write_family("lookalike", list(lookalike_cases()))


if __name__ == "__main__":
    main()
