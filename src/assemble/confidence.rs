//! A record's confidence. Its category decision (what the category rests on and how well the
//! name matched), its name and value, and the repairs applied to it go in; out comes one number
//! in 0..1, a product of independent factors:
//!
//! ```text
//! confidence = category basis (vocabulary 1.0 … neighbour 0.5; a fuzzy match its similarity)
//!            × name   (known to the vocabulary 1.0; like a known name only NAME_FUZZY;
//!                      unknown NAME_UNKNOWN, less when it opens with a label fragment or ends
//!                      in a joining character, as names cut or glued by the OCR do)
//!            × value  (a number or a listed phrase 1.0; other text VALUE_TEXT; a number with an
//!                      unknown unit VALUE_UNIT; none VALUE_NONE)
//!            × each repair's factor (`RepairKind::factor`)
//! ```
//!
//! The factors are calibrated on the corpus and a damaged copy of it (`scripts/calibrate.py`,
//! README "Confidence calibration"): records at ≥ 0.9 are right ≥ 97% of the time.

use super::category::{Basis, Decision};
use super::draft::Draft;
use crate::model::Repair;
use crate::vocab::{ValueClass, Vocab};

/// A name that only resembles a known name: a variant, or a misread one.
const NAME_FUZZY: f64 = 0.7;
/// A name the vocabulary does not know: its text is unverified.
const NAME_UNKNOWN: f64 = 0.85;
/// An unknown name that opens with what a spilled label leaves behind.
const NAME_LABEL_FRAGMENT: f64 = 0.8;
/// An unknown name that ends in a joining character (`…的改善或`): likely cut short.
const NAME_OPEN_END: f64 = 0.8;
/// Characters that do not end a complete name.
const JOINERS: [char; 8] = ['或', '和', '及', '与', '的', '、', '，', ','];
/// An unknown name keeping an OCR look-alike character nothing settles (`lookalike`).
const NAME_UNSETTLED: f64 = 0.75;
/// A value that is free text (neither a number nor a listed phrase).
const VALUE_TEXT: f64 = 0.95;
/// A number with a unit the vocabulary does not list.
const VALUE_UNIT: f64 = 0.9;
/// No value at all: rows lose their value to the OCR far more often than forms omit one.
const VALUE_NONE: f64 = 0.6;

fn name_factor(d: &Draft, dec: &Decision, vocab: &Vocab) -> f64 {
    match dec.basis {
        Basis::OwnLabel | Basis::VocabExact => 1.0,
        Basis::VocabFuzzy => NAME_FUZZY,
        _ => {
            let mut f = NAME_UNKNOWN;
            if vocab.starts_with_label_fragment(&d.name) {
                f *= NAME_LABEL_FRAGMENT;
            }
            if d.name.trim_end().ends_with(JOINERS) {
                f *= NAME_OPEN_END;
            }
            if d.unsettled {
                f *= NAME_UNSETTLED;
            }
            f
        }
    }
}

fn value_factor(d: &Draft, vocab: &Vocab) -> f64 {
    match d.value.as_ref().map(|v| vocab.value_class(v)).as_deref() {
        None => VALUE_NONE,
        Some(ValueClass::Quantitative(_) | ValueClass::Qualitative) => 1.0,
        Some(ValueClass::Numeric) => VALUE_UNIT,
        Some(ValueClass::Text) => VALUE_TEXT,
    }
}

/// The record's confidence (see the module doc), rounded to three places.
pub fn confidence(d: &Draft, dec: &Decision, repairs: &[Repair], vocab: &Vocab) -> f64 {
    let c = repairs.iter().fold(
        dec.confidence * name_factor(d, dec, vocab) * value_factor(d, vocab),
        |c, r| c * r.kind.factor(),
    );
    (c * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RepairKind;

    fn draft(name: &str, value: Option<&str>) -> Draft {
        Draft::plain(name, value)
    }

    fn dec(basis: Basis, confidence: f64) -> Decision {
        Decision {
            cat: 0,
            basis,
            deciding: None,
            confidence,
        }
    }

    #[test]
    fn known_names_with_values_stay_high_and_each_doubt_lowers() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let exact = dec(Basis::VocabExact, 1.0);
        let printed = dec(Basis::PrintedReliable, 0.9);
        assert_eq!(
            confidence(&draft("培训场次", Some("≥5场")), &exact, &[], &v),
            1.0
        );
        // no value
        assert_eq!(confidence(&draft("培训场次", None), &exact, &[], &v), 0.6);
        // a fuzzy name stays below 0.7 whatever its similarity
        let fuzzy = dec(Basis::VocabFuzzy, 0.99);
        assert!(confidence(&draft("培训场欠", Some("≥5场")), &fuzzy, &[], &v) < 0.7);
        // unknown names: below 0.9; a label fragment or an open end lowers further
        let plain = confidence(&draft("奇特指标甲", Some("≥5场")), &printed, &[], &v);
        assert!(plain < 0.9 && plain > 0.7, "{plain}");
        let glued = confidence(&draft("指标奇特指标甲", Some("≥5场")), &printed, &[], &v);
        let cut = confidence(&draft("奇特指标的改善或", Some("≥5场")), &printed, &[], &v);
        assert!(glued < plain && cut < plain, "{glued} {cut}");
        // repairs multiply down
        let r = Repair {
            kind: RepairKind::ValueNextRow,
            reason: String::new(),
        };
        let repaired = confidence(&draft("培训场次", Some("≥5场")), &exact, &[r], &v);
        assert_eq!(repaired, 0.85);
    }
}
