#!/usr/bin/env bash
# Renders the review page (`tablemend review`) of the reference document and of the
# hostile-markup document, loads each in headless Chromium, and fails if the page
#   - references the network (`http://`, `https://` anywhere in the file),
#   - logs anything to the console while loading (Chromium run with `--enable-logging=stderr
#     --v=0` prints every console message, uncaught exception and Content-Security-Policy
#     violation — an injected script would be one — as an `INFO:CONSOLE` line on stderr; a canary
#     page with a known console error is loaded first to prove the detector sees such lines),
#   - holds, once parsed (`--dump-dom`), any element the page generator does not write: a
#     `<script>` or `<img onerror=…>` from input text would be one, so none can have run.
# Screenshots go to target/review/<name>.png (the pages and dumped DOMs beside them).
# Needs: cargo, chromium (Debian: apt-get install -y chromium fonts-noto-cjk).
# Usage: scripts/render_review.sh   (CHROMIUM=/path/to/chrome to use another binary)
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=${CHROMIUM:-chromium}
OUT=target/review
DOCS=(corpus/suzhou/suzhou-hrss-2024.md corpus/html/hostile-markup.md)
# The elements sink/html writes; anything else in a parsed page came from input.
ALLOWED="a b body code dd div dl dt h1 h2 h3 head header html li meta ol p q section span style table tbody td th title tr ul"

command -v "$CHROMIUM" >/dev/null || { echo "FAIL: $CHROMIUM not found (apt-get install -y chromium)"; exit 1; }
mkdir -p "$OUT"
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT

# chromium FLAGS… FILE: headless run, console lines to stderr; stdout kept.
browse() {
    local file=$1; shift
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$PROFILE" --enable-logging=stderr --v=0 "$@" "file://$(realpath "$file")"
}

console_lines() { grep -E 'CONSOLE|Uncaught' "$1" || true; }

echo "== canary: the console detector must see a known error"
printf '<!DOCTYPE html><html><body><script>console.error("canary")</script></body></html>\n' >"$OUT/canary.html"
browse "$OUT/canary.html" --dump-dom >/dev/null 2>"$OUT/canary.log"
if ! console_lines "$OUT/canary.log" | grep -q canary; then
    echo "FAIL: the console detector did not see the canary's error; cannot check pages"
    exit 1
fi
echo "ok   canary error seen"

echo "== build"
cargo build --release -q

fail=0
for doc in "${DOCS[@]}"; do
    name=$(basename "${doc%.*}")
    page="$OUT/$name.html"
    echo "== $doc"
    target/release/tablemend review "$doc" -o "$page"
    echo "ok   rendered $page ($(wc -c <"$page") bytes)"

    if grep -n -E 'https?://' "$page"; then
        echo "FAIL $name: network reference in the page"; fail=1
    else
        echo "ok   no http:// or https:// reference"
    fi

    browse "$page" --window-size=1600,"${HEIGHT:-2200}" --screenshot="$OUT/$name.png" \
        >/dev/null 2>"$OUT/$name.screenshot.log"
    browse "$page" --dump-dom >"$OUT/$name.dom.html" 2>"$OUT/$name.dom.log"
    msgs=$(cat "$OUT/$name.screenshot.log" "$OUT/$name.dom.log" | grep -E 'CONSOLE|Uncaught' || true)
    if [ -n "$msgs" ]; then
        echo "FAIL $name: console output while loading:"; echo "$msgs"; fail=1
    else
        echo "ok   no console message (screenshot and DOM runs)"
    fi
    [ -s "$OUT/$name.png" ] && echo "ok   screenshot $OUT/$name.png" || { echo "FAIL $name: no screenshot"; fail=1; }

    if [ ! -s "$OUT/$name.dom.html" ]; then
        echo "FAIL $name: empty DOM dump"; fail=1; continue
    fi
    unknown=$(grep -o -E '<[a-zA-Z][a-zA-Z0-9-]*' "$OUT/$name.dom.html" | tr -d '<' | tr 'A-Z' 'a-z' \
        | sort -u | while read -r tag; do
            case " $ALLOWED " in *" $tag "*) ;; *) printf '%s ' "$tag" ;; esac
        done)
    if [ -n "$unknown" ]; then
        echo "FAIL $name: elements the generator does not write: $unknown"; fail=1
    else
        echo "ok   parsed DOM has only generator elements ($(grep -o "<td" "$OUT/$name.dom.html" | wc -l) cells)"
    fi
    if grep -q -i -E '<(script|img|iframe|object|embed)' "$OUT/$name.dom.html"; then
        echo "FAIL $name: script/img element in the parsed DOM"; fail=1
    else
        escaped=$( (grep -o -E '&lt;(script|img)' "$OUT/$name.dom.html" || true) | wc -l)
        echo "ok   no script/img element in the parsed DOM ($escaped escaped &lt;script/&lt;img shown as text)"
    fi
done

if [ "$fail" -ne 0 ]; then
    echo "render_review: FAILED"
    exit 1
fi
echo "render_review: all pages clean"
