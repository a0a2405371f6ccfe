//! Findings where they occur. A document's diagnostics go in; out come, for every funds or value
//! diagnostic of warning or error severity, the places it names: the source cell at its
//! location (in whichever table reads there), the meta field read at that location, the meta
//! field its suggestion names (`table`, `field`) and the field printed equal to it and edited
//! with it (`twin`), with the cell that twin was read from. Each place gets a short visible note — the
//! suggestion as `841.36 → 641.36? one digit` when there is one, else the diagnostic's code —
//! and the full message for the hover title. The grid, the meta list and the records use these
//! to mark the cells, fields and values in the table itself.

use crate::model::{Diagnostic, Document, MetaKey, Severity};
use std::collections::HashMap;
use std::str::FromStr;

/// One finding at one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Shown beside the marked text.
    pub short: String,
    /// Shown on hover: the diagnostic's code and message.
    pub full: String,
}

/// The findings of a document by place (see the module doc).
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// By source (line, column).
    pub cells: HashMap<(usize, usize), Vec<Note>>,
    /// By (table, meta field); table 1-based.
    pub meta: HashMap<(usize, MetaKey), Vec<Note>>,
}

/// Whether a diagnostic is a finding shown in place: a funds or value check at warning or above.
pub fn is_finding(d: &Diagnostic) -> bool {
    let code = d.code();
    d.severity >= Severity::Warning && (code.starts_with("funds.") || code.starts_with("value."))
}

fn note(d: &Diagnostic) -> Note {
    let short = match &d.suggestion {
        Some(s) => format!("{} → {}? one digit", s.from, s.to),
        None => format!("⚠ {}", d.code()),
    };
    Note {
        short,
        full: format!("{}: {}", d.code(), d.message),
    }
}

fn push(list: &mut Vec<Note>, n: Note) {
    if !list.contains(&n) {
        list.push(n);
    }
}

impl Findings {
    /// The findings of `doc` (see the module doc).
    pub fn new(doc: &Document) -> Self {
        let mut f = Findings::default();
        for d in doc.diagnostics.iter().filter(|d| is_finding(d)) {
            let n = note(d);
            if let (Some(line), Some(col)) = (d.line, d.col) {
                push(f.cells.entry((line, col)).or_default(), n.clone());
                for (i, table) in doc.tables.iter().enumerate() {
                    for (key, span) in &table.meta.spans {
                        if (span.line, span.col) == (line, col) {
                            push(f.meta.entry((i + 1, *key)).or_default(), n.clone());
                        }
                    }
                }
            }
            if let Some(s) = &d.suggestion {
                if let Ok(key) = MetaKey::from_str(&s.field) {
                    push(f.meta.entry((s.table, key)).or_default(), n.clone());
                }
                let twin = s.twin.as_deref().and_then(|t| MetaKey::from_str(t).ok());
                if let Some(key) = twin {
                    push(f.meta.entry((s.table, key)).or_default(), n.clone());
                    let span = s
                        .table
                        .checked_sub(1)
                        .and_then(|i| doc.tables.get(i))
                        .and_then(|t| {
                            t.meta
                                .spans
                                .iter()
                                .find(|(k, _)| *k == key)
                                .map(|(_, sp)| *sp)
                        });
                    if let Some(sp) = span.filter(|sp| sp.line > 0) {
                        push(f.cells.entry((sp.line, sp.col)).or_default(), n);
                    }
                }
            }
        }
        f
    }

    /// The findings at a source place (none for line 0).
    pub fn at(&self, line: usize, col: usize) -> &[Note] {
        if line == 0 {
            return &[];
        }
        self.cells.get(&(line, col)).map_or(&[], Vec::as_slice)
    }

    /// The findings naming meta field `key` of table `t`.
    pub fn on_meta(&self, t: usize, key: MetaKey) -> &[Note] {
        self.meta.get(&(t, key)).map_or(&[], Vec::as_slice)
    }
}

/// The visible notes of a marked place, each with its message on hover, escaped.
pub fn notes_html(notes: &[Note]) -> String {
    notes
        .iter()
        .map(|n| {
            format!(
                "<span class=\"suggest\" title=\"{}\">{}</span>",
                super::escape::escape(&n.full),
                super::escape::escape(&n.short)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DiagnosticKind, Span, Suggestion};

    fn at(line: usize, col: usize) -> Span {
        Span {
            line,
            col,
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn a_culprit_marks_its_cell_and_the_field_it_names() {
        let mut culprit =
            Diagnostic::new(DiagnosticKind::FundsCulprit, Severity::Warning, "m <b>").at(at(7, 3));
        culprit.suggestion = Some(Suggestion {
            table: 2,
            field: "funds_total".into(),
            from: "841.36".into(),
            to: "641.36".into(),
            fixes: vec![],
            twin: Some("funds_fiscal".into()),
        });
        let info = Diagnostic::new(DiagnosticKind::FundsCulprit, Severity::Info, "i").at(at(8, 1));
        let doc = Document {
            schema_version: crate::model::SCHEMA_VERSION,
            source: "x".into(),
            encoding: "UTF-8".into(),
            tables: vec![],
            diagnostics: vec![culprit, info],
        };
        let f = Findings::new(&doc);
        assert_eq!(f.at(7, 3).len(), 1);
        assert_eq!(f.at(7, 3)[0].short, "841.36 → 641.36? one digit");
        assert!(f.at(8, 1).is_empty(), "info is not marked in place");
        assert_eq!(f.on_meta(2, MetaKey::FundsTotal).len(), 1);
        assert!(f.on_meta(1, MetaKey::FundsTotal).is_empty());
        // the part printed equal to the total, edited with it, is marked too
        assert_eq!(f.on_meta(2, MetaKey::FundsFiscal).len(), 1);
        let html = notes_html(f.at(7, 3));
        assert!(html.contains("title=\"funds.culprit: m &lt;b&gt;\""));
    }
}
