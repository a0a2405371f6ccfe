//! Cell typing. A form's rows go in; out comes, for every cell, what its text is on its own —
//! header word, meta key, level-1 label, level-2 label, value, free text (name or meta value,
//! decided by position in `assemble`), or empty — with a match score, and where the indicator
//! block begins (the first header row or category label after the meta rows).

use crate::model::Cell;
use crate::vocab::{fix_value_digits, memo, LabelMatch, MetaField, ValueKind, Vocab};

/// What a cell's text is, judged on its own.
#[derive(Debug, Clone, PartialEq)]
pub enum Class {
    Empty,
    Header,
    MetaKey(MetaField),
    Label(LabelMatch),
    Value(ValueKind),
    Text,
}

/// A cell with its class.
#[derive(Debug, Clone, PartialEq)]
pub struct Typed {
    pub cell: Cell,
    pub class: Class,
    /// Column index in the source row.
    pub col: usize,
}

impl Typed {
    pub fn text(&self) -> &str {
        &self.cell.text
    }
}

thread_local! {
    static CLASSES: std::cell::RefCell<memo::Memo<Class>> = std::cell::RefCell::default();
}

/// Classifies one cell's text (memoised per thread: the class is a pure function of the text).
pub fn classify_text(text: &str, vocab: &Vocab) -> Class {
    // blank cells are most of a form's padding: no lookup
    if text.is_empty() {
        return Class::Empty;
    }
    memo::get_or(&CLASSES, vocab.id(), text, || {
        classify_uncached(text, vocab)
    })
}

fn classify_uncached(text: &str, vocab: &Vocab) -> Class {
    if text.trim().is_empty() {
        return Class::Empty;
    }
    if vocab.is_header(text) {
        return Class::Header;
    }
    if let Some(m) = vocab.label_fuzzy(text) {
        return Class::Label(m);
    }
    if let Some(m) = vocab.meta_key(text) {
        return Class::MetaKey(m);
    }
    let v = vocab.value_class(text);
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
        .map(|(col, cell)| Typed {
            class: classify_text(&cell.text, vocab),
            cell,
            col,
        })
        .collect()
}

/// Whether a typed row is the indicator block's header row (two or more header words).
pub fn is_header_row(row: &[Typed]) -> bool {
    row.iter().filter(|t| t.class == Class::Header).count() >= 2
}

/// Index of the first row of the indicator block: the first header row, or the first row
/// holding a category label, whichever comes first; `rows.len()` when there is none.
pub fn indicator_start(rows: &[Vec<Typed>]) -> usize {
    rows.iter()
        .position(|r| {
            is_header_row(r)
                || r.iter()
                    .any(|t| matches!(t.class, Class::Label(m) if m.score >= 1.0))
        })
        .unwrap_or(rows.len())
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
}
