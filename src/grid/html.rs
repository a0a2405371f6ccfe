//! HTML tables → grids. The source text of an HTML block goes in; out come its tables as grids
//! with rowspan/colspan expanded (a merged cell's text stands in every slot it covers, so a
//! merged category label covers every row it spans). Only a table's direct rows are walked
//! (thead/tbody/tfoot included), so a nested table does not leak rows into its parent; nested
//! tables become grids of their own. Spans are capped at `MAX_SPAN` against hostile input.

use super::cell_text::clean_cell;
use crate::model::{Block, Cell, Diagnostic, Diagnostics, Grid, GridSource, Severity, Span};
use scraper::{ElementRef, Html};

/// Largest rowspan/colspan honoured; larger values are clamped with a diagnostic.
pub const MAX_SPAN: usize = 1000;

/// Finds where cell texts stand in the source so spans point at real lines and columns.
struct Locator<'a> {
    src: &'a str,
    base: Span,
    cursor: usize,
    /// The last position turned into a line and column, so that the next one (usually a little
    /// further on) is counted from there rather than from the start: linear over a document.
    last: (usize, usize, usize),
}

impl<'a> Locator<'a> {
    fn new(src: &'a str, base: Span) -> Self {
        Locator {
            src,
            base,
            cursor: 0,
            last: (0, 0, 0),
        }
    }

    fn locate(&mut self, text: &str) -> Span {
        let probe: String = text.chars().take(6).collect();
        if probe.is_empty() {
            return self.span_at(self.cursor);
        }
        match self.src.get(self.cursor..).and_then(|s| s.find(&probe)) {
            Some(i) => {
                let at = self.cursor + i;
                self.cursor = at + probe.len();
                self.span_at(at)
            }
            None => self.span_at(self.cursor),
        }
    }

    /// Line offset (0-based, from the block start) and column in characters (0-based) of byte
    /// `at`, counted from the last position asked for when it lies before `at`.
    fn line_col(&mut self, at: usize) -> (usize, usize) {
        let (from, mut line, mut col) = if at >= self.last.0 {
            self.last
        } else {
            (0, 0, 0)
        };
        let piece = self.src.get(from..at).unwrap_or("");
        match piece.rfind('\n') {
            Some(nl) => {
                line += piece.matches('\n').count();
                col = piece.get(nl + 1..).map_or(0, |t| t.chars().count());
            }
            None => col += piece.chars().count(),
        }
        if self.src.is_char_boundary(at) {
            self.last = (at, line, col);
        }
        (line, col)
    }

    fn span_at(&mut self, at: usize) -> Span {
        let (line_off, col) = self.line_col(at);
        Span {
            line: self.base.line + line_off,
            col: if line_off == 0 {
                self.base.col + col
            } else {
                col + 1
            },
            start: self.base.start + at,
            end: self.base.start + at,
        }
    }
}

fn children_named<'a>(
    el: ElementRef<'a>,
    names: &'a [&str],
) -> impl Iterator<Item = ElementRef<'a>> + 'a {
    el.children()
        .filter_map(ElementRef::wrap)
        .filter(move |c| names.contains(&c.value().name()))
}

fn direct_rows(table: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut rows = Vec::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => rows.push(child),
            "thead" | "tbody" | "tfoot" => rows.extend(children_named(child, &["tr"])),
            _ => {}
        }
    }
    rows
}

fn span_attr(el: ElementRef<'_>, name: &str, diags: &mut Diagnostics, at: Span) -> usize {
    let n = el
        .value()
        .attr(name)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    if n > MAX_SPAN {
        diags.push(
            Diagnostic::new(
                "html.span_clamped",
                Severity::Warning,
                format!("{name}={n} clamped to {MAX_SPAN}"),
            )
            .at(at),
        );
        MAX_SPAN
    } else {
        n
    }
}

/// Text of a cell without the text of tables nested in it.
fn cell_html(el: ElementRef<'_>) -> String {
    let mut out = String::new();
    for child in el.children() {
        if let Some(e) = ElementRef::wrap(child) {
            if e.value().name() == "table" {
                continue;
            }
            out.push_str(&e.html());
        } else if let Some(t) = child.value().as_text() {
            out.push_str(&t.replace('<', "&lt;"));
        }
    }
    out
}

fn table_grid(table: ElementRef<'_>, loc: &mut Locator<'_>, diags: &mut Diagnostics) -> Grid {
    let start = loc.span_at(loc.cursor);
    let mut grid: Vec<Vec<Option<Cell>>> = Vec::new();
    for (r, row) in direct_rows(table).into_iter().enumerate() {
        if grid.len() <= r {
            grid.resize_with(r + 1, Vec::new);
        }
        let mut c = 0;
        for td in children_named(row, &["td", "th"]) {
            let text = clean_cell(&cell_html(td));
            let span = loc.locate(&text);
            let rs = span_attr(td, "rowspan", diags, span);
            let cs = span_attr(td, "colspan", diags, span);
            while grid
                .get(r)
                .and_then(|row| row.get(c))
                .is_some_and(|s| s.is_some())
            {
                c += 1;
            }
            let cell = Cell { text, span };
            for dr in 0..rs {
                let rr = r + dr;
                if grid.len() <= rr {
                    grid.resize_with(rr + 1, Vec::new);
                }
                if let Some(row) = grid.get_mut(rr) {
                    if row.len() < c + cs {
                        row.resize(c + cs, None);
                    }
                    for slot in row.iter_mut().skip(c).take(cs) {
                        *slot = Some(cell.clone());
                    }
                }
            }
            c += cs;
        }
    }
    let rows = grid
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|c| {
                    c.unwrap_or_else(|| Cell {
                        text: String::new(),
                        span: start,
                    })
                })
                .collect()
        })
        .collect();
    Grid {
        rows,
        span: start,
        source: GridSource::Html,
    }
}

/// Whether a whole input is an HTML page rather than Markdown (it opens with markup and holds
/// a table).
pub fn is_html_document(text: &str) -> bool {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let lower: String = head
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    (lower.starts_with("<!doctype")
        || lower.starts_with("<html")
        || lower.starts_with("<body")
        || lower.starts_with("<table"))
        || (lower.starts_with('<')
            && text.to_ascii_lowercase().contains("<table")
            && !text.lines().any(|l| l.trim_start().starts_with('|')))
}

/// Reads a whole HTML page as blocks in document order: headings (h1–h6), paragraphs (other
/// text outside tables) and tables.
pub fn html_blocks(src: &str, diags: &mut Diagnostics) -> Vec<Block> {
    let doc = Html::parse_document(src);
    let base = Span {
        line: 1,
        col: 1,
        start: 0,
        end: 0,
    };
    let mut loc = Locator::new(src, base);
    let mut out = Vec::new();
    walk(doc.root_element(), &mut loc, diags, &mut out);
    out
}

fn text_of(el: ElementRef<'_>) -> String {
    clean_cell(&cell_html(el))
}

fn walk(el: ElementRef<'_>, loc: &mut Locator<'_>, diags: &mut Diagnostics, out: &mut Vec<Block>) {
    let mut para = String::new();
    let flush = |para: &mut String, loc: &mut Locator<'_>, out: &mut Vec<Block>| {
        let t = clean_cell(para);
        if !t.is_empty() {
            let span = loc.locate(&t);
            out.push(Block::Paragraph { text: t, span });
        }
        para.clear();
    };
    for child in el.children() {
        if let Some(e) = ElementRef::wrap(child) {
            match e.value().name() {
                "table" => {
                    flush(&mut para, loc, out);
                    out.push(Block::Table(table_grid(e, loc, diags)));
                }
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    flush(&mut para, loc, out);
                    let text = text_of(e);
                    let span = loc.locate(&text);
                    out.push(Block::Heading { text, span });
                }
                "p" | "div" | "section" | "article" | "body" | "html" | "main" | "ul" | "ol"
                | "li" | "center" => {
                    flush(&mut para, loc, out);
                    walk(e, loc, diags, out);
                }
                "script" | "style" | "head" | "title" => {}
                _ => para.push_str(&e.html()),
            }
        } else if let Some(t) = child.value().as_text() {
            para.push_str(&t.replace('<', "&lt;"));
        }
    }
    flush(&mut para, loc, out);
}

/// Reads every table in `src` (the text of one HTML block starting at `base`).
pub fn html_grids(src: &str, base: Span, diags: &mut Diagnostics) -> Vec<Grid> {
    let doc = Html::parse_fragment(src);
    let mut loc = Locator::new(src, base);
    let mut grids = Vec::new();
    let Ok(sel) = scraper::Selector::parse("table") else {
        return grids;
    };
    for table in doc.select(&sel) {
        grids.push(table_grid(table, &mut loc, diags));
    }
    grids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(src: &str) -> Vec<Vec<String>> {
        let mut d = Vec::new();
        let g = html_grids(
            src,
            Span {
                line: 1,
                col: 1,
                start: 0,
                end: 0,
            },
            &mut d,
        );
        g.first()
            .map(|g| {
                g.rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.text.clone()).collect())
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn rowspan_and_colspan_expand() {
        let g = grid(
            "<table><tr><td rowspan=2>产出指标</td><td colspan=2>数量指标</td></tr>\
             <tr><td>培训场次</td><td>≥5场</td></tr></table>",
        );
        assert_eq!(g[0], vec!["产出指标", "数量指标", "数量指标"]);
        assert_eq!(g[1], vec!["产出指标", "培训场次", "≥5场"]);
    }

    #[test]
    fn nested_tables_do_not_leak_rows() {
        let g =
            grid("<table><tr><td>a<table><tr><td>x</td></tr></table></td><td>b</td></tr></table>");
        assert_eq!(g, vec![vec!["a".to_string(), "b".to_string()]]);
    }

    #[test]
    fn html_page_blocks_in_order() {
        let src = "<html><body><h1>项目支出绩效目标表</h1><p>(2031年度)</p>\
                   <table><tr><td>a<td>b</tr><tr><td>c</table>stray</body></html>";
        assert!(is_html_document(src));
        let mut d = Vec::new();
        let b = html_blocks(src, &mut d);
        let kinds: Vec<&str> = b
            .iter()
            .map(|b| match b {
                Block::Heading { .. } => "h",
                Block::Paragraph { .. } => "p",
                Block::Table(_) => "t",
            })
            .collect();
        assert_eq!(kinds, vec!["h", "p", "t", "p"]);
        let Some(Block::Table(g)) = b.get(2) else {
            panic!("no table")
        };
        assert_eq!(g.rows.len(), 2, "unclosed td/tr still make rows");
        assert!(!is_html_document("# title\n| a | b |\n"));
    }

    #[test]
    fn huge_spans_are_clamped() {
        let mut d = Vec::new();
        let g = html_grids(
            "<table><tr><td rowspan=1000000>a</td></tr></table>",
            Span::default(),
            &mut d,
        );
        assert_eq!(g.first().map(|g| g.rows.len()), Some(MAX_SPAN));
        assert_eq!(d.len(), 1);
    }
}
