//! The review page (`tablemend review`). An extraction — a document with its tables' source
//! grids (`model::Reviewed`), made by the caller: a sink never runs the pipeline — goes in; out
//! comes one self-contained HTML page — inline style, no script, no external resource, a
//! Content-Security-Policy that forbids scripts — with a contents list of the tables, then every
//! diagnostic and every low-confidence record, then one section per table: its meta fields, its
//! source grid with each record level with the row it was read from (name/value cells tinted,
//! repaired cells outlined with the reasons on hover, unassigned cells marked, funds and value
//! findings marked where they occur with their suggestion) and its unassigned cells. Every
//! source row and cell and every record has an id, and every place the page names links to it
//! (`anchors`). Above `SPLIT_ABOVE` tables, `render_split` writes an index page (contents,
//! diagnostics, low-confidence records) and one page per `PAGE_TABLES` tables instead, linked
//! index/previous/next. Every piece of input text is escaped (`escape`).

pub mod anchors;
pub mod attention;
pub mod contents;
pub mod escape;
pub mod findings;
pub mod grid;
pub mod marks;
pub mod records;

use crate::model::{Cell, Document, Reviewed, Table};
use anchors::{table_id, Anchors};
use escape::escape;
use findings::Findings;
use std::fmt::Write;

/// The page's style sheet, inlined.
const STYLE: &str = include_str!("style.css");

/// A review with more tables than this is split into pages (`render_split`).
pub const SPLIT_ABOVE: usize = 50;

/// The tables on each page of a split review: 25 keeps a page of the 1,000-table filing near
/// 0.9 MB, which headless Chromium parses and lays out in about 1 s on a loaded machine (50 took
/// 1.6–3.2 s there).
pub const PAGE_TABLES: usize = 25;

/// What every part of a page consults: the id map (with the page being written) and the
/// findings by place.
pub struct Ctx<'a> {
    pub anchors: &'a Anchors,
    pub findings: &'a Findings,
}

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

fn table_section(n: usize, table: &Table, rows: &[Vec<Cell>], ctx: &Ctx) -> String {
    let title = table
        .title
        .as_deref()
        .unwrap_or_else(|| table.kind.as_str());
    let year = table.year.map(|y| format!(" · {y}")).unwrap_or_default();
    let marks = marks::marks(table);
    let mut out = String::new();
    let _ = writeln!(out, "<section class=\"form\" id=\"{}\">", table_id(n));
    let _ = writeln!(
        out,
        "<h2>Table {n} · {} ({}){year} · line {} <a class=\"up\" href=\"#contents\">↑ contents</a></h2>",
        escape(&title.chars().take(80).collect::<String>()),
        table.kind.as_str(),
        table.line
    );
    out.push_str(&records::meta_html(n, &table.meta, ctx));
    let _ = writeln!(
        out,
        "<h3>Source grid ({} rows, as read) and its records ({}), each beside its row</h3>",
        rows.len(),
        table.indicators.len()
    );
    out.push_str("<div class=\"pane\">\n");
    out.push_str(&grid::grid_html(n, table, rows, &marks, ctx));
    out.push_str("</div>\n");
    out.push_str(&records::unassigned_html(table, ctx));
    out.push_str("</section>\n");
    out
}

/// The page's head and header, up to the summary line and the legend.
fn head(doc: &Document, subtitle: &str) -> String {
    let mut out =
        String::from("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    let _ = writeln!(
        out,
        "<title>tablemend review · {}{subtitle}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>",
        escape(&doc.source)
    );
    let _ = writeln!(out, "<header>\n<h1>tablemend review{subtitle}</h1>");
    let _ = writeln!(out, "<p class=\"summary\">{}</p>", summary(doc));
    out.push_str(
        "<p class=\"legend\">cells: <span class=\"name\">name</span><span class=\"value\">value</span>\
         <span class=\"repaired\">text repaired (hover for the reason)</span>\
         <span class=\"moved\">moved (layout only)</span>\
         <span class=\"low\">low confidence</span><span class=\"unassigned\">unassigned</span>\
         <span class=\"finding\">funds/value finding</span></p>\n</header>\n",
    );
    out
}

const FOOT: &str = "</body>\n</html>\n";

/// The review page of an extraction, all tables on one page (see the module doc).
pub fn render(reviewed: &Reviewed) -> String {
    let doc = &reviewed.document;
    let anchors = Anchors::new(&reviewed.grids);
    let findings = Findings::new(doc);
    let ctx = Ctx {
        anchors: &anchors,
        findings: &findings,
    };
    let mut out = head(doc, "");
    let all: Vec<usize> = (1..=doc.tables.len()).collect();
    if !all.is_empty() {
        out.push_str(&contents::contents_html(doc, &all, &ctx));
    }
    out.push_str(&attention::attention_html(doc, &ctx));
    if doc.tables.is_empty() {
        out.push_str("<p class=\"none\">No performance-target form found.</p>\n");
    }
    let empty: Vec<Vec<Cell>> = Vec::new();
    for (i, table) in doc.tables.iter().enumerate() {
        let rows = reviewed.grids.get(i).unwrap_or(&empty);
        out.push_str(&table_section(i + 1, table, rows, &ctx));
    }
    out.push_str(FOOT);
    out
}

/// The file of page `p` (1-based) of a split review whose index is `index` (`review.html` →
/// `review-3.html`).
pub fn page_file(index: &str, p: usize) -> String {
    let (stem, ext) = index.rsplit_once('.').unwrap_or((index, "html"));
    format!("{stem}-{p}.{ext}")
}

/// The links between the pages of a split review, as written on page `p` (0 = the index).
fn page_nav(files: &[String], p: usize, pages: usize) -> String {
    let link = |q: usize, text: &str| -> String {
        match files.get(q) {
            Some(f) if q != p => format!("<a href=\"{}\">{text}</a>", anchors::file_href(f)),
            _ => format!("<span>{text}</span>"),
        }
    };
    let mut parts = vec![link(0, "index")];
    if p > 1 {
        parts.push(link(p - 1, "← previous"));
    }
    if p > 0 {
        parts.push(format!("<span>page {p} of {pages}</span>"));
    }
    if p < pages {
        parts.push(link(p + 1, if p == 0 { "first page →" } else { "next →" }));
    }
    format!("<nav class=\"pages\">{}</nav>\n", parts.join(" · "))
}

/// The review as several pages when it has more than `SPLIT_ABOVE` tables, else as `render`'s
/// one page: (file name, page) pairs, the index first under the name `index` (a file name, no
/// directory); page `p` is `page_file(index, p)` and holds tables `(p-1)·PAGE_TABLES + 1 …`.
/// Every link between them names the file that holds its target.
pub fn render_split(reviewed: &Reviewed, index: &str) -> Vec<(String, String)> {
    let doc = &reviewed.document;
    let n = doc.tables.len();
    if n <= SPLIT_ABOVE {
        return vec![(index.to_string(), render(reviewed))];
    }
    let pages = n.div_ceil(PAGE_TABLES);
    let mut files = vec![index.to_string()];
    files.extend((1..=pages).map(|p| page_file(index, p)));
    let page_of: Vec<usize> = (0..n).map(|i| i / PAGE_TABLES + 1).collect();
    let anchors = Anchors::new(&reviewed.grids).split(page_of, files.clone());
    let findings = Findings::new(doc);
    let mut out = Vec::with_capacity(pages + 1);

    let on_index = anchors.on_page(0);
    let ctx = Ctx {
        anchors: &on_index,
        findings: &findings,
    };
    let mut page = head(doc, "");
    page.push_str(&page_nav(&files, 0, pages));
    let mut list = String::from("<ol class=\"pagelist\">\n");
    for (p, file) in files.iter().enumerate().skip(1) {
        let first = (p - 1) * PAGE_TABLES + 1;
        let last = (p * PAGE_TABLES).min(n);
        let _ = writeln!(
            list,
            "<li><a href=\"{}\">page {p}</a>: tables {first}–{last}</li>",
            anchors::file_href(file)
        );
    }
    list.push_str("</ol>\n");
    page.push_str(&list);
    let all: Vec<usize> = (1..=n).collect();
    page.push_str(&contents::contents_html(doc, &all, &ctx));
    page.push_str(&attention::attention_html(doc, &ctx));
    page.push_str(FOOT);
    out.push((index.to_string(), page));

    let empty: Vec<Vec<Cell>> = Vec::new();
    for p in 1..=pages {
        let here = anchors.on_page(p);
        let ctx = Ctx {
            anchors: &here,
            findings: &findings,
        };
        let shown: Vec<usize> = ((p - 1) * PAGE_TABLES + 1..=(p * PAGE_TABLES).min(n)).collect();
        let mut page = head(doc, &format!(" · page {p} of {pages}"));
        let nav = page_nav(&files, p, pages);
        page.push_str(&nav);
        page.push_str(&contents::contents_html(doc, &shown, &ctx));
        for &t in &shown {
            if let Some(table) = doc.tables.get(t - 1) {
                let rows = reviewed.grids.get(t - 1).unwrap_or(&empty);
                page.push_str(&table_section(t, table, rows, &ctx));
            }
        }
        page.push_str(&nav);
        page.push_str(FOOT);
        out.push((files.get(p).cloned().unwrap_or_default(), page));
    }
    out
}

/// Runs `f` with an empty context (no ids, no findings): for the parts' unit tests.
#[cfg(test)]
pub(crate) fn with_empty_ctx<R>(f: impl FnOnce(&Ctx) -> R) -> R {
    let (anchors, findings) = (Anchors::default(), Findings::default());
    f(&Ctx {
        anchors: &anchors,
        findings: &findings,
    })
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
