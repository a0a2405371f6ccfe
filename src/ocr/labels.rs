//! Category labels of a page table → the rows they head. The label lines go in (where the
//! engine printed them) with the name items (their rows and printed heights); out comes, for
//! each name row, the category whose group starts there.
//!
//! A merged label cell is printed at the vertical middle of the rows it covers, and the engine
//! hands its text to whichever row stands there: the label marks the centre of its group, not
//! its first row. So the groups are chosen together, in print order, one per label, each a
//! contiguous run of names: the run whose middle (in printed lines) lies nearest its label's
//! line, and whose names the vocabulary does not place elsewhere (a known name, a strong
//! keyword rule). A level1 label with several level2 categories under it (产出指标) only says
//! where a larger group stands and is not used; the level1 of each group is its category's.
//!
//! Before/after: `| 数量指标 | 培训场次 |` printed on the second of three rows → the group
//! starts at the first row.

use super::pieces::{Kind, Piece};
use crate::assemble::segment;
use crate::model::Span;
use crate::vocab::{CatId, Strength, Vocab, FUZZY_ACCEPT};

/// A name row as the labels see it.
pub struct NameRow<'a> {
    /// Stream index of its first line.
    pub start: usize,
    /// The engine's row of its first line.
    pub row: usize,
    /// How many printed lines it holds (at least 1).
    pub lines: usize,
    pub text: &'a str,
    /// The value paired with it ("" when none).
    pub value: &'a str,
}

/// What moving a group's middle one printed line away from its label costs (squared), against
/// the weights of the evidence for the names' categories.
const OFF_CENTRE: f64 = 2.0;

/// How far below the middle of its row a label's group tends to centre, in printed lines.
const TOP_BIAS: f64 = 0.4;

/// One label's wish: its category and the printed line where it stands.
struct Anchor {
    cat: CatId,
    y: f64,
    span: Span,
}

/// The longest run of anchors in the form's order of categories (ids are in that order): a
/// label out of order is a level1 cell printed beside another group (a level1 whose only level2 bears its name, printed beside
/// another level1)
/// or a label the engine moved, and says nothing about where its group starts.
fn in_form_order(anchors: Vec<Anchor>) -> Vec<Anchor> {
    let n = anchors.len();
    // len[i]: the longest increasing run ending at i; prev[i]: the anchor before i in it
    let mut len = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            let (Some(a), Some(b)) = (anchors.get(j), anchors.get(i)) else {
                continue;
            };
            let lj = len.get(j).copied().unwrap_or(0);
            if a.cat < b.cat && lj + 1 > len.get(i).copied().unwrap_or(0) {
                if let Some(l) = len.get_mut(i) {
                    *l = lj + 1;
                }
                if let Some(p) = prev.get_mut(i) {
                    *p = j;
                }
            }
        }
    }
    let mut keep = vec![false; n];
    let mut at = (0..n).max_by_key(|&i| (len.get(i).copied().unwrap_or(0), i));
    while let Some(i) = at.filter(|&i| i < n) {
        if let Some(k) = keep.get_mut(i) {
            *k = true;
        }
        at = prev.get(i).copied();
    }
    anchors
        .into_iter()
        .zip(keep)
        .filter_map(|(a, k)| k.then_some(a))
        .collect()
}

/// What the vocabulary and the value say of a row's category, as (category, weight): the
/// weights of the category model (`assemble::segment`).
fn evidence(name: &str, value: &str, vocab: &Vocab) -> Vec<(CatId, f64)> {
    let mut ev = Vec::new();
    if let Some(m) = vocab.indicator(name) {
        if m.is_exact() {
            ev.push((m.cat, segment::VOCAB));
        } else if m.score >= FUZZY_ACCEPT {
            ev.push((m.cat, segment::VOCAB_FUZZY * m.score));
        }
    }
    if let Some((c, s)) = vocab.rule_category(name) {
        ev.push((
            c,
            match s {
                Strength::Strong => segment::RULE_STRONG,
                Strength::Scoped => segment::RULE_SCOPED,
                Strength::Weak => segment::RULE_WEAK,
            },
        ));
    }
    if let Some(t) = segment::value_type(value, &vocab.value_class(value), vocab.checks()) {
        if let Some(m) = vocab.label(t.label()) {
            ev.push((m.cat, t.weight()));
        }
    }
    ev
}

/// For each name row, the category (and the label's span) whose group starts there; None when
/// no label anchors a group or there are more groups than names.
pub fn place(
    ps: &[Piece],
    label_idx: &[usize],
    names: &[NameRow],
    vocab: &Vocab,
) -> Option<Vec<Option<(CatId, Span)>>> {
    let n = names.len();
    if n == 0 {
        return None;
    }
    // tops of the rows, in printed lines
    let mut top = Vec::with_capacity(n + 1);
    let mut y = 0.0;
    for r in names {
        top.push(y);
        y += r.lines.max(1) as f64;
    }
    top.push(y);
    let top_of = |i: usize| top.get(i).copied().unwrap_or(y);

    let anchors = anchors_of(ps, label_idx, names, &top, vocab);
    let anchors = in_form_order(anchors);
    let m = anchors.len();
    if m == 0 || m > n {
        return None;
    }
    // what the names say for each anchor's category, summed from the top
    let evs: Vec<Vec<(CatId, f64)>> = names
        .iter()
        .map(|r| evidence(r.text, r.value, vocab))
        .collect();
    let sums: Vec<Vec<f64>> = anchors
        .iter()
        .map(|a| {
            let mut acc = 0.0;
            let mut v = vec![0.0];
            for ev in &evs {
                acc += ev
                    .iter()
                    .filter(|(c, _)| *c == a.cat)
                    .map(|(_, w)| w)
                    .sum::<f64>();
                v.push(acc);
            }
            v
        })
        .collect();
    let cost = |j: usize, s: usize, e: usize| -> f64 {
        let Some(a) = anchors.get(j) else {
            return f64::INFINITY;
        };
        let mid = (top_of(s) + top_of(e + 1)) / 2.0;
        let sum = |i: usize| sums.get(j).and_then(|v| v.get(i)).copied().unwrap_or(0.0);
        OFF_CENTRE * (mid - a.y).powi(2) - (sum(e + 1) - sum(s))
    };
    // best[j][e]: the least cost of groups 0..=j covering names 0..=e; from[j][e]: group j's start
    let mut best = vec![vec![f64::INFINITY; n]; m];
    let mut from = vec![vec![0usize; n]; m];
    for e in 0..n {
        if let Some(b) = best.get_mut(0).and_then(|r| r.get_mut(e)) {
            *b = cost(0, 0, e);
        }
    }
    for j in 1..m {
        for e in j..n {
            let mut b = f64::INFINITY;
            let mut arg = j;
            for s in j..=e {
                let prev = best
                    .get(j - 1)
                    .and_then(|r| r.get(s - 1))
                    .copied()
                    .unwrap_or(f64::INFINITY);
                let c = prev + cost(j, s, e);
                if c < b {
                    b = c;
                    arg = s;
                }
            }
            if let Some(x) = best.get_mut(j).and_then(|r| r.get_mut(e)) {
                *x = b;
            }
            if let Some(x) = from.get_mut(j).and_then(|r| r.get_mut(e)) {
                *x = arg;
            }
        }
    }
    let mut out = vec![None; n];
    let mut e = n - 1;
    for j in (0..m).rev() {
        let s = if j == 0 {
            0
        } else {
            from.get(j).and_then(|r| r.get(e)).copied().unwrap_or(0)
        };
        if let (Some(slot), Some(a)) = (out.get_mut(s), anchors.get(j)) {
            *slot = Some((a.cat, a.span));
        }
        if s == 0 {
            break;
        }
        e = s - 1;
    }
    Some(out)
}

/// The top of row `i` in printed lines (the bottom of the last row past the end).
fn top_at(top: &[f64], i: usize) -> f64 {
    top.get(i).or(top.last()).copied().unwrap_or(0.0)
}

/// The labels' anchors in print order: each level2 label (or a level1 with a single level2)
/// at the printed line of the rows beside its cell; labels sharing a cell share out those rows.
fn anchors_of(
    ps: &[Piece],
    label_idx: &[usize],
    names: &[NameRow],
    top: &[f64],
    vocab: &Vocab,
) -> Vec<Anchor> {
    let n = names.len();
    let mut anchors: Vec<Anchor> = Vec::new();
    let mut i = 0;
    while i < label_idx.len() {
        let Some(first) = label_idx.get(i).and_then(|&k| ps.get(k)) else {
            break;
        };
        let mut j = i;
        while label_idx
            .get(j)
            .and_then(|&k| ps.get(k))
            .is_some_and(|p| p.cell == first.cell)
        {
            j += 1;
        }
        let k0 = label_idx.get(i).copied().unwrap_or(0);
        // the rows printed beside the cell, else the gap before the next name
        let beside: Vec<usize> = (0..n)
            .filter(|&r| names.get(r).is_some_and(|nr| nr.row == first.row))
            .collect();
        let (lo, hi) = match (beside.first(), beside.last()) {
            (Some(&a), Some(&b)) => (top_at(top, a), top_at(top, b + 1)),
            _ => {
                let next = names.iter().position(|nr| nr.start > k0).unwrap_or(n);
                (top_at(top, next), top_at(top, next))
            }
        };
        let cats: Vec<(CatId, Span)> = label_idx
            .get(i..j)
            .unwrap_or(&[])
            .iter()
            .filter_map(|&k| ps.get(k))
            .filter_map(|p| {
                let Kind::Label(_) = p.kind else { return None };
                let m = vocab.label(p.text.as_str())?;
                (!m.is_level1 || vocab.is_only_child(m.cat)).then_some((m.cat, p.span))
            })
            .collect();
        let parts = cats.len().max(1) as f64;
        for (q, (cat, span)) in cats.into_iter().enumerate() {
            // (a label straddling two rows goes to the upper one more often: a quarter line
            // down breaks the tie between the two groups it could head)
            let y = lo + (hi - lo) * (q as f64 + 0.5) / parts + TOP_BIAS;
            // the same category twice in a row (a level1 printed beside its only level2) is one group
            match anchors.last_mut() {
                Some(a) if a.cat == cat => a.y = (a.y + y) / 2.0,
                _ => anchors.push(Anchor { cat, y, span }),
            }
        }
        i = j.max(i + 1);
    }
    anchors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::pieces::{kind_of, width};

    fn piece(text: &str, cell: usize, row: usize, vocab: &Vocab) -> Piece {
        Piece {
            text: text.into(),
            kind: kind_of(text, vocab),
            cell,
            row,
            col: 1,
            span: Span::default(),
            width: width(text),
        }
    }

    #[test]
    fn a_label_printed_mid_group_heads_the_group_from_its_first_row() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        // stream: 数量指标 printed beside the second of three rows, 质量指标 beside the first of
        // two rows, and the label of the last category (a level1 with one level2) printed out of order
        // beside 质量指标
        let last = v
            .category(v.category_count().saturating_sub(1))
            .map_or("", |c| c.level1);
        let ps = vec![
            piece("数量指标", 0, 1, &v),
            piece(last, 1, 3, &v),
            piece("质量指标", 2, 3, &v),
        ];
        let names = [
            "甲项数量",
            "乙项数量",
            "丙项数量",
            "丁项合格率",
            "戊项合格率",
        ];
        let rows: Vec<NameRow> = names
            .iter()
            .enumerate()
            .map(|(r, t)| NameRow {
                start: 10 + r,
                row: r,
                lines: 1,
                text: t,
                value: "",
            })
            .collect();
        let got = place(&ps, &[0, 1, 2], &rows, &v).unwrap_or_else(|| panic!("no groups"));
        let heads: Vec<Option<&str>> = got
            .iter()
            .map(|g| g.and_then(|(c, _)| v.category(c)).map(|c| c.level2))
            .collect();
        assert_eq!(
            heads,
            [Some("数量指标"), None, None, Some("质量指标"), None]
        );
    }
}
