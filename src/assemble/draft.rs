//! The draft record: what row reading (`rows`) makes of an indicator row before categories are
//! decided — name, value, the label printed in force, repairs — and what the repairs, the
//! category model and confidence read and amend. Its own module so the repairs need not import
//! the row reader that calls them.

use crate::model::{Cell, Fields, Repair};
use crate::vocab::{CatId, Known};

/// An indicator before categories are decided.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Name and value carry their memo entries: each is asked about a dozen times.
    pub name: Known,
    pub name_cell: Cell,
    pub value: Option<Known>,
    pub value_cell: Option<Cell>,
    /// The level2 label printed in force at this row (after the row's own labels).
    pub printed: Option<CatId>,
    /// The name is itself a category label (a row naming a category with a value).
    pub own_label: Option<CatId>,
    /// Name and value stood in the columns the header gives them.
    pub aligned: bool,
    /// A category label was printed on the indicator's own row (it moved with the row).
    pub label_on_row: bool,
    pub repairs: Vec<Repair>,
    /// Index of the row within the form (for order-based reasoning).
    pub row: usize,
    /// The name keeps an OCR look-alike character that no known text settles (`lookalike`).
    pub unsettled: bool,
    /// The row's other columns (operator, unit, weight, …), by their headers.
    pub fields: Fields,
    /// The key of the level2 label printed in force at this row, as printed (the 2021
    /// framework keeps it).
    pub printed_key: Option<std::rc::Rc<str>>,
}

impl Draft {
    /// A draft with just a name and a value, aligned, no labels or repairs (for tests).
    #[cfg(test)]
    pub(crate) fn plain(name: &str, value: Option<&str>) -> Draft {
        Draft {
            name: name.into(),
            name_cell: Cell::default(),
            value: value.map(Known::from),
            value_cell: None,
            printed: None,
            own_label: None,
            aligned: true,
            label_on_row: false,
            repairs: Vec::new(),
            row: 0,
            unsettled: false,
            fields: Fields::default(),
            printed_key: None,
        }
    }
}
