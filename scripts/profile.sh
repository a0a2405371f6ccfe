#!/usr/bin/env bash
# Profiles one full bulk run over the bench corpus and prints where the time goes.
#
# In:   the bench corpus (target/bench/corpus, made by scripts/bench.sh or
#       scripts/make_bench_corpus.py); optional function names to expand (default: the stages).
#       Environment: ARGS (extra `extract` arguments, e.g. "--parse-only" or
#       "--vocab target/bench/vocab-30000.vocab"), FREQ (samples a second, default 4000).
# Does: cargo build --release (debug symbols are on in the release profile); perf record with
#       DWARF call graphs of `tablemend extract target/bench/corpus -f jsonl -j1`; then
#       scripts/perf_tree.py over `perf script`.
# Out:  target/bench/perf.data, and on stdout the self-time table and each function's callees.
#
# usage: scripts/profile.sh [FUNCTION…]
set -euo pipefail
cd "$(dirname "$0")/.."
W=target/bench
[ -d "$W/corpus" ] || python3 scripts/make_bench_corpus.py "$W/corpus" --docs 1500
cargo build --release --quiet
if [ $# -eq 0 ]; then
  set -- tablemend::extract_text_with_grids tablemend::assemble::assemble \
    tablemend::blocks::blocks_with tablemend::assemble::rows::read_rows
fi
# shellcheck disable=SC2086
perf record -q --call-graph dwarf,32768 -F "${FREQ:-4000}" -o "$W/perf.data" \
  target/release/tablemend extract "$W/corpus" -f jsonl -o "$W/profile.jsonl" -j1 -q ${ARGS:-}
perf script -i "$W/perf.data" -F ip,sym 2>/dev/null | python3 scripts/perf_tree.py - "$@"
