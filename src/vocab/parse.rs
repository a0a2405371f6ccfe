//! Reads the vocabulary text format (sections in brackets, one entry a line, fields split by
//! `|`; see the header of `default.vocab`) into raw entries. Text goes in; `RawVocab` comes out,
//! or an error naming the line that could not be read. No matching logic lives here.

use thiserror::Error;

/// An error reading a vocabulary file, with the 1-based line it was found on.
#[derive(Debug, Error, PartialEq)]
pub enum VocabError {
    #[error("vocabulary line {line}: {message}")]
    Line { line: usize, message: String },
}

/// One `[rule]` entry: where the pattern must stand, the pattern, the category and strength.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRule {
    pub kind: RuleKind,
    pub pattern: String,
    pub level2: String,
    pub strength: Strength,
}

/// How far a keyword rule's word goes against a printed label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// Decides wherever it fires.
    Strong,
    /// Decides over a printed label of the same level1.
    Scoped,
    /// Used only when no reliable printed label stands.
    Weak,
}

/// Where a keyword rule's pattern must stand in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    Prefix,
    Suffix,
    Contains,
}

/// Every entry of a vocabulary file, as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawVocab {
    pub level1: Vec<Vec<String>>,
    pub level2: Vec<Vec<String>>,
    pub indicators: Vec<(String, String)>,
    pub meta: Vec<Vec<String>>,
    pub headers: Vec<String>,
    pub units: Vec<String>,
    pub qualitative: Vec<String>,
    pub rules: Vec<RawRule>,
    pub forms: Vec<(String, String)>,
    pub lookalikes: Vec<(char, char)>,
    pub checks: Vec<Vec<String>>,
}

fn fields(line: &str) -> Vec<String> {
    line.split('|')
        .map(|f| f.trim().to_string())
        .filter(|f| !f.is_empty())
        .collect()
}

fn err(line: usize, message: impl Into<String>) -> VocabError {
    VocabError::Line {
        line,
        message: message.into(),
    }
}

fn single_char(s: &str) -> Option<char> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Parses vocabulary text, appending to `into` (so a user file extends the default one).
pub fn parse_into(text: &str, into: &mut RawVocab) -> Result<(), VocabError> {
    let mut section = String::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.trim().to_string();
            continue;
        }
        let f = fields(line);
        match section.as_str() {
            "level1" => into.level1.push(f),
            "level2" => {
                if f.len() < 2 {
                    return Err(err(n, "level2 needs `canonical | level1`"));
                }
                into.level2.push(f);
            }
            "indicator" => match f.as_slice() {
                [name, level2] => into.indicators.push((name.clone(), level2.clone())),
                _ => return Err(err(n, "indicator needs `name | level2`")),
            },
            "meta" => {
                if f.len() < 2 {
                    return Err(err(n, "meta needs `field | printed key`"));
                }
                into.meta.push(f);
            }
            "header" => into.headers.extend(f),
            "unit" => into.units.extend(f),
            "qualitative" => into.qualitative.extend(f),
            "rule" => match f.as_slice() {
                [kind, pattern, level2, strength] => {
                    let kind = match kind.as_str() {
                        "prefix" => RuleKind::Prefix,
                        "suffix" => RuleKind::Suffix,
                        "contains" => RuleKind::Contains,
                        other => return Err(err(n, format!("unknown rule kind `{other}`"))),
                    };
                    let strength = match strength.as_str() {
                        "strong" => Strength::Strong,
                        "scoped" => Strength::Scoped,
                        "weak" => Strength::Weak,
                        other => return Err(err(n, format!("unknown rule strength `{other}`"))),
                    };
                    into.rules.push(RawRule {
                        kind,
                        pattern: pattern.clone(),
                        level2: level2.clone(),
                        strength,
                    });
                }
                _ => return Err(err(n, "rule needs `kind | pattern | level2 | strength`")),
            },
            "form" => match f.as_slice() {
                [frag, kind] if kind == "project" || kind == "department" => {
                    into.forms.push((frag.clone(), kind.clone()))
                }
                _ => return Err(err(n, "form needs `title fragment | project|department`")),
            },
            "lookalike" => match f.as_slice() {
                [a, b] => match (single_char(a), single_char(b)) {
                    (Some(a), Some(b)) => into.lookalikes.push((a, b)),
                    _ => return Err(err(n, "lookalike entries are single characters")),
                },
                _ => return Err(err(n, "lookalike needs `char | char`")),
            },
            "check" => into.checks.push(f),
            "" => return Err(err(n, "entry before any [section]")),
            other => return Err(err(n, format!("unknown section [{other}]"))),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sections_and_rejects_bad_lines() {
        let mut v = RawVocab::default();
        parse_into(
            "# c\n[indicator]\n培训场次 | 数量指标\n[rule]\nsuffix | 率 | 质量指标 | weak\n",
            &mut v,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v.indicators, vec![("培训场次".into(), "数量指标".into())]);
        assert_eq!(v.rules.len(), 1);
        assert_eq!(v.rules[0].strength, Strength::Weak);
        let bad = parse_into("[indicator]\n只有名字\n", &mut v);
        assert_eq!(
            bad,
            Err(VocabError::Line {
                line: 2,
                message: "indicator needs `name | level2`".into()
            })
        );
        assert!(parse_into("[nope]\na\n", &mut v).is_err());
    }
}
