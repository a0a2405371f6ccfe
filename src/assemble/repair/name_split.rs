//! Name split: a name the OCR cut across two cells. A row's indicator cells (labels taken out)
//! go in; out comes the joined name and a `name_split` repair when the first two cells are one
//! name: the second is no value, and either the third is one, or the two pieces read as one
//! (the second opens with a continuing mark, the first ends in an opening one, or together they
//! are a known name), or the row was pushed one cell wide from the name on (the first stands in
//! the header's name column, the second in its value column, the third just past it, and the
//! first is no known name): the third is then a value the vocabulary does not list.
//!
//! Before/after: `| | | | 宣传活动按期 | 开展率 | ≥100% |` → name 宣传活动按期开展率, value
//! ≥100%, repair `name_split`; under `| … | 三级指标 | 指标值 |`, `| 数字化 | 成果验收通过 |
//! 一次通过 |` → name 数字化成果验收通过, value 一次通过.

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

/// Whether the three cells `a b c` stand one column right of where the header puts a name and
/// its value, from the name on (`name_col`, `value_col`), and `a` is no name the vocabulary
/// knows: a name cut in two pushed its value past the value column.
fn pushed(
    a: &Typed,
    b: &Typed,
    c: &Typed,
    name_col: Option<usize>,
    value_col: Option<usize>,
    vocab: &Vocab,
) -> bool {
    let (Some(nc), Some(vc)) = (name_col, value_col) else {
        return false;
    };
    vc == nc + 1
        && a.col == nc
        && b.col == vc
        && c.col == vc + 1
        && matches!(c.class, Class::Text)
        // a value the vocabulary cannot type (`2025年11月` | `底前`), or one printed twice
        // across merged columns, is no piece of a name
        && !b.text().chars().any(|ch| ch.is_ascii_digit())
        && b.text() != c.text()
        && !vocab.indicator(a).is_some_and(|m| m.is_exact())
}

/// Takes the first two cells of `cells` (three or more) out as one name when they are one
/// (see the module doc); `None` leaves `cells` as they were. `name_col` and `value_col` are
/// the header's 三级指标 and 指标值 columns.
pub fn join(
    cells: &mut Vec<Typed>,
    name_col: Option<usize>,
    value_col: Option<usize>,
    vocab: &Vocab,
    repairs: &mut Vec<Repair>,
) -> Option<Typed> {
    let split = match (cells.first(), cells.get(1), cells.get(2)) {
        (Some(a), Some(b), c) => {
            !is_value(b)
                && (c.is_some_and(is_value)
                    || continues(a, b, vocab)
                    || (cells.len() == 3
                        && c.is_some_and(|c| pushed(a, b, c, name_col, value_col, vocab))))
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
