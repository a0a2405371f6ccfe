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
    conclusion: &mut Option<Conclusion>,
    unassigned: &mut Vec<Unassigned>,
) {
    let aligned = cols.aligned(&row);
    let mut cells: Vec<Typed> = row
        .into_iter()
        .filter(|t| t.class != Class::Empty)
        .skip_while(|t| t.class == Class::Header)
        .collect();
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
        if Some(i) != used {
            unassigned.push(lost(t, reason));
        }
    }
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
            read(kind, row, &cols, &mut c, &mut u);
        }
        let c = c.unwrap_or_default();
        assert_eq!(c.total_score, Some(96.5));
        assert_eq!(c.grade.as_deref(), Some("优"));
        assert_eq!(u.len(), 4, "{u:?}");
        assert!(closing_row(&t("| 产出指标 | 数量指标 | 培训场次 | 5场 |"), &v).is_none());
    }
}
