//! Value on the next row: a value standing alone on the row under a name that has none (the
//! OCR broke the row in two). The lone value cell and the draft before it go in; out comes that
//! draft with the value joined and a `value_next_row` repair.
//!
//! Before/after: `| | | 培训场次 | |` then `| | | | ≥5场 |` → one record, name 培训场次,
//! value ≥5场, repair `value_next_row`.

use crate::assemble::draft::Draft;
use crate::model::{Repair, RepairKind};
use crate::vocab::classify::Typed;
use crate::vocab::Vocab;

/// Joins `value` to `prev` when `prev` has no value yet; false (nothing done) otherwise.
pub fn attach(prev: Option<&mut Draft>, value: &Typed, vocab: &Vocab) -> bool {
    let Some(prev) = prev.filter(|d| d.value.is_none()) else {
        return false;
    };
    prev.value = Some(vocab.known(value.text().to_string()));
    prev.value_cell = Some(value.cell.clone());
    prev.repairs.push(Repair::new(
        RepairKind::ValueNextRow,
        format!("value `{}` stood alone on the next row", value.text()),
    ));
    true
}
