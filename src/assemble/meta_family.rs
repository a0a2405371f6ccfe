//! Meta blocks of the other form families. Typed meta rows go in; out come meta fields: the
//! budget-execution block of a self-evaluation form (年初预算数 | 全年预算数 | 全年执行数 | 分值 |
//! 执行率 | 得分, each funds row taking its 全年预算数, the 年度资金总额 row filling the table's
//! execution block), the texts a goals row of keys heads on the row below it (预期目标 |
//! 实际完成情况), the option a checkbox field marks, and amounts printed with their unit.
//!
//! Before/after: `| | 年度资金总额 | 80 | 90 | 85.5 | 10 | 95% | 9.5 |` under the execution
//! header → funds_total 90, execution {budget_start 80, budget_full 90, executed 85.5,
//! points 10, rate 95, score 9.5}.

pub use super::meta_field::parse_amount;
use super::meta_field::{set_field, unassigned_of};
use crate::model::{Diagnostics, Execution, Meta, MetaKey, Unassigned};
use crate::vocab::classify::{Class, Typed};
use crate::vocab::family::ExecColumn;
use crate::vocab::{MetaField, Vocab};

/// The option a checkbox field marks (`持续性项目■ 新增性项目口` → 持续性项目); the text as
/// printed when it marks none or more than one.
pub fn checked_option(text: &str) -> String {
    const CHECKED: &[char] = &['■', '☑', '√', '✓', '✔', '▣', '●', '☒'];
    const UNCHECKED: &[char] = &['□', '口', '☐', '○'];
    if !text.contains(CHECKED) {
        return text.trim().to_string();
    }
    // each option is the text between marks, its mark after it (or before it, when the
    // text opens with one)
    let mark_first = text
        .trim_start()
        .starts_with(|c| CHECKED.contains(&c) || UNCHECKED.contains(&c));
    let mut options: Vec<(String, bool)> = Vec::new();
    let mut cur = String::new();
    let mut pending: Option<bool> = None;
    for c in text.chars() {
        let mark = if CHECKED.contains(&c) {
            Some(true)
        } else if UNCHECKED.contains(&c) {
            Some(false)
        } else {
            None
        };
        match mark {
            Some(m) if mark_first => {
                if let Some(p) = pending.take() {
                    options.push((std::mem::take(&mut cur), p));
                }
                pending = Some(m);
            }
            Some(m) => options.push((std::mem::take(&mut cur), m)),
            None => cur.push(c),
        }
    }
    if let Some(p) = pending {
        options.push((cur, p));
    }
    let checked: Vec<&str> = options
        .iter()
        .filter(|(_, m)| *m)
        .map(|(o, _)| o.trim())
        .filter(|o| !o.is_empty())
        .collect();
    match checked.as_slice() {
        [one] => one.to_string(),
        _ => text.trim().to_string(),
    }
}

/// The execution-block columns a row heads (年初预算数 | 全年预算数 | 全年执行数 …): two or more.
pub fn execution_columns(cells: &[&Typed], vocab: &Vocab) -> Vec<(usize, ExecColumn)> {
    let cols: Vec<(usize, ExecColumn)> = cells
        .iter()
        .filter_map(|t| vocab.family().execution(&vocab.key(*t)).map(|e| (t.col, e)))
        .collect();
    if cols
        .iter()
        .filter(|(_, e)| *e != ExecColumn::Points && *e != ExecColumn::Score)
        .count()
        >= 2
    {
        cols
    } else {
        Vec::new()
    }
}

/// A funds row under an execution header (`| | 年度资金总额 | 80 | 90 | 85.5 | 10 | 95% | 9.5 |`):
/// the field takes the 全年预算数 cell; the 年度资金总额 row fills the execution block. Returns
/// the cells used.
fn read_execution_row(
    meta: &mut Meta,
    field: MetaKey,
    values: &[&Typed],
    cols: &[(usize, ExecColumn)],
    diags: &mut Diagnostics,
) -> Vec<usize> {
    // by column when every number stands under an execution header (a text cell, such as a
    // reason printed beside the numbers, under none)
    let aligned = |v: &&Typed| cols.iter().any(|(c, _)| *c == v.col);
    let numeric =
        |v: &&Typed| parse_amount(v.text().trim().trim_end_matches(['%', '％'])).is_some();
    let by_col = values.iter().any(aligned) && values.iter().filter(|v| numeric(v)).all(aligned);
    let mut used = Vec::new();
    let mut exec = Execution::default();
    for (i, v) in values.iter().enumerate() {
        let col = if by_col {
            cols.iter().find(|(c, _)| *c == v.col).map(|(_, e)| *e)
        } else if values.len() == cols.len() {
            cols.get(i).map(|(_, e)| *e)
        } else {
            None
        };
        let Some(col) = col else { continue };
        let text = v.text().trim();
        let n = parse_amount(text.trim_end_matches(['%', '％']));
        match col {
            ExecColumn::BudgetFull => {
                if set_field(meta, field, v, diags) {
                    used.push(i);
                }
                exec.budget_full = n;
            }
            ExecColumn::BudgetStart => exec.budget_start = n,
            ExecColumn::Executed => exec.executed = n,
            ExecColumn::Rate => exec.rate = n,
            ExecColumn::Points => exec.points = n,
            ExecColumn::Score => exec.score = n,
        }
        if field == MetaKey::FundsTotal && n.is_some() && col != ExecColumn::BudgetFull {
            used.push(i);
        }
    }
    if field == MetaKey::FundsTotal && exec != Execution::default() {
        exec.rate = rate_in_percent(exec.rate, &exec, values, cols);
        meta.execution = Some(exec);
    }
    used
}

/// The execution rate in percent: a rate printed as a fraction (`0.96`, no `%`) that is the
/// executed amount over the full-year budget is multiplied by 100.
fn rate_in_percent(
    rate: Option<f64>,
    exec: &Execution,
    values: &[&Typed],
    cols: &[(usize, ExecColumn)],
) -> Option<f64> {
    let r = rate?;
    let printed_percent = values.iter().any(|v| {
        v.text().contains(['%', '％'])
            && cols
                .iter()
                .any(|(c, e)| *c == v.col && *e == ExecColumn::Rate)
    });
    match (exec.executed, exec.budget_full) {
        (Some(x), Some(b))
            if !printed_percent && r <= 1.0 && b > 0.0 && (x / b - r).abs() < 0.01 =>
        {
            Some((r * 1e4).round() / 100.0)
        }
        _ => Some(r),
    }
}

/// A row of one funds key under an execution header (see `read_execution_row`); false when
/// the row is no such row.
pub fn read_funds_row(
    meta: &mut Meta,
    cells: &[&Typed],
    cols: &[(usize, ExecColumn)],
    diags: &mut Diagnostics,
    unassigned: &mut Vec<Unassigned>,
) -> bool {
    let keys: Vec<(usize, MetaKey)> = cells
        .iter()
        .enumerate()
        .filter_map(|(i, t)| match &t.class {
            Class::MetaKey(MetaField::Field(f)) if f.is_amount() => Some((i, *f)),
            _ => None,
        })
        .collect();
    let [(at, field)] = keys.as_slice() else {
        return false;
    };
    let values: Vec<&Typed> = cells.iter().skip(at + 1).copied().collect();
    let used = read_execution_row(meta, *field, &values, cols, diags);
    for (i, v) in values.iter().enumerate() {
        if !used.contains(&i) && !matches!(v.text().trim(), "—" | "-" | "／" | "/" | "——") {
            unassigned.push(unassigned_of(
                v,
                &format!("an execution cell of {}", field.as_str()),
            ));
        }
    }
    true
}

/// The row below a goals row of keys: each cell goes to the key whose column is nearest at or
/// before its own.
pub fn read_below(
    meta: &mut Meta,
    cells: &[&Typed],
    keys: &[(usize, MetaField)],
    diags: &mut Diagnostics,
    unassigned: &mut Vec<Unassigned>,
) {
    for t in cells {
        let key = keys
            .iter()
            .rev()
            .find(|(c, _)| *c <= t.col)
            .or(keys.first())
            .map(|(_, f)| f);
        match key {
            Some(MetaField::Field(f)) => {
                if !set_field(meta, *f, t, diags) {
                    let reason = format!("second value for {}", f.as_str());
                    unassigned.push(unassigned_of(t, &reason));
                }
            }
            Some(MetaField::Other(name)) => {
                meta.other.push((name.to_string(), t.text().to_string()))
            }
            _ => unassigned.push(unassigned_of(t, "meta text with no key above it")),
        }
    }
}
