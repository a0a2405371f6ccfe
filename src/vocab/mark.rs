//! Cheap character tests that rule cells out of the label repairs. The vocabulary's label keys
//! and look-alikes go in; out come two questions answered by scanning a cell's printed
//! characters, without building, folding or looking up any joined text:
//!
//! - could this text be part of a label? Every character of a label key is one of the few the
//!   label keys use (产 出 指 标 数 量 …); a printed character that folds to none of them rules
//!   the text out of any joined label (`培训场次` joins into no label).
//! - could this text's key hold `标`? A re-split needs `指标` in the joined key.
//!
//! Both answers are conservative: a character NFKC could change (anything outside ASCII and the
//! CJK Unified Ideographs), whitespace and the punctuation a key drops never rule a text out.
//! NFKC composition never yields ASCII or a CJK ideograph, so printed ASCII and ideographs can
//! be judged one by one.

use crate::normalize::{fold_char, is_nfkc_stable, Lookalikes};
use rustc_hash::FxHashSet;
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// Punctuation a key drops from its end (`normalize::fold`).
fn dropped_at_end(c: char) -> bool {
    matches!(c, '。' | '.' | ':' | ';' | ',' | '、')
}

/// Whether NFKC may compose `c` (or what it decomposes to) with a neighbouring character: a
/// combining mark or a Hangul jamo. Composition never yields ASCII or a CJK ideograph, but it
/// can hide or make other characters, so a text holding such a character is never ruled out.
pub fn may_compose(c: char) -> bool {
    !is_nfkc_stable(c)
        && std::iter::once(c).nfkd().any(|d| {
            canonical_combining_class(d) != 0
                || is_combining_mark(d)
                || ('\u{1100}'..='\u{11FF}').contains(&d)
        })
}

/// The characters of the vocabulary's label keys (see the module doc), as the printed ASCII and
/// CJK characters that fold to one of them (or to punctuation a key drops).
#[derive(Debug, Clone, Default)]
pub struct LabelChars {
    /// the characters of the label keys
    keyed: FxHashSet<char>,
    /// the printed ASCII and CJK characters that fold to one of them or to dropped punctuation
    printed: FxHashSet<char>,
}

impl LabelChars {
    pub fn new<'a>(label_keys: impl Iterator<Item = &'a str>, la: &Lookalikes) -> Self {
        let keyed: FxHashSet<char> = label_keys.flat_map(str::chars).collect();
        let lands = |f: Option<char>| f.is_none_or(|f| keyed.contains(&f) || dropped_at_end(f));
        // every stable character that could fold into the set: the set itself (upper-case
        // ASCII too), the dropped punctuation, and each look-alike's source
        let candidates = keyed
            .iter()
            .flat_map(|&c| [c, c.to_ascii_uppercase()])
            .chain(['。', '.', ':', ';', ',', '、'])
            .chain(la.keys().copied());
        let printed = candidates
            .filter(|&c| is_nfkc_stable(c) && lands(fold_char(c, la)))
            .collect();
        LabelChars { keyed, printed }
    }

    /// Whether `text` may be part of a text whose key is a label (never false when it is).
    pub fn may_be_label_part(&self, text: &str, la: &Lookalikes) -> bool {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            // a combining mark after a character may compose it into another one
            let fits = chars.peek().is_some_and(|&n| may_compose(n))
                || if is_nfkc_stable(c) {
                    c.is_whitespace() || self.printed.contains(&c)
                } else {
                    may_compose(c)
                        || std::iter::once(c).nfkd().all(|d| {
                            fold_char(d, la).is_none_or(|f| {
                                self.keyed.contains(&f) || dropped_at_end(f) || !is_nfkc_stable(f)
                            })
                        })
                };
            if !fits {
                return false;
            }
        }
        true
    }
}

/// The printed characters whose key form is one target character (an ASCII character or CJK
/// ideograph): itself and its look-alikes.
#[derive(Debug, Clone, Default)]
pub struct KeySources {
    target: char,
    sources: Vec<char>,
}

impl KeySources {
    pub fn new(target: char, la: &Lookalikes) -> Self {
        let mut sources: Vec<char> = std::iter::once(target)
            .chain(la.keys().copied())
            .chain(std::iter::once(target.to_ascii_uppercase()))
            .filter(|&c| is_nfkc_stable(c) && fold_char(c, la) == Some(target))
            .collect();
        sources.sort_unstable();
        sources.dedup();
        KeySources { target, sources }
    }

    /// Whether the key of `text` may hold the target (never false when it does).
    pub fn may_hold(&self, text: &str, la: &Lookalikes) -> bool {
        text.chars().any(|c| {
            if is_nfkc_stable(c) {
                self.sources.contains(&c)
            } else {
                std::iter::once(c)
                    .nfkd()
                    .any(|d| fold_char(d, la) == Some(self.target))
            }
        })
    }
}

/// Whether the key of `text` may end with `target` (an ASCII character or CJK ideograph; never
/// false when it does): its last printed character folds to it, or is one the key drops or NFKC
/// may change (then the characters before it would decide).
pub fn key_may_end_with(text: &str, target: char, la: &Lookalikes) -> bool {
    let Some(c) = text.chars().next_back() else {
        return false;
    };
    if !is_nfkc_stable(c) {
        return true;
    }
    fold_char(c, la).is_none_or(|f| f == target || dropped_at_end(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn la() -> Lookalikes {
        let mut la = Lookalikes::default();
        la.insert('示', '标');
        la
    }

    #[test]
    fn texts_with_a_character_no_label_uses_are_ruled_out() {
        let la = la();
        let l = LabelChars::new(["产出指标", "数量指标", "产出"].into_iter(), &la);
        assert!(l.may_be_label_part("产出", &la));
        assert!(
            l.may_be_label_part("指 标。", &la),
            "whitespace and a dropped stop"
        );
        assert!(l.may_be_label_part("数量指示", &la), "a look-alike of 标");
        assert!(
            l.may_be_label_part("数量\u{2F70}", &la),
            "a character NFKC changes"
        );
        assert!(!l.may_be_label_part("培训场次", &la));
        assert!(
            !l.may_be_label_part("数量≥5", &la),
            "5 is no label character"
        );
        assert!(!l.may_be_label_part("≥98%", &la), "≥ is itself under NFKC");
        assert!(l.may_be_label_part("数量e\u{301}", &la), "a combining mark");
        // full-width Ａ decomposes to A, which the ring above then composes into Å
        assert!(
            l.may_be_label_part("数量\u{FF21}\u{30A}", &la),
            "a mark after a decomposed one"
        );
        assert!(
            !l.may_be_label_part("数量\u{FF21}", &la),
            "Ａ folds to a, no label character"
        );
        assert!(may_compose('\u{301}') && may_compose('\u{FF9E}') && !may_compose('≥'));
    }

    #[test]
    fn a_key_holds_a_character_only_if_some_printed_one_may_fold_to_it() {
        let la = la();
        let k = KeySources::new('标', &la);
        assert!(k.may_hold("数量指标", &la));
        assert!(k.may_hold("数量指示", &la));
        // ⽰ (KANGXI RADICAL SHOW) folds to 示, a look-alike of 标
        assert!(k.may_hold("数量\u{2F70}", &la));
        assert!(!k.may_hold("培训场次", &la));
        assert!(
            !k.may_hold("法规、制度≥1", &la),
            "punctuation that is not 标"
        );
    }

    #[test]
    fn key_ends_are_ruled_out_only_when_the_last_character_decides() {
        let la = la();
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

    fn pair_vocab() -> crate::vocab::Vocab {
        crate::vocab::Vocab::from_texts(&[
            // Å指标: a label variant whose key holds a character composition makes
            "[lookalike]\n示 | 标\n[level1]\n产出指标 | 产出 | 产出类指标\n\
             [level2]\n数量指标 | 产出指标 | 数量 | Å指标\n",
        ])
        .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Soundness against the real folding: whenever the key of a joined pair is a label, both
    /// halves pass (or the second opens with a composing character); whenever it holds 标, one
    /// half may hold it; whenever a text's key ends with 标, the test says it may.
    fn check_pair(a: &str, b: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let v = pair_vocab();
        let joined = format!("{a}{b}");
        if v.label(&joined).is_some() {
            proptest::prop_assert!(
                (v.may_be_label_part(a) && v.may_be_label_part(b))
                    || b.chars().next().is_some_and(may_compose),
                "{a:?} + {b:?}"
            );
        }
        if v.key(&joined).contains('标') {
            proptest::prop_assert!(v.key_may_hold_biao(a) || v.key_may_hold_biao(b));
        }
        for t in [a, b, joined.as_str()] {
            if v.key(t).ends_with('标') {
                proptest::prop_assert!(v.key_may_end_with(t, '标'), "{t:?}");
            }
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn the_character_tests_never_rule_out_a_real_label(
            a in "[产出指标数量类培训场次≥5%。:,、 \u{3000}\t\u{301}\u{30A}\u{FF21}\u{FF41}\u{2F70}示eA]{0,6}",
            b in "[产出指标数量类培训场次≥5%。:,、 \u{3000}\t\u{301}\u{30A}\u{FF21}\u{FF41}\u{2F70}示eA]{0,6}",
        ) {
            check_pair(&a, &b)?;
        }

        /// Labels cut in two, with whitespace, stops, marks or look-alikes at the cut.
        #[test]
        fn labels_cut_anywhere_still_pass(
            label in proptest::sample::select(vec!["产出指标", "数量指标", "产出", "数量", "产出类指标", "数量指示", "\u{FF21}\u{30A}指标"]),
            cut in 0usize..6,
            noise in "[ \u{3000}\t。:、\u{301}\u{30A}\u{2F70}]{0,2}",
            noise_left in proptest::bool::ANY,
        ) {
            let chars: Vec<char> = label.chars().collect();
            let k = cut.min(chars.len());
            let (x, y): (String, String) =
                (chars[..k].iter().collect(), chars[k..].iter().collect());
            let (a, b) = if noise_left { (format!("{x}{noise}"), y) } else { (x, format!("{noise}{y}")) };
            check_pair(&a, &b)?;
        }
    }
}
