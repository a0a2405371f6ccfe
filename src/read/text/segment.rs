//! Cells in a line with single spaces between them or none at all
//! (`产出指标 数量指标 出差人次 = 24 人/次`, `产出指标数量指标学校改造覆盖率100%`). A line and
//! the lexicon go in; out come the byte ranges of its cells (`cut`), and for a form's lines
//! its rows (`read`, through the one-cell-a-line row builder with line ends as row ends in the
//! meta block).
//!
//! A line is cut in one pass: the form's words found in it (meta keys, header words, labels,
//! titles) are cells of their own; between them, the text is cut at spaces — except inside a
//! value (`= 24 人/次`) and after punctuation (`促进就业, 实现增长`) — and each piece that ends
//! in a value (operator, number, unit; or a qualitative phrase) or starts with a known
//! indicator name is cut there. The name is what is left. No character is lost: every
//! non-space character of the line is in exactly one cell. Every step looks at each character
//! a bounded number of times, so the cost is linear in the line.

use super::cuts::{Cuts, Why};
use super::stacked;
use super::values::{is_op, value_start};
use super::{Lexicon, Line, WordKind};
use crate::model::Cell;

/// A CJK ideograph or a letter: what a name may end in.
fn is_word_char(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF) || c.is_alphabetic()
}

/// A cell of a line: its byte range and what decided where it starts.
type Piece = (usize, usize, Why);

/// Byte ranges of the cells of `line` (see the module doc).
pub fn cut(line: &str, lex: &Lexicon) -> Vec<(usize, usize)> {
    cut_why(line, lex)
        .into_iter()
        .map(|(s, e, _)| (s, e))
        .collect()
}

/// `cut`, with what decided where each cell starts.
pub fn cut_why(line: &str, lex: &Lexicon) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut at = 0usize;
    let mut lead = Why::Space;
    // the text after a meta key is its value (a goal may end in a trend phrase): cut at
    // spaces only
    let mut after_key = false;
    for f in lex.find(line) {
        let own_cell = !matches!(f.kind, WordKind::Qualitative | WordKind::Name);
        if !own_cell || f.start < at {
            continue;
        }
        cut_text(line, (at, f.start, lead), (lex, after_key), &mut out);
        after_key = matches!(f.kind, WordKind::Meta { .. });
        // a key's colon is the key's (`某某金额:`)
        let rest = line.get(f.end..).unwrap_or("");
        let colon = rest.chars().next().filter(|c| matches!(c, ':' | '：'));
        let end = f.end + colon.map_or(0, char::len_utf8);
        out.push((f.start, end, Why::Word));
        at = end;
        lead = Why::Word;
    }
    cut_text(line, (at, line.len(), lead), (lex, after_key), &mut out);
    out
}

/// Cuts `line[s..e]` (no form word inside) at spaces and at a value's start; `lead` decided
/// where the text starts (a form word ending right before it). A meta key's value is cut at
/// spaces only; where spaces cut the text into cells (single-spaced), a piece is cut again
/// only where an operator opens a value (`培训人次≥50人`, not `2024年3月`).
fn cut_text(
    line: &str,
    (s, e, lead): Piece,
    (lex, key_value): (&Lexicon, bool),
    out: &mut Vec<Piece>,
) {
    let Some(text) = line.get(s..e) else { return };
    // pieces at spaces, joined again inside a value or after punctuation
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                pieces.push((s + st, s + i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        pieces.push((s + st, e));
    }
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for p in pieces {
        let this = line.get(p.0..p.1).unwrap_or("");
        let glue = merged.last().is_some_and(|&(ps, pe)| {
            let prev = line.get(ps..pe).unwrap_or("");
            let prev_last = prev.chars().last().unwrap_or(' ');
            let this_first = this.chars().next().unwrap_or(' ');
            // `= 24`, `24 人/次`, `促进就业, 实现`
            (prev.chars().all(is_op))
                || (prev_last.is_ascii_digit()
                    && lex.unit_at(this).is_some_and(|n| n == this.len()))
                || matches!(prev_last, ',' | '，' | '、' | ';' | '；' | ':' | '：')
                || (prev_last.is_ascii_alphanumeric() && this_first.is_ascii_alphabetic())
        });
        match merged.last_mut() {
            Some(last) if glue => last.1 = p.1,
            _ => merged.push(p),
        }
    }
    let spaced = merged.len() > 1;
    for (ps, pe) in merged {
        let why = if ps == s { lead } else { Why::Space };
        if key_value {
            amounts(line, (ps, pe, why), out);
        } else {
            split_value(line, (ps, pe, why), (lex, spaced), out);
        }
    }
}

/// A meta key's value as it stands, or, when it is amounts run together with two decimals each
/// (`228.40228.400.00`, a department's 金额合计 row), one cell per amount.
fn amounts(line: &str, (s, e, lead): Piece, out: &mut Vec<Piece>) {
    let text = line.get(s..e).unwrap_or("");
    let dots = text.bytes().filter(|&b| b == b'.').count();
    let numeric = text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let mut ends = Vec::new();
    if numeric && dots >= 2 {
        let b = text.as_bytes();
        let mut i = 0;
        while let Some(d) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'.')) {
            let end = i + d + 3;
            let two = b
                .get(i + d + 1..end)
                .is_some_and(|t| t.iter().all(u8::is_ascii_digit));
            if d == 0 || !two {
                ends.clear();
                break;
            }
            ends.push(end);
            i = end;
        }
        if i != text.len() {
            ends.clear();
        }
    }
    if ends.len() < 2 {
        out.push((s, e, lead));
        return;
    }
    let mut at = s;
    for (k, end) in ends.into_iter().enumerate() {
        out.push((at, s + end, if k == 0 { lead } else { Why::Value }));
        at = s + end;
    }
}

/// Cuts one piece where a known name ends or a value starts (in a `spaced` line only where an
/// operator opens a value).
fn split_value(
    line: &str,
    (s, e, lead): Piece,
    (lex, spaced): (&Lexicon, bool),
    out: &mut Vec<Piece>,
) {
    let Some(text) = line.get(s..e) else { return };
    let mut cut_at: Option<(usize, Why)> = None;
    match value_start(text, lex) {
        // the whole piece is a value
        Some(0) => {
            out.push((s, e, lead));
            return;
        }
        Some(v) => cut_at = Some((v, Why::Value)),
        None => {}
    }
    if spaced {
        let op = cut_at.filter(|&(v, _)| {
            text.get(v..)
                .and_then(|t| t.chars().next())
                .is_some_and(is_op)
        });
        match op {
            Some((c, why)) => {
                out.push((s, s + c, lead));
                out.push((s + c, e, why));
            }
            None => out.push((s, e, lead)),
        }
        return;
    }
    if cut_at.is_none() {
        let found = lex.find(text);
        // a qualitative phrase running to the end, or a known name at the start
        if let Some(q) = found.iter().find(|f| {
            // after a name's last character, not inside a value (`2031年末前`)
            let before = text.get(..f.start).unwrap_or("").chars().last();
            f.kind == WordKind::Qualitative
                && f.end == text.len()
                && before.is_some_and(|c| is_word_char(c) || matches!(c, '，' | '、' | ','))
        }) {
            // openers before the phrase are the value's (`长期` + `有效`)
            let start = lex.openers_before(text, q.start);
            cut_at = Some((start, Why::Phrase));
        } else if let Some(n) = found
            .iter()
            .find(|f| f.kind == WordKind::Name && f.start == 0 && f.end < text.len())
        {
            cut_at = Some((n.end, Why::Name));
        }
    }
    if cut_at.is_none() {
        // a value that opens with a number but ends in words (`6月底前`): at the first digit
        let first_digit = text
            .char_indices()
            .find(|(_, c)| c.is_ascii_digit())
            .map(|(i, _)| i);
        if let Some(d) = first_digit.filter(|&d| d > 0) {
            // only after a name's word character (`[602]…` is a code, not a value)
            let before = text.get(..d).unwrap_or("").trim_end();
            cut_at = match before.chars().last() {
                Some(c) if is_op(c) => Some(before.len() - c.len_utf8())
                    .filter(|&x| x > 0)
                    .map(|x| (x, Why::Value)),
                // a time word before the number is the value's (`次年` + `3月底前`)
                Some(c) if is_word_char(c) => Some((lex.openers_before(text, d), Why::Digit)),
                _ => None,
            };
        }
    }
    if cut_at.is_none() {
        // a qualitative target no list holds, opened by an adverb (`…机制持续运行`)
        cut_at = lex.opener_start(text).map(|o| (o, Why::Opener));
    }
    match cut_at {
        Some((c, why)) => {
            out.push((s, s + c, lead));
            out.push((s + c, e, why));
        }
        None => out.push((s, e, lead)),
    }
}

/// Reads a form printed one row a line with cells cut by the form's words. Returns the rows
/// and the cells of the first line that stand before its first meta key or header word (a
/// title and year run into the form's line).
///
/// Each cut where no delimiter stood (two cells touching) goes to `cuts`.
pub fn read(body: &[Line], lex: &Lexicon, cuts: &mut Cuts) -> (Vec<Vec<Cell>>, Vec<Cell>) {
    let mut cells: Vec<(Cell, bool)> = Vec::new();
    let mut lead = Vec::new();
    let mut opened = false;
    for l in body {
        let ranges = cut_why(l.text, lex);
        let n = ranges.len();
        let mut prev: Option<(usize, Cell)> = None;
        for (k, (s, e, why)) in ranges.into_iter().enumerate() {
            let c = l.cell(s, e);
            if c.is_empty() {
                continue;
            }
            if let Some((pe, p)) = &prev {
                if *pe == s {
                    let at = |c: &Cell| (c.span.line, c.span.col);
                    cuts.add((at(p), &p.text), (at(&c), &c.text), why);
                }
            }
            prev = Some((e, c.clone()));
            if !opened {
                match lex.kind_of(&c.text) {
                    Some(WordKind::Meta { .. } | WordKind::Header) => opened = true,
                    _ => {
                        lead.push(c);
                        continue;
                    }
                }
            }
            cells.push((c, k + 1 == n));
        }
    }
    (stacked::build(cells, lex), lead)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text::values::is_value;

    fn lex() -> Lexicon {
        Lexicon::new(
            vec![
                ("产出指标".into(), WordKind::Level1),
                ("数量指标".into(), WordKind::Level2),
                ("影响程度明显".into(), WordKind::Qualitative),
                ("培训场次".into(), WordKind::Name),
            ],
            vec!["人次".into(), "人".into(), "场".into(), "人/次".into()],
        )
    }

    /// The cells `cut` makes of `line` with the lexicon `lex`.
    fn cells_by<'a>(line: &'a str, lex: &Lexicon) -> Vec<&'a str> {
        cut(line, lex)
            .into_iter()
            .map(|(s, e)| line.get(s..e).unwrap_or("?"))
            .collect()
    }

    fn cells(line: &str) -> Vec<&str> {
        cells_by(line, &lex())
    }

    #[test]
    fn run_together_cells_are_cut_at_labels_and_values() {
        assert_eq!(
            cells("产出指标数量指标学校改造覆盖率100%"),
            vec!["产出指标", "数量指标", "学校改造覆盖率", "100%"]
        );
        assert_eq!(cells("培训人次≥50人"), vec!["培训人次", "≥50人"]);
        assert_eq!(
            cells("对办公环境的改善影响程度明显"),
            vec!["对办公环境的改善", "影响程度明显"]
        );
        assert_eq!(cells("培训场次符合要求"), vec!["培训场次", "符合要求"]);
    }

    #[test]
    fn single_spaces_cut_except_inside_a_value() {
        assert_eq!(
            cells("产出指标 数量指标 出差人次 正向 = 24 人/次 4"),
            vec![
                "产出指标",
                "数量指标",
                "出差人次",
                "正向",
                "= 24 人/次",
                "4"
            ]
        );
        assert_eq!(
            cells("促进就业, 实现经济增长 影响程度明显"),
            vec!["促进就业, 实现经济增长", "影响程度明显"]
        );
    }

    fn lex_with_openers() -> Lexicon {
        let mut words = vec![
            ("产出指标".into(), WordKind::Level1),
            ("数量指标".into(), WordKind::Level2),
            ("年度目标".into(), WordKind::Meta { starts: false }),
            ("金额合计".into(), WordKind::Meta { starts: false }),
            ("明显改善".into(), WordKind::Qualitative),
            ("有效".into(), WordKind::Qualitative),
        ];
        words.push(("时效指标".into(), WordKind::Level2));
        Lexicon::new(words, vec!["月".into(), "年".into(), "人".into()])
            .with_openers(["持续", "长期", "较上年", "次年"].map(String::from))
    }

    fn cells_with(line: &str) -> Vec<&str> {
        cells_by(line, &lex_with_openers())
    }

    #[test]
    fn a_value_no_list_holds_opens_at_its_adverb() {
        assert_eq!(
            cells_with("数量指标公厕管护机制持续运行"),
            vec!["数量指标", "公厕管护机制", "持续运行"]
        );
        // the openers before a listed phrase are the value's
        assert_eq!(
            cells_with("数量指标档案管理机制长期有效"),
            vec!["数量指标", "档案管理机制", "长期有效"]
        );
        // too long a rest is no value
        assert_eq!(
            cells_with("数量指标站点持续开展巡查维护工作并记录"),
            vec!["数量指标", "站点持续开展巡查维护工作并记录"]
        );
    }

    #[test]
    fn a_date_and_a_meta_value_stay_whole() {
        // run together, the date is read back over its year
        assert_eq!(
            cells_with("时效指标开工时间2024年3月"),
            vec!["时效指标", "开工时间", "2024年3月"]
        );
        // single-spaced, a cell is cut again only where an operator opens a value
        assert_eq!(
            cells_with("时效指标 开工时间 2024年3月 培训人次≥5人"),
            vec!["时效指标", "开工时间", "2024年3月", "培训人次", "≥5人"]
        );
        // a goal ending in a trend phrase is one value
        assert_eq!(
            cells_with("年度目标 群众居住环境明显改善"),
            vec!["年度目标", "群众居住环境明显改善"]
        );
        // amounts run together, two decimals each
        assert_eq!(
            cells_with("金额合计228.40228.400.00"),
            vec!["金额合计", "228.40", "228.40", "0.00"]
        );
        assert_eq!(cells_with("金额合计228.4"), vec!["金额合计", "228.4"]);
        // a time word before a date's number is the date's
        assert_eq!(
            cells_with("时效指标公报发布时间次年3月底前"),
            vec!["时效指标", "公报发布时间", "次年3月底前"]
        );
    }

    #[test]
    fn values_read_backward() {
        let l = lex();
        assert_eq!(value_start("≥9.8万人", &l), Some(0));
        assert_eq!(value_start("无数字", &l), None);
        assert!(is_value("≥95%", &l));
        assert!(!is_value("培训场次", &l));
    }
}

#[cfg(test)]
mod props {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::new(
            vec![
                ("产出指标".into(), WordKind::Level1),
                ("数量指标".into(), WordKind::Level2),
                ("项目名称".into(), WordKind::Meta { starts: true }),
                ("作用明显".into(), WordKind::Qualitative),
                ("培训场次".into(), WordKind::Name),
            ],
            vec!["人次".into(), "人".into(), "万元".into()],
        )
    }

    proptest::proptest! {
        /// Segmentation loses no character: the cells, in order, hold every non-space
        /// character of the line exactly once (nothing is left unassigned by the cut).
        #[test]
        fn cutting_loses_no_character(parts in proptest::collection::vec(0usize..16, 0..30)) {
            const PIECES: [&str; 16] = [
                "产出指标", "数量指标", "项目名称", "作用明显", "培训场次", "≥", "12", ".5", "人次",
                "万元", " ", "  ", "甲乙", "：", "，", "[7]",
            ];
            let line: String = parts.iter().map(|&i| PIECES[i]).collect();
            let cells = cut(&line, &lex());
            let mut at = 0;
            let mut kept = String::new();
            for (s, e) in cells {
                proptest::prop_assert!(s >= at && e >= s, "{:?}", line);
                kept.push_str(line.get(s..e).unwrap_or("\u{0}"));
                at = e;
            }
            let strip = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            proptest::prop_assert_eq!(strip(&kept), strip(&line));
        }
    }

    #[test]
    fn a_megabyte_line_with_no_form_yields_nothing() {
        let line = "甲乙丙丁戊己庚辛".repeat(45_000);
        let mut diags = Vec::new();
        let mut cuts = Cuts::default();
        assert!(super::super::read_text(&line, &lex(), &mut diags, &mut cuts).is_none());
        // and a line of form words with no form order still ends
        let words = "数量指标作用明显12人次".repeat(30_000);
        assert!(!cut(&words, &lex()).is_empty());
        // nor a line of value openers
        let lex = lex().with_openers(["持续", "作用"].map(String::from));
        let openers = "持续".repeat(150_000) + "作用明显";
        assert!(!cut(&openers, &lex).is_empty());
    }
}
