//! Reads the vocabulary text format (sections in brackets, one entry a line, fields split by
//! `|`; see the header of `default.vocab`) into raw entries. Text goes in; `RawVocab` comes out,
//! or an error naming the line that could not be read. No matching logic lives here.

pub use super::error::VocabError;
use super::MetaField;
use crate::model::{ColumnRole, TableKind};
use std::sync::Arc;

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
    /// `[meta]`: the field a key fills, and its printed keys.
    pub meta: Vec<(MetaField, Vec<String>)>,
    /// `[column]`: a column role and the header words that name it, in the order tried.
    pub columns: Vec<(ColumnRole, Vec<String>)>,
    pub headers: Vec<String>,
    pub units: Vec<String>,
    pub qualitative: Vec<String>,
    /// `[opener]`: adverbs that open a qualitative target no list holds (`持续`, `较上年`).
    pub openers: Vec<String>,
    /// `[words]`: common words of the forms' language, for the look-alike character model only.
    pub words: Vec<String>,
    /// `[source]`: what a form prints as the project's source (项目来源).
    pub sources: Vec<String>,
    pub rules: Vec<RawRule>,
    pub forms: Vec<(String, TableKind)>,
    /// `[form_key]`: a fragment of a department key and the form such a key opens
    /// (`名称 | department`: 部门名称 opens a department form; 主管部门 a project's).
    pub form_keys: Vec<(String, TableKind)>,
    pub lookalikes: Vec<(char, char)>,
    /// `[lookalike]` pairs marked `word`: the printed character is a common character in its
    /// own right (日, 个), read as the other only where that makes a word the vocabulary knows.
    pub word_lookalikes: Vec<(char, char)>,
    pub checks: Vec<Vec<String>>,
    /// The form-family sections (`[column]`, `[stage]`, `[closing]`, `[framework]`,
    /// `[execution]`), compiled by `family`.
    pub family: super::family::RawFamily,
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

/// A `[meta]` entry's field: `group`, `sum_row`, `other:NAME`, or a contract field.
fn meta_field(field: &str) -> Result<MetaField, String> {
    Ok(match field {
        "group" => MetaField::Group,
        "sum_row" => MetaField::SumRow,
        crate::model::DEPARTMENT_CODE => MetaField::Code,
        f => match f.strip_prefix("other:") {
            Some(name) => MetaField::Other(Arc::from(name)),
            None => MetaField::Field(
                f.parse()
                    .map_err(|e| format!("{e}, or group, sum_row, other:NAME"))?,
            ),
        },
    })
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
            "meta" => match f.split_first() {
                Some((field, keys)) if !keys.is_empty() => into
                    .meta
                    .push((meta_field(field).map_err(|m| err(n, m))?, keys.to_vec())),
                _ => return Err(err(n, "meta needs `field | printed key`")),
            },
            "column" => match f.split_first() {
                Some((role, words)) if !words.is_empty() => {
                    let role = role.parse().map_err(|e| err(n, format!("{e}")))?;
                    into.columns.push((role, words.to_vec()))
                }
                _ => return Err(err(n, "column needs `role | header words`")),
            },
            "header" => into.headers.extend(f),
            "unit" => into.units.extend(f),
            "qualitative" => into.qualitative.extend(f),
            "opener" => into.openers.extend(f),
            "words" => into.words.extend(f),
            "source" => into.sources.extend(f),
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
                [frag, kind] => match kind.parse() {
                    Ok(kind) => into.forms.push((frag.clone(), kind)),
                    Err(e) => return Err(err(n, format!("{e}"))),
                },
                _ => return Err(err(n, "form needs `title fragment | project|department`")),
            },
            "form_key" => match f.as_slice() {
                [frag, kind] => match kind.parse() {
                    Ok(kind) => into.form_keys.push((frag.clone(), kind)),
                    Err(e) => return Err(err(n, format!("{e}"))),
                },
                _ => return Err(err(n, "form_key needs `key fragment | project|department`")),
            },
            "lookalike" => match f.as_slice() {
                [a, b] => match (single_char(a), single_char(b)) {
                    (Some(a), Some(b)) => into.lookalikes.push((a, b)),
                    _ => return Err(err(n, "lookalike entries are single characters")),
                },
                [a, b, scope] if scope == "word" => match (single_char(a), single_char(b)) {
                    (Some(a), Some(b)) => into.word_lookalikes.push((a, b)),
                    _ => return Err(err(n, "lookalike entries are single characters")),
                },
                _ => {
                    return Err(err(
                        n,
                        "lookalike needs `char | char` or `char | char | word`",
                    ))
                }
            },
            "check" => into.checks.push(f),
            "stage" => into.family.stage.push((n, f)),
            "closing" => into.family.closing.push((n, f)),
            "framework" => into.family.framework.push((n, f)),
            "execution" => into.family.execution.push((n, f)),
            "list" => into.family.list.push((n, f)),
            "template" => into.family.template.push((n, f)),
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

    #[test]
    fn word_lookalikes_are_kept_apart_and_a_bad_scope_names_its_line() {
        let mut v = RawVocab::default();
        parse_into("[lookalike]\n宰 | 率\n日 | 目 | word\n", &mut v)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v.lookalikes, vec![('宰', '率')]);
        assert_eq!(v.word_lookalikes, vec![('日', '目')]);
        let bad = parse_into("[lookalike]\n个 | 不 | everywhere\n", &mut v);
        assert!(
            matches!(bad, Err(VocabError::Line { line: 2, .. })),
            "{bad:?}"
        );
    }

    #[test]
    fn a_mistyped_meta_field_column_role_or_form_kind_names_its_line() {
        let mut v = RawVocab::default();
        let line_of = |text: &str, v: &mut RawVocab| match parse_into(text, v) {
            Err(VocabError::Line { line, message }) => Some((line, message)),
            Ok(()) => None,
        };
        let (line, message) = line_of(
            "[meta]\nproject_name | 项目名称\nfund_total | 资金总额\n",
            &mut v,
        )
        .unwrap_or_default();
        assert_eq!(line, 3);
        assert!(
            message.starts_with("unknown meta field `fund_total`"),
            "{message}"
        );
        let bad_role = line_of("[column]\nvalue | 指标值\n\nwieght | 权重\n", &mut v);
        assert_eq!(bad_role.map(|(l, _)| l), Some(4));
        let bad_kind = line_of("[form]\n绩效目标表 | projekt\n", &mut v);
        assert_eq!(bad_kind.map(|(l, _)| l), Some(2));
        let bad_key = line_of("[form_key]\n名称\n", &mut v);
        assert_eq!(bad_key.map(|(l, _)| l), Some(2));
        assert!(line_of("[form_key]\n名称 | department\n", &mut v).is_none());
        assert_eq!(v.form_keys, [("名称".to_string(), TableKind::Department)]);
        assert!(line_of("[meta]\nother:联系人 | 联系人\nsum_row | 合计\n", &mut v).is_none());
        assert_eq!(v.columns.first().map(|c| c.0), Some(ColumnRole::Value));
    }
}
