//! What a reviewer reads first. A document goes in; out comes the `<section id="attention">` of
//! the page: every diagnostic (severity, code, line:column, message), errors first, then
//! warnings, then info, each in the order found, its place linked to the source cell or row it
//! names (plain text when no grid holds that place); then every record below `LOW_CONFIDENCE`
//! with its table, confidence, why it is low and its repairs, linked to its row (on whichever
//! page of a split review holds it). All text is escaped.

use super::anchors::record_id;
use super::escape::escape;
use super::marks::{is_low, LOW_CONFIDENCE};
use super::records::{low_reason, repairs_html};
use super::Ctx;
use crate::model::{Diagnostic, Document, Severity};
use std::fmt::Write;

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

fn rank(s: Severity) -> u8 {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

fn diagnostic_row(d: &Diagnostic, ctx: &Ctx) -> String {
    let at = d
        .line
        .map(|l| ctx.anchors.at_html(l, d.col))
        .unwrap_or_default();
    let sev = severity(d.severity);
    format!(
        "<tr class=\"{sev}\"><td>{sev}</td><td><code>{}</code></td><td>{at}</td><td>{}</td></tr>\n",
        escape(d.code()),
        escape(&d.message)
    )
}

/// The attention section of a document (see the module doc).
pub fn attention_html(doc: &Document, ctx: &Ctx) -> String {
    let mut out = String::from("<section id=\"attention\">\n");
    let _ = writeln!(out, "<h2>Diagnostics ({})</h2>", doc.diagnostics.len());
    if doc.diagnostics.is_empty() {
        out.push_str("<p class=\"none\">none</p>\n");
    } else {
        out.push_str(
            "<table class=\"diagnostics\">\n<tr><th>severity</th><th>code</th><th>at</th><th>message</th></tr>\n",
        );
        let mut sorted: Vec<&Diagnostic> = doc.diagnostics.iter().collect();
        // errors, then warnings, then info; found order within each (a stable sort)
        sorted.sort_by_key(|d| std::cmp::Reverse(rank(d.severity)));
        for d in sorted {
            out.push_str(&diagnostic_row(d, ctx));
        }
        out.push_str("</table>\n");
    }
    let low: Vec<(usize, usize, &crate::model::Record)> = doc
        .tables
        .iter()
        .enumerate()
        .flat_map(|(t, table)| {
            table
                .indicators
                .iter()
                .enumerate()
                .filter(|(_, r)| is_low(r))
                .map(move |(i, r)| (t + 1, i + 1, r))
        })
        .collect();
    let _ = writeln!(
        out,
        "<h2>Low-confidence records ({}, below {LOW_CONFIDENCE})</h2>",
        low.len()
    );
    if low.is_empty() {
        out.push_str("<p class=\"none\">none</p>\n");
    } else {
        out.push_str("<ul class=\"low-list\">\n");
        for (t, i, r) in low {
            let _ = writeln!(
                out,
                "<li><a href=\"{}\">table {t} · #{i}</a> <b>{}</b> = {} <span class=\"num lowmark\">▲ {:.2}</span> <span class=\"why\">{}</span> {}</li>",
                ctx.anchors.href(t, &record_id(t, i)),
                escape(&r.name),
                escape(r.value.as_deref().unwrap_or("")),
                r.confidence,
                escape(&low_reason(r)),
                repairs_html(r)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DiagnosticKind;

    #[test]
    fn diagnostics_are_listed_escaped_with_their_place() {
        let doc = Document {
            schema_version: crate::model::SCHEMA_VERSION,
            source: "x".into(),
            encoding: "UTF-8".into(),
            tables: vec![],
            diagnostics: vec![Diagnostic::new(
                DiagnosticKind::FundsArithmetic,
                Severity::Warning,
                "<b> & c",
            )
            .at(crate::model::Span {
                line: 7,
                col: 2,
                start: 0,
                end: 0,
            })],
        };
        let html = super::super::with_empty_ctx(|c| attention_html(&doc, c));
        assert!(html.contains("Diagnostics (1)"));
        assert!(html.contains(
            "<tr class=\"warning\"><td>warning</td><td><code>funds.arithmetic</code></td><td><span class=\"at\">L7:2</span></td><td>&lt;b&gt; &amp; c</td></tr>"
        ));
        assert!(html.contains("Low-confidence records (0"));
    }

    #[test]
    fn diagnostics_are_sorted_by_severity() {
        let d = |s: Severity, m: &str| Diagnostic::new(DiagnosticKind::FundsArithmetic, s, m);
        let doc = Document {
            schema_version: crate::model::SCHEMA_VERSION,
            source: "x".into(),
            encoding: "UTF-8".into(),
            tables: vec![],
            diagnostics: vec![
                d(Severity::Info, "i1"),
                d(Severity::Warning, "w1"),
                d(Severity::Info, "i2"),
                d(Severity::Error, "e1"),
                d(Severity::Warning, "w2"),
            ],
        };
        let html = super::super::with_empty_ctx(|c| attention_html(&doc, c));
        let at = |m: &str| html.find(&format!("<td>{m}</td>")).unwrap_or(usize::MAX);
        assert!(
            at("e1") < at("w1")
                && at("w1") < at("w2")
                && at("w2") < at("i1")
                && at("i1") < at("i2")
        );
    }
}
