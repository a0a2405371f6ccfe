//! HTML tables → grids. The source text of an HTML block goes in; out come its tables as grids
//! with rowspan/colspan expanded (a merged cell's text stands in every slot it covers, so a
//! merged category label covers every row it spans). Only a table's direct rows are walked
//! (thead/tbody/tfoot included), so a nested table does not leak rows into its parent; a table
//! nested in a cell is no grid of its own either (its text is left out of the cell, with an
//! `html.nested_table` diagnostic), in a whole HTML page and in a `<table>` block of Markdown
//! alike. `<script>`/`<style>` contents in a cell are dropped (`cell.script_dropped`). Against
//! hostile input (see `limits`): spans are capped at `max_span`, expansion stops at
//! `max_rows`/`max_columns`, and elements nested deeper than `max_html_depth` are read as text
//! rather than walked. An HTML comment opened (`<!--`) and never closed swallows everything after
//! it, as browsers read it: the reader says so (`html.unclosed_comment`, at the `<!--`).

use super::cell_text::{clean_cell, clean_cell_counted};
use super::pipe::{char_count, plain_extent};
use crate::limits::Limits;
use crate::model::{
    Block, Cell, Diagnostic, DiagnosticKind, Diagnostics, Grid, GridSource, Severity, Span,
};
use scraper::{ElementRef, Html};

/// Largest rowspan/colspan honoured by default; larger values are clamped with a diagnostic.
pub use crate::limits::MAX_SPAN;

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
        // the cell's first six characters, found from the cursor on
        let probe = text
            .char_indices()
            .nth(6)
            .and_then(|(i, _)| text.get(..i))
            .unwrap_or(text);
        if probe.is_empty() {
            return self.span_at(self.cursor);
        }
        let rest = self.src.get(self.cursor..).unwrap_or_default().as_bytes();
        let probe_bytes = probe.as_bytes();
        // the cell usually stands a few bytes on (after `<td>`): its first byte, then the rest
        let found = probe_bytes.first().and_then(|&first| {
            memchr::memchr_iter(first, rest)
                .find(|&i| rest.get(i..).is_some_and(|r| r.starts_with(probe_bytes)))
        });
        match found {
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
        let piece = self.src.get(from..at).unwrap_or("").as_bytes();
        match memchr::memrchr(b'\n', piece) {
            Some(nl) => {
                line += memchr::memchr_iter(b'\n', piece).count();
                col = char_count(piece.get(nl + 1..).unwrap_or_default());
            }
            None => col += char_count(piece),
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
                DiagnosticKind::HtmlSpanClamped,
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

/// Appends a text node (its entities already decoded by the parser) as markup the cleaner
/// reads back to the same text: `&` and `<` escaped, so `&amp;lt;` in the source stays `&lt;`
/// and is not decoded a second time.
fn push_text(out: &mut String, t: &str) {
    if t.contains(['&', '<']) {
        out.push_str(&t.replace('&', "&amp;").replace('<', "&lt;"));
    } else {
        out.push_str(t);
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
            push_text(&mut out, t);
        }
    }
    out
}

/// A cell's clean text: plain text (no markup, entity or odd whitespace; most cells) is only
/// trimmed, in place; the rest goes through `clean_cell_counted`.
fn cell_text(td: ElementRef<'_>) -> (String, usize) {
    let mut html = cell_html(td);
    match plain_extent(&html) {
        Some((start, end)) => {
            html.truncate(end);
            html.drain(..start);
            (html, 0)
        }
        None => clean_cell_counted(&html),
    }
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
            let (text, dropped) = cell_text(td);
            let span = loc.locate(&text);
            if dropped > 0 {
                diags.push(super::pipe::script_dropped(dropped, span.line));
            }
            if td
                .descendants()
                .skip(1)
                .any(|n| n.value().as_element().is_some_and(|e| e.name() == "table"))
            {
                diags.push(
                    Diagnostic::new(
                        DiagnosticKind::HtmlNestedTable,
                        Severity::Info,
                        "a table nested in this cell is left out of its text and read as no table",
                    )
                    .at(span),
                );
            }
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
                        DiagnosticKind::LimitCells,
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
            // every slot the cell covers gets a copy; the last one takes the cell itself (most
            // cells cover one slot: no copy)
            let mut cell = Some(Cell { text, span });
            let rows_down = rs.min(max_rows.saturating_sub(r));
            for dr in 0..rows_down {
                let rr = r + dr;
                if grid.len() <= rr {
                    grid.resize_with(rr + 1, Vec::new);
                }
                if let Some(row) = grid.get_mut(rr) {
                    if row.len() < c + cs {
                        row.resize(c + cs, None);
                    }
                    let slots = row.iter_mut().skip(c).take(cs);
                    let n = slots.len();
                    for (k, slot) in slots.enumerate() {
                        *slot = if dr + 1 == rows_down && k + 1 == n {
                            cell.take()
                        } else {
                            cell.clone()
                        };
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
        tight_pipes: Vec::new(),
    }
}

/// The byte offset of the first `<!--` in `src` that no `-->` (or `--!>`) closes. `<!-->` and
/// `<!--->` close themselves, as in a browser.
fn unclosed_comment(src: &str) -> Option<usize> {
    let finder = memchr::memmem::Finder::new("<!--");
    let mut from = 0;
    while let Some(i) = src.get(from..).and_then(|r| finder.find(r.as_bytes())) {
        let open = from + i;
        let body = src.get(open + 4..).unwrap_or_default();
        if body.starts_with('>') || body.starts_with("->") {
            from = open + 4;
            continue;
        }
        let close = [
            memchr::memmem::find(body.as_bytes(), b"-->").map(|c| c + 3),
            memchr::memmem::find(body.as_bytes(), b"--!>").map(|c| c + 4),
        ]
        .into_iter()
        .flatten()
        .min();
        match close {
            Some(c) => from = open + 4 + c,
            None => return Some(open),
        }
    }
    None
}

/// Reports an unclosed comment in `src` (the text of a block starting at `base`).
fn check_comments(src: &str, base: Span, diags: &mut Diagnostics) {
    let Some(at) = unclosed_comment(src) else {
        return;
    };
    let span = Locator::new(src, base).span_at(at);
    diags.push(
        Diagnostic::new(
            DiagnosticKind::HtmlUnclosedComment,
            Severity::Warning,
            "a comment opened here (`<!--`) is never closed: everything after it is read as \
             comment, cells and rows included",
        )
        .at(span),
    );
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
            && super::find_ci::contains_ci(text, "<table")
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
    check_comments(src, base, w.diags);
    if w.too_deep {
        w.diags.push(Diagnostic::new(
            DiagnosticKind::LimitHtmlDepth,
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
                push_text(&mut para, t);
            }
        }
        self.flush(&mut para);
    }
}

/// Reads every outermost table in `src` (the text of one HTML block starting at `base`); tables
/// nested in them are part of their cells, not grids.
pub fn html_grids(src: &str, base: Span, limits: &Limits, diags: &mut Diagnostics) -> Vec<Grid> {
    let doc = Html::parse_fragment(src);
    let mut loc = Locator::new(src, base);
    let mut grids = Vec::new();
    let Ok(sel) = scraper::Selector::parse("table") else {
        return grids;
    };
    for table in doc.select(&sel) {
        if table
            .ancestors()
            .any(|a| a.value().as_element().is_some_and(|e| e.name() == "table"))
        {
            continue;
        }
        grids.push(table_grid(table, &mut loc, limits, diags));
    }
    check_comments(src, base, diags);
    grids
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// Text with spaces, newlines, tabs, wide spaces, markup and entities: where the plain
        /// test lets a cell through, trimming it is what the full cleaner gives.
        #[test]
        fn a_plain_cell_cleans_to_its_trimmed_text(
            raw in "[a表 \t\n\u{3000}\u{A0}<>&;b/r]{0,14}"
        ) {
            if let Some((start, end)) = plain_extent(&raw) {
                proptest::prop_assert_eq!(
                    clean_cell_counted(&raw),
                    (raw.get(start..end).unwrap_or_default().to_string(), 0)
                );
            }
        }
    }

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
        assert!(d.iter().any(|d| d.code() == "limit.html_depth"));
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

    fn grid_d(src: &str) -> (Vec<Vec<String>>, Diagnostics) {
        let mut d = Vec::new();
        let g = html_grids(src, Span::default(), &Limits::default(), &mut d);
        let rows = g
            .first()
            .map(|g| {
                g.rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.text.clone()).collect())
                    .collect()
            })
            .unwrap_or_default();
        (rows, d)
    }

    fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn nested_table_in_markdown_is_no_grid_of_its_own() {
        let mut d = Vec::new();
        let g = html_grids(
            "<table><tr><td>目标<table><tr><td>附件</td><td>测算表</td></tr></table></td>\
             <td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
            Span::default(),
            &Limits::default(),
            &mut d,
        );
        assert_eq!(g.len(), 1, "the nested table is part of its cell");
        assert_eq!(g[0].rows.len(), 2);
        assert!(d.iter().any(|d| d.code() == "html.nested_table"), "{d:?}");
        // the same through blocks: one table, no unrecognized one
        let bs = crate::read::blocks(
            "intro\n\n<table><tr><td>a<table><tr><td>x</td></tr></table></td></tr></table>\n",
            &mut d,
        );
        assert_eq!(
            bs.iter().filter(|b| matches!(b, Block::Table(_))).count(),
            1
        );
    }

    #[test]
    fn script_and_style_in_cells_are_dropped() {
        let (g, d) = grid_d(
            "<table><tr><td><script>alert(1)</script>培训场次</td>\
             <td><style>td{}</style>≥1场</td></tr></table>",
        );
        assert_eq!(g, rows(&[&["培训场次", "≥1场"]]));
        assert_eq!(
            d.iter()
                .filter(|d| d.code() == "cell.script_dropped")
                .count(),
            2
        );
    }

    #[test]
    fn unclosed_cells_and_rows_close_implicitly() {
        let (g, _) = grid_d("<table><tr><td>a<td>b<tr><td>c<td>d</table>");
        assert_eq!(g, rows(&[&["a", "b"], &["c", "d"]]));
        // a table never closed still yields its rows
        let (g, _) = grid_d("<table><tr><td>a</td><td>b");
        assert_eq!(g, rows(&[&["a", "b"]]));
    }

    #[test]
    fn td_outside_tr_gets_a_row() {
        let (g, _) = grid_d("<table><td>a</td><td>b</td><tr><td>c</td></tr></table>");
        assert_eq!(g, rows(&[&["a", "b"], &["c"]]));
    }

    #[test]
    fn stray_text_and_comments_inside_the_table_are_no_cells() {
        let (g, _) = grid_d(
            "<table>（单位：万元）<!-- page 3 --><tr><td>a<!-- x --></td><td>b</td></tr>\
             - 续表 -<tr><td>c</td><td>d</td></tr></table>",
        );
        assert_eq!(g, rows(&[&["a", "b"], &["c", "d"]]));
    }

    #[test]
    fn an_unclosed_comment_is_reported_where_it_opens() {
        let src = "<table><tr><td>a</td><td>b</td></tr>\n<tr><td>c<!-- x</td><td>d</td></tr>\n\
                   <tr><td>e</td><td>f</td></tr></table>";
        let (rows, diags) = grid_d(src);
        assert_eq!(
            rows.len(),
            2,
            "the browser's reading: the comment swallows the rest"
        );
        let d: Vec<_> = diags
            .iter()
            .filter(|d| d.kind == DiagnosticKind::HtmlUnclosedComment)
            .collect();
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].col), (Some(1), Some(10)));
        let mut page_diags = Vec::new();
        html_blocks(
            &format!("<html><body>{src}</body></html>"),
            &Limits::default(),
            &mut page_diags,
        );
        assert!(page_diags
            .iter()
            .any(|d| d.kind == DiagnosticKind::HtmlUnclosedComment));
    }

    #[test]
    fn closed_and_self_closing_comments_are_not_reported() {
        assert_eq!(
            unclosed_comment("a<!-- x -->b<!---->c<!-->d<!--->e<!-- y --!>"),
            None
        );
        assert_eq!(unclosed_comment("<!-- x --> <!-- y"), Some(11));
        assert_eq!(unclosed_comment("no comment"), None);
    }

    #[test]
    fn br_p_and_entities_in_cells() {
        let (g, _) = grid_d(
            "<table><tr><td>项目资金<br>(万元)</td><td><p>目标1</p><p>目标2</p></td>\
             <td>&ge;98%&nbsp;</td><td>&#8804;300次 &amp; 其他</td><td>培训<br/>场次</td></tr></table>",
        );
        assert_eq!(
            g,
            rows(&[&[
                "项目资金 (万元)",
                "目标1 目标2",
                "≥98%",
                "≤300次 & 其他",
                "培训场次"
            ]])
        );
    }

    #[test]
    fn mismatched_closing_tags_do_not_lose_cells() {
        let (g, _) = grid_d("<table><tr><td>a</th><td>b</span></td></div><td>c</td></tr></table>");
        assert_eq!(g, rows(&[&["a", "b", "c"]]));
    }

    #[test]
    fn uppercase_tags_and_unquoted_attributes() {
        let (g, _) = grid_d(
            "<TABLE><TR><TD ROWSPAN=2>产出指标</TD><Td colspan=2>数量指标</tD></TR>\
             <TR><TD>培训场次</TD><TD>≥5场</TD></TR></TABLE>",
        );
        assert_eq!(
            g,
            rows(&[
                &["产出指标", "数量指标", "数量指标"],
                &["产出指标", "培训场次", "≥5场"]
            ])
        );
    }

    #[test]
    fn invalid_span_values_count_as_one() {
        for v in ["\"x\"", "\"-1\"", "\"0\"", "\"\"", "2.5"] {
            let (g, d) = grid_d(&format!(
                "<table><tr><td rowspan={v} colspan={v}>a</td><td>b</td></tr>\
                 <tr><td>c</td><td>d</td></tr></table>"
            ));
            assert_eq!(g, rows(&[&["a", "b"], &["c", "d"]]), "span {v}");
            assert!(d.is_empty(), "span {v}: {d:?}");
        }
    }
}
