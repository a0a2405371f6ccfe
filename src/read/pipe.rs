//! Pipe-table rows → cells. One source line goes in; out come its cells with their text and
//! spans, every cell kept (rows wider than the header, ragged rows, no outer pipes). `\|` is a
//! literal pipe. Delimiter rows (`|---|:--:|`) are recognised so the grid can skip them. Pipes
//! written with no space on either side are noted (`Grid::tight_pipes`): in a padded table such a
//! pipe is likely a `|` of a cell's text (`stitch` decides with the vocabulary). Dropped
//! `<script>`/`<style>` contents become a diagnostic.

use super::cell_text::clean_cell_counted;
use crate::model::{
    Cell, Diagnostic, DiagnosticKind, Diagnostics, Grid, GridSource, Severity, Span,
};

/// One split row: its cells, the tight internal pipes (`k`: between cells `k` and `k + 1`) and
/// how many `<script>`/`<style>` elements its cells lost.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SplitRow {
    pub cells: Vec<Cell>,
    pub tight: Vec<usize>,
    pub dropped: usize,
}

/// Whether a trimmed line reads as a pipe-table row: it starts with `|`, or holds at least two
/// unescaped pipes.
pub fn is_pipe_row(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with('|') {
        return true;
    }
    let mut n = 0;
    let mut prev = ' ';
    for c in t.chars() {
        if c == '|' && prev != '\\' {
            n += 1;
        }
        prev = c;
    }
    n >= 2
}

/// Whether the cells form a delimiter row (`---`, `:--`, `--:` only, at least one dash).
pub fn is_delimiter_row(cells: &[Cell]) -> bool {
    let mut any = false;
    for c in cells {
        let t = c.text.trim();
        if t.is_empty() {
            continue;
        }
        let inner = t.trim_start_matches(':').trim_end_matches(':');
        if inner.is_empty() || !inner.chars().all(|c| c == '-') {
            return false;
        }
        any = true;
    }
    any
}

/// Whether `bytes` holds a byte a plain cell never holds: markup and escapes (`<`, `&`, `\\`),
/// ASCII whitespace other than the space, and the lead bytes of every non-ASCII whitespace
/// character (C2, E1, E2, E3: U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000). A cell without
/// them needs only its spaces looked at; one with them takes the exact scan. (Comparisons
/// folded without an early exit: the loop vectorises.)
fn has_suspect_byte(bytes: &[u8]) -> bool {
    let mut any = 0u8;
    for &b in bytes {
        // byte-wide comparisons or'ed together, no branch: 0x09..=0x0D, & < \\, C2, E1..=E3
        let suspect = (b.wrapping_sub(0x09) < 5)
            | (b == b'&')
            | (b == b'<')
            | (b == b'\\')
            | (b == 0xC2)
            | (b.wrapping_sub(0xE1) < 3);
        any |= u8::from(suspect);
    }
    any != 0
}

/// Whether `bytes` holds two spaces in a row.
fn has_double_space(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .zip(bytes.iter().skip(1))
        .fold(false, |acc, (&a, &b)| acc | ((a == b' ') & (b == b' ')))
}

/// The trimmed extent (start, end bytes) of a raw cell that needs no `clean_cell`, or `None`
/// when it does: markup, entities, escapes, or whitespace inside it other than single ASCII
/// spaces. Most OCR cells are plain text that only needs trimming; one pass tells which.
pub(crate) fn plain_extent(raw: &str) -> Option<(usize, usize)> {
    let bytes = raw.as_bytes();
    // the common case: no suspect byte, so the only whitespace is the ASCII space
    if !has_suspect_byte(bytes) {
        let start = bytes.iter().position(|&b| b != b' ').unwrap_or(bytes.len());
        let end = bytes
            .iter()
            .rposition(|&b| b != b' ')
            .map_or(start, |p| p + 1);
        let inner = bytes.get(start..end).unwrap_or_default();
        return (!has_double_space(inner)).then_some((start, end));
    }
    plain_extent_exact(raw)
}

/// `plain_extent` character by character, for cells holding a suspect byte.
fn plain_extent_exact(raw: &str) -> Option<(usize, usize)> {
    let bytes = raw.as_bytes();
    let (mut start, mut end) = (None, 0);
    // whitespace seen since the last non-space character, and whether it needs the cleaner
    let (mut gap, mut gap_odd) = (false, false);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // one character: ASCII is judged by its byte; of the rest, only characters led by
        // C2, E1, E2 or E3 can be whitespace (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000)
        let (len, space, white, markup) = if b < 0x80 {
            (
                1,
                b == b' ',
                matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '),
                matches!(b, b'<' | b'&' | b'\\'),
            )
        } else {
            let len = match b {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            let white = matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
                && raw
                    .get(i..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(char::is_whitespace);
            (len, false, white, false)
        };
        if white {
            if start.is_some() {
                gap_odd |= gap || !space;
                gap = true;
            }
        } else {
            if markup || gap_odd {
                return None;
            }
            (gap, gap_odd) = (false, false);
            start.get_or_insert(i);
            end = i + len;
        }
        i += len;
    }
    // an empty cell starts where its whitespace ends, as `trim_start` leaves it
    let start = start.unwrap_or(raw.len());
    Some((start, end.max(start)))
}

/// The (start, end) byte bounds of a row's raw cells: the pieces between unescaped pipes, with
/// a whitespace-only first or last piece (left by an outer pipe) dropped.
fn cell_bounds(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut bounds: Vec<(usize, usize)> = Vec::with_capacity(16);
    let mut start = 0;
    // a backslash escapes the byte after it (which may be another backslash)
    let mut escaped = None;
    for i in memchr::memchr2_iter(b'|', b'\\', bytes) {
        if escaped == Some(i) {
            continue;
        }
        if bytes.get(i) == Some(&b'|') {
            bounds.push((start, i));
            start = i + 1;
        } else {
            escaped = Some(i + 1);
        }
    }
    bounds.push((start, line.len()));
    let blank = |(s, e): (usize, usize)| line.get(s..e).is_some_and(|t| t.trim().is_empty());
    if bounds.len() > 1 && bounds.first().is_some_and(|&b| blank(b)) {
        bounds.remove(0);
    }
    if bounds.len() > 1 && bounds.last().is_some_and(|&b| blank(b)) {
        bounds.pop();
    }
    bounds
}

/// Characters in `bytes` (valid UTF-8): the bytes that are not continuation bytes. Counted in
/// byte-wide sums of at most 255 (which vectorise 16 or 32 bytes a step), not one `usize` per
/// byte.
pub(crate) fn char_count(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|c| {
            let n: u8 = c.iter().map(|&b| u8::from((b as i8) >= -0x40)).sum();
            usize::from(n)
        })
        .sum()
}

/// Splits one row. `line_no` is 1-based; `offset` is the byte offset of the line's start.
pub fn split_row(line: &str, line_no: usize, offset: usize) -> Vec<Cell> {
    split_row_full(line, line_no, offset).cells
}

/// Splits one row, noting tight pipes and dropped script/style elements (see `SplitRow`).
pub fn split_row_full(line: &str, line_no: usize, offset: usize) -> SplitRow {
    let bounds = cell_bounds(line);
    // a pipe between two cells with text hard against it on both sides
    let tight = bounds
        .windows(2)
        .enumerate()
        .filter(|(_, w)| match (w.first(), w.get(1)) {
            (Some(&(_, e)), Some(&(s, _))) => {
                let before = line.get(..e).and_then(|t| t.chars().next_back());
                let after = line.get(s..).and_then(|t| t.chars().next());
                before.is_some_and(|c| !c.is_whitespace())
                    && after.is_some_and(|c| !c.is_whitespace())
            }
            _ => false,
        })
        .map(|(k, _)| k)
        .collect();
    let mut cells = Vec::with_capacity(bounds.len());
    let mut dropped = 0;
    let mut col_chars = 0; // characters before `last_byte`
    let mut last_byte = 0;
    for (s, e) in bounds {
        let raw = line.get(s..e).unwrap_or("");
        let plain = plain_extent(raw);
        let lead = match plain {
            Some((start, _)) => start,
            None => raw.len() - raw.trim_start().len(),
        };
        let cell_start = s + lead;
        col_chars += char_count(
            line.as_bytes()
                .get(last_byte..cell_start)
                .unwrap_or_default(),
        );
        last_byte = cell_start;
        let (text, n) = match plain {
            Some((start, end)) => (raw.get(start..end).unwrap_or("").to_string(), 0),
            None => clean_cell_counted(&raw.replace("\\|", "|")),
        };
        dropped += n;
        cells.push(Cell {
            text,
            span: Span {
                line: line_no,
                col: col_chars + 1,
                start: offset + cell_start,
                end: offset + e,
            },
        });
    }
    SplitRow {
        cells,
        tight,
        dropped,
    }
}

/// Whether a line continues the row above it, in a run whose rows open with `|`: a web page
/// copied as text breaks a row at cell boundaries and prints the rest of it on the next lines
/// without the leading pipe (`| 项目名称 |` then `乡村道路… |`; a `|` alone then `项目资金 |`
/// then `年初预算数 | 全年预算数 |`). Such a line ends with an unescaped pipe and does not
/// start with one. `row_led` says whether the row being built opened with `|`: a table printed
/// without outer pipes on every line (each line a row) is never joined.
pub fn continues_row(line: &str, row_led: bool) -> bool {
    if !row_led {
        return false;
    }
    let t = line.trim();
    !t.starts_with('|') && t.ends_with('|') && !t.ends_with("\\|")
}

/// Builds a grid from the lines of one pipe run: (1-based line number, byte offset, text).
/// A line that continues the row above (`continues_row`) adds its cells to that row.
pub fn pipe_grid(lines: &[(usize, usize, &str)], diags: &mut Diagnostics) -> Grid {
    let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(lines.len());
    let mut tight_pipes = Vec::new();
    let mut row_led = false;
    let mut bare = false; // the last row is a `|` alone: only the opening pipe of a row
    for &(no, off, text) in lines {
        let split = split_row_full(text, no, off);
        if is_delimiter_row(&split.cells) {
            continue;
        }
        if split.dropped > 0 {
            diags.push(script_dropped(split.dropped, no));
        }
        if continues_row(text, row_led) {
            let at = rows.len().saturating_sub(1);
            if let Some(last) = rows.last_mut() {
                if bare {
                    last.clear();
                    bare = false;
                }
                let shift = last.len();
                tight_pipes.extend(split.tight.iter().map(|&k| (at, k + shift)));
                last.extend(split.cells);
                continue;
            }
        }
        let trimmed = text.trim();
        row_led = trimmed.starts_with('|');
        bare = trimmed == "|";
        tight_pipes.extend(split.tight.iter().map(|&k| (rows.len(), k)));
        rows.push(split.cells);
    }
    let span = match (lines.first(), lines.last()) {
        (Some(&(no, off, _)), Some(&(_, loff, ltext))) => Span {
            line: no,
            col: 1,
            start: off,
            end: loff + ltext.len(),
        },
        _ => Span::default(),
    };
    Grid {
        rows,
        span,
        source: GridSource::Pipe,
        tight_pipes,
    }
}

/// The diagnostic for `n` `<script>`/`<style>` elements dropped from the cells of one line.
pub fn script_dropped(n: usize, line: usize) -> Diagnostic {
    Diagnostic::new(
        DiagnosticKind::CellScriptDropped,
        Severity::Warning,
        format!("{n} <script>/<style> element(s) in a cell dropped (not cell text)"),
    )
    .at(Span {
        line,
        col: 1,
        start: 0,
        end: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The old two-step rule: trim, then look for markup or odd whitespace.
    fn needs_cleaning(raw: &str) -> bool {
        let mut prev_space = true;
        for c in raw.trim().chars() {
            match c {
                '<' | '&' | '\\' => return true,
                ' ' if prev_space => return true,
                ' ' => prev_space = true,
                c if c.is_whitespace() => return true,
                _ => prev_space = false,
            }
        }
        false
    }

    proptest::proptest! {
        /// Any mix of plain text, markup and every kind of whitespace: the one-pass scan agrees
        /// with trim-then-check.
        #[test]
        fn plain_extent_agrees_with_trim_then_check(
            raw in "[a表 \t\u{0B}\u{85}\u{A0}\u{1680}\u{2000}\u{2028}\u{202F}\u{3000}<&\\\\é😀]{0,12}"
        ) {
            match plain_extent(&raw) {
                Some((s, e)) => {
                    proptest::prop_assert!(!needs_cleaning(&raw));
                    proptest::prop_assert_eq!(raw.get(s..e), Some(raw.trim()));
                    proptest::prop_assert_eq!(s, raw.len() - raw.trim_start().len());
                }
                None => proptest::prop_assert!(needs_cleaning(&raw)),
            }
        }
    }

    /// The first splitter: byte by byte, a backslash escaping the byte after it.
    fn bounds_byte_by_byte(line: &str) -> Vec<(usize, usize)> {
        let mut bounds = Vec::new();
        let (mut start, mut prev_backslash) = (0, false);
        for (i, &b) in line.as_bytes().iter().enumerate() {
            if b == b'|' && !prev_backslash {
                bounds.push((start, i));
                start = i + 1;
            }
            prev_backslash = b == b'\\' && !prev_backslash;
        }
        bounds.push((start, line.len()));
        let blank = |(s, e): (usize, usize)| line[s..e].trim().is_empty();
        if bounds.len() > 1 && blank(bounds[0]) {
            bounds.remove(0);
        }
        if bounds.len() > 1 && blank(bounds[bounds.len() - 1]) {
            bounds.pop();
        }
        bounds
    }

    #[test]
    fn suspect_bytes_are_the_listed_ones() {
        for b in 0..=255u8 {
            let listed = matches!(b, 0x09..=0x0D | b'&' | b'<' | b'\\' | 0xC2 | 0xE1..=0xE3);
            assert_eq!(has_suspect_byte(&[b'a', b, b'a']), listed, "{b:#x}");
        }
        assert!(!has_suspect_byte(
            "培训场次 ≥95%".replace('≥', "").as_bytes()
        ));
    }

    proptest::proptest! {
        /// Runs of backslashes before pipes, outer pipes, blanks: the SIMD search finds the
        /// same cells as the byte-by-byte loop.
        #[test]
        fn cell_bounds_agree_with_the_byte_loop(line in "[|\\\\ a表]{0,16}") {
            proptest::prop_assert_eq!(cell_bounds(&line), bounds_byte_by_byte(&line));
        }
    }

    #[test]
    fn char_count_counts_characters() {
        for t in [
            "",
            "a",
            "培训场次 ≥95%",
            &"表a".repeat(300),
            &"😀é".repeat(200),
        ] {
            assert_eq!(char_count(t.as_bytes()), t.chars().count(), "{t}");
        }
    }

    #[test]
    fn escaped_backslash_does_not_escape_the_pipe() {
        assert_eq!(
            texts(&split_row("| a\\\\| b \\| c |", 1, 0)),
            vec!["a\\\\", "b | c"]
        );
    }

    #[test]
    fn plain_extent_is_trim_when_no_cleaning_is_needed() {
        for raw in [
            "",
            " ",
            "  a ",
            "a  b",
            "a b",
            " 培训 场次 ",
            "a\tb",
            "\ta\t",
            "a\u{3000}b",
            "\u{3000}指标\u{3000}",
            "<b>x</b>",
            "a &amp; b",
            "a\\|b",
            " ≥5场",
            "a \u{a0}",
        ] {
            match plain_extent(raw) {
                Some((s, e)) => {
                    assert!(!needs_cleaning(raw), "{raw:?}");
                    assert_eq!(raw.get(s..e), Some(raw.trim()), "{raw:?}");
                    assert_eq!(s, raw.len() - raw.trim_start().len(), "{raw:?}");
                }
                None => assert!(needs_cleaning(raw), "{raw:?}"),
            }
        }
    }

    fn texts(cells: &[Cell]) -> Vec<&str> {
        cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn splits_keeps_empty_and_extra_cells() {
        let c = split_row("| a |  | b | c |", 3, 100);
        assert_eq!(texts(&c), vec!["a", "", "b", "c"]);
        assert_eq!(
            (c[0].span.line, c[0].span.col, c[0].span.start),
            (3, 3, 102)
        );
        assert_eq!(c[2].span.col, 10);
    }

    #[test]
    fn without_outer_pipes_and_escaped_pipe() {
        assert_eq!(
            texts(&split_row("a | b\\|c | d", 1, 0)),
            vec!["a", "b|c", "d"]
        );
        assert!(is_pipe_row("a | b | c"));
        assert!(!is_pipe_row("just text"));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let c = split_row("| 指标 | 值 |", 1, 0);
        assert_eq!(c[1].span.col, 8);
    }

    #[test]
    fn tight_pipes_are_noted() {
        let r = split_row_full("| a | ≥95%|优秀 | b\\|c |d|", 1, 0);
        assert_eq!(texts(&r.cells), vec!["a", "≥95%", "优秀", "b|c", "d"]);
        // between cells 1 and 2 only: `|d|` is an outer pipe after padded text, `\\|` escaped
        assert_eq!(r.tight, vec![1]);
        assert!(split_row_full("|a|b|", 1, 0).tight == vec![0]);
        assert!(split_row_full("| a | b |", 1, 0).tight.is_empty());
    }

    #[test]
    fn script_in_a_pipe_cell_is_dropped_with_a_diagnostic() {
        let mut d = Vec::new();
        let g = pipe_grid(
            &[(4, 0, "| <script>alert(1)</script>培训场次 | ≥1场 |")],
            &mut d,
        );
        assert_eq!(texts(&g.rows[0]), vec!["培训场次", "≥1场"]);
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].code(), d[0].line), ("cell.script_dropped", Some(4)));
    }

    #[test]
    fn delimiter_rows() {
        assert!(is_delimiter_row(&split_row("|---|:--:|  |", 1, 0)));
        assert!(!is_delimiter_row(&split_row("| - | a |", 1, 0)));
        assert!(!is_delimiter_row(&split_row("|  |  |", 1, 0)));
    }
}
