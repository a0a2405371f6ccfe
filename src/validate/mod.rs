//! Cross-checks. Assembled tables and the vocabulary go in; out come diagnostics (nothing is
//! changed). `funds`: arithmetic, total-cost line against funds_total, department total against
//! the project totals; `culprit`: for failing funds checks, the one-digit edit of one amount that
//! would reconcile them (a suggestion, `funds.culprit`); `values`: units, rates over 100%,
//! phrases where numbers belong, duplicates.

pub mod culprit;
pub mod funds;
pub mod values;

use crate::model::{Diagnostic, DiagnosticKind, Diagnostics, Severity, Span, Suggestion, Table};
use crate::vocab::Vocab;
use culprit::{Edit, Explanation};
use funds::{Check, Ledger};

/// Runs every check over the document's tables.
pub fn validate(tables: &[Table], vocab: &Vocab, diags: &mut Diagnostics) {
    let ledger = funds::ledger(tables, vocab);
    let failing: Vec<Check> = funds::applicable(&ledger)
        .into_iter()
        .filter(|c| !funds::passes(&ledger, *c))
        .collect();
    let explanations = if failing.is_empty() {
        Vec::new()
    } else if tables.len() > culprit::MAX_TABLES {
        diags.push(Diagnostic::new(
            DiagnosticKind::FundsCulpritSkipped,
            Severity::Info,
            format!(
                "{} tables: the one-digit culprit search runs on documents of at most {} tables \
                 (its cost grows with the square of the count); the failing checks are listed",
                tables.len(),
                culprit::MAX_TABLES
            ),
        ));
        Vec::new()
    } else {
        culprit::explain(&ledger)
    };
    for c in &failing {
        let mut msg = funds::message(&ledger, *c);
        for e in &explanations {
            if let Explanation::Culprit(edit) = e {
                if edit.fixes.contains(c) {
                    msg.push_str(&format!("; likely culprit: {}", edit_text(&ledger, edit)));
                }
            }
        }
        diags.push(Diagnostic::new(c.kind(), Severity::Warning, msg).at(check_span(&ledger, *c)));
    }
    for e in &explanations {
        diags.push(explanation_diagnostic(&ledger, e));
    }
    for (i, t) in tables.iter().enumerate() {
        values::check(i, t, vocab, diags);
    }
}

/// Where a failing check points: the amount it states.
fn check_span(ledger: &Ledger, c: Check) -> Span {
    let field = match c {
        Check::Cost(_) => funds::Field::Cost,
        _ => funds::Field::Total,
    };
    ledger
        .get(c.table())
        .and_then(|f| f.get(field).map(|a| a.span))
        .unwrap_or_default()
}

fn edit_text(ledger: &Ledger, e: &Edit) -> String {
    let label = ledger.get(e.table).map_or("", |f| f.label.as_str());
    let twin = e.twin.map_or(String::new(), |t| {
        format!(" (and {}, printed equal)", t.name())
    });
    format!(
        "table {} `{label}` {} {} → {}?{twin}",
        e.table + 1,
        e.field.name(),
        e.from,
        e.to
    )
}

fn explanation_diagnostic(ledger: &Ledger, e: &Explanation) -> Diagnostic {
    match e {
        Explanation::Culprit(edit) => {
            let fixes: Vec<String> = edit
                .fixes
                .iter()
                .map(|c| format!("{} (table {})", c.kind().code(), c.table() + 1))
                .collect();
            let mut d = Diagnostic::new(
                DiagnosticKind::FundsCulprit,
                Severity::Warning,
                format!(
                    "{}: one digit changed, this makes {} pass and breaks no other check",
                    edit_text(ledger, edit),
                    fixes.join(", ")
                ),
            );
            if let Some(a) = ledger.get(edit.table).and_then(|f| f.get(edit.field)) {
                d = d.at(a.span);
            }
            d.suggestion = Some(Suggestion {
                table: edit.table + 1,
                field: edit.field.name().to_string(),
                from: edit.from.clone(),
                to: edit.to.clone(),
                fixes: edit.fixes.iter().map(|c| c.kind().code()).collect(),
                twin: edit.twin.map(|t| t.name().to_string()),
            });
            d
        }
        Explanation::Ambiguous(edits) => {
            let shown: Vec<String> = edits.iter().take(4).map(|e| edit_text(ledger, e)).collect();
            Diagnostic::new(
                DiagnosticKind::FundsCulpritAmbiguous,
                Severity::Info,
                format!(
                    "{} one-digit edits would each reconcile the funds, none stands out: {}",
                    edits.len(),
                    shown.join("; ")
                ),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::values::tests::{record, table};
    use super::*;
    use crate::model::{Meta, TableKind};

    fn meta(name: Option<&str>, total: f64) -> Meta {
        Meta {
            project_name: name.map(str::to_string),
            funds_total: Some(total),
            funds_fiscal: Some(total),
            funds_other: Some(0.0),
            ..Meta::default()
        }
    }

    #[test]
    fn culprit_is_named_in_the_failing_checks_and_as_a_suggestion() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let tables = vec![
            table(TableKind::Department, meta(None, 300.5), vec![]),
            table(
                TableKind::Project,
                meta(Some("甲"), 100.0),
                vec![record(&v, "成本指标", "项目总成本", "≤1000000元")],
            ),
            table(
                TableKind::Project,
                meta(Some("乙"), 280.5),
                vec![record(&v, "成本指标", "项目总成本", "≤200.5万元")],
            ),
        ];
        let mut d = Vec::new();
        validate(&tables, &v, &mut d);
        let codes: Vec<&str> = d.iter().map(|d| d.code()).collect();
        assert_eq!(
            codes,
            vec![
                "funds.cost_mismatch",
                "funds.department_total",
                "funds.culprit"
            ]
        );
        let s = d.get(2).and_then(|d| d.suggestion.clone());
        let s = s.unwrap_or_else(|| panic!("no suggestion"));
        assert_eq!((s.table, s.field.as_str()), (3, "funds_total"));
        assert_eq!((s.from.as_str(), s.to.as_str()), ("280.5", "200.5"));
        assert!(d.iter().take(2).all(|d| d
            .message
            .contains("table 3 `乙` funds_total 280.5 → 200.5?")));
        assert_eq!(d.first().and_then(|d| d.line), Some(7));
    }
}
