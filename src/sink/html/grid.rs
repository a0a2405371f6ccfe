//! One source grid as an HTML table. The stitched rows of cells of a form and its marks go in;
//! out comes a `<table class="grid">` with one row per source row (headed by the source line
//! number) and one cell per source cell, in the order read, with its mark classes and its notes
//! in a `title` (shown on hover). Ragged rows stay ragged. All cell text is escaped.

use super::escape::escape;
use super::marks::Marks;
use crate::model::Cell;
use std::fmt::Write;

/// The grid as HTML (see the module doc).
pub fn grid_html(rows: &[Vec<Cell>], marks: &Marks) -> String {
    let mut out = String::from("<table class=\"grid\">\n");
    for row in rows {
        let line = row
            .iter()
            .map(|c| c.span.line)
            .find(|l| *l > 0)
            .map(|l| format!("L{l}"))
            .unwrap_or_default();
        let _ = write!(out, "<tr><th class=\"ln\">{line}</th>");
        for cell in row {
            out.push_str(&cell_html(cell, marks));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    out
}

fn cell_html(cell: &Cell, marks: &Marks) -> String {
    let mut classes: Vec<&str> = Vec::new();
    if cell.is_empty() {
        classes.push("empty");
    }
    let mut title = if cell.span.line > 0 {
        format!("L{}:{}", cell.span.line, cell.span.col)
    } else {
        String::new()
    };
    if let Some(m) = marks
        .get(&(cell.span.line, cell.span.col))
        .filter(|_| cell.span.line > 0)
    {
        classes.extend(m.classes.iter().copied());
        for n in &m.notes {
            title.push('\n');
            title.push_str(n);
        }
    }
    let class = if classes.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", classes.join(" "))
    };
    format!(
        "<td{class} title=\"{}\">{}</td>",
        escape(&title),
        escape(&cell.text)
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
        let html = grid_html(&rows, &marks);
        assert_eq!(html.matches("<tr>").count(), 2);
        assert!(html.contains("<th class=\"ln\">L1</th>"));
        assert!(html.contains(">a&amp;b</td>"));
        assert!(html.contains("<td class=\"empty\""));
        assert!(html.contains(
            "<td class=\"repaired\" title=\"L2:7\nx: cell_shift — moved &lt;left&gt;\">&lt;b&gt;</td>"
        ));
    }
}
