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

use super::closing;
use super::columns::{self, Columns};
pub use super::draft::Draft;
use super::repair::respan::respan;
use super::repair::{
    cell_shift, composed_value, glued_value, lookalike, lookalike_digits, name_next_row,
    name_split, value_extra_column, value_next_row, value_spill,
};
use crate::model::{Cell, ColumnRole, Conclusion, Fields, Repair, RepairKind, Unassigned};
use crate::normalize::trim_name;
use crate::vocab::classify::{Class, Typed};
use crate::vocab::{CatId, Known, Vocab};

fn unassigned(t: &Typed, reason: &str) -> Unassigned {
    Unassigned {
        line: t.cell.span.line,
        col: t.cell.span.col,
        text: t.text().to_string(),
        reason: reason.to_string(),
    }
}

/// What the indicator block gives: the drafts, the cells that fed none, and the closing
/// block (总分, 自评等级, 评价结论) when the form prints one.
pub struct RowsRead {
    pub drafts: Vec<Draft>,
    pub lost: Vec<Unassigned>,
    pub conclusion: Option<Conclusion>,
    /// A header named a column only self-evaluation forms print (实际完成值, 得分).
    pub evaluates: bool,
}

/// Reads the indicator block (see the module doc) of a form of `year`.
pub fn read_rows(
    rows: Vec<Vec<Typed>>,
    first_row: usize,
    year: Option<i32>,
    vocab: &Vocab,
) -> RowsRead {
    let mut reader = RowReader {
        vocab,
        cols: Columns::default(),
        printed: None,
        printed_key: None,
        drafts: Vec::with_capacity(rows.len()),
        lost: Vec::new(),
    };
    let mut conclusion: Option<Conclusion> = None;
    let mut evaluates = false;
    let mut after_header = false;
    // blocks of long-term indicators (长期绩效指标): (first draft, end) and the one open
    let mut long_blocks: Vec<(usize, usize)> = Vec::new();
    let mut long_open: Option<usize> = None;
    // a row of closing keys whose values stand on the row below (总分 | 自评等级 | 评价结论)
    let mut closing_keys = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        if std::mem::take(&mut after_header)
            && (reader.cols.join_split(&row, vocab) || reader.cols.refine(&row, vocab, year))
        {
            for t in row
                .iter()
                .filter(|t| !matches!(t.class, Class::Empty | Class::Header))
            {
                reader
                    .lost
                    .push(unassigned(t, "a sub-header of the value column"));
            }
            continue;
        }
        // the row below a row of closing keys holds their values
        if !closing_keys.is_empty() {
            let keys = std::mem::take(&mut closing_keys);
            if closing::closing_row(&row, vocab).is_none() && !columns::is_header(&row, vocab) {
                closing::read_below(&keys, row, &mut conclusion, &mut reader.lost);
                continue;
            }
        }
        if let Some(kind) = closing::closing_row(&row, vocab) {
            if let Some(keys) = closing::key_row(&row, vocab) {
                closing_keys = keys;
                continue;
            }
            closing::read(
                kind,
                row,
                &reader.cols,
                vocab,
                &mut conclusion,
                &mut reader.lost,
            );
            continue;
        }
        if columns::is_header(&row, vocab) {
            // a header merged down over an indicator row (rowspan) leaves header words on a
            // row that also holds an indicator: read the rest of it, under the columns read
            // before it
            let mixed = columns::mixed(&row);
            if !mixed || reader.cols.width == 0 {
                if let Some(c) = Columns::of(&row, vocab) {
                    evaluates |= c.col_of(ColumnRole::Actual).is_some()
                        || c.col_of(ColumnRole::Score).is_some();
                    reader.cols = c;
                    after_header = !mixed;
                }
            }
            if !mixed {
                let at = reader.drafts.len();
                if let Some(start) = long_open.take() {
                    long_blocks.push((start, at));
                }
                if row.iter().any(|t| vocab.family().is_long_term(t.text())) {
                    long_open = Some(at);
                    continue;
                }
                // the header of a column the vocabulary cannot name is reported, not lost
                for t in row
                    .iter()
                    .filter(|t| !matches!(t.class, Class::Empty | Class::Header))
                {
                    reader.lost.push(unassigned(
                        t,
                        "the header of a column the vocabulary cannot name",
                    ));
                }
                continue;
            }
        }
        reader.read_row(row, first_row + i);
    }
    if let Some(start) = long_open {
        long_blocks.push((start, reader.drafts.len()));
    }
    reader.drop_long_term(&long_blocks);
    RowsRead {
        drafts: reader.drafts,
        lost: reader.lost,
        conclusion,
        evaluates,
    }
}

/// The state carried from row to row of one indicator block.
struct RowReader<'v> {
    vocab: &'v Vocab,
    cols: Columns,
    /// The level2 label in force (the last one printed), and its key as printed.
    printed: Option<CatId>,
    printed_key: Option<std::rc::Rc<str>>,
    drafts: Vec<Draft>,
    lost: Vec<Unassigned>,
}

/// A row's cells by role: the name, the value, and cells past the value.
type Roles = (Typed, Option<Typed>, Vec<Typed>);

/// Name and value of a row read in the header's own order: under a header that prints the
/// value column before the name column (`年度指标值 | 三级指标`), the row's first two cells are
/// value then name (`≥42 | 保洁河道长度`). Rows of other headers, and a category label standing
/// for the name, come back as they are.
fn value_first(
    name: Typed,
    value: Option<Typed>,
    name_col: Option<usize>,
    value_col: Option<usize>,
) -> (Typed, Option<Typed>) {
    match (name_col, value_col, value) {
        (Some(nc), Some(vc), Some(v))
            if vc < nc && name.col < v.col && !matches!(name.class, Class::Label(_)) =>
        {
            (v, Some(name))
        }
        (_, _, value) => (name, value),
    }
}

/// A category label printed before the name in one cell, a space between (`成本指标
/// 单座桥梁平均检测费用`, the OCR joined two columns): the label becomes a cell of its own, in
/// front of the name, so it is read as the row's label (a `label_spill` repair).
fn split_printed_label(cells: &mut Vec<Typed>, vocab: &Vocab, repairs: &mut Vec<Repair>) {
    let Some(i) = cells.iter().position(|t| {
        t.class == Class::Text
            && t.text()
                .split_once(char::is_whitespace)
                .is_some_and(|(head, tail)| {
                    tail.trim().chars().count() >= 2
                        && vocab.label(head).is_some()
                        && vocab.label(tail.trim()).is_none()
                })
    }) else {
        return;
    };
    let Some(t) = cells.get(i) else { return };
    let Some((head, tail)) = t.text().split_once(char::is_whitespace) else {
        return;
    };
    let (head, tail) = (head.to_string(), tail.trim().to_string());
    let mut label = Cell {
        text: head.clone(),
        span: t.cell.span,
    };
    label.span.end = label.span.start + head.len();
    let mut name = t.cell.clone();
    name.text = tail.clone();
    let col = t.col;
    repairs.push(Repair::new(
        RepairKind::LabelSpill,
        format!("the label `{head}` printed in the name's cell before `{tail}`"),
    ));
    cells.splice(
        i..=i,
        [Typed::new(label, col, vocab), Typed::new(name, col, vocab)],
    );
}

impl RowReader<'_> {
    /// The row's own cells, in place: blanks and header words dropped, and in a row that lines
    /// up with the header the cells of the columns that are no part of the name or value
    /// (operator, unit, weight …) taken out (`columns::Taken`).
    fn own_cells(&mut self, row: Vec<Typed>) -> (columns::Taken, Vec<Typed>) {
        // a row narrower than the header keeps its column cells too (`Columns::shift_of`)
        let shift = if self.cols.aligned(&row) {
            Some(0)
        } else {
            self.cols.shift_of(&row, self.vocab)
        };
        let mut cells = row;
        // a row the OCR moved by one column is put back in place first
        if shift == Some(0) {
            self.cols.realign(&mut cells, self.vocab);
        }
        cells.retain(|t| !matches!(t.class, Class::Empty | Class::Header));
        let taken = match shift {
            Some(s) => self.cols.take(&mut cells, s, self.vocab),
            None => columns::Taken::default(),
        };
        (taken, cells)
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
            self.printed_key = match (&self.printed, &last_label) {
                (Some(_), Some(l)) => Some(self.vocab.key(l)),
                _ => None,
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
                let (nc, vc) = (self.cols.name, self.cols.value);
                let name = match name_split::join(&mut rest, nc, vc, self.vocab, repairs) {
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
        let (taken, cells) = self.own_cells(row);
        let value_col = taken.value_col.or(self.cols.value);
        let unit_header = taken.unit_header;
        let places = taken.places;
        let (op_t, unit_t, mut fields, taken_cells) =
            (taken.op, taken.unit, taken.fields, taken.cells);
        let mut rest = respan(cells, vocab, &mut repairs);
        split_printed_label(&mut rest, vocab, &mut repairs);
        let last_label = self.take_labels(&mut rest);
        value_spill::join_sign(&mut rest, vocab, &mut repairs);
        // a name's wrapped tail alone on this row joins the name above
        let bare = op_t.is_none() && unit_t.is_none() && taken_cells.is_empty();
        if let ([only], None, true) = (rest.as_slice(), &last_label, bare) {
            let name_col = self.cols.name;
            if name_next_row::attach(self.drafts.last_mut(), only, row_no, name_col, vocab) {
                return;
            }
        }
        // a value merged across columns (colspan, or repeated by docling) counts once, and so
        // does any cell the HTML reader copied over the columns it spans (a name in colspan 2)
        rest.dedup_by(|b, a| {
            (matches!(a.class, Class::Value(_)) && a.text() == b.text())
                || super::closing::merged_copy(a, b)
        });
        let Some((name_t, value_t, mut extra)) =
            self.roles(rest, last_label.as_ref(), &mut repairs)
        else {
            for t in &taken_cells {
                self.lost
                    .push(unassigned(t, "a column's cell on a row with no indicator"));
            }
            return;
        };
        let (name_t, mut value_t) = value_first(name_t, value_t, self.cols.name, value_col);
        value_spill::join(value_t.as_mut(), &mut extra, vocab, &mut repairs);
        // template leftovers (`指标2：`, `……`, `/`) make no indicator
        let family = vocab.family();
        let stripped = family.strip_enumerator(name_t.text());
        if family.is_placeholder(stripped)
            || value_t
                .as_ref()
                .is_some_and(|v| family.is_placeholder(v.text()))
        {
            let cells = std::iter::once(&name_t)
                .chain(value_t.as_ref())
                .chain(&extra)
                .chain(&taken_cells);
            for t in cells {
                self.lost
                    .push(unassigned(t, "a blank form's placeholder, no indicator"));
            }
            return;
        }
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
        value_extra_column::check(value_t.as_ref(), value_col, in_place, &mut repairs);
        let name = if stripped.len() == name_t.text().len() {
            vocab.known_from(trim_name(name_t.text()).to_string(), &name_t)
        } else {
            vocab.known(trim_name(stripped).to_string())
        };
        let mut name = lookalike::fix_name(name, vocab, &mut repairs);
        let glued = match (&value_t, own_label) {
            (None, None) => glued_value::split(&mut name, vocab, &mut repairs),
            _ => None,
        };
        let glued_cell = glued.as_ref().map(|_| name_t.cell.clone());
        // a sign or unit with no value stays in the record's fields
        if let Some(v) = value_t
            .as_mut()
            .filter(|_| op_t.is_some() || unit_t.is_some())
        {
            composed_value::compose(v, op_t.as_ref(), unit_t.as_ref(), &mut repairs)
        }
        let value = target_of(value_t.as_ref(), glued, vocab, &mut repairs);
        keep_unit_apart(&mut fields, unit_header, value.as_deref(), vocab);
        // a name that is the row's label in force stands for that category
        let printed =
            if own_label.is_some() && last_label.as_ref().is_some_and(|l| l.cell == name_t.cell) {
                own_label
            } else {
                self.printed
            };
        let draft = Draft {
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
            fields,
            printed_key: if printed == self.printed {
                self.printed_key.clone()
            } else {
                None
            },
        };
        self.push_draft(draft, places);
    }

    /// Drops the drafts of long-term blocks (`long`: draft ranges) when the form also prints
    /// indicators outside them (the year's block): those are the form's targets. A form that
    /// prints only a long-term block keeps it.
    fn drop_long_term(&mut self, long: &[(usize, usize)]) {
        let in_long = |i: usize| long.iter().any(|&(s, e)| (s..e).contains(&i));
        if long.is_empty() || (0..self.drafts.len()).all(in_long) {
            return;
        }
        let drafts = std::mem::take(&mut self.drafts);
        for (i, d) in drafts.into_iter().enumerate() {
            if in_long(i) {
                self.lost.push(Unassigned {
                    line: d.name_cell.span.line,
                    col: d.name_cell.span.col,
                    text: d.name.to_string(),
                    reason: "a long-term indicator; the form prints the year's block too".into(),
                });
            } else {
                self.drafts.push(d);
            }
        }
    }

    /// Keeps a row's draft: one record per place column (东岭镇上洋村 | 东岭镇溪口村 …) when the
    /// row's targets stand under places, else the draft itself (a place cell beside the row's
    /// own value is unassigned).
    fn push_draft(&mut self, draft: Draft, places: Vec<(String, Typed)>) {
        if draft.value.is_none() && !places.is_empty() {
            for (place, t) in places {
                let mut d = draft.clone();
                d.value = Some(self.vocab.known_from(t.text().trim().to_string(), &t));
                d.value_cell = Some(t.cell);
                d.fields.place = Some(place);
                self.drafts.push(d);
            }
            return;
        }
        for (_, t) in &places {
            self.lost.push(unassigned(
                t,
                "a place column's cell beside the row's own value",
            ));
        }
        self.drafts.push(draft);
    }
}

/// The row's target: its value cell as printed (a `=` before a number dropped), else a target
/// glued to the name with `=` (`服务站运营数量=6个`: `=` is implied); look-alike digits and
/// look-alike words repaired.
fn target_of(
    value_t: Option<&Typed>,
    glued: Option<String>,
    vocab: &Vocab,
    repairs: &mut Vec<Repair>,
) -> Option<Known> {
    let value = match (value_t, glued) {
        (Some(t), _) => {
            let printed = t.text().trim();
            let plain = composed_value::without_equals(printed);
            Some(if plain.len() == printed.len() {
                vocab.known_from(printed.to_string(), t)
            } else {
                vocab.known(plain.to_string())
            })
        }
        (None, glued) => glued.map(|g| vocab.known(composed_value::without_equals(&g).to_string())),
    };
    let value = lookalike_digits::fix(value, vocab, repairs);
    lookalike::fix_value(value, vocab, repairs)
}

/// A unit column's cell that is no unit, beside a target it is no part of (`有效提升` beside
/// `水平` or `无`), is kept under its header instead of as the record's unit.
fn keep_unit_apart(fields: &mut Fields, unit_header: String, value: Option<&str>, vocab: &Vocab) {
    if let (Some(u), Some(v)) = (fields.unit.as_deref(), value) {
        if !v.ends_with(u) && !vocab.is_unit(u) {
            if let Some(u) = fields.unit.take() {
                fields.extra.push((unit_header, u));
            }
        }
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
        let r = read_rows(rows, 0, None, &v);
        (r.drafts, r.lost, v)
    }

    /// Each draft's name and value, in order.
    fn pairs(d: &[Draft]) -> Vec<(&str, Option<&str>)> {
        d.iter()
            .map(|x| (x.name.as_str(), x.value.as_deref()))
            .collect()
    }

    #[test]
    fn a_long_term_block_before_the_years_block_makes_no_records() {
        let long = "| 长期绩效指标 | 一级指标 | 二级指标 | 指标内容 | 指标值 |";
        let row = |v: &str| format!("| | 产出指标 | 数量指标 | 改造里程 | {v} |");
        let (l36, l12) = (row("36公里"), row("12公里"));
        let (d, lost, _) = drafts(&[
            long,
            &l36,
            "| 年度绩效指标 | 一级指标 | 二级指标 | 指标内容 | 指标值 |",
            &l12,
        ]);
        assert_eq!(pairs(&d), vec![("改造里程", Some("12公里"))]);
        assert!(lost.iter().any(|u| u.text == "改造里程"));
        // a form printing only the long-term block keeps it
        let (d, _, _) = drafts(&[long, &l36]);
        assert_eq!(pairs(&d), vec![("改造里程", Some("36公里"))]);
    }

    #[test]
    fn a_core_indicator_star_is_no_part_of_the_name() {
        let (d, _, _) = drafts(&[
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
            "| 产出指标 | 数量指标 | ★补贴发放人数 | ≥5200人 |",
            "| | | ☆护理补贴人数 | ≥4100人 |",
        ]);
        assert_eq!(
            pairs(&d),
            vec![
                ("补贴发放人数", Some("≥5200人")),
                ("护理补贴人数", Some("≥4100人"))
            ]
        );
    }

    #[test]
    fn look_alike_letters_in_the_number_still_take_the_unit() {
        let (d, _, _) = drafts(&[
            "| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |",
            "| 产出指标 | 数量指标 | 培训人数 | ≥ | 3OO | 人 |",
        ]);
        assert_eq!(pairs(&d), vec![("培训人数", Some("≥300人"))]);
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
    fn a_name_cut_in_two_cells_pushing_an_unlisted_value_past_its_column_is_joined() {
        // regression (corpus/unseen3 archives-digital-shifted, civil-defence-shifted): the third
        // cell is a value the vocabulary does not list, so the name's second half was the value
        let (d, _, _) = drafts(&[
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
            "| 产出指标 | 质量指标 | 某类数字化 | 成果验收通过 | 一次通过 |",
            "| | 时效指标 | 某类警报试 | 鸣组织时间 | 每年9月第三个星期六 |",
            "| | | 某类备份完成时间 | 2025年11月 | 另注 |",
        ]);
        let got = pairs(&d);
        assert_eq!(
            got,
            [
                ("某类数字化成果验收通过", Some("一次通过")),
                ("某类警报试鸣组织时间", Some("每年9月第三个星期六")),
                ("某类备份完成时间", Some("2025年11月")),
            ]
        );
    }

    #[test]
    fn a_sign_alone_in_its_cell_joins_the_number_after_it() {
        // regression (corpus/unseen4 *-split): `| 在线率 | ≥ | 98% |` read as the name 在线率≥
        // with the value 98%
        let (d, u, _) = drafts(&[
            "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |",
            "| | 产出指标 | 质量指标 | 某类设备在线率 | ≥ | 98% |",
            "| | | | 某类巡查覆盖率 | ≤ | 5% |",
            "| | | | 某类培训人次 | ≥300人次 |",
        ]);
        assert_eq!(
            pairs(&d),
            [
                ("某类设备在线率", Some("≥98%")),
                ("某类巡查覆盖率", Some("≤5%")),
                ("某类培训人次", Some("≥300人次")),
            ]
        );
        assert!(u.is_empty(), "{u:?}");
        assert_eq!(d[0].repairs.last().map(|r| r.code()), Some("value_split"));
    }

    #[test]
    fn a_names_wrapped_tail_alone_on_the_next_row_joins_it() {
        // regression (corpus/unseen4 *-split): `| 某类冷链配 | ≥12个 |` then `| 送站点 | |` made
        // two records, the second with no value
        let (d, _, _) = drafts(&[
            "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |",
            "| | 产出指标 | 数量指标 | 某类冷链配 | ≥12个 |",
            "| | | | 送站点 | |",
            "| | | | 培训场次 | ≥5场 |",
            "| | | | 公众满意度 | |",
            "| | | | 某类执法检查 | ≥60家 |",
            "| | | | 对某类公共服务水平的提升 | |",
        ]);
        assert_eq!(
            pairs(&d),
            [
                ("某类冷链配送站点", Some("≥12个")),
                ("培训场次", Some("≥5场")),
                ("公众满意度", None),
                ("某类执法检查", Some("≥60家")),
                ("对某类公共服务水平的提升", None),
            ]
        );
        assert_eq!(d[0].repairs.last().map(|r| r.code()), Some("name_split"));
    }

    #[test]
    fn a_value_spilled_into_the_next_cell_is_joined() {
        // regression (corpus/unseen3 *-shifted): `| ≥60 | 家 |` lost its unit to an extra cell
        let (d, u, _) = drafts(&[
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 | |",
            "| 产出指标 | 数量指标 | 某类执法检查单位 | ≥60 | 家 |",
            "| | | 某类档案修复卷数 | ≥900 | 卷 |",
            "| | 时效指标 | 某类公报发布时间 | 2025年3月 | 底前 |",
            "| | 成本指标 | 某类人均培训成本 | ≤800 | 元/人 |",
            "| 效益指标 | 社会效益指标 | 某类服务水平 | 明显提升 | 好 |",
            "| | | 某类服务人数 | ≥60 | 2025年 |",
        ]);
        let got: Vec<Option<&str>> = d.iter().map(|x| x.value.as_deref()).collect();
        assert_eq!(
            got,
            [
                Some("≥60家"),
                Some("≥900卷"),
                Some("2025年3月底前"),
                Some("≤800元/人"),
                Some("明显提升"),
                Some("≥60"),
            ]
        );
        assert_eq!(d[0].repairs.last().map(|r| r.code()), Some("value_split"));
        // a tail beside a text value, or one with digits, stays an extra cell
        assert_eq!(u.len(), 2, "{u:?}");
    }

    #[test]
    fn a_header_printing_the_value_before_the_name_is_read_in_its_order() {
        let (d, u, _) = drafts(&[
            "| 一级指标 | 二级指标 | 年度指标值 | 三级指标 | 计量单位 |",
            "| 产出指标 | 数量指标 | ≥42 | 保洁河道长度 | 公里 |",
            "| | 质量指标 | 明显改善 | 河道水面环境 | |",
        ]);
        let got = pairs(&d);
        assert_eq!(
            got,
            [
                ("保洁河道长度", Some("≥42公里")),
                ("河道水面环境", Some("明显改善"))
            ]
        );
        assert!(u.is_empty(), "{u:?}");
        assert!(d.iter().all(|x| x.aligned));
    }

    #[test]
    fn a_value_glued_to_its_name_is_split_off() {
        let (d, _, _) = drafts(&[
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
            "| 产出指标 | 数量指标 | 参保人数≥50万人 | |",
            "| | 时效指标 | 资金拨付及时率 100% | |",
            "| | 数量指标 | 培训2期学员人数 | |",
        ]);
        let got = pairs(&d);
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

    #[test]
    fn a_header_split_over_two_rows_names_every_column() {
        let (d, _, _) = drafts(&[
            "| 一级指标 | 二级指标 | 三级指标 | 年度 | 实际 | 分值 | 得分 |",
            "| | | | 指标值 | 完成值 | | |",
            "| 产出指标 | 数量指标 | 复壮养护古树株数 | 64株 | 60株 | 7 | 6 |",
        ]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].value.as_deref(), Some("64株"));
        assert_eq!(d[0].fields.actual.as_deref(), Some("60株"));
        assert_eq!(d[0].fields.score.as_deref(), Some("6"));
    }

    #[test]
    fn template_leftovers_and_points_labels_make_no_records() {
        let (d, u, _) = drafts(&[
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 |",
            "| 产出指标（50分） | 数量指标 | 指标1：维护保洁公厕数量 | ≥86座 |",
            "| | | …… | |",
            "| | | 指标2： | |",
            "| 效益指标（30分） | 经济效益指标 | 指标1：/ | / |",
        ]);
        let got = pairs(&d);
        assert_eq!(got, [("维护保洁公厕数量", Some("≥86座"))]);
        assert_eq!(u.len(), 4, "{u:?}");
    }

    #[test]
    fn a_spanned_value_header_reads_sign_number_and_unit() {
        let (d, _, _) = drafts(&[
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 | | | 权重 |",
            "| 产出指标 | 数量指标 | 受益农村人口 | ≥ | 1.2 | 万人 | 10 |",
            "| | 质量指标 | 工程验收合格率 | = | 100 | % | 10 |",
            "| 效益指标 | 生态效益指标 | 水源地保护 | 定性 | 有效保护 | | 10 |",
        ]);
        let got: Vec<Option<&str>> = d.iter().map(|x| x.value.as_deref()).collect();
        assert_eq!(got, [Some("≥1.2万人"), Some("100%"), Some("有效保护")]);
        assert_eq!(d[0].fields.op.as_deref(), Some(">="));
        assert_eq!(d[0].fields.unit.as_deref(), Some("万人"));
    }

    #[test]
    fn a_row_one_cell_short_keeps_its_unit_and_sign() {
        let (d, _, _) = drafts(&[
            "| 一级指标 | 二级指标 | 三级指标 | 计量单位 | 指标性质 | 指标值 |",
            "| 产出指标 | 数量指标 | 整治背街小巷数量 | 条 | ≥ | 38 |",
            "| 新装更换路灯 | 盏 | ≥ | 260 |",
        ]);
        assert_eq!(d[1].name, "新装更换路灯");
        assert_eq!(d[1].value.as_deref(), Some("≥260盏"));
    }

    #[test]
    fn a_closing_block_with_its_values_below_its_keys_makes_no_record() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let rows: Vec<Vec<Typed>> = [
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |",
            "| 产出指标 | 数量指标 | 培训场次 | ≥5场 | 6场 | 20 | 20 |",
            "| 总分 | | 自评等级 | | 评价结论 | | |",
            "| 92.5 | | 优 | | 年度目标全部完成 | | |",
        ]
        .iter()
        .enumerate()
        .map(|(i, l)| classify_row(split_row(l, i + 1, 0), &v))
        .collect();
        let r = read_rows(rows, 0, Some(2023), &v);
        assert_eq!(pairs(&r.drafts), vec![("培训场次", Some("≥5场"))]);
        let c = r.conclusion.unwrap_or_default();
        assert_eq!(c.total_score, Some(92.5));
        assert_eq!(c.grade.as_deref(), Some("优"));
        assert_eq!(c.text.as_deref(), Some("年度目标全部完成"));
    }

    #[test]
    fn a_unit_cell_that_is_no_unit_beside_a_text_target_is_kept_under_its_header() {
        let (d, _, _) = drafts(&[
            "| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |",
            "| 效益指标 | 社会效益指标 | 群众参与度 | 定性 | 明显提升 | 无 |",
            "| 产出指标 | 数量指标 | 扫描页数 | ≥ | 36 | 万页 |",
        ]);
        assert_eq!(d[0].fields.unit, None);
        assert!(d[0]
            .fields
            .extra
            .contains(&("度量单位".to_string(), "无".to_string())));
        assert_eq!(d[1].fields.unit.as_deref(), Some("万页"));
        assert_eq!(d[1].value.as_deref(), Some("≥36万页"));
    }

    #[test]
    fn a_target_glued_to_its_name_with_equals_loses_the_sign() {
        let (d, _, _) = drafts(&[
            "| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |",
            "| 产出指标 | 数量指标 | 服务站运营数量=6个 | 20 | 20 |",
            "| | 质量指标 | 服务站星级达标率≥80% | 20 | 18 |",
        ]);
        assert_eq!(
            pairs(&d),
            vec![
                ("服务站运营数量", Some("6个")),
                ("服务站星级达标率", Some("≥80%"))
            ]
        );
    }

    #[test]
    fn one_target_column_per_place_gives_one_record_per_place() {
        let (d, _, _) = drafts(&[
            "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标解释 | 东岭镇上洋村 | 白石乡坑头村 |",
            "| 产出指标 | 数量指标 | 新建拦水陂 | 反映建设情况 | 1 | 2 |",
            "| | | 工程完工时间 | 反映建设进度 | 2022年12月底前 | 2022年12月底前 |",
        ]);
        assert_eq!(
            pairs(&d),
            vec![
                ("新建拦水陂", Some("1")),
                ("新建拦水陂", Some("2")),
                ("工程完工时间", Some("2022年12月底前")),
                ("工程完工时间", Some("2022年12月底前")),
            ]
        );
        assert_eq!(d[1].fields.place.as_deref(), Some("白石乡坑头村"));
        assert_eq!(d[0].fields.basis.as_deref(), Some("反映建设情况"));
    }

    #[test]
    fn places_under_a_spanned_target_header_are_place_columns() {
        let (d, _, _) = drafts(&[
            "| 一级指标 | 二级指标 | 三级指标 | 区域目标值 | 区域目标值 |",
            "| 一级指标 | 二级指标 | 三级指标 | 梅坑县 | 石岭区 |",
            "| 产出指标 | 质量指标 | 项目完成率 | >=90% | >=95% |",
        ]);
        assert_eq!(
            pairs(&d),
            vec![("项目完成率", Some(">=90%")), ("项目完成率", Some(">=95%"))]
        );
        assert_eq!(d[0].fields.place.as_deref(), Some("梅坑县"));
    }

    #[test]
    fn a_lone_place_named_column_is_an_extra_column() {
        let (d, _, _) = drafts(&[
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 东岭镇 |",
            "| 产出指标 | 数量指标 | 新建拦水陂 | 3座 | 1 |",
        ]);
        assert_eq!(pairs(&d), vec![("新建拦水陂", Some("3座"))]);
        assert_eq!(d[0].fields.place, None);
    }

    #[test]
    fn a_row_the_ocr_moved_one_column_is_read_in_place() {
        let (d, _, _) = drafts(&[
            "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析 |",
            "| | 产出指标 | 数量指标 | 举办招聘会场次 | ≥12场 | 14场 | 10 | 10 | |",
            "| | | 进场招聘企业数 | ≥300家 | 326家 | 10 | 10 | | |",
            "| | | 成本指标 | 单场招聘会平均成本 | | ≤1.5万元 | 1.42万元 | 10 | 10 |",
        ]);
        assert_eq!(d[1].value.as_deref(), Some("≥300家"));
        assert_eq!(d[1].fields.actual.as_deref(), Some("326家"));
        assert_eq!(d[1].fields.score.as_deref(), Some("10"));
        assert_eq!(d[2].value.as_deref(), Some("≤1.5万元"));
        assert_eq!(d[2].fields.actual.as_deref(), Some("1.42万元"));
        assert_eq!(d[2].fields.weight.as_deref(), Some("10"));
    }

    #[test]
    fn a_label_printed_before_the_name_in_one_cell_is_the_rows_label() {
        let (d, _, _) = drafts(&[
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
            "| 产出指标 | 时效指标 | 检测完成时间 | 10月底前 |",
            "| | | 成本指标 单座桥梁平均检测费用 | ≤2.3万元 |",
        ]);
        assert_eq!(d[1].name, "单座桥梁平均检测费用");
        assert!(d[1].printed.is_some() && d[1].printed != d[0].printed);
    }
}
