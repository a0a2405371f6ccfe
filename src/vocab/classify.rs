//! Cell typing. A form's rows go in; out comes, for every cell, what its text is on its own —
//! header word, meta key, level-1 label, level-2 label, value, free text (name or meta value,
//! decided by position in `assemble`), or empty — with a match score, and where the indicator
//! block begins (the first header row or category label after the meta rows).

pub use super::class::Class;
use super::memo::{self, Facts};
use super::{fix_value_digits, Asked, Carried, Looked, Vocab};
use crate::model::Cell;
use std::rc::Rc;

/// A cell with its class. It carries its text's memo entry (`vocab::memo::Facts`), so the
/// vocabulary answers questions about it (`Asked`) without another lookup.
#[derive(Debug, Clone)]
pub struct Typed {
    pub cell: Cell,
    pub class: Class,
    /// Column index in the source row.
    pub col: usize,
    /// the memo entry of the cell's text (none for a blank cell or a changed text)
    facts: Carried,
}

impl Typed {
    /// Classifies `cell`, standing in column `col`.
    pub fn new(cell: Cell, col: usize, vocab: &Vocab) -> Typed {
        // blank cells are most of a form's padding: no lookup
        if cell.text.is_empty() {
            return Typed {
                cell,
                class: Class::Empty,
                col,
                facts: Carried::default(),
            };
        }
        let facts = vocab.facts(cell.text.as_str());
        Typed {
            class: class_of(&facts, &cell.text, vocab),
            cell,
            col,
            facts: Carried::new(vocab.id(), facts),
        }
    }

    pub fn text(&self) -> &str {
        &self.cell.text
    }

    /// Whether the cell prints nothing.
    pub fn is_empty(&self) -> bool {
        self.class == Class::Empty
    }

    /// Replaces the cell's text, keeping its class (a repair that joins or composes text).
    pub fn set_text(&mut self, text: String) {
        self.cell.text = text;
        self.facts = Carried::default();
    }
}

/// Typed cells are equal when cell, class and column are (the memo entry follows the text).
impl PartialEq for Typed {
    fn eq(&self, other: &Typed) -> bool {
        self.cell == other.cell && self.class == other.class && self.col == other.col
    }
}

impl Asked for Typed {
    fn as_text(&self) -> &str {
        &self.cell.text
    }

    fn facts_under(&self, vocab: u64) -> Option<&Rc<Facts>> {
        self.facts.under(vocab)
    }
}

/// The class of `text`, kept in its memo entry (the class is a pure function of the text).
fn class_of(facts: &Rc<Facts>, text: &str, vocab: &Vocab) -> Class {
    memo::answer(&facts.class, || {
        // the text's other questions answered from the same entry, with no lookup
        classify_uncached(
            &Looked::new(text, Carried::new(vocab.id(), facts.clone())),
            vocab,
        )
    })
}

/// Classifies one cell's text.
pub fn classify_text(text: &str, vocab: &Vocab) -> Class {
    if text.is_empty() {
        return Class::Empty;
    }
    class_of(&vocab.facts(text), text, vocab)
}

fn classify_uncached(cell: &Looked, vocab: &Vocab) -> Class {
    let text = cell.as_text();
    if text.trim().is_empty() {
        return Class::Empty;
    }
    if vocab.is_header(cell) {
        return Class::Header;
    }
    if let Some(m) = vocab.label_fuzzy(cell) {
        return Class::Label(m);
    }
    if let Some(m) = vocab.meta_key(cell) {
        return Class::MetaKey(m);
    }
    let v = vocab.value_class(cell);
    if v.is_value() {
        return Class::Value(v.kind());
    }
    // a number with OCR look-alike digits (`≥1O0%`) is still a value
    if let Some(fixed) = fix_value_digits(text) {
        let v = vocab.value_class(&fixed);
        if v.is_value() {
            return Class::Value(v.kind());
        }
    }
    Class::Text
}

/// Classifies a row's cells, keeping their column positions.
pub fn classify_row(row: Vec<Cell>, vocab: &Vocab) -> Vec<Typed> {
    row.into_iter()
        .enumerate()
        .map(|(col, cell)| Typed::new(cell, col, vocab))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_typical_cells() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(classify_text("", &v), Class::Empty);
        assert_eq!(classify_text("三级指标", &v), Class::Header);
        assert!(matches!(classify_text("质量指标", &v), Class::Label(_)));
        assert!(matches!(classify_text("项目名称", &v), Class::MetaKey(_)));
        assert!(matches!(classify_text("≥5场", &v), Class::Value(_)));
        assert_eq!(classify_text("培训场次", &v), Class::Text);
    }

    #[test]
    fn a_changed_cell_text_is_asked_about_as_the_new_text() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let cell = Cell {
            text: "培训场次".into(),
            ..Cell::default()
        };
        let mut t = Typed::new(cell, 0, &v);
        assert!(v.label(&t).is_none());
        t.set_text("质量指标".into());
        assert!(
            v.label(&t).is_some(),
            "the entry of the old text was dropped"
        );
        assert_eq!(&*v.key(&t), &*v.key("质量指标"));
    }
}
