//! Look-alike characters in a value: letters the OCR read for digits (`O` for 0, `l` for 1)
//! wherever a digit stands (`vocab::fix_value_digits`), and a unit that is a look-alike of a
//! listed unit (`vocab::fix_value_unit`). A value goes in; out comes the value read right and
//! a `lookalike_digits` repair.
//!
//! A value with no digit at all whose letters stand where its number would, before a listed
//! unit (`O起`, `≥l次`), is read the same way when the result is a number with that unit.
//!
//! Before/after: `≥1O0%` → `≥100%`, `2O24年ll月底前` → `2024年11月底前`, `≥3.5万入` →
//! `≥3.5万人`, `O起` → `0起`, repair `lookalike_digits`.

use crate::model::{Repair, RepairKind};
use crate::vocab::{fix_value_digits, fix_value_unit, Known, ValueClass, Vocab};

const SIGNS: [char; 4] = ['≥', '≤', '>', '<'];

/// `O起` → `0起`: a value without digits whose letters (after a sign) stand before a listed
/// unit, read as digits when the result is a number with a unit the vocabulary lists.
fn letters_before_unit(text: &str, vocab: &Vocab) -> Option<String> {
    let body = text.trim_start_matches(SIGNS);
    let sign = text.get(..text.len() - body.len()).unwrap_or("");
    let run = body
        .chars()
        .take_while(|c| matches!(c, 'O' | 'o' | '〇' | 'l' | 'I'))
        .count();
    if run == 0 {
        return None; // most values: no allocation
    }
    let rest: String = body.chars().skip(run).collect();
    if !rest.starts_with(|c: char| !c.is_ascii()) {
        return None;
    }
    let digits: String = body
        .chars()
        .take(run)
        .map(|c| if matches!(c, 'l' | 'I') { '1' } else { '0' })
        .collect();
    let fixed = format!("{sign}{digits}{rest}");
    match &*vocab.value_class(fixed.as_str()) {
        ValueClass::Quantitative(p) if !p.unit.is_empty() => Some(fixed),
        _ => None,
    }
}

/// `value` with look-alike digits read as digits (see the module doc).
pub fn fix(value: Option<Known>, vocab: &Vocab, repairs: &mut Vec<Repair>) -> Option<Known> {
    let Some(v) = value.as_ref() else {
        return value;
    };
    let digits = fix_value_digits(v).or_else(|| {
        if v.chars().any(|c| c.is_ascii_digit()) {
            None
        } else {
            letters_before_unit(v, vocab)
        }
    });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_standing_for_the_number_before_a_listed_unit_are_read_as_digits() {
        // regression (corpus/unseen3 stats-survey-harsh): `O起` stayed, no digit beside it
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let mut r = Vec::new();
        let fix = |t: &str, r: &mut Vec<Repair>| fix(Some(v.known(t.to_string())), &v, r);
        assert_eq!(fix("O起", &mut r).as_deref(), Some("0起"));
        assert_eq!(fix("≥l次", &mut r).as_deref(), Some("≥1次"));
        assert_eq!(fix("Office软件", &mut r).as_deref(), Some("Office软件"));
        assert_eq!(fix("明显提高", &mut r).as_deref(), Some("明显提高"));
        assert_eq!(r.len(), 2);
    }
}
