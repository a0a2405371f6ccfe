#!/usr/bin/env bash
# Renders the review pages (`tablemend review -o`) of the reference document, the hostile-markup
# document, a harsh OCR document, a made-up bidi/NUL/long-cell document and a 200-table filing
# (scripts/make_filing.py; BIG=1000 adds a 1,000-table one), loads every page in headless
# Chromium at 1280 px, and fails if a page
#   - references the network (`http://`, `https://` anywhere in the file) or is over 5 MB,
#   - logs anything to the console while loading (Chromium run with `--enable-logging=stderr
#     --v=0` prints console messages, uncaught exceptions and Content-Security-Policy violations
#     as `CONSOLE` lines; a canary page with a known console error proves the detector),
#   - opens a dialog: each page is loaded a second time as a probe copy with its CSP removed, so
#     anything script-like from the input would run, and with `alert`/`confirm`/`prompt`/`print`
#     replaced by a console error `DIALOG …` (a canary page calling alert proves the hook),
#   - holds, once parsed (`--dump-dom`), any element the page generator does not write,
#   - has a broken link: every `href="#id"` must have its `id`, and every `href="FILE#id"` its
#     id in FILE of the same page set (checked over the files, so across split pages too),
#   - overflows at 1280 px (the probe measures the page's and each grid pane's scroll width),
#   - takes 3 s or more to parse and lay out (the probe's `performance.now()` after a forced
#     layout; the wall time of the screenshot run is printed beside it),
#   - (bidi document) writes a bidi control or NUL raw, or does not show them as ⟨U+…⟩.
# Screenshots go to target/review/<name>.png (first page of each set; pages and DOMs beside),
# plus suzhou-hrss-2024-table5.png: the reference's table 5 with its funds culprit marked.
# Needs: cargo, python3, chromium (Debian: apt-get install -y chromium fonts-noto-cjk).
# Usage: scripts/render_review.sh   (CHROMIUM=/path/to/chrome, HEIGHT=4000 for taller shots,
#        BIG=1000 to also render and time a 1,000-table filing)
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=${CHROMIUM:-chromium}
OUT=target/review
MAX_BYTES=$((5 * 1024 * 1024))
MAX_MS=3000
# The elements sink/html writes; anything else in a parsed page came from input.
ALLOWED="a b body code dd details div dl dt h1 h2 h3 head header html li mark meta nav ol p q section span style summary table tbody td th title tr ul"

command -v "$CHROMIUM" >/dev/null || { echo "FAIL: $CHROMIUM not found (apt-get install -y chromium)"; exit 1; }
mkdir -p "$OUT"
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT

# browse FILE FLAGS…: headless run at 1280 px, console lines to stderr; stdout kept.
browse() {
    local file=$1; shift
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$PROFILE" --enable-logging=stderr --v=0 --window-size=1280,"${HEIGHT:-2200}" \
        "$@" "file://$(realpath "$file")"
}

console_lines() { grep -E 'CONSOLE|Uncaught' "$@" || true; }

# The dialog hook, first in <head> of a probe copy.
HOOK='<script>for (const f of ["alert","confirm","prompt","print"]) window[f] = (m) => console.error("DIALOG " + f + " " + m);</script>'
# The probe, last in <body>: forces layout, then writes what it measured into the DOM.
PROBE='<script>(function(){var w=document.documentElement.scrollWidth;var over=0;document.querySelectorAll(".pane").forEach(function(p){if(p.scrollWidth>p.clientWidth+1)over++;});var broken=0;document.querySelectorAll("a[href^=\"#\"]").forEach(function(a){if(!document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1))))broken++;});var pre=document.createElement("pre");pre.textContent="PROBE load_ms="+Math.round(performance.now())+" scroll_width="+w+" overflowing_panes="+over+" broken_links="+broken;document.body.appendChild(pre);})();</script>'

# probe_copy PAGE COPY: the page without its CSP, the hook and the probe added.
probe_copy() {
    python3 - "$1" "$2" "$HOOK" "$PROBE" <<'EOF'
import re, sys
page, copy, hook, probe = sys.argv[1:5]
s = open(page, encoding="utf-8").read()
s, n = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", s, count=1)
assert n == 1, "no CSP to remove"
s = s.replace("<head>", "<head>\n" + hook, 1).replace("</body>", probe + "\n</body>", 1)
open(copy, "w", encoding="utf-8").write(s)
EOF
}

echo "== canaries: the detectors must see a known console error and a known dialog"
printf '<!DOCTYPE html><html><body><script>console.error("canary")</script></body></html>\n' >"$OUT/canary.html"
browse "$OUT/canary.html" --dump-dom >/dev/null 2>"$OUT/canary.log"
console_lines "$OUT/canary.log" | grep -q canary \
    || { echo "FAIL: the console detector did not see the canary's error"; exit 1; }
echo "ok   canary console error seen"
printf '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src %s"></head><body><p>x</p><script>alert("dialog-canary")</script></body></html>\n' "'none'" >"$OUT/dialog-canary.html"
probe_copy "$OUT/dialog-canary.html" "$OUT/dialog-canary.probe.html"
browse "$OUT/dialog-canary.probe.html" --dump-dom >"$OUT/dialog-canary.dom.html" 2>"$OUT/dialog-canary.log"
console_lines "$OUT/dialog-canary.log" | grep -q "DIALOG alert dialog-canary" \
    || { echo "FAIL: the dialog hook did not see the canary's alert"; exit 1; }
grep -q "<pre>PROBE load_ms=" "$OUT/dialog-canary.dom.html" \
    || { echo "FAIL: the probe did not run on the canary"; exit 1; }
echo "ok   canary dialog seen (and the probe runs)"

echo "== build and inputs"
cargo build --release -q
python3 scripts/make_filing.py 200 >"$OUT/filing-200.md"
# made-up: bidi controls and NUL in cells, a 10,000-character cell
python3 - "$OUT/bidi-nul.md" <<'EOF'
import sys
rows = ["# 项目支出绩效目标表", "",
        "| 项目名称 | 示例\u202e项目\u0000名称 |", "|---|---|",
        "| 年度目标 | " + "长" * 10000 + " |",
        "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "| | 产出指标 | 数量指标 | 培训\u2066场次 | ≥0.59\u202e场 |",
        "| | 效益指标 | 社会效益指标 | 服务对象覆盖率 | ≥95% |"]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(rows) + "\n")
EOF
DOCS=(corpus/suzhou/suzhou-hrss-2024.md corpus/html/hostile-markup.md
      corpus/lookalike/department-harsh.md "$OUT/bidi-nul.md" "$OUT/filing-200.md")
if [ -n "${BIG:-}" ]; then
    python3 scripts/make_filing.py "$BIG" >"$OUT/filing-$BIG.md"
    DOCS+=("$OUT/filing-$BIG.md")
fi

fail=0
for doc in "${DOCS[@]}"; do
    name=$(basename "${doc%.*}")
    echo "== $doc"
    rm -f "$OUT/$name.html" "$OUT/$name"-[0-9]*.html
    target/release/tablemend review "$doc" -o "$OUT/$name.html"
    pages=("$OUT/$name.html")
    while IFS= read -r f; do pages+=("$f"); done < <(ls "$OUT/$name"-[0-9]*.html 2>/dev/null | sort -V)
    echo "ok   rendered ${#pages[@]} page(s), largest $(wc -c "${pages[@]}" | sort -n | tail -2 | head -1 | awk '{print $1}') bytes"

    # links across the page set: every href="FILE#id" / href="#id" has its id
    if python3 - "${pages[@]}" <<'EOF'
import os, re, sys, urllib.parse
files = sys.argv[1:]
ids = {os.path.basename(f): set(re.findall(r' id="([^"]*)"', open(f, encoding="utf-8").read())) for f in files}
bad, n = [], 0
for f in files:
    this = os.path.basename(f)
    for href in re.findall(r'href="([^"]*)"', open(f, encoding="utf-8").read()):
        target, _, frag = href.partition("#")
        target = urllib.parse.unquote(target) or this
        if target not in ids:
            bad.append(f"{this}: {href} (no such page)")
        elif frag and frag not in ids[target]:
            bad.append(f"{this}: {href} (no such id)")
        n += 1
for b in bad[:10]:
    print("     broken:", b)
print(f"     {n} links over {len(files)} page(s), {len(bad)} broken")
sys.exit(1 if bad else 0)
EOF
    then echo "ok   every link has its target"; else echo "FAIL $name: broken links"; fail=1; fi

    for page in "${pages[@]}"; do
        pn=$(basename "${page%.html}")
        bytes=$(wc -c <"$page")
        [ "$bytes" -le "$MAX_BYTES" ] || { echo "FAIL $pn: $bytes bytes > 5 MB"; fail=1; }
        if grep -q -E 'https?://' "$page"; then echo "FAIL $pn: network reference in the page"; fail=1; fi

        start=$(date +%s%N)
        browse "$page" --screenshot="$OUT/$pn.png" >/dev/null 2>"$OUT/$pn.screenshot.log"
        wall_ms=$(( ($(date +%s%N) - start) / 1000000 ))
        browse "$page" --dump-dom >"$OUT/$pn.dom.html" 2>"$OUT/$pn.dom.log"
        msgs=$(console_lines "$OUT/$pn.screenshot.log" "$OUT/$pn.dom.log")
        [ -z "$msgs" ] || { echo "FAIL $pn: console output while loading:"; echo "$msgs"; fail=1; }
        [ -s "$OUT/$pn.png" ] || { echo "FAIL $pn: no screenshot"; fail=1; }
        [ "$pn" = "$name" ] || rm -f "$OUT/$pn.png"   # keep the first page's screenshot only

        unknown=$(grep -o -E '<[a-zA-Z][a-zA-Z0-9-]*' "$OUT/$pn.dom.html" | tr -d '<' | tr 'A-Z' 'a-z' \
            | sort -u | while read -r tag; do
                case " $ALLOWED " in *" $tag "*) ;; *) printf '%s ' "$tag" ;; esac
            done)
        [ -z "$unknown" ] || { echo "FAIL $pn: elements the generator does not write: $unknown"; fail=1; }

        probe_copy "$page" "$OUT/$pn.probe.html"
        browse "$OUT/$pn.probe.html" --dump-dom >"$OUT/$pn.probe.dom.html" 2>"$OUT/$pn.probe.log"
        msgs=$(console_lines "$OUT/$pn.probe.log")
        [ -z "$msgs" ] || { echo "FAIL $pn: without its CSP the page logs or opens a dialog:"; echo "$msgs"; fail=1; }
        probe=$(grep -o '<pre>PROBE [^<]*' "$OUT/$pn.probe.dom.html" | sed 's/^<pre>//' || true)
        [ -n "$probe" ] || { echo "FAIL $pn: the probe did not run"; fail=1; continue; }
        ms=$(sed -E 's/.*load_ms=([0-9]+).*/\1/' <<<"$probe")
        width=$(sed -E 's/.*scroll_width=([0-9]+).*/\1/' <<<"$probe")
        over=$(sed -E 's/.*overflowing_panes=([0-9]+).*/\1/' <<<"$probe")
        broken=$(sed -E 's/.*broken_links=([0-9]+).*/\1/' <<<"$probe")
        [ "$ms" -lt "$MAX_MS" ] || { echo "FAIL $pn: parse+layout ${ms} ms >= ${MAX_MS} ms"; fail=1; }
        [ "$width" -le 1280 ] || { echo "FAIL $pn: page ${width} px wide at 1280"; fail=1; }
        [ "$over" -eq 0 ] || { echo "FAIL $pn: $over grid pane(s) overflow at 1280 px"; fail=1; }
        [ "$broken" -eq 0 ] || { echo "FAIL $pn: $broken in-page link(s) without target (DOM)"; fail=1; }
        rm -f "$OUT/$pn.probe.html" "$OUT/$pn.probe.dom.html"
        echo "     $pn: $bytes bytes, parse+layout ${ms} ms (screenshot run ${wall_ms} ms wall), width ${width} px"
    done
    echo "ok   pages loaded: no console line, no dialog, only generator elements, fit 1280 px"

    if [ "$name" = bidi-nul ]; then
        if grep -q -P '[\x{202A}-\x{202E}\x{2066}-\x{2069}\x{0}]' "$OUT/$name.html" \
            || ! grep -q '⟨U+202E⟩' "$OUT/$name.html" || ! grep -q '⟨U+0000⟩' "$OUT/$name.html"; then
            echo "FAIL $name: a bidi control or NUL written raw, or not shown"; fail=1
        else
            echo "ok   bidi controls and NUL shown as ⟨U+…⟩, never raw"
        fi
        grep -q '<details class="long"><summary>' "$OUT/$name.html" \
            && echo "ok   the 10,000-character cell is folded" \
            || { echo "FAIL $name: long cell not folded"; fail=1; }
    fi
done

# A picture of the reference's table 5 as a reviewer finds it (headless Chromium draws a
# `#fragment` load blank, so the section is cut into a page of its own): the funds culprit
# marked in the meta line and at its source cell with its suggestion, every record level with
# its source row.
python3 - "$OUT/suzhou-hrss-2024.html" "$OUT/suzhou-hrss-2024-table5.html" <<'EOF'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
head = s.split("</header>", 1)[0] + "</header>\n"
sec = s.split('<section class="form" id="t5">', 1)[1].split("</section>", 1)[0]
assert 'class="finding"' in sec and "one digit" in sec, "table 5 shows no funds finding"
open(sys.argv[2], "w", encoding="utf-8").write(
    head + '<section class="form" id="t5">' + sec + "</section>\n</body>\n</html>\n")
EOF
browse "$OUT/suzhou-hrss-2024-table5.html" --screenshot="$OUT/suzhou-hrss-2024-table5.png" \
    >/dev/null 2>"$OUT/suzhou-hrss-2024-table5.log"
if [ -s "$OUT/suzhou-hrss-2024-table5.png" ]; then
    echo "ok   table 5 of the reference (funds culprit marked): $OUT/suzhou-hrss-2024-table5.png"
else
    echo "FAIL: no screenshot of the reference's table 5"; fail=1
fi

if [ "$fail" -ne 0 ]; then
    echo "render_review: FAILED"
    exit 1
fi
echo "render_review: all pages clean"
