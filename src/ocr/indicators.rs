//! The indicator rows of a page table. The stream of printed lines goes in with the lines the
//! meta rows used; out come one row per indicator (一级 | 二级 | 三级 | 指标值), the repairs of the
//! records they make, and which lines went to names, values and labels.
//!
//! The value column's lines are grouped into values, the other text lines into as many names,
//! and paired in order; the category labels head the groups `labels` chooses (a merged label is
//! printed at its group's middle).

use super::group::{group, Item};
use super::items::{cell, first_span, item_text};
use super::labels::{self, NameRow};
use super::pieces::{Kind, Piece};
use super::Fix;
use crate::assemble::segment;
use crate::model::{Cell, Grid, RepairKind, Span};
use crate::vocab::{Strength, ValueClass, Vocab, FUZZY_ACCEPT};

/// Which stream lines (indices) are names, values and labels.
pub struct Sides {
    pub names: Vec<usize>,
    pub values: Vec<usize>,
    pub labels: Vec<usize>,
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

/// Where values stand: the column most values are in, and per engine row its rightmost cell
/// holding names or values and whether another such cell stands left of it (the engine's
/// columns drift from row to row: a row's last cell is its value cell, wherever the grid put it).
struct ValueCells {
    vcol: Option<usize>,
    last_cell: Vec<Option<(usize, usize)>>,
    two_cells: Vec<bool>,
}

impl ValueCells {
    fn of(ps: &[Piece], rest: &[usize], n_grid_rows: usize) -> Self {
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
        let mut last_cell: Vec<Option<(usize, usize)>> = vec![None; n_grid_rows];
        let mut two_cells = vec![false; n_grid_rows];
        for p in rest.iter().filter_map(|&k| ps.get(k)) {
            if !matches!(p.kind, Kind::Text | Kind::Value) {
                continue;
            }
            let (Some(last), Some(two)) = (last_cell.get_mut(p.row), two_cells.get_mut(p.row))
            else {
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
        ValueCells {
            vcol,
            last_cell,
            two_cells,
        }
    }

    /// Whether a text line stands on the value side of its row.
    fn holds(&self, p: &Piece) -> bool {
        let vcol = self.vcol;
        let last = self.last_cell.get(p.row).copied().flatten();
        let two = self.two_cells.get(p.row).copied().unwrap_or(false);
        match last {
            // (not far left of the value column: a name whose row lost its value)
            Some((_, cellno)) if two => cellno == p.cell && vcol.is_some_and(|v| p.col + 1 >= v),
            // a row with one cell: the value column, as most rows place it
            _ => vcol.is_some_and(|v| v > 0 && p.col >= v),
        }
    }
}

/// The lines the meta rows left, from the indicator block on (and values, labels before it),
/// sorted into names, values and labels.
pub fn sides(
    ps: &[Piece],
    used: &[bool],
    ind_start: usize,
    n_grid_rows: usize,
    vocab: &Vocab,
) -> Sides {
    let rest: Vec<usize> = (0..ps.len())
        .filter(|&k| {
            !used.get(k).copied().unwrap_or(true)
                && ps
                    .get(k)
                    .is_some_and(|p| matches!(p.kind, Kind::Text | Kind::Value | Kind::Label(_)))
                && (k >= ind_start || ps.get(k).is_some_and(|p| p.kind != Kind::Text))
        })
        .collect();
    let cells = ValueCells::of(ps, &rest, n_grid_rows);
    let mut s = Sides {
        names: Vec::new(),
        values: Vec::new(),
        labels: Vec::new(),
    };
    for &k in &rest {
        let Some(p) = ps.get(k) else { continue };
        // a level2 label printed twice in a row is a group with one indicator named by its
        // label (`| 生态 | 生态 | 不适用 |` with the full label): the second is the name
        // (a level1 with one level2 of its own name is printed twice anyway)
        let repeated = p.kind == Kind::Label(false)
            && vocab
                .label(p.text.as_str())
                .is_some_and(|m| !vocab.is_only_child(m.cat))
            && s.labels.last().is_some_and(|&l| {
                l + 1 == k && ps.get(l).is_some_and(|q: &Piece| q.text == p.text)
            });
        match p.kind {
            Kind::Label(_) if repeated => s.names.push(k),
            Kind::Label(_) => s.labels.push(k),
            Kind::Value => s.values.push(k),
            _ if cells.holds(p) && !name_like(p, vocab) => s.values.push(k),
            _ => s.names.push(k),
        }
    }
    drop_strays(ps, &mut s.names);
    lower_left_names(ps, &mut s.names);
    s
}

/// The column most names stand in (the later one on a tie).
fn names_column(ps: &[Piece], names: &[usize]) -> Option<usize> {
    let mut cols: Vec<(usize, usize)> = Vec::new();
    for p in names.iter().filter_map(|&k| ps.get(k)) {
        match cols.iter_mut().find(|(c, _)| *c == p.col) {
            Some((_, n)) => *n += 1,
            None => cols.push((p.col, 1)),
        }
    }
    cols.iter().max_by_key(|(c, n)| (*n, *c)).map(|(c, _)| *c)
}

/// Within one engine row, the name lines standing left of the names' column are read after
/// the row's lines in that column: a merged label cell's box reaches down over the next row,
/// so the engine hands it the lower row's name (`| 成本指标 总费用 | 每户补助标准 |`:
/// 每户… is the upper row). Only rows holding both kinds are touched.
fn lower_left_names(ps: &[Piece], names: &mut [usize]) {
    let Some(name_col) = names_column(ps, names) else {
        return;
    };
    let row_of = |k: usize| ps.get(k).map_or(usize::MAX, |p| p.row);
    let left = |k: usize| ps.get(k).is_some_and(|p| p.col < name_col);
    let mut i = 0;
    while i < names.len() {
        let row = names.get(i).map_or(usize::MAX, |&k| row_of(k));
        let mut j = i;
        while names.get(j).is_some_and(|&k| row_of(k) == row) {
            j += 1;
        }
        if let Some(run) = names.get_mut(i..j) {
            let both = run.iter().any(|&k| left(k))
                && run
                    .iter()
                    .any(|&k| ps.get(k).is_some_and(|p| p.col == name_col));
            if both {
                // stable: the column's lines keep their order, the left ones follow
                run.sort_by_key(|&k| left(k));
            }
        }
        i = j.max(i + 1);
    }
}

/// Whether a text line reads as a name and is no value: no digit, no operator, and the
/// vocabulary knows the name or a strong keyword rule gives its category (a name the engine
/// put in its row's last cell because it moved the row's value away).
fn name_like(p: &Piece, vocab: &Vocab) -> bool {
    let t = p.text.as_str();
    p.kind == Kind::Text
        && !t
            .chars()
            .any(|c| c.is_ascii_digit() || "≥≤><=＞＜≧≦".contains(c))
        && (vocab
            .indicator(t)
            .is_some_and(|m| m.is_exact() || m.score >= FUZZY_ACCEPT)
            || matches!(vocab.rule_category(t), Some((_, Strength::Strong))))
}

/// Drops from the names a one-character line alone in its cell outside the names' column: the
/// tail of a key the engine broke into another row (`年度总体目` … `标`); no name is one
/// character. It stays out of the records (→ `unassigned`).
fn drop_strays(ps: &[Piece], names: &mut Vec<usize>) {
    let Some(name_col) = names_column(ps, names) else {
        return;
    };
    let alone = |k: usize, p: &Piece| {
        // (header words and labels the engine put in the same cell do not count)
        let other = |j: Option<usize>| {
            j.and_then(|j| ps.get(j))
                .is_some_and(|q| q.cell == p.cell && matches!(q.kind, Kind::Text | Kind::Value))
        };
        !other(k.checked_sub(1)) && !other(Some(k + 1))
    };
    names.retain(|&k| {
        ps.get(k)
            .is_none_or(|p| p.col == name_col || p.text.chars().count() > 1 || !alone(k, p))
    });
}

/// Names and values grouped into items (lines of `nrefs` / `vrefs`), paired by position.
struct Paired<'p> {
    nrefs: Vec<&'p Piece>,
    vrefs: Vec<&'p Piece>,
    nitems: Vec<Item>,
    vitems: Vec<Item>,
    /// Rows whose name traded places with its neighbour's (see `swap_by_fit`).
    swapped: Vec<bool>,
}

/// How well a value fits a name, by the vocabulary: the name's category (known name or
/// keyword rule) agrees with the value's type (`…率` ↔ `≥95%`, `…完工时间` ↔ `2025年底前`), a
/// rate category takes a % (`…满意度` ↔ `≥90%`), a number category no phrase, and the value's
/// unit is printed in the name (`修缮处数` ↔ `≥6处`).
fn fit(name: &str, value: &str, vocab: &Vocab) -> i32 {
    let cat = match vocab.indicator(name) {
        Some(m) if m.is_exact() || m.score >= FUZZY_ACCEPT => Some(m.cat),
        _ => vocab
            .rule_category(name)
            .filter(|(_, s)| matches!(s, Strength::Strong | Strength::Scoped))
            .map(|(c, _)| c),
    };
    let class = vocab.value_class(value);
    let vt = segment::value_type(value, &class, vocab.checks());
    let level2 = cat
        .and_then(|c| vocab.category(c))
        .map(|c| vocab.key(c.level2));
    let mut f = 0;
    if let (Some(t), Some(c)) = (vt, cat) {
        if vocab.label(t.label()).is_some_and(|m| m.cat == c) {
            f += 1;
        }
    }
    if let Some(l2) = &level2 {
        let checks = vocab.checks();
        if checks.expects_rate(l2) {
            f += if vt == Some(segment::ValueType::Rate) {
                1
            } else {
                -1
            };
        } else if checks.expects_number(l2) && !value.chars().any(|c| c.is_ascii_digit()) {
            f -= 1;
        }
    }
    if let ValueClass::Quantitative(p) = &*class {
        if p.unit
            .chars()
            .last()
            .is_some_and(|u| !u.is_ascii() && u != '％' && name.contains(u))
        {
            f += 1;
        }
    }
    f
}

/// Neighbouring names the engine printed out of order (on the same or the next engine row)
/// trade places when each fits the other's value clearly better (by two points of `fit`): the
/// values' column keeps the form's order more often than the names, which a merged label cell
/// or a drifting column can move.
fn swap_by_fit(pr: &mut Paired, vocab: &Vocab) {
    let text = |refs: &[&Piece], it: Option<&Item>| it.map(|it| item_text(refs, it).0);
    let row = |pr: &Paired, r: usize| {
        pr.nitems
            .get(r)
            .and_then(|it| it.parts.first())
            .and_then(|&k| pr.nrefs.get(k))
            .map(|p| p.row)
    };
    let mut r = 0;
    while r + 1 < pr.nitems.len().min(pr.vitems.len()) {
        let (Some(n0), Some(n1), Some(v0), Some(v1)) = (
            text(&pr.nrefs, pr.nitems.get(r)),
            text(&pr.nrefs, pr.nitems.get(r + 1)),
            text(&pr.vrefs, pr.vitems.get(r)),
            text(&pr.vrefs, pr.vitems.get(r + 1)),
        ) else {
            break;
        };
        let near = match (row(pr, r), row(pr, r + 1)) {
            (Some(a), Some(b)) => a.abs_diff(b) <= 1,
            _ => false,
        };
        let gain = fit(&n0, &v1, vocab) + fit(&n1, &v0, vocab)
            - fit(&n0, &v0, vocab)
            - fit(&n1, &v1, vocab);
        if near && gain >= 2 {
            pr.nitems.swap(r, r + 1);
            for k in [r, r + 1] {
                if let Some(s) = pr.swapped.get_mut(k) {
                    *s = true;
                }
            }
            r += 2;
        } else {
            r += 1;
        }
    }
}

impl<'p> Paired<'p> {
    fn of(ps: &'p [Piece], sides: &Sides, vocab: &Vocab) -> Self {
        let vrefs: Vec<&Piece> = sides.values.iter().filter_map(|&k| ps.get(k)).collect();
        let vowned: Vec<Piece> = vrefs.iter().map(|p| (*p).clone()).collect();
        let vitems = group(&vowned, None, &opens_value);
        let nrefs: Vec<&Piece> = sides.names.iter().filter_map(|&k| ps.get(k)).collect();
        let nowned: Vec<Piece> = nrefs.iter().map(|p| (*p).clone()).collect();
        let want = (nowned.len() >= vitems.len() && !vitems.is_empty()).then_some(vitems.len());
        let nitems = group(&nowned, want, &|_| false);
        let swapped = vec![false; nitems.len()];
        let mut pr = Paired {
            nrefs,
            vrefs,
            nitems,
            vitems,
            swapped,
        };
        swap_by_fit(&mut pr, vocab);
        pr
    }

    fn rows(&self) -> usize {
        self.nitems.len().max(self.vitems.len())
    }
}

/// How many items each cell's lines went into (a cell with several: rows merged).
fn items_in_cell(refs: &[&Piece], items: &[Item], cellno: usize) -> usize {
    items
        .iter()
        .filter(|it| {
            it.parts
                .iter()
                .any(|&k| refs.get(k).is_some_and(|p| p.cell == cellno))
        })
        .count()
}

type Slots = Vec<Option<Cell>>;

/// The level1 and level2 cell of each row: the groups the labels head, chosen together (see
/// `labels`); else each label at the row of the name printed next.
fn label_slots(ps: &[Piece], sides: &Sides, pr: &Paired, vocab: &Vocab) -> (Slots, Slots) {
    // label positions: the stream index of each name item's first line
    let starts: Vec<usize> = pr
        .nitems
        .iter()
        .map(|it| {
            it.parts
                .first()
                .and_then(|&k| sides.names.get(k))
                .copied()
                .unwrap_or(usize::MAX)
        })
        .collect();
    let n_rows = pr.rows();
    let mut l1: Slots = vec![None; n_rows];
    let mut l2: Slots = vec![None; n_rows];
    let texts: Vec<String> = pr
        .nitems
        .iter()
        .map(|it| item_text(&pr.nrefs, it).0)
        .collect();
    let vtexts: Vec<String> = pr
        .vitems
        .iter()
        .map(|it| item_text(&pr.vrefs, it).0)
        .collect();
    let name_rows: Vec<NameRow> = pr
        .nitems
        .iter()
        .zip(&starts)
        .zip(&texts)
        .enumerate()
        .map(|(r, ((it, &start), text))| NameRow {
            start,
            row: it
                .parts
                .first()
                .and_then(|&k| pr.nrefs.get(k))
                .map_or(0, |p| p.row),
            lines: it.parts.len(),
            text,
            value: vtexts.get(r).map_or("", |v| v.as_str()),
        })
        .collect();
    let placed = labels::place(ps, &sides.labels, &name_rows, vocab);
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
        return (l1, l2);
    }
    for &k in &sides.labels {
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
    (l1, l2)
}

/// The indicator rows and the lines that went to them (see the module doc); `fixes` gets the
/// repairs of the records they make.
pub fn lay_out(
    ps: &[Piece],
    used: &[bool],
    ind_start: usize,
    grid: &Grid,
    vocab: &Vocab,
    fixes: &mut Vec<Fix>,
) -> (Vec<Vec<Cell>>, Sides) {
    let sides = sides(ps, used, ind_start, grid.rows.len(), vocab);
    let pr = Paired::of(ps, &sides, vocab);
    let (l1, l2) = label_slots(ps, &sides, &pr, vocab);
    let mut rows = Vec::new();
    for r in 0..pr.rows() {
        let name = pr.nitems.get(r);
        let value = pr.vitems.get(r);
        let (ntext, nprinted) = name.map(|it| item_text(&pr.nrefs, it)).unwrap_or_default();
        let (vtext, _) = value.map(|it| item_text(&pr.vrefs, it)).unwrap_or_default();
        let nspan = name.map(|it| first_span(&pr.nrefs, it)).unwrap_or_default();
        let vspan = value
            .map(|it| first_span(&pr.vrefs, it))
            .unwrap_or_default();
        rows.push(vec![
            l1.get(r).cloned().flatten().unwrap_or_default(),
            l2.get(r).cloned().flatten().unwrap_or_default(),
            cell(ntext.clone(), nspan),
            cell(vtext, vspan),
        ]);
        if let Some(it) = name {
            let made = Made {
                row: r,
                text: ntext,
                printed: nprinted,
                span: nspan,
            };
            let swapped = pr.swapped.get(r).copied().unwrap_or(false);
            repairs(&pr, it, value, made, swapped, fixes);
        }
    }
    (rows, sides)
}

/// The record a row makes: its row number, the name as joined and as printed, its span.
struct Made {
    row: usize,
    text: String,
    printed: String,
    span: Span,
}

/// The repairs of one indicator row: rows merged (its cell held several items), split (its
/// lines or its value on other rows), lines joined, or no value to pair.
fn repairs(
    pr: &Paired,
    it: &Item,
    value: Option<&Item>,
    made: Made,
    swapped: bool,
    fixes: &mut Vec<Fix>,
) {
    let sure = it.sure.min(value.map_or(0.5, |v| v.sure));
    let lines: Vec<&Piece> = it
        .parts
        .iter()
        .filter_map(|&k| pr.nrefs.get(k).copied())
        .collect();
    let first_cell = lines.first().map_or(0, |p| p.cell);
    let rows_of_name = lines
        .iter()
        .map(|p| p.row)
        .collect::<std::collections::BTreeSet<_>>();
    let value_first = value.and_then(|v| v.parts.first().and_then(|&k| pr.vrefs.get(k)));
    let merged = items_in_cell(&pr.nrefs, &pr.nitems, first_cell) > 1
        || value_first.is_some_and(|p| items_in_cell(&pr.vrefs, &pr.vitems, p.cell) > 1);
    let split = rows_of_name.len() > 1
        || value_first.is_some_and(|p| lines.first().is_some_and(|n| n.row != p.row));
    let mut fix = |kind: RepairKind, reason: String, sure: f64| {
        fixes.push(Fix {
            line: made.span.line,
            col: made.span.col,
            text: made.text.clone(),
            printed: made.printed.clone(),
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
                made.row + 1
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
    if swapped {
        fix(
            RepairKind::RowSplit,
            "printed out of order beside its neighbour; paired with the value its category and unit fit".into(),
            sure.min(0.6),
        );
    }
    if lines.len() > 1 && !merged && !split && !swapped {
        fix(
            RepairKind::LineJoin,
            format!("printed over {} lines: `{}`", lines.len(), made.printed),
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
