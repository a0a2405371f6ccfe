//! Name split: a name the OCR cut across two cells. A row's indicator cells (labels taken out)
//! go in; out comes the joined name and a `name_split` repair when the first two cells are one
//! name: the second is no value, and either the third is one or the two pieces read as one
//! (the second opens with a continuing mark, the first ends in an opening one, or together they
//! are a known name).
//!
//! Before/after: `| | | | 宣传活动按期 | 开展率 | ≥100% |` → name 宣传活动按期开展率, value
//! ≥100%, repair `name_split`.

use crate::model::{Repair, RepairKind};
use crate::vocab::classify::{Class, Typed};
use crate::vocab::Vocab;

fn is_value(t: &Typed) -> bool {
    matches!(t.class, Class::Value(_))
}

/// Whether `b` continues the name `a` began.
fn continues(a: &Typed, b: &Typed, vocab: &Vocab) -> bool {
    b.text()
        .starts_with(['、', '，', ',', '；', ';', '）', ')'])
        || a.text().ends_with(['、', '，', ',', '（', '('])
        || vocab
            .indicator(&format!("{}{}", a.text(), b.text()))
            .is_some_and(|m| m.is_exact())
}

/// Takes the first two cells of `cells` (three or more) out as one name when they are one
/// (see the module doc); `None` leaves `cells` as they were.
pub fn join(cells: &mut Vec<Typed>, vocab: &Vocab, repairs: &mut Vec<Repair>) -> Option<Typed> {
    let split = match (cells.first(), cells.get(1)) {
        (Some(a), Some(b)) => {
            !is_value(b) && (cells.get(2).is_some_and(is_value) || continues(a, b, vocab))
        }
        _ => false,
    };
    if !split {
        return None;
    }
    let mut name = cells.remove(0);
    let b = cells.remove(0);
    repairs.push(Repair::new(
        RepairKind::NameSplit,
        format!("`{}` + `{}` joined into one name", name.text(), b.text()),
    ));
    let joined = format!("{}{}", name.text(), b.text());
    name.set_text(joined);
    Some(name)
}
