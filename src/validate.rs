//! Cross-checks. Assembled tables go in; out come diagnostics (nothing is changed): funds
//! arithmetic (total = fiscal + carryover + other) and indicators repeated within a table.

use crate::model::{Diagnostic, Diagnostics, Severity, Table};
use std::collections::HashMap;

/// Amounts are compared to this tolerance (万元).
const FUNDS_TOLERANCE: f64 = 0.005;

/// Runs every check over the document's tables.
pub fn validate(tables: &[Table], diags: &mut Diagnostics) {
    for (i, t) in tables.iter().enumerate() {
        funds_arithmetic(i, t, diags);
        duplicates(i, t, diags);
    }
}

fn funds_arithmetic(i: usize, t: &Table, diags: &mut Diagnostics) {
    let m = &t.meta;
    let Some(total) = m.funds_total else { return };
    let parts = [m.funds_fiscal, m.funds_carryover, m.funds_other];
    if parts.iter().all(Option::is_none) {
        return;
    }
    let sum: f64 = parts.iter().flatten().sum();
    if (sum - total).abs() > FUNDS_TOLERANCE {
        let mut d = Diagnostic::new(
            "funds.arithmetic",
            Severity::Warning,
            format!(
                "table {}: funds_total {total} ≠ fiscal {} + carryover {} + other {} = {sum}",
                i + 1,
                m.funds_fiscal.unwrap_or(0.0),
                m.funds_carryover.unwrap_or(0.0),
                m.funds_other.unwrap_or(0.0)
            ),
        );
        d.line = Some(t.line);
        diags.push(d);
    }
}

fn duplicates(i: usize, t: &Table, diags: &mut Diagnostics) {
    let mut seen: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    for r in &t.indicators {
        let n = seen
            .entry((r.name.as_str(), r.value.as_deref()))
            .or_default();
        *n += 1;
        if *n == 2 {
            let mut d = Diagnostic::new(
                "indicator.duplicate",
                Severity::Info,
                format!("table {}: `{}` appears more than once", i + 1, r.name),
            );
            d.line = Some(r.source.line);
            d.col = Some(r.source.col);
            diags.push(d);
        }
    }
}
