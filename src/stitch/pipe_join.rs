//! Literal pipes inside pipe-table cells. A pipe grid (with the tight pipes its reader noted)
//! and the vocabulary go in; out comes the grid with every cell that a `|` of its own text had
//! split in two joined again (the `|` restored), and the list of those joins, so the records they
//! end in can carry a `pipe_in_cell` repair (or the document a diagnostic).
//!
//! Before/after: in a table whose rows are five cells wide and padded (`| a | b |`),
//! `| | | | 满意度 | ≥95%|优秀 |` has six cells; the pipe between `≥95%` and `优秀` has text hard
//! against it on both sides, so the row reads `| | | | 满意度 | ≥95%|优秀 |` with five.
//!
//! A join is made only when all of these hold (conservative: a wrong join spoils a good row):
//! the row is exactly one cell wider than the table's most common width; it has exactly one
//! tight pipe and at least one padded one (a table written without padding says nothing); both
//! pieces have text and neither is a header word, category label or meta key; the pieces are no
//! name followed by its value (text, then a value); glued without the pipe they are no known
//! indicator name (that is a name split by a column boundary, `assemble/rows` joins it); and
//! the joined cell's column holds text in a neighbouring row of the table's width.
//!
//! A table written without padding (`|a|b|`: most pipes tight) gives no such clue, so there the
//! content alone must speak, more strictly: the same piece rules at exactly one position of the
//! row, the right piece short text or a worded value, not a number and not the left piece again
//! (`≥95%|优秀`: neither piece alone looks like the whole cell), and every column of the joined row that holds text holding text in a neighbouring row.

use crate::model::{Cell, Grid, GridSource, Span};
use crate::vocab::classify::{classify_text, Class};
use crate::vocab::{ValueKind, Vocab};

/// One cell joined again: where it stands and the two pieces the pipe had made of it.
#[derive(Debug, Clone, PartialEq)]
pub struct PipeJoin {
    pub span: Span,
    pub left: String,
    pub right: String,
}

/// How many rows above and below are looked at for the column check.
const NEIGHBOURS: usize = 2;

/// Longest right piece (in characters) joined in a table without padding: the tail a `|` cuts
/// off a value or name (`优秀`, `B类`), not a cell of its own.
const SHORT_PIECE: usize = 4;

/// The most common row length (the shorter one on a tie); 0 for an empty grid.
fn dominant_width(rows: &[Vec<Cell>]) -> usize {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for r in rows {
        match counts.iter_mut().find(|(w, _)| *w == r.len()) {
            Some((_, n)) => *n += 1,
            None => counts.push((r.len(), 1)),
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map_or(0, |(w, _)| w)
}

/// Whether the two pieces around a tight pipe read as one cell's text (see the module doc).
fn pieces_fit(a: &Cell, b: &Cell, vocab: &Vocab) -> bool {
    let role = |c: &Cell| classify_text(&c.text, vocab);
    let (ra, rb) = (role(a), role(b));
    let plain = |c: &Class| matches!(c, Class::Text | Class::Value(_));
    if !plain(&ra) || !plain(&rb) {
        return false;
    }
    if matches!(ra, Class::Text) && matches!(rb, Class::Value(_)) {
        return false;
    }
    let glued = format!("{}{}", a.text, b.text);
    !vocab.indicator(&glued).is_some_and(|m| m.is_exact())
}

/// Whether column `col` holds text in a row of width `width` near row `r`.
fn column_used_nearby(rows: &[Vec<Cell>], r: usize, col: usize, width: usize) -> bool {
    let lo = r.saturating_sub(NEIGHBOURS);
    let hi = (r + NEIGHBOURS + 1).min(rows.len());
    (lo..hi).filter(|&i| i != r).any(|i| {
        rows.get(i)
            .is_some_and(|row| row.len() == width && row.get(col).is_some_and(|c| !c.is_empty()))
    })
}

/// Whether every column of `row` with cell `k + 1` removed that holds text also holds text in a
/// neighbouring row of width `width`.
fn joined_row_lines_up(rows: &[Vec<Cell>], r: usize, row: &[Cell], k: usize, width: usize) -> bool {
    row.iter()
        .enumerate()
        .filter(|&(i, _)| i != k + 1)
        .map(|(_, c)| c)
        .enumerate()
        .all(|(col, c)| c.is_empty() || column_used_nearby(rows, r, col, width))
}

/// The position to join in a row of a table written without padding, when exactly one fits.
fn unpadded_position(
    rows: &[Vec<Cell>],
    r: usize,
    row: &[Cell],
    width: usize,
    vocab: &Vocab,
) -> Option<usize> {
    let mut found = None;
    for k in 0..row.len().saturating_sub(1) {
        let (Some(a), Some(b)) = (row.get(k), row.get(k + 1)) else {
            continue;
        };
        let fits = !a.is_empty()
            && !b.is_empty()
            && b.text.chars().count() <= SHORT_PIECE
            && a.text != b.text
            && matches!(
                classify_text(&b.text, vocab),
                Class::Text | Class::Value(ValueKind::Qualitative | ValueKind::Text)
            )
            && pieces_fit(a, b, vocab)
            && joined_row_lines_up(rows, r, row, k, width);
        if fits {
            if found.is_some() {
                return None; // two places fit: which pipe is the literal one is unknown
            }
            found = Some(k);
        }
    }
    found
}

/// Joins the cells literal pipes split (see the module doc); returns the joins made.
pub fn join_literal_pipes(grid: &mut Grid, vocab: &Vocab) -> Vec<PipeJoin> {
    let mut joins = Vec::new();
    if grid.source != GridSource::Pipe || grid.tight_pipes.is_empty() {
        return joins;
    }
    let width = dominant_width(&grid.rows);
    let internal: usize = grid.rows.iter().map(|r| r.len().saturating_sub(1)).sum();
    let unpadded = grid.tight_pipes.len() * 2 > internal;
    let mut plan: Vec<(usize, usize)> = Vec::new();
    for (r, row) in grid.rows.iter().enumerate() {
        if row.len() != width + 1 || row.len() < 3 {
            continue;
        }
        if unpadded {
            if let Some(k) = unpadded_position(&grid.rows, r, row, width, vocab) {
                plan.push((r, k));
            }
            continue;
        }
        // the reader notes tight pipes in row order: this row's are one run (no quadratic scan)
        let lo = grid.tight_pipes.partition_point(|&(tr, _)| tr < r);
        let hi = grid.tight_pipes.partition_point(|&(tr, _)| tr <= r);
        let Some([(_, k)]) = grid.tight_pipes.get(lo..hi) else {
            continue;
        };
        let k = *k;
        let fits = match (row.get(k), row.get(k + 1)) {
            (Some(a), Some(b)) => !a.is_empty() && !b.is_empty() && pieces_fit(a, b, vocab),
            _ => false,
        };
        if fits && column_used_nearby(&grid.rows, r, k, width) {
            plan.push((r, k));
        }
    }
    for (r, k) in plan {
        let Some(row) = grid.rows.get_mut(r) else {
            continue;
        };
        if k + 1 >= row.len() {
            continue;
        }
        let b = row.remove(k + 1);
        if let Some(a) = row.get_mut(k) {
            joins.push(PipeJoin {
                span: a.span,
                left: a.text.clone(),
                right: b.text.clone(),
            });
            a.text = format!("{}|{}", a.text, b.text);
            a.span.end = b.span.end;
        }
    }
    joins
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::pipe::pipe_grid;

    fn run(lines: &[&str]) -> (Vec<Vec<String>>, Vec<PipeJoin>) {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let src: Vec<(usize, usize, &str)> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| (i + 1, 0, *l))
            .collect();
        let mut g = pipe_grid(&src, &mut Vec::new());
        let j = join_literal_pipes(&mut g, &v);
        let rows = g
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.clone()).collect())
            .collect();
        (rows, j)
    }

    const HEAD: &str = "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |";

    #[test]
    fn a_value_with_a_pipe_is_one_cell_again() {
        let (rows, j) = run(&[
            HEAD,
            "| | 产出指标 | 数量指标 | 培训场次 | ≥1场 |",
            "| | | 质量指标 | 考核等次 | ≥95%|优秀 |",
            "| | | | 培训人次 | ≥5人 |",
        ]);
        assert_eq!(rows[2], vec!["", "", "质量指标", "考核等次", "≥95%|优秀"]);
        assert_eq!(j.len(), 1);
        assert_eq!((j[0].left.as_str(), j[0].right.as_str()), ("≥95%", "优秀"));
        assert_eq!(j[0].span.line, 3);
    }

    #[test]
    fn a_name_with_a_pipe_is_one_cell_again() {
        let (rows, j) = run(&[
            HEAD,
            "| | 产出指标 | 数量指标 | 培训场次 | ≥1场 |",
            "| | | | A|B类设备检修次数 | ≥2次 |",
        ]);
        assert_eq!(rows[2], vec!["", "", "", "A|B类设备检修次数", "≥2次"]);
        assert_eq!(j.len(), 1);
    }

    #[test]
    fn padded_pipes_shifted_values_and_unpadded_tables_are_left_alone() {
        // an extra column with padding: the value_extra_column case, not a literal pipe
        let (rows, j) = run(&[HEAD, "| | | | 培训场次 | | ≥1场 |", "| | | | a | 1个 |"]);
        assert_eq!(rows[1].len(), 6);
        assert!(j.is_empty());
        // a name then its value, glued: two cells
        let (_, j) = run(&[HEAD, "| | | | 培训人次|≥5人 | 多余 |", "| | | | a | 1个 |"]);
        assert!(j.is_empty());
        // two tight pipes in one row: which one is the literal? none is joined
        let (_, j) = run(&[HEAD, "| | | | x|y | 1|2 |", "| | | | a | 1个 |"]);
        assert!(j.is_empty());
        // a label on one side is no piece of a cell
        let (_, j) = run(&[
            HEAD,
            "| | | 质量指标|考核等次 | ≥95% |",
            "| | | | a | 1个 |",
        ]);
        assert!(j.is_empty());
    }

    #[test]
    fn a_name_split_by_a_column_boundary_is_left_to_name_split() {
        let (rows, j) = run(&[
            HEAD,
            "| | | | 培训计划按期|完成率 | ≥100% |",
            "| | | | a | 1个 |",
        ]);
        assert_eq!(rows[1].len(), 6);
        assert!(j.is_empty());
    }

    #[test]
    fn the_joined_column_must_be_used_by_neighbours() {
        // column 4 holds text in no neighbouring five-cell row
        let (_, j) = run(&[
            "| 项目名称 | | 某项目 | | |",
            "| 项目来源 | | 本级 | 项目期 | |",
            "| 备注 | | | | 甲|乙 |",
        ]);
        assert!(j.is_empty());
    }

    const HEAD_TIGHT: &str = "|绩效指标|一级指标|二级指标|三级指标|指标值|";

    #[test]
    fn without_padding_the_content_decides() {
        let (rows, j) = run(&[
            HEAD_TIGHT,
            "||产出指标|数量指标|培训场次|≥1场|",
            "|||质量指标|考核等次|≥95%|良好|",
            "||||培训人次|≥5人|",
        ]);
        assert_eq!(rows[2], vec!["", "", "质量指标", "考核等次", "≥95%|良好"]);
        assert_eq!(j.len(), 1);
        // a number after a number, or a value repeated, may be a cell of its own
        let (_, j) = run(&[HEAD_TIGHT, "||||培训场次|≥1场|2场|", "||||a|1个|"]);
        assert!(j.is_empty());
        let (_, j) = run(&[HEAD_TIGHT, "||||培训场次|良好|良好|", "||||a|1个|"]);
        assert!(j.is_empty());
        // a value pushed right past an empty cell is no piece of anything
        let (rows, j) = run(&[HEAD_TIGHT, "||||培训场次||≥1场|", "||||培训人次|≥5人|"]);
        assert_eq!(rows[1].len(), 6);
        assert!(j.is_empty());
        // a long right piece may be a cell of its own
        let (_, j) = run(&[
            HEAD_TIGHT,
            "||||培训场次|≥1场|另行通知的内容|",
            "||||a|1个|",
        ]);
        assert!(j.is_empty());
        // the joined row must line up: text in column 0 where neighbours have none
        let (_, j) = run(&[
            HEAD_TIGHT,
            "||||a|1个|",
            "||||b|2个|",
            "||||c|3个|",
            "|注|||培训场次|≥95%|优秀|",
            "||||d|4个|",
        ]);
        assert!(j.is_empty());
        // a table of plain tight cells where two places fit: none is joined
        let (rows, j) = run(&["|a|b|c|", "|d|e|f|", "|g|h|i|j|"]);
        assert_eq!(rows[2].len(), 4);
        assert!(j.is_empty());
    }

    #[test]
    fn widths() {
        let (rows, _) = run(&["| a | b |", "| c | d |", "| e |"]);
        assert_eq!(rows.len(), 3);
        assert_eq!(dominant_width(&[]), 0);
    }
}
