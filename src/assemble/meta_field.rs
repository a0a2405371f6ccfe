//! One meta field from one cell, the step both meta readers (`meta` for the target forms,
//! `meta_family` for the other families' blocks) take: a typed cell and its field go in; the
//! field is set (a department split into code and name, goals split at 目标N:, an amount read
//! in 万元) or, when the field was already set, left alone; a cell that feeds nothing becomes
//! an unassigned entry. Its own module so the two readers import it and not each other.

use crate::model::{Diagnostic, DiagnosticKind, Diagnostics, Meta, MetaKey, Severity, Unassigned};
use crate::vocab::classify::Typed;
use crate::vocab::{memo, parse_number};
use regex::Regex;
use std::sync::OnceLock;

/// An amount in 万元: a number, or a number with its unit in the cell (`164万元`; `500000元`
/// → 50; `1.2亿元` → 12000; `50万` → 50), maybe followed by a remark in brackets
/// (`150万元（其中：…）`).
pub fn parse_amount(text: &str) -> Option<f64> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = match t.find(['（', '(']) {
        Some(open) if open > 0 && t.ends_with(['）', ')']) => t.get(..open).unwrap_or(&t),
        _ => t.as_str(),
    };
    let (scale, digits) = if let Some(d) = t.strip_suffix("万元") {
        (1.0, d)
    } else if let Some(d) = t.strip_suffix("亿元") {
        (10000.0, d)
    } else if let Some(d) = t.strip_suffix('元') {
        (0.0001, d)
    } else if let Some(d) = t.strip_suffix('万') {
        // an amount cell that drops the 元 (`年度资金总额：50万`)
        (1.0, d)
    } else if let Some(d) = t.strip_suffix('亿') {
        (10000.0, d)
    } else {
        (1.0, t)
    };
    let n = parse_number(digits)?;
    // whole 元 amounts stay exact in 万元 to 4 places; rounding keeps 0.1 + 0.2 noise out
    Some(((n * scale) * 1e6).round() / 1e6)
}

/// The ways a department code is printed beside the name, each with groups `code` and `name`:
/// bracketed before (`[602]…局`) or after (`…局（602）`), bare digits before or after, set
/// off by a space (`301 …局`, `…局 301`), or a code joined to the name by a hyphen
/// (`306-…局`, `51000023R0045-…`).
fn code_res() -> &'static [Regex] {
    static RE: OnceLock<Vec<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        [
            r"^\s*[\[【(（〔]\s*(?P<code>[0-9A-Za-z]+)\s*[\]】)）〕]\s*(?P<name>.*)$",
            r"^\s*(?P<name>.*?\S)\s*[\[【(（〔]\s*(?P<code>[0-9]+)\s*[\]】)）〕]\s*$",
            r"^\s*(?P<code>[0-9]{3,})\s+(?P<name>\S.*)$",
            r"^\s*(?P<name>.*?\S)\s+(?P<code>[0-9]{3,})\s*$",
            HYPHEN_CODE,
        ]
        .iter()
        .filter_map(|p| Regex::new(p).ok())
        .collect()
    })
}

/// A code of three characters or more (digits, maybe letters) joined to the text after it by
/// a hyphen; the text opens with no digit (`2024-2025年` is a span of years, not a code).
const HYPHEN_CODE: &str =
    r"^\s*(?P<code>[0-9][0-9A-Za-z]{2,})\s*[-－—‐]\s*(?P<name>[^0-9０-９\s].*)$";

fn hyphen_code_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(HYPHEN_CODE).unwrap_or_else(|e| unreachable!("static regex: {e}")))
}

/// A project's name without the budget code printed before it (`51000023R0045-乡村文化站运行
/// 补助` → `乡村文化站运行补助`); the name as printed when it has none.
pub fn project_name_of(text: &str) -> &str {
    let text = text.trim();
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return text;
    }
    match hyphen_code_re().captures(text).and_then(|c| c.name("name")) {
        Some(m) if m.as_str().chars().any(crate::normalize::is_cjk) => m.as_str().trim(),
        _ => text,
    }
}

fn goal_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"目标\s*[0-9０-９一二三四五六七八九十]+\s*[:：]")
            .unwrap_or_else(|e| unreachable!("static regex: {e}"))
    })
}

/// Splits `[602]宿州市…局` (or `…局（602）`, `…局 602`, `602 …局`) into (`602`, `宿州市…局`);
/// text without a code is all name. The name must keep a CJK character, so a bare number is
/// never mistaken for a department.
pub fn split_department(text: &str) -> (Option<String>, String) {
    // every code is ASCII letters or digits: most names hold none, and need no regex
    if !text.bytes().any(|b| b.is_ascii_alphanumeric()) {
        return (None, text.trim().to_string());
    }
    // a filing prints its department on every form, and a batch holds many filings of one
    // department: the split is memoised per thread (it depends on the text alone)
    thread_local! {
        static SPLITS: std::cell::RefCell<memo::Memo<(Option<String>, String)>> =
            std::cell::RefCell::default();
    }
    memo::get_or(&SPLITS, 0, text, || split_department_uncached(text))
}

fn split_department_uncached(text: &str) -> (Option<String>, String) {
    for re in code_res() {
        if let Some(c) = re.captures(text) {
            let name = c.name("name").map_or("", |m| m.as_str()).trim();
            if name.chars().any(crate::normalize::is_cjk) {
                return (
                    c.name("code").map(|m| m.as_str().to_string()),
                    name.to_string(),
                );
            }
        }
    }
    (None, text.trim().to_string())
}

/// Splits goals at their numbers, prefixes and trailing separators (`；`) removed; one item
/// when unnumbered. Numbers are `目标N:` anywhere, or a list the cell opens with — `1.` `1、`
/// `（1）` `一是` `一、` — whose next items (2, 3 … in the same style) each follow a separator.
pub fn split_goals(text: &str) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let mut marks: Vec<(usize, usize)> = goal_re()
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    if marks.is_empty() {
        marks = list_marks(text);
    }
    if marks.is_empty() {
        return vec![text.to_string()];
    }
    let mut out = Vec::new();
    if let Some(&(first, _)) = marks.first() {
        let lead = trim_goal(text.get(..first).unwrap_or(""));
        if !lead.is_empty() {
            out.push(lead.to_string());
        }
    }
    for (i, &(_, end)) in marks.iter().enumerate() {
        let stop = marks.get(i + 1).map_or(text.len(), |m| m.0);
        let g = trim_goal(text.get(end..stop).unwrap_or(""));
        if !g.is_empty() {
            out.push(g.to_string());
        }
    }
    out
}

/// A goal without the separator that ended it before the next number.
fn trim_goal(g: &str) -> &str {
    g.trim()
        .trim_end_matches(['；', ';', '，', ',', '、'])
        .trim_end()
}

/// How a list item's number is printed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ListStyle {
    /// `1.` `1．` `1、`
    Dot,
    /// `（1）` `(1)`
    Paren,
    /// `一是`
    Shi,
    /// `一、`
    Dun,
}

/// The list numbers of a goals cell that opens with item 1 and goes on 2, 3 … in one style,
/// each after a separator; empty unless there are two items or more.
fn list_marks(text: &str) -> Vec<(usize, usize)> {
    let Some((style, 1, len)) = list_mark(text) else {
        return Vec::new();
    };
    let mut marks = vec![(0, len)];
    let mut want = 2;
    let mut prev_sep = false;
    for (i, c) in text.char_indices().skip_while(|&(i, _)| i < len) {
        if prev_sep {
            if let Some((s, n, l)) = text.get(i..).and_then(list_mark) {
                if s == style && n == want {
                    marks.push((i, i + l));
                    want += 1;
                }
            }
        }
        prev_sep = matches!(c, '；' | ';' | '。' | '，' | ',') || c.is_whitespace();
    }
    if marks.len() < 2 {
        Vec::new()
    } else {
        marks
    }
}

/// The list number `text` opens with: its style, number and byte length.
fn list_mark(text: &str) -> Option<(ListStyle, u32, usize)> {
    let (paren, rest) = match text.strip_prefix(['（', '(']) {
        Some(r) => (true, r),
        None => (false, text),
    };
    let (n, digits, tail) = list_number(rest)?;
    let mut chars = tail.chars();
    let next = chars.next()?;
    let style = if paren {
        matches!(next, '）' | ')').then_some(ListStyle::Paren)?
    } else if digits {
        // `1.5万` is a number, not an item
        let after = chars.next();
        (matches!(next, '.' | '．' | '、') && !after.is_some_and(|c| c.is_ascii_digit()))
            .then_some(ListStyle::Dot)?
    } else {
        match next {
            '是' => ListStyle::Shi,
            '、' => ListStyle::Dun,
            _ => return None,
        }
    };
    let len = text.len() - tail.len() + next.len_utf8();
    Some((style, n, len))
}

/// A number up to 99 in digits (ASCII or full width) or in Chinese numerals (一 … 十九), and
/// whether it was digits; the text after it.
fn list_number(text: &str) -> Option<(u32, bool, &str)> {
    let digit = |c: char| match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    };
    let cjk = |c: char| {
        "一二三四五六七八九十"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32 + 1)
    };
    let mut n = 0u32;
    let mut used = 0usize;
    let first = text.chars().next()?;
    if digit(first).is_some() {
        for c in text.chars().take(2) {
            let Some(d) = digit(c) else { break };
            n = n * 10 + d;
            used += c.len_utf8();
        }
        return Some((n, true, text.get(used..)?));
    }
    for c in text.chars().take(2) {
        let Some(d) = cjk(c) else { break };
        n = match (n, d) {
            (0, d) => d,
            (10, d) if d < 10 => 10 + d,
            _ => break,
        };
        used += c.len_utf8();
    }
    (used > 0).then_some(())?;
    Some((n, false, text.get(used..)?))
}

/// Sets `field` from `t` (see `set_value`) and remembers where an amount was read.
pub(super) fn set_field(
    meta: &mut Meta,
    field: MetaKey,
    t: &Typed,
    diags: &mut Diagnostics,
) -> bool {
    let ok = set_value(meta, field, t, diags);
    if ok && field.is_amount() {
        meta.spans.push((field, t.cell.span));
    }
    ok
}

fn set_value(meta: &mut Meta, field: MetaKey, t: &Typed, diags: &mut Diagnostics) -> bool {
    let text = t.text().trim().to_string();
    let number = |diags: &mut Diagnostics| {
        let n = parse_amount(&text);
        if n.is_none() {
            diags.push(
                Diagnostic::new(
                    DiagnosticKind::MetaNotANumber,
                    Severity::Warning,
                    format!("{}: `{text}` is not an amount", field.as_str()),
                )
                .at(t.cell.span),
            );
        }
        n
    };
    macro_rules! once {
        ($slot:expr, $val:expr) => {{
            if $slot.is_some() {
                return false;
            }
            $slot = $val;
            $slot.is_some()
        }};
    }
    match field {
        MetaKey::ProjectName => once!(meta.project_name, Some(project_name_of(&text).to_string())),
        MetaKey::Department => {
            let (code, name) = split_department(&text);
            if meta.department_code.is_none() {
                meta.department_code = code;
            }
            once!(meta.department, Some(name))
        }
        MetaKey::ImplementingUnit => once!(meta.implementing_unit, Some(text)),
        MetaKey::ProjectSource => once!(meta.project_source, Some(text)),
        MetaKey::ProjectPeriod => once!(meta.project_period, Some(text)),
        MetaKey::FundsTotal => once!(meta.funds_total, number(diags)),
        MetaKey::FundsFiscal => once!(meta.funds_fiscal, number(diags)),
        MetaKey::FundsCarryover => once!(meta.funds_carryover, number(diags)),
        MetaKey::FundsOther => once!(meta.funds_other, number(diags)),
        MetaKey::Goals => {
            if !meta.goals.is_empty() {
                return false;
            }
            meta.goals = split_goals(&text);
            true
        }
    }
}

pub(super) fn unassigned_of(t: &Typed, reason: &str) -> Unassigned {
    Unassigned {
        line: t.cell.span.line,
        col: t.cell.span.col,
        text: t.text().to_string(),
        reason: reason.to_string(),
    }
}
