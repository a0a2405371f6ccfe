//! The 2021 indicator framework. A form's drafts go in; out comes which framework its levels
//! follow and, for a 2021 form, each record's levels as the form prints them. A form that
//! prints a `[framework]` marker level (经济成本指标, 社会成本指标, 生态环境成本指标) is a 2021 form:
//! its 成本指标 is a first level, and every level2 label the `[framework]` section lists
//! (进度指标 and the 满意度 level2 names it lists) is kept as printed instead of read as its 2018 neighbour.
//!
//! Before/after: `| 成本指标 | 经济成本指标 | 每平方米维修成本 | ≤800元 |` → 2018 reading
//! 产出指标/成本指标; in a 2021 form → 成本指标/经济成本指标.

use super::draft::Draft;
use crate::vocab::family::Level2021;
use crate::vocab::Vocab;

/// The framework a form's drafts follow: 2021 when one prints a marker level, else 2018.
pub fn framework(drafts: &[Draft], vocab: &Vocab) -> u16 {
    let f = vocab.family();
    let marked = drafts.iter().any(|d| {
        d.printed_key
            .as_deref()
            .and_then(|k| f.level_2021(k))
            .is_some_and(|l| l.marker)
    });
    if marked {
        2021
    } else {
        2018
    }
}

/// The printed 2021 levels of a draft in a 2021 form, if its label is one the framework keeps.
/// The caller keeps them only where the category model decided the label's own category: a
/// row printed under a displaced 经济成本指标 whose evidence says 时效 is 产出指标/时效指标.
pub fn printed_levels(d: &Draft, vocab: &Vocab) -> Option<Level2021> {
    d.printed_key
        .as_deref()
        .and_then(|k| vocab.family().level_2021(k))
}
