//! Look-alike characters in a value: letters the OCR read for digits (`O` for 0, `l` for 1)
//! wherever a digit stands (`vocab::fix_value_digits`), and a unit that is a look-alike of a
//! listed unit (`vocab::fix_value_unit`). A value goes in; out comes the value read right and
//! a `lookalike_digits` repair.
//!
//! Before/after: `≥1O0%` → `≥100%`, `2O24年ll月底前` → `2024年11月底前`, `≥3.5万入` →
//! `≥3.5万人`, repair `lookalike_digits`.

use crate::model::{Repair, RepairKind};
use crate::vocab::{fix_value_digits, fix_value_unit, Known, Vocab};

/// `value` with look-alike digits read as digits (see the module doc).
pub fn fix(value: Option<Known>, vocab: &Vocab, repairs: &mut Vec<Repair>) -> Option<Known> {
    let Some(v) = value.as_ref() else {
        return value;
    };
    let digits = fix_value_digits(v);
    let unit = match digits.as_deref() {
        Some(d) => fix_value_unit(vocab, d),
        None => fix_value_unit(vocab, v),
    };
    let Some(fixed) = unit.or(digits) else {
        return value;
    };
    repairs.push(Repair::new(
        RepairKind::LookalikeDigits,
        format!("`{}` read as `{fixed}` (look-alike characters)", &**v),
    ));
    Some(vocab.known(fixed))
}
