//! One source grid as an HTML table. The stitched rows of cells of table `t`, its records, its
//! marks and the page's context (id map, findings) go in; out comes a `<table class="grid">`
//! with one row per source row — its id `t{t}-L{line}` when it owns that line, headed by the
//! line number and links to the records read from that row — and one cell per source cell, in
//! the order read, with its id `t{t}-L{line}c{col}` when it owns that place, its mark classes,
//! its notes in a `title` (shown on hover), the findings at that place beside its text (class
//! `finding`), and long text folded (`escape::clip`). Ragged rows stay ragged. All cell text is
//! escaped.

use super::anchors::{cell_id, record_id, row_id, row_line};
use super::escape::{clip, escape};
use super::findings::notes_html;
use super::marks::Marks;
use super::Ctx;
use crate::model::{Cell, Table};
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// The records (1-based numbers) read from each source line of a table: name or value there.
fn records_by_line(table: &Table) -> HashMap<usize, Vec<usize>> {
    let mut by: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, r) in table.indicators.iter().enumerate() {
        let lines = [Some(r.source.line), r.value_source.as_ref().map(|v| v.line)];
        for line in lines.into_iter().flatten().filter(|l| *l > 0) {
            let list = by.entry(line).or_default();
            if list.last() != Some(&(i + 1)) {
                list.push(i + 1);
            }
        }
    }
    by
}

/// The grid of table `t` (1-based) as HTML (see the module doc).
pub fn grid_html(t: usize, table: &Table, rows: &[Vec<Cell>], marks: &Marks, ctx: &Ctx) -> String {
    let by_line = records_by_line(table);
    let mut given: HashSet<(usize, usize)> = HashSet::new();
    let mut rows_given: HashSet<usize> = HashSet::new();
    let mut out = String::from("<table class=\"grid\">\n");
    for row in rows {
        let line = row_line(row);
        let id = line
            .filter(|&l| ctx.anchors.owns_row(t, l) && rows_given.insert(l))
            .map(|l| format!(" id=\"{}\"", row_id(t, l)))
            .unwrap_or_default();
        let label = line.map(|l| format!("L{l}")).unwrap_or_default();
        let links: String = line
            .and_then(|l| by_line.get(&l))
            .map(|recs| {
                recs.iter()
                    .map(|r| format!(" <a href=\"#{}\">#{r}</a>", record_id(t, *r)))
                    .collect()
            })
            .unwrap_or_default();
        let _ = write!(out, "<tr{id}><th class=\"ln\">{label}{links}</th>");
        for cell in row {
            let (l, c) = (cell.span.line, cell.span.col);
            let owns = ctx.anchors.owns_cell(t, l, c) && given.insert((l, c));
            out.push_str(&cell_html(t, cell, owns, marks, ctx));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    out
}

fn cell_html(t: usize, cell: &Cell, owns: bool, marks: &Marks, ctx: &Ctx) -> String {
    let (line, col) = (cell.span.line, cell.span.col);
    let mut classes: Vec<&str> = Vec::new();
    if cell.is_empty() {
        classes.push("empty");
    }
    let mut title = if line > 0 {
        format!("L{line}:{col}")
    } else {
        String::new()
    };
    if let Some(m) = marks.get(&(line, col)).filter(|_| line > 0) {
        classes.extend(m.classes.iter().copied());
        for n in &m.notes {
            title.push('\n');
            title.push_str(n);
        }
    }
    let found = ctx.findings.at(line, col);
    if !found.is_empty() {
        classes.push("finding");
    }
    let class = if classes.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", classes.join(" "))
    };
    let id = if owns {
        format!(" id=\"{}\"", cell_id(t, line, col))
    } else {
        String::new()
    };
    format!(
        "<td{id}{class} title=\"{}\">{}{}</td>",
        escape(&title),
        clip(&cell.text),
        notes_html(found)
    )
}

#[cfg(test)]
mod tests {
    use super::super::marks::Mark;
    use super::*;
    use crate::model::Span;

    fn cell(text: &str, line: usize, col: usize) -> Cell {
        Cell {
            text: text.into(),
            span: Span {
                line,
                col,
                start: 0,
                end: 0,
            },
        }
    }

    fn table(record_at: (usize, usize)) -> Table {
        Table {
            stage: Default::default(),
            framework: 2018,
            execution: None,
            conclusion: None,
            kind: crate::model::TableKind::Project,
            year: None,
            title: None,
            line: 1,
            meta: Default::default(),
            indicators: vec![crate::model::Record {
                fields: Default::default(),
                level1: "产出指标",
                level2: "数量指标",
                name: "n".into(),
                value: None,
                parsed: None,
                confidence: 0.9,
                repairs: vec![],
                source: crate::model::Source {
                    line: record_at.0,
                    col: record_at.1,
                    text: "n".into(),
                    page: None,
                },
                value_source: None,
            }],
            unassigned: vec![],
        }
    }

    #[test]
    fn rows_cells_classes_and_titles() {
        let mut marks = Marks::new();
        let mut m = Mark::default();
        m.classes.insert("repaired");
        m.notes.push("x: cell_shift — moved <left>".into());
        marks.insert((2, 7), m);
        let rows = vec![
            vec![cell("a&b", 1, 2), cell("", 1, 5)],
            vec![cell("<b>", 2, 7)],
        ];
        let html = super::super::with_empty_ctx(|c| grid_html(1, &table((0, 0)), &rows, &marks, c));
        assert_eq!(html.matches("<tr>").count(), 2);
        assert!(html.contains("<th class=\"ln\">L1</th>"));
        assert!(html.contains(">a&amp;b</td>"));
        assert!(html.contains("<td class=\"empty\""));
        assert!(html.contains(
            "<td class=\"repaired\" title=\"L2:7\nx: cell_shift — moved &lt;left&gt;\">&lt;b&gt;</td>"
        ));
    }

    #[test]
    fn rows_and_cells_carry_ids_once_link_their_records_and_show_findings() {
        let rows = vec![
            vec![cell("a", 1, 2), cell("b", 1, 5)],
            vec![cell("841.36", 2, 7), cell("dup", 2, 7)],
            vec![cell("", 0, 0)],
        ];
        let grids = vec![rows.clone()];
        let anchors = super::super::anchors::Anchors::new(&grids);
        let mut findings = super::super::findings::Findings::default();
        findings.cells.insert(
            (2, 7),
            vec![super::super::findings::Note {
                short: "841.36 → 641.36? one digit".into(),
                full: "funds.culprit: m".into(),
            }],
        );
        let ctx = Ctx {
            anchors: &anchors,
            findings: &findings,
        };
        let html = grid_html(3, &table((2, 7)), &rows, &Marks::new(), &ctx);
        // table 3 owns nothing here (the map says table 1): no ids, no duplicates either way
        assert!(!html.contains("id=\"t3-"));
        let html = grid_html(1, &table((2, 7)), &rows, &Marks::new(), &ctx);
        assert!(html.contains("<tr id=\"t1-L1\"><th class=\"ln\">L1</th><td id=\"t1-L1c2\""));
        assert_eq!(html.matches("id=\"t1-L2c7\"").count(), 1);
        assert!(
            html.contains("<tr id=\"t1-L2\"><th class=\"ln\">L2 <a href=\"#t1-r1\">#1</a></th>")
        );
        assert!(html.contains("<td id=\"t1-L2c7\" class=\"finding\""));
        assert!(html.contains(
            "841.36<span class=\"suggest\" title=\"funds.culprit: m\">841.36 → 641.36? one digit</span></td>"
        ));
        assert!(html.contains("<tr><th class=\"ln\"></th>"));
    }
}
