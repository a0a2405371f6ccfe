//! Meta rows → meta fields. The typed rows above the indicator block go in; out come the
//! form's meta fields (SCHEMA.md) and the cells that fed none. Each key takes the next
//! non-empty non-key cell of its row, wherever the OCR shifted it. A row of keys with no
//! values (总额 | 财政拨款 | 其他资金) is a column header; the 金额合计 row below takes its
//! numbers by those columns (or in order, when shifted). Other keyless rows with numbers are
//! the department's task rows. `[602]单位名称` splits into code and name; 年度目标 splits at
//! 目标1: 目标2: ….
//!
//! Before/after: `| 主管部门 | | [305]某局 | 实施单位 | 某中心 |` →
//! department = 某局, department_code = 305, implementing_unit = 某中心.

use super::closing::merged_copy;
use super::meta_family::{checked_option, execution_columns, read_below, read_funds_row};
use super::meta_field::{set_field, unassigned_of};
pub use super::meta_field::{split_department, split_goals};
use crate::model::{Diagnostics, Meta, MetaKey, Task, Unassigned};
use crate::vocab::classify::{Class, Typed};
use crate::vocab::family::ExecColumn;
use crate::vocab::{parse_number, MetaField, Vocab};

/// Reads meta fields from the typed rows above the indicator block.
pub fn read_meta(
    rows: &[Vec<Typed>],
    vocab: &Vocab,
    diags: &mut Diagnostics,
) -> (Meta, Vec<Unassigned>) {
    let mut meta = Meta::default();
    let mut unassigned = Vec::new();
    // column → amount field, from a header row of amount keys without values
    let mut amount_cols: Vec<(usize, MetaKey)> = Vec::new();
    // column → execution column, from a row of execution headers (年初预算数, 全年预算数 …)
    let mut exec_cols: Vec<(usize, ExecColumn)> = Vec::new();
    // column → key, from a goals row of keys (a goals key, then 预期目标 | 实际完成情况): the row
    // below holds their texts
    let mut below: Vec<(usize, MetaField)> = Vec::new();
    // `below` holds amount keys: the row below must be numbers
    let mut below_numbers = false;
    let mut above: &[Typed] = &[];
    for row in rows {
        let prev = std::mem::replace(&mut above, row);
        let cells: Vec<&Typed> = row.iter().filter(|t| t.class != Class::Empty).collect();
        let exec = execution_columns(&cells, vocab);
        if !exec.is_empty() {
            exec_cols = exec;
            continue;
        }
        let keys_only = cells
            .iter()
            .all(|t| matches!(t.class, Class::MetaKey(_) | Class::Header));
        let has_key = cells
            .iter()
            .any(|t| matches!(t.class, Class::MetaKey(_)) || inline_key(t, vocab).is_some());
        if !below.is_empty() {
            // the values under a row of keys: a side header merged down from the key row
            // (rowspan) is no key of this row, and a value merged across columns counts once
            let mut values: Vec<&Typed> = cells
                .iter()
                .copied()
                .filter(|t| !merged_from(t, prev))
                .collect();
            values.dedup_by(|b, a| merged_copy(a, b));
            // under amount keys only a row of numbers (a task row below them names its task)
            let numbers = !std::mem::take(&mut below_numbers)
                || values.iter().all(|t| parse_number(t.text()).is_some());
            if numbers
                && !values
                    .iter()
                    .any(|t| matches!(t.class, Class::MetaKey(_)) || inline_key(t, vocab).is_some())
            {
                read_below(&mut meta, &values, &below, diags, &mut unassigned);
                below.clear();
                continue;
            }
        }
        below.clear();
        if keys_only {
            below = goals_columns(&cells);
            if let Some(cols) = amount_columns(&cells) {
                // a row of amount keys: their numbers stand on the row below (or on a
                // 金额合计 row, which holds a key and is read as one)
                if below.is_empty() {
                    below = key_columns(&cells);
                    below_numbers = true;
                }
                amount_cols = cols;
            }
            continue;
        }
        if !exec_cols.is_empty()
            && read_funds_row(&mut meta, &cells, &exec_cols, diags, &mut unassigned)
        {
            continue;
        }
        read_key_row(
            &mut meta,
            &cells,
            (has_key, &amount_cols),
            vocab,
            diags,
            &mut unassigned,
        );
    }
    (meta, unassigned)
}

/// Reads one row of keys and values: each key takes the next non-key cell (a key printed with
/// its value in one cell sets its field at once); a 金额合计 row's numbers go to the amount
/// columns above it; a keyless row is a department task row, taken whole.
fn read_key_row(
    meta: &mut Meta,
    cells: &[&Typed],
    (has_key, amount_cols): (bool, &[(usize, MetaKey)]),
    vocab: &Vocab,
    diags: &mut Diagnostics,
    unassigned: &mut Vec<Unassigned>,
) {
    let mut pending: Option<MetaField> = None;
    let mut sum_row = false;
    let mut sum_values: Vec<&Typed> = Vec::new();
    let mut prev_text: Option<&str> = None;
    // one key printed twice on the row, each with its value (`其中：财政拨款 | 1350 | 其中：财政
    // 拨款 | 450` under `中期资金总额 | 年度资金总额`): the later is the year's
    // (a copy of a merged key next to it, docling's repeat, is the same key: a value must
    // stand between the two)
    let later_key = |at: usize, t: &Typed| {
        if !matches!(t.class, Class::MetaKey(MetaField::Field(_))) {
            return false;
        }
        let mut valued = false;
        for o in cells.iter().skip(at + 1) {
            if o.class == t.class && !merged_copy(t, o) {
                return valued;
            }
            valued |= !o.is_empty() && !matches!(o.class, Class::MetaKey(_));
        }
        false
    };
    let mut skip_value = false;
    for (at, t) in cells.iter().enumerate() {
        // a merged cell rendered by repeating its text in every covered column (docling):
        // a repeat that no key waits for is the same cell again
        let repeat = prev_text == Some(t.text());
        prev_text = Some(t.text());
        if repeat && pending.is_none() && !sum_row {
            continue;
        }
        if skip_value && !matches!(t.class, Class::MetaKey(_)) && !t.is_empty() {
            skip_value = false;
            unassigned.push(unassigned_of(
                t,
                "the earlier of two values for one key on a row",
            ));
            continue;
        }
        if !repeat && later_key(at, t) {
            skip_value = true;
            continue;
        }
        // a key printed with its value in one cell (`年度资金总额：80万`)
        if let Some((field, value)) = inline_key(t, vocab) {
            pending = None;
            match field {
                MetaField::Field(f) if !set_field(meta, f, &value, diags) => {
                    let reason = format!("second value for {}", f.as_str());
                    unassigned.push(unassigned_of(&value, &reason));
                }
                MetaField::Other(name) => meta
                    .other
                    .push((name.to_string(), checked_option(value.text()))),
                _ => {}
            }
            continue;
        }
        match &t.class {
            Class::MetaKey(MetaField::SumRow) => {
                sum_row = true;
                pending = None;
            }
            Class::MetaKey(MetaField::Group) => {}
            Class::MetaKey(f) => pending = Some(f.clone()),
            _ if sum_row => sum_values.push(t),
            _ => match pending.take() {
                Some(MetaField::Field(f)) => {
                    if !set_field(meta, f, t, diags) {
                        let reason = format!("second value for {}", f.as_str());
                        unassigned.push(unassigned_of(t, &reason));
                    }
                }
                Some(MetaField::Other(name)) => meta
                    .other
                    .push((name.to_string(), checked_option(t.text()))),
                Some(MetaField::Code) if meta.department_code.is_none() => {
                    meta.department_code = Some(t.text().trim().to_string());
                }
                _ => {
                    if !has_key {
                        // a keyless row: a department task row; taken whole below
                        break;
                    }
                    unassigned.push(unassigned_of(t, "meta text with no key before it"));
                }
            },
        }
    }
    if sum_row {
        assign_sums(meta, &sum_values, amount_cols, diags, unassigned);
    } else if !has_key && !cells.is_empty() {
        meta.tasks.push(Task {
            cells: cells.iter().map(|t| t.text().to_string()).collect(),
            line: cells.first().map_or(0, |t| t.cell.span.line),
        });
    }
}

/// Whether `t` is a cell merged down from the row above (rowspan): the same cell stands in
/// its column there.
fn merged_from(t: &Typed, above: &[Typed]) -> bool {
    above
        .iter()
        .find(|a| a.col == t.col)
        .is_some_and(|a| merged_copy(a, t))
}

/// The longest key printed with its value in one cell that is looked up (`年度资金总额：80万`).
const INLINE_KEY_CHARS: usize = 12;

/// A cell that prints a meta key and its value together, split at the first colon
/// (`年度资金总额：80万` → funds_total, `80万`): the key's field and the value as a cell of its
/// own. `None` for a key alone, a cell with nothing after the colon, or text before the colon
/// that is no key.
fn inline_key(t: &Typed, vocab: &Vocab) -> Option<(MetaField, Typed)> {
    if !matches!(t.class, Class::Text | Class::Value(_)) {
        return None;
    }
    let (key, value) = t.text().split_once(['：', ':'])?;
    let (key, value) = (key.trim(), value.trim());
    if value.is_empty() || key.is_empty() || key.chars().count() > INLINE_KEY_CHARS {
        return None;
    }
    let field = vocab.meta_key(key)?;
    if matches!(field, MetaField::Group | MetaField::SumRow) {
        return None;
    }
    let mut cell = t.clone();
    cell.set_text(value.to_string());
    Some((field, cell))
}

/// The columns of a row of keys that opens a goals block (a goals key, then 预期目标 |
/// 实际完成情况): each value column's key, for the row below. Empty for any other row.
fn goals_columns(cells: &[&Typed]) -> Vec<(usize, MetaField)> {
    let goals = cells
        .iter()
        .any(|t| matches!(t.class, Class::MetaKey(MetaField::Field(MetaKey::Goals))));
    if !goals {
        return Vec::new();
    }
    // a goals key alone on its row (`年度目标 | | |`): the text below is the goals
    if let [only] = cells {
        return vec![(only.col, MetaField::Field(MetaKey::Goals))];
    }
    let mut below = key_columns(cells);
    // a key in the table's first column is the block's side header (总体目标完成情况 | 预期目标
    // | 实际完成情况); the value columns are the others
    if below.len() >= 2 && below.first().is_some_and(|(c, _)| *c == 0) {
        below.remove(0);
    }
    below
}

/// Each column of a row of keys that names a field (or an `other:` key), for the row below.
fn key_columns(cells: &[&Typed]) -> Vec<(usize, MetaField)> {
    cells
        .iter()
        .filter_map(|t| match &t.class {
            Class::MetaKey(f @ (MetaField::Field(_) | MetaField::Other(_))) => {
                Some((t.col, f.clone()))
            }
            _ => None,
        })
        .collect()
}

/// The amount field of each column of a row of amount keys without values (two or more), for
/// the sum row below.
fn amount_columns(cells: &[&Typed]) -> Option<Vec<(usize, MetaKey)>> {
    let cols: Vec<(usize, MetaKey)> = cells
        .iter()
        .filter_map(|t| match &t.class {
            Class::MetaKey(MetaField::Field(f)) if f.is_amount() => Some((t.col, *f)),
            _ => None,
        })
        .collect();
    (cols.len() >= 2).then_some(cols)
}

/// The 金额合计 row: numbers go to the amount columns printed above them, by column when the
/// columns line up, else in order.
fn assign_sums(
    meta: &mut Meta,
    values: &[&Typed],
    cols: &[(usize, MetaKey)],
    diags: &mut Diagnostics,
    unassigned: &mut Vec<Unassigned>,
) {
    let default_order = [
        MetaKey::FundsTotal,
        MetaKey::FundsFiscal,
        MetaKey::FundsOther,
    ];
    let aligned = !cols.is_empty() && values.iter().all(|v| cols.iter().any(|(c, _)| *c == v.col));
    for (i, v) in values.iter().enumerate() {
        let field = if aligned {
            cols.iter().find(|(c, _)| *c == v.col).map(|(_, f)| *f)
        } else if !cols.is_empty() {
            cols.get(i).map(|(_, f)| *f)
        } else {
            default_order.get(i).copied()
        };
        match field {
            Some(f) if set_field(meta, f, v, diags) => {}
            _ => unassigned.push(unassigned_of(v, "amount with no column")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::pipe::split_row;
    use crate::vocab::classify::classify_row;
    use crate::vocab::Vocab;

    fn meta_of(lines: &[&str]) -> (Meta, Vec<Unassigned>) {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let rows: Vec<Vec<Typed>> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| classify_row(split_row(l, i + 1, 0), &v))
            .collect();
        read_meta(&rows, &v, &mut Vec::new())
    }

    #[test]
    fn department_codes_before_after_bracketed_or_bare() {
        for (text, code, name) in [
            ("[602]某市某局", Some("602"), "某市某局"),
            ("【152】某局", Some("152"), "某局"),
            ("某市某局（301）", Some("301"), "某市某局"),
            ("某市某局 301", Some("301"), "某市某局"),
            ("301 某市某局", Some("301"), "某市某局"),
            ("某市第2中学", None, "某市第2中学"),
            ("306-某市某局", Some("306"), "某市某局"),
            ("108001－某馆", Some("108001"), "某馆"),
            ("2024-2025年某局", None, "2024-2025年某局"),
            ("2024 12", None, "2024 12"),
        ] {
            let (c, n) = split_department(text);
            assert_eq!((c.as_deref(), n.as_str()), (code, name), "{text}");
        }
    }

    #[test]
    fn project_meta_with_shifted_values() {
        let (m, u) = meta_of(&[
            "| 项目名称 | | 人事人才项目 | | |",
            "| 主管部门及代码 | | [602]某局 | 实施单位 | 某中心 |",
            "| 项目资金<br>(万元) | | 年度资金总额: | | 214.50 |",
            "| | 其中:财政拨款 | 214.50 | | |",
            "| 年度目标 | 目标1: 甲。 目标2: 乙 |",
        ]);
        assert_eq!(m.project_name.as_deref(), Some("人事人才项目"));
        assert_eq!(
            (m.department_code.as_deref(), m.department.as_deref()),
            (Some("602"), Some("某局"))
        );
        assert_eq!(m.implementing_unit.as_deref(), Some("某中心"));
        assert_eq!((m.funds_total, m.funds_fiscal), (Some(214.5), Some(214.5)));
        assert_eq!(m.goals, vec!["甲。", "乙"]);
        assert!(u.is_empty());
    }

    #[test]
    fn department_sum_row_by_columns() {
        let (m, _) = meta_of(&[
            "| 部门（单位）名称 | | 某局 | | | |",
            "| 年度主要任务 | 任务名称 | 主要内容 | 预算金额（万元） | | |",
            "| | | | 总额 | 财政拨款 | 其他资金 |",
            "| | 某项目 | 做事 | 10 | 9 | 1 |",
            "| | 金额合计 | | 10 | 9 | 1 |",
        ]);
        assert_eq!(m.department.as_deref(), Some("某局"));
        assert_eq!(
            (m.funds_total, m.funds_fiscal, m.funds_other),
            (Some(10.0), Some(9.0), Some(1.0))
        );
        assert_eq!(m.funds_carryover, None);
        assert_eq!(m.tasks.len(), 1);
    }

    #[test]
    fn repeated_merged_cells_count_once() {
        let (m, u) = meta_of(&[
            "| 项目名称 | 某项目 | 某项目 | 某项目 |",
            "| 项目资金(万元) | 年度资金总额 | 12 | 12 |",
            "| 年度目标 | 目标1: 甲 | 目标1: 甲 | 目标1: 甲 |",
        ]);
        assert_eq!(m.project_name.as_deref(), Some("某项目"));
        assert_eq!(m.funds_total, Some(12.0));
        assert_eq!(m.goals, vec!["甲"]);
        assert!(u.is_empty(), "{u:?}");
    }

    #[test]
    fn goals_split() {
        assert_eq!(
            split_goals("保障经费。确保运转。"),
            vec!["保障经费。确保运转。"]
        );
        assert_eq!(split_goals("目标1:a。目标2：b"), vec!["a。", "b"]);
        assert!(split_goals("  ").is_empty());
        // the separator before the next number is no part of the goal
        assert_eq!(split_goals("目标1：甲；目标2：乙。"), vec!["甲", "乙。"]);
    }

    #[test]
    fn goals_numbered_as_a_list_split() {
        assert_eq!(split_goals("1.甲；2.乙；3.丙。"), vec!["甲", "乙", "丙。"]);
        assert_eq!(split_goals("（1）甲；（2）乙"), vec!["甲", "乙"]);
        assert_eq!(split_goals("一是甲；二是乙。"), vec!["甲", "乙。"]);
        assert_eq!(split_goals("1、甲 2、乙"), vec!["甲", "乙"]);
    }

    #[test]
    fn amounts_with_a_remark_in_brackets() {
        use crate::assemble::meta_field::parse_amount;
        assert_eq!(parse_amount("150万元（其中：上级90万元）"), Some(150.0));
        assert_eq!(parse_amount("356000元"), Some(35.6));
        assert_eq!(parse_amount("（其中：90万元）"), None);
        assert_eq!(parse_amount("50万"), Some(50.0));
    }

    #[test]
    fn a_key_printed_twice_on_a_row_takes_the_later_value() {
        let (m, u) = meta_of(&[
            "| 项目名称 | 资料数字化 | | |",
            "| 中期资金总额： | 1350 | 年度资金总额： | 450 |",
            "| 其中：财政拨款 | 1350 | 其中：财政拨款 | 450 |",
        ]);
        assert_eq!((m.funds_total, m.funds_fiscal), (Some(450.0), Some(450.0)));
        assert!(u.iter().any(|x| x.text == "1350"), "{u:?}");
        // a merged key repeated beside itself (docling) is one key
        let (m, _) = meta_of(&["| 项目名称 | 项目名称 | 广场 | 广场 |"]);
        assert_eq!(m.project_name.as_deref(), Some("广场"));
    }

    #[test]
    fn a_key_printed_with_its_value_in_one_cell() {
        let (m, u) = meta_of(&[
            "| 项目名称 | 广场建设 |",
            "| 年度资金总额：80万 | |",
            "| 联系人：巴某 | |",
        ]);
        assert_eq!(m.funds_total, Some(80.0));
        assert_eq!(m.other, [("联系人".to_string(), "巴某".to_string())]);
        assert!(u.is_empty(), "{u:?}");
        // text before a colon that is no key stays text
        let (m, _) = meta_of(&["| 项目名称 | 说明：广场 |"]);
        assert_eq!(m.project_name.as_deref(), Some("说明：广场"));
    }

    #[test]
    fn amount_keys_on_one_row_take_the_numbers_below_but_not_a_task_row() {
        let (m, _) = meta_of(&[
            "| 项目名称 | 教师补助 | | |",
            "| 资金情况（万元） | 年度金额 | 其中：省级财政资金 | 州市县资金 |",
            "| | 860 | 800 | 60 |",
        ]);
        assert_eq!((m.funds_total, m.funds_fiscal), (Some(860.0), Some(800.0)));
        let (m, _) = meta_of(&[
            "| 部门名称 | 某局 | | |",
            "| | 总额 | 财政拨款 | 其他资金 |",
            "| 基本公共卫生服务 | 3460.80 | 3460.80 | 0.00 |",
            "| 金额合计 | 3460.80 | 3460.80 | 0.00 |",
        ]);
        assert_eq!(m.tasks.len(), 1);
        assert_eq!(m.funds_total, Some(3460.8));
    }

    #[test]
    fn a_goals_key_alone_on_its_row_takes_the_text_below() {
        let (m, _) = meta_of(&[
            "| 项目名称 | 广场建设 |",
            "| 年度目标 | | |",
            "| 新建文化广场一处，丰富村民文化生活。 | | |",
        ]);
        assert_eq!(m.goals, ["新建文化广场一处，丰富村民文化生活。"]);
        assert!(m.tasks.is_empty());
    }

    #[test]
    fn project_names_lose_the_budget_code_before_them() {
        use crate::assemble::meta_field::project_name_of;
        assert_eq!(project_name_of("51000023R000000045678-某补助"), "某补助");
        assert_eq!(project_name_of("2024-2025年某工程"), "2024-2025年某工程");
        assert_eq!(project_name_of("某工程（一期）"), "某工程（一期）");
    }

    #[test]
    fn goals_numbers_inside_the_text_do_not_split() {
        // a list the cell does not open with is the goal's own wording
        let t = "认真完成一、甲项目；二、乙项目。";
        assert_eq!(split_goals(t), vec![t]);
        // a decimal is no item number, and a lone item is no list
        assert_eq!(split_goals("1.5万亩；2.0版"), vec!["1.5万亩；2.0版"]);
        assert_eq!(split_goals("1.甲；3.乙"), vec!["1.甲；3.乙"]);
    }
}
