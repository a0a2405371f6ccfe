//! One table's rows → the forms it holds. A table's rows go in; out come segments, each one
//! form's rows with the title and year printed inside the table above it. A table may hold
//! several forms printed back to back (a title row, a year row, a new 项目名称 row after an
//! indicator block); each starts a segment. A list table of many projects (单位 | 项目 | 预算数
//! | 年度目标 | indicator columns …) becomes one segment per project, written as a form of its
//! own: a key and value row for each of the project's list cells, then the indicator header
//! and rows.
//!
//! Before/after: `| 301001 某馆 | 档案数字化 | 500000 | 完成数字化。 | 产出指标 | 数量指标 | 页数 | ≥10万页 |`
//! under `| 单位 | 项目 | 预算数（元） | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |` →
//! `| 单位 | 301001 某馆 |`, `| 项目 | 档案数字化 |`, `| 预算数（元） | 500000元 |`,
//! `| 年度目标 | 完成数字化。 |`, then `| 一级指标 | … |` and `| 产出指标 | … | ≥10万页 |`.

use super::year_in;
use crate::model::ColumnRole;
use crate::model::{Cell, MetaKey, TableKind};
use crate::vocab::classify::{Class, Typed};
use crate::vocab::{MetaField, Vocab};

/// A title printed before or in a table, with the kind it names, if any.
pub type Title = (String, Option<TableKind>);

/// One form's share of a table.
#[derive(Debug, Clone, Default)]
pub struct Segment {
    /// A title printed in a row of the table (and the kind it names, if any).
    pub title: Option<(String, Option<TableKind>)>,
    pub year: Option<i32>,
    pub rows: Vec<Vec<Typed>>,
    /// The segment was cut from the table (a later form, or a project of a list table): it
    /// starts a form of its own.
    pub starts_form: bool,
    /// A project of a list table: it shares the list's title and year.
    pub listed: bool,
}

/// Longest text read as a year row (`（2022年度）`).
const MAX_YEAR_ROW_CHARS: usize = 16;

/// The one text a row prints (a merged cell, repeated or not), if it prints one.
fn only_text(row: &[Typed]) -> Option<&str> {
    let mut it = row.iter().filter(|c| !c.is_empty()).map(Typed::text);
    let first = it.next()?;
    it.all(|t| t == first).then_some(first)
}

/// Longest title, in characters of its key.
const MAX_TITLE_CHARS: usize = 40;

/// A title: a short text that ends in 表 and names a form (`[form]`) or a stage (`[stage]`),
/// with the kind it names, if any.
pub fn title_text(t: &str, vocab: &Vocab) -> Option<(String, Option<TableKind>)> {
    let key = vocab.key(t);
    if !key.ends_with('表') || key.chars().count() > MAX_TITLE_CHARS {
        return None;
    }
    let kind = vocab.form_kind(t);
    let titled = kind.is_some() || vocab.family().stage(&key).is_some();
    titled.then(|| (t.to_string(), kind))
}

/// A title row: its one text is a title (`title_text`).
fn title_of(row: &[Typed], vocab: &Vocab) -> Option<(String, Option<TableKind>)> {
    title_text(only_text(row)?, vocab)
}

/// A year row: its one short text names a year (`（2022年度）`).
fn year_of(row: &[Typed]) -> Option<i32> {
    let t = only_text(row)?;
    if t.chars().count() > MAX_YEAR_ROW_CHARS {
        return None;
    }
    year_in(t)
}

/// Whether a cell opens a form: a 项目名称 key, or a department key with 名称.
fn opens_form(cell: &Typed, vocab: &Vocab) -> bool {
    match vocab.meta_key(cell) {
        Some(MetaField::Field(MetaKey::ProjectName)) => true,
        Some(MetaField::Field(MetaKey::Department)) => vocab.key(cell).contains("名称"),
        _ => false,
    }
}

/// Whether a cell belongs to an indicator block (a category label or a header word).
fn indicator_cell(cell: &Typed, vocab: &Vocab) -> bool {
    vocab.label(cell).is_some() || vocab.is_header(cell)
}

/// Each row's cells typed (`classify_row`), in their columns.
pub fn typed(rows: Vec<Vec<Cell>>, vocab: &Vocab) -> Vec<Vec<Typed>> {
    rows.into_iter()
        .map(|r| crate::vocab::classify::classify_row(r, vocab))
        .collect()
}

/// A row's cells renumbered to the columns they now stand in (after a cut).
fn renumbered(mut row: Vec<Typed>) -> Vec<Typed> {
    for (i, t) in row.iter_mut().enumerate() {
        t.col = i;
    }
    row
}

/// Splits a table's rows into the forms it holds (see the module doc). `in_yuan`: a note
/// printed before the table (`单位：元`) says its amounts are in 元 — a list column that names
/// no unit of its own takes it.
pub fn split(rows: Vec<Vec<Typed>>, vocab: &Vocab, in_yuan: bool) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut cur = Segment::default();
    let mut seen_indicators = false;
    for row in rows {
        if let Some(title) = title_of(&row, vocab) {
            if !cur.rows.is_empty() || cur.title.is_some() {
                out.push(std::mem::take(&mut cur));
                cur.starts_form = true;
            }
            cur.title = Some(title);
            // a title row printing its year (`2020年度项目支出绩效自评表`) dates the form
            cur.year = cur.year.or_else(|| only_text(&row).and_then(year_in));
            seen_indicators = false;
            continue;
        }
        if cur.rows.is_empty() && cur.year.is_none() {
            if let Some(y) = year_of(&row) {
                cur.year = Some(y);
                continue;
            }
        }
        // each cell looked up once: whether it opens a form (after an indicator block), and
        // whether it belongs to one
        let (mut opens, mut indicators) = (false, false);
        for c in row.iter().filter(|c| !c.is_empty()) {
            opens |= seen_indicators && opens_form(c, vocab);
            indicators |= indicator_cell(c, vocab);
            if (opens || !seen_indicators) && indicators {
                break;
            }
        }
        if opens {
            out.push(std::mem::take(&mut cur));
            cur.starts_form = true;
            seen_indicators = false;
        }
        seen_indicators |= indicators;
        cur.rows.push(row);
    }
    if !cur.rows.is_empty() || out.is_empty() {
        out.push(cur);
    }
    out.into_iter()
        .flat_map(|s| split_list(s, vocab, in_yuan))
        .collect()
}

/// The list columns of a header row: (column, the key cell a form would print) for each
/// `[list]` header naming a project, department, amount or goals, when the row also heads
/// indicator columns after them; and the first indicator column.
fn list_columns(
    row: &[Typed],
    vocab: &Vocab,
    in_yuan: bool,
) -> Option<(Vec<(usize, Cell)>, usize)> {
    // no header word, no indicator column: most rows are answered by their cells' classes
    if !row.iter().any(|c| c.class == Class::Header) {
        return None;
    }
    let mut meta = Vec::new();
    let mut first_ind = None;
    let mut project = false;
    for (i, c) in row.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
        if c.class == Class::Header {
            let role = vocab.column_role(c);
            if matches!(
                role,
                Some(
                    ColumnRole::Level1 | ColumnRole::Level2 | ColumnRole::Name | ColumnRole::Frame
                )
            ) {
                // the cells after the first indicator column play no part
                first_ind = Some(i);
                break;
            }
            continue;
        }
        if let Some((field, printed)) = vocab.family().list_column(&vocab.key(c)) {
            project |= field == MetaKey::ProjectName;
            // the key as a form prints it, standing where the list's header stands; an amount
            // column in 元 is marked by the key's unit
            let yuan = is_yuan(c.text()) || (in_yuan && !c.text().contains('元'));
            let text = if field.is_amount() && yuan {
                format!("{printed}（元）")
            } else {
                printed.to_string()
            };
            meta.push((
                i,
                Cell {
                    text,
                    span: c.cell.span,
                },
            ));
        }
    }
    let first = first_ind?;
    (project && meta.len() >= 2 && meta.iter().all(|(i, _)| *i < first)).then_some((meta, first))
}

/// A list table of many projects → one segment per project (see the module doc); any other
/// segment is returned as it is.
fn split_list(seg: Segment, vocab: &Vocab, in_yuan: bool) -> Vec<Segment> {
    let Some((h, (meta, first))) = seg
        .rows
        .iter()
        .enumerate()
        .find_map(|(i, r)| list_columns(r, vocab, in_yuan).map(|c| (i, c)))
    else {
        return vec![seg];
    };
    let project_col = meta
        .iter()
        .find(|(_, c)| {
            matches!(
                vocab.meta_key(&c.text),
                Some(MetaField::Field(MetaKey::ProjectName))
            )
        })
        .map(|(i, _)| *i);
    let mut rows = seg.rows;
    let body = rows.split_off(h + 1);
    let header: Vec<Typed> = rows.pop().unwrap_or_default();
    let ind_header: Vec<Typed> = header
        .get(first..)
        .map(<[Typed]>::to_vec)
        .unwrap_or_default();
    let ind_header = renumbered(ind_header);
    let mut out: Vec<Segment> = Vec::new();
    let mut current_project: Option<String> = None;
    for row in body {
        let project = project_col
            .and_then(|c| row.get(c))
            .filter(|c| !c.is_empty())
            .map(|c| c.text().to_string());
        let new_project = project.is_some() && project != current_project;
        if new_project || out.is_empty() {
            current_project = project.clone();
            let mut s = Segment {
                title: seg.title.clone(),
                year: seg.year,
                rows: Vec::new(),
                starts_form: seg.starts_form || !out.is_empty(),
                listed: true,
            };
            // the rows above the header (a title row of the list, notes) stay with the first
            if out.is_empty() {
                s.rows.append(&mut rows);
            }
            for (col, key) in &meta {
                let Some(v) = row.get(*col).filter(|c| !c.is_empty()) else {
                    continue;
                };
                let mut v = v.cell.clone();
                let number = v
                    .text
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
                if number && is_yuan(&key.text) {
                    v.text.push('元');
                }
                let mut key = key.clone();
                if let Some(k) = key.text.strip_suffix("（元）") {
                    key.text = k.to_string();
                }
                s.rows
                    .push(crate::vocab::classify::classify_row(vec![key, v], vocab));
            }
            s.rows.push(ind_header.clone());
            out.push(s);
        }
        if let Some(s) = out.last_mut() {
            let cut = row.get(first..).map(<[Typed]>::to_vec).unwrap_or_default();
            s.rows.push(renumbered(cut));
        }
    }
    out
}

/// Whether a list header prints its amounts in 元 (`预算数（元）`), not 万元.
fn is_yuan(header: &str) -> bool {
    header.contains('元') && !header.contains("万元")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::pipe::split_row;

    fn rows(lines: &[&str]) -> Vec<Vec<Typed>> {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        typed(
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| split_row(l, i + 1, 0))
                .collect(),
            &v,
        )
    }

    #[test]
    fn a_title_row_printing_its_year_dates_the_form() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let s = split(
            rows(&[
                "| 2020年度项目支出绩效自评表 | | |",
                "| 项目名称 | 甲 | |",
                "| 一级指标 | 二级指标 | 三级指标 |",
            ]),
            &v,
            false,
        );
        assert_eq!((s.len(), s[0].year), (1, Some(2020)));
        assert!(s[0].title.is_some());
    }

    #[test]
    fn forms_back_to_back_in_one_table_are_cut_apart() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let s = split(
            rows(&[
                "| 项目支出绩效自评表 | 项目支出绩效自评表 |",
                "| （2022年度） | |",
                "| 项目名称 | 甲 |",
                "| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
                "| 产出指标 | 数量指标 | 甲数 | 1个 |",
                "| 项目名称 | 乙 |",
                "| 产出指标 | 数量指标 | 乙数 | 2个 |",
            ]),
            &v,
            false,
        );
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].year, Some(2022));
        assert!(s[0].title.is_some());
        assert_eq!((s[0].rows.len(), s[1].rows.len()), (3, 2));
        assert!(s[1].starts_form);
    }

    #[test]
    fn a_list_table_gives_one_segment_per_project() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let s = split(
            rows(&[
                "| 单位 | 项目 | 预算数（元） | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |",
                "| 301 某馆 | 甲 | 500000 | 做甲。 | 产出指标 | 数量指标 | 甲数 | 1个 |",
                "| | | | | | 质量指标 | 甲率 | 99% |",
                "| 302 某办 | 乙 | 30000 | 做乙。 | 产出指标 | 数量指标 | 乙数 | 2个 |",
            ]),
            &v,
            false,
        );
        assert_eq!(s.len(), 2);
        let texts: Vec<Vec<&str>> = s[0]
            .rows
            .iter()
            .map(|r| r.iter().map(Typed::text).collect())
            .collect();
        assert_eq!(texts[2], ["年度资金总额", "500000元"]);
        assert_eq!(s[0].rows.len(), 7);
        assert_eq!(s[1].rows.len(), 6);
    }
}
