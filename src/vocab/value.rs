//! The value grammar. A target text goes in; out comes whether it is quantitative (operator,
//! number, unit — `≥3.5万人` → `>=` 3.5 `万人`), a listed qualitative phrase, or free text. Also
//! the digit repair for OCR look-alikes inside numbers (`1O0%` → `100%`, `l2` → `12`) and the
//! number reader used for funds.

use super::Vocab;
use crate::model::Parsed;
use regex::Regex;
use std::rc::Rc;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// What a value text is.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueClass {
    Quantitative(Parsed),
    /// A number with a short unit the vocabulary does not list (`60辆` before 辆 is added).
    Numeric,
    Qualitative,
    Text,
}

impl ValueClass {
    /// Quantitative or a listed qualitative phrase.
    pub fn is_value(&self) -> bool {
        !matches!(self, ValueClass::Text)
    }

    /// The class without its parsed parts.
    pub fn kind(&self) -> ValueKind {
        match self {
            ValueClass::Quantitative(_) => ValueKind::Quantitative,
            ValueClass::Numeric => ValueKind::Numeric,
            ValueClass::Qualitative => ValueKind::Qualitative,
            ValueClass::Text => ValueKind::Text,
        }
    }
}

/// What a value text is, without its parsed parts (what cell typing needs; cheap to copy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Quantitative,
    Numeric,
    Qualitative,
    Text,
}

fn grammar() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(>=|<=|≥|≤|=|>|<|≧|≦)?(约|大约|不低于|不少于|不高于|不超过|低于|高于)?([0-9]+(?:\.[0-9]+)?)(.*)$")
            .unwrap_or_else(|e| unreachable!("static regex: {e}"))
    })
}

fn op_of(sym: Option<&str>, word: Option<&str>) -> &'static str {
    match (sym, word) {
        (Some(">=" | "≥" | "≧"), _) => ">=",
        (Some("<=" | "≤" | "≦"), _) => "<=",
        (Some(">"), _) => ">",
        (Some("<"), _) => "<",
        (Some("="), _) => "=",
        (None, Some("不低于" | "不少于")) => ">=",
        (None, Some("不高于" | "不超过")) => "<=",
        (None, Some("低于")) => "<",
        (None, Some("高于")) => ">",
        (None, Some(_)) => "~",
        _ => "=",
    }
}

/// The comparison code (`>=`, `<=`, `>`, `<`, `=`) of a sign printed alone in an operator
/// column (`≥`, `＞`, `≦`); `None` for anything else.
pub fn op_code(sign: &str) -> Option<&'static str> {
    let s = match sign.trim() {
        "＞" => ">",
        "＜" => "<",
        "＝" => "=",
        t => t,
    };
    matches!(s, ">=" | "<=" | "≥" | "≤" | "≧" | "≦" | ">" | "<" | "=").then(|| op_of(Some(s), None))
}

/// The comparison-ready form of a value: NFKC, no whitespace or thousands separators.
fn compact(text: &str) -> String {
    let keep = |c: &char| !c.is_whitespace() && *c != ',';
    // ASCII and CJK ideographs are their own NFKC form (most values): no normaliser
    if text.chars().all(crate::normalize::is_nfkc_stable) {
        return text.chars().filter(keep).collect();
    }
    text.nfkc().filter(keep).collect()
}

/// Parses `text` as operator + number + known unit.
pub fn parse_quantity(vocab: &Vocab, text: &str) -> Option<Parsed> {
    let t = compact(text);
    let caps = grammar().captures(&t)?;
    let number: f64 = caps.get(3)?.as_str().parse().ok()?;
    let unit_raw = caps.get(4).map(|m| m.as_str()).unwrap_or("");
    let unit_key = vocab.key(unit_raw);
    if !unit_key.is_empty() && !known_unit(vocab, &unit_key) {
        return None;
    }
    Some(Parsed {
        op: op_of(
            caps.get(1).map(|m| m.as_str()),
            caps.get(2).map(|m| m.as_str()),
        ),
        number,
        unit: unit_raw.to_string(),
    })
}

/// Whether a unit's key is a listed unit, or made of one: with an alternative in brackets
/// (`万头(只)`), a magnitude or 个 before it (`万拍`, `个工作日`), or per something
/// (`元/人·月`, `元/生·年`).
fn known_unit(vocab: &Vocab, key: &str) -> bool {
    let listed = |u: &str| vocab.units().iter().any(|x| x == u);
    if listed(key) {
        return true;
    }
    let key = match key.strip_suffix(')').and_then(|k| Some((k, k.rfind('(')?))) {
        Some((k, open)) if k.get(open + 1..).is_some_and(listed) => k.get(..open).unwrap_or(k),
        _ => key,
    };
    if listed(key) {
        return true;
    }
    if let Some(rest) = key.strip_prefix(['万', '千', '百', '亿', '个']) {
        if listed(rest) {
            return true;
        }
    }
    key.split_once('/').is_some_and(|(head, per)| {
        listed(head)
            && (1..=4).contains(&per.chars().count())
            && per.chars().all(|c| crate::normalize::is_cjk(c) || c == '·')
    })
}

/// Longest unknown unit (in characters) after a number that still reads as a value.
const MAX_UNKNOWN_UNIT: usize = 3;

/// A number (with optional operator) followed by a few non-digit characters.
fn looks_numeric(text: &str) -> bool {
    let t = compact(text);
    grammar().captures(&t).is_some_and(|c| {
        c.get(4).is_some_and(|u| {
            let u = u.as_str();
            u.chars().count() <= MAX_UNKNOWN_UNIT && !u.chars().any(|c| c.is_ascii_digit())
        })
    })
}

/// Classifies a value text.
pub fn classify<T: super::Asked + ?Sized>(vocab: &Vocab, value: &T) -> ValueClass {
    let text = value.as_text();
    if let Some(p) = parse_quantity(vocab, text) {
        return ValueClass::Quantitative(p);
    }
    if vocab.is_qualitative(value) {
        return ValueClass::Qualitative;
    }
    if looks_numeric(text) {
        return ValueClass::Numeric;
    }
    ValueClass::Text
}

/// Replaces OCR look-alikes of digits (`O`/`o`/`〇` → 0, `l`/`I`/`|` → 1) that stand where a
/// digit goes: touching a digit or a decimal point (`2O24年`, `l2月`), right after a comparison
/// sign (`≥l次`), or alone as the whole value. A letter beside another ASCII letter is a word
/// (`ISO9001`), not a digit. Returns the repaired text only when it changed something.
pub fn fix_value_digits(text: &str) -> Option<String> {
    // nothing that could be a misread digit: most values
    if !text
        .chars()
        .any(|c| matches!(c, 'O' | 'o' | '〇' | 'Ｏ' | 'l' | 'I' | '|' | 'ｌ' | 'Ｉ'))
    {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let as_digit = |c: char| match c {
        'O' | 'o' | '〇' | 'Ｏ' => Some('0'),
        'l' | 'I' | '|' | 'ｌ' | 'Ｉ' => Some('1'),
        _ => None,
    };
    let is_digitish = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let is_sign = |c: char| matches!(c, '≥' | '≤' | '>' | '<' | '=' | '≧' | '≦' | '＞' | '＜');
    let has_digit = chars.iter().any(|&c| is_digitish(c));
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        // a run of digits, decimal points and look-alike letters
        let start = i;
        let mut letters_only = true;
        let mut digits = false;
        while let Some(&c) = chars.get(i) {
            if as_digit(c).is_some() {
                i += 1;
            } else if is_digitish(c) || c == '.' {
                digits |= is_digitish(c);
                i += 1;
            } else {
                break;
            }
            letters_only &= !c.is_ascii_alphabetic() || as_digit(c).is_some();
        }
        if i == start {
            if let Some(&c) = chars.get(i) {
                out.push(c);
            }
            i += 1;
            continue;
        }
        let prev = start.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i).copied();
        // beside another ASCII letter the run is part of a word (`ISO9001`, `Office`)
        let in_word = prev.is_some_and(|p| p.is_ascii_alphabetic())
            || next.is_some_and(|n| n.is_ascii_alphabetic());
        let cjk = |c: Option<char>| c.is_none_or(|c| !c.is_ascii());
        let numeric_spot = digits
            || prev.is_some_and(is_sign)
            || (start == 0 && i == chars.len())
            || (has_digit && cjk(prev) && cjk(next));
        let fix = letters_only && !in_word && numeric_spot;
        for &c in chars.get(start..i).unwrap_or_default() {
            match as_digit(c) {
                Some(d) if fix => {
                    out.push(d);
                    changed = true;
                }
                _ => out.push(c),
            }
        }
    }
    changed.then_some(out)
}

/// Replaces a unit that is a look-alike of a listed unit (`≥3.5万入` → `≥3.5万人`). Returns the
/// repaired text only when it changed something.
pub fn fix_value_unit<T: super::Asked + ?Sized>(vocab: &Vocab, value: &T) -> Option<String> {
    // kept with the value's memo entry: a value's text is asked again and again
    vocab
        .kept_or(
            value,
            |f| &f.unit_fix,
            || unit_fixed(vocab, value).map(Rc::from),
        )
        .map(|s| s.to_string())
}

/// `fix_value_unit`, computed.
fn unit_fixed<T: super::Asked + ?Sized>(vocab: &Vocab, value: &T) -> Option<String> {
    // the value's class is memoised with its text: most values are asked once per text
    let class = vocab.value_class(value);
    let ValueClass::Quantitative(p) = &*class else {
        return None;
    };
    let text = value.as_text();
    if p.unit.is_empty() || !text.ends_with(p.unit.as_str()) {
        return None;
    }
    let plain = vocab.plain_key(p.unit.as_str());
    if vocab.units().iter().any(|u| **u == *plain) {
        return None;
    }
    let key = vocab.key(p.unit.as_str());
    let unit = vocab.units().iter().find(|u| **u == *key)?;
    let stem = text.get(..text.len() - p.unit.len())?;
    Some(format!("{stem}{unit}"))
}

/// Reads a money amount (`214.50`, `1,223.7万元`, `2l4.5`) as a number.
pub fn parse_number(text: &str) -> Option<f64> {
    let fixed = fix_value_digits(text).unwrap_or_else(|| text.to_string());
    let t = compact(&fixed);
    let t = t.trim_end_matches("万元").trim_end_matches('元');
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^-?[0-9]+(?:\.[0-9]+)?$").unwrap_or_else(|e| unreachable!("static regex: {e}"))
    });
    if re.is_match(t) {
        t.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v() -> Vocab {
        Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn quantities_parse_with_op_number_unit() {
        let v = v();
        let p = parse_quantity(&v, "≥9.8万人").unwrap_or_else(|| panic!("no parse"));
        assert_eq!((p.op, p.number, p.unit.as_str()), (">=", 9.8, "万人"));
        let p = parse_quantity(&v, "约120次").unwrap_or_else(|| panic!("no parse"));
        assert_eq!((p.op, p.number), ("~", 120.0));
        let p = parse_quantity(&v, "100%").unwrap_or_else(|| panic!("no parse"));
        assert_eq!((p.op, p.number, p.unit.as_str()), ("=", 100.0, "%"));
        // units made of a listed one
        for (text, unit) in [
            ("≥42万头（只）", "万头(只)"),
            ("≤5个工作日", "个工作日"),
            ("≤800元/人·月", "元/人·月"),
        ] {
            let p = parse_quantity(&v, text).map(|p| p.unit);
            assert_eq!(p.as_deref(), Some(unit), "{text}");
        }
        assert!(parse_quantity(&v, "≥5甲乙").is_none());
        assert!(parse_quantity(&v, "2024年底").is_none());
        assert!(parse_quantity(&v, "12月底前").is_none());
        assert!(parse_quantity(&v, "≤1年").is_some());
    }

    #[test]
    fn classify_values() {
        let v = v();
        assert_eq!(classify(&v, "不适用"), ValueClass::Qualitative);
        assert_eq!(
            classify(&v, "对人才公共服务能力及水平的提升"),
            ValueClass::Text
        );
        assert!(classify(&v, "≥95%").is_value());
        assert_eq!(classify(&v, "60架"), ValueClass::Numeric);
        assert_eq!(classify(&v, "2024年度计划完成"), ValueClass::Text);
    }

    #[test]
    fn digit_lookalikes() {
        assert_eq!(fix_value_digits("≥1O0%").as_deref(), Some("≥100%"));
        assert_eq!(fix_value_digits("≥l2课时").as_deref(), Some("≥12课时"));
        assert_eq!(fix_value_digits("Office"), None);
        assert_eq!(fix_value_digits("2O24年底").as_deref(), Some("2024年底"));
        assert_eq!(fix_value_digits("≥l次").as_deref(), Some("≥1次"));
        assert_eq!(fix_value_digits("l2月底前").as_deref(), Some("12月底前"));
        assert_eq!(fix_value_digits("O").as_deref(), Some("0"));
        assert_eq!(
            fix_value_digits("2O24年ll月底前").as_deref(),
            Some("2024年11月底前")
        );
        assert_eq!(fix_value_digits("≥15OO人").as_deref(), Some("≥1500人"));
        assert_eq!(fix_value_digits("I级"), None);
        assert_eq!(fix_value_digits("ISO9001认证"), None);
        let v = v();
        assert_eq!(fix_value_unit(&v, "≥9.8万入").as_deref(), Some("≥9.8万人"));
        assert_eq!(fix_value_unit(&v, "≥9.8万人"), None);
        assert_eq!(parse_number("2l4.50"), Some(214.5));
        assert_eq!(parse_number("1,223.7万元"), Some(1223.7));
        assert_eq!(parse_number("宿州"), None);
    }
}
