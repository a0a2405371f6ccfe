//! Header rows → column roles. The indicator block's header row goes in (and the row below it
//! when 指标值 spans two columns of sub-headers); out comes what each column holds, by the
//! `[column]` words of its header, in whatever order the form prints them. Cells under columns
//! that are no part of the name, value or categories (operator, unit, direction, weight,
//! actual, score, deviation, basis, and columns the vocabulary cannot name) are taken out of
//! an aligned row into the record's `Fields`, so they never compete for the name or value; a
//! column the tool cannot name is kept under its printed header (`extra`).
//!
//! Before/after: under `一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 权重 | 指标方向`,
//! `| 产出指标 | 时效指标 | 按期完成 | ≥ | 1 | 年 | 20 | 正向指标 |` → name 按期完成, value ≥1年,
//! weight 20, direction 正向. Two-row header: `指标值` over `2021年实际实现值 | 预期2022年实现值` in a
//! 2022 form → the second column is the value, the first is kept in `extra`.

use crate::model::ColumnRole;
use crate::model::Fields;
use crate::vocab::classify::{Class, Typed};
use crate::vocab::op_code;
use crate::vocab::Vocab;

/// What one column holds: its role (none for a blank header) and its printed header.
#[derive(Debug, Clone, Default)]
struct Column {
    role: Option<ColumnRole>,
    header: String,
}

/// The columns a header row gives.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    cols: Vec<Column>,
    /// The 三级指标 and 指标值 columns.
    pub name: Option<usize>,
    pub value: Option<usize>,
    /// Cells in the header row.
    pub width: usize,
    /// The columns a 指标值 header spans over blank header cells (`指标值 | | |` above
    /// `≥ | 9 | 处`): sign, number and unit are read inside it by content.
    value_span: Option<(usize, usize)>,
    /// Two or more columns that each hold one place's target (`东岭镇上洋村 | 东岭镇溪口村`, or
    /// `梅坑县 | 石岭区` under 区域目标值): a row gives one record per place.
    pub places: Vec<usize>,
}

/// The cells of one row taken out by their column roles.
#[derive(Debug, Default)]
pub struct Taken {
    pub fields: Fields,
    /// The cells under per-place target columns, with each column's place.
    pub places: Vec<(String, Typed)>,
    /// The operator and unit cells, which also compose the value (`≥` `300` `人次`).
    pub op: Option<Typed>,
    pub unit: Option<Typed>,
    /// The printed header over the unit cell.
    pub unit_header: String,
    /// Every cell taken (reported when the row makes no record).
    pub cells: Vec<Typed>,
    /// The header column the row's value stands under, when the header does not say it
    /// alone (a spanned 指标值, a row one cell short).
    pub value_col: Option<usize>,
}

/// The role of a header cell: a `[column]` word, else a key that holds one, else the same with
/// years removed (`预期2022年实现值` → 预期实现值).
fn role_of(t: &Typed, vocab: &Vocab) -> Option<ColumnRole> {
    if let Some(r) = vocab.column_role(t) {
        return Some(r);
    }
    let key = vocab.key(t);
    if !key.bytes().any(|b| b.is_ascii_digit()) {
        return vocab.column_role_holding(&key);
    }
    let plain: String = key
        .chars()
        .filter(|c| !c.is_ascii_digit() && *c != '年')
        .collect();
    vocab
        .column_role(plain.as_str())
        .or_else(|| vocab.column_role_holding(&plain))
}

/// Whether a typed row heads the indicator block: two or more header cells, one of them the
/// name, value or a level column.
pub fn is_header(row: &[Typed], vocab: &Vocab) -> bool {
    let mut headers = 0;
    let mut content = false;
    for t in row.iter().filter(|t| t.class == Class::Header) {
        headers += 1;
        content |= role_of(t, vocab).is_some_and(|r| {
            matches!(
                r,
                ColumnRole::Level1 | ColumnRole::Level2 | ColumnRole::Name | ColumnRole::Value
            )
        });
    }
    headers >= 2 && content
}

/// Index of the first row of the indicator block: the first header row (see `is_header`), or
/// the first row holding a category label, whichever comes first; `rows.len()` when none.
pub fn indicator_start(rows: &[Vec<Typed>], vocab: &Vocab) -> usize {
    rows.iter()
        .position(|r| {
            is_header(r, vocab)
                || r.iter()
                    .any(|t| matches!(t.class, Class::Label(m) if m.score >= 1.0))
        })
        .unwrap_or(rows.len())
}

/// Whether a header row also holds an indicator's cells (a header merged down over it by a
/// rowspan): a category label or a value stands in it.
pub fn mixed(row: &[Typed]) -> bool {
    row.iter()
        .any(|t| matches!(t.class, Class::Label(_) | Class::Value(_)))
}

/// Two indicator sets printed side by side under one header (`二级指标 | 三级指标 | 指标值 |
/// 二级指标 | 三级指标 | 指标值`: the 中期 half, then the 年度 half of the central template):
/// the later set is the year's, so it names the name and value columns; the earlier set's
/// columns (from its 二级指标) are `previous`, kept under their headers. Only when a second
/// name column stands after the first set's value column (a name header merged over two
/// columns is one set).
fn later_set_of_two(cols: &mut [Column], name: &mut Option<usize>, value: &mut Option<usize>) {
    let (Some(n1), Some(v1)) = (*name, *value) else {
        return;
    };
    let role_at = |cols: &[Column], c: usize| cols.get(c).and_then(|c| c.role);
    if v1 < n1 {
        return;
    }
    let Some(n2) = (v1 + 1..cols.len()).find(|&c| role_at(cols, c) == Some(ColumnRole::Name))
    else {
        return;
    };
    let Some(v2) = (n2 + 1..cols.len()).find(|&c| role_at(cols, c) == Some(ColumnRole::Value))
    else {
        return;
    };
    let set_start = |n: usize| {
        let mut s = n;
        while s > 0 && role_at(cols, s - 1) == Some(ColumnRole::Level2) {
            s -= 1;
        }
        s
    };
    let (s1, s2) = (set_start(n1), set_start(n2));
    for c in cols.iter_mut().take(s2).skip(s1) {
        c.role = Some(ColumnRole::Previous);
    }
    *name = Some(n2);
    *value = Some(v2);
}

impl Columns {
    /// The columns of a header row (see `is_header`); `None` when it names neither the name
    /// nor the value column. In a `mixed` row only the cells the vocabulary names are headers.
    pub fn of(row: &[Typed], vocab: &Vocab) -> Option<Columns> {
        let mut cols: Vec<Column> = Vec::with_capacity(row.len());
        let (mut name, mut value) = (None, None);
        let mixed = mixed(row);
        for t in row {
            let role = match t.class {
                Class::Empty | Class::Label(_) | Class::Value(_) => None,
                _ if mixed => role_of(t, vocab),
                _ => role_of(t, vocab)
                    .or_else(|| vocab.is_place(t).then_some(ColumnRole::Place))
                    .or(Some(ColumnRole::Extra)),
            };
            // a header merged across columns (colspan repeated): the first one names the role
            let repeat = cols
                .last()
                .is_some_and(|c: &Column| role.is_some() && c.header == t.text());
            match role {
                Some(ColumnRole::Name) if name.is_none() => name = Some(t.col),
                Some(ColumnRole::Value) if value.is_none() => value = Some(t.col),
                _ => {}
            }
            cols.push(Column {
                role: if repeat && role.is_some_and(ColumnRole::is_content) {
                    role
                } else if repeat {
                    None
                } else {
                    role
                },
                header: t.text().trim().to_string(),
            });
        }
        let places = place_columns(&mut cols);
        later_set_of_two(&mut cols, &mut name, &mut value);
        if name.is_none() && value.is_none() {
            return None;
        }
        let value_span = value.and_then(|v| {
            let end = (v + 1..=cols.len())
                .find(|&c| cols.get(c).is_none_or(|c| !c.header.is_empty()))
                .unwrap_or(v + 1);
            (end > v + 1).then_some((v, end))
        });
        Some(Columns {
            cols,
            name,
            value,
            width: row.len(),
            value_span,
            places,
        })
    }

    /// Reads the second row of a header broken over two rows (`年度 | 实际` over `指标值 |
    /// 完成值`): each of its cells completes the header above it when the two together name a
    /// role (`年度指标值` → value, `实际完成值` → actual), or names one alone under a blank
    /// header. Returns whether the row was such a row (every cell of it completes a column,
    /// and one of them changed a role). A row of sub-columns under one spanned header is
    /// `refine`'s.
    pub fn join_split(&mut self, row: &[Typed], vocab: &Vocab) -> bool {
        let mut joined: Vec<(usize, String, ColumnRole)> = Vec::new();
        for t in row.iter().filter(|t| t.class != Class::Empty) {
            if matches!(t.class, Class::Label(_) | Class::Value(_)) {
                return false;
            }
            let text = t.text().trim();
            let Some(above) = self.cols.get(t.col) else {
                return false;
            };
            if above.header == text {
                continue; // a header merged down (rowspan repeated)
            }
            let whole = format!("{}{text}", above.header);
            // the two together must be a `[column]` word exactly (an indicator's name under
            // 三级指标 holds no role word of its own)
            let role = match vocab.column_role(whole.as_str()) {
                Some(r) => Some((whole, r)),
                None if above.header.is_empty() && t.class == Class::Header => {
                    role_of(t, vocab).map(|r| (text.to_string(), r))
                }
                None => None,
            };
            let Some((header, role)) = role else {
                return false;
            };
            joined.push((t.col, header, role));
        }
        // sub-columns under one spanned header (blank or repeated by a colspan) are
        // `refine`'s
        let above = |c: usize| self.cols.get(c).map_or("", |col| col.header.as_str());
        let spanned = joined.iter().any(|(c, _, _)| {
            above(*c).is_empty()
                || joined
                    .iter()
                    .any(|(o, _, _)| o != c && above(*o) == above(*c))
        });
        if joined.len() < 2 || spanned {
            return false;
        }
        for (c, header, role) in joined {
            if let Some(col) = self.cols.get_mut(c) {
                col.header = header;
                col.role = Some(role);
            }
            match role {
                ColumnRole::Name if self.name.is_none() => self.name = Some(c),
                ColumnRole::Value if self.value.is_none() => self.value = Some(c),
                _ => {}
            }
        }
        self.value_span = None;
        true
    }

    /// Reads a row of sub-headers under the value column (`2021年实际实现值 | 预期2022年实现值`):
    /// the one for the form's `year` (else the one the vocabulary calls the value, else the
    /// last) becomes the value column, the others are kept as extra columns; a sub-header
    /// that names a column role of its own (`运算符号 | 数值 | 计量单位`) keeps it. Returns
    /// whether the row was such a row.
    pub fn refine(&mut self, row: &[Typed], vocab: &Vocab, year: Option<i32>) -> bool {
        let Some(v) = self.value else {
            return false;
        };
        // the columns the value header covers: itself and the blank or repeated ones after it
        let value_header = self
            .cols
            .get(v)
            .map(|c| c.header.clone())
            .unwrap_or_default();
        let mut span = v + 1;
        while self
            .cols
            .get(span)
            .is_some_and(|c| c.header.is_empty() || c.header == value_header)
        {
            span += 1;
        }
        let mut subs: Vec<(usize, String, Option<ColumnRole>)> = Vec::new();
        for t in row.iter().filter(|t| t.class != Class::Empty) {
            let above = self.cols.get(t.col).map(|c| c.header.as_str());
            if above == Some(t.text().trim()) {
                continue; // a header merged down (rowspan repeated)
            }
            if !(v..span).contains(&t.col) {
                return false;
            }
            if matches!(t.class, Class::Label(_)) {
                return false;
            }
            let role = role_of(t, vocab).or_else(|| vocab.is_place(t).then_some(ColumnRole::Place));
            let yearish = t.text().contains('年') || t.text().contains('值');
            if role.is_none() && !yearish {
                return false;
            }
            subs.push((t.col, t.text().trim().to_string(), role));
        }
        if subs.len() < 2 {
            return false;
        }
        // one place per sub-column (区域目标值 over 梅坑县 | 石岭区 | …): each holds a target
        if subs
            .iter()
            .all(|(_, _, role)| *role == Some(ColumnRole::Place))
        {
            for (c, text, _) in &subs {
                if let Some(col) = self.cols.get_mut(*c) {
                    col.role = Some(ColumnRole::Place);
                    col.header = text.clone();
                }
            }
            self.places = subs.iter().map(|(c, _, _)| *c).collect();
            self.value = None;
            self.value_span = None;
            return true;
        }
        // a sub-header naming a column of its own (`运算符号 | 数值 | 计量单位` under 指标值)
        // keeps its role; the others compete for the value
        let own = |role: &Option<ColumnRole>| {
            role.is_some_and(|r| !matches!(r, ColumnRole::Value | ColumnRole::Previous))
        };
        let year_text = year.map(|y| y.to_string());
        let pick = subs
            .iter()
            .filter(|(_, _, role)| !own(role))
            .find(|(_, text, role)| {
                *role != Some(ColumnRole::Previous)
                    && year_text.as_deref().is_some_and(|y| text.contains(y))
            })
            .or_else(|| {
                subs.iter()
                    .find(|(_, _, role)| *role == Some(ColumnRole::Value))
            })
            .or(subs.iter().rfind(|(_, _, role)| !own(role)))
            .map(|(c, _, _)| *c);
        if pick.is_none() {
            return false;
        }
        for (c, text, role) in &subs {
            if let Some(col) = self.cols.get_mut(*c) {
                col.role = Some(match role {
                    Some(r) if own(role) => *r,
                    _ if Some(*c) == pick => ColumnRole::Value,
                    _ => ColumnRole::Previous,
                });
                col.header = text.clone();
            }
        }
        self.value = pick;
        self.value_span = None;
        true
    }

    /// Whether a row lines up with the header: the same width, or wider with only blanks
    /// beyond it.
    pub fn aligned(&self, row: &[Typed]) -> bool {
        row.len() == self.width
            || (row.len() > self.width
                && row
                    .get(self.width..)
                    .is_some_and(|r| r.iter().all(|t| t.class == Class::Empty)))
    }

    /// How many columns right of its place a row narrower than the header stands: a row one
    /// or more cells short (a rowspan the engine cut short) is read against the header's
    /// right end when that puts more signs, units and values under their own columns than
    /// reading it from the left does. `None` when the row is no narrower.
    pub fn shift_of(&self, row: &[Typed], vocab: &Vocab) -> Option<usize> {
        let short = self.width.checked_sub(row.len()).filter(|d| *d > 0)?;
        let fit = |s: usize| -> i32 {
            row.iter()
                .filter(|t| t.class != Class::Empty)
                .map(|t| match self.cols.get(t.col + s).and_then(|c| c.role) {
                    Some(ColumnRole::Operator) if is_sign(t.text()) => 2,
                    Some(ColumnRole::Unit) if vocab.is_unit(t.text()) => 2,
                    Some(ColumnRole::Value) if matches!(t.class, Class::Value(_)) => 1,
                    // a place column holds a target of any kind (a date, a phrase)
                    Some(ColumnRole::Place) if !matches!(t.class, Class::Label(_)) => 1,
                    Some(ColumnRole::Operator | ColumnRole::Unit) => -1,
                    _ => 0,
                })
                .sum()
        };
        Some(if fit(short) > fit(0) { short } else { 0 })
    }

    /// How well a row's cells fit the columns they would stand under, each at the column
    /// `at` gives it (see `realign`): names under 三级指标, values under the value, plain numbers
    /// under weight and score, labels under the level columns; a cell pushed past the header
    /// costs most.
    fn fit_at(&self, row: &[Typed], vocab: &Vocab, at: impl Fn(&Typed) -> usize) -> i32 {
        row.iter()
            .filter(|t| t.class != Class::Empty)
            .map(|t| {
                let c = at(t);
                if c >= self.width {
                    return -3;
                }
                let plain_number = || {
                    crate::vocab::parse_number(t.text()).is_some()
                        && t.text()
                            .trim()
                            .chars()
                            .all(|ch| ch.is_ascii_digit() || ch == '.')
                };
                let value = matches!(t.class, Class::Value(_));
                let label = matches!(t.class, Class::Label(_));
                match self.cols.get(c).and_then(|col| col.role) {
                    Some(ColumnRole::Name) if value => -2,
                    Some(ColumnRole::Name) if !label => 2,
                    Some(ColumnRole::Value) if value => 2,
                    Some(ColumnRole::Actual) if value => 1,
                    Some(ColumnRole::Weight | ColumnRole::Score) if plain_number() => 1,
                    Some(ColumnRole::Weight | ColumnRole::Score) => -1,
                    Some(ColumnRole::Deviation) if plain_number() => -1,
                    Some(ColumnRole::Level1 | ColumnRole::Level2) if label => 1,
                    Some(ColumnRole::Level1 | ColumnRole::Level2) => -1,
                    Some(ColumnRole::Operator) if is_sign(t.text()) => 2,
                    Some(ColumnRole::Unit) if vocab.is_unit(t.text()) => 2,
                    _ => 0,
                }
            })
            .sum()
    }

    /// Puts back in place the cells of a row as wide as the header that an OCR engine moved by
    /// one column: the whole row one column left (its name under 二级指标), or the cells after
    /// the name one column right (a blank cell inserted before the value). Done only where the
    /// moved reading fits the columns clearly better (`fit_at`, by `REALIGN_GAIN`) and the row
    /// holds a value; returns whether the row was moved.
    pub fn realign(&self, row: &mut [Typed], vocab: &Vocab) -> bool {
        const REALIGN_GAIN: i32 = 4;
        let (Some(name), Some(value)) = (self.name, self.value) else {
            return false;
        };
        if !self.aligned(row)
            || value <= name
            || !row.iter().any(|t| matches!(t.class, Class::Value(_)))
        {
            return false;
        }
        let here = self.fit_at(row, vocab, |t| t.col);
        let left = self.fit_at(row, vocab, |t| t.col + 1);
        let blank_before_value = row
            .iter()
            .find(|t| t.col == value)
            .is_some_and(|t| t.class == Class::Empty);
        let inserted = if blank_before_value {
            self.fit_at(row, vocab, |t| if t.col > name { t.col - 1 } else { t.col })
        } else {
            i32::MIN
        };
        if left >= inserted && left >= here + REALIGN_GAIN {
            for t in row.iter_mut() {
                t.col += 1;
            }
            return true;
        }
        if inserted > left && inserted >= here + REALIGN_GAIN {
            for t in row.iter_mut().filter(|t| t.col > name) {
                t.col -= 1;
            }
            return true;
        }
        false
    }

    /// Takes the cells of an aligned row that stand under a column with a role other than the
    /// name, value and levels out of `cells` (see the module doc); `shift` is how far right
    /// of its place the row stands (`shift_of`; 0 for an aligned row).
    pub fn take(&self, cells: &mut Vec<Typed>, shift: usize, vocab: &Vocab) -> Taken {
        let mut out = Taken::default();
        if shift > 0 {
            out.value_col = self.value;
        }
        self.take_span(cells, shift, vocab, &mut out);
        // unnamed columns are taken only where the name and value columns are known
        let named = self.name.is_some() && self.value.is_some();
        let mut i = 0;
        while i < cells.len() {
            let Some(t) = cells.get(i) else { break };
            let col = self.cols.get(t.col + shift);
            let role = col.and_then(|c| c.role);
            let take = match role {
                None => false,
                Some(r) if r.is_content() => false,
                // a sign with its number in the operator column, the value column blank:
                // that is the value
                Some(ColumnRole::Operator)
                    if !is_sign(t.text()) && matches!(t.class, Class::Value(_)) =>
                {
                    false
                }
                Some(ColumnRole::Extra) => named,
                Some(_) => true,
            };
            if !take || t.class == Class::Empty {
                i += 1;
                continue;
            }
            let t = cells.remove(i);
            let header = col.map(|c| c.header.clone()).unwrap_or_default();
            if role == Some(ColumnRole::Place) {
                out.places.push((header, t));
                continue;
            }
            out.cells.push(t.clone());
            let text = t.text().trim().to_string();
            let f = &mut out.fields;
            match role {
                Some(ColumnRole::Operator) => {
                    if let Some(code) = op_code(&text) {
                        f.op = Some(code.to_string());
                        out.op = Some(t);
                    } else {
                        f.extra.push((header, text));
                    }
                }
                Some(ColumnRole::Unit) => {
                    f.unit = Some(text);
                    out.unit = Some(t);
                    out.unit_header = header;
                }
                Some(ColumnRole::Direction) => {
                    let d = text.strip_suffix("指标").unwrap_or(&text);
                    f.direction = Some(d.to_string());
                }
                Some(ColumnRole::Weight) => f.weight = Some(text),
                Some(ColumnRole::Actual) => f.actual = Some(text),
                Some(ColumnRole::Score) => f.score = Some(text),
                Some(ColumnRole::Deviation) => f.deviation = Some(text),
                Some(ColumnRole::Basis) => {
                    f.basis = Some(match f.basis.take() {
                        Some(b) => format!("{b}；{text}"),
                        None => text,
                    })
                }
                _ => f.extra.push((header, text)),
            }
        }
        out
    }

    /// Reads a spanned 指标值 (`value_span`): inside it a sign is the operator, the first other
    /// cell the value and the one after it the unit; a 定性/定量 marker is kept under the
    /// header. Does nothing unless the span holds two cells or more.
    fn take_span(&self, cells: &mut Vec<Typed>, shift: usize, vocab: &Vocab, out: &mut Taken) {
        let Some((a, b)) = self.value_span else {
            return;
        };
        let inside = |t: &Typed| t.class != Class::Empty && (a..b).contains(&(t.col + shift));
        // a span that holds no sign or marker is read by content elsewhere (a value pushed
        // into the blank column beside 指标值 stays the value)
        let marked = cells
            .iter()
            .filter(|t| inside(t))
            .any(|t| op_code(t.text()).is_some() || vocab.family().is_marker(t.text()));
        if !marked || cells.iter().filter(|t| inside(t)).count() < 2 {
            return;
        }
        let header = self
            .cols
            .get(a)
            .map(|c| c.header.clone())
            .unwrap_or_default();
        let mut seen_value = false;
        let mut i = 0;
        while i < cells.len() {
            let Some(t) = cells.get(i) else { break };
            if !inside(t) {
                i += 1;
                continue;
            }
            let text = t.text().trim().to_string();
            if let Some(code) = op_code(&text).filter(|_| out.op.is_none() && !seen_value) {
                let t = cells.remove(i);
                out.fields.op = Some(code.to_string());
                out.cells.push(t.clone());
                out.op = Some(t);
            } else if !seen_value && vocab.family().is_marker(&text) {
                let t = cells.remove(i);
                out.fields.extra.push((header.clone(), text));
                out.cells.push(t);
            } else if !seen_value {
                seen_value = true;
                out.value_col = Some(t.col + shift);
                i += 1;
            } else if out.unit.is_none() && !matches!(t.class, Class::Value(_) | Class::Label(_)) {
                let t = cells.remove(i);
                out.fields.unit = Some(text);
                out.cells.push(t.clone());
                out.unit = Some(t);
            } else {
                i += 1;
            }
        }
    }

    /// The column of the given role, if the header has one.
    pub fn col_of(&self, role: ColumnRole) -> Option<usize> {
        self.cols.iter().position(|c| c.role == Some(role))
    }
}

/// The per-place target columns of a header (see `Columns::places`): two or more; a lone place
/// name is an ordinary extra column.
fn place_columns(cols: &mut [Column]) -> Vec<usize> {
    let places: Vec<usize> = (0..cols.len())
        .filter(|&c| {
            cols.get(c)
                .is_some_and(|c| c.role == Some(ColumnRole::Place))
        })
        .collect();
    if places.len() >= 2 {
        return places;
    }
    for c in cols
        .iter_mut()
        .filter(|c| c.role == Some(ColumnRole::Place))
    {
        c.role = Some(ColumnRole::Extra);
    }
    Vec::new()
}

/// Whether a cell is only a comparison sign (what an operator column holds besides 定性/定量).
pub fn is_sign(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().all(|c| "≥≤><=＝≧≦＞＜".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::pipe::split_row;
    use crate::vocab::classify::classify_row;

    fn typed(line: &str, v: &Vocab) -> Vec<Typed> {
        classify_row(split_row(line, 1, 0), v)
    }

    #[test]
    fn roles_come_from_the_header_in_any_order() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let h = typed(
            "| 指标方向 | 权重（%） | 一级指标 | 二级指标 | 三级指标 | 指标值 | 度量单位 | 指标属性 |",
            &v,
        );
        assert!(is_header(&h, &v));
        let c = Columns::of(&h, &v).unwrap_or_else(|| panic!("no columns"));
        assert_eq!((c.name, c.value), (Some(4), Some(5)));
        let mut row = typed(
            "| 反向指标 | 10 | 产出指标 | 成本指标 | 单位成本 | ≤5 | 元 | 定量 |",
            &v,
        );
        let taken = c.take(&mut row, 0, &v);
        assert_eq!(taken.fields.direction.as_deref(), Some("反向"));
        assert_eq!(taken.fields.weight.as_deref(), Some("10"));
        assert_eq!(taken.fields.unit.as_deref(), Some("元"));
        assert_eq!(
            taken.fields.extra,
            vec![("指标属性".to_string(), "定量".to_string())]
        );
        let left: Vec<&str> = row.iter().map(Typed::text).collect();
        assert_eq!(left, ["产出指标", "成本指标", "单位成本", "≤5"]);
    }

    #[test]
    fn of_two_indicator_sets_side_by_side_the_later_is_the_years() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let h = typed(
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 二级指标 | 三级指标 | 指标值 |",
            &v,
        );
        let c = Columns::of(&h, &v).unwrap_or_else(|| panic!("no columns"));
        assert_eq!((c.name, c.value), (Some(5), Some(6)));
        let mut row = typed(
            "| 产出指标 | 数量指标 | 扫描量 | 360万页 | 数量指标 | 扫描量 | 120万页 |",
            &v,
        );
        let taken = c.take(&mut row, 0, &v);
        assert_eq!(
            taken.fields.extra.len(),
            3,
            "the earlier set kept under its headers"
        );
        assert_eq!(row.last().map(Typed::text), Some("120万页"));
        // one set whose name header is merged over two columns stays one set
        let h = typed("| 一级指标 | 二级指标 | 三级指标 | 三级指标 | 指标值 |", &v);
        let c = Columns::of(&h, &v).unwrap_or_else(|| panic!("no columns"));
        assert_eq!((c.name, c.value), (Some(2), Some(4)));
    }

    #[test]
    fn a_two_row_value_header_picks_the_forms_year() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let h = typed("| 一级指标 | 二级指标 | 三级指标 | 指标值 | |", &v);
        let mut c = Columns::of(&h, &v).unwrap_or_else(|| panic!("no columns"));
        let sub = typed("| | | | 2021年实际实现值 | 预期2022年实现值 |", &v);
        assert!(c.refine(&sub, &v, Some(2022)));
        assert_eq!(c.value, Some(4));
        let mut row = typed("| 产出指标 | 数量指标 | 站点数量 | 18个 | 20个 |", &v);
        let taken = c.take(&mut row, 0, &v);
        assert_eq!(
            taken.fields.extra,
            vec![("2021年实际实现值".to_string(), "18个".to_string())]
        );
        // sub-headers naming roles of their own keep them: 指标值 over 运算符号 | 数值 | 计量单位
        let h = typed("| 一级指标 | 二级指标 | 三级指标 | 指标值 | | | 分值 |", &v);
        let mut c = Columns::of(&h, &v).unwrap_or_else(|| panic!("no columns"));
        let sub = typed("| | | | 运算符号 | 数值 | 计量单位 | |", &v);
        assert!(c.refine(&sub, &v, Some(2021)));
        assert_eq!(c.value, Some(4));
        let mut row = typed("| 产出指标 | 数量指标 | 厨具套数 | ≥ | 36 | 套 | 10 |", &v);
        let taken = c.take(&mut row, 0, &v);
        assert_eq!(taken.op.as_ref().map(Typed::text), Some("≥"));
        assert_eq!(taken.fields.unit.as_deref(), Some("套"));
        assert!(taken.fields.extra.is_empty(), "{:?}", taken.fields.extra);
        // an indicator row is no sub-header row
        let h = typed("| 一级指标 | 二级指标 | 三级指标 | 指标值 | |", &v);
        let mut c = Columns::of(&h, &v).unwrap_or_else(|| panic!("no columns"));
        let row = typed("| 产出指标 | 数量指标 | 站点数量 | 18个 | |", &v);
        assert!(!c.refine(&row, &v, Some(2022)));
    }
}
