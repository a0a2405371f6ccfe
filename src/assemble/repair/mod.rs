//! The repairs: one module per kind of damage, each opening with a before/after example.
//! Each takes the cells or drafts it mends and the list of repairs to record on (a
//! `model::Repair` of its `RepairKind`, which owns the code and the confidence factor); `rows`
//! calls the row repairs in order, `assemble` the document-wide ones. A new repair is one module
//! here and one `RepairKind` variant.
//!
//! On a row, in order: `respan` (labels split across cells or spilled over a boundary),
//! `value_spill::join_sign` (a lone sign cell), `name_next_row` (a name's wrapped tail alone on
//! the row), `name_split`, `value_next_row`, `value_spill`, `cell_shift`, `value_extra_column`, `lookalike` (names),
//! `glued_value`, `composed_value`, `lookalike_digits` (values). Over a form: `pipe_cell`
//! (cells a literal `|` had split). Over the document: `lookalike_unseen` (look-alikes in names the vocabulary does not
//! know), then `complete` (names and values cut short).
//! The category repair (`category_from_meaning`) is decided in `assemble::category`.

pub mod cell_shift;
pub mod complete;
pub mod composed_value;
pub mod glued_value;
pub mod lookalike;
pub mod lookalike_digits;
pub mod lookalike_unseen;
pub mod name_next_row;
pub mod name_split;
pub mod pipe_cell;
pub mod respan;
pub mod value_extra_column;
pub mod value_next_row;
pub mod value_spill;
