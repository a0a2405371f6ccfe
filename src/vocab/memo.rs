//! Per-thread memo of the vocabulary's pure lookups: a text goes in; out comes the answer
//! computed once for it (its folded key, its indicator match, its meta key, its fuzzy label, its
//! value class). Filings of one family repeat the same cell texts document after document, so a
//! bulk run answers most cells from here instead of folding and fuzzy-matching again.
//!
//! Guarantees: the memo never changes an answer (every memoised function is pure in the text
//! and the vocabulary); it is tied to one vocabulary (`Vocab::id`) and cleared when another is
//! used on the thread; each table is cleared when it reaches `MAX_ENTRIES`, so memory stays
//! bounded however long the run; and it never panics (a re-entrant call computes uncached).

use super::matcher::IndicatorMatch;
use super::value::ValueClass;
use super::{LabelMatch, MetaField};
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// Entries per table before it is cleared (a few MB at most per thread).
pub const MAX_ENTRIES: usize = 50_000;

/// The memo tables of one thread.
#[derive(Default)]
pub(crate) struct Memo {
    vocab: u64,
    pub(crate) keys: FxHashMap<String, String>,
    pub(crate) indicators: FxHashMap<String, Option<IndicatorMatch>>,
    pub(crate) meta: FxHashMap<String, Option<MetaField>>,
    pub(crate) labels: FxHashMap<String, Option<LabelMatch>>,
    pub(crate) values: FxHashMap<String, ValueClass>,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// Runs `f` on this thread's memo for vocabulary `vocab`, or returns `None` when the memo is
/// busy (a re-entrant call).
fn with<R>(vocab: u64, f: impl FnOnce(&mut Memo) -> R) -> Option<R> {
    MEMO.with(|cell| {
        let mut m = cell.try_borrow_mut().ok()?;
        if m.vocab != vocab {
            *m = Memo {
                vocab,
                ..Memo::default()
            };
        }
        Some(f(&mut m))
    })
}

/// The memoised answer for `text` in the table `table` picks, computing it with `compute` on a
/// miss.
pub(crate) fn get_or<V: Clone>(
    vocab: u64,
    table: fn(&mut Memo) -> &mut FxHashMap<String, V>,
    text: &str,
    compute: impl FnOnce() -> V,
) -> V {
    if let Some(Some(v)) = with(vocab, |m| table(m).get(text).cloned()) {
        return v;
    }
    let v = compute();
    with(vocab, |m| {
        let t = table(m);
        if t.len() >= MAX_ENTRIES {
            t.clear();
        }
        t.insert(text.to_owned(), v.clone());
    });
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_per_text_and_vocabulary() {
        let mut calls = 0;
        let mut get = |vocab: u64, text: &str| {
            get_or(
                vocab,
                |m| &mut m.keys,
                text,
                || {
                    calls += 1;
                    format!("{text}!")
                },
            )
        };
        assert_eq!(get(9_001, "a"), "a!");
        assert_eq!(get(9_001, "a"), "a!");
        assert_eq!(get(9_001, "b"), "b!");
        // another vocabulary starts from an empty memo
        assert_eq!(get(9_002, "a"), "a!");
        assert_eq!(calls, 3);
    }
}
