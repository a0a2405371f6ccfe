//! Detection. The lines of a text and the lexicon go in; out come the stretches of lines that
//! hold a form (`find`) and the layout each is printed in (`layout`). A stretch is a form when
//! it holds the form's words in table order: it opens at a meta key that starts a form (项目名称,
//! 部门名称) or, with none, at the indicator header, and level labels follow. It ends where the
//! next form's title or name key stands, or where prose follows its indicator block (two lines
//! in a row with no form word and no digit that read as sentences); closing lines with no digit
//! and no label or target word that hold a full stop or a colon (a closing sentence, a contact
//! line) are left out of its end; a footnote line (`注：…`, the `[closing]` note prefixes)
//! neither opens nor continues a form. A stretch with no digit at all is no form. Everything outside stays
//! prose. Each line is searched once (Aho-Corasick), so the cost is linear in the text.

use super::{Layout, Lexicon, Line, WordKind};

/// A form's lines: `lines[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub start: usize,
    pub end: usize,
}

/// What one line holds, for detection.
#[derive(Debug, Clone, Copy, Default)]
struct Marks {
    title: bool,
    starts: bool,
    /// meta keys, header words, level labels
    meta: usize,
    header: usize,
    labels: usize,
    /// the first form word (meta or header) stands before the first label
    in_order: bool,
    /// every known word, qualitative phrases and indicator names too
    words: usize,
    /// qualitative phrases and known indicator names
    targets: usize,
    /// a footnote line (`Lexicon::is_note`)
    note: bool,
}

fn marks(line: &Line, lex: &Lexicon) -> Marks {
    let mut m = Marks::default();
    // a footnote (`注：一级指标分值统一设置为：产出指标50分…`) names the form's words in
    // order but is no line of a form
    if lex.is_note(line.text) {
        m.note = true;
        return m;
    }
    let mut first_label: Option<usize> = None;
    let mut first_key: Option<usize> = None;
    for f in lex.find(line.text) {
        m.words += 1;
        match f.kind {
            WordKind::Title => m.title = true,
            WordKind::Meta { starts } => {
                m.starts |= starts;
                m.meta += 1;
                first_key.get_or_insert(f.start);
            }
            WordKind::Header => {
                m.header += 1;
                first_key.get_or_insert(f.start);
            }
            WordKind::Level1 | WordKind::Level2 => {
                m.labels += 1;
                first_label.get_or_insert(f.start);
            }
            WordKind::Qualitative | WordKind::Name => m.targets += 1,
        }
    }
    m.in_order = match (first_key, first_label) {
        (Some(k), Some(l)) => k < l,
        _ => false,
    };
    m
}

/// A line that reads as a sentence of prose: no known word, no digit, and a full stop or
/// a long run of text with no space.
fn is_prose(line: &Line, m: &Marks) -> bool {
    let t = line.text.trim();
    if t.is_empty() || m.words > 0 || t.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    t.contains('。') || (t.chars().count() >= 30 && !t.contains(' '))
}

/// Whether `t` (trimmed) has a gap of two spaces, a tab or an ideographic space inside.
pub fn has_gap(t: &str) -> bool {
    t.contains("  ") || t.contains('\t') || t.contains('\u{3000}')
}

/// The form stretches of `lines` (see the module doc), in order.
pub fn find(lines: &[Line], lex: &Lexicon) -> Vec<Region> {
    let marks: Vec<Marks> = lines.iter().map(|l| marks(l, lex)).collect();
    let mut out = Vec::new();
    let mut i = 0usize;
    while i < lines.len() {
        let m = marks.get(i).copied().unwrap_or_default();
        let opens = m.starts || m.header > 0 || (m.in_order && m.labels > 0);
        if !opens {
            i += 1;
            continue;
        }
        let start = i;
        let mut words = m.meta + m.header + m.labels;
        let mut labels = m.labels;
        let mut ordered = m.labels == 0 || m.in_order;
        let mut end = i + 1;
        let mut prose_run = 0usize;
        let mut j = i + 1;
        while let (Some(l), Some(n)) = (lines.get(j), marks.get(j)) {
            // the next form: its title, or its name key once this one has indicators
            if (n.title && n.meta == 0) || (n.starts && labels > 0) || (n.note && labels > 0) {
                break;
            }
            if labels > 0 && is_prose(l, n) {
                prose_run += 1;
                if prose_run >= 2 {
                    break;
                }
            } else {
                prose_run = 0;
            }
            if !l.is_blank() && prose_run == 0 {
                end = j + 1;
            }
            if labels == 0 && n.labels > 0 && words == 0 {
                ordered = false;
            }
            words += n.meta + n.header + n.labels;
            labels += n.labels;
            j += 1;
        }
        // prose after the last indicator (a closing sentence, a contact line): no digit, no
        // label or target word, and a full stop or a colon
        while end > start + 1 {
            let (Some(l), Some(n)) = (lines.get(end - 1), marks.get(end - 1)) else {
                break;
            };
            let t = l.text.trim();
            let closing = !t.bytes().any(|b| b.is_ascii_digit())
                && n.labels + n.header + n.targets == 0
                && (t.contains('。') || t.contains('：') || t.contains(':'));
            if t.is_empty() || closing {
                end -= 1;
            } else {
                break;
            }
        }
        // a form holds a number somewhere (an amount, a target); a sentence naming the
        // form's words holds none
        let numbers = lines
            .get(start..end)
            .unwrap_or(&[])
            .iter()
            .any(|l| l.text.bytes().any(|b| b.is_ascii_digit()));
        if labels > 0 && words >= 3 && ordered && numbers {
            out.push(Region { start, end });
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// The layout a form's lines are printed in: space-aligned when many lines hold a column gap,
/// one cell a line when no line holds two of the form's words (or most end in ` |`), else
/// cells in a line to be cut by the form's words.
pub fn layout(body: &[Line], lex: &Lexicon) -> Layout {
    let mut nonblank = 0usize;
    let mut gaps = 0usize;
    let mut multi = 0usize;
    let mut bars = 0usize;
    for l in body {
        let t = l.text.trim();
        if t.is_empty() {
            continue;
        }
        nonblank += 1;
        if has_gap(t) {
            gaps += 1;
        }
        if t.ends_with('|') {
            bars += 1;
        }
        let words = lex
            .find(t)
            .iter()
            .filter(|f| {
                matches!(
                    f.kind,
                    WordKind::Meta { .. } | WordKind::Header | WordKind::Level1 | WordKind::Level2
                )
            })
            .count();
        if words >= 2 {
            multi += 1;
        }
    }
    if bars * 2 >= nonblank && nonblank > 0 {
        Layout::Stacked
    } else if gaps * 10 >= nonblank * 4 && nonblank > 0 {
        Layout::Aligned
    } else if multi == 0 && nonblank >= 4 {
        Layout::Stacked
    } else {
        Layout::Segmented
    }
}
