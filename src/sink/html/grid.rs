//! One source grid with its records beside the rows they were read from. The stitched rows of
//! cells of table `t`, its records, its marks and the page's context (id map, findings) go in;
//! out comes one `<table class="grid">`: per source row its line (id `t{t}-L{line}` when it
//! owns that line, with links to the records read there), its cells in the order read (id
//! `t{t}-L{line}c{col}` when it owns that place, mark classes, notes in a `title` shown on
//! hover, the findings at that place beside the text, long text folded by `escape::clip`) and,
//! level with them, every record whose name was read in that row, one table row each (id
//! `t{t}-r{n}`; the source cells span them all). Records read in no row of the grid follow at
//! the end. Ragged rows are padded to the widest. All cell text is escaped.

use super::anchors::{cell_id, record_id, row_id, row_line};
use super::escape::{clip, escape};
use super::findings::notes_html;
use super::marks::Marks;
use super::records::{record_cells, RECORD_CELLS, RECORD_HEADS};
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

/// Which grid row each record (0-based) stands beside: the first row holding the cell its name
/// was read from, else the first row labelled with that line. The records no row holds come
/// second, in order.
fn place_records(table: &Table, rows: &[Vec<Cell>]) -> (Vec<Vec<usize>>, Vec<usize>) {
    let mut at: HashMap<(usize, usize), usize> = HashMap::new();
    let mut at_line: HashMap<usize, usize> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        for c in row.iter().filter(|c| c.span.line > 0) {
            at.entry((c.span.line, c.span.col)).or_insert(i);
        }
        if let Some(l) = row_line(row) {
            at_line.entry(l).or_insert(i);
        }
    }
    let mut beside: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
    let mut loose = Vec::new();
    for (i, r) in table.indicators.iter().enumerate() {
        let s = &r.source;
        let row = at
            .get(&(s.line, s.col))
            .or_else(|| at_line.get(&s.line))
            .filter(|_| s.line > 0)
            .and_then(|&ri| beside.get_mut(ri));
        match row {
            Some(list) => list.push(i),
            None => loose.push(i),
        }
    }
    (beside, loose)
}

/// The table row of record `i` (0-based) of table `t`, opened with `lead` (the source part, on
/// the first record of a row) and closed.
fn record_row(t: usize, table: &Table, i: usize, lead: &str, ctx: &Ctx) -> String {
    let Some(r) = table.indicators.get(i) else {
        return String::new();
    };
    let (classes, cells) = record_cells(i + 1, r, ctx);
    let class = if classes.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", classes.join(" "))
    };
    format!(
        "<tr id=\"{}\"{class}>{lead}{cells}</tr>\n",
        record_id(t, i + 1)
    )
}

/// The grid of table `t` (1-based) with its records as HTML (see the module doc).
pub fn grid_html(t: usize, table: &Table, rows: &[Vec<Cell>], marks: &Marks, ctx: &Ctx) -> String {
    let by_line = records_by_line(table);
    let (beside, loose) = place_records(table, rows);
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut given: HashSet<(usize, usize)> = HashSet::new();
    let mut rows_given: HashSet<usize> = HashSet::new();
    let mut out = format!(
        "<table class=\"grid\">\n<tr class=\"head\"><th>line</th><th colspan=\"{width}\">source row, as read</th>{RECORD_HEADS}</tr>\n"
    );
    let none: Vec<usize> = Vec::new();
    for (ri, row) in rows.iter().enumerate() {
        let recs = beside.get(ri).unwrap_or(&none);
        let span = if recs.len() > 1 {
            format!(" rowspan=\"{}\"", recs.len())
        } else {
            String::new()
        };
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
        let mut lead = format!("<th{id} class=\"ln\"{span}>{label}{links}</th>");
        for cell in row {
            let (l, c) = (cell.span.line, cell.span.col);
            let owns = ctx.anchors.owns_cell(t, l, c) && given.insert((l, c));
            lead.push_str(&cell_html(t, cell, owns, marks, ctx, &span));
        }
        if row.len() < width {
            let _ = write!(
                lead,
                "<td class=\"pad\" colspan=\"{}\"{span}></td>",
                width - row.len()
            );
        }
        match recs.split_first() {
            None => {
                let _ = writeln!(
                    out,
                    "<tr>{lead}<td class=\"norec\" colspan=\"{RECORD_CELLS}\"></td></tr>"
                );
            }
            Some((&first, rest)) => {
                out.push_str(&record_row(t, table, first, &lead, ctx));
                for &i in rest {
                    out.push_str(&record_row(t, table, i, "", ctx));
                }
            }
        }
    }
    if !loose.is_empty() {
        let lead = format!(
            "<th class=\"ln\" rowspan=\"{}\"></th><td class=\"pad\" colspan=\"{width}\" rowspan=\"{}\">read from no row of this grid</td>",
            loose.len(),
            loose.len()
        );
        for (k, &i) in loose.iter().enumerate() {
            out.push_str(&record_row(
                t,
                table,
                i,
                if k == 0 { &lead } else { "" },
                ctx,
            ));
        }
    }
    out.push_str("</table>\n");
    out
}

fn cell_html(t: usize, cell: &Cell, owns: bool, marks: &Marks, ctx: &Ctx, span: &str) -> String {
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
        "<td{id}{class}{span} title=\"{}\">{}{}</td>",
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
        // two source rows without records; the record read at no place follows them
        assert_eq!(html.matches("<tr>").count(), 2);
        assert!(html.contains("<th class=\"ln\">L1</th>"));
        assert!(
            html.contains("&lt;b&gt;</td><td class=\"pad\" colspan=\"1\"></td><td class=\"norec\"")
        );
        let loose = html.split("<tr id=\"t1-r1\">").nth(1).unwrap_or_default();
        assert!(loose.contains("read from no row of this grid</td><td class=\"r rn\">1</td>"));
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
        assert!(!html.contains("id=\"t3-L"));
        let html = grid_html(1, &table((2, 7)), &rows, &Marks::new(), &ctx);
        assert!(html.contains("<tr><th id=\"t1-L1\" class=\"ln\">L1</th><td id=\"t1-L1c2\""));
        assert_eq!(html.matches("id=\"t1-L2c7\"").count(), 1);
        // the record stands in its source row's table row
        assert!(html.contains(
            "<tr id=\"t1-r1\"><th id=\"t1-L2\" class=\"ln\">L2 <a href=\"#t1-r1\">#1</a></th>"
        ));
        assert!(html.contains("<td id=\"t1-L2c7\" class=\"finding\""));
        assert!(html.contains(
            "841.36<span class=\"suggest\" title=\"funds.culprit: m\">841.36 → 641.36? one digit</span></td>"
        ));
        assert!(html.contains("<tr><th class=\"ln\"></th>"));
    }

    #[test]
    fn records_stand_level_with_the_row_they_were_read_from() {
        let rows = vec![
            vec![cell("产出指标", 1, 2), cell("合并行", 1, 9)],
            vec![cell("x", 2, 2)],
        ];
        let mut t = table((1, 9));
        let mut second = t.indicators[0].clone();
        second.name = "second".into();
        t.indicators.push(second);
        let mut third = t.indicators[0].clone();
        third.source.line = 2;
        third.source.col = 2;
        t.indicators.push(third);
        let html = super::super::with_empty_ctx(|c| grid_html(1, &t, &rows, &Marks::new(), c));
        let trs: Vec<&str> = html.split("<tr").skip(1).collect();
        assert_eq!(trs.len(), 4, "{html}"); // head, two records beside L1, one beside L2
        assert!(trs[1].starts_with(" id=\"t1-r1\"><th class=\"ln\" rowspan=\"2\">L1"));
        assert!(trs[1].contains("<td rowspan=\"2\" title=\"L1:9\">合并行</td>"));
        // the second record of the row carries no source cell: the first ones span it
        assert!(trs[2].starts_with(" id=\"t1-r2\"><td class=\"r rn\">2</td>"));
        assert!(trs[3].starts_with(" id=\"t1-r3\"><th class=\"ln\">L2"));
    }
}
