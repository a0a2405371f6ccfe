//! Keys by their ending, for finding the keys a cut key could be the end of. (key, payload)
//! pairs go in; out come, for a query, the payloads of the longer keys that end with it. Each
//! key's characters are reversed into one shared string and the entries sorted by their reversed
//! keys (bytewise order of UTF-8 is character order), so keys ending alike stand together and a
//! query is one binary search.

use std::ops::Range;

/// Keys by their ending (see the module doc).
#[derive(Debug, Clone, Default)]
pub struct ByEnding<T> {
    /// every key, its characters reversed
    text: String,
    /// (range of the reversed key in `text`, payload), in the order of the reversed keys
    order: Vec<(Range<usize>, T)>,
}

impl<T> ByEnding<T> {
    pub fn new<'a>(items: impl IntoIterator<Item = (&'a str, T)>) -> Self {
        let mut text = String::new();
        let mut order = Vec::new();
        for (key, payload) in items {
            let start = text.len();
            text.extend(key.chars().rev());
            order.push((start..text.len(), payload));
        }
        let reversed = |r: &Range<usize>| text.get(r.clone()).unwrap_or_default();
        // stable: keys reversed alike keep the order they came in
        order.sort_by(|a, b| reversed(&a.0).cmp(reversed(&b.0)));
        ByEnding { text, order }
    }

    fn reversed(&self, r: &Range<usize>) -> &str {
        self.text.get(r.clone()).unwrap_or_default()
    }

    /// The payloads of the keys longer than `key` that end with it, in the order of their
    /// reversed keys.
    pub fn ending_with(&self, key: &str) -> impl Iterator<Item = &T> + '_ {
        let rev: String = key.chars().rev().collect();
        let start = self
            .order
            .partition_point(|(r, _)| self.reversed(r) < rev.as_str());
        let len = rev.len();
        self.order
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(move |(r, _)| self.reversed(r).starts_with(rev.as_str()))
            .filter(move |(r, _)| r.len() > len)
            .map(|(_, payload)| payload)
    }
}
