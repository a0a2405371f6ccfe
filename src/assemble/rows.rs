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
use crate::model::{Cell, Repair, RepairKind, Unassigned};
use crate::normalize::trim_name;
use crate::vocab::classify::{is_header_row, Class, Typed};
use crate::vocab::{fix_value_digits, CatId, Known, ValueClass, Vocab};

/// An indicator before categories are decided.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Name and value carry their memo entries: each is asked about a dozen times.
    pub name: Known,
    pub name_cell: Cell,
    pub value: Option<Known>,
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

impl Draft {
    /// A draft with just a name and a value, aligned, no labels or repairs (for tests).
    #[cfg(test)]
    pub(crate) fn plain(name: &str, value: Option<&str>) -> Draft {
        Draft {
            name: name.into(),
            name_cell: Cell::default(),
            value: value.map(Known::from),
            value_cell: None,
            printed: None,
            own_label: None,
            aligned: true,
            label_on_row: false,
            repairs: Vec::new(),
            row: 0,
        }
    }
}

/// Column positions the header row gives (一级指标, 二级指标, 三级指标, 指标值).
#[derive(Debug, Clone, Default)]
struct Columns {
    name: Option<usize>,
    value: Option<usize>,
    /// A 指标性质 column (`≥`, `≤`, `=`, 定性) and a 度量单位 column (`%`, `人`), in templates
    /// that print a target in three cells.
    op: Option<usize>,
    unit: Option<usize>,
    /// Header words after 指标值 (分值, 权重, 备注 …): columns that belong to no indicator field.
    side: Vec<(usize, String)>,
    /// Cells in the header row.
    width: usize,
}

fn columns_of(row: &[Typed], vocab: &Vocab) -> Columns {
    let find = |word: &str| {
        let k = vocab.key(word);
        row.iter().find(|t| vocab.key(*t) == k).map(|t| t.col)
    };
    let value = find("指标值");
    let op = find("指标性质");
    let unit = find("度量单位").or_else(|| find("计量单位"));
    let side = row
        .iter()
        .filter(|t| t.class == Class::Header && value.is_some_and(|v| t.col > v))
        .filter(|t| Some(t.col) != unit)
        .map(|t| (t.col, t.text().to_string()))
        .collect();
    Columns {
        name: find("三级指标"),
        value,
        op,
        unit,
        side,
        width: row.len(),
    }
}

/// The target a row prints across a 指标性质 / 指标值 / 度量单位 triple, as one value:
/// `≥` `12000` `人` → `≥12000人`; `=` is implied and dropped, a 定性/定量 marker is no part of
/// the value.
fn composed_value(op: Option<&str>, value: &str, unit: Option<&str>) -> String {
    let op = op
        .map(str::trim)
        .filter(|o| !o.is_empty() && o.chars().all(|c| "≥≤><≧≦＞＜".contains(c)))
        .unwrap_or("");
    let op = if value.starts_with(|c: char| "≥≤><≧≦＞＜=".contains(c)) {
        ""
    } else {
        op
    };
    let unit = unit.map(str::trim).unwrap_or("");
    let unit = if value.ends_with(unit) { "" } else { unit };
    format!("{op}{value}{unit}")
}

impl Columns {
    /// The side-column header a cell stands under, when its row lines up with the header row
    /// (same width; a shifted row is read by content alone).
    fn side_of(&self, row_width: usize, t: &Typed) -> Option<&str> {
        if row_width != self.width {
            return None;
        }
        self.side
            .iter()
            .find(|(c, _)| *c == t.col)
            .map(|(_, h)| h.as_str())
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
    rows: Vec<Vec<Typed>>,
    first_row: usize,
    vocab: &Vocab,
) -> (Vec<Draft>, Vec<Unassigned>) {
    let mut drafts: Vec<Draft> = Vec::with_capacity(rows.len());
    let mut lost = Vec::new();
    let mut cols = Columns::default();
    let mut printed: Option<CatId> = None;
    for (i, row) in rows.into_iter().enumerate() {
        if is_header_row(&row) {
            let c = columns_of(&row, vocab);
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
        let width = row.len();
        let aligned_row = width == cols.width;
        // the row's own cells, in place: blanks and header words dropped, a sign or unit
        // column's cell taken out, side-column cells reported
        let mut cells = row;
        cells.retain(|t| !matches!(t.class, Class::Empty | Class::Header));
        let take_col = |cells: &mut Vec<Typed>, col: Option<usize>| {
            let c = col.filter(|_| aligned_row)?;
            let i = cells.iter().position(|t| t.col == c)?;
            Some(cells.remove(i))
        };
        let op_t = take_col(&mut cells, cols.op);
        let unit_t = take_col(&mut cells, cols.unit);
        for t in cells.extract_if(.., |t| cols.side_of(width, t).is_some()) {
            let h = cols.side_of(width, &t).unwrap_or_default();
            lost.push(unassigned(&t, &format!("in the `{h}` column")));
        }
        // the row's labels: the last one is in force from here on (each overrides the one
        // before); the other cells are the indicator's
        let mut rest = respan(cells, vocab, &mut repairs);
        let is_label = |t: &Typed| matches!(t.class, Class::Label(_));
        let last_label = rest.iter().rposition(is_label).map(|i| rest.remove(i));
        if let Some(Class::Label(m)) = last_label.as_ref().map(|t| &t.class) {
            // a level1 label implies a level2 only when it has just one
            printed = if m.is_level1 && !vocab.is_only_child(m.cat) {
                None
            } else {
                Some(m.cat)
            };
        }
        rest.retain(|t| !is_label(t));
        // a value merged across columns (colspan, or repeated by docling) counts once
        rest.dedup_by(|b, a| matches!(a.class, Class::Value(_)) && a.text() == b.text());
        let row_no = first_row + i;
        let value_like = |t: &Typed| matches!(t.class, Class::Value(_));
        let (name_t, mut value_t, extra): (Typed, Option<Typed>, Vec<Typed>) = match rest.len() {
            0 => continue, // a label-only row: no indicator
            1 => {
                let only = rest.remove(0);
                if value_like(&only) {
                    if let Some(label) = last_label.clone() {
                        (label, Some(only), Vec::new())
                    } else if let Some(prev) = drafts.last_mut().filter(|d| d.value.is_none()) {
                        prev.value = Some(vocab.known(only.text().to_string()));
                        prev.value_cell = Some(only.cell.clone());
                        prev.repairs.push(Repair {
                            kind: RepairKind::ValueNextRow,
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
                        kind: RepairKind::NameSplit,
                        reason: format!("`{}` + `{}` joined into one name", a.text(), b.text()),
                    });
                    let mut name = a;
                    name.set_text(joined);
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
            _ => vocab.label(&name_t).map(|m| m.cat),
        };
        let mut aligned = true;
        if let (Some(nc), false) = (cols.name, own_label.is_some()) {
            if name_t.col != nc {
                aligned = false;
                repairs.push(Repair {
                    kind: RepairKind::CellShift,
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
                    kind: RepairKind::ValueExtraColumn,
                    reason: format!(
                        "value stood in column {} (指标值 is column {})",
                        v.col + 1,
                        vc + 1
                    ),
                });
            }
        }
        let mut name = vocab.known_from(trim_name(name_t.text()).to_string(), &name_t);
        if let Some(m) = vocab.indicator(&name).filter(|m| m.is_exact()) {
            if *m.name != *name
                && vocab.key(&m.name) == vocab.key(&name)
                && vocab.plain_key(&m.name) != vocab.plain_key(&name)
            {
                repairs.push(Repair {
                    kind: RepairKind::Lookalike,
                    reason: format!("`{name}` read as `{}` (OCR look-alike characters)", m.name),
                });
                name = vocab.known(m.name.to_string());
            }
        }
        let mut glued: Option<String> = None;
        if value_t.is_none() && own_label.is_none() {
            if let Some((n, v)) = split_glued_value(&name, vocab) {
                repairs.push(Repair {
                    kind: RepairKind::ValueGlued,
                    reason: format!("`{name}` split into the name `{n}` and the value `{v}`"),
                });
                name = vocab.known(n);
                glued = Some(v);
            }
        }
        let glued_cell = glued.as_ref().map(|_| name_t.cell.clone());
        if let (Some(v), true) = (value_t.as_ref(), op_t.is_some() || unit_t.is_some()) {
            let op = op_t.as_ref().map(Typed::text);
            let unit = unit_t.as_ref().map(Typed::text);
            let whole = composed_value(op, v.text().trim(), unit);
            {
                repairs.push(Repair {
                    kind: RepairKind::ValueComposed,
                    reason: format!(
                        "指标性质 `{}` + 指标值 `{}` + 度量单位 `{}` read as `{whole}`",
                        op.unwrap_or(""),
                        v.text().trim(),
                        unit.unwrap_or("")
                    ),
                });
                if let Some(vt) = value_t.as_mut() {
                    vt.set_text(whole);
                }
            }
        } else {
            for t in op_t.iter().chain(unit_t.iter()) {
                lost.push(unassigned(
                    t,
                    "a target's sign or unit with no target value",
                ));
            }
        }
        let mut value = match (value_t.as_ref(), glued) {
            (Some(t), _) => Some(vocab.known_from(t.text().trim().to_string(), t)),
            (None, glued) => glued.map(|g| vocab.known(g)),
        };
        let digits_fixed = value
            .as_ref()
            .filter(|v| !matches!(*vocab.value_class(*v), ValueClass::Quantitative(_)))
            .and_then(|v| fix_value_digits(v))
            .map(|fixed| vocab.known(fixed))
            .filter(|fixed| matches!(*vocab.value_class(fixed), ValueClass::Quantitative(_)));
        if let Some(fixed) = digits_fixed {
            repairs.push(Repair {
                kind: RepairKind::LookalikeDigits,
                reason: format!(
                    "`{}` read as `{fixed}` (look-alike digits)",
                    value.as_deref().unwrap_or_default()
                ),
            });
            value = Some(fixed);
        }
        // a name that is the row's label in force stands for that category
        let draft_printed =
            if own_label.is_some() && last_label.as_ref().is_some_and(|l| l.cell == name_t.cell) {
                own_label
            } else {
                printed
            };
        drafts.push(Draft {
            name,
            name_cell: name_t.cell,
            value,
            value_cell: value_t.map(|t| t.cell).or(glued_cell),
            printed: draft_printed,
            own_label,
            aligned,
            label_on_row: last_label.is_some(),
            repairs,
            row: row_no,
        });
    }
    (drafts, lost)
}

/// Characters a name keeps when a glued value is split off it.
const MIN_GLUED_NAME_CHARS: usize = 4;

/// A name with its quantitative target glued on in one cell (`参保人数≥50万人`,
/// `资金拨付及时率 100%`): the name and the value, when the tail is a quantity (or number) that
/// opens with a comparison sign, is set off by a space, or ends in `%`, and the head keeps
/// `MIN_GLUED_NAME_CHARS` characters. A name the vocabulary knows whole is never split.
fn split_glued_value(text: &Known, vocab: &Vocab) -> Option<(String, String)> {
    if vocab.indicator(text).is_some_and(|m| m.is_exact()) {
        return None;
    }
    let is_op = |c: char| "≥≤＞＜><=≧≦".contains(c);
    for (i, c) in text.char_indices().skip(1) {
        if !(is_op(c) || c.is_ascii_digit()) {
            continue;
        }
        let (Some(head), Some(tail)) = (text.get(..i), text.get(i..)) else {
            continue;
        };
        let name = head.trim_end();
        let tail = tail.trim();
        let spaced = name.len() != head.len();
        if name.chars().count() < MIN_GLUED_NAME_CHARS
            || name.ends_with(|p: char| p.is_ascii_digit() || is_op(p) || p == '.')
            || !(is_op(c) || spaced || tail.ends_with('%'))
        {
            continue;
        }
        if matches!(
            *vocab.value_class(tail),
            ValueClass::Quantitative(_) | ValueClass::Numeric
        ) {
            return Some((name.to_string(), tail.to_string()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::pipe::split_row;
    use crate::vocab::classify::classify_row;

    fn drafts(lines: &[&str]) -> (Vec<Draft>, Vec<Unassigned>, Vocab) {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let rows: Vec<Vec<Typed>> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| classify_row(split_row(l, i + 1, 0), &v))
            .collect();
        let (d, u) = read_rows(rows, 0, &v);
        (d, u, v)
    }

    #[test]
    fn sign_value_and_unit_columns_make_one_value() {
        assert_eq!(composed_value(Some("≥"), "12000", Some("人")), "≥12000人");
        assert_eq!(composed_value(Some("="), "100", Some("%")), "100%");
        assert_eq!(
            composed_value(Some("定性"), "逐步改善", Some("")),
            "逐步改善"
        );
        assert_eq!(composed_value(Some("≥"), "≥90%", Some("%")), "≥90%");
        let (d, u, _) = drafts(&[
            "| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |",
            "| 产出指标 | 数量指标 | 受益学生人数 | ≥ | 12000 | 人 |",
            "| | | 补助资金发放及时率 | = | 100 | % |",
        ]);
        let got: Vec<Option<&str>> = d.iter().map(|x| x.value.as_deref()).collect();
        assert_eq!(got, [Some("≥12000人"), Some("100%")]);
        assert!(u.is_empty(), "{u:?}");
        assert_eq!(
            d[0].repairs.last().map(|r| r.code()),
            Some("value_composed")
        );
    }

    #[test]
    fn a_value_glued_to_its_name_is_split_off() {
        let (d, _, _) = drafts(&[
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
            "| 产出指标 | 数量指标 | 参保人数≥50万人 | |",
            "| | 时效指标 | 资金拨付及时率 100% | |",
            "| | 数量指标 | 培训2期学员人数 | |",
        ]);
        let got: Vec<(&str, Option<&str>)> = d
            .iter()
            .map(|x| (x.name.as_str(), x.value.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("参保人数", Some("≥50万人")),
                ("资金拨付及时率", Some("100%")),
                ("培训2期学员人数", None),
            ]
        );
        assert_eq!(d[0].repairs.last().map(|r| r.code()), Some("value_glued"));
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
        assert!(d[1].repairs.iter().any(|r| r.code() == "cell_shift"));
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
        assert!(d[0]
            .repairs
            .iter()
            .any(|r| r.code() == "value_extra_column"));
        assert_eq!(d[1].name, "培训计划按期完成率");
        assert_eq!(d[1].value.as_deref(), Some("≥100%"));
        assert_eq!(d[2].name, "已完工升级改造信息系统验收合格率");
        assert_eq!(u.len(), 1, "{u:?}");
        assert_eq!(d[4].value.as_deref(), Some("100%"));
    }
}
