//! Literal pipes, on the records. A form's drafts and the cells `stitch::pipe_join` joined again
//! go in; out come the drafts whose name or value is such a cell with a `pipe_in_cell` repair,
//! and, for each joined cell that fed no record (a meta value, say), an info diagnostic.
//!
//! Before/after: `| | | | 考核等次 | ≥95%|优秀 |` in a five-column table read as six cells →
//! value `≥95%|优秀`, repair `pipe_in_cell` (`≥95%` and `优秀` were one cell split by a `|` of its
//! text).

use crate::assemble::draft::Draft;
use crate::model::{Diagnostic, DiagnosticKind, Diagnostics, Repair, RepairKind, Severity};
use crate::stitch::PipeJoin;

fn reason(j: &PipeJoin) -> String {
    format!(
        "`{}` and `{}` were one cell split by a `|` of its text (the row was one cell too wide)",
        j.left, j.right
    )
}

/// Records each join on the draft it ended in, or as a diagnostic (see the module doc).
pub fn record_joins(drafts: &mut [Draft], joins: &[PipeJoin], diags: &mut Diagnostics) {
    for j in joins {
        let at = j.span.start;
        let hit = drafts.iter_mut().find(|d| {
            d.name_cell.span.start == at
                || d.value_cell.as_ref().is_some_and(|v| v.span.start == at)
        });
        match hit {
            Some(d) => d.repairs.push(Repair {
                kind: RepairKind::PipeInCell,
                reason: reason(j),
            }),
            None => diags.push(
                Diagnostic::new(DiagnosticKind::PipeJoined, Severity::Info, reason(j)).at(j.span),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Span};

    fn cell(text: &str, start: usize) -> Cell {
        Cell {
            text: text.to_string(),
            span: Span {
                line: 1,
                col: 1,
                start,
                end: start,
            },
        }
    }

    #[test]
    fn joins_go_to_their_record_or_to_the_diagnostics() {
        let mut d = vec![Draft {
            name_cell: cell("考核等次", 10),
            value_cell: Some(cell("≥95%|优秀", 20)),
            ..Draft::plain("考核等次", Some("≥95%|优秀"))
        }];
        let join = |start, l: &str, r: &str| PipeJoin {
            span: cell("", start).span,
            left: l.into(),
            right: r.into(),
        };
        let mut diags = Vec::new();
        record_joins(
            &mut d,
            &[join(20, "≥95%", "优秀"), join(99, "甲", "乙")],
            &mut diags,
        );
        assert_eq!(d[0].repairs.len(), 1);
        assert_eq!(d[0].repairs[0].code(), "pipe_in_cell");
        assert!(d[0].repairs[0].reason.contains("`≥95%` and `优秀`"));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code(), "pipe.joined");
    }
}
