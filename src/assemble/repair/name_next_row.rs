//! Name on the next row: the tail of a name whose printed cell wrapped, standing alone in the
//! name column of the row under it (the OCR broke the row in two, the value stayed on the first
//! line). The lone cell, its row and the draft before it go in; out comes that draft with the
//! tail joined to its name and a `name_split` repair.
//!
//! The tail joins only when the draft was read from the row right above, in the header's
//! columns, with a value; the tail is short (a name's last word, `MAX_TAIL` characters at most),
//! holds only ideographs (no digit, ASCII, `……` or other filler), opens no header word, and
//! neither it nor the name above is a name the vocabulary knows
//! whole. A known name, or a longer text, alone on its row stays an indicator with no value (the
//! reference document prints two such rows).
//!
//! Before/after: `| | | 乡镇冷链配 | ≥12个 |` then `| | | 送站点 | |` → one record, name
//! 乡镇冷链配送站点, value ≥12个, repair `name_split`.

use crate::assemble::draft::Draft;
use crate::model::{Repair, RepairKind};
use crate::vocab::classify::{Class, Typed};
use crate::vocab::Vocab;

/// The longest tail (in characters) read as the end of the name above.
pub const MAX_TAIL: usize = 5;

/// Joins `tail` (the only indicator cell of row `row`, no label) to the name of `prev` when it
/// is that name's wrapped end (see the module doc); false (nothing done) otherwise.
pub fn attach(
    prev: Option<&mut Draft>,
    tail: &Typed,
    row: usize,
    name_col: Option<usize>,
    vocab: &Vocab,
) -> bool {
    let Some(prev) = prev else {
        return false;
    };
    let text = tail.text().trim();
    let n = text.chars().count();
    if prev.row + 1 != row
        || !prev.aligned
        || prev.value.is_none()
        || name_col != Some(tail.col)
        || !matches!(tail.class, Class::Text)
        || !(2..=MAX_TAIL).contains(&n)
        || !text
            .chars()
            .all(|c| !c.is_ascii() && (c.is_alphabetic() || matches!(c, '（' | '）' | '、')))
        || vocab.family().is_placeholder(text)
        // the start of a header word cut over two lines (`年度绩效指` | `标`) is no name's end
        || vocab.header_words().iter().any(|h| h.starts_with(text))
    {
        return false;
    }
    let known = |s: &str| vocab.indicator(s).is_some_and(|m| m.is_exact());
    if known(text) || known(prev.name.as_str()) {
        return false;
    }
    let joined = format!("{}{text}", prev.name.as_str());
    prev.repairs.push(Repair::new(
        RepairKind::NameSplit,
        format!("the name's tail `{text}` stood alone on the next row"),
    ));
    prev.name = vocab.known(joined);
    true
}
