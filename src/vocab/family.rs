//! What the vocabulary knows of form families beyond the 2024 申报表 (column roles are the
//! `[column]` section's): the stage a title names (`[stage]`), the rows that close a form or
//! stand under it (`[closing]`), the levels of the 2021 framework (`[framework]`) and the
//! columns of a budget-execution block (`[execution]`) and the columns of a list table of many
//! projects (`[list]`). The raw section lines go in (already
//! split at `|`); out come lookups by folded key.
//!
//! Before/after: `[closing] grade | exact | 自评等级` → `closing("自评等级")` = `Grade`.

use super::error::VocabError;
use crate::model::{MetaKey, Stage, UnknownName};
use rustc_hash::FxHashMap as HashMap;

/// A row that is no indicator, by its first cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    TotalScore,
    Grade,
    Text,
    /// A footnote (注：…).
    Note,
    /// A signature, stamp or date line (盖章, 签字, 年 月 日).
    Signature,
}

/// A column of the budget-execution block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExecColumn {
    BudgetStart,
    BudgetFull,
    Executed,
    Rate,
    Points,
    Score,
}

/// A level of the 2021 framework as printed: its level1 and level2 names, and whether printing
/// it marks a form as 2021.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Level2021 {
    pub level1: &'static str,
    pub level2: &'static str,
    pub marker: bool,
}

/// The raw family sections, as parsed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawFamily {
    pub stage: Vec<(usize, Vec<String>)>,
    pub closing: Vec<(usize, Vec<String>)>,
    pub framework: Vec<(usize, Vec<String>)>,
    pub execution: Vec<(usize, Vec<String>)>,
    pub list: Vec<(usize, Vec<String>)>,
    pub template: Vec<(usize, Vec<String>)>,
}

/// The compiled family sections.
#[derive(Debug, Clone, Default)]
pub struct FamilyVocab {
    stages: Vec<(String, Stage)>,
    closing_exact: HashMap<String, Closing>,
    closing_prefix: Vec<(String, Closing)>,
    closing_contains: Vec<(String, Closing)>,
    levels: HashMap<String, Level2021>,
    execution: HashMap<String, ExecColumn>,
    /// list-table header key → (meta field, the key a form prints for it)
    list: HashMap<String, (MetaKey, String)>,
    /// Template leftovers: words that open an enumerator (`指标` of `指标1：`) and the texts
    /// that stand for nothing (`……`, `/`).
    enumerators: Vec<String>,
    /// Signs a template prints before a core indicator's name (`★`), no part of the name.
    flags: Vec<String>,
    /// Side labels of an indicator block over more than the form's year (长期绩效指标).
    long_term: Vec<String>,
    placeholders: Vec<String>,
    /// 指标性质 markers that are no part of a value (定性, 定量).
    markers: Vec<String>,
}

fn err(line: usize, message: String) -> VocabError {
    VocabError::Line { line, message }
}

impl FamilyVocab {
    /// Compiles the sections; `k` folds a text to its key, `intern` keeps a name for the process.
    pub fn compile(
        raw: &RawFamily,
        k: impl Fn(&str) -> String,
        intern: impl Fn(&str) -> &'static str,
    ) -> Result<FamilyVocab, VocabError> {
        let mut f = FamilyVocab::default();
        for (n, e) in &raw.stage {
            let stage = match e.get(1).map(String::as_str) {
                Some("approval") => Stage::Approval,
                Some("self_evaluation") => Stage::SelfEvaluation,
                Some("target") => Stage::Target,
                _ => {
                    return Err(err(
                        *n,
                        "stage needs `title word | target|approval|self_evaluation`".into(),
                    ))
                }
            };
            if let Some(w) = e.first() {
                f.stages.push((k(w), stage));
            }
        }
        for (n, e) in &raw.closing {
            let kind = match e.first().map(String::as_str) {
                Some("total_score") => Closing::TotalScore,
                Some("grade") => Closing::Grade,
                Some("text") => Closing::Text,
                Some("note") => Closing::Note,
                Some("signature") => Closing::Signature,
                _ => {
                    return Err(err(
                        *n,
                        "closing needs `total_score|grade|text|note|signature | how | words…`"
                            .into(),
                    ))
                }
            };
            let list = match e.get(1).map(String::as_str) {
                Some("exact") => None,
                Some("prefix") => Some(&mut f.closing_prefix),
                Some("contains") => Some(&mut f.closing_contains),
                _ => return Err(err(*n, "closing match is exact, prefix or contains".into())),
            };
            match list {
                None => {
                    for w in e.iter().skip(2) {
                        f.closing_exact.entry(k(w)).or_insert(kind);
                    }
                }
                Some(list) => list.extend(e.iter().skip(2).map(|w| (k(w), kind))),
            }
        }
        for (n, e) in &raw.framework {
            let [year, level2, level1, rest @ ..] = e.as_slice() else {
                return Err(err(
                    *n,
                    "framework needs `2021 | level2 | level1 [| marker]`".into(),
                ));
            };
            if year != "2021" {
                return Err(err(*n, format!("unknown framework `{year}`")));
            }
            f.levels.insert(
                k(level2),
                Level2021 {
                    level1: intern(level1),
                    level2: intern(level2),
                    marker: rest.iter().any(|r| r == "marker"),
                },
            );
        }
        for (n, e) in &raw.execution {
            let col = match e.first().map(String::as_str) {
                Some("budget_start") => ExecColumn::BudgetStart,
                Some("budget_full") => ExecColumn::BudgetFull,
                Some("executed") => ExecColumn::Executed,
                Some("rate") => ExecColumn::Rate,
                Some("points") => ExecColumn::Points,
                Some("score") => ExecColumn::Score,
                _ => {
                    return Err(err(
                        *n,
                        format!("unknown execution column in `{}`", e.join(" | ")),
                    ))
                }
            };
            for w in e.iter().skip(1) {
                f.execution.entry(k(w)).or_insert(col);
            }
        }
        for (n, e) in &raw.list {
            let [field, printed, words @ ..] = e.as_slice() else {
                return Err(err(
                    *n,
                    "list needs `meta field | printed key | headers…`".into(),
                ));
            };
            let field: MetaKey = field
                .parse()
                .map_err(|e: UnknownName| err(*n, e.to_string()))?;
            for w in words {
                f.list.entry(k(w)).or_insert((field, printed.clone()));
            }
        }
        f.add_template(&raw.template)?;
        Ok(f)
    }

    /// The `[template]` entries: each line's kind and the words it lists.
    fn add_template(&mut self, template: &[(usize, Vec<String>)]) -> Result<(), VocabError> {
        for (n, e) in template {
            let into =
                match e.first().map(String::as_str) {
                    Some("enumerator") => &mut self.enumerators,
                    Some("flag") => &mut self.flags,
                    Some("long_term") => &mut self.long_term,
                    Some("placeholder") => &mut self.placeholders,
                    Some("marker") => &mut self.markers,
                    _ => return Err(err(
                        *n,
                        "template needs `enumerator|flag|long_term|placeholder|marker | words…`"
                            .into(),
                    )),
                };
            into.extend(e.iter().skip(1).cloned());
        }
        Ok(())
    }

    /// `text` without a template enumerator (`指标1：维修次数` → `维修次数`): a `[template]
    /// enumerator` word, digits, then a colon; and without a `[template] flag` before it
    /// (`★农村低保人数` → `农村低保人数`).
    pub fn strip_enumerator<'a>(&self, text: &'a str) -> &'a str {
        let mut t = text.trim_start();
        let mut text = text;
        if let Some(rest) = self.flags.iter().find_map(|f| t.strip_prefix(f.as_str())) {
            t = rest.trim_start();
            text = t;
        }
        for w in &self.enumerators {
            let Some(rest) = t.strip_prefix(w.as_str()) else {
                continue;
            };
            let digits = rest
                .char_indices()
                .find(|(_, c)| !(c.is_ascii_digit() || ('０'..='９').contains(c)))
                .map_or(rest.len(), |(i, _)| i);
            if digits == 0 {
                continue;
            }
            let after = rest.get(digits..).unwrap_or("");
            if let Some(r) = after
                .strip_prefix('：')
                .or_else(|| after.strip_prefix(':'))
                .or_else(|| after.strip_prefix('、'))
            {
                return r.trim_start();
            }
        }
        text
    }

    /// Whether `text` is the side label of a block of long-term indicators (长期绩效指标).
    pub fn is_long_term(&self, text: &str) -> bool {
        let t = text.trim();
        self.long_term.iter().any(|m| m == t)
    }

    /// Whether `text` is a 指标性质 marker (定性, 定量), no part of a value.
    pub fn is_marker(&self, text: &str) -> bool {
        let t = text.trim();
        self.markers.iter().any(|m| m == t)
    }

    /// Whether `text` is only template filler (`……`, `/`) or nothing at all.
    pub fn is_placeholder(&self, text: &str) -> bool {
        let t = text.trim();
        t.is_empty() || self.placeholders.iter().any(|p| p == t)
    }

    /// The meta field a list table's column header names, and the key a form prints for it.
    pub fn list_column(&self, key: &str) -> Option<(MetaKey, &str)> {
        self.list.get(key).map(|(m, p)| (*m, p.as_str()))
    }

    /// The stage a title's key names.
    pub fn stage(&self, key: &str) -> Option<Stage> {
        self.stages
            .iter()
            .find(|(w, _)| key.contains(w.as_str()))
            .map(|(_, s)| *s)
    }

    /// What closing row a cell's key opens, if any.
    pub fn closing(&self, key: &str) -> Option<Closing> {
        if key.is_empty() {
            return None;
        }
        if let Some(c) = self.closing_exact.get(key) {
            return Some(*c);
        }
        let stripped: String = key.chars().filter(|c| !c.is_whitespace()).collect();
        self.closing_prefix
            .iter()
            .find(|(w, _)| stripped.starts_with(w.as_str()))
            .or_else(|| {
                self.closing_contains
                    .iter()
                    .find(|(w, _)| stripped.contains(w.as_str()))
            })
            .map(|(_, c)| *c)
    }

    /// The 2021 level a printed level2 label's key names.
    pub fn level_2021(&self, key: &str) -> Option<Level2021> {
        self.levels.get(key).copied()
    }

    /// The execution-block column a header cell's key names.
    pub fn execution(&self, key: &str) -> Option<ExecColumn> {
        self.execution
            .get(key)
            .or_else(|| self.execution.get(without_formula_tag(key)?))
            .copied()
    }
}

/// A column key without the letters naming it in a formula printed after it (`全年预算数(A)`,
/// `执行率(B/A)`), when it has them.
fn without_formula_tag(key: &str) -> Option<&str> {
    let inner = key.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let tag = inner.get(open + 1..)?;
    let is_formula = !tag.is_empty()
        && tag.bytes().any(|b| b.is_ascii_alphabetic())
        && tag
            .bytes()
            .all(|b| b.is_ascii_alphabetic() || b"/*%-+ ".contains(&b));
    is_formula.then(|| inner.get(..open)).flatten()
}

#[cfg(test)]
mod tests {
    use super::without_formula_tag;

    #[test]
    fn formula_tags_come_off_execution_keys() {
        assert_eq!(without_formula_tag("全年预算数(a)"), Some("全年预算数"));
        assert_eq!(without_formula_tag("执行率(b/a)"), Some("执行率"));
        // a unit in brackets is no formula
        assert_eq!(without_formula_tag("全年预算数(万元)"), None);
        assert_eq!(without_formula_tag("全年预算数"), None);
    }
}
