//! The review page (`tablemend review`). An extraction — a document with its tables' source
//! grids (`model::Reviewed`), made by the caller: a sink never runs the pipeline — goes in; out
//! comes one self-contained HTML page — inline style, no script, no external resource, a
//! Content-Security-Policy that forbids scripts — listing first every diagnostic and every
//! low-confidence record, then one section per table: its meta fields, its source grid beside
//! its records (name/value cells tinted, repaired cells outlined with the reasons on hover,
//! unassigned cells marked) and its unassigned cells. Every piece of input text is escaped
//! (`escape`).

pub mod attention;
pub mod escape;
pub mod grid;
pub mod marks;
pub mod records;

use crate::model::{Cell, Document, Reviewed, Table};
use escape::escape;
use std::fmt::Write;

/// The page's style sheet, inlined.
const STYLE: &str = include_str!("style.css");

/// `n` and a noun, the noun with an `s` unless `n` is 1.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn summary(doc: &Document) -> String {
    let records: Vec<_> = doc.tables.iter().flat_map(|t| &t.indicators).collect();
    let repaired = records
        .iter()
        .filter(|r| marks::repair_effect(r) == Some("text"))
        .count();
    let moved = records
        .iter()
        .filter(|r| marks::repair_effect(r) == Some("layout"))
        .count();
    let low = records.iter().filter(|r| marks::is_low(r)).count();
    let unassigned: usize = doc.tables.iter().map(|t| t.unassigned.len()).sum();
    [
        escape(&doc.source),
        escape(&doc.encoding),
        count(doc.tables.len(), "table"),
        count(records.len(), "record"),
        format!("{repaired} text-repaired"),
        format!("{moved} moved (layout only)"),
        format!("{low} low-confidence"),
        count(unassigned, "unassigned cell"),
        count(doc.diagnostics.len(), "diagnostic"),
    ]
    .join(" · ")
}

fn table_section(n: usize, table: &Table, rows: &[Vec<Cell>]) -> String {
    let title = table
        .title
        .as_deref()
        .unwrap_or_else(|| table.kind.as_str());
    let year = table.year.map(|y| format!(" · {y}")).unwrap_or_default();
    let marks = marks::marks(table);
    let mut out = String::new();
    let _ = writeln!(out, "<section class=\"form\" id=\"t{n}\">");
    let _ = writeln!(
        out,
        "<h2>Table {n} · {} ({}){year} · line {}</h2>",
        escape(title),
        table.kind.as_str(),
        table.line
    );
    out.push_str(&records::meta_html(&table.meta));
    out.push_str("<div class=\"panes\">\n<div class=\"pane source\">\n");
    let _ = writeln!(out, "<h3>Source grid ({} rows, as read)</h3>", rows.len());
    out.push_str(&grid::grid_html(rows, &marks));
    out.push_str("</div>\n<div class=\"pane output\">\n");
    let _ = writeln!(out, "<h3>Records ({})</h3>", table.indicators.len());
    out.push_str(&records::records_html(n, table));
    out.push_str("</div>\n</div>\n");
    out.push_str(&records::unassigned_html(table));
    out.push_str("</section>\n");
    out
}

/// The review page of an extraction (see the module doc).
pub fn render(reviewed: &Reviewed) -> String {
    let doc = &reviewed.document;
    let mut out =
        String::from("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    let _ = writeln!(
        out,
        "<title>tablemend review · {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>",
        escape(&doc.source)
    );
    out.push_str("<header>\n<h1>tablemend review</h1>\n");
    let _ = writeln!(out, "<p class=\"summary\">{}</p>", summary(doc));
    out.push_str(
        "<p class=\"legend\">cells: <span class=\"name\">name</span><span class=\"value\">value</span>\
         <span class=\"repaired\">text repaired (hover for the reason)</span>\
         <span class=\"moved\">moved (layout only)</span>\
         <span class=\"low\">low confidence</span><span class=\"unassigned\">unassigned</span></p>\n</header>\n",
    );
    out.push_str(&attention::attention_html(doc));
    if doc.tables.is_empty() {
        out.push_str("<p class=\"none\">No performance-target form found.</p>\n");
    }
    let empty: Vec<Vec<Cell>> = Vec::new();
    for (i, table) in doc.tables.iter().enumerate() {
        let rows = reviewed.grids.get(i).unwrap_or(&empty);
        out.push_str(&table_section(i + 1, table, rows));
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Extractor, Vocab};

    fn page(text: &str) -> String {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        render(&Extractor::new(v).extract_reviewed("in.md", text.as_bytes()))
    }

    #[test]
    fn page_is_self_contained_and_scriptless() {
        let p = page("# 项目支出绩效目标表\n\n| 项目名称 | <b>x</b> &lt;i&gt; |\n| | 产出指标 | 数量指标 | 培训场次 | ≥1场 |\n");
        assert!(p.starts_with("<!DOCTYPE html>") && p.ends_with("</html>\n"));
        assert!(p.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
        assert!(p.contains("<style>") && !p.contains("<script") && !p.contains("<link"));
        assert_eq!(p.matches("<section class=\"form\"").count(), 1);
        assert!(p.contains("x &lt;i&gt;"));
        assert!(p.contains("1 table · 1 record · "));
    }

    #[test]
    fn bidi_controls_and_nul_in_the_input_are_never_written_raw() {
        let p = page("# 项目支出绩效目标表\n\n| 项目名称 | a\u{202e}b\u{0}c |\n| | 产出指标 | 数量指标 | 培训\u{2066}场次 | ≥1场\u{202d} |\n");
        for c in ['\u{202e}', '\u{202d}', '\u{2066}', '\u{0}'] {
            assert!(!p.contains(c), "U+{:04X} written raw", c as u32);
        }
        assert!(p.contains("a⟨U+202E⟩b⟨U+0000⟩c"));
    }

    #[test]
    fn a_document_without_forms_says_so() {
        let p = page("just text\n");
        assert!(p.contains("No performance-target form found."));
        assert!(p.contains("0 tables"));
    }
}
