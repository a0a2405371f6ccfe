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
//!
//! A sign printed in a cell of its own before its number (`| 在线率 | ≥ | 98% |`) is the same
//! kind of split, at the head: `join_sign` makes the two cells one value before names and
//! values are told apart, so the sign is never read as the end of a name.

use crate::assemble::segment::{value_type, ValueType};
use crate::model::{Repair, RepairKind};
use crate::vocab::classify::{Class, Typed};
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

/// Whether `text` is a comparison sign and nothing else (around it, whitespace only).
fn is_sign(text: &str) -> bool {
    // a sign is one character of at most three bytes: a longer cell with no whitespace at its
    // ends (nearly every cell: cells come trimmed) is turned away before it is trimmed
    let padded = text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace);
    if text.len() > 3 && !padded {
        return false;
    }
    let mut chars = text.trim().chars();
    matches!(
        (chars.next(), chars.next()),
        (Some('≥' | '≤' | '>' | '<' | '＞' | '＜' | '≧' | '≦'), None)
    )
}

/// Joins a lone sign cell onto the number in the cell right after it (see the module doc):
/// `| 在线率 | ≥ | 98% |` → `| 在线率 | ≥98% |`, repair `value_split`. Only past the row's first
/// cell (a name comes first), and only when the joined text is a value.
pub fn join_sign(cells: &mut Vec<Typed>, vocab: &Vocab, repairs: &mut Vec<Repair>) {
    let Some(i) = cells
        .iter()
        .skip(1)
        .position(|t| is_sign(t.text()))
        .map(|i| i + 1)
    else {
        return;
    };
    let (Some(sign), Some(number)) = (cells.get(i), cells.get(i + 1)) else {
        return;
    };
    let rest = number.text().trim();
    if number.col != sign.col + 1 || !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return;
    }
    let mut cell = sign.cell.clone();
    cell.text = format!("{}{rest}", sign.text().trim());
    let joined = Typed::new(cell, sign.col, vocab);
    if !matches!(joined.class, Class::Value(_)) {
        return;
    }
    let reason = format!(
        "the sign `{}` stood alone in column {} (joined to `{rest}`)",
        sign.text().trim(),
        sign.col + 1
    );
    if let Some(slot) = cells.get_mut(i) {
        *slot = joined;
        cells.remove(i + 1);
        repairs.push(Repair::new(RepairKind::ValueSplit, reason));
    }
}

#[cfg(test)]
mod tests {
    use super::is_sign;

    #[test]
    fn a_sign_cell_is_one_sign_with_at_most_whitespace_around_it() {
        for t in ["≥", "<", "＞", " ≥ ", "\u{3000}≦\u{3000}", "\t≤  "] {
            assert!(is_sign(t), "{t:?}");
        }
        for t in [
            "",
            " ",
            "=",
            "≥≥",
            "≥95%",
            "≥ 9",
            "≥ \u{3000}x",
            "不低于",
            "abcd",
        ] {
            assert!(!is_sign(t), "{t:?}");
        }
    }
}
