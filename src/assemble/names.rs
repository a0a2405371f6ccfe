//! The document's printed indicator names, indexed for completion. Names (key, printed form,
//! value keys) go in; out come the names a cut name could be the start or the end of, and the
//! names it could start with one edit — each found by binary search over sorted keys or a hash
//! lookup, never by scanning every name, so completion stays near-linear on documents of
//! hundreds of thousands of rows. A lookup that finds more than `MAX_CANDIDATES` names reports
//! `None` (too many to be an unambiguous completion).

use crate::vocab::ByEnding;
use rustc_hash::FxHashMap as HashMap;
use std::cell::OnceCell;
use std::rc::Rc;

/// Most candidates a lookup collects; more make the completion ambiguous.
pub const MAX_CANDIDATES: usize = 64;
/// Characters in the blocks the one-edit search is keyed on.
const BLOCK: usize = 4;

/// One printed name: its printed text and the keys of the values printed with it.
#[derive(Debug, Clone, Default)]
pub struct Entry<'a> {
    pub printed: &'a str,
    values: Vec<Rc<str>>,
}

impl Entry<'_> {
    /// Whether `value` (a key) is one of the values printed with this name.
    pub fn has_value(&self, value: &str) -> bool {
        self.values.iter().any(|v| &**v == value)
    }
}

/// (the `BLOCK` characters at char offset `o`, `o`) → the keys holding them there.
type Windows = HashMap<([char; BLOCK], usize), Vec<Rc<str>>>;

/// Document names by key (see the module doc). The suffix and one-edit indexes are built on
/// their first use: most documents need neither.
#[derive(Debug, Default)]
pub struct NameIndex<'a> {
    entries: HashMap<Rc<str>, Entry<'a>>,
    by_key: Vec<Rc<str>>,
    /// the keys by their ending; built on first use
    by_rev: OnceCell<ByEnding<Rc<str>>>,
    /// for o in BLOCK-1..=BLOCK+1
    windows: OnceCell<Windows>,
}

impl<'a> NameIndex<'a> {
    /// Indexes (key, printed, value key) triples; the first printed form of a key is kept.
    pub fn new(items: impl IntoIterator<Item = (Rc<str>, &'a str, Rc<str>)>) -> Self {
        Self::with_capacity(items, 0)
    }

    /// `new`, with room for `n` names made at once.
    pub fn with_capacity(
        items: impl IntoIterator<Item = (Rc<str>, &'a str, Rc<str>)>,
        n: usize,
    ) -> Self {
        let mut entries: HashMap<Rc<str>, Entry<'a>> =
            HashMap::with_capacity_and_hasher(n, Default::default());
        for (key, printed, value) in items {
            let e = entries.entry(key).or_insert_with(|| Entry {
                printed,
                values: Vec::new(),
            });
            if !e.has_value(&value) {
                e.values.push(value);
            }
        }
        let mut by_key: Vec<Rc<str>> = entries.keys().cloned().collect();
        by_key.sort_unstable();
        NameIndex {
            entries,
            by_key,
            by_rev: OnceCell::new(),
            windows: OnceCell::new(),
        }
    }

    fn by_rev(&self) -> &ByEnding<Rc<str>> {
        self.by_rev
            .get_or_init(|| ByEnding::new(self.by_key.iter().map(|k| (&**k, k.clone()))))
    }

    fn windows(&self) -> &Windows {
        self.windows.get_or_init(|| {
            let mut windows = Windows::default();
            for k in &self.by_key {
                let chars: Vec<char> = k.chars().collect();
                for o in BLOCK - 1..=BLOCK + 1 {
                    if let Some(w) = chars.get(o..o + BLOCK).and_then(|w| w.try_into().ok()) {
                        windows.entry((w, o)).or_default().push(k.clone());
                    }
                }
            }
            windows
        })
    }

    pub fn get(&self, key: &str) -> Option<&Entry<'a>> {
        self.entries.get(key)
    }

    /// Keys longer than `key` that start with it; `None` when more than `MAX_CANDIDATES`.
    pub fn with_prefix(&self, key: &str) -> Option<Vec<&str>> {
        let start = self.by_key.partition_point(|k| &**k < key);
        let hits: Vec<&str> = self
            .by_key
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|k| k.starts_with(key))
            .filter(|k| k.len() > key.len())
            .take(MAX_CANDIDATES + 1)
            .map(|k| &**k)
            .collect();
        (hits.len() <= MAX_CANDIDATES).then_some(hits)
    }

    /// Keys longer than `key` that end with it; `None` when more than `MAX_CANDIDATES`.
    pub fn with_suffix(&self, key: &str) -> Option<Vec<&str>> {
        let hits: Vec<&str> = self
            .by_rev()
            .ending_with(key)
            .take(MAX_CANDIDATES + 1)
            .map(|k| &**k)
            .collect();
        (hits.len() <= MAX_CANDIDATES).then_some(hits)
    }

    /// Every key that could start with `key` up to one edit (a superset; the caller verifies):
    /// one edit leaves either the first `BLOCK` characters in place or the next `BLOCK` within
    /// one position of their own. `None` when more than `MAX_CANDIDATES`; empty for keys
    /// shorter than two blocks.
    pub fn one_edit_candidates(&self, key: &str) -> Option<Vec<&str>> {
        let chars: Vec<char> = key.chars().collect();
        let (Some(head), Some(next)) = (chars.get(..BLOCK), chars.get(BLOCK..2 * BLOCK)) else {
            return Some(Vec::new());
        };
        let head: String = head.iter().collect();
        let Ok(next) = <[char; BLOCK]>::try_from(next) else {
            return Some(Vec::new());
        };
        let mut out: Vec<&str> = self.with_prefix(&head)?;
        let windows = self.windows();
        for o in BLOCK - 1..=BLOCK + 1 {
            if let Some(ks) = windows.get(&(next, o)) {
                if ks.len() > MAX_CANDIDATES {
                    return None;
                }
                out.extend(ks.iter().map(|k| &**k));
            }
        }
        out.sort_unstable();
        out.dedup();
        (out.len() <= MAX_CANDIDATES).then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idx<'a>(keys: &[&'a str]) -> NameIndex<'a> {
        NameIndex::new(keys.iter().map(|k| (Rc::from(*k), *k, Rc::from(""))))
    }

    #[test]
    fn prefix_suffix_and_one_edit() {
        let i = idx(&[
            "abcdefghijkl",
            "abcdefghijklmn",
            "xbcdefghijklmnop",
            "zzabcdefghijkl",
        ]);
        assert_eq!(i.with_prefix("abcdefghijkl"), Some(vec!["abcdefghijklmn"]));
        assert_eq!(i.with_suffix("abcdefghijkl"), Some(vec!["zzabcdefghijkl"]));
        let c = i.one_edit_candidates("abcdefghijk").unwrap_or_default();
        assert!(c.contains(&"xbcdefghijklmnop"), "{c:?}");
        assert!(c.contains(&"abcdefghijklmn"));
        assert_eq!(i.one_edit_candidates("abc"), Some(Vec::new()));
    }

    proptest::proptest! {
        /// Keys of CJK, ASCII and four-byte characters: the keys found to end with a query are
        /// those a scan of every key finds, in the order of their reversed characters.
        #[test]
        fn suffixes_are_what_a_scan_finds(
            keys in proptest::collection::hash_set("[a表格😀é]{1,5}", 0..12),
            query in "[a表格😀é]{1,3}",
        ) {
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            let i = idx(&keys);
            let mut want: Vec<&str> = keys
                .iter()
                .copied()
                .filter(|k| k.ends_with(query.as_str()) && k.len() > query.len())
                .collect();
            want.sort_by(|a, b| a.chars().rev().cmp(b.chars().rev()));
            want.truncate(MAX_CANDIDATES + 1);
            let got = i.with_suffix(&query);
            if want.len() > MAX_CANDIDATES {
                proptest::prop_assert_eq!(got, None);
            } else {
                proptest::prop_assert_eq!(got, Some(want));
            }
        }
    }

    #[test]
    fn too_many_candidates_is_none() {
        let keys: Vec<String> = (0..=MAX_CANDIDATES)
            .map(|n| format!("same{n:04}"))
            .collect();
        let i = NameIndex::new(
            keys.iter()
                .map(|k| (Rc::from(k.as_str()), k.as_str(), Rc::from(""))),
        );
        assert_eq!(i.with_prefix("same"), None);
    }
}
