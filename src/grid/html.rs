//! HTML tables → grids. The source text of an HTML block goes in; out come its tables as grids
//! with rowspan/colspan expanded (a merged cell's text stands in every slot it covers, so a
//! merged category label covers every row it spans). Only a table's direct rows are walked
//! (thead/tbody/tfoot included), so a nested table does not leak rows into its parent; nested
//! tables become grids of their own. Against hostile input (see `limits`): spans are capped at
//! `max_span`, expansion stops at `max_rows`/`max_columns`, and elements nested deeper than
//! `max_html_depth` are read as text rather than walked.

use super::cell_text::clean_cell;
use crate::limits::Limits;
use crate::model::{Block, Cell, Diagnostic, Diagnostics, Grid, GridSource, Severity, Span};
use scraper::{ElementRef, Html};

/// Largest rowspan/colspan honoured by default; larger values are clamped with a diagnostic.
pub use crate::limits::MAX_SPAN;

/// Finds where cell texts stand in the source so spans point at real lines and columns.
struct Locator<'a> {
    src: &'a str,
    base: Span,
    cursor: usize,
    /// byte offsets of the line starts of `src` (after the first), for offset → line lookups
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    fn new(src: &'a str, base: Span) -> Self {
        Locator {
            src,
            base,
            cursor: 0,
            line_starts: src.match_indices('\n').map(|(i, _)| i + 1).collect(),
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

    fn span_at(&self, at: usize) -> Span {
        let line_off = self.line_starts.partition_point(|&s| s <= at);
        let line_start = match line_off {
            0 => 0,
            n => self.line_starts.get(n - 1).copied().unwrap_or(0),
        };
        let col = self
            .src
            .get(line_start..at)
            .map_or(0, |t| t.chars().count());
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

fn span_attr(
    el: ElementRef<'_>,
    name: &str,
    max: usize,
    diags: &mut Diagnostics,
    at: Span,
) -> usize {
    let n = el
        .value()
        .attr(name)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let max = max.max(1);
    if n > max {
        diags.push(
            Diagnostic::new(
                "html.span_clamped",
                Severity::Warning,
                format!("{name}={n} clamped to {max} (raise with --max-span)"),
            )
            .at(at),
        );
        max
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

fn table_grid(
    table: ElementRef<'_>,
    loc: &mut Locator<'_>,
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Grid {
    let start = loc.span_at(loc.cursor);
    let mut grid: Vec<Vec<Option<Cell>>> = Vec::new();
    // rows and columns past the limits are not expanded; `limits::clamp_grid` reports them
    let max_rows = limits.max_rows.saturating_add(1);
    let max_cols = limits.max_columns.saturating_add(1);
    // slots filled so far; merged cells stop growing once `max_cells` is reached
    let mut filled = 0usize;
    for (r, row) in direct_rows(table).into_iter().enumerate().take(max_rows) {
        if grid.len() <= r {
            grid.resize_with(r + 1, Vec::new);
        }
        let mut c = 0;
        for td in children_named(row, &["td", "th"]) {
            let text = clean_cell(&cell_html(td));
            let span = loc.locate(&text);
            let rs = span_attr(td, "rowspan", limits.max_span, diags, span);
            let cs = span_attr(td, "colspan", limits.max_span, diags, span);
            while grid
                .get(r)
                .and_then(|row| row.get(c))
                .is_some_and(|s| s.is_some())
            {
                c += 1;
            }
            if c >= max_cols {
                break;
            }
            let cs = cs.min(max_cols - c);
            let room = limits.max_cells.saturating_sub(filled) / cs.max(1);
            if rs > room.max(1) {
                diags.push(
                    Diagnostic::new(
                        "limit.cells",
                        Severity::Warning,
                        format!(
                            "rowspan={rs} cut to {} to keep the table within {} cells \
                             (raise with --max-cells)",
                            room.max(1),
                            limits.max_cells
                        ),
                    )
                    .at(span),
                );
            }
            let rs = rs.min(room.max(1));
            filled = filled.saturating_add(rs.saturating_mul(cs));
            let cell = Cell { text, span };
            for dr in 0..rs.min(max_rows.saturating_sub(r)) {
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
pub fn html_blocks(src: &str, limits: &Limits, diags: &mut Diagnostics) -> Vec<Block> {
    let doc = Html::parse_document(src);
    let base = Span {
        line: 1,
        col: 1,
        start: 0,
        end: 0,
    };
    let mut loc = Locator::new(src, base);
    let mut out = Vec::new();
    let mut w = Walk {
        loc: &mut loc,
        limits,
        diags,
        out: &mut out,
        too_deep: false,
    };
    w.walk(doc.root_element(), 0);
    if w.too_deep {
        w.diags.push(Diagnostic::new(
            "limit.html_depth",
            Severity::Warning,
            format!(
                "markup nested deeper than {} elements read as text (raise with --max-html-depth)",
                limits.max_html_depth
            ),
        ));
    }
    out
}

fn text_of(el: ElementRef<'_>) -> String {
    clean_cell(&cell_html(el))
}

/// Elements walked into for headings, paragraphs and tables.
fn is_container(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "body"
            | "html"
            | "main"
            | "ul"
            | "ol"
            | "li"
            | "center"
    )
}

/// The state of one walk over an HTML page.
struct Walk<'a, 'b> {
    loc: &'a mut Locator<'b>,
    limits: &'a Limits,
    diags: &'a mut Diagnostics,
    out: &'a mut Vec<Block>,
    /// some container was nested deeper than `max_html_depth` (read as text)
    too_deep: bool,
}

impl Walk<'_, '_> {
    fn flush(&mut self, para: &mut String) {
        let t = clean_cell(para);
        if !t.is_empty() {
            let span = self.loc.locate(&t);
            self.out.push(Block::Paragraph { text: t, span });
        }
        para.clear();
    }

    /// Walks `el`'s children; containers recurse while `depth` is within the limit.
    fn walk(&mut self, el: ElementRef<'_>, depth: usize) {
        let mut para = String::new();
        for child in el.children() {
            if let Some(e) = ElementRef::wrap(child) {
                match e.value().name() {
                    "table" => {
                        self.flush(&mut para);
                        let g = table_grid(e, self.loc, self.limits, self.diags);
                        self.out.push(Block::Table(g));
                    }
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        self.flush(&mut para);
                        let text = text_of(e);
                        let span = self.loc.locate(&text);
                        self.out.push(Block::Heading { text, span });
                    }
                    name if is_container(name) && depth < self.limits.max_html_depth => {
                        self.flush(&mut para);
                        self.walk(e, depth + 1);
                    }
                    "script" | "style" | "head" | "title" => {}
                    name => {
                        if is_container(name) {
                            self.too_deep = true;
                        }
                        para.push_str(&e.html());
                    }
                }
            } else if let Some(t) = child.value().as_text() {
                para.push_str(&t.replace('<', "&lt;"));
            }
        }
        self.flush(&mut para);
    }
}

/// Reads every table in `src` (the text of one HTML block starting at `base`).
pub fn html_grids(src: &str, base: Span, limits: &Limits, diags: &mut Diagnostics) -> Vec<Grid> {
    let doc = Html::parse_fragment(src);
    let mut loc = Locator::new(src, base);
    let mut grids = Vec::new();
    let Ok(sel) = scraper::Selector::parse("table") else {
        return grids;
    };
    for table in doc.select(&sel) {
        grids.push(table_grid(table, &mut loc, limits, diags));
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
            &Limits::default(),
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
        let b = html_blocks(src, &Limits::default(), &mut d);
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
    fn zero_limits_lose_no_cell_silently() {
        let l = Limits {
            max_span: 0,
            max_html_depth: 0,
            ..Limits::default()
        };
        let mut d = Vec::new();
        let g = html_grids(
            "<table><tr><td colspan=2>a</td><td>b</td></tr></table>",
            Span::default(),
            &l,
            &mut d,
        );
        assert_eq!(
            g.first().map(|g| g.rows[0].len()),
            Some(2),
            "span 0 reads as 1"
        );
        let b = html_blocks("<html><body><div><p>x</p></div></body></html>", &l, &mut d);
        assert!(!b.is_empty());
        assert!(d.iter().any(|d| d.code == "limit.html_depth"));
    }

    #[test]
    fn huge_spans_are_clamped() {
        let mut d = Vec::new();
        let g = html_grids(
            "<table><tr><td rowspan=1000000>a</td></tr></table>",
            Span::default(),
            &Limits::default(),
            &mut d,
        );
        assert_eq!(g.first().map(|g| g.rows.len()), Some(MAX_SPAN));
        assert_eq!(d.len(), 1);
    }
}
