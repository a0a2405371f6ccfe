//! Visual lines of an OCR page table. The rows of an HTML grid go in; out comes the table as
//! one stream of pieces in reading order (rows top to bottom, cells left to right, each merged
//! cell once): a piece is one printed line of a cell (the engine puts a space where the printed
//! line broke), with its cell, grid column, printed width and what the vocabulary says it is.
//! Keys broken over lines or run together (`项目名 称 主管部 门及代 码`) are rejoined here from the
//! concatenated text of consecutive short pieces, segmented by the vocabulary.

use crate::model::{Cell, Span};
use crate::vocab::{MetaField, Vocab};

/// What a piece is, on its own.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// The form's title (a `[form]` title of the vocabulary).
    Title,
    /// The year line (`(2031年度)`).
    Year(i32),
    /// A header word of the indicator block (一级指标 …).
    Header,
    /// A category label: true for level 1.
    Label(bool),
    /// A meta key, with its contract field (`group`, `sum_row`, `other:…` included).
    Key(String),
    /// An amount: a plain decimal number (`560.84`, `0.00`).
    Money,
    /// A target value by the value grammar or the qualitative vocabulary.
    Value,
    /// Anything else: a name, a meta value, a goal.
    Text,
}

/// One printed line of a cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub text: String,
    pub kind: Kind,
    /// Index of its cell in the stream (pieces of one cell share it).
    pub cell: usize,
    pub row: usize,
    pub col: usize,
    pub span: Span,
    /// Printed width: 2 for a wide (CJK) character, 1 else.
    pub width: usize,
}

/// Display width of `s`.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

/// Whether `s` is a plain decimal amount (`560.84`, `1,223.70`, `0`).
fn is_money(s: &str) -> bool {
    let t = s.trim();
    let mut dot = false;
    let mut digits = 0;
    for c in t.chars() {
        match c {
            '0'..='9' => digits += 1,
            '.' if !dot => dot = true,
            ',' => {}
            _ => return false,
        }
    }
    digits > 0 && dot
}

/// What `text` is, on its own.
pub fn kind_of(text: &str, vocab: &Vocab) -> Kind {
    if vocab.form_kind(text).is_some()
        && crate::normalize::is_cjk(text.chars().next().unwrap_or(' '))
    {
        return Kind::Title;
    }
    if text.contains("年度") && text.chars().count() <= 10 {
        if let Some(y) = crate::stitch::year_in(text) {
            return Kind::Year(y);
        }
    }
    if vocab.is_header(text) {
        return Kind::Header;
    }
    if let Some(m) = vocab.label(text) {
        if m.score >= 1.0 {
            return Kind::Label(m.is_level1);
        }
    }
    let bare = text.trim_end_matches(['。', '：', ':']);
    if let Some(f) = vocab.meta_key(bare) {
        return Kind::Key(match f {
            MetaField::Field(f) => f.as_str().to_string(),
            MetaField::Group => "group".into(),
            MetaField::SumRow => "sum_row".into(),
            MetaField::Other(o) => format!("other:{o}"),
            MetaField::Code => crate::model::DEPARTMENT_CODE.into(),
        });
    }
    if is_money(text) {
        return Kind::Money;
    }
    // a target led by an operator is a value whatever its unit (`≥4批次/千人`)
    let ops = (text.starts_with(['≥', '≤', '＞', '＜', '>', '<', '≧', '≦'])
        && text.chars().nth(1).is_some_and(|c| c.is_ascii_digit()))
        || text.starts_with(|c: char| c.is_ascii_digit());
    if ops || vocab.value_class(text).is_value() || vocab.is_qualitative(text) {
        return Kind::Value;
    }
    Kind::Text
}

/// Whether a piece of this kind may be part of a key broken over lines.
fn fragment(p: &Piece) -> bool {
    p.kind == Kind::Text && p.text.chars().count() <= 3
}

/// The stream of pieces of `rows` (see the module doc).
pub fn stream(rows: &[Vec<Cell>], vocab: &Vocab) -> Vec<Piece> {
    let mut seen: rustc_hash::FxHashSet<(usize, usize)> = rustc_hash::FxHashSet::default();
    let mut out = Vec::new();
    let mut cell_no = 0;
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if cell.text.trim().is_empty() {
                continue;
            }
            let id = (cell.span.start, cell.span.end);
            // a merged cell stands in every slot it covers: read it once
            if id != (0, 0) && !seen.insert(id) {
                continue;
            }
            for t in cell.text.split_whitespace() {
                out.push(Piece {
                    text: t.to_string(),
                    kind: kind_of(t, vocab),
                    cell: cell_no,
                    row: r,
                    col: c,
                    span: cell.span,
                    width: width(t),
                });
            }
            cell_no += 1;
        }
    }
    rejoin_keys(out, vocab)
}

/// The longest prefix of `s` (in chars, at least 2) that is a key, header word or label.
fn longest_key(s: &[char], vocab: &Vocab) -> Option<(usize, Kind)> {
    let max = s.len().min(12);
    for n in (2..=max).rev() {
        let t: String = s.iter().take(n).collect();
        let k = kind_of(&t, vocab);
        if matches!(
            k,
            Kind::Key(_) | Kind::Header | Kind::Label(_) | Kind::Title
        ) {
            return Some((n, k));
        }
    }
    None
}

/// Segments `s` into keys entirely, or None.
fn segment(s: &[char], vocab: &Vocab) -> Option<Vec<(String, Kind)>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let (n, k) = longest_key(s.get(i..).unwrap_or(&[]), vocab)?;
        out.push((s.iter().skip(i).take(n).collect(), k));
        i += n;
    }
    Some(out)
}

/// Runs of short text pieces (and a key piece they run into) whose concatenation segments into
/// keys become those keys (`项目名` `称` → 项目名称; `项 目 名 称 主 管 部 门` → two keys).
fn rejoin_keys(pieces: Vec<Piece>, vocab: &Vocab) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        let Some(p) = pieces.get(i) else { break };
        if !fragment(p) {
            // a line that completes the key before it in its cell (`项目资金` `(万元)`)
            if let Some(prev) = out.last_mut().filter(|q| {
                q.cell == p.cell && matches!(q.kind, Kind::Key(_)) && p.kind == Kind::Text
            }) {
                let joined = format!("{}{}", prev.text, p.text);
                if let k @ Kind::Key(_) = kind_of(&joined, vocab) {
                    prev.width = width(&joined);
                    prev.text = joined;
                    prev.kind = k;
                    i += 1;
                    continue;
                }
            }
            out.push(p.clone());
            i += 1;
            continue;
        }
        // the longest run of fragments from i, then the best prefix of it that segments
        let mut j = i;
        while pieces.get(j).is_some_and(fragment) && j - i < 12 {
            j += 1;
        }
        let mut done = false;
        for end in (i + 2..=j).rev() {
            let chars: Vec<char> = pieces
                .get(i..end)
                .unwrap_or(&[])
                .iter()
                .flat_map(|p| p.text.chars())
                .collect();
            if let Some(segs) = segment(&chars, vocab) {
                for (text, kind) in segs {
                    out.push(Piece {
                        width: width(&text),
                        text,
                        kind,
                        ..p.clone()
                    });
                }
                i = end;
                done = true;
                break;
            }
        }
        if !done {
            // a fragment that completes the key before it (`项目资金（万` `元)`)
            if let Some(prev) = out.last_mut().filter(|q| q.cell == p.cell) {
                let joined = format!("{}{}", prev.text, p.text);
                if matches!(prev.kind, Kind::Key(_) | Kind::Text) {
                    if let k @ (Kind::Key(_) | Kind::Header) = kind_of(&joined, vocab) {
                        prev.width = width(&joined);
                        prev.text = joined;
                        prev.kind = k;
                        i += 1;
                        continue;
                    }
                }
            }
            // a key broken over two rows of its column (`年度总体目` … `标`): the fragment
            // completes the last line printed above it in that column
            // completes the last line printed above it in that column; further up (a key cell
            // merged over the rows of its values: `项目资金（万` … four rows … `元)`) only a
            // line that is no key yet
            let above = out.len().saturating_sub(KEY_REACH_FAR)..out.len();
            let near_from = out.len().saturating_sub(KEY_REACH);
            let completes = |at: usize, q: &Piece| {
                q.col == p.col
                    && q.row < p.row
                    && (q.kind == Kind::Text || (at >= near_from && matches!(q.kind, Kind::Key(_))))
                    && matches!(
                        kind_of(&format!("{}{}", q.text, p.text), vocab),
                        Kind::Key(_)
                    )
            };
            let start = above.start;
            if let Some((_, q)) = out.get_mut(above).and_then(|w| {
                w.iter_mut()
                    .enumerate()
                    .rev()
                    .find(|(j, q)| completes(start + j, q))
            }) {
                let joined = format!("{}{}", q.text, p.text);
                q.kind = kind_of(&joined, vocab);
                q.width = width(&joined);
                q.text = joined;
                i += 1;
                continue;
            }
            out.push(p.clone());
            i += 1;
        }
    }
    out
}

/// How many lines back a fragment looks for the key it completes in its column.
const KEY_REACH: usize = 8;
/// How many lines back a fragment looks for a line (no key yet) that it completes into a key.
const KEY_REACH_FAR: usize = 16;
