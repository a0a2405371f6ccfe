//! A cheap test that a text cannot hold any part of a category label. The vocabulary's label
//! keys go in; out comes a mark — a character every label key holds (`标` of `…指标`) — and the
//! printed characters that fold to it. A pair of cells neither of which holds a source of the
//! mark cannot join into a label, so the label repairs skip them without building and folding
//! the joined text (most cell pairs on a row: a name and its value).

use crate::normalize::{is_nfkc_stable, Lookalikes};
use rustc_hash::FxHashSet;
use unicode_normalization::UnicodeNormalization;

/// The characters label repairs look for (see the module doc).
#[derive(Debug, Clone, Default)]
pub struct LabelMark {
    /// `None` when the label keys share no character of `指标`: then every text may hold one.
    mark: Option<char>,
    /// Printed characters whose key form is the mark (itself and its look-alikes).
    sources: FxHashSet<char>,
    /// Some label key is a proper prefix of another (then a whole label followed by more text
    /// may still be a label).
    nested: bool,
}

impl LabelMark {
    /// The mark of these label keys: `标` or `指`, whichever every key holds.
    pub fn new<'a>(label_keys: impl Iterator<Item = &'a str> + Clone, la: &Lookalikes) -> Self {
        let mark = ['标', '指']
            .into_iter()
            .find(|&m| label_keys.clone().all(|k| k.contains(m)));
        let nested = label_keys.clone().any(|a| {
            label_keys
                .clone()
                .any(|b| b.len() > a.len() && b.starts_with(a))
        });
        let mut sources = FxHashSet::default();
        if let Some(m) = mark {
            sources.insert(m);
            sources.extend(la.iter().filter(|(_, &to)| to == m).map(|(&from, _)| from));
        }
        // NFKC composition never makes an ASCII character or a CJK ideograph, so a key can hold
        // such a source only where the printed text holds it or a character decomposing to it;
        // any other source would need the whole normaliser to rule out: then rule out nothing
        if !sources.iter().all(|&c| is_nfkc_stable(c)) {
            return LabelMark {
                nested,
                ..LabelMark::default()
            };
        }
        LabelMark {
            mark,
            sources,
            nested,
        }
    }

    /// Whether `text`'s key may hold the mark (never false when it does).
    pub fn may_hold(&self, text: &str) -> bool {
        self.mark.is_none()
            || text.chars().any(|c| {
                self.sources.contains(&c)
                    || (!is_nfkc_stable(c)
                        && std::iter::once(c).nfkd().any(|d| self.sources.contains(&d)))
            })
    }

    /// Whether some label key is a proper prefix of another.
    pub fn nested(&self) -> bool {
        self.nested
    }

    /// The mark, when there is one: every label key, and the tail 指标 the re-split looks for,
    /// hold it.
    #[cfg(test)]
    pub fn mark(&self) -> Option<char> {
        self.mark
    }
}

/// Whether the key of `text` may end with `target` (a CJK ideograph or ASCII character; never
/// false when it does): its last printed character folds to it, or is one the key drops or NFKC
/// may change (then the characters before it would decide).
pub fn key_may_end_with(text: &str, target: char, la: &Lookalikes) -> bool {
    let Some(c) = text.chars().next_back() else {
        return false;
    };
    if c.is_whitespace() || !is_nfkc_stable(c) {
        return true;
    }
    let folded = la.get(&c).copied().unwrap_or(c).to_ascii_lowercase();
    folded == target || matches!(folded, '。' | '.' | ':' | ';' | ',' | '、')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_without_a_source_of_the_mark_are_ruled_out() {
        let mut la = Lookalikes::default();
        la.insert('示', '标');
        let m = LabelMark::new(["产出指标", "数量指标"].into_iter(), &la);
        assert_eq!(m.mark(), Some('标'));
        assert!(m.may_hold("产出指标"));
        assert!(m.may_hold("数量指示"), "a look-alike of the mark");
        // ⽰ (KANGXI RADICAL SHOW) folds to 示, a look-alike of the mark
        assert!(
            m.may_hold("数量指\u{2F70}"),
            "a character NFKC changes into a source"
        );
        assert!(
            !m.may_hold("培训ｘ"),
            "a character NFKC changes, but not into a source"
        );
        assert!(!m.may_hold("培训场次"));
        assert!(!m.may_hold("≥5场"));
        // no shared character: nothing is ruled out
        let none = LabelMark::new(["产出", "数量指标"].into_iter(), &la);
        assert!(none.may_hold("培训场次"));
        assert!(!m.nested());
        assert!(LabelMark::new(["满意度指标", "满意度指标二"].into_iter(), &la).nested());
    }

    #[test]
    fn key_ends_are_ruled_out_only_when_the_last_character_decides() {
        let mut la = Lookalikes::default();
        la.insert('示', '标');
        assert!(key_may_end_with("产出指标", '标', &la));
        assert!(key_may_end_with("产出指示", '标', &la), "look-alike");
        assert!(
            key_may_end_with("产出指标 ", '标', &la),
            "dropped whitespace"
        );
        assert!(
            key_may_end_with("产出指标。", '标', &la),
            "dropped full stop"
        );
        assert!(key_may_end_with("产出指标:", '标', &la));
        assert!(!key_may_end_with("产出指", '标', &la));
        assert!(!key_may_end_with("数量指标培训", '标', &la));
        assert!(!key_may_end_with("", '标', &la));
    }
}
