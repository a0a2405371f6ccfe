//! Look-alike digits in a value: letters the OCR read for digits (`O` for 0, `l` for 1). A
//! value goes in; out comes the value with those letters read as digits and a
//! `lookalike_digits` repair, when the value is no quantity as printed and is one after.
//!
//! Before/after: `≥1O0%` → `≥100%`, repair `lookalike_digits`.

use crate::model::{Repair, RepairKind};
use crate::vocab::{fix_value_digits, Known, ValueClass, Vocab};

fn is_quantity(v: &Known, vocab: &Vocab) -> bool {
    matches!(*vocab.value_class(v), ValueClass::Quantitative(_))
}

/// `value` with look-alike digits read as digits (see the module doc).
pub fn fix(value: Option<Known>, vocab: &Vocab, repairs: &mut Vec<Repair>) -> Option<Known> {
    let fixed = value
        .as_ref()
        .filter(|v| !is_quantity(v, vocab))
        .and_then(|v| fix_value_digits(v))
        .map(|fixed| vocab.known(fixed))
        .filter(|fixed| is_quantity(fixed, vocab));
    let Some(fixed) = fixed else {
        return value;
    };
    repairs.push(Repair::new(
        RepairKind::LookalikeDigits,
        format!(
            "`{}` read as `{fixed}` (look-alike digits)",
            value.as_deref().unwrap_or_default()
        ),
    ));
    Some(fixed)
}
