#!/usr/bin/env bash
# Benchmark: the I/O floor, the parse-only pass and the full pipeline, side by side in one run.
#
# In:  the repository (corpus/ is the seed); builds the release binary.
# Out: a table on stdout — wall seconds, MB/s, docs/s and peak RSS for
#        cat            reading every file (the I/O floor)
#        parse -j1      decode + blocks + grids, no repair (extract --parse-only)
#        full -j1/-j2   the whole pipeline to JSONL
#        parquet -j1    the whole pipeline to Parquet (target: within 1.3x of full -j1)
#        vocab 30k -j1  the whole pipeline with ~30,000 vocabulary entries instead of ~350
#        full 10x -j2   ten times the corpus (hard links), to see that peak RSS stays flat
#      and the ratios the targets are stated in (full vs parse, 30k vs 350 vocabulary, -j2 vs -j1).
# Corpus: target/bench/corpus, ~1,500 documents (~20 MB) made by scripts/make_bench_corpus.py.
# Each measurement is the best of REPEAT runs (default 3).
#
# usage: scripts/bench.sh            (env: DOCS=1500 REPEAT=3)
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${DOCS:-1500}
REPEAT=${REPEAT:-3}
B=target/release/tablemend
W=target/bench
cargo build --release --quiet
if [ ! -d "$W/corpus" ] || [ "$(ls "$W/corpus" | wc -l)" -ne "$DOCS" ]; then
  rm -rf "$W/corpus"
  python3 scripts/make_bench_corpus.py "$W/corpus" --docs "$DOCS"
fi
rm -rf "$W/x10"; mkdir -p "$W/x10"
for i in $(seq 1 10); do cp -al "$W/corpus" "$W/x10/$i"; done
BYTES=$(cat "$W"/corpus/* | wc -c)

# best wall time over REPEAT runs, with that run's CPU seconds (user + sys) and peak RSS (KB):
# prints "wall cpu rss"
measure() {
  local best="" cpu="" rss=""
  for _ in $(seq 1 "$REPEAT"); do
    /usr/bin/time -f "%e %U %S %M" -o "$W/time.txt" "$@" >/dev/null 2>"$W/stderr.txt" || {
      echo "failed: $*" >&2; cat "$W/stderr.txt" >&2; exit 1; }
    read -r t u s m < "$W/time.txt"
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then
      best=$t; cpu=$(awk "BEGIN{print $u + $s}"); rss=$m
    fi
  done
  echo "$best $cpu $rss"
}

row() { # name wall cpu rss bytes docs
  awk -v n="$1" -v s="$2" -v c="$3" -v r="$4" -v b="$5" -v d="$6" 'BEGIN{
    s = (s < 0.001) ? 0.001 : s; c = (c < 0.001) ? 0.001 : c;
    printf "%-14s %7.2f s %8.1f MB/s %7.0f docs/s | %6.2f cpu-s %7.1f MB/s/core | %6.1f MB RSS\n",
      n, s, b/1e6/s, d/s, c, b/1e6/c, r/1024 }'
}

echo "corpus: $DOCS documents, $(awk -v b="$BYTES" 'BEGIN{printf "%.1f", b/1e6}') MB; $(nproc) cores; $(uname -srm)"
read -r t_cat c_cat r_cat < <(measure sh -c "cat $W/corpus/* > /dev/null")
read -r t_parse c_parse r_parse < <(measure $B extract "$W/corpus" --parse-only -j1 -q)
read -r t_j1 c_j1 r_j1 < <(measure $B extract "$W/corpus" -f jsonl -o "$W/out.jsonl" -j1 -q)
read -r t_j2 c_j2 r_j2 < <(measure $B extract "$W/corpus" -f jsonl -o "$W/out.jsonl" -j2 -q)
read -r t_pq c_pq r_pq < <(measure $B extract "$W/corpus" -f parquet -o "$W/out.parquet" -j1 -q)
read -r t_v c_v r_v < <(measure $B extract "$W/corpus" -f jsonl -o "$W/out30k.jsonl" -j1 -q --vocab "$W/vocab-30000.vocab")
read -r t_x c_x r_x < <(REPEAT=1 measure $B extract "$W/x10" -f jsonl -o "$W/out10.jsonl" -j2 -q)

echo "(wall: best of $REPEAT; cpu-s: user + sys of that run; MB/s/core = MB per cpu-second)"
row "cat" "$t_cat" "$c_cat" "$r_cat" "$BYTES" "$DOCS"
row "parse -j1" "$t_parse" "$c_parse" "$r_parse" "$BYTES" "$DOCS"
row "full -j1" "$t_j1" "$c_j1" "$r_j1" "$BYTES" "$DOCS"
row "full -j2" "$t_j2" "$c_j2" "$r_j2" "$BYTES" "$DOCS"
row "parquet -j1" "$t_pq" "$c_pq" "$r_pq" "$BYTES" "$DOCS"
row "vocab 30k -j1" "$t_v" "$c_v" "$r_v" "$BYTES" "$DOCS"
row "full 10x -j2" "$t_x" "$c_x" "$r_x" "$((BYTES * 10))" "$((DOCS * 10))"
awk -v p="$t_parse" -v f="$t_j1" -v f2="$t_j2" -v v="$t_v" -v cf="$c_j1" -v cp="$c_parse" \
    -v r1="$r_j2" -v rx="$r_x" -v b="$BYTES" -v pq="$t_pq" 'BEGIN{
  printf "\nfull -j1 per core: %.1f MB/s wall, %.1f MB/cpu-s   (target >= 40)\n", b/1e6/f, b/1e6/cf;
  printf "full / parse (-j1): %.2fx wall, %.2fx cpu         (target <= 4)\n", f/p, cf/cp;
  printf "vocab 30k / vocab 350 (-j1): %.2fx                (target < 1.5)\n", v/f;
  printf "-j2 speed-up over -j1: %.2fx\n", f/f2;
  printf "parquet / jsonl (-j1): %.2fx                       (target <= 1.3)\n", pq/f;
  printf "peak RSS 10x / 1x (-j2): %.1f MB / %.1f MB        (target < 100 MB, flat)\n", rx/1024, r1/1024 }'
