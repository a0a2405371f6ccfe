//! Indicator-name matching. Known names (printed form, key, category) go in; lookups of a key
//! come out as exact or fuzzy matches. Exact is a hash lookup. Fuzzy scores only the few names
//! that share character bigrams with the query (an inverted bigram index), so its cost depends
//! on how many names look alike, not on how many names the vocabulary holds.

use super::{ByEnding, CatId};
use rustc_hash::FxHashMap as HashMap;

/// A fuzzy hit at or above this normalised-Levenshtein similarity is applied.
pub const FUZZY_ACCEPT: f64 = 0.8;
/// A fuzzy hit at or above this similarity (but below `FUZZY_ACCEPT`) is reported for review and
/// not applied.
pub const FUZZY_REVIEW: f64 = 0.6;
/// How many bigram-sharing candidates are scored at most.
const MAX_CANDIDATES: usize = 16;

/// The result of looking a name up.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorMatch {
    /// The known name as the vocabulary prints it.
    pub name: std::sync::Arc<str>,
    pub cat: CatId,
    /// 1.0 for an exact (key-equal) match, else the similarity.
    pub score: f64,
}

impl IndicatorMatch {
    pub fn is_exact(&self) -> bool {
        self.score >= 1.0
    }
}

#[derive(Debug, Clone, Default)]
pub struct IndicatorIndex {
    names: Vec<(std::sync::Arc<str>, String, CatId)>,
    exact: HashMap<String, usize>,
    bigrams: HashMap<(char, char), Vec<u32>>,
    /// ids sorted by key, for prefix search
    by_key: Vec<u32>,
    /// ids by the ending of their key, for suffix search
    by_rev: ByEnding<u32>,
}

fn bigrams(key: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = key.chars().collect();
    let mut out: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl IndicatorIndex {
    pub fn new(entries: Vec<(String, String, CatId)>) -> Self {
        let mut idx = IndicatorIndex::default();
        for (name, key, cat) in entries {
            if key.is_empty() || idx.exact.contains_key(&key) {
                continue;
            }
            let id = idx.names.len();
            idx.exact.insert(key.clone(), id);
            for b in bigrams(&key) {
                idx.bigrams.entry(b).or_default().push(id as u32);
            }
            idx.names.push((name.into(), key, cat));
        }
        let mut by_key: Vec<u32> = (0..idx.names.len() as u32).collect();
        by_key.sort_by(|a, b| idx.key_of(*a).cmp(idx.key_of(*b)));
        idx.by_key = by_key;
        idx.by_rev = ByEnding::new(
            idx.names
                .iter()
                .enumerate()
                .map(|(i, (_, k, _))| (k.as_str(), i as u32)),
        );
        idx
    }

    fn key_of(&self, id: u32) -> &str {
        self.names
            .get(id as usize)
            .map(|n| n.1.as_str())
            .unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    fn hit(&self, id: usize, score: f64) -> Option<IndicatorMatch> {
        self.names.get(id).map(|(name, _, cat)| IndicatorMatch {
            name: name.clone(),
            cat: *cat,
            score,
        })
    }

    /// Exact key match, else the best fuzzy candidate scoring at least `FUZZY_REVIEW`.
    pub fn lookup(&self, key: &str) -> Option<IndicatorMatch> {
        if let Some(&id) = self.exact.get(key) {
            return self.hit(id, 1.0);
        }
        let grams = bigrams(key);
        if grams.is_empty() {
            return None;
        }
        let mut shared: HashMap<u32, u32> = HashMap::default();
        for g in &grams {
            if let Some(ids) = self.bigrams.get(g) {
                for id in ids {
                    *shared.entry(*id).or_default() += 1;
                }
            }
        }
        let need = (grams.len() as u32).div_ceil(3).max(1);
        let mut cands: Vec<(u32, u32)> = shared.into_iter().filter(|(_, n)| *n >= need).collect();
        cands.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        cands.truncate(MAX_CANDIDATES);
        let mut best: Option<(f64, u32)> = None;
        let n = key.chars().count();
        for (id, _) in cands {
            // the length difference alone bounds the similarity: skip what cannot reach
            // `FUZZY_REVIEW` (keeps a huge cell from costing a full Levenshtein per candidate)
            let m = self.key_of(id).chars().count();
            if 1.0 - (n.abs_diff(m) as f64) / (n.max(m).max(1) as f64) < FUZZY_REVIEW {
                continue;
            }
            let s = strsim::normalized_levenshtein(key, self.key_of(id));
            if best.is_none_or(|(b, bid)| s > b || (s == b && id < bid)) {
                best = Some((s, id));
            }
        }
        match best {
            Some((s, id)) if s >= FUZZY_REVIEW => self.hit(id as usize, s),
            _ => None,
        }
    }

    /// The printed name of an id.
    pub fn printed(&self, id: u32) -> Option<&str> {
        self.names.get(id as usize).map(|n| &*n.0)
    }

    /// Ids of the names whose key starts with `key` and is longer than it, in key order.
    pub fn prefix_ids(&self, key: &str) -> Vec<u32> {
        let start = self.by_key.partition_point(|id| self.key_of(*id) < key);
        self.by_key
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|id| self.key_of(**id).starts_with(key))
            .filter(|id| self.key_of(**id).len() > key.len())
            .copied()
            .collect()
    }

    /// Ids of the names whose key ends with `key` and is longer than it, in reversed-key order.
    pub fn suffix_ids(&self, key: &str) -> Vec<u32> {
        self.by_rev.ending_with(key).copied().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idx() -> IndicatorIndex {
        IndicatorIndex::new(vec![
            ("培训场次".into(), "培训场次".into(), 0),
            (
                "培训工作为经济和社会发展提供长期人才储备".into(),
                "培训工作为经济和社会发展提供长期人才储备".into(),
                7,
            ),
            ("受益对象满意度".into(), "受益对象满意度".into(), 8),
            (
                "服务或受益对象满意度".into(),
                "服务或受益对象满意度".into(),
                8,
            ),
        ])
    }

    #[test]
    fn exact_then_fuzzy_then_nothing() {
        let i = idx();
        assert!(i.lookup("培训场次").is_some_and(|m| m.is_exact()));
        let m = i.lookup("培训作为经济和社会发展提供长期人才储备");
        assert!(m
            .as_ref()
            .is_some_and(|m| m.cat == 7 && m.score >= FUZZY_ACCEPT && !m.is_exact()));
        assert!(i.lookup("完全无关的名称").is_none());
    }

    #[test]
    fn prefix_and_suffix_search() {
        let i = idx();
        let printed = |ids: Vec<u32>| -> Vec<String> {
            ids.into_iter()
                .filter_map(|id| i.printed(id).map(str::to_string))
                .collect()
        };
        assert_eq!(
            printed(i.prefix_ids("培训工作为经济")),
            vec!["培训工作为经济和社会发展提供长期人才储备"]
        );
        assert!(i.prefix_ids("培训场次").is_empty());
        assert_eq!(
            printed(i.suffix_ids("受益对象满意度")),
            vec!["服务或受益对象满意度"]
        );
    }
}
