//! The value grammar the text readers share: a text goes in; out comes whether it is a target
//! value (operator, number, unit; or a qualitative phrase the lexicon lists) and where a value
//! that ends the text starts. Its own module so the segmenting and the one-cell-a-line readers
//! both import it and not each other.

use super::{Lexicon, WordKind};

/// Operators a target may open with.
pub fn is_op(c: char) -> bool {
    matches!(
        c,
        '≥' | '≤' | '>' | '<' | '=' | '＝' | '＞' | '＜' | '≈' | '≧' | '≦' | '约' | '±'
    )
}

pub fn is_num(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | '．' | ',' | '０'..='９')
}

/// Where a quantitative value that runs to the end of `text` starts (operator, number, unit),
/// read backward from the end: linear in the text.
pub fn value_start(text: &str, lex: &Lexicon) -> Option<usize> {
    let t = text.trim_end();
    // the unit: the longest that `t` ends with
    let mut end = t.len();
    if let Some(u) = lex
        .units()
        .iter()
        .filter(|u| t.ends_with(u.as_str()))
        .max_by_key(|u| u.len())
    {
        end -= u.len();
    } else if t.ends_with(['%', '％', '‰']) {
        end -= t.chars().last().map_or(0, char::len_utf8);
    }
    // a multiplier between the number and its unit (`9.8万人`)
    let head = t.get(..end)?.trim_end();
    let head = head.strip_suffix(['万', '亿', '千']).unwrap_or(head);
    let mut start = head.len();
    let mut digits = false;
    for (i, c) in head.char_indices().rev() {
        if c.is_ascii_digit() || matches!(c, '０'..='９') {
            digits = true;
            start = i;
        } else if is_num(c) {
            start = i;
        } else {
            break;
        }
    }
    if !digits {
        return None;
    }
    // `.5` / `,` may not open a number
    let rest = head.get(start..).unwrap_or("");
    let lead = rest.len() - rest.trim_start_matches(['.', '．', ',']).len();
    start += lead;
    // a date reads back over its year and month (`2024年3月`, not `3月`)
    while let Some(date) = head
        .get(..start)
        .and_then(|b| b.strip_suffix(['年', '月']))
        .filter(|b| b.ends_with(|c: char| c.is_ascii_digit()))
    {
        start = date.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    }
    let before = head.get(..start).unwrap_or("").trim_end();
    match before.chars().last() {
        Some(c) if is_op(c) => Some(before.len() - c.len_utf8()),
        _ => Some(start),
    }
}

/// Whether `text` is a target value: a quantitative value, or a qualitative phrase.
pub fn is_value(text: &str, lex: &Lexicon) -> bool {
    let t = text.trim();
    !t.is_empty()
        && (value_start(t, lex) == Some(0)
            || lex.kind_of(t) == Some(WordKind::Qualitative)
            || t.chars().next().is_some_and(is_op))
}
