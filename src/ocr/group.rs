//! Visual lines → items, and items paired in order. A run of printed lines (pieces) goes in
//! with how many items it holds, when known; out come the items, each the lines it joins. A
//! line that fills its column's width runs on into the next (the engine broke it there); a
//! shorter line ends an item. When the count is known (as many names as values), the cuts are
//! the most likely ends: the shortest lines. Lines are joined without the space the engine put
//! at the break (受助学生人 数 → 受助学生人数) unless both sides are Latin letters or digits.

use super::pieces::Piece;

/// One item: the indices of its pieces in the input slice, and how sure the cuts around it are.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub parts: Vec<usize>,
    /// 1.0 when every cut and join agrees with the line widths; lower when the count forced a
    /// cut after a full line or a join after a short one.
    pub sure: f64,
}

/// Joins printed lines: no space at a line break, except between two Latin words.
pub fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for l in lines {
        let ascii_gap = out.chars().last().is_some_and(|c| c.is_ascii_alphabetic())
            && l.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if ascii_gap {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

/// The likelihood (0–1) that an item ends after piece `a` and a new one starts at `b`.
fn cut_score(a: &Piece, b: &Piece, cap: usize, starts_item: &dyn Fn(&Piece) -> bool) -> f64 {
    let full = a.width + 2 >= cap;
    // the next line in another cell: a cut unless this line filled its column
    let mut s: f64 = match (full, a.cell == b.cell) {
        (true, true) => 0.25,
        (true, false) => 0.45,
        (false, true) => 0.85,
        (false, false) => 0.9,
    };
    if starts_item(b) {
        s += 0.3;
    }
    // an opening bracket or a dangling connective never ends an item
    if a.text.ends_with(['（', '(', '、', '“', '和', '及', '与']) {
        s -= 0.4;
    }
    if b.text.starts_with(['）', ')', '、', '”', '，', '。', '%']) {
        s -= 0.4;
    }
    s.clamp(0.0, 1.0)
}

/// Groups `pieces` (in reading order) into items; `count` = how many there must be, if known.
/// `starts_item` says a piece opens an item whatever the widths (a value led by ≥ or a digit).
pub fn group(
    pieces: &[Piece],
    count: Option<usize>,
    starts_item: &dyn Fn(&Piece) -> bool,
) -> Vec<Item> {
    if pieces.is_empty() {
        return Vec::new();
    }
    // a column's capacity: its widest line
    let cap_of = |col: usize| {
        pieces
            .iter()
            .filter(|p| p.col == col)
            .map(|p| p.width)
            .max()
            .unwrap_or(0)
    };
    let scores: Vec<f64> = pieces
        .windows(2)
        .map(|w| match w {
            [a, b] => cut_score(a, b, cap_of(a.col), starts_item),
            _ => 0.0,
        })
        .collect();
    // cuts where the score says so, or the `count - 1` best ones
    let mut cut: Vec<bool> = scores.iter().map(|&s| s >= 0.5).collect();
    if let Some(n) = count.filter(|&n| n >= 1 && n <= pieces.len()) {
        let mut order: Vec<usize> = (0..scores.len()).collect();
        // highest score first; earlier gap first on a tie
        order.sort_by(|&x, &y| {
            let sx = scores.get(x).copied().unwrap_or(0.0);
            let sy = scores.get(y).copied().unwrap_or(0.0);
            sy.total_cmp(&sx).then(x.cmp(&y))
        });
        cut = vec![false; scores.len()];
        for &g in order.iter().take(n - 1) {
            if let Some(c) = cut.get_mut(g) {
                *c = true;
            }
        }
    }
    let mut items = Vec::new();
    let mut cur = Item {
        parts: vec![0],
        sure: 1.0,
    };
    for (g, &s) in scores.iter().enumerate() {
        let is_cut = cut.get(g).copied().unwrap_or(false);
        // how far the decision went against the widths
        let doubt = if is_cut {
            (0.5 - s).max(0.0)
        } else {
            (s - 0.5).max(0.0)
        };
        if is_cut {
            items.push(std::mem::replace(
                &mut cur,
                Item {
                    parts: vec![g + 1],
                    sure: 1.0 - doubt,
                },
            ));
            if let Some(prev) = items.last_mut() {
                prev.sure = prev.sure.min(1.0 - doubt);
            }
        } else {
            cur.parts.push(g + 1);
            cur.sure = cur.sure.min(1.0 - doubt);
        }
    }
    items.push(cur);
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::pieces::{width, Kind};

    fn p(t: &str) -> Piece {
        Piece {
            text: t.into(),
            kind: Kind::Text,
            cell: 0,
            row: 0,
            col: 0,
            span: Default::default(),
            width: width(t),
        }
    }

    fn texts(ps: &[Piece], items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| {
                join_lines(
                    i.parts
                        .iter()
                        .filter_map(|&k| ps.get(k))
                        .map(|p| p.text.as_str()),
                )
            })
            .collect()
    }

    #[test]
    fn a_full_line_runs_on_and_a_short_one_ends() {
        let ps: Vec<Piece> = [
            "学期结束前",
            "完成补助结",
            "算",
            "生均每日补",
            "助标准",
            "项目总成本",
        ]
        .iter()
        .map(|t| p(t))
        .collect();
        let items = group(&ps, Some(3), &|_| false);
        assert_eq!(
            texts(&ps, &items),
            ["学期结束前完成补助结算", "生均每日补助标准", "项目总成本"]
        );
    }

    proptest::proptest! {
        /// Row merge and row split never lose or duplicate a character: whatever the lines,
        /// widths, cells and count, the items are a partition of the lines in order, and their
        /// joined texts hold exactly the lines' characters.
        #[test]
        fn grouping_never_loses_or_duplicates_a_character(
            lines in proptest::collection::vec(("[a-z培训人次数量率（）、≥0-9%]{1,9}", 0usize..4, 0usize..3), 0..14),
            count in proptest::option::of(0usize..16),
        ) {
            let ps: Vec<Piece> = lines
                .iter()
                .map(|(t, cellno, col)| Piece { cell: *cellno, col: *col, ..p(t) })
                .collect();
            let items = group(&ps, count, &|q: &Piece| q.text.starts_with('≥'));
            let order: Vec<usize> = items.iter().flat_map(|i| i.parts.iter().copied()).collect();
            proptest::prop_assert_eq!(order, (0..ps.len()).collect::<Vec<_>>());
            let mut got: Vec<char> = texts(&ps, &items).concat().chars().filter(|c| *c != ' ').collect();
            let mut want: Vec<char> = ps.iter().flat_map(|q| q.text.chars()).collect();
            got.sort_unstable();
            want.sort_unstable();
            proptest::prop_assert_eq!(got, want);
            if let Some(n) = count.filter(|&n| n >= 1 && n <= ps.len()) {
                proptest::prop_assert_eq!(items.len(), n);
            }
            for i in &items {
                proptest::prop_assert!(i.sure > 0.0 && i.sure <= 1.0);
            }
        }
    }

    #[test]
    fn the_count_cuts_two_names_merged_into_one_cell() {
        let ps: Vec<Piece> = ["覆盖学校数量", "培训教师人次"]
            .iter()
            .map(|t| p(t))
            .collect();
        let items = group(&ps, Some(2), &|_| false);
        assert_eq!(texts(&ps, &items), ["覆盖学校数量", "培训教师人次"]);
        assert!(
            items.iter().all(|i| i.sure < 1.0),
            "the cut went against the widths"
        );
        assert_eq!(join_lines(["受助学生人", "数"]), "受助学生人数");
        assert_eq!(join_lines(["GDP", "growth"]), "GDP growth");
    }
}
