//! Look-alikes that only a whole known word settles. Some OCR confusions print a character
//! that is common in its own right: 日 for 目 (`项日名称`), 个 for 不 (`个适用`). Folding them
//! everywhere, as `[lookalike]` folds 宰 into 率, would break every date and every count in 个.
//! The vocabulary's known texts go in (meta keys, labels, header words, indicator names,
//! qualitative phrases, each with its key) with the `[lookalike]` pairs marked `word`; out
//! comes, for each key that is a known key with some of those characters misprinted, the known
//! text it stands for. A text is read as a known one only when its whole key is such a
//! misprint, is not itself known, and misprints one known text only.
//!
//! Before/after: `项日名称` → `项目名称`, `个适用` → `不适用`, `项日验收合格率` → `项目验收合格率`;
//! `12月31日前` and `≥3个` stay (no known text misprinted).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Keys shorter than this are never read as another (two characters say too little).
pub const MIN_CHARS: usize = 3;

/// Misprinted characters considered in one key (the variants of a key double with each).
const MAX_POSITIONS: usize = 4;

/// Misprinted keys and the known texts they stand for.
#[derive(Debug, Clone, Default)]
pub struct WordLookalikes {
    /// misprinted key → (known key, known printed text)
    variants: HashMap<Box<str>, (Box<str>, Box<str>)>,
}

impl WordLookalikes {
    /// Builds the map from `known` (key, printed text) and the word pairs (printed, meant).
    pub fn new<'a>(
        pairs: &[(char, char)],
        known: impl Iterator<Item = (&'a str, &'a str)> + Clone,
    ) -> WordLookalikes {
        if pairs.is_empty() {
            return WordLookalikes::default();
        }
        let keys: HashSet<&str> = known.clone().map(|(k, _)| k).collect();
        let misprints = |meant: char| pairs.iter().filter(move |(_, m)| *m == meant);
        let mut variants: HashMap<Box<str>, (Box<str>, Box<str>)> = HashMap::default();
        let mut ambiguous: HashSet<Box<str>> = HashSet::default();
        for (key, text) in known {
            let chars: Vec<char> = key.chars().collect();
            if chars.len() < MIN_CHARS {
                continue;
            }
            let spots: Vec<usize> = (0..chars.len())
                .filter(|&i| chars.get(i).is_some_and(|&c| misprints(c).next().is_some()))
                .take(MAX_POSITIONS)
                .collect();
            for variant in variants_of(&chars, &spots, pairs) {
                if keys.contains(variant.as_str()) || ambiguous.contains(variant.as_str()) {
                    continue;
                }
                match variants.get(variant.as_str()) {
                    Some((k, _)) if &**k != key => {
                        variants.remove(variant.as_str());
                        ambiguous.insert(variant.into_boxed_str());
                    }
                    Some(_) => {}
                    None => {
                        variants.insert(variant.into_boxed_str(), (key.into(), text.into()));
                    }
                }
            }
        }
        WordLookalikes { variants }
    }

    /// The known key and printed text that `key` misprints, if any.
    pub fn reading(&self, key: &str) -> Option<(&str, &str)> {
        self.variants.get(key).map(|(k, t)| (&**k, &**t))
    }

    /// Whether no pair is in use.
    pub fn is_empty(&self) -> bool {
        self.variants.is_empty()
    }
}

/// Every key `chars` becomes with one or more of the characters at `spots` misprinted.
fn variants_of(chars: &[char], spots: &[usize], pairs: &[(char, char)]) -> Vec<String> {
    let mut out: Vec<Vec<char>> = vec![chars.to_vec()];
    for &i in spots {
        let Some(&meant) = chars.get(i) else { continue };
        let mut more = Vec::new();
        for v in &out {
            for (printed, _) in pairs.iter().filter(|(_, m)| *m == meant) {
                let mut w = v.clone();
                if let Some(slot) = w.get_mut(i) {
                    *slot = *printed;
                }
                more.push(w);
            }
        }
        out.extend(more);
    }
    // the first is the known key itself
    out.into_iter()
        .skip(1)
        .map(|v| v.into_iter().collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(known: &[&str]) -> WordLookalikes {
        let pairs = [('日', '目'), ('个', '不')];
        WordLookalikes::new(&pairs, known.iter().map(|k| (*k, *k)))
    }

    #[test]
    fn a_misprinted_known_word_reads_as_the_word() {
        let w = words(&["项目名称", "不适用", "项目验收合格率", "项目负责人"]);
        assert_eq!(w.reading("项日名称"), Some(("项目名称", "项目名称")));
        assert_eq!(w.reading("个适用"), Some(("不适用", "不适用")));
        assert_eq!(
            w.reading("项日验收合格率"),
            Some(("项目验收合格率", "项目验收合格率"))
        );
    }

    #[test]
    fn known_text_short_keys_and_other_text_stay() {
        // 日前 is known in its own right; 项目 is too short to say anything
        let w = words(&["目前", "日前进度", "目前进度", "项目"]);
        assert_eq!(w.reading("项日"), None);
        assert_eq!(w.reading("日前进度"), None);
        assert_eq!(w.reading("12月31日前"), None);
    }

    #[test]
    fn a_misprint_of_two_known_words_is_left_alone() {
        // 日标值 could be 目标值 or 月标值: the pairs 日/目 and 日/月 both make a known word
        let pairs = [('日', '目'), ('日', '月')];
        let known = ["目标值", "月标值"];
        let w = WordLookalikes::new(&pairs, known.iter().map(|k| (*k, *k)));
        assert_eq!(w.reading("日标值"), None);
    }

    #[test]
    fn several_misprints_in_one_word_are_read() {
        let w = words(&["项目不适用"]);
        assert_eq!(w.reading("项日个适用").map(|r| r.1), Some("项目不适用"));
        assert_eq!(w.reading("项日不适用").map(|r| r.1), Some("项目不适用"));
    }
}
