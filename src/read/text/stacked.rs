//! One cell a line, as some converters write a table (the lines often end in ` |`). A form's
//! lines go in; out come its rows, rebuilt:
//! - before the indicator header, a meta key that follows a value starts a row, and the values
//!   after a key stay in its row (`项目名称 | 某项目 |` → one row);
//! - the header words standing together are the header row; its width is the row width, its
//!   last two columns the name and the value, the two before them the level labels — unless
//!   its lines end their rows (the segmented reader, the header on one line) and columns follow the value (指标性质 ·
//!   指标值 · 度量单位 · 权重): then the name's column is the one its header word heads, the
//!   labels the two before it, and the cells after the name fill the next columns in order;
//! - below it, a level label starts a row in its column (the label cells a merged cell leaves
//!   out are left empty), a cell fills the name and then the value, and a cell that is not a
//!   value while the next one is starts a row of its own (a row whose value was left empty).
//!
//! ```text
//! 产出指标 |  数量指标 |  培训场次 |  ≥5场 |  培训人次 |  ≥50人 |
//! → [, 产出指标, 数量指标, 培训场次, ≥5场]   [, , , 培训人次, ≥50人]
//! ```

use super::values::is_value;
use super::{Lexicon, Line, WordKind};
use crate::model::Cell;

/// The cells of the lines: one a line, without a trailing or leading `|`.
fn cells(body: &[Line]) -> Vec<Cell> {
    let mut out = Vec::new();
    for l in body {
        let t = l.text;
        let core = t.trim().trim_end_matches('|').trim_start_matches('|');
        if core.trim().is_empty() {
            continue;
        }
        let s = t.find(core).unwrap_or(0);
        out.push(l.cell(s, s + core.len()));
    }
    out
}

/// Reads a one-cell-a-line form (see the module doc).
pub fn read(body: &[Line], lex: &Lexicon) -> Vec<Vec<Cell>> {
    build(cells(body).into_iter().map(|c| (c, false)).collect(), lex)
}

/// The meta block at the head of the stream, as rows (a key opens a row after a value; text
/// after a key on its line is one value); returns where the header row starts.
fn meta_rows(
    cells: &[Cell],
    kinds: &[Option<WordKind>],
    ends: &[bool],
    lex: &Lexicon,
    rows: &mut Vec<Vec<Cell>>,
) -> usize {
    let mut row: Vec<Cell> = Vec::new();
    let mut i = 0usize;
    while let (Some(c), Some(k)) = (cells.get(i), kinds.get(i)) {
        match k {
            Some(WordKind::Header) if kinds.get(i + 1) == Some(&Some(WordKind::Header)) => break,
            Some(WordKind::Meta { .. }) => {
                let after_value = row
                    .last()
                    .is_some_and(|c| !matches!(lex.kind_of(&c.text), Some(WordKind::Meta { .. })));
                if after_value {
                    rows.push(std::mem::take(&mut row));
                }
            }
            _ => {}
        }
        // text after a key in the same line is one value (`目标1: 甲。 目标2: 乙。`);
        // amounts stay apart
        let joins = row.last().is_some_and(|p: &Cell| {
            p.span.line == c.span.line
                && k.is_none()
                && lex.kind_of(&p.text).is_none()
                && !is_amount(&p.text)
                && !is_amount(&c.text)
        });
        match row.last_mut() {
            Some(p) if joins => {
                p.text.push(' ');
                p.text.push_str(&c.text);
                p.span.end = c.span.end;
            }
            _ => row.push(c.clone()),
        }
        if ends.get(i) == Some(&true) {
            rows.push(std::mem::take(&mut row));
        }
        i += 1;
    }
    if !row.is_empty() {
        rows.push(std::mem::take(&mut row));
    }
    i
}

/// Rebuilds rows from a stream of cells (see the module doc); a cell flagged `true` ends its
/// row (the segmented reader flags the last cell of each line).
pub fn build(stream: Vec<(Cell, bool)>, lex: &Lexicon) -> Vec<Vec<Cell>> {
    let blank = stream
        .first()
        .map(|(c, _)| Cell {
            text: String::new(),
            span: c.span,
        })
        .unwrap_or_default();
    let (cells, ends): (Vec<Cell>, Vec<bool>) = stream.into_iter().unzip();
    let kinds: Vec<Option<WordKind>> = cells.iter().map(|c| lex.kind_of(&c.text)).collect();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut i = meta_rows(&cells, &kinds, &ends, lex, &mut rows);
    let mut row: Vec<Cell> = Vec::new();
    // the header row
    while let (Some(c), Some(Some(WordKind::Header))) = (cells.get(i), kinds.get(i)) {
        row.push(c.clone());
        i += 1;
    }
    let width = row.len().max(4);
    // a header with columns after the value (指标性质 · 指标值 · 度量单位 · 权重) whose lines end
    // their rows: the labels stand before the name's column, and the cells after the name fill
    // the columns after it in order
    // (the header printed on one line: an extractor that wrote it a word a line wrote the
    // rows' cells out of their rows too)
    let one_line = row.windows(2).all(|w| w[0].span.line == w[1].span.line);
    let name_at = row
        .iter()
        .position(|c| lex.is_name_header(&c.text))
        .filter(|&n| n >= 2 && n + 2 < width && one_line && ends.iter().any(|&e| e));
    if !row.is_empty() {
        rows.push(std::mem::take(&mut row));
    }
    let (value, name, l2, l1) = match name_at {
        Some(n) => (n + 1, n, n - 1, n - 2),
        None => (width - 1, width - 2, width - 3, width - 4),
    };
    let fresh = || vec![blank.clone(); width];
    let mut row = fresh();
    let filled = |r: &Vec<Cell>, k: usize| r.get(k).is_some_and(|c| !c.is_empty());
    while let (Some(c), Some(k)) = (cells.get(i), kinds.get(i)) {
        if is_placeholder(&c.text) {
            i += 1;
            continue;
        }
        let col = match k {
            // a word that is both levels' label printed twice: the second is level2
            Some(WordKind::Level1)
                if filled(&row, l1) && !filled(&row, l2) && !filled(&row, name) =>
            {
                Some(l2)
            }
            Some(WordKind::Level1) => Some(l1),
            Some(WordKind::Level2) => Some(l2),
            _ => None,
        };
        match col {
            Some(col) => {
                // a label that already stands, or a row that already has its name, is done
                if filled(&row, name) || filled(&row, col) || (col == l1 && filled(&row, l2)) {
                    rows.push(std::mem::replace(&mut row, fresh()));
                }
                if let Some(slot) = row.get_mut(col) {
                    *slot = c.clone();
                }
            }
            None if name_at.is_some() => {
                // the column after the last one filled; a full row is done
                let after = (name..width)
                    .rev()
                    .find(|&k| filled(&row, k))
                    .map(|k| k + 1);
                let k = match after {
                    None => name,
                    Some(k) if k < width => k,
                    Some(_) => {
                        rows.push(std::mem::replace(&mut row, fresh()));
                        name
                    }
                };
                if let Some(slot) = row.get_mut(k) {
                    *slot = c.clone();
                }
            }
            None => {
                let next_is_value = cells.get(i + 1).is_some_and(|n| is_value(&n.text, lex))
                    && !is_value(&c.text, lex);
                if filled(&row, name) && (filled(&row, value) || next_is_value) {
                    rows.push(std::mem::replace(&mut row, fresh()));
                }
                let k = if filled(&row, name) { value } else { name };
                if let Some(slot) = row.get_mut(k) {
                    *slot = c.clone();
                }
            }
        }
        if ends.get(i) == Some(&true) && filled(&row, name) {
            rows.push(std::mem::replace(&mut row, fresh()));
        }
        i += 1;
    }
    if row.iter().any(|c| !c.is_empty()) {
        rows.push(row);
    }
    rows
}

/// Whether `text` is an amount (digits, a point, a comma).
fn is_amount(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
}

/// A template placeholder left in the form, never a name: dots or an ellipsis only
/// (`……`), or a short word with a number and a colon (`指标1:`).
pub fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    let dots = !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '…' | '.' | '。' | '·' | '-' | '—' | '_'));
    let numbered = t.chars().count() <= 8
        && t.ends_with([':', '：'])
        && t.chars().any(|c| c.is_ascii_digit())
        && !t.chars().any(|c| c.is_whitespace());
    dots || numbered
}

#[cfg(test)]
mod tests {
    use super::super::lines;
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::new(
            vec![
                ("项目名称".into(), WordKind::Meta { starts: true }),
                ("一级指标".into(), WordKind::Header),
                ("二级指标".into(), WordKind::Header),
                ("三级指标".into(), WordKind::Header),
                ("指标值".into(), WordKind::Header),
                ("指标性质".into(), WordKind::Header),
                ("度量单位".into(), WordKind::Header),
                ("权重".into(), WordKind::Header),
                ("产出指标".into(), WordKind::Level1),
                ("数量指标".into(), WordKind::Level2),
                ("质量指标".into(), WordKind::Level2),
            ],
            vec!["场".into(), "人".into()],
        )
    }

    fn texts(rows: &[Vec<Cell>]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn rows_are_rebuilt_from_the_header_width() {
        let text = "项目名称 |\n某项目 |\n一级指标 |\n二级指标 |\n三级指标 |\n指标值 |\n\
                    产出指标 |\n数量指标 |\n培训场次 |\n≥5场 |\n培训人次 |\n≥50人 |\n\
                    质量指标 |\n没有值的指标 |\n合格率 |\n100% |";
        let rows = read(&lines(text), &lex());
        let t = texts(&rows);
        assert_eq!(
            t,
            vec![
                vec!["项目名称", "某项目"],
                vec!["一级指标", "二级指标", "三级指标", "指标值"],
                vec!["产出指标", "数量指标", "培训场次", "≥5场"],
                vec!["", "", "培训人次", "≥50人"],
                vec!["", "质量指标", "没有值的指标", ""],
                vec!["", "", "合格率", "100%"],
            ]
        );
    }

    /// A header with columns after the value (指标性质 · 指标值 · 度量单位 · 权重), one row a
    /// line: the labels stand before the name's column and the cells after the name fill the
    /// next columns in order (the last two columns were once taken for the name and value).
    #[test]
    fn a_row_a_line_under_a_province_header_fills_the_columns_after_the_name() {
        let text = "一级指标 二级指标 三级指标 指标性质 指标值 度量单位 权重\n\
                    产出指标 数量指标 培训场次 ≥ 5 场 10\n\
                    质量指标 培训课程匹配度 定性 高度匹配 5";
        let body = lines(text);
        let mut stream = Vec::new();
        for l in &body {
            let mut at = 0;
            let words: Vec<&str> = l.text.split(' ').collect();
            for (k, w) in words.iter().enumerate() {
                stream.push((l.cell(at, at + w.len()), k + 1 == words.len()));
                at += w.len() + 1;
            }
        }
        let lex = lex().with_name_headers(["三级指标".to_string()]);
        let rows = build(stream, &lex);
        let t = texts(&rows);
        assert_eq!(
            t,
            vec![
                vec![
                    "一级指标",
                    "二级指标",
                    "三级指标",
                    "指标性质",
                    "指标值",
                    "度量单位",
                    "权重"
                ],
                vec!["产出指标", "数量指标", "培训场次", "≥", "5", "场", "10"],
                vec![
                    "",
                    "质量指标",
                    "培训课程匹配度",
                    "定性",
                    "高度匹配",
                    "5",
                    ""
                ],
            ]
        );
    }
}
