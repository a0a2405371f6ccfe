//! Per-thread memos of pure lookups: a text goes in; out comes the answer computed once for it.
//! One entry per printed text (`Facts`) holds its folded key and, each computed on its first
//! question, every answer asked of the text itself (cell class, label, indicator match, value
//! class, keyword-rule category, character tests, look-alike-free key); other memos hold answers
//! by key (indicator match, meta key, fuzzy label, completions of a cut key). Filings of one
//! family repeat the same cell texts document after document, so a bulk run answers most cells
//! from here instead of folding and fuzzy-matching again.
//!
//! Guarantees: a memo never changes an answer (every memoised function is pure in the text and
//! the vocabulary); each is tied to one vocabulary (`Vocab::id`) and cleared when another is
//! used on the thread; each is cleared when it reaches `MAX_ENTRIES`, so memory stays bounded
//! however long the run; and it never panics (a re-entrant call computes uncached, and a
//! `Facts` answer asked again while it is computed is computed twice, not awaited).

use super::matcher::IndicatorMatch;
use super::value::ValueClass;
use super::{LabelMatch, MetaField};
use rustc_hash::FxHashMap;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use std::thread::LocalKey;

/// Entries per memo before it is cleared (a few MB at most per thread).
pub const MAX_ENTRIES: usize = 50_000;

/// One memo: answers by text, for one vocabulary. Keys of up to 24 bytes (most cell texts:
/// eight CJK characters) sit inline in the table, so a hit reads no other memory to compare.
pub struct Memo<V> {
    vocab: u64,
    map: FxHashMap<compact_str::CompactString, V>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            vocab: 0,
            map: FxHashMap::default(),
        }
    }
}

/// A thread's memo of one lookup.
pub type MemoKey<V> = LocalKey<RefCell<Memo<V>>>;

/// What one text is under one vocabulary: its key, computed with the entry, and the answers
/// asked of it, each computed on its first question. One lookup of the text answers them all
/// (a text is asked for its class, key, label, indicator match and value class in turn).
/// (In this order: what every cell asks first shares the entry's first cache line.)
#[derive(Debug, Default)]
#[repr(C)]
pub struct Facts {
    /// what the text is as a cell on its own (`classify`)
    pub class: OnceCell<super::class::Class>,
    pub key: Rc<str>,
    /// whether it may be part of a label, and whether its key may hold 标 (see `mark`)
    pub label_part: OnceCell<bool>,
    pub biao: OnceCell<bool>,
    pub label: OnceCell<Option<LabelMatch>>,
    pub indicator: OnceCell<Option<IndicatorMatch>>,
    pub value: OnceCell<Rc<ValueClass>>,
    /// the category a keyword rule gives it (`Vocab::rule_category`)
    pub rule: OnceCell<Option<(super::CatId, super::Strength)>>,
    /// its key without look-alike folding (`Vocab::plain_key`)
    pub plain: OnceCell<Rc<str>>,
    /// its look-alikes read by the vocabulary's character model (`Vocab::respell`)
    pub respelled: OnceCell<Rc<super::respell::Respelling>>,
    /// the meta field it is a key of (`Vocab::meta_key`)
    pub meta: OnceCell<Option<MetaField>>,
    /// whether it heads the indicator block (`Vocab::is_header`)
    pub header: OnceCell<bool>,
    /// the closing row it opens (`FamilyVocab::closing`)
    pub closing: OnceCell<Option<super::family::Closing>>,
    /// the value with a look-alike unit read as the listed unit (`vocab::fix_value_unit`)
    pub unit_fix: OnceCell<Option<Rc<str>>>,
    /// whether, as a name, it holds a time word (`CheckVocab::names_time`)
    pub names_time: OnceCell<bool>,
    /// whether its folded text misprints a known word (`Vocab::word_reading`), found when the
    /// entry is made
    pub word: bool,
}

impl Facts {
    pub fn new(key: Rc<str>) -> Self {
        Facts {
            key,
            ..Facts::default()
        }
    }

    /// An entry whose folded text misprints a known word (its key is the word's key).
    pub fn of_word(key: Rc<str>) -> Self {
        Facts {
            key,
            word: true,
            ..Facts::default()
        }
    }
}

/// The answer in `slot`, computing and keeping it on the first question. Unlike
/// `OnceCell::get_or_init` it never panics on a re-entrant question (it computes again).
pub fn answer<T: Clone>(slot: &OnceCell<T>, compute: impl FnOnce() -> T) -> T {
    if let Some(v) = slot.get() {
        return v.clone();
    }
    let v = compute();
    // already set by a re-entrant computation of the same answer: the values are equal
    let _ = slot.set(v.clone());
    v
}

thread_local! {
    /// by printed text
    pub(crate) static FACTS: RefCell<Memo<Rc<Facts>>> = RefCell::default();
    /// by key: texts that fold alike share their indicator match
    pub(crate) static INDICATORS: RefCell<Memo<Option<IndicatorMatch>>> = RefCell::default();
    pub(crate) static META: RefCell<Memo<Option<MetaField>>> = RefCell::default();
    /// by key: the known names a cut key could be the start, or the end, of (their ids)
    pub(crate) static PREFIXES: RefCell<Memo<Rc<[u32]>>> = RefCell::default();
    pub(crate) static SUFFIXES: RefCell<Memo<Rc<[u32]>>> = RefCell::default();
    pub(crate) static LABELS: RefCell<Memo<Option<LabelMatch>>> = RefCell::default();
}

/// Runs `f` on this thread's memo for vocabulary `vocab`, or returns `None` when the memo is
/// busy (a re-entrant call).
fn with<V, R>(
    memo: &'static MemoKey<V>,
    vocab: u64,
    f: impl FnOnce(&mut Memo<V>) -> R,
) -> Option<R> {
    memo.with(|cell| {
        let mut m = cell.try_borrow_mut().ok()?;
        if m.vocab != vocab {
            m.vocab = vocab;
            m.map.clear();
        }
        Some(f(&mut m))
    })
}

/// The memoised answer for `text`, computing it with `compute` on a miss.
pub fn get_or<V: Clone>(
    memo: &'static MemoKey<V>,
    vocab: u64,
    text: &str,
    compute: impl FnOnce() -> V,
) -> V {
    if let Some(Some(v)) = with(memo, vocab, |m| m.map.get(text).cloned()) {
        return v;
    }
    let v = compute();
    with(memo, vocab, |m| {
        if m.map.len() >= MAX_ENTRIES {
            m.map.clear();
        }
        m.map
            .insert(compact_str::CompactString::new(text), v.clone());
    });
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static TEST: RefCell<Memo<String>> = RefCell::default();
    }

    #[test]
    fn computes_once_per_text_and_vocabulary() {
        let mut calls = 0;
        let mut get = |vocab: u64, text: &str| {
            get_or(&TEST, vocab, text, || {
                calls += 1;
                format!("{text}!")
            })
        };
        assert_eq!(get(9_001, "a"), "a!");
        assert_eq!(get(9_001, "a"), "a!");
        assert_eq!(get(9_001, "b"), "b!");
        // another vocabulary starts from an empty memo
        assert_eq!(get(9_002, "a"), "a!");
        assert_eq!(calls, 3);
    }

    #[test]
    fn an_answer_asked_again_while_computed_is_computed_again_not_a_panic() {
        let slot: OnceCell<u32> = OnceCell::new();
        let v = answer(&slot, || answer(&slot, || 7) + 1);
        // the inner computation kept its answer first; the outer one returns its own
        assert_eq!((v, slot.get()), (8, Some(&7)));
        assert_eq!(answer(&slot, || 99), 7, "kept answers are not recomputed");
    }
}
