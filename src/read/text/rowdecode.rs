//! Which lines of a space-aligned form make one table row, and where a merged label belongs.
//! In: the form's non-blank lines, each as the pieces the aligned reader placed in columns
//! (with whether a piece is full — its text may wrap —, a form word, or a value that opens a
//! row). Out: the rows as ranges of those lines (`rows`), and the label cells moved to the
//! first row of the rows they were merged over (`relocate`).
//!
//! pdftotext writes a row's cells at their printed height: a tall cell takes several lines and
//! a short cell beside it stands on its middle line when the table centres its cells
//! vertically (or on the first line when it does not). So a row is a run of lines where each
//! column's pieces lie on consecutive lines, every piece but a column's last one is full, no
//! piece after a column's first is a form word (or a value in the value column), and the
//! columns' blocks are all top-aligned or all centred (`off = (H − h) / 2`, ±½). Among the ways
//! to cut the lines into such rows the decode takes the one with fewest rows, then the most
//! exactly aligned — a dynamic programme over lines with a cap on a row's height, so the cost
//! is linear in the lines. The label columns (left of the names) are free: a merged label
//! stands at the middle of all the rows it spans, on whatever line that is.
//!
//! A label so centred is moved to the first row of its group: the groups of a label column
//! tile the rows from the header down, and a label's line is the middle of its group, so the
//! groups follow one another from the header (`end ≈ start + 2·(line − start) + h`); the chain
//! is accepted only when it ends on the table's last row.

/// The tallest row the decode considers, in lines.
const MAX_ROW_LINES: usize = 32;
/// A line with more pieces than this is a row of its own (no form row is that wide; it keeps
/// the decode linear in the pieces).
const MAX_ROW_PIECES: usize = 64;
/// A label's group may end this many lines from where its middle says (pdftotext rounds).
const GROUP_SLACK: usize = 1;

/// What the decode needs of one placed piece.
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    /// its column
    pub k: usize,
    /// its text may wrap onto the next line
    pub full: bool,
    /// a piece that never continues a cell (a form word, a value in the value column)
    pub opens: bool,
    /// a form word: a top-aligned row holds none after its first line
    pub word: bool,
}

/// A column's block of pieces within a candidate row: first and last line, the last one's
/// fullness.
#[derive(Debug, Clone, Copy)]
struct Block {
    first: usize,
    last: usize,
    full: bool,
}

/// One decoded row: lines `first..=last` (indices into the decode's lines) and whether it
/// is top-aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub first: usize,
    pub last: usize,
    pub top: bool,
}

/// The rows of `lines` (see the module doc). Columns below `free` are label columns; a row
/// never spans the line `fixed` (the header), and the label columns are free below it only;
/// with `centred_ok` false every row is top-aligned.
pub fn rows(lines: &[Vec<Mark>], free: usize, fixed: Option<usize>, centred_ok: bool) -> Vec<Row> {
    let m = lines.len();
    let width = lines.iter().flatten().map(|p| p.k + 1).max().unwrap_or(0);
    // best[j]: (cost, start of the last row, its top-alignment) of the best cut of lines ..j
    let mut best: Vec<(u64, usize, bool)> = vec![(u64::MAX, 0, true); m + 1];
    if let Some(b) = best.first_mut() {
        *b = (0, 0, true);
    }
    let mut blocks: Vec<Option<Block>> = vec![None; width];
    let mut touched: Vec<usize> = Vec::new();
    for i in 0..m {
        let base = best.get(i).map_or(u64::MAX, |b| b.0);
        if base == u64::MAX {
            continue;
        }
        // only the columns this row touched are reset and summed
        for &k in &touched {
            if let Some(b) = blocks.get_mut(k) {
                *b = None;
            }
        }
        touched.clear();
        // a form word after the row's first line (no top-aligned row holds one)
        let mut later_word = false;
        for j in i..m.min(i + MAX_ROW_LINES) {
            if j > i && (fixed == Some(j) || fixed == Some(i)) {
                break;
            }
            let Some(line) = lines.get(j) else { break };
            if j > i && (line.len() > MAX_ROW_PIECES || touched.len() > MAX_ROW_PIECES) {
                break;
            }
            later_word |= j > i && line.iter().any(|p| p.word);
            let mut broken = false;
            for p in line {
                let Some(slot) = blocks.get_mut(p.k) else {
                    continue;
                };
                match slot {
                    None => {
                        *slot = Some(Block {
                            first: j,
                            last: j,
                            full: p.full,
                        });
                        touched.push(p.k);
                    }
                    Some(b) if b.last + 1 == j && b.full && !p.opens => {
                        b.last = j;
                        b.full = p.full;
                    }
                    Some(_) => {
                        broken = true;
                        break;
                    }
                }
            }
            if broken {
                break;
            }
            let height = j - i + 1;
            let (mut top, mut centred, mut dev, mut tallest) = (true, true, 0u64, 0usize);
            // the label columns are free below the header only
            let below = fixed.is_some_and(|h| i > h);
            let skip = if below { free } else { 0 };
            for b in touched
                .iter()
                .filter(|&&k| k >= skip)
                .filter_map(|&k| blocks.get(k).copied().flatten())
            {
                let off = b.first - i;
                let h = b.last - b.first + 1;
                let d = (2 * off).abs_diff(height - h);
                tallest = tallest.max(h);
                top &= off == 0;
                centred &= d <= 1;
                dev += d as u64;
            }
            // a centred row is as tall as its tallest cell
            centred &= centred_ok && tallest == height;
            top &= !later_word;
            if !(top || centred) {
                continue;
            }
            // between cuts into as many rows, top-aligned rows first, then the most exactly centred
            let cost = base + 1000 + if top { 0 } else { dev + 1 };
            if let Some(slot) = best.get_mut(j + 1) {
                if cost < slot.0 {
                    *slot = (cost, i, top);
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut j = m;
    while j > 0 {
        let Some(&(_, i, top)) = best.get(j) else {
            break;
        };
        out.push(Row {
            first: i,
            last: j - 1,
            top,
        });
        j = i;
    }
    out.reverse();
    out
}

/// A label cell of a free column: its row, its first line and how many lines it takes.
#[derive(Debug, Clone, Copy)]
pub struct Label {
    pub row: usize,
    pub line: usize,
    pub lines: usize,
}

/// For one label column: the row each label's group starts at, when the labels read as
/// centred on their groups (see the module doc) — `labels` in row order, the header row's
/// cell (if any) first, `rows` the decoded rows from the header row (`from`) down. `None`
/// when no chain of groups ends on the last row.
pub fn group_starts(labels: &[Label], rows: &[Row], from: usize) -> Option<Vec<usize>> {
    let last_row = rows.len().checked_sub(1)?;
    // layer g: (end row of group g, cost, index of the state in layer g − 1)
    let mut layers: Vec<Vec<(usize, usize, usize)>> = Vec::with_capacity(labels.len());
    for (g, lab) in labels.iter().enumerate() {
        let next_row = labels.get(g + 1).map_or(last_row + 1, |n| n.row);
        // the header row's own cell is a group of that row alone
        let next_row = if g == 0 && lab.row == from {
            from + 1
        } else {
            next_row
        };
        let prev: Vec<(usize, usize, usize)> = match g.checked_sub(1) {
            None => vec![(from.wrapping_sub(1), 0, 0)],
            Some(p) => layers.get(p)?.clone(),
        };
        let mut layer: Vec<(usize, usize, usize)> = Vec::new();
        for (pi, &(pend, pcost, _)) in prev.iter().enumerate() {
            let start_row = pend.wrapping_add(1);
            if start_row > lab.row {
                continue;
            }
            let start = rows.get(start_row)?.first;
            let Some(rel) = lab.line.checked_sub(start) else {
                continue;
            };
            // the group's last line: start + 2·rel + h − 1, or one more
            let lo = start + 2 * rel + lab.lines.max(1) - 1;
            for end_row in lab.row..next_row {
                let Some(r) = rows.get(end_row) else { break };
                if r.last > lo + 1 + GROUP_SLACK {
                    break;
                }
                let d = if r.last < lo {
                    lo - r.last
                } else {
                    r.last.saturating_sub(lo + 1)
                };
                if d > GROUP_SLACK {
                    continue;
                }
                if g + 1 == labels.len() && end_row != last_row {
                    continue;
                }
                let cost = pcost + d;
                match layer.iter_mut().find(|s| s.0 == end_row) {
                    Some(s) if s.1 <= cost => {}
                    Some(s) => *s = (end_row, cost, pi),
                    None => layer.push((end_row, cost, pi)),
                }
            }
        }
        if layer.is_empty() {
            return None;
        }
        layers.push(layer);
    }
    // back from the cheapest last state
    let mut at = layers
        .last()?
        .iter()
        .enumerate()
        .min_by_key(|(_, s)| s.1)
        .map(|(i, _)| i)?;
    let mut starts = vec![0usize; labels.len()];
    for g in (0..layers.len()).rev() {
        let s = layers.get(g)?.get(at)?;
        let prev_end = match g.checked_sub(1) {
            Some(p) => layers.get(p)?.get(s.2)?.0,
            None => from.wrapping_sub(1),
        };
        if let Some(slot) = starts.get_mut(g) {
            *slot = prev_end.wrapping_add(1);
        }
        at = s.2;
    }
    Some(starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mk(cols: &[(usize, bool)]) -> Vec<Mark> {
        cols.iter()
            .map(|&(k, full)| Mark {
                k,
                full,
                opens: false,
                word: false,
            })
            .collect()
    }

    #[test]
    fn a_short_cell_on_the_middle_line_of_a_tall_one_is_one_row() {
        // name over three lines, its value on the middle one; then a one-line row
        let lines = vec![
            mk(&[(3, true)]),
            mk(&[(3, true), (4, false)]),
            mk(&[(3, false)]),
            mk(&[(3, false), (4, false)]),
        ];
        let rows = rows(&lines, 3, None, true);
        let spans: Vec<(usize, usize)> = rows.iter().map(|r| (r.first, r.last)).collect();
        assert_eq!(spans, vec![(0, 2), (3, 3)]);
        assert!(!rows[0].top && rows[1].top);
    }

    #[test]
    fn lines_of_very_many_pieces_are_rows_of_their_own() {
        // 300 lines of 5,000 full pieces each: no row spans two of them, and the decode
        // touches each piece a bounded number of times
        let wide: Vec<(usize, bool)> = (0..5_000).map(|k| (k, true)).collect();
        let lines: Vec<Vec<Mark>> = (0..300).map(|_| mk(&wide)).collect();
        let started = std::time::Instant::now();
        let rows = rows(&lines, 0, None, true);
        assert_eq!(rows.len(), 300);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }

    #[test]
    fn top_aligned_wraps_stay_top_aligned() {
        let lines = vec![
            mk(&[(3, true), (4, false)]),
            mk(&[(3, false)]),
            mk(&[(3, false), (4, false)]),
        ];
        let rows = rows(&lines, 3, None, true);
        let spans: Vec<(usize, usize)> = rows.iter().map(|r| (r.first, r.last)).collect();
        assert_eq!(spans, vec![(0, 1), (2, 2)]);
    }

    #[test]
    fn labels_centred_on_their_groups_start_them() {
        // header row 0, then five one-line rows; label A over rows 1..=3 stands on row 2,
        // label B over rows 4..=5 on row 4
        let rows: Vec<Row> = (0..6)
            .map(|i| Row {
                first: i,
                last: i,
                top: true,
            })
            .collect();
        let at = |row: usize| Label {
            row,
            line: row,
            lines: 1,
        };
        let labels = [at(0), at(2), at(4)];
        assert_eq!(group_starts(&labels, &rows, 0), Some(vec![0, 1, 4]));
    }
}
