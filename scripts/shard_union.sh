#!/usr/bin/env bash
# Proves that `tablemend extract --shard K/N` splits a bulk run without losing or repeating
# anything: the N shard outputs, concatenated, are exactly the output of one single run.
#
# In:   DIR (optional argument) — a folder of inputs (walked like `tablemend extract DIR`).
#       Without it, COPIES (default 10) copies of corpus/ go into a temporary folder
#       (10 × 35 = 350 documents).
#       Environment: N (default 4) shards, COPIES (default 10), JOBS (default 1) threads per
#       tablemend process.
# Does: cargo build --release; one single run `extract DIR -f jsonl -o single.jsonl`; then N
#       separate processes `extract DIR --shard K/N -f jsonl -o part-K.jsonl`, K = 1..N, run in
#       parallel with `xargs -P N` (always available; GNU parallel is not needed). Then checks
#         - sorted(cat part-*.jsonl) == sorted(single.jsonl), byte for byte,
#         - no line appears twice in the union (and none twice in the single run),
#         - the shards are disjoint by `source`, and by input (each part's ledger
#           part-K.jsonl.ledger.jsonl names the inputs it completed: no input in two ledgers),
#         - every input is accounted for: the union of the ledgers is the single run's ledger,
#           and its size is the number of input files found by `find`,
#         - every process exited 0 (3 = some inputs failed is accepted only if the single run
#           also exited 3 and the union of the shards' errors files names the same inputs).
#       The same again with the input given as a `--files-from LIST` file instead of DIR.
# Out:  a PASS/FAIL line per check with counts, and a final PASS (exit 0) or FAIL (exit 1);
#       exit 2 for a setup error (build failed, no inputs, jq missing). Temporary files are
#       removed on exit (KEEP=1 keeps them and prints where).
# Needs: cargo, jq, coreutils, findutils (xargs). Run by hand, not part of CI:
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

# run_mode LABEL ARGS… : the single run and the sharded run over the inputs named by ARGS.
run_mode() {
    local label=$1; shift
    local dir=$WORK/$label
    mkdir -p "$dir"
    echo "== $label: tablemend extract $* -f jsonl"

    local t0 single_rc=0
    t0=$(now_ms)
    "$BIN" extract "$@" -f jsonl -q -j "$JOBS" -o "$dir/single.jsonl" \
        --errors "$dir/single.errors.jsonl" || single_rc=$?
    echo "  single run: exit $single_rc, $(secs $(($(now_ms) - t0))) s"
    [[ $single_rc == 0 || $single_rc == 3 ]] || die "single run failed (exit $single_rc)"

    # N processes at once; each records its own exit status (xargs alone only says "some failed").
    t0=$(now_ms)
    seq 1 "$N" | xargs -P "$N" -I{} sh -c '
        bin=$1; dir=$2; k=$3; n=$4; jobs=$5; shift 5
        rc=0
        "$bin" extract "$@" --shard "$k/$n" -f jsonl -q -j "$jobs" -o "$dir/part-$k.jsonl" \
            --errors "$dir/part-$k.errors.jsonl" || rc=$?
        echo "$rc" >"$dir/part-$k.rc"
    ' sh "$BIN" "$dir" {} "$N" "$JOBS" "$@"
    echo "  sharded run: $N processes in parallel, $(secs $(($(now_ms) - t0))) s wall"

    local k rc lines bad_rc=0
    for k in $(seq 1 "$N"); do
        rc=$(cat "$dir/part-$k.rc" 2>/dev/null || echo missing)
        [[ -f $dir/part-$k.jsonl ]] || : >"$dir/part-$k.jsonl"
        [[ -f $dir/part-$k.jsonl.ledger.jsonl ]] || : >"$dir/part-$k.jsonl.ledger.jsonl"
        lines=$(count "$dir/part-$k.jsonl")
        echo "  shard $k/$N: exit $rc, $(count "$dir/part-$k.jsonl.ledger.jsonl") inputs, $lines records"
        if [[ $rc != 0 && ! ($rc == 3 && $single_rc == 3) ]]; then bad_rc=1; fi
    done
    check "shard exit codes" "single run exit $single_rc" is "$bad_rc" 0

    LC_ALL=C sort "$dir/single.jsonl" >"$dir/single.sorted"
    parts() { local k; for k in $(seq 1 "$N"); do echo "$dir/part-$k$1"; done; }
    cat $(parts .jsonl) | LC_ALL=C sort >"$dir/union.sorted"
    local s u
    s=$(count "$dir/single.sorted"); u=$(count "$dir/union.sorted")
    check "sorted union == sorted single run" "$u union lines, $s single lines" \
        same "$dir/single.sorted" "$dir/union.sorted"
    if ! same "$dir/single.sorted" "$dir/union.sorted"; then
        { diff "$dir/single.sorted" "$dir/union.sorted" || true; } | head -5 | cut -c1-200 | sed 's/^/        /' || true
    fi

    local dup_u dup_s
    dup_u=$(uniq -d "$dir/union.sorted" | wc -l); dup_s=$(uniq -d "$dir/single.sorted" | wc -l)
    check "no duplicate lines" "$dup_u repeated in union, $dup_s in single run" is "$dup_u/$dup_s" 0/0

    # disjoint by source: each source's records all come from one shard
    for k in $(seq 1 "$N"); do sources_of "$dir/part-$k.jsonl"; done | LC_ALL=C sort >"$dir/sources.all"
    local nsrc dup_src
    nsrc=$(count "$dir/sources.all"); dup_src=$(uniq -d "$dir/sources.all" | wc -l)
    check "shards disjoint by source" "$nsrc sources with records, $dup_src in two shards" is "$dup_src" 0
    sources_of "$dir/single.jsonl" >"$dir/sources.single"
    check "same sources as single run" "$(count "$dir/sources.single") in single run" \
        same "$dir/sources.single" "$dir/sources.all"

    # every input accounted for, once: the ledgers (completed inputs) and errors files (failed)
    paths_of $(parts .jsonl.ledger.jsonl) >"$dir/done.union"
    paths_of "$dir/single.jsonl.ledger.jsonl" >"$dir/done.single"
    local ndone dup_done
    ndone=$(count "$dir/done.union"); dup_done=$(uniq -d "$dir/done.union" | wc -l)
    check "shards disjoint by input" "$ndone inputs done, $dup_done in two ledgers" is "$dup_done" 0
    check "shard ledgers == single-run ledger" "$(count "$dir/done.single") in single run" \
        same "$dir/done.single" "$dir/done.union"
    local nfail_u=0 nfail_s=0
    cat $(parts .errors.jsonl) 2>/dev/null | jq -r .path | LC_ALL=C sort >"$dir/failed.union" || true
    { [[ -f $dir/single.errors.jsonl ]] && jq -r .path "$dir/single.errors.jsonl"; } \
        | LC_ALL=C sort >"$dir/failed.single" || true
    nfail_u=$(count "$dir/failed.union"); nfail_s=$(count "$dir/failed.single")
    check "same failed inputs" "$nfail_u failed in shards, $nfail_s in single run" \
        same "$dir/failed.single" "$dir/failed.union"
    check "every input accounted for" "$ndone done + $nfail_u failed = $((ndone + nfail_u)) of $NFILES files" \
        is "$((ndone + nfail_u))" "$NFILES"
}

run_mode dir "$IN"
run_mode files-from --files-from "$WORK/files.txt"

echo
if [[ $FAILS == 0 ]]; then
    echo "PASS: $N shards == single run, in both modes ($NFILES inputs)"
else
    echo "FAIL: $FAILS check(s) failed"
    exit 1
fi
