//! The vocabulary the cross-checks read (`[check]` entries). Raw `[check]` lines go in; out
//! comes a `CheckVocab` that answers: is this indicator name a form's total cost line, how many
//! 万元 is one of this money unit, does this category expect a number as its target, does this
//! value name a date, is this unit a span of time.
//!
//! ```text
//! total_cost | 总成本 | 成本总额       names of the line stating a form's total cost
//! money | 元 | 0.0001                  a money unit and its worth in 万元
//! numeric | 数量指标 | 成本指标          level2 categories whose targets are numbers
//! rate | (the satisfaction category)     level2 categories whose targets are rates (a %)
//! date_mark | 年底 | 日内               time words that make a value a date or a time limit
//! time_unit | 天 | 个月                 units of a span of time (`≤6天` is a time limit)
//! time_word | 及时 | 按期                words that make a name's rate a timeliness rate
//! ```

use super::VocabError;

/// The compiled `[check]` entries; keys are folded with the vocabulary's look-alikes.
#[derive(Debug, Clone, Default)]
pub struct CheckVocab {
    total_cost: Vec<String>,
    money: Vec<(String, f64)>,
    numeric: Vec<String>,
    rate: Vec<String>,
    date_marks: Vec<String>,
    time_units: Vec<String>,
    time_words: Vec<String>,
}

impl CheckVocab {
    /// Compiles raw `[check]` entries; `key` folds a text the way the vocabulary does.
    pub fn compile(raw: &[Vec<String>], key: impl Fn(&str) -> String) -> Result<Self, VocabError> {
        let mut out = CheckVocab::default();
        for entry in raw {
            let Some((kind, rest)) = entry.split_first() else {
                continue;
            };
            match kind.as_str() {
                "total_cost" => out.total_cost.extend(rest.iter().map(|s| key(s))),
                "numeric" => out.numeric.extend(rest.iter().map(|s| key(s))),
                "rate" => out.rate.extend(rest.iter().map(|s| key(s))),
                // matched against the printed value text and its parsed unit, so kept as written
                "date_mark" => out.date_marks.extend(rest.iter().cloned()),
                "time_unit" => out.time_units.extend(rest.iter().cloned()),
                "time_word" => out.time_words.extend(rest.iter().map(|s| key(s))),
                "money" => match rest {
                    [unit, factor] => {
                        let f: f64 = factor.parse().map_err(|_| VocabError::Line {
                            line: 0,
                            message: format!("money factor `{factor}` is not a number"),
                        })?;
                        out.money.push((key(unit), f));
                    }
                    _ => {
                        return Err(VocabError::Line {
                            line: 0,
                            message: "money needs `unit | 万元 per unit`".into(),
                        })
                    }
                },
                other => {
                    return Err(VocabError::Line {
                        line: 0,
                        message: format!("unknown check entry `{other}`"),
                    })
                }
            }
        }
        Ok(out)
    }

    /// Whether the (folded) name is a form's total-cost line.
    pub fn is_total_cost(&self, name_key: &str) -> bool {
        self.total_cost.iter().any(|n| n == name_key)
    }

    /// How many 万元 one (folded) `unit` is, if it is a money unit.
    pub fn money_factor(&self, unit_key: &str) -> Option<f64> {
        self.money
            .iter()
            .find(|(u, _)| u == unit_key)
            .map(|(_, f)| *f)
    }

    /// Whether targets of this (folded) level2 category are numbers.
    pub fn expects_number(&self, level2_key: &str) -> bool {
        self.numeric.iter().any(|n| n == level2_key)
    }

    /// Whether a value text holds a time word that makes its number a date or a time limit
    /// (`2025年底`, `11月底前`, `5日内`).
    pub fn has_date_mark(&self, value: &str) -> bool {
        self.date_marks.iter().any(|m| value.contains(m.as_str()))
    }

    /// Whether a parsed unit is a span of time (`天`, `个月`, `季度`).
    pub fn is_time_unit(&self, unit: &str) -> bool {
        self.time_units.iter().any(|u| u == unit)
    }

    /// Whether targets of this (folded) level2 category are rates (`≥90%`).
    pub fn expects_rate(&self, level2_key: &str) -> bool {
        self.rate.iter().any(|n| n == level2_key)
    }

    /// Whether a name holds a time word (`按期完成率`, `发放及时率`): its rate measures
    /// timeliness, so a % target says nothing about quality. `name` as printed (the time words
    /// hold no look-alike characters).
    pub fn names_time(&self, name: &str) -> bool {
        self.time_words.iter().any(|w| name.contains(w.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(lines: &[&[&str]]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn compiles_entries_and_rejects_bad_factors() {
        let c = CheckVocab::compile(
            &raw(&[
                &["total_cost", "总成本"],
                &["money", "元", "0.0001"],
                &["numeric", "数量指标"],
                &["rate", "满意度指标"],
                &["date_mark", "年底", "日内"],
                &["time_unit", "天", "个月"],
                &["time_word", "及时", "按期"],
            ]),
            |s| s.to_string(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(c.is_total_cost("总成本"));
        assert!(!c.is_total_cost("人均成本"));
        assert_eq!(c.money_factor("元"), Some(0.0001));
        assert_eq!(c.money_factor("人"), None);
        assert!(c.has_date_mark("2025年底前"));
        assert!(c.has_date_mark("5日内"));
        assert!(!c.has_date_mark("≥5天"));
        assert!(c.is_time_unit("个月"));
        assert!(!c.is_time_unit("月底"));
        assert!(c.expects_number("数量指标") && !c.expects_number("质量指标"));
        assert!(c.expects_rate("满意度指标") && !c.expects_rate("数量指标"));
        assert!(c.names_time("审计计划按期完成率") && !c.names_time("审计报告复核合格率"));
        assert!(CheckVocab::compile(&raw(&[&["money", "元", "x"]]), |s| s.to_string()).is_err());
        assert!(CheckVocab::compile(&raw(&[&["nope", "a"]]), |s| s.to_string()).is_err());
    }
}
