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

use super::repair::respan::respan;
use super::repair::{
    cell_shift, composed_value, glued_value, lookalike, lookalike_digits, name_split,
    value_extra_column, value_next_row,
};
use crate::model::{Cell, ColumnRole, Repair, Unassigned};
use crate::normalize::trim_name;
use crate::vocab::classify::{is_header_row, Class, Typed};
use crate::vocab::{CatId, Known, Vocab};

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
    /// The name keeps an OCR look-alike character that no known text settles (`lookalike`).
    pub unsettled: bool,
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
            unsettled: false,
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
    // the first of a role's header words (`[column]`, in order) that the row prints
    let find = |role: ColumnRole| {
        vocab
            .column_words(role)
            .iter()
            .find_map(|word| row.iter().find(|t| *vocab.key(*t) == **word).map(|t| t.col))
    };
    let value = find(ColumnRole::Value);
    let op = find(ColumnRole::Operator);
    let unit = find(ColumnRole::Unit);
    let side = row
        .iter()
        .filter(|t| t.class == Class::Header && value.is_some_and(|v| t.col > v))
        .filter(|t| Some(t.col) != unit)
        .map(|t| (t.col, t.text().to_string()))
        .collect();
    Columns {
        name: find(ColumnRole::Name),
        value,
        op,
        unit,
        side,
        width: row.len(),
    }
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
    let mut reader = RowReader {
        vocab,
        cols: Columns::default(),
        printed: None,
        drafts: Vec::with_capacity(rows.len()),
        lost: Vec::new(),
    };
    for (i, row) in rows.into_iter().enumerate() {
        if is_header_row(&row) {
            let c = columns_of(&row, vocab);
            if c.name.is_some() {
                reader.cols = c;
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
        reader.read_row(row, first_row + i);
    }
    (reader.drafts, reader.lost)
}

/// The state carried from row to row of one indicator block.
struct RowReader<'v> {
    vocab: &'v Vocab,
    cols: Columns,
    /// The level2 label in force (the last one printed).
    printed: Option<CatId>,
    drafts: Vec<Draft>,
    lost: Vec<Unassigned>,
}

/// A row's cells by role: the name, the value, and cells past the value.
type Roles = (Typed, Option<Typed>, Vec<Typed>);

impl RowReader<'_> {
    /// The row's own cells, in place: blanks and header words dropped, a sign or unit column's
    /// cell taken out (returned first), side-column cells reported.
    fn own_cells(&mut self, row: Vec<Typed>) -> (Option<Typed>, Option<Typed>, Vec<Typed>) {
        let width = row.len();
        let aligned_row = width == self.cols.width;
        let mut cells = row;
        cells.retain(|t| !matches!(t.class, Class::Empty | Class::Header));
        let take_col = |cells: &mut Vec<Typed>, col: Option<usize>| {
            let c = col.filter(|_| aligned_row)?;
            let i = cells.iter().position(|t| t.col == c)?;
            Some(cells.remove(i))
        };
        let op_t = take_col(&mut cells, self.cols.op);
        let unit_t = take_col(&mut cells, self.cols.unit);
        let cols = &self.cols;
        for t in cells.extract_if(.., |t| cols.side_of(width, t).is_some()) {
            let h = cols.side_of(width, &t).unwrap_or_default();
            self.lost
                .push(unassigned(&t, &format!("in the `{h}` column")));
        }
        (op_t, unit_t, cells)
    }

    /// Takes the row's category labels out of `cells`: the last one is in force from here on
    /// (each overrides the one before) and is returned.
    fn take_labels(&mut self, cells: &mut Vec<Typed>) -> Option<Typed> {
        let is_label = |t: &Typed| matches!(t.class, Class::Label(_));
        let last_label = cells.iter().rposition(is_label).map(|i| cells.remove(i));
        if let Some(Class::Label(m)) = last_label.as_ref().map(|t| &t.class) {
            // a level1 label implies a level2 only when it has just one
            self.printed = if m.is_level1 && !self.vocab.is_only_child(m.cat) {
                None
            } else {
                Some(m.cat)
            };
        }
        cells.retain(|t| !is_label(t));
        last_label
    }

    /// Name, value and extra cells of a row's indicator cells, by count and content; `None`
    /// when the row makes no record of its own (no cells, or a lone value that joined the
    /// record above or was reported).
    fn roles(
        &mut self,
        mut rest: Vec<Typed>,
        last_label: Option<&Typed>,
        repairs: &mut Vec<Repair>,
    ) -> Option<Roles> {
        let value_like = |t: &Typed| matches!(t.class, Class::Value(_));
        match rest.len() {
            0 => None, // a label-only row: no indicator
            1 => {
                let only = rest.remove(0);
                if !value_like(&only) {
                    Some((only, None, Vec::new()))
                } else if let Some(label) = last_label {
                    Some((label.clone(), Some(only), Vec::new()))
                } else {
                    if !value_next_row::attach(self.drafts.last_mut(), &only, self.vocab) {
                        self.lost
                            .push(unassigned(&only, "value with no indicator name"));
                    }
                    None
                }
            }
            2 => {
                let v = rest.pop();
                Some((rest.remove(0), v, Vec::new()))
            }
            _ => {
                let name = match name_split::join(&mut rest, self.vocab, repairs) {
                    Some(name) => name,
                    None => rest.remove(0),
                };
                let v = rest.remove(0);
                Some((name, Some(v), rest))
            }
        }
    }

    /// Reads one indicator row (see the module doc) into a draft, running each repair.
    fn read_row(&mut self, row: Vec<Typed>, row_no: usize) {
        let vocab = self.vocab;
        let mut repairs = Vec::new();
        let (op_t, unit_t, cells) = self.own_cells(row);
        let mut rest = respan(cells, vocab, &mut repairs);
        let last_label = self.take_labels(&mut rest);
        // a value merged across columns (colspan, or repeated by docling) counts once
        rest.dedup_by(|b, a| matches!(a.class, Class::Value(_)) && a.text() == b.text());
        let Some((name_t, mut value_t, extra)) =
            self.roles(rest, last_label.as_ref(), &mut repairs)
        else {
            return;
        };
        for t in &extra {
            self.lost
                .push(unassigned(t, "extra cell after the indicator's value"));
        }
        let own_label = match &name_t.class {
            Class::Label(m) => Some(m.cat),
            _ => vocab.label(&name_t).map(|m| m.cat),
        };
        let aligned = cell_shift::check(&name_t, self.cols.name, own_label.is_some(), &mut repairs);
        let in_place = own_label.is_some() || aligned;
        value_extra_column::check(value_t.as_ref(), self.cols.value, in_place, &mut repairs);
        let name = vocab.known_from(trim_name(name_t.text()).to_string(), &name_t);
        let mut name = lookalike::fix_name(name, vocab, &mut repairs);
        let glued = match (&value_t, own_label) {
            (None, None) => glued_value::split(&mut name, vocab, &mut repairs),
            _ => None,
        };
        let glued_cell = glued.as_ref().map(|_| name_t.cell.clone());
        match value_t.as_mut() {
            Some(v) if op_t.is_some() || unit_t.is_some() => {
                composed_value::compose(v, op_t.as_ref(), unit_t.as_ref(), &mut repairs)
            }
            _ => {
                for t in op_t.iter().chain(unit_t.iter()) {
                    self.lost.push(unassigned(
                        t,
                        "a target's sign or unit with no target value",
                    ));
                }
            }
        }
        let value = match (value_t.as_ref(), glued) {
            (Some(t), _) => Some(vocab.known_from(t.text().trim().to_string(), t)),
            (None, glued) => glued.map(|g| vocab.known(g)),
        };
        let value = lookalike_digits::fix(value, vocab, &mut repairs);
        // a name that is the row's label in force stands for that category
        let printed =
            if own_label.is_some() && last_label.as_ref().is_some_and(|l| l.cell == name_t.cell) {
                own_label
            } else {
                self.printed
            };
        self.drafts.push(Draft {
            name,
            name_cell: name_t.cell,
            value,
            value_cell: value_t.map(|t| t.cell).or(glued_cell),
            printed,
            own_label,
            aligned,
            label_on_row: last_label.is_some(),
            repairs,
            row: row_no,
            unsettled: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::pipe::split_row;
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
