//! The stream of a page table's printed lines → a clean form. Pieces go in (reading order,
//! classified); out come the blocks that replace the table: the title as a heading, the year as
//! a paragraph, and a table of meta rows, the header row and one row per indicator.
//!
//! Meta: keys are taken in the order printed, and values by type in the same order — amounts
//! pair with the amount keys (a department's 金额合计 takes the last three), a period (`3年`)
//! with 项目期, sentences (目标1：…, text with ， or 。) are the goals in order wherever the engine
//! put them, and the other text lines are grouped into as many values as there are text keys.
//! Indicators: the value column's lines are grouped into values, the other text lines into as
//! many names, paired in order; the category labels head the groups `labels` chooses (a merged
//! label is printed at its group's middle).

use super::group::{group, join_lines, Item};
use super::labels::{self, NameRow};
use super::pieces::{Kind, Piece};
use super::Fix;
use crate::model::{Block, Cell, Grid, GridSource, RepairKind, Span};
use crate::vocab::Vocab;

/// What `lay_out` made.
pub struct Page {
    pub blocks: Vec<Block>,
    pub meta_rows: usize,
    pub indicator_rows: usize,
}

/// Text meta fields a project form prints (their values are lines of text).
const TEXT_KEYS: [&str; 4] = [
    "project_name",
    "department",
    "implementing_unit",
    "project_source",
];
/// Amount fields (their values are plain decimals).
const FUND_KEYS: [&str; 4] = [
    "funds_total",
    "funds_fiscal",
    "funds_carryover",
    "funds_other",
];

fn cell(text: String, span: Span) -> Cell {
    Cell { text, span }
}

/// Whether a text line reads as (part of) a goal sentence.
fn goal_like(p: &Piece) -> bool {
    p.text.contains(['，', '。', '；', ','])
        || (p.text.contains("目标") && p.text.chars().any(|c| c.is_ascii_digit()))
        || p.width >= 40
}

/// Whether a line ends or numbers a goal sentence (。, 目标N：).
fn sentence_end(p: &Piece) -> bool {
    p.text.contains('。') || (p.text.contains("目标") && p.text.chars().any(|c| c.is_ascii_digit()))
}

/// Whether a value line is a period (`3年`, `长期`, `1-3年`).
fn period_like(p: &Piece) -> bool {
    let t = p.text.trim();
    t == "长期"
        || (t.ends_with('年')
            && t.chars().count() <= 4
            && t.trim_end_matches('年')
                .chars()
                .all(|c| c.is_ascii_digit() || c == '-'))
}

/// Whether a value line opens a value of its own: an operator or a digit first, or a whole
/// value by the grammar or the qualitative vocabulary (`有效提升` `持续提高` are two values).
fn opens_value(p: &Piece) -> bool {
    p.kind == Kind::Value
        || p.text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || "≥≤><=＞＜≧≦±约".contains(c))
}

/// The first meta value line (`vals`, stream indices) that prints a project-source phrase of
/// the vocabulary, alone or completed by one of the next few lines (`上级转移支付项` … `目`): the
/// positions in `vals` of its lines.
fn find_source(vals: &[usize], ps: &[Piece], vocab: &Vocab) -> Option<Vec<usize>> {
    let text = |i: usize| {
        vals.get(i)
            .and_then(|&v| ps.get(v))
            .map(|p| p.text.as_str())
    };
    for at in 0..vals.len() {
        let Some(t) = text(at) else { break };
        if vocab.is_source(t) {
            return Some(vec![at]);
        }
        if t.chars().count() < 3 || !vocab.is_source_prefix(t) {
            continue;
        }
        for next in at + 1..(at + 1 + SOURCE_REACH).min(vals.len()) {
            if text(next).is_some_and(|u| vocab.is_source(format!("{t}{u}").as_str())) {
                return Some(vec![at, next]);
            }
        }
    }
    None
}

/// How many lines on a broken project-source phrase looks for its end.
const SOURCE_REACH: usize = 4;

fn field_of(p: &Piece) -> Option<&str> {
    match &p.kind {
        Kind::Key(f) => Some(f.as_str()),
        _ => None,
    }
}

/// The text of an item of `ps`, its lines joined, and the printed lines as written.
fn item_text(ps: &[&Piece], it: &Item) -> (String, String) {
    let lines: Vec<&str> = it
        .parts
        .iter()
        .filter_map(|&k| ps.get(k))
        .map(|p| p.text.as_str())
        .collect();
    (join_lines(lines.iter().copied()), lines.join(" "))
}

fn first_span(ps: &[&Piece], it: &Item) -> Span {
    it.parts
        .first()
        .and_then(|&k| ps.get(k))
        .map(|p| p.span)
        .unwrap_or_default()
}

/// Lays out one page table (see the module doc).
pub fn lay_out(mut ps: Vec<Piece>, grid: &Grid, vocab: &Vocab, fixes: &mut Vec<Fix>) -> Page {
    let mut blocks = Vec::new();
    // the title (with a key-looking head in its cell: 部门（单位） 整体支出…) and the year
    let mut title: Option<(String, Span)> = None;
    let mut year: Option<(i32, Span)> = None;
    let mut i = 0;
    while i < ps.len() {
        let Some(p) = ps.get(i) else { break };
        match p.kind {
            Kind::Title if title.is_none() => {
                let mut text = p.text.clone();
                let span = p.span;
                let cellno = p.cell;
                let mut start = i;
                if let Some(prev) = i.checked_sub(1).and_then(|k| ps.get(k)) {
                    let joined = format!("{}{}", prev.text, text);
                    if prev.cell == cellno && vocab.form_kind(&joined).is_some() {
                        text = joined;
                        start = i - 1;
                    }
                }
                title = Some((text, span));
                ps.drain(start..=i);
                i = start;
            }
            Kind::Title => {
                ps.remove(i);
            }
            Kind::Year(y) => {
                if year.is_none() {
                    year = Some((y, p.span));
                }
                ps.remove(i);
            }
            _ => i += 1,
        }
    }
    if let Some((t, span)) = title.clone() {
        blocks.push(Block::Heading { text: t, span });
    }
    if let Some((y, span)) = year {
        blocks.push(Block::Paragraph {
            text: format!("({y}年度)"),
            span,
        });
    }
    let department = title
        .as_ref()
        .and_then(|(t, _)| vocab.form_kind(t))
        .map(|k| k == crate::model::TableKind::Department)
        .unwrap_or_else(|| ps.iter().any(|p| field_of(p) == Some("sum_row")));

    // where the indicator block begins: the first header word or label
    let ind_start = ps
        .iter()
        .position(|p| matches!(p.kind, Kind::Header | Kind::Label(_)))
        .unwrap_or(ps.len());
    let first_label = ps
        .iter()
        .position(|p| matches!(p.kind, Kind::Label(_)))
        .unwrap_or(ps.len());

    let mut used = vec![false; ps.len()];
    let mut rows: Vec<Vec<Cell>> = Vec::new();

    // ---- meta ----
    let keys: Vec<usize> = (0..ps.len())
        .filter(|&k| ps.get(k).is_some_and(|p| matches!(p.kind, Kind::Key(_))))
        .collect();
    for &k in &keys {
        if let Some(u) = used.get_mut(k) {
            *u = true;
        }
    }
    let key_span = |field: &str| {
        keys.iter()
            .filter_map(|&k| ps.get(k))
            .find(|p| field_of(p) == Some(field))
            .map(|p| p.span)
    };
    let has_key = |field: &str| key_span(field).is_some();
    // the key cell of a field: as printed, else the vocabulary's own key for it
    let key_cell = |field: &str, fallback: Span| {
        keys.iter()
            .filter_map(|&k| ps.get(k))
            .find(|p| field_of(p) == Some(field))
            .map(|p| cell(p.text.clone(), p.span))
            .unwrap_or_else(|| {
                cell(
                    vocab.meta_key_for(field).unwrap_or_default().to_string(),
                    fallback,
                )
            })
    };
    // amounts
    let money: Vec<usize> = (0..ps.len())
        .filter(|&k| ps.get(k).is_some_and(|p| p.kind == Kind::Money))
        .collect();
    for &k in &money {
        if let Some(u) = used.get_mut(k) {
            *u = true;
        }
    }
    let money_cell = |k: usize| {
        ps.get(k)
            .map(|p| cell(p.text.clone(), p.span))
            .unwrap_or_default()
    };
    // goals: sentences before the first label (a department's after its 金额合计: the task
    // contents before it are sentences too), and lines with 。 or 目标N up to the first value
    // after the labels begin
    let goals_from = if department {
        ps.iter()
            .position(|p| field_of(p) == Some("sum_row"))
            .unwrap_or(0)
    } else {
        0
    };
    let first_value = (first_label..ps.len())
        .find(|&k| ps.get(k).is_some_and(|p| p.kind == Kind::Value))
        .unwrap_or(ps.len());
    let goal_idx: Vec<usize> = (goals_from..first_value.min(ps.len()))
        .filter(|&k| {
            ps.get(k).is_some_and(|p| {
                p.kind == Kind::Text
                    && if k < first_label {
                        goal_like(p)
                    } else {
                        sentence_end(p)
                    }
            })
        })
        .collect();
    for &k in &goal_idx {
        if let Some(u) = used.get_mut(k) {
            *u = true;
        }
    }
    let goal_refs: Vec<&Piece> = goal_idx.iter().filter_map(|&k| ps.get(k)).collect();
    let goals = join_lines(goal_refs.iter().map(|p| p.text.as_str()));
    let goal_span = goal_refs.first().map(|p| p.span).unwrap_or_default();
    let mut meta_rows = 0;
    if department {
        // the department name key | name; the task block's amounts; 金额合计 takes the last three
        let texts: Vec<usize> = (0..ind_start)
            .filter(|&k| {
                ps.get(k).is_some_and(|p| p.kind == Kind::Text)
                    && !used.get(k).copied().unwrap_or(true)
            })
            .collect();
        if let Some(&k) = texts.first() {
            if let Some(p) = ps.get(k) {
                rows.push(vec![
                    key_cell("department", p.span),
                    cell(p.text.clone(), p.span),
                ]);
                if let Some(u) = used.get_mut(k) {
                    *u = true;
                }
                meta_rows += 1;
            }
        }
        if money.len() >= 3 {
            let last: Vec<usize> = money.iter().rev().take(3).rev().copied().collect();
            let sp = key_span("sum_row").unwrap_or_default();
            rows.push(vec![
                cell(String::new(), sp),
                key_cell("funds_total", sp),
                key_cell("funds_fiscal", sp),
                key_cell("funds_other", sp),
            ]);
            let mut r = vec![key_cell("sum_row", sp)];
            r.extend(last.iter().map(|&k| money_cell(k)));
            rows.push(r);
            meta_rows += 2;
        }
    } else {
        // text keys in print order, their values grouped to as many
        let text_fields: Vec<&str> = keys
            .iter()
            .filter_map(|&k| ps.get(k).and_then(field_of))
            .filter(|f| TEXT_KEYS.contains(f))
            .fold(Vec::new(), |mut v, f| {
                if !v.contains(&f) {
                    v.push(f);
                }
                v
            });
        let mut vals: Vec<usize> = (0..ind_start.min(ps.len()))
            .filter(|&k| {
                ps.get(k).is_some_and(|p| p.kind == Kind::Text)
                    && !used.get(k).copied().unwrap_or(true)
            })
            .collect();
        let mut text_fields = text_fields;
        // the project's source is one of the vocabulary's phrases, wherever the engine put it
        // and however it broke it (`上级转移支付项` `目`)
        if let Some(pos) = find_source(&vals, &ps, vocab) {
            let parts: Vec<usize> = pos.iter().filter_map(|&i| vals.get(i).copied()).collect();
            vals.retain(|v| !parts.contains(v));
            let lines: Vec<&str> = parts
                .iter()
                .filter_map(|&v| ps.get(v))
                .map(|p| p.text.as_str())
                .collect();
            let span = parts
                .first()
                .and_then(|&v| ps.get(v))
                .map(|p| p.span)
                .unwrap_or_default();
            rows.push(vec![
                key_cell("project_source", span),
                cell(join_lines(lines.iter().copied()), span),
            ]);
            meta_rows += 1;
            for v in parts {
                if let Some(u) = used.get_mut(v) {
                    *u = true;
                }
            }
            text_fields.retain(|f| *f != "project_source");
        }
        // a value led by a bracketed code (`[320]某县交通`) is the department's, wherever the
        // engine put it; it runs on into the next line of its column when it fills the column
        if text_fields.contains(&"department") {
            if let Some(pos) = vals
                .iter()
                .position(|&k| ps.get(k).is_some_and(|p| p.text.starts_with(['[', '【'])))
            {
                let k = vals.remove(pos);
                let mut parts = vec![k];
                if let Some(d) = ps.get(k) {
                    let cap = vals
                        .iter()
                        .filter_map(|&v| ps.get(v))
                        .filter(|p| p.col == d.col)
                        .map(|p| p.width)
                        .chain(std::iter::once(d.width))
                        .max()
                        .unwrap_or(0);
                    // its cell's next line first (a wrapped cell), else its column's next line
                    let same_cell = vals
                        .iter()
                        .position(|&v| v == k + 1 && ps.get(v).is_some_and(|p| p.cell == d.cell));
                    if let Some(next) = same_cell {
                        parts.push(vals.remove(next));
                    } else if d.width + 2 >= cap {
                        if let Some(next) = vals
                            .iter()
                            // (a line that repeats the name is a value of its own: 实施单位)
                            .position(|&v| {
                                v > k
                                    && ps.get(v).is_some_and(|p| {
                                        p.col == d.col && !d.text.contains(p.text.as_str())
                                    })
                            })
                        {
                            parts.push(vals.remove(next));
                        }
                    }
                }
                let lines: Vec<&str> = parts
                    .iter()
                    .filter_map(|&v| ps.get(v))
                    .map(|p| p.text.as_str())
                    .collect();
                let span = ps.get(k).map(|p| p.span).unwrap_or_default();
                rows.push(vec![
                    key_cell("department", span),
                    cell(join_lines(lines.iter().copied()), span),
                ]);
                meta_rows += 1;
                for v in parts {
                    if let Some(u) = used.get_mut(v) {
                        *u = true;
                    }
                }
                text_fields.retain(|f| *f != "department");
            }
        }
        let refs: Vec<&Piece> = vals.iter().filter_map(|&k| ps.get(k)).collect();
        let owned: Vec<Piece> = refs.iter().map(|p| (*p).clone()).collect();
        let items = if text_fields.is_empty() {
            Vec::new()
        } else {
            group(&owned, Some(text_fields.len().min(owned.len())), &|_| false)
        };
        for (f, it) in text_fields.iter().zip(&items) {
            let (text, _) = item_text(&refs, it);
            rows.push(vec![
                key_cell(f, Span::default()),
                cell(text, first_span(&refs, it)),
            ]);
            meta_rows += 1;
        }
        for it in &items {
            for &k in &it.parts {
                if let Some(&v) = vals.get(k) {
                    if let Some(u) = used.get_mut(v) {
                        *u = true;
                    }
                }
            }
        }
        // the period: the first period-like value before the first label
        if has_key("project_period") {
            if let Some(k) = (0..first_label.min(ps.len())).find(|&k| {
                ps.get(k)
                    .is_some_and(|p| p.kind == Kind::Value && period_like(p))
            }) {
                if let Some(p) = ps.get(k) {
                    rows.push(vec![
                        key_cell("project_period", p.span),
                        cell(p.text.clone(), p.span),
                    ]);
                    meta_rows += 1;
                }
                if let Some(u) = used.get_mut(k) {
                    *u = true;
                }
            }
        }
        // amounts with the amount keys, in print order
        let fund_fields: Vec<&str> = keys
            .iter()
            .filter_map(|&k| ps.get(k).and_then(field_of))
            .filter(|f| FUND_KEYS.contains(f))
            .fold(Vec::new(), |mut v, f| {
                if !v.contains(&f) {
                    v.push(f);
                }
                v
            });
        for (f, &m) in fund_fields.iter().zip(&money) {
            rows.push(vec![key_cell(f, Span::default()), money_cell(m)]);
            meta_rows += 1;
        }
    }
    if !goals.is_empty() {
        rows.push(vec![key_cell("goals", goal_span), cell(goals, goal_span)]);
        meta_rows += 1;
    }

    // ---- indicators ----
    let hs = grid.span;
    let header_at = rows.len();
    // the header row of the columns laid out below: the vocabulary's first four header words
    // (what the engine printed stands in any order, or not at all)
    let header: Vec<Cell> = vocab
        .header_words()
        .iter()
        .take(4)
        .map(|w| cell(w.clone(), hs))
        .collect();
    rows.push(header);
    let rest: Vec<usize> = (0..ps.len())
        .filter(|&k| {
            !used.get(k).copied().unwrap_or(true)
                && ps
                    .get(k)
                    .is_some_and(|p| matches!(p.kind, Kind::Text | Kind::Value | Kind::Label(_)))
                && (k >= ind_start || ps.get(k).is_some_and(|p| p.kind != Kind::Text))
        })
        .collect();
    // the value column: where most values stand
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for p in rest.iter().filter_map(|&k| ps.get(k)) {
        if p.kind == Kind::Value {
            match counts.iter_mut().find(|(c, _)| *c == p.col) {
                Some((_, n)) => *n += 1,
                None => counts.push((p.col, 1)),
            }
        }
    }
    let vcol = counts.iter().max_by_key(|(c, n)| (*n, *c)).map(|(c, _)| *c);
    // per engine row: its rightmost cell holding names or values, and whether another such cell
    // stands left of it (the engine's columns drift from row to row: a row's last cell is its
    // value cell, wherever the grid put it)
    let n_grid_rows = grid.rows.len();
    let mut last_cell: Vec<Option<(usize, usize)>> = vec![None; n_grid_rows];
    let mut two_cells = vec![false; n_grid_rows];
    for p in rest.iter().filter_map(|&k| ps.get(k)) {
        if !matches!(p.kind, Kind::Text | Kind::Value) {
            continue;
        }
        let (Some(last), Some(two)) = (last_cell.get_mut(p.row), two_cells.get_mut(p.row)) else {
            continue;
        };
        match *last {
            Some((col, cellno)) if cellno != p.cell => {
                *two = true;
                if p.col > col {
                    *last = Some((p.col, p.cell));
                }
            }
            Some(_) => {}
            None => *last = Some((p.col, p.cell)),
        }
    }
    let value_side = |p: &Piece| {
        let last = last_cell.get(p.row).copied().flatten();
        let two = two_cells.get(p.row).copied().unwrap_or(false);
        match last {
            // (not far left of the value column: a name whose row lost its value)
            Some((_, cellno)) if two => cellno == p.cell && vcol.is_some_and(|v| p.col + 1 >= v),
            // a row with one cell: the value column, as most rows place it
            _ => vcol.is_some_and(|v| v > 0 && p.col >= v),
        }
    };
    let mut name_idx = Vec::new();
    let mut value_idx = Vec::new();
    let mut label_idx: Vec<usize> = Vec::new();
    for &k in &rest {
        let Some(p) = ps.get(k) else { continue };
        // a level2 label printed twice in a row is a group with one indicator named by its
        // label (`| 生态 | 生态 | 不适用 |` with the full label): the second is the name
        // (a level1 with one level2 of its own name is printed twice anyway)
        let repeated = p.kind == Kind::Label(false)
            && vocab
                .label(p.text.as_str())
                .is_some_and(|m| !vocab.is_only_child(m.cat))
            && label_idx.last().is_some_and(|&l| {
                l + 1 == k && ps.get(l).is_some_and(|q: &Piece| q.text == p.text)
            });
        match p.kind {
            Kind::Label(_) if repeated => name_idx.push(k),
            Kind::Label(_) => label_idx.push(k),
            Kind::Value => value_idx.push(k),
            _ if value_side(p) => value_idx.push(k),
            _ => name_idx.push(k),
        }
    }
    let vrefs: Vec<&Piece> = value_idx.iter().filter_map(|&k| ps.get(k)).collect();
    let vowned: Vec<Piece> = vrefs.iter().map(|p| (*p).clone()).collect();
    let vitems = group(&vowned, None, &opens_value);
    let nrefs: Vec<&Piece> = name_idx.iter().filter_map(|&k| ps.get(k)).collect();
    let nowned: Vec<Piece> = nrefs.iter().map(|p| (*p).clone()).collect();
    let want = (nowned.len() >= vitems.len() && !vitems.is_empty()).then_some(vitems.len());
    let nitems = group(&nowned, want, &|_| false);
    // how many items each cell's lines went into (a cell with several: rows merged)
    let items_in_cell = |refs: &[&Piece], items: &[Item], cellno: usize| {
        items
            .iter()
            .filter(|it| {
                it.parts
                    .iter()
                    .any(|&k| refs.get(k).is_some_and(|p| p.cell == cellno))
            })
            .count()
    };
    // label positions: the stream index of each name item's first line
    let starts: Vec<usize> = nitems
        .iter()
        .map(|it| {
            it.parts
                .first()
                .and_then(|&k| name_idx.get(k))
                .copied()
                .unwrap_or(usize::MAX)
        })
        .collect();
    let n_rows = nitems.len().max(vitems.len());
    let mut l1: Vec<Option<Cell>> = vec![None; n_rows];
    let mut l2: Vec<Option<Cell>> = vec![None; n_rows];
    // the groups the labels head, chosen together (see `labels`); else each label at the row
    // of the name printed next
    let texts: Vec<String> = nitems.iter().map(|it| item_text(&nrefs, it).0).collect();
    let vtexts: Vec<String> = vitems.iter().map(|it| item_text(&vrefs, it).0).collect();
    let name_rows: Vec<NameRow> = nitems
        .iter()
        .zip(&starts)
        .zip(&texts)
        .enumerate()
        .map(|(r, ((it, &start), text))| NameRow {
            start,
            row: it
                .parts
                .first()
                .and_then(|&k| nrefs.get(k))
                .map_or(0, |p| p.row),
            lines: it.parts.len(),
            text,
            value: vtexts.get(r).map_or("", |v| v.as_str()),
        })
        .collect();
    let placed = labels::place(&ps, &label_idx, &name_rows, vocab);
    if let Some(groups) = &placed {
        for (r, g) in groups.iter().enumerate() {
            let Some((cat, span)) = g else { continue };
            let Some(c) = vocab.category(*cat) else {
                continue;
            };
            if let Some(s) = l1.get_mut(r) {
                *s = Some(cell(c.level1.to_string(), Span::default()));
            }
            if let Some(s) = l2.get_mut(r) {
                *s = Some(cell(c.level2.to_string(), *span));
            }
        }
    }
    for &k in label_idx.iter().filter(|_| placed.is_none()) {
        let Some(p) = ps.get(k) else { continue };
        let mut at = starts
            .iter()
            .position(|&s| s > k)
            .unwrap_or(n_rows.saturating_sub(1));
        let slots = if matches!(p.kind, Kind::Label(true)) {
            &mut l1
        } else {
            &mut l2
        };
        while slots.get(at).is_some_and(|s| s.is_some()) {
            at += 1;
        }
        if let Some(s) = slots.get_mut(at) {
            *s = Some(cell(p.text.clone(), p.span));
        }
    }
    let mut indicator_rows = 0;
    for r in 0..n_rows {
        let name = nitems.get(r);
        let value = vitems.get(r);
        let (ntext, nprinted) = name.map(|it| item_text(&nrefs, it)).unwrap_or_default();
        let (vtext, _) = value.map(|it| item_text(&vrefs, it)).unwrap_or_default();
        let nspan = name.map(|it| first_span(&nrefs, it)).unwrap_or_default();
        let vspan = value.map(|it| first_span(&vrefs, it)).unwrap_or_default();
        rows.push(vec![
            l1.get(r).cloned().flatten().unwrap_or_default(),
            l2.get(r).cloned().flatten().unwrap_or_default(),
            cell(ntext.clone(), nspan),
            cell(vtext, vspan),
        ]);
        indicator_rows += 1;
        let Some(it) = name else { continue };
        let sure = it.sure.min(value.map_or(0.5, |v| v.sure));
        let lines: Vec<&Piece> = it
            .parts
            .iter()
            .filter_map(|&k| nrefs.get(k).copied())
            .collect();
        let first_cell = lines.first().map_or(0, |p| p.cell);
        let rows_of_name = lines
            .iter()
            .map(|p| p.row)
            .collect::<std::collections::BTreeSet<_>>();
        let merged = items_in_cell(&nrefs, &nitems, first_cell) > 1
            || value.is_some_and(|v| {
                v.parts
                    .first()
                    .and_then(|&k| vrefs.get(k))
                    .is_some_and(|p| items_in_cell(&vrefs, &vitems, p.cell) > 1)
            });
        let split = rows_of_name.len() > 1
            || value.is_some_and(|v| {
                v.parts
                    .first()
                    .and_then(|&k| vrefs.get(k))
                    .is_some_and(|p| lines.first().is_some_and(|n| n.row != p.row))
            });
        let mut fix = |kind: RepairKind, reason: String, sure: f64| {
            fixes.push(Fix {
                line: nspan.line,
                col: nspan.col,
                text: ntext.clone(),
                printed: nprinted.clone(),
                kind,
                reason,
                sure,
            })
        };
        if merged {
            fix(
                RepairKind::RowMerge,
                format!(
                    "its cell held the lines of several rows; paired in order as row {}",
                    r + 1
                ),
                sure.max(0.3),
            );
        }
        if split {
            fix(
                RepairKind::RowSplit,
                "name and value stood on different rows; re-paired by order".into(),
                sure.max(0.3),
            );
        }
        if lines.len() > 1 && !merged && !split {
            fix(
                RepairKind::LineJoin,
                format!("printed over {} lines: `{nprinted}`", lines.len()),
                1.0,
            );
        }
        if value.is_none() {
            fix(
                RepairKind::ValueMissing,
                "no value left to pair with".into(),
                1.0,
            );
        }
    }
    let mut leftovers: Vec<Vec<Cell>> = Vec::new();
    for (k, p) in ps.iter().enumerate() {
        let placed = used.get(k).copied().unwrap_or(true)
            || name_idx.contains(&k)
            || value_idx.contains(&k)
            || label_idx.contains(&k)
            || p.kind == Kind::Header;
        if !placed {
            leftovers.push(vec![cell(p.text.clone(), p.span)]);
        }
    }
    // every line that went nowhere stands above the header row, where no key claims it: it
    // ends in `unassigned`, not in a record
    rows.splice(header_at..header_at, leftovers);
    blocks.push(Block::Table(Grid {
        rows,
        span: grid.span,
        source: GridSource::Html,
        tight_pipes: Vec::new(),
    }));
    Page {
        blocks,
        meta_rows,
        indicator_rows,
    }
}
