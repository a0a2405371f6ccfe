//! Value in an extra column: a value standing right of the header's 指标值 column (a blank
//! cell pushed it over). The value cell and the header's value column go in; out comes a
//! `value_extra_column` repair when the value stood past it on a row that is otherwise aligned.
//!
//! Before/after: under `| … | 三级指标 | 指标值 |`, the row `| | | | 培训场次 | | ≥1场 |` →
//! name 培训场次, value ≥1场, repair `value_extra_column` (column 6, 指标值 is column 5).

use crate::model::{Repair, RepairKind};
use crate::vocab::classify::Typed;

/// Records the move when `value` stood right of `value_col` on a row whose name was read in
/// place (`in_place`: aligned, or the name is a category label).
pub fn check(
    value: Option<&Typed>,
    value_col: Option<usize>,
    in_place: bool,
    repairs: &mut Vec<Repair>,
) {
    if let (Some(vc), Some(v)) = (value_col, value) {
        if v.col > vc && in_place {
            repairs.push(Repair::new(
                RepairKind::ValueExtraColumn,
                format!(
                    "value stood in column {} (指标值 is column {})",
                    v.col + 1,
                    vc + 1
                ),
            ));
        }
    }
}
