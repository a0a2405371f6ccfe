//! Text → blocks. Decoded text goes in; out come headings, paragraphs and tables (as grids) in
//! document order. pulldown-cmark finds where the top-level blocks are (its offset iterator);
//! inside each block our own line reader picks out runs of pipe rows, because OCR tables often
//! lack the delimiter row (pulldown-cmark would read them as a paragraph) or have rows wider
//! than the header (it would drop the extra cells). HTML blocks holding `<table>` go to the
//! HTML grid reader. Every block is then cut to the `Limits` (rows, columns, cell length).

use crate::grid::find_ci::{contains_ci, count_ci, find_ci};
use crate::grid::{html::html_grids, pipe};
use crate::limits::{clamp_blocks, Limits};
use crate::model::{Block, Diagnostics, Span};
use pulldown_cmark::{Event, Options, Parser, Tag};

/// Byte offsets of line starts, for offset → line lookups.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { starts }
    }

    /// 1-based line number of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    fn start_of(&self, line: usize) -> usize {
        self.starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0)
    }
}

fn span_at(lines: &Lines, offset: usize, end: usize) -> Span {
    Span {
        line: lines.line_of(offset),
        col: 1,
        start: offset,
        end,
    }
}

/// Top-level block ranges (byte start, byte end, is_heading, is_html) found by pulldown-cmark.
/// Its table extension is off on purpose: a GFM table starts only at a header row followed by a
/// delimiter row, so an OCR table whose delimiter row stands further down (after an empty row)
/// was cut in two at that point; as plain paragraphs the rows stay one block, and our own line
/// reader finds the pipe rows in it (it skips delimiter rows wherever they stand).
fn top_level_ranges(text: &str) -> Vec<(usize, usize, bool, bool)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<(usize, bool, bool)> = None;
    let parser = Parser::new_ext(text, Options::empty()).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    let heading = matches!(tag, Tag::Heading { .. });
                    let html = matches!(tag, Tag::HtmlBlock);
                    current = Some((range.start, heading, html));
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some((s, h, html)) = current.take() {
                        out.push((s, range.end.max(s), h, html));
                    }
                }
            }
            Event::Rule | Event::Html(_) | Event::Text(_) if depth == 0 => {
                out.push((
                    range.start,
                    range.end,
                    false,
                    matches!(event, Event::Html(_)),
                ));
            }
            _ => {}
        }
    }
    out
}

/// Splits `text` into blocks (see the module doc) under the default limits.
pub fn blocks(text: &str, diags: &mut Diagnostics) -> Vec<Block> {
    blocks_with(text, &Limits::default(), diags)
}

/// Splits `text` into blocks (see the module doc), each cut to `limits`.
pub fn blocks_with(text: &str, limits: &Limits, diags: &mut Diagnostics) -> Vec<Block> {
    let mut out = if crate::grid::html::is_html_document(text) {
        crate::grid::html::html_blocks(text, limits, diags)
    } else {
        markdown_blocks(text, limits, diags)
    };
    clamp_blocks(&mut out, limits, diags);
    out
}

fn markdown_blocks(text: &str, limits: &Limits, diags: &mut Diagnostics) -> Vec<Block> {
    let lines = Lines::new(text);
    let mut out = Vec::new();
    let mut covered_to = 0usize;
    for (start, end, heading, html) in top_level_ranges(text) {
        // widen to whole lines, never re-reading lines an earlier block took
        let first_line = lines.line_of(start);
        let s = lines.start_of(first_line).max(covered_to);
        let mut e = text
            .get(end..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |i| end + i);
        // pulldown-cmark may file an HTML table under a list or paragraph (after `- 3 -`):
        // any block holding `<table` is read as HTML, whole even across blank lines
        let html = html || text.get(s..e).is_some_and(|t| contains_ci(t, "<table"));
        if html {
            e = extend_to_table_end(text, s, e);
        }
        if s >= e {
            continue;
        }
        covered_to = e;
        let Some(src) = text.get(s..e) else { continue };
        if heading && !is_setext_over_rows(src) {
            let t = src
                .trim()
                .trim_start_matches('#')
                .trim_end_matches('#')
                .trim();
            out.push(Block::Heading {
                text: crate::grid::cell_text::clean_cell(t),
                span: span_at(&lines, s, e),
            });
        } else if html && contains_ci(src, "<table") {
            let base = span_at(&lines, s, e);
            out.extend(
                html_grids(src, base, limits, diags)
                    .into_iter()
                    .map(Block::Table),
            );
        } else {
            line_blocks(src, s, &lines, &mut out, diags);
        }
    }
    out
}

/// Whether a heading block is pipe rows underlined by `---` or `===` (a setext heading, as
/// CommonMark reads a table followed by a page rule with no blank line): its lines are rows,
/// not a heading.
fn is_setext_over_rows(src: &str) -> bool {
    src.trim_end().contains('\n') && src.lines().any(pipe::is_pipe_row)
}

/// When `text[s..e]` opens more `<table` than it closes, the end of the line holding the
/// matching `</table>` (or the end of the text).
fn extend_to_table_end(text: &str, s: usize, e: usize) -> usize {
    let Some(src) = text.get(s..e) else { return e };
    let mut open = count_ci(src, "<table") as isize - count_ci(src, "</table") as isize;
    if open <= 0 {
        return e;
    }
    let rest = text.get(e..).unwrap_or("");
    let mut pos = 0;
    while open > 0 {
        let tail = rest.get(pos..).unwrap_or("");
        match (find_ci(tail, "<table"), find_ci(tail, "</table")) {
            (Some(o), Some(c)) if o < c => {
                open += 1;
                pos += o + 6;
            }
            (_, Some(c)) => {
                open -= 1;
                pos += c + 7;
            }
            (_, None) => return text.len(),
        }
    }
    let end = e + pos;
    text.get(end..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| end + i)
}

/// Reads the lines of one block: runs of pipe rows become tables, other lines paragraphs.
fn line_blocks(
    src: &str,
    base: usize,
    lines: &Lines,
    out: &mut Vec<Block>,
    diags: &mut Diagnostics,
) {
    let mut run: Vec<(usize, usize, &str)> = Vec::new();
    let mut para: Vec<(usize, &str)> = Vec::new();
    let mut offset = base;
    let flush_para = |para: &mut Vec<(usize, &str)>, out: &mut Vec<Block>| {
        if let (Some(&(s, _)), Some(&(ls, lt))) = (para.first(), para.last()) {
            let text = para
                .iter()
                .map(|(_, t)| t.trim())
                .collect::<Vec<_>>()
                .join("\n");
            out.push(Block::Paragraph {
                text: crate::grid::cell_text::clean_cell(&text),
                span: span_at(lines, s, ls + lt.len()),
            });
        }
        para.clear();
    };
    // the pieces between newlines stand on consecutive lines
    let first = lines.line_of(base);
    for (k, line) in src.split('\n').enumerate() {
        let no = first + k;
        if pipe::is_pipe_row(line) {
            flush_para(&mut para, out);
            run.push((no, offset, line));
        } else {
            if !run.is_empty() {
                out.push(Block::Table(pipe::pipe_grid(&run, diags)));
                run.clear();
            }
            if line.trim().is_empty() {
                flush_para(&mut para, out);
            } else {
                para.push((offset, line));
            }
        }
        offset += line.len() + 1;
    }
    if !run.is_empty() {
        out.push(Block::Table(pipe::pipe_grid(&run, diags)));
    }
    flush_para(&mut para, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(bs: &[Block]) -> Vec<&'static str> {
        bs.iter()
            .map(|b| match b {
                Block::Heading { .. } => "h",
                Block::Paragraph { .. } => "p",
                Block::Table(_) => "t",
            })
            .collect()
    }

    #[test]
    fn headings_paragraphs_and_tables_in_order() {
        let text =
            "# 项目支出绩效目标表\n\n(2024年度)\n\n| a | b |\n|---|---|\n| c | d | e |\n\ntext\n";
        let bs = blocks(text, &mut Vec::new());
        assert_eq!(kinds(&bs), vec!["h", "p", "t", "p"]);
        let Some(Block::Table(g)) = bs.get(2) else {
            panic!("no table")
        };
        assert_eq!(g.rows.len(), 2, "delimiter row skipped");
        assert_eq!(g.rows[1].len(), 3, "extra cell kept");
        assert_eq!(g.rows[1][2].span.line, 7);
    }

    #[test]
    fn a_delimiter_row_below_the_first_row_keeps_the_table_whole() {
        let text = "| 项目名称 | x |\n|  |  |\n|---|---|\n| a | b |\n";
        let bs = blocks(text, &mut Vec::new());
        assert_eq!(kinds(&bs), vec!["t"]);
        let Some(Block::Table(g)) = bs.first() else {
            panic!("no table")
        };
        assert_eq!(g.rows.len(), 3, "delimiter row skipped, the rest kept");
    }

    #[test]
    fn rows_above_a_rule_stay_rows() {
        // CommonMark reads lines over `---` as a setext heading
        let text = "| a | b |\n|---|---|\n| c | d |\n---\n\n# 标题\n";
        let bs = blocks(text, &mut Vec::new());
        assert_eq!(kinds(&bs)[0], "t", "{:?}", kinds(&bs));
        assert_eq!(kinds(&bs).last(), Some(&"h"));
        let Some(Block::Table(g)) = bs.first() else {
            panic!("no table")
        };
        assert_eq!(g.rows.len(), 2);
    }

    #[test]
    fn table_without_delimiter_row_is_a_table() {
        let text = "title\n| a | b |\n| c | d |\n";
        let bs = blocks(text, &mut Vec::new());
        assert_eq!(kinds(&bs), vec!["p", "t"]);
    }

    #[test]
    fn html_table_with_blank_lines_is_read_whole() {
        let text = "<table>\n<tr><td>a</td></tr>\n\n<tr><td>b</td></tr>\n</table>\n\nafter\n";
        let bs = blocks(text, &mut Vec::new());
        assert_eq!(kinds(&bs), vec!["t", "p"]);
        let Some(Block::Table(g)) = bs.first() else {
            panic!("no table")
        };
        assert_eq!(g.rows.len(), 2);
    }

    #[test]
    fn html_table_after_a_page_number_list_item() {
        let text = "- 3 -\n\n<table>\n<tr><td>a</td></tr>\n</table>\n";
        let bs = blocks(text, &mut Vec::new());
        assert!(kinds(&bs).contains(&"t"), "{:?}", kinds(&bs));
    }

    #[test]
    fn html_table_block() {
        let text = "intro\n\n<table><tr><td>a</td><td>b</td></tr></table>\n";
        let bs = blocks(text, &mut Vec::new());
        assert_eq!(kinds(&bs), vec!["p", "t"]);
    }
}
