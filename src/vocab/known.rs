//! Texts that carry their memo entry. A printed text goes in (with the vocabulary it was looked
//! up under); out comes a `Known` that reads as the text (`Deref<Target = str>`) and answers the
//! vocabulary's questions about it — key, label, indicator match, value class — with no further
//! lookup. A draft's name is asked about a dozen times on its way to a record; it is looked up
//! once, when it is made.
//!
//! `Asked` is what the vocabulary's questions take: any text (`str`, `String`, `Rc<str>`),
//! looked up by its characters, or a `Known`, whose entry is used when it was made under the
//! same vocabulary (under another one it is looked up like any text). A `Known`'s text cannot
//! change after it is made, so its entry always belongs to it; an unasked one (`Known::from`)
//! is looked up on each question, like a `String`.

use super::memo::Facts;
use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

/// A text the vocabulary can be asked about (see the module doc).
pub trait Asked {
    /// The printed text.
    fn as_text(&self) -> &str;
    /// The memo entry this text carries for vocabulary `vocab`, if any.
    fn facts_under(&self, _vocab: u64) -> Option<&Rc<Facts>> {
        None
    }
}

impl Asked for str {
    fn as_text(&self) -> &str {
        self
    }
}

impl Asked for String {
    fn as_text(&self) -> &str {
        self
    }
}

impl Asked for Rc<str> {
    fn as_text(&self) -> &str {
        self
    }
}

impl Asked for std::sync::Arc<str> {
    fn as_text(&self) -> &str {
        self
    }
}

impl<T: Asked + ?Sized> Asked for &T {
    fn as_text(&self) -> &str {
        (**self).as_text()
    }

    fn facts_under(&self, vocab: u64) -> Option<&Rc<Facts>> {
        (**self).facts_under(vocab)
    }
}

/// The memo entry a value owning its text carries: the vocabulary it was looked up under and
/// the entry, or none (a text not looked up, or changed since).
#[derive(Clone, Debug, Default)]
pub struct Carried(Option<(u64, Rc<Facts>)>);

impl Carried {
    pub fn new(vocab: u64, facts: Rc<Facts>) -> Carried {
        Carried(Some((vocab, facts)))
    }

    /// The entry, when it was looked up under vocabulary `vocab`.
    pub fn under(&self, vocab: u64) -> Option<&Rc<Facts>> {
        match &self.0 {
            Some((id, f)) if *id == vocab => Some(f),
            _ => None,
        }
    }
}

/// A text with its memo entry under one vocabulary (see the module doc).
#[derive(Clone, Default)]
pub struct Known {
    text: String,
    facts: Carried,
}

impl Known {
    /// `text` with the entry looked up for it (`Vocab::known`).
    pub(super) fn with_facts(text: String, facts: Carried) -> Known {
        Known { text, facts }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn into_string(self) -> String {
        self.text
    }
}

impl Asked for Known {
    fn as_text(&self) -> &str {
        &self.text
    }

    fn facts_under(&self, vocab: u64) -> Option<&Rc<Facts>> {
        self.facts.under(vocab)
    }
}

/// An unasked text: looked up on each question.
impl From<String> for Known {
    fn from(text: String) -> Known {
        Known {
            text,
            facts: Carried::default(),
        }
    }
}

impl From<&str> for Known {
    fn from(text: &str) -> Known {
        Known::from(text.to_string())
    }
}

impl Deref for Known {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl AsRef<str> for Known {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl PartialEq for Known {
    fn eq(&self, other: &Known) -> bool {
        self.text == other.text
    }
}

impl PartialEq<str> for Known {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl PartialEq<&str> for Known {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl fmt::Debug for Known {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

impl fmt::Display for Known {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use crate::vocab::{Known, Vocab, DEFAULT_VOCAB};

    fn vocabs() -> (Vocab, Vocab) {
        let plain = Vocab::from_texts(&[DEFAULT_VOCAB]).unwrap_or_else(|e| panic!("{e}"));
        // a second vocabulary that also reads 甲 as 乙
        let more = Vocab::from_texts(&[DEFAULT_VOCAB, "[lookalike]\n甲 | 乙\n"])
            .unwrap_or_else(|e| panic!("{e}"));
        (plain, more)
    }

    #[test]
    fn a_known_text_answers_as_its_text_does_under_each_vocabulary() {
        let (plain, more) = vocabs();
        let k = plain.known("甲类项目".to_string());
        assert_eq!(&*plain.key(&k), &*plain.key("甲类项目"));
        // made under one vocabulary, asked under another: looked up there, not carried over
        assert_eq!(&*more.key(&k), "乙类项目");
        assert_eq!(&*more.key(&k), &*more.key("甲类项目"));
        // unasked, it is looked up like any text
        assert_eq!(&*more.key(&Known::from("甲类项目")), "乙类项目");
    }

    #[test]
    fn an_entry_is_reused_only_for_the_same_text() {
        let (plain, more) = vocabs();
        let source = more.known("甲".to_string());
        // another text: its own entry, not the source's
        assert_eq!(
            &*more.key(&more.known_from("丙".to_string(), &source)),
            "丙"
        );
        assert_eq!(
            &*more.key(&more.known_from("甲".to_string(), &source)),
            "乙"
        );
        // a source made under another vocabulary lends nothing
        assert_eq!(
            &*plain.key(&plain.known_from("甲".to_string(), &source)),
            "甲"
        );
    }

    #[test]
    fn kept_character_answers_are_the_computed_ones() {
        let (plain, _) = vocabs();
        for text in [
            "产出指标",
            "数量指",
            "培训场次",
            "≥95%",
            "指示",
            "Å指标",
            "",
        ] {
            let k = plain.known(text.to_string());
            for _ in 0..2 {
                // the first question computes and keeps the answer, the second reads it
                assert_eq!(
                    plain.key_may_hold_biao(&k),
                    plain.key_may_hold_biao(text),
                    "{text}"
                );
                assert_eq!(
                    plain.may_be_label_part(&k),
                    plain.may_be_label_part(text),
                    "{text}"
                );
            }
        }
        assert!(plain.key_may_hold_biao(&plain.known("产出指标".to_string())));
        assert!(!plain.may_be_label_part(&plain.known("培训场次".to_string())));
    }
}

/// A borrowed text with the memo entry it was looked up with: the questions a memoised answer
/// asks of the same text (classification, value class) read that entry, with no second lookup.
#[derive(Clone, Debug)]
pub struct Looked<'a> {
    text: &'a str,
    carried: Carried,
}

impl<'a> Looked<'a> {
    pub fn new(text: &'a str, carried: Carried) -> Self {
        Looked { text, carried }
    }
}

impl Asked for Looked<'_> {
    fn as_text(&self) -> &str {
        self.text
    }

    fn facts_under(&self, vocab: u64) -> Option<&Rc<Facts>> {
        self.carried.under(vocab)
    }
}
