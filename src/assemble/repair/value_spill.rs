//! Value spilled into the next cell: a target whose unit or date tail the OCR put in a cell of
//! its own (`| ≥60 | 家 |`, `| 2025年3月 | 底前 |`, `| ≤800 | 元/人 |`). The row's value cell and
//! the cells after it go in; out comes the value cell holding the whole target, the tail cell
//! taken out of the extras, and a `value_split` repair.
//!
//! The tail joins only when it is the very next cell, holds no digit, and the joined text is a
//! target the vocabulary reads whole: a number with a listed unit, or a date whose tail is a
//! date mark (底前, 日前 …). A tail beside a text value, or a cell with digits, stays an extra.
//!
//! Before/after: `| 统计执法检查单位 | ≥60 | 家 |` → value `≥60家`, repair `value_split`.

use crate::assemble::segment::{value_type, ValueType};
use crate::model::{Repair, RepairKind};
use crate::vocab::classify::Typed;
use crate::vocab::{ValueClass, Vocab};

/// The longest tail (in characters) read as a spilled unit or date mark.
const MAX_TAIL: usize = 6;
/// The longest unit the vocabulary does not list that still joins.
const SHORT_UNIT: usize = 2;

/// Joins the first extra cell onto `value` when it is the target's spilled tail (see the
/// module doc).
pub fn join(
    value: Option<&mut Typed>,
    extra: &mut Vec<Typed>,
    vocab: &Vocab,
    repairs: &mut Vec<Repair>,
) {
    let (Some(v), Some(tail)) = (value, extra.first()) else {
        return;
    };
    let head = v.text().trim();
    let rest = tail.text().trim();
    if tail.col != v.col + 1
        || rest.is_empty()
        || rest.chars().count() > MAX_TAIL
        || rest
            .chars()
            .any(|c| c.is_ascii_digit() || c.is_whitespace())
        || !head.ends_with(|c: char| c.is_ascii_digit() || matches!(c, '年' | '月' | '日'))
    {
        return;
    }
    let joined = format!("{head}{rest}");
    let class = vocab.value_class(&joined);
    // a listed unit, or a short one the vocabulary does not list (`卷`, `件次`)
    let whole = match &*class {
        ValueClass::Quantitative(p) => !p.unit.is_empty(),
        ValueClass::Numeric => rest.chars().count() <= SHORT_UNIT,
        _ => false,
    };
    let checks = vocab.checks();
    let dated = checks.has_date_mark(&joined) && !checks.has_date_mark(head);
    let priced = matches!(
        value_type(&joined, &class, vocab.checks()),
        Some(ValueType::MoneyPerUnit | ValueType::MoneyCap)
    );
    if !(whole || dated || priced) {
        return;
    }
    repairs.push(Repair::new(
        RepairKind::ValueSplit,
        format!(
            "the value's tail `{rest}` stood in column {} (joined to `{head}`)",
            tail.col + 1
        ),
    ));
    v.set_text(joined);
    extra.remove(0);
}
