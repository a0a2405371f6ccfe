//! Text → blocks. Decoded text goes in; out come headings, paragraphs and tables (as grids) in
//! document order. pulldown-cmark finds where the top-level blocks are (its offset iterator);
//! inside each block our own line reader picks out runs of pipe rows, because OCR tables often
//! lack the delimiter row (pulldown-cmark would read them as a paragraph) or have rows wider
//! than the header (it would drop the extra cells). HTML blocks holding `<table>` go to the
//! HTML grid reader. Every block is then cut to the `Limits` (rows, columns, cell length).

use super::find_ci::{contains_ci, count_ci, find_ci};
use super::{html::html_grids, pipe};
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

/// What pulldown-cmark reads: the text with each run of table rows cut to its first row, and
/// the way back to the text's offsets. Only where blocks start and end is wanted of it, and no
/// block starts or ends between two rows of a run — lines that open with `|` at the margin,
/// where `|` starts no block, closes no fence or container and cannot be a lazy line of
/// anything but the paragraph the rows are already in. Two things would read on into the rows,
/// and both stop a run:
/// - an HTML block that ends on a line holding `>` (`-->`, `?>`, `</pre>` …): a row with `>`
///   is no run row;
/// - a link definition, whose title may close on a later line: a definition opens a paragraph
///   with `[` (after any container markers) and no title crosses a blank line, so rows are
///   runs only while no line since the last blank one may open one (`may_open_definition`).
///
/// So pulldown-cmark sees the same blocks over the same lines, at one line per table instead
/// of one per row (most of a filing).
struct Collapsed {
    text: String,
    /// per kept line: (start in `text`, start in the original, length, the original end of the
    /// run it stands for — its own end when it stands alone)
    lines: Vec<(usize, usize, usize, usize)>,
}

impl Collapsed {
    /// `None` when no line is dropped.
    fn new(original: &str) -> Option<Collapsed> {
        let mut text = String::with_capacity(original.len() / 4);
        let mut lines: Vec<(usize, usize, usize, usize)> = Vec::new();
        let mut dropped = false;
        // a line since the last blank one (or the start) held `[`
        let mut bracket = false;
        // the line before was a run row
        let mut in_run = false;
        let mut orig_start = 0;
        for line in original.split('\n') {
            let row = line.starts_with('|');
            let run_row = row && !bracket && memchr::memchr(b'>', line.as_bytes()).is_none();
            match lines.last_mut() {
                Some(last) if run_row && in_run => {
                    last.3 = orig_start + line.len();
                    dropped = true;
                }
                _ => {
                    if !lines.is_empty() {
                        text.push('\n');
                    }
                    lines.push((text.len(), orig_start, line.len(), orig_start + line.len()));
                    text.push_str(line);
                }
            }
            in_run = run_row;
            // a row is not blank and opens no definition
            if !row {
                bracket = !line.trim().is_empty() && (bracket || may_open_definition(line));
            }
            orig_start += line.len() + 1;
        }
        dropped.then_some(Collapsed { text, lines })
    }

    /// The original offset of offset `at` of the collapsed text: the same place in a kept
    /// line, and the end of its run for its end.
    fn original(&self, at: usize) -> usize {
        let i = self.lines.partition_point(|l| l.0 <= at).saturating_sub(1);
        match self.lines.get(i) {
            Some(&(start, orig, len, run_end)) => {
                let k = at.saturating_sub(start);
                if k >= len {
                    run_end
                } else {
                    orig + k
                }
            }
            None => at,
        }
    }
}

/// Whether `line` may open a link definition: past any indentation and container markers
/// (`>`, list bullets and numbers), it starts with `[` (a superset: the rest is not checked).
fn may_open_definition(line: &str) -> bool {
    line.trim_start_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, ' ' | '\t' | '>' | '*' | '+' | '-' | '.' | ')')
    })
    .starts_with('[')
}

/// Top-level block ranges (byte start, byte end, is_heading, is_html) found by pulldown-cmark
/// (reading the `Collapsed` text, offsets mapped back).
/// Its table extension is off on purpose: a GFM table starts only at a header row followed by a
/// delimiter row, so an OCR table whose delimiter row stands further down (after an empty row)
/// was cut in two at that point; as plain paragraphs the rows stay one block, and our own line
/// reader finds the pipe rows in it (it skips delimiter rows wherever they stand).
fn top_level_ranges(text: &str) -> Vec<(usize, usize, bool, bool)> {
    match Collapsed::new(text) {
        Some(c) => ranges_of(&c.text, |at| c.original(at)),
        None => ranges_of(text, |at| at),
    }
}

/// The ranges pulldown-cmark finds in `src`, their offsets mapped by `back`.
fn ranges_of(src: &str, back: impl Fn(usize) -> usize) -> Vec<(usize, usize, bool, bool)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<(usize, bool, bool)> = None;
    let parser = Parser::new_ext(src, Options::empty()).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    let heading = matches!(tag, Tag::Heading { .. });
                    let html = matches!(tag, Tag::HtmlBlock);
                    current = Some((back(range.start), heading, html));
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some((s, h, html)) = current.take() {
                        out.push((s, back(range.end).max(s), h, html));
                    }
                }
            }
            Event::Rule | Event::Html(_) | Event::Text(_) if depth == 0 => {
                out.push((
                    back(range.start),
                    back(range.end),
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
    let mut out = if super::html::is_html_document(text) {
        super::html::html_blocks(text, limits, diags)
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
                text: super::cell_text::clean_cell(t),
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
                text: super::cell_text::clean_cell(&text),
                span: span_at(lines, s, ls + lt.len()),
            });
        }
        para.clear();
    };
    // the pieces between newlines stand on consecutive lines
    let first = lines.line_of(base);
    let mut row_led = false; // the row being built opened with `|` (see pipe::continues_row)
    for (k, line) in src.split('\n').enumerate() {
        let no = first + k;
        let continues = !run.is_empty() && pipe::continues_row(line, row_led);
        if continues || pipe::is_pipe_row(line) {
            if !continues {
                row_led = line.trim().starts_with('|');
            }
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

    /// What `markdown_blocks` reads of a range: its first line, the end of the line its end
    /// falls in, and its kind.
    fn widened(text: &str, r: &[(usize, usize, bool, bool)]) -> Vec<(usize, usize, bool, bool)> {
        let lines = Lines::new(text);
        r.iter()
            .map(|&(s, e, h, html)| {
                let end = text
                    .get(e..)
                    .and_then(|t| t.find('\n'))
                    .map_or(text.len(), |i| e + i);
                (lines.line_of(s), end, h, html)
            })
            .collect()
    }

    proptest::proptest! {
        /// Runs of rows among fences, HTML blocks and their ends, lists, quotes, link
        /// definitions, setext underlines and indented code: pulldown-cmark finds the same
        /// blocks over the same lines in the collapsed text as in the whole one.
        #[test]
        fn collapsed_rows_leave_the_blocks_as_they_are(
            picks in proptest::collection::vec(0usize..57, 0..40),
            trailing in proptest::bool::ANY,
        ) {
            const LINES: [&str; 57] = [
                "| a | b |", "|x|y|", "  | 指标 | ≥95% |", "| a > b |", "", "   ", "# 标题",
                "text", "- item", "> quote", "```", "~~~", "<!-- c", "-->", "<div>", "</div>",
                "<table>", "</table>", "    code", "[a]: /u \"t", "| t\" |", "---", "===",
                "1. x", "\t| tab |", "| x \\", "<pre>", "</pre>", "***", "|", "  |  |", "| `a",
                // rows that end an HTML block (comment, processing instruction, `<!X`, `<pre>`)
                "| x --> |", "| ?> |", "| </pre> |", "<!DOCTYPE", "<?php", "| b > |",
                // rows that close a link definition's title begun above (in a container too)
                "| t\"", "| t'", "> [b]: /v 't", "- [c]: /w \"t", "| [d]: /x \"y",
                // more plain rows, so runs are common; indented fences and list items
                "| 1 | 2 |", "|c|", "  ```", "   - [e]: /z", "| f | g | h |",
                // definitions in lists and quotes, split over lines; rows holding `[`
                "1. [f]: /q 'a", "[g]:", "/dest", "'ti", "  [h]: /r", "> > [i]: /s 'x",
                "* [j]: /t", "+ [k]: /u \"", "| [602] | 部门 |",
            ];
            let mut text = picks.iter().map(|&i| LINES[i]).collect::<Vec<_>>().join("\n");
            if trailing {
                text.push('\n');
            }
            let whole = ranges_of(&text, |at| at);
            proptest::prop_assert_eq!(
                widened(&text, &top_level_ranges(&text)),
                widened(&text, &whole),
                "{:?}",
                text
            );
        }
    }

    #[test]
    fn a_run_of_rows_is_read_as_its_first_row() {
        let text = "[a]: /u\n| a |\n| b |\n\n| c | d |\n| e |\n| x > y |\n| f |\n| g |";
        let Some(c) = Collapsed::new(text) else {
            panic!("nothing collapsed")
        };
        // rows after a `[` line with no blank line between, and a row with `>`, stay
        assert_eq!(
            c.text,
            "[a]: /u\n| a |\n| b |\n\n| c | d |\n| x > y |\n| f |"
        );
        // the end of a run's first row maps to the end of the run's last row
        let first_end = "[a]: /u\n| a |\n| b |\n\n| c | d |".len();
        assert_eq!(c.original(first_end), text.find("\n| x").unwrap_or(0));
        assert_eq!(c.original(c.text.len()), text.len());
        // inside a kept line, the same place
        assert_eq!(c.original(first_end - 2), first_end - 2);
        assert!(Collapsed::new("| a |\ntext\n| b |").is_none());
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
    fn a_row_a_web_copy_broke_over_lines_is_one_row() {
        // rows open with `|`; the rest of a broken row stands on the next lines without it
        let text = "| 项目名称 |\n乡村道路补助 |\n|\n项目资金 |\n年初预算数 | 全年预算数 |\n\
                    | 年度资金总额 | 42.6 | 42.6 |\n";
        let bs = blocks(text, &mut Vec::new());
        assert_eq!(kinds(&bs), vec!["t"]);
        let Some(Block::Table(g)) = bs.first() else {
            panic!("no table")
        };
        let texts: Vec<Vec<&str>> = g
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            vec![
                vec!["项目名称", "乡村道路补助"],
                vec!["项目资金", "年初预算数", "全年预算数"],
                vec!["年度资金总额", "42.6", "42.6"],
            ]
        );
        assert_eq!(
            g.rows[0][1].span.line, 2,
            "a joined cell keeps its own line"
        );
        // a table printed without outer pipes: each line is a row of its own
        let bare = "年度资金总额 | 80 |\n其中：财政拨款 | 80 |\n";
        let Some(Block::Table(g)) = blocks(bare, &mut Vec::new()).into_iter().next() else {
            panic!("no table")
        };
        assert_eq!(g.rows.len(), 2);
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
