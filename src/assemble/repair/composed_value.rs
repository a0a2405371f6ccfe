//! Composed value: a target printed across three cells — a 指标性质 column (`≥`, `≤`, `=`,
//! 定性), the 指标值 and a 度量单位 column (`%`, `人`) — read as one value. The value cell and
//! the sign and unit cells of its row go in; out comes the value cell holding the whole target
//! and a `value_composed` repair (layout, not damage: it costs no confidence).
//!
//! Before/after: `| 受益学生人数 | ≥ | 12000 | 人 |` → value `≥12000人`; `=` `100` `%` →
//! `100%` (`=` is implied and dropped); a 定性/定量 marker is no part of the value.

use crate::model::{Repair, RepairKind};
use crate::vocab::classify::Typed;

const SIGNS: &str = "≥≤><≧≦＞＜";

/// The target a row prints across a sign / value / unit triple, as one value (see the module
/// doc).
pub fn composed_value(op: Option<&str>, value: &str, unit: Option<&str>) -> String {
    let op = op
        .map(str::trim)
        .filter(|o| !o.is_empty() && o.chars().all(|c| SIGNS.contains(c)))
        .unwrap_or("");
    let value = without_equals(value);
    let op = if value.starts_with(|c: char| SIGNS.contains(c) || c == '=') {
        ""
    } else {
        op
    };
    let unit = unit.map(str::trim).unwrap_or("");
    // a unit cell beside a text value (明显改善, a deadline) is no part of it
    let unit = if value.ends_with(unit) || !ends_in_number(value) {
        ""
    } else {
        unit
    };
    format!("{op}{value}{unit}")
}

/// Whether a value ends in its number: a digit, or a number the OCR printed with look-alike
/// letters (`3OO`, `1O`: digits and `O o l I` only, at least one real digit) — the letters are
/// read as digits later, and the unit cell beside it still completes it.
fn ends_in_number(value: &str) -> bool {
    if value.ends_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let number = value.trim_start_matches(|c: char| SIGNS.contains(c));
    number.bytes().any(|b| b.is_ascii_digit())
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'O' | 'o' | 'l' | 'I'))
}

/// A target without a printed `=` before its number (`=100%` → `100%`): `=` is implied.
pub fn without_equals(value: &str) -> &str {
    match value.strip_prefix('=').or_else(|| value.strip_prefix('＝')) {
        Some(rest) if rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) => {
            rest.trim_start()
        }
        _ => value,
    }
}

/// Sets `value`'s text to the whole target its row's `op` and `unit` cells complete.
pub fn compose(
    value: &mut Typed,
    op: Option<&Typed>,
    unit: Option<&Typed>,
    repairs: &mut Vec<Repair>,
) {
    let op = op.map(Typed::text);
    let unit = unit.map(Typed::text);
    let printed = value.text().trim();
    let whole = composed_value(op, printed, unit);
    repairs.push(Repair::new(
        RepairKind::ValueComposed,
        format!(
            "指标性质 `{}` + 指标值 `{printed}` + 度量单位 `{}` read as `{whole}`",
            op.unwrap_or(""),
            unit.unwrap_or("")
        ),
    ));
    value.set_text(whole);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_value_and_unit_make_one_value() {
        assert_eq!(composed_value(Some("≥"), "12000", Some("人")), "≥12000人");
        assert_eq!(composed_value(Some("="), "100", Some("%")), "100%");
        assert_eq!(
            composed_value(Some("定性"), "逐步改善", Some("")),
            "逐步改善"
        );
        assert_eq!(composed_value(Some("≥"), "≥90%", Some("%")), "≥90%");
        assert_eq!(composed_value(None, "明显改善", Some("%")), "明显改善");
        assert_eq!(composed_value(None, "=100", Some("%")), "100%");
        // look-alike letters in the number: the unit still completes it (read as 300人 later)
        assert_eq!(composed_value(Some("≥"), "3OO", Some("人")), "≥3OO人");
        assert_eq!(composed_value(None, "Ol", Some("人")), "Ol");
        assert_eq!(without_equals("＝3个"), "3个");
        assert_eq!(without_equals("=合格"), "=合格");
    }
}
