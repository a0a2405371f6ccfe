//! Cell shift: a row whose name does not stand in the header's 三级指标 column. The row's
//! name cell and the header's name column go in; out comes whether the row is aligned, and a
//! `cell_shift` repair when it is not (roles are read by content, so the record is right; the
//! repair says the layout was off).
//!
//! Before/after: under `| 一级指标 | 二级指标 | 三级指标 | 指标值 |`, the row
//! `| 病媒监测覆盖率 | ≥92% | | |` → name 病媒监测覆盖率, value ≥92%, repair `cell_shift`
//! (name in column 1, 三级指标 is column 3).

use crate::model::{Repair, RepairKind};
use crate::vocab::classify::Typed;

/// Whether the name stood in the header's name column (`name_col`); a name that is itself a
/// category label (`own_label`) is read wherever it stands. Records the shift.
pub fn check(
    name: &Typed,
    name_col: Option<usize>,
    own_label: bool,
    repairs: &mut Vec<Repair>,
) -> bool {
    match name_col {
        Some(nc) if !own_label && name.col != nc => {
            repairs.push(Repair::new(
                RepairKind::CellShift,
                format!(
                    "name stood in column {} (三级指标 is column {})",
                    name.col + 1,
                    nc + 1
                ),
            ));
            false
        }
        _ => true,
    }
}
