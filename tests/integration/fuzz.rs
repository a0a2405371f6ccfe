//! The fuzz run (cargo-fuzz needs a nightly toolchain; this is the stable equivalent): arbitrary
//! bytes, corpus documents and generated forms, mutated — bytes flipped, spliced from another
//! document, truncated, lines duplicated, `|`, `<td>`, `rowspan=` and other structure inserted —
//! go in; extraction must not panic, must finish each input in seconds, must give the same JSON
//! twice and must point only inside the input. Ignored in CI; run it long with
//! `PROPTEST_CASES=20000 cargo test --release --test integration -- --ignored fuzz`.
//! Each finding becomes a regression test in `regressions.rs`, named after what broke.

use crate::props::{document, spans_inside};
use proptest::prelude::*;
use std::time::{Duration, Instant};
use tablemend::sink::json::to_json;

/// Longest one input may take (release build) before it counts as a hang.
const MAX_CASE: Duration = Duration::from_secs(5);

/// Structure worth inserting: table, cell and span syntax, entities, keys and labels.
const TOKENS: &[&str] = &[
    "|",
    "||",
    "\\|",
    "\n",
    "\n\n",
    "<td>",
    "</td>",
    "<tr>",
    "</tr>",
    "<table>",
    "</table>",
    "<th colspan=3>",
    " rowspan=",
    "rowspan=999999",
    "colspan=0",
    "<br>",
    "&#x",
    "&#9999999;",
    "&amp",
    "<div>",
    "<!--",
    "-->",
    "<html>",
    "```",
    "# ",
    "|---|---|",
    "项目名称",
    "产出指标",
    "三级指标",
    "指标值",
    "年度资金总额",
    "目标1:",
    "≥",
    "%",
    "(2024年度)",
    "\u{feff}",
    "\r",
];

fn corpus() -> &'static Vec<Vec<u8>> {
    static C: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        tablemend::check::corpus_files(std::path::Path::new("corpus"))
            .unwrap_or_default()
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .collect()
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Truncate(usize),
    Splice(usize, usize, usize, usize),
    DuplicateLine(usize),
    Insert(usize, &'static str),
    Delete(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::Flip(p, b)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        1 => (any::<usize>(), any::<usize>(), 0usize..4096, any::<usize>())
            .prop_map(|(d, f, n, at)| Mutation::Splice(d, f, n, at)),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
        4 => (any::<usize>(), prop::sample::select(TOKENS)).prop_map(|(p, t)| Mutation::Insert(p, t)),
        1 => (any::<usize>(), 0usize..256).prop_map(|(p, n)| Mutation::Delete(p, n)),
    ]
}

fn apply(mut b: Vec<u8>, muts: &[Mutation]) -> Vec<u8> {
    let docs = corpus();
    for m in muts {
        let at = |p: usize, len: usize| if len == 0 { 0 } else { p % (len + 1) };
        match *m {
            Mutation::Flip(p, x) => {
                let n = b.len();
                if let Some(byte) = b.get_mut(at(p, n).min(n.saturating_sub(1))) {
                    *byte ^= x;
                }
            }
            Mutation::Truncate(p) => b.truncate(at(p, b.len())),
            Mutation::Splice(d, f, n, p) => {
                if let Some(doc) = docs.get(d % docs.len().max(1)) {
                    let from = at(f, doc.len());
                    let part = doc.get(from..(from + n).min(doc.len())).unwrap_or_default();
                    let p = at(p, b.len());
                    b.splice(p..p, part.iter().copied());
                }
            }
            Mutation::DuplicateLine(p) => {
                let p = at(p, b.len());
                let start = b
                    .get(..p)
                    .and_then(|h| h.iter().rposition(|&c| c == b'\n'))
                    .map_or(0, |i| i + 1);
                let end = b
                    .get(p..)
                    .and_then(|t| t.iter().position(|&c| c == b'\n'))
                    .map_or(b.len(), |i| p + i + 1);
                let line: Vec<u8> = b.get(start..end).unwrap_or_default().to_vec();
                b.splice(end..end, line);
            }
            Mutation::Insert(p, t) => {
                let p = at(p, b.len());
                b.splice(p..p, t.bytes());
            }
            Mutation::Delete(p, n) => {
                let p = at(p, b.len());
                let e = (p + n).min(b.len());
                b.drain(p..e);
            }
        }
    }
    b
}

fn input() -> impl Strategy<Value = Vec<u8>> {
    let n = corpus().len().max(1);
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..2048),
        (0..n, prop::collection::vec(mutation(), 1..12))
            .prop_map(|(i, m)| apply(corpus().get(i).cloned().unwrap_or_default(), &m)),
        (document(), prop::collection::vec(mutation(), 0..8))
            .prop_map(|(d, m)| apply(d.into_bytes(), &m)),
    ]
}

/// Runs one input through the properties above.
pub fn check_bytes(bytes: &[u8]) -> Result<(), String> {
    let e = crate::util::extractor();
    // the input under test, kept where a crash or hang leaves it (`cargo fuzz`'s artifact)
    let _ = std::fs::write(std::env::temp_dir().join("tablemend-fuzz-last.bin"), bytes);
    let t = Instant::now();
    let doc = e.extract("fuzz", bytes);
    let took = t.elapsed();
    if took > MAX_CASE {
        return Err(format!("took {took:?}"));
    }
    let again = e.extract("fuzz", bytes);
    if to_json(&doc) != to_json(&again) {
        return Err("two runs gave different JSON".into());
    }
    let text = tablemend::decode::decode(bytes, None, &mut Vec::new()).text;
    spans_inside(&doc, &text)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: crate::props::cases(),
        failure_persistence: None,
        max_shrink_time: 120_000,
        ..ProptestConfig::default()
    })]

    #[test]
    #[ignore = "long run: PROPTEST_CASES=20000 cargo test --release --test integration -- --ignored fuzz"]
    fn fuzz_extraction(bytes in input()) {
        if let Err(e) = check_bytes(&bytes) {
            prop_assert!(false, "{e}\n--- input ({} bytes) ---\n{:?}", bytes.len(), String::from_utf8_lossy(&bytes));
        }
    }
}
