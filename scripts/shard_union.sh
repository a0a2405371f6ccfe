#!/usr/bin/env bash
# Proves that `tablemend extract --shard K/N` splits a bulk run without losing or repeating
# anything: the N shard outputs, merged with the README's recipes exactly as printed there, are
# exactly the output of one single run — for JSONL, CSV and SQLite.
#
# In:   DIR (optional argument) — a folder of inputs (walked like `tablemend extract DIR`).
#       Without it, COPIES (default 10) copies of corpus/ go into a temporary folder
#       (10 copies of every corpus document).
#       Environment: N (default 4) shards, COPIES (default 10), JOBS (default 1) threads per
#       tablemend process.
# Does: cargo build --release; one single run `extract DIR -f jsonl -o single.jsonl`; then N
#       separate processes `extract DIR --shard K/N -f jsonl -o out/part-K.jsonl`, K = 1..N, run
#       in parallel with `xargs -P N` (always available; GNU parallel is not needed), each with
#       its default sidecars (out/part-K.jsonl.documents, out/part-K.jsonl.errors) beside it.
#       Then, in that folder, the README's merge `cat out/part-*.jsonl > all.jsonl` (the string
#       is read from README.md, so the test is of the recipe as printed) and checks
#         - sorted(all.jsonl) == sorted(single.jsonl), byte for byte (no sidecar line mixed in),
#         - no line appears twice in the union (and none twice in the single run),
#         - the shards are disjoint by `source`, and by input (each part's documents ledger
#           names the inputs it completed: no input in two ledgers),
#         - every input is accounted for: the union of the ledgers is the single run's ledger,
#           and its size is the number of input files found by `find`,
#         - every process exited 0 (3 = some inputs failed is accepted only if the single run
#           also exited 3 and the union of the shards' errors files names the same inputs).
#       The same again with the input given as a `--files-from LIST` file instead of DIR.
#       Then CSV and SQLite shards of DIR, merged with the README's CSV `awk` line and its SQLite
#       script (the ```sh block from `cp out/part-1.db all.db` to `done`, cut out of README.md
#       and run as it is), compared with single runs: CSV sorted line for line (one header),
#       SQLite row for row (documents, tables, indicators, repairs, unassigned, diagnostics by
#       path).
# Out:  a PASS/FAIL line per check with counts, and a final PASS (exit 0) or FAIL (exit 1);
#       exit 2 for a setup error (build failed, no inputs, jq missing). Temporary files are
#       removed on exit (KEEP=1 keeps them and prints where).
# Needs: cargo, jq, sqlite3, coreutils, findutils (xargs). Run by hand, not part of CI:
#   scripts/shard_union.sh                 # 4 shards over 10 copies of corpus/
#   N=3 COPIES=5 scripts/shard_union.sh    # 3 shards over 5 copies
#   scripts/shard_union.sh path/to/docs    # your own folder
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-4}
COPIES=${COPIES:-10}
JOBS=${JOBS:-1}
BIN=$PWD/target/release/tablemend

die() { echo "shard_union: $*" >&2; exit 2; }
[[ $N =~ ^[1-9][0-9]*$ ]] || die "N must be a positive integer (got '$N')"
[[ $COPIES =~ ^[1-9][0-9]*$ ]] || die "COPIES must be a positive integer (got '$COPIES')"
command -v jq >/dev/null || die "jq not found (Debian: apt-get install -y jq)"
command -v sqlite3 >/dev/null || die "sqlite3 not found (Debian: apt-get install -y sqlite3)"

# The README's merge recipes, exactly as printed (a README that no longer prints them fails).
JSONL_MERGE='cat out/part-*.jsonl > all.jsonl'
CSV_MERGE="awk 'FNR > 1 || NR == 1' out/part-*.csv > all.csv"
for recipe in "$JSONL_MERGE" "$CSV_MERGE"; do
    grep -qF "\`$recipe\`" README.md || die "README.md no longer prints \`$recipe\`"
done
SQLITE_MERGE=$(sed -n '/^cp out\/part-1\.db all\.db$/,/^done$/p' README.md)
[[ -n $SQLITE_MERGE ]] || die "README.md no longer prints the SQLite merge"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/shard_union.XXXXXX")
cleanup() {
    if [[ ${KEEP:-0} == 1 ]]; then echo "shard_union: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

echo "== cargo build --release"
cargo build --release --quiet || die "cargo build --release failed"

if [[ $# -ge 1 ]]; then
    [[ -d $1 ]] || die "$1 is not a directory"
    IN=$(cd "$1" && pwd)
else
    IN=$WORK/in
    mkdir -p "$IN"
    for i in $(seq -w 1 "$COPIES"); do cp -r corpus "$IN/copy-$i"; done
fi
# The files tablemend takes from a directory by default (--ext md,markdown,html,htm,txt),
# following symlinks as it does (a dangling link is an input too: one that fails).
{ find -L "$IN" \( -type f -o -type l \) \( -iname '*.md' -o -iname '*.markdown' -o -iname '*.html' \
    -o -iname '*.htm' -o -iname '*.txt' \) 2>/dev/null || true; } | LC_ALL=C sort >"$WORK/files.txt"
NFILES=$(wc -l <"$WORK/files.txt")
[[ $NFILES -gt 0 ]] || die "no input files under $IN"
echo "== input: $IN ($NFILES files), $N shards, -j $JOBS per process"

FAILS=0
check() { # check NAME DETAIL COMMAND…: PASS when COMMAND succeeds
    local name=$1 detail=$2; shift 2
    if "$@"; then echo "  PASS  $name  ($detail)"; else echo "  FAIL  $name  ($detail)"; FAILS=$((FAILS + 1)); fi
}
same() { cmp -s "$1" "$2"; }
is() { [[ $1 == "$2" ]]; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
secs() { printf '%d.%02d' $(($1 / 1000)) $(($1 % 1000 / 10)); }
paths_of() { jq -r .path "$@" | LC_ALL=C sort; }        # ledger(s) → sorted input paths
sources_of() { jq -r .source "$1" | LC_ALL=C sort -u; }  # JSONL → sorted distinct sources
count() { wc -l <"$1" | tr -d ' '; }

# shards FORMAT EXT DIR ARGS… : N processes at once write DIR/out/part-K.EXT; each records its
# exit status in DIR/part-K.rc (xargs alone only says "some failed").
shards() {
    local format=$1 ext=$2 dir=$3; shift 3
    seq 1 "$N" | xargs -P "$N" -I{} sh -c '
        bin=$1; dir=$2; k=$3; n=$4; jobs=$5; format=$6; ext=$7; shift 7
        rc=0
        "$bin" extract "$@" --shard "$k/$n" -f "$format" -q -j "$jobs" -o "$dir/out/part-$k.$ext" \
            || rc=$?
        echo "$rc" >"$dir/part-$k.rc"
    ' sh "$BIN" "$dir" {} "$N" "$JOBS" "$format" "$ext" "$@"
}

# run_mode LABEL ARGS… : the single run and the sharded run over the inputs named by ARGS.
run_mode() {
    local label=$1; shift
    local dir=$WORK/$label
    mkdir -p "$dir"
    echo "== $label: tablemend extract $* -f jsonl"

    local t0 single_rc=0
    t0=$(now_ms)
    "$BIN" extract "$@" -f jsonl -q -j "$JOBS" -o "$dir/single.jsonl" || single_rc=$?
    echo "  single run: exit $single_rc, $(secs $(($(now_ms) - t0))) s"
    [[ $single_rc == 0 || $single_rc == 3 ]] || die "single run failed (exit $single_rc)"

    # N processes at once; each records its own exit status (xargs alone only says "some failed").
    t0=$(now_ms)
    mkdir -p "$dir/out"
    shards jsonl jsonl "$dir" "$@"
    echo "  sharded run: $N processes in parallel, $(secs $(($(now_ms) - t0))) s wall"

    local k rc lines bad_rc=0
    for k in $(seq 1 "$N"); do
        rc=$(cat "$dir/part-$k.rc" 2>/dev/null || echo missing)
        [[ -f $dir/out/part-$k.jsonl ]] || : >"$dir/out/part-$k.jsonl"
        [[ -f $dir/out/part-$k.jsonl.documents ]] || : >"$dir/out/part-$k.jsonl.documents"
        lines=$(count "$dir/out/part-$k.jsonl")
        echo "  shard $k/$N: exit $rc, $(count "$dir/out/part-$k.jsonl.documents") inputs, $lines records"
        if [[ $rc != 0 && ! ($rc == 3 && $single_rc == 3) ]]; then bad_rc=1; fi
    done
    check "shard exit codes" "single run exit $single_rc" is "$bad_rc" 0

    (cd "$dir" && eval "$JSONL_MERGE")
    LC_ALL=C sort "$dir/single.jsonl" >"$dir/single.sorted"
    parts() { local k; for k in $(seq 1 "$N"); do echo "$dir/out/part-$k$1"; done; }
    LC_ALL=C sort "$dir/all.jsonl" >"$dir/union.sorted"
    local s u
    s=$(count "$dir/single.sorted"); u=$(count "$dir/union.sorted")
    check "README merge, sorted == sorted single run" "$u merged lines, $s single lines" \
        same "$dir/single.sorted" "$dir/union.sorted"
    if ! same "$dir/single.sorted" "$dir/union.sorted"; then
        { diff "$dir/single.sorted" "$dir/union.sorted" || true; } | head -5 | cut -c1-200 | sed 's/^/        /' || true
    fi

    local dup_u dup_s
    dup_u=$(uniq -d "$dir/union.sorted" | wc -l); dup_s=$(uniq -d "$dir/single.sorted" | wc -l)
    check "no duplicate lines" "$dup_u repeated in union, $dup_s in single run" is "$dup_u/$dup_s" 0/0

    # disjoint by source: each source's records all come from one shard
    for k in $(seq 1 "$N"); do sources_of "$dir/out/part-$k.jsonl"; done | LC_ALL=C sort >"$dir/sources.all"
    local nsrc dup_src
    nsrc=$(count "$dir/sources.all"); dup_src=$(uniq -d "$dir/sources.all" | wc -l)
    check "shards disjoint by source" "$nsrc sources with records, $dup_src in two shards" is "$dup_src" 0
    sources_of "$dir/single.jsonl" >"$dir/sources.single"
    check "same sources as single run" "$(count "$dir/sources.single") in single run" \
        same "$dir/sources.single" "$dir/sources.all"

    # every input accounted for, once: the ledgers (completed inputs) and errors files (failed)
    paths_of $(parts .jsonl.documents) >"$dir/done.union"
    paths_of "$dir/single.jsonl.documents" >"$dir/done.single"
    local ndone dup_done
    ndone=$(count "$dir/done.union"); dup_done=$(uniq -d "$dir/done.union" | wc -l)
    check "shards disjoint by input" "$ndone inputs done, $dup_done in two ledgers" is "$dup_done" 0
    check "shard ledgers == single-run ledger" "$(count "$dir/done.single") in single run" \
        same "$dir/done.single" "$dir/done.union"
    local nfail_u=0 nfail_s=0
    cat $(parts .jsonl.errors) 2>/dev/null | jq -r .path | LC_ALL=C sort >"$dir/failed.union" || true
    { [[ -f $dir/single.jsonl.errors ]] && jq -r .path "$dir/single.jsonl.errors"; } \
        | LC_ALL=C sort >"$dir/failed.single" || true
    nfail_u=$(count "$dir/failed.union"); nfail_s=$(count "$dir/failed.single")
    check "same failed inputs" "$nfail_u failed in shards, $nfail_s in single run" \
        same "$dir/failed.single" "$dir/failed.union"
    check "every input accounted for" "$ndone done + $nfail_u failed = $((ndone + nfail_u)) of $NFILES files" \
        is "$((ndone + nfail_u))" "$NFILES"
}

# sqlite_rows DB: every row of every table, keyed by document path and position (not ids)
sqlite_rows() {
    sqlite3 "$1" <<'SQL' | LC_ALL=C sort
SELECT 'doc', path, hash, encoding FROM documents;
SELECT 'table', d.path, t.idx, t.kind, t.year, t.title, t.project_name, t.funds_total
  FROM tables t JOIN documents d ON t.document_id = d.id;
SELECT 'ind', d.path, t.idx, i.idx, i.level1, i.level2, i.name, i.value, i.confidence
  FROM indicators i JOIN tables t ON i.table_id = t.id JOIN documents d ON t.document_id = d.id;
SELECT 'rep', d.path, t.idx, i.idx, r.idx, r.code, r.reason
  FROM repairs r JOIN indicators i ON r.indicator_id = i.id JOIN tables t ON i.table_id = t.id
  JOIN documents d ON t.document_id = d.id;
SELECT 'una', d.path, t.idx, u.line, u.col, u.text
  FROM unassigned u JOIN tables t ON u.table_id = t.id JOIN documents d ON t.document_id = d.id;
SELECT 'dia', d.path, g.code, g.line, g.col, g.message
  FROM diagnostics g JOIN documents d ON g.document_id = d.id;
SQL
}

# the CSV and SQLite merges of the README, over shards of DIR
run_recipes() {
    local dir=$WORK/recipes
    mkdir -p "$dir/out"
    echo "== recipes: CSV and SQLite shards of $IN, merged as the README prints"
    "$BIN" extract "$IN" -f csv -q -j "$JOBS" -o "$dir/single.csv" || true
    "$BIN" extract "$IN" -f sqlite -q -j "$JOBS" -o "$dir/single.db" || true
    shards csv csv "$dir" "$IN"
    shards sqlite db "$dir" "$IN"
    (cd "$dir" && eval "$CSV_MERGE")
    check "README CSV merge: one header" "$(grep -c '^source,' "$dir/all.csv") header line(s)" \
        is "$(grep -c '^source,' "$dir/all.csv")" 1
    LC_ALL=C sort "$dir/single.csv" >"$dir/single.csv.sorted"
    LC_ALL=C sort "$dir/all.csv" >"$dir/all.csv.sorted"
    check "README CSV merge == single run" "$(count "$dir/all.csv") merged lines, $(count "$dir/single.csv") single" \
        same "$dir/single.csv.sorted" "$dir/all.csv.sorted"
    (cd "$dir" && bash -euo pipefail -c "$SQLITE_MERGE") || die "the README's SQLite merge failed"
    sqlite_rows "$dir/single.db" >"$dir/single.db.rows"
    sqlite_rows "$dir/all.db" >"$dir/all.db.rows"
    check "README SQLite merge == single run" "$(count "$dir/all.db.rows") merged rows, $(count "$dir/single.db.rows") single" \
        same "$dir/single.db.rows" "$dir/all.db.rows"
    local fk
    fk=$(sqlite3 "$dir/all.db" 'PRAGMA foreign_key_check;' | wc -l)
    check "merged SQLite keys hold" "$fk foreign-key violations" is "$fk" 0
}

run_mode dir "$IN"
run_mode files-from --files-from "$WORK/files.txt"
run_recipes

echo
if [[ $FAILS == 0 ]]; then
    echo "PASS: $N shards == single run, in both modes ($NFILES inputs)"
else
    echo "FAIL: $FAILS check(s) failed"
    exit 1
fi
