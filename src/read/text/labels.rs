//! Label words broken over lines (`可持续影` on one line, `响指标` on the next). A form's rows
//! go in; out come the same rows with each broken label joined again in the upper cell (the
//! lower one left empty), when neither piece is a word of the form and the two together are a
//! level label. Only the cells of the same column in consecutive rows are tried.

use super::{Lexicon, WordKind};
use crate::model::Cell;

/// Joins the broken labels of `rows` (see the module doc).
pub fn join_broken(rows: &mut [Vec<Cell>], lex: &Lexicon) {
    for r in 1..rows.len() {
        let (upper, lower) = rows.split_at_mut(r);
        let (Some(up), Some(down)) = (upper.last_mut(), lower.first_mut()) else {
            continue;
        };
        for (a, b) in up.iter_mut().zip(down.iter_mut()) {
            if a.is_empty() || b.is_empty() || lex.kind_of(&a.text).is_some() {
                continue;
            }
            if lex.kind_of(&b.text).is_some() {
                continue;
            }
            let joined = format!("{}{}", a.text, b.text);
            if lex.kind_of(&joined).is_some_and(WordKind::is_label) {
                a.text = joined;
                a.span.end = b.span.end.max(a.span.end);
                b.text.clear();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_broken_over_two_rows_is_joined() {
        let lex = Lexicon::new(
            vec![("可持续影响指标".into(), WordKind::Level2)],
            Vec::new(),
        );
        let cell = |t: &str| Cell {
            text: t.into(),
            ..Cell::default()
        };
        let mut rows = vec![
            vec![cell("可持续影"), cell("持续提升服务水平")],
            vec![cell("响指标"), cell("持续改善")],
        ];
        join_broken(&mut rows, &lex);
        assert_eq!(rows[0][0].text, "可持续影响指标");
        assert!(rows[1][0].text.is_empty());
        assert_eq!(rows[1][1].text, "持续改善");
    }
}
