//! The contents list at the top of the page. A document and the page's context go in; out comes
//! `<nav id="contents">`: one row per table — its number linked to its section (on whichever page
//! of a split review holds it), title, kind and year, record count, text-repaired, moved and
//! low-confidence counts, and a badge with the number of warnings and errors found in it (a
//! diagnostic is in the table whose grid holds its place, or the table its suggestion names).
//! All text is escaped.

use super::anchors::table_id;
use super::escape::escape;
use super::marks::{is_low, repair_effect};
use super::Ctx;
use crate::model::{Document, Severity};
use std::fmt::Write;

/// Warnings and errors per table (index `t - 1`).
pub fn warnings_per_table(doc: &Document, ctx: &Ctx) -> Vec<usize> {
    let mut n = vec![0; doc.tables.len()];
    for d in doc
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
    {
        let t = d
            .suggestion
            .as_ref()
            .map(|s| s.table)
            .or_else(|| d.line.and_then(|l| ctx.anchors.table_at(l, d.col)));
        if let Some(slot) = t.and_then(|t| t.checked_sub(1)).and_then(|i| n.get_mut(i)) {
            *slot += 1;
        }
    }
    n
}

/// The contents list of the tables numbered in `shown` (1-based), see the module doc.
pub fn contents_html(doc: &Document, shown: &[usize], ctx: &Ctx) -> String {
    let warnings = warnings_per_table(doc, ctx);
    let mut out = String::from("<nav id=\"contents\">\n");
    let _ = writeln!(out, "<h2>Contents ({} tables)</h2>", shown.len());
    out.push_str(
        "<table class=\"contents\">\n<tr><th>table</th><th>title</th><th>records</th>\
         <th>text-repaired</th><th>moved</th><th>low</th><th>warnings</th></tr>\n",
    );
    for &t in shown {
        let Some(table) = t.checked_sub(1).and_then(|i| doc.tables.get(i)) else {
            continue;
        };
        let recs = &table.indicators;
        let text = recs
            .iter()
            .filter(|r| repair_effect(r) == Some("text"))
            .count();
        let moved = recs
            .iter()
            .filter(|r| repair_effect(r) == Some("layout"))
            .count();
        let low = recs.iter().filter(|r| is_low(r)).count();
        let w = warnings.get(t - 1).copied().unwrap_or(0);
        let badge = if w > 0 {
            format!("<span class=\"badge warn\">⚠ {w}</span>")
        } else {
            "<span class=\"badge ok\">✓</span>".to_string()
        };
        let low_cell = if low > 0 {
            format!("<span class=\"lowmark\">▲ {low}</span>")
        } else {
            "0".to_string()
        };
        let title = table.title.as_deref().unwrap_or("");
        let year = table.year.map(|y| format!(" · {y}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr><td><a href=\"{}\">Table {t}</a></td><td>{} <span class=\"kind\">({}){year}</span></td>\
             <td class=\"num\">{}</td><td class=\"num\">{text}</td><td class=\"num\">{moved}</td>\
             <td class=\"num\">{low_cell}</td><td>{badge}</td></tr>",
            ctx.anchors.href(t, &table_id(t)),
            escape(&title.chars().take(60).collect::<String>()),
            table.kind.as_str(),
            recs.len(),
        );
    }
    out.push_str("</table>\n</nav>\n");
    out
}
