//! Rows of the indicator block that are no indicators. A typed row goes in; out comes what it
//! is, by its first cell and the `[closing]` vocabulary: the closing block of a
//! self-evaluation form (总分, 自评等级, 评价结论), read into the table's conclusion, or a
//! footnote, signature, stamp or date line (注：…, 盖章, 年 月 日), whose cells go to
//! `unassigned`. None of them becomes a record.
//!
//! Before/after: `| 总分 | | | | | | 100 | 96.5 | |` under a header whose 得分 column is the
//! eighth → conclusion.total_score = 96.5, no record `总分`.

use super::columns::Columns;
use crate::model::ColumnRole;
use crate::model::{Conclusion, Unassigned};
use crate::vocab::classify::{Class, Typed};
use crate::vocab::family::Closing;
use crate::vocab::{parse_number, Vocab};

/// The kind of closing row `row` is, if it is one: its first non-empty cell opens a closing
/// row, or any cell is a signature or date line.
pub fn closing_row(row: &[Typed], vocab: &Vocab) -> Option<Closing> {
    // a side header merged down over the row (rowspan) stands before its first cell
    let mut cells = row
        .iter()
        .filter(|t| t.class != Class::Empty)
        .skip_while(|t| t.class == Class::Header);
    let first = cells.next()?;
    if matches!(first.class, Class::Label(_) | Class::Header) {
        return None;
    }
    if let Some(c) = vocab.closing(first) {
        return Some(c);
    }
    cells
        .filter(|t| matches!(t.class, Class::Text))
        .find_map(|t| vocab.closing(t).filter(|c| *c == Closing::Signature))
}

/// The closing keys of a row that prints only keys (`| 总分 | 自评等级 | 评价结论 |`, the
/// values on the row below), each with its column; `None` for any other row.
pub fn key_row(row: &[Typed], vocab: &Vocab) -> Option<Vec<(usize, Closing)>> {
    let mut keys: Vec<(usize, Closing)> = Vec::new();
    let mut prev: Option<&Typed> = None;
    for t in row
        .iter()
        .filter(|t| !matches!(t.class, Class::Empty | Class::Header))
    {
        if prev.is_some_and(|p| merged_copy(p, t)) {
            continue;
        }
        prev = Some(t);
        match vocab.closing(t) {
            Some(c @ (Closing::TotalScore | Closing::Grade | Closing::Text)) => {
                keys.push((t.col, c))
            }
            _ => return None,
        }
    }
    (!keys.is_empty()).then_some(keys)
}

/// Reads the row below a row of closing keys (`key_row`): each cell goes to the key printed
/// above it (the nearest at or left of its column); cells no key takes go to `unassigned`.
pub fn read_below(
    keys: &[(usize, Closing)],
    row: Vec<Typed>,
    conclusion: &mut Option<Conclusion>,
    unassigned: &mut Vec<Unassigned>,
) {
    let mut cells: Vec<Typed> = row
        .into_iter()
        .filter(|t| !matches!(t.class, Class::Empty | Class::Header))
        .collect();
    cells.dedup_by(|b, a| merged_copy(a, b));
    let c = conclusion.get_or_insert_with(Conclusion::default);
    for t in cells {
        let key = keys
            .iter()
            .rev()
            .find(|(col, _)| *col <= t.col)
            .or(keys.first())
            .map(|(_, k)| *k);
        let text = t.text().trim();
        let took = match key {
            Some(Closing::TotalScore) if c.total_score.is_none() => {
                c.total_score = parse_number(text);
                c.total_score.is_some()
            }
            Some(Closing::Grade) if c.grade.is_none() => {
                c.grade = Some(text.to_string());
                true
            }
            Some(Closing::Text) if c.text.is_none() => {
                c.text = Some(text.to_string());
                true
            }
            _ => false,
        };
        if !took {
            unassigned.push(lost(&t, "a closing row's cell, no indicator"));
        }
    }
}

fn lost(t: &Typed, reason: &str) -> Unassigned {
    Unassigned {
        line: t.cell.span.line,
        col: t.cell.span.col,
        text: t.text().to_string(),
        reason: reason.to_string(),
    }
}

/// Reads a closing row into `conclusion`; the cells it does not use go to `unassigned`.
pub fn read(
    kind: Closing,
    row: Vec<Typed>,
    cols: &Columns,
    vocab: &Vocab,
    conclusion: &mut Option<Conclusion>,
    unassigned: &mut Vec<Unassigned>,
) {
    let aligned = cols.aligned(&row);
    let mut cells: Vec<Typed> = row
        .into_iter()
        .filter(|t| t.class != Class::Empty)
        .skip_while(|t| t.class == Class::Header)
        .collect();
    // a cell merged over several columns (HTML colspan) stands once, not once per column
    cells.dedup_by(|b, a| merged_copy(a, b));
    if cells.is_empty() {
        return;
    }
    let key = cells.remove(0);
    let reason = match kind {
        Closing::Note => "a footnote, no indicator",
        Closing::Signature => "a signature, stamp or date line, no indicator",
        _ => "a closing row's cell, no indicator",
    };
    if matches!(kind, Closing::Note | Closing::Signature) {
        unassigned.push(lost(&key, reason));
        unassigned.extend(cells.iter().map(|t| lost(t, reason)));
        return;
    }
    let c = conclusion.get_or_insert_with(Conclusion::default);
    let used = match kind {
        Closing::TotalScore => {
            // the 得分 column's number when the row lines up, else the last number
            let score_col = cols.col_of(ColumnRole::Score).filter(|_| aligned);
            let at = score_col
                .and_then(|sc| cells.iter().position(|t| t.col == sc))
                .or_else(|| cells.iter().rposition(|t| parse_number(t.text()).is_some()));
            at.and_then(|i| {
                let n = cells.get(i).and_then(|t| parse_number(t.text()))?;
                c.total_score.get_or_insert(n);
                Some(i)
            })
        }
        Closing::Grade | Closing::Text => {
            let slot = if kind == Closing::Grade {
                &mut c.grade
            } else {
                &mut c.text
            };
            match (slot.is_none(), cells.first()) {
                (true, Some(t)) => {
                    *slot = Some(t.text().trim().to_string());
                    Some(0)
                }
                _ => None,
            }
        }
        Closing::Note | Closing::Signature => None,
    };
    for (i, t) in cells.iter().enumerate() {
        if Some(i) != used && !inline_key(t.text(), vocab, c) {
            unassigned.push(lost(t, reason));
        }
    }
}

/// Whether `b` is a copy of `a` made by expanding one merged cell over several columns: the
/// same text from the same place in the source.
pub fn merged_copy(a: &Typed, b: &Typed) -> bool {
    a.cell.span.start == b.cell.span.start && a.cell.text == b.cell.text
}

/// Reads a closing key printed with its value in one cell (`自评等级：优` in the last cell of
/// the 总分 row) into the conclusion; false when the cell is no such thing or its slot is
/// already filled.
fn inline_key(text: &str, vocab: &Vocab, c: &mut Conclusion) -> bool {
    let Some((key, value)) = text.split_once(['：', ':']) else {
        return false;
    };
    let value = value.trim();
    if value.is_empty() || key.chars().count() > 8 {
        return false;
    }
    match vocab.closing(key.trim()) {
        Some(Closing::Grade) if c.grade.is_none() => c.grade = Some(value.to_string()),
        Some(Closing::Text) if c.text.is_none() => c.text = Some(value.to_string()),
        Some(Closing::TotalScore) if c.total_score.is_none() => {
            let Some(n) = parse_number(value) else {
                return false;
            };
            c.total_score = Some(n);
        }
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::pipe::split_row;
    use crate::vocab::classify::classify_row;

    #[test]
    fn closing_rows_are_read_and_stamps_are_no_records() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let t = |l: &str| classify_row(split_row(l, 1, 0), &v);
        let h = t("| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |");
        let cols = Columns::of(&h, &v).unwrap_or_else(|| panic!("no columns"));
        let mut c = None;
        let mut u = Vec::new();
        for line in [
            "| 总分 | | | | | 100 | 96.5 |",
            "| 自评等级 | 优 | | | | | |",
            "| 注：本表由项目单位填报 | | | | | | |",
            "| 单位（盖章） | | 填报日期：2023年 月 日 | | | | |",
        ] {
            let row = t(line);
            let kind = closing_row(&row, &v).unwrap_or_else(|| panic!("not closing: {line}"));
            read(kind, row, &cols, &v, &mut c, &mut u);
        }
        let c = c.unwrap_or_default();
        assert_eq!(c.total_score, Some(96.5));
        assert_eq!(c.grade.as_deref(), Some("优"));
        assert_eq!(u.len(), 4, "{u:?}");
        assert!(closing_row(&t("| 产出指标 | 数量指标 | 培训场次 | 5场 |"), &v).is_none());
    }

    #[test]
    fn closing_keys_on_one_row_take_the_values_on_the_row_below() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let t = |l: &str| classify_row(split_row(l, 1, 0), &v);
        let keys = key_row(&t("| 总分 | | 自评等级 | 评价结论 | |"), &v)
            .unwrap_or_else(|| panic!("no key row"));
        assert_eq!(keys.len(), 3);
        assert!(key_row(&t("| 总分 | | 100 | 96.5 |"), &v).is_none());
        assert!(key_row(&t("| 自评等级 | 优 |"), &v).is_none());
        let (mut c, mut u) = (None, Vec::new());
        read_below(
            &keys,
            t("| 91.5 | | 优 | 年度目标全部完成 | |"),
            &mut c,
            &mut u,
        );
        let c = c.unwrap_or_default();
        assert_eq!(c.total_score, Some(91.5));
        assert_eq!(c.grade.as_deref(), Some("优"));
        assert_eq!(c.text.as_deref(), Some("年度目标全部完成"));
        assert!(u.is_empty(), "{u:?}");
    }

    #[test]
    fn a_footer_merged_across_the_table_is_reported_once_and_a_merged_grade_read() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let mut d = Vec::new();
        let grids = crate::read::html::html_grids(
            "<table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>\
             <tr><td colspan=2>自评等级</td><td colspan=2>优</td></tr>\
             <tr><td colspan=4>批复单位：某局（盖章）</td></tr></table>",
            crate::model::Span::default(),
            &crate::limits::Limits::default(),
            &mut d,
        );
        let rows: Vec<Vec<Typed>> = grids
            .first()
            .map(|g| g.rows.iter().map(|r| classify_row(r.clone(), &v)).collect())
            .unwrap_or_default();
        assert_eq!(rows.len(), 3);
        let cols = Columns::of(&rows[0], &v).unwrap_or_else(|| panic!("no columns"));
        let (mut c, mut u) = (None, Vec::new());
        for row in rows.into_iter().skip(1) {
            let kind = closing_row(&row, &v).unwrap_or_else(|| panic!("not closing"));
            read(kind, row, &cols, &v, &mut c, &mut u);
        }
        assert_eq!(c.unwrap_or_default().grade.as_deref(), Some("优"));
        assert_eq!(u.len(), 1, "{u:?}");
    }

    #[test]
    fn a_grade_printed_with_its_key_in_the_total_rows_last_cell() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let t = |l: &str| classify_row(split_row(l, 1, 0), &v);
        let h = t("| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 分值 | 得分 | 备注 |");
        let cols = Columns::of(&h, &v).unwrap_or_else(|| panic!("no columns"));
        let (mut c, mut u) = (None, Vec::new());
        let row = t("| 总分 | | | | 100 | 96.4 | 自评等级：优 |");
        let kind = closing_row(&row, &v).unwrap_or_else(|| panic!("not closing"));
        read(kind, row, &cols, &v, &mut c, &mut u);
        let c = c.unwrap_or_default();
        assert_eq!(
            (c.total_score, c.grade.as_deref()),
            (Some(96.4), Some("优"))
        );
        assert_eq!(u.len(), 1, "only 100 is left: {u:?}");
    }
}
