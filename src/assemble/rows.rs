//! Indicator rows → draft records. The typed rows of the indicator block go in; out come
//! drafts (name, value, the category label printed in force, repairs) and the cells that fed
//! none. Roles come from content and order, not from columns: in each row the category labels
//! are read first, the first remaining cell is the name and the next one the value — so cells
//! shifted left or right, names standing in a category column and values pushed into an extra
//! column all read right, and each such move is recorded as a repair.
//!
//! Before/after (shift): `| 病媒监测覆盖率 | ≥92% | | | |` under a label → name 病媒监测覆盖率,
//! value ≥92%, repair `cell_shift` (name in column 1, 三级指标 is column 3).
//! Before/after (label as name): `| | 效益 | 生态效益 | 生态效益 | 不适用 |` →
//! name 生态效益, value 不适用 (category 生态效益).
//! Before/after (orphan value): a value alone on the row under a name without one → joined.

use super::respan::respan;
use crate::classify::{is_header_row, Class, Typed};
use crate::model::{Cell, Repair, Unassigned};
use crate::normalize::trim_name;
use crate::vocab::{fix_value_digits, CatId, ValueClass, Vocab};

/// An indicator before categories are decided.
#[derive(Debug, Clone)]
pub struct Draft {
    pub name: String,
    pub name_cell: Cell,
    pub value: Option<String>,
    pub value_cell: Option<Cell>,
    /// The level2 label printed in force at this row (after the row's own labels).
    pub printed: Option<CatId>,
    /// The name is itself a category label (a row naming a category with a value).
    pub own_label: Option<CatId>,
    /// Name and value stood in the columns the header gives them.
    pub aligned: bool,
    /// A category label was printed on the indicator's own row (it moved with the row).
    pub label_on_row: bool,
    pub repairs: Vec<Repair>,
    /// Index of the row within the form (for order-based reasoning).
    pub row: usize,
}

/// Column positions the header row gives (一级指标, 二级指标, 三级指标, 指标值).
#[derive(Debug, Clone, Copy, Default)]
struct Columns {
    name: Option<usize>,
    value: Option<usize>,
}

fn columns_of(row: &[Typed], vocab: &Vocab) -> Columns {
    let find = |word: &str| {
        let k = vocab.key(word);
        row.iter().find(|t| vocab.key(t.text()) == k).map(|t| t.col)
    };
    Columns {
        name: find("三级指标"),
        value: find("指标值"),
    }
}

fn unassigned(t: &Typed, reason: &str) -> Unassigned {
    Unassigned {
        line: t.cell.span.line,
        col: t.cell.span.col,
        text: t.text().to_string(),
        reason: reason.to_string(),
    }
}

/// Reads the indicator block (see the module doc).
pub fn read_rows(
    rows: &[Vec<Typed>],
    first_row: usize,
    vocab: &Vocab,
) -> (Vec<Draft>, Vec<Unassigned>) {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut lost = Vec::new();
    let mut cols = Columns::default();
    let mut printed: Option<CatId> = None;
    for (i, row) in rows.iter().enumerate() {
        if is_header_row(row) {
            let c = columns_of(row, vocab);
            if c.name.is_some() {
                cols = c;
            }
            // a header merged down over an indicator row (rowspan) leaves header words on a
            // row that also holds an indicator: read the rest of it
            if !row
                .iter()
                .any(|t| matches!(t.class, Class::Text | Class::Value(_)))
            {
                continue;
            }
        }
        let mut repairs = Vec::new();
        let cells: Vec<Typed> = row
            .iter()
            .filter(|t| !matches!(t.class, Class::Empty | Class::Header))
            .cloned()
            .collect();
        let cells = respan(cells, vocab, &mut repairs);
        let mut last_label: Option<Typed> = None;
        let mut rest: Vec<Typed> = Vec::new();
        for t in cells {
            match t.class {
                Class::Label(m) => {
                    // a level1 label implies a level2 only when it has just one
                    printed = if m.is_level1 && !vocab.is_only_child(m.cat) {
                        None
                    } else {
                        Some(m.cat)
                    };
                    last_label = Some(t);
                }
                _ => rest.push(t),
            }
        }
        // a value merged across columns (colspan, or repeated by docling) counts once
        rest.dedup_by(|b, a| matches!(a.class, Class::Value(_)) && a.text() == b.text());
        let row_no = first_row + i;
        let value_like = |t: &Typed| matches!(t.class, Class::Value(_));
        let (name_t, value_t, extra): (Typed, Option<Typed>, Vec<Typed>) = match rest.len() {
            0 => continue, // a label-only row: no indicator
            1 => {
                let only = rest.remove(0);
                if value_like(&only) {
                    if let Some(label) = last_label.clone() {
                        (label, Some(only), Vec::new())
                    } else if let Some(prev) = drafts.last_mut().filter(|d| d.value.is_none()) {
                        prev.value = Some(only.text().to_string());
                        prev.value_cell = Some(only.cell.clone());
                        prev.repairs.push(Repair {
                            code: "value_next_row",
                            reason: format!("value `{}` stood alone on the next row", only.text()),
                        });
                        continue;
                    } else {
                        lost.push(unassigned(&only, "value with no indicator name"));
                        continue;
                    }
                } else {
                    (only, None, Vec::new())
                }
            }
            2 => {
                let v = rest.pop();
                (rest.remove(0), v, Vec::new())
            }
            _ => {
                let third_is_value = rest.get(2).is_some_and(value_like);
                let second_is_value = rest.get(1).is_some_and(value_like);
                let continues = |a: &Typed, b: &Typed| {
                    b.text()
                        .starts_with(['、', '，', ',', '；', ';', '）', ')'])
                        || a.text().ends_with(['、', '，', ',', '（', '('])
                        || vocab
                            .indicator(&format!("{}{}", a.text(), b.text()))
                            .is_some_and(|m| m.is_exact())
                };
                let split_name = match (rest.first(), rest.get(1)) {
                    (Some(a), Some(b)) => !second_is_value && (third_is_value || continues(a, b)),
                    _ => false,
                };
                if split_name {
                    // a name split across two cells
                    let a = rest.remove(0);
                    let b = rest.remove(0);
                    let joined = format!("{}{}", a.text(), b.text());
                    repairs.push(Repair {
                        code: "name_split",
                        reason: format!("`{}` + `{}` joined into one name", a.text(), b.text()),
                    });
                    let mut name = a;
                    name.cell.text = joined;
                    let v = rest.remove(0);
                    (name, Some(v), rest)
                } else {
                    let n = rest.remove(0);
                    let v = rest.remove(0);
                    (n, Some(v), rest)
                }
            }
        };
        for t in &extra {
            lost.push(unassigned(t, "extra cell after the indicator's value"));
        }
        let own_label = match &name_t.class {
            Class::Label(m) => Some(m.cat),
            _ => vocab.label(name_t.text()).map(|m| m.cat),
        };
        let mut aligned = true;
        if let (Some(nc), false) = (cols.name, own_label.is_some()) {
            if name_t.col != nc {
                aligned = false;
                repairs.push(Repair {
                    code: "cell_shift",
                    reason: format!(
                        "name stood in column {} (三级指标 is column {})",
                        name_t.col + 1,
                        nc + 1
                    ),
                });
            }
        }
        if let (Some(vc), Some(v)) = (cols.value, value_t.as_ref()) {
            if v.col > vc && (own_label.is_some() || aligned) {
                repairs.push(Repair {
                    code: "value_extra_column",
                    reason: format!(
                        "value stood in column {} (指标值 is column {})",
                        v.col + 1,
                        vc + 1
                    ),
                });
            }
        }
        let mut name = trim_name(name_t.text()).to_string();
        if let Some(m) = vocab.indicator(&name).filter(|m| m.is_exact()) {
            if m.name != name
                && vocab.key(&m.name) == vocab.key(&name)
                && differs_by_lookalike(&m.name, &name)
            {
                repairs.push(Repair {
                    code: "lookalike",
                    reason: format!("`{name}` read as `{}` (OCR look-alike characters)", m.name),
                });
                name = m.name.clone();
            }
        }
        let mut value = value_t.as_ref().map(|t| t.text().trim().to_string());
        if let Some(v) = value.as_deref() {
            if !matches!(vocab.value_class(v), ValueClass::Quantitative(_)) {
                if let Some(fixed) = fix_value_digits(v) {
                    if matches!(vocab.value_class(&fixed), ValueClass::Quantitative(_)) {
                        repairs.push(Repair {
                            code: "lookalike_digits",
                            reason: format!("`{v}` read as `{fixed}` (look-alike digits)"),
                        });
                        value = Some(fixed);
                    }
                }
            }
        }
        drafts.push(Draft {
            name,
            name_cell: name_t.cell.clone(),
            value,
            value_cell: value_t.map(|t| t.cell),
            printed: if own_label.is_some()
                && last_label.as_ref().is_some_and(|l| l.cell == name_t.cell)
            {
                own_label
            } else {
                printed
            },
            own_label,
            aligned,
            label_on_row: last_label.is_some(),
            repairs,
            row: row_no,
        });
    }
    (drafts, lost)
}

/// Whether two texts with equal keys differ in more than punctuation width and spacing (so the
/// difference is look-alike characters).
fn differs_by_lookalike(a: &str, b: &str) -> bool {
    let plain = |s: &str| crate::normalize::fold(s, &Default::default());
    plain(a) != plain(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::classify_row;
    use crate::grid::pipe::split_row;

    fn drafts(lines: &[&str]) -> (Vec<Draft>, Vec<Unassigned>, Vocab) {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let rows: Vec<Vec<Typed>> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| classify_row(&split_row(l, i + 1, 0), &v))
            .collect();
        let (d, u) = read_rows(&rows, 0, &v);
        (d, u, v)
    }

    #[test]
    fn shifted_rows_and_label_rows() {
        let (d, u, v) = drafts(&[
            "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |",
            "| | 产出指标 | 数量指标 | 培训场次 | ≥1场 |",
            "| 案件结案率 | ≥92% | | | |",
            "| | 质量指标 | | | |",
            "| | 效益指标 | 经济效益指标 | 经济效益指标 | 不适用 |",
            "| | | | 社会效益指标 | 对人才公共服务能力及水平的提升 |",
        ]);
        let names: Vec<(&str, Option<&str>)> = d
            .iter()
            .map(|d| (d.name.as_str(), d.value.as_deref()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("培训场次", Some("≥1场")),
                ("案件结案率", Some("≥92%")),
                ("经济效益指标", Some("不适用")),
                ("对人才公共服务能力及水平的提升", None),
            ]
        );
        assert!(d[1].repairs.iter().any(|r| r.code == "cell_shift"));
        assert!(d[0].repairs.is_empty());
        assert_eq!(d[2].own_label, v.label("经济效益指标").map(|m| m.cat));
        assert_eq!(d[3].printed, v.label("社会效益指标").map(|m| m.cat));
        assert!(u.is_empty());
    }

    #[test]
    fn extra_column_split_name_and_lookalikes() {
        let (d, u, _) = drafts(&[
            "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |",
            "| | | | 培训场次 | | ≥1场 |",
            "| | | | 培训计划按期 | 完成率 | ≥1O0% |",
            "| | | | 己完工升级改造信息系统验收合格率 | ≥100% |",
            "| | | | 仲裁业务次数 | ≤300次 | 多余 |",
            "| | | | 某项合格率 | 100% | 100% |",
        ]);
        assert!(d[0].repairs.iter().any(|r| r.code == "value_extra_column"));
        assert_eq!(d[1].name, "培训计划按期完成率");
        assert_eq!(d[1].value.as_deref(), Some("≥100%"));
        assert_eq!(d[2].name, "已完工升级改造信息系统验收合格率");
        assert_eq!(u.len(), 1, "{u:?}");
        assert_eq!(d[4].value.as_deref(), Some("100%"));
    }
}
