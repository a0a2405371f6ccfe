//! Glued value: a name with its quantitative target glued on in one cell (the OCR lost the
//! column boundary). A name with no value of its own goes in; out comes the name and the value
//! split apart and a `value_glued` repair, when the tail is a quantity (or number) that opens
//! with a comparison sign, is set off by a space, or ends in `%`, and the head keeps
//! `MIN_GLUED_NAME_CHARS` characters. A name the vocabulary knows whole is never split.
//!
//! Before/after: `参保人数≥50万人` → name 参保人数, value ≥50万人; `资金拨付及时率 100%` →
//! name 资金拨付及时率, value 100%; `培训2期学员人数` stays whole (no sign, no space, no `%`).

use crate::model::{Repair, RepairKind};
use crate::vocab::{Known, ValueClass, Vocab};

/// Characters a name keeps when a glued value is split off it.
const MIN_GLUED_NAME_CHARS: usize = 4;

/// Splits the value glued to `name` off it (see the module doc): `name` becomes the head and
/// the tail is returned.
pub fn split(name: &mut Known, vocab: &Vocab, repairs: &mut Vec<Repair>) -> Option<String> {
    let (n, v) = split_glued_value(name, vocab)?;
    repairs.push(Repair::new(
        RepairKind::ValueGlued,
        format!("`{name}` split into the name `{n}` and the value `{v}`"),
    ));
    *name = vocab.known(n);
    Some(v)
}

fn split_glued_value(text: &Known, vocab: &Vocab) -> Option<(String, String)> {
    if vocab.indicator(text).is_some_and(|m| m.is_exact()) {
        return None;
    }
    let is_op = |c: char| "≥≤＞＜><=≧≦".contains(c);
    for (i, c) in text.char_indices().skip(1) {
        if !(is_op(c) || c.is_ascii_digit()) {
            continue;
        }
        let (Some(head), Some(tail)) = (text.get(..i), text.get(i..)) else {
            continue;
        };
        let name = head.trim_end();
        let tail = tail.trim();
        let spaced = name.len() != head.len();
        if name.chars().count() < MIN_GLUED_NAME_CHARS
            || name.ends_with(|p: char| p.is_ascii_digit() || is_op(p) || p == '.')
            || !(is_op(c) || spaced || tail.ends_with('%'))
        {
            continue;
        }
        if matches!(
            *vocab.value_class(tail),
            ValueClass::Quantitative(_) | ValueClass::Numeric
        ) {
            return Some((name.to_string(), tail.to_string()));
        }
    }
    None
}
