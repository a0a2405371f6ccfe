//! Scoring, as `score.py` does it. A golden and a predicted document (as JSON values) go in;
//! out come counts for names, categories, values and whole records (multisets of tuples after
//! text normalisation, tables aligned in order or by kind and project name) and meta accuracy,
//! plus the list of what differs.

use serde_json::Value;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// The meta fields compared.
pub const META_FIELDS: [&str; 11] = [
    "project_name",
    "department",
    "department_code",
    "implementing_unit",
    "project_source",
    "project_period",
    "funds_total",
    "funds_fiscal",
    "funds_carryover",
    "funds_other",
    "goals",
];

/// How `norm` keys a null (apart from the text "null"); shown as `∅` in the listed differences.
const NULL_KEY: &str = "\u{0}null";

/// A normalised tuple as the differences list it: its fields joined by ` | `, a null as `∅`.
fn show_tuple(t: &[String]) -> String {
    let shown: Vec<&str> = t
        .iter()
        .map(|f| if f == NULL_KEY { "∅" } else { f.as_str() })
        .collect();
    shown.join(" | ")
}

/// The score.py text normalisation: NFKC, ，：（）； to ASCII, whitespace removed, trailing 。/.
/// dropped. Numbers compare rounded to 4 places.
pub fn norm(v: &Value) -> String {
    match v {
        Value::Null => NULL_KEY.into(),
        Value::Number(n) => format!("{:.4}", n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => {
            let mut out: String = s
                .nfkc()
                .map(|c| match c {
                    '，' => ',',
                    '：' => ':',
                    '（' => '(',
                    '）' => ')',
                    '；' => ';',
                    c => c,
                })
                .filter(|c| !c.is_whitespace())
                .collect();
            while out.ends_with(['。', '.']) {
                out.pop();
            }
            out
        }
        other => other.to_string(),
    }
}

/// Counts for one tuple kind: true positives, predicted, expected.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub tp: usize,
    pub pred: usize,
    pub key: usize,
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.key += o.key;
    }
    pub fn p(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred as f64
        }
    }
    pub fn r(&self) -> f64 {
        if self.key == 0 {
            0.0
        } else {
            self.tp as f64 / self.key as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            if self.key == 0 && self.pred == 0 {
                1.0
            } else {
                0.0
            }
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// A whole score.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    pub name: Counts,
    /// (level1, name) tuples
    pub level1: Counts,
    pub cat: Counts,
    pub value: Counts,
    pub record: Counts,
    pub meta_ok: usize,
    pub meta_n: usize,
    /// Per meta field (in `META_FIELDS` order): non-null values predicted, expected and equal;
    /// goals count item by item.
    pub meta_fields: [Counts; META_FIELDS.len()],
    /// Human-readable differences, one a line.
    pub diffs: Vec<String>,
}

impl Score {
    pub fn add(&mut self, o: &Score) {
        self.name.add(o.name);
        self.level1.add(o.level1);
        self.cat.add(o.cat);
        self.value.add(o.value);
        self.record.add(o.record);
        self.meta_ok += o.meta_ok;
        self.meta_n += o.meta_n;
        for (a, b) in self.meta_fields.iter_mut().zip(o.meta_fields) {
            a.add(b);
        }
    }
    pub fn meta_acc(&self) -> f64 {
        if self.meta_n == 0 {
            1.0
        } else {
            self.meta_ok as f64 / self.meta_n as f64
        }
    }
    pub fn is_perfect(&self) -> bool {
        self.diffs.is_empty()
    }
}

type Tuple = Vec<String>;

fn tuples(table: Option<&Value>, fields: &[&str]) -> HashMap<Tuple, usize> {
    let mut out = HashMap::new();
    let inds = table
        .and_then(|t| t.get("indicators"))
        .and_then(Value::as_array);
    for ind in inds.into_iter().flatten() {
        let t: Tuple = fields
            .iter()
            .map(|f| norm(ind.get(*f).unwrap_or(&Value::Null)))
            .collect();
        *out.entry(t).or_default() += 1;
    }
    out
}

fn count(k: &HashMap<Tuple, usize>, p: &HashMap<Tuple, usize>) -> Counts {
    let tp = k
        .iter()
        .map(|(t, n)| (*n).min(p.get(t).copied().unwrap_or(0)))
        .sum();
    Counts {
        tp,
        pred: p.values().sum(),
        key: k.values().sum(),
    }
}

fn label(t: &Value) -> String {
    t.pointer("/meta/project_name")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| t.get("kind").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// Pairs golden tables with predicted ones: in order when the counts agree, else by kind and
/// project name (as score.py does).
fn align<'a>(key: &'a [Value], pred: &'a [Value]) -> Vec<(Option<&'a Value>, Option<&'a Value>)> {
    if key.len() == pred.len() {
        return key
            .iter()
            .zip(pred)
            .map(|(k, p)| (Some(k), Some(p)))
            .collect();
    }
    let mut used = vec![false; pred.len()];
    let mut pairs = Vec::new();
    for kt in key {
        let kname = norm(kt.pointer("/meta/project_name").unwrap_or(&Value::Null));
        let hit = pred.iter().enumerate().position(|(i, pt)| {
            !used[i]
                && pt.get("kind") == kt.get("kind")
                && norm(pt.pointer("/meta/project_name").unwrap_or(&Value::Null)) == kname
        });
        match hit {
            Some(i) => {
                used[i] = true;
                pairs.push((Some(kt), pred.get(i)));
            }
            None => pairs.push((Some(kt), None)),
        }
    }
    for (i, pt) in pred.iter().enumerate() {
        if !used[i] {
            pairs.push((None, Some(pt)));
        }
    }
    pairs
}

/// The non-null values of one meta field, normalised (goals item by item).
fn meta_values(table: Option<&Value>, field: &str) -> HashMap<Tuple, usize> {
    let mut out = HashMap::new();
    let v = table
        .and_then(|t| t.get("meta"))
        .and_then(|m| m.get(field))
        .unwrap_or(&Value::Null);
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        Value::Null => Vec::new(),
        other => vec![other],
    };
    for it in items {
        *out.entry(vec![norm(it)]).or_default() += 1;
    }
    out
}

/// Per-field meta counts of one table pair; a field the golden does not hold is not scored.
fn add_meta_counts(into: &mut [Counts], k: Option<&Value>, p: Option<&Value>) {
    for (slot, f) in into.iter_mut().zip(META_FIELDS) {
        let held = k
            .and_then(|k| k.get("meta"))
            .is_some_and(|m| m.get(f).is_some());
        if k.is_some() && !held {
            continue;
        }
        slot.add(count(&meta_values(k, f), &meta_values(p, f)));
    }
}

/// The table's kind (department, project, …) and year where the golden's differ from the
/// output's: scored by no count (the scorer has none for them), but a difference fails an
/// exact golden and is listed, so a department/project swap cannot pass silently.
fn table_head_diffs(k: &Value, p: Option<&Value>, n: usize, lbl: &str) -> Vec<String> {
    ["kind", "year"]
        .into_iter()
        .filter_map(|f| {
            let kv = k.get(f).filter(|v| !v.is_null())?;
            let pv = p.and_then(|p| p.get(f)).unwrap_or(&Value::Null);
            (kv != pv).then(|| format!("  table {n} [{lbl}] {f}: golden {kv} ≠ got {pv}"))
        })
        .collect()
}

/// Scores `pred` against `key` (both document JSON values).
pub fn score(key: &Value, pred: &Value) -> Score {
    let empty = Vec::new();
    let kt = key
        .get("tables")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let pt = pred
        .get("tables")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let mut s = Score::default();
    let rec_fields = ["level1", "level2", "name", "value"];
    for (ti, (k, p)) in align(kt, pt).into_iter().enumerate() {
        let lbl = k.or(p).map(label).unwrap_or_default();
        s.name
            .add(count(&tuples(k, &["name"]), &tuples(p, &["name"])));
        s.level1.add(count(
            &tuples(k, &["level1", "name"]),
            &tuples(p, &["level1", "name"]),
        ));
        add_meta_counts(&mut s.meta_fields, k, p);
        s.cat.add(count(
            &tuples(k, &["level1", "level2", "name"]),
            &tuples(p, &["level1", "level2", "name"]),
        ));
        s.value.add(count(
            &tuples(k, &["name", "value"]),
            &tuples(p, &["name", "value"]),
        ));
        let (kr, pr) = (tuples(k, &rec_fields), tuples(p, &rec_fields));
        s.record.add(count(&kr, &pr));
        let mut missing: Vec<String> = Vec::new();
        for (t, n) in &kr {
            for _ in pr.get(t).copied().unwrap_or(0)..*n {
                missing.push(format!(
                    "  table {} [{lbl}] missing  {}",
                    ti + 1,
                    show_tuple(t)
                ));
            }
        }
        for (t, n) in &pr {
            for _ in kr.get(t).copied().unwrap_or(0)..*n {
                missing.push(format!(
                    "  table {} [{lbl}] extra    {}",
                    ti + 1,
                    show_tuple(t)
                ));
            }
        }
        missing.sort();
        s.diffs.extend(missing);
        let Some(k) = k else { continue };
        s.diffs.extend(table_head_diffs(k, p, ti + 1, &lbl));
        for f in META_FIELDS {
            let Some(kv) = k.get("meta").and_then(|m| m.get(f)) else {
                continue;
            };
            let pv = p
                .and_then(|p| p.get("meta"))
                .and_then(|m| m.get(f))
                .unwrap_or(&Value::Null);
            let ok = if f == "goals" {
                let list = |v: &Value| {
                    v.as_array()
                        .map(|a| a.iter().map(norm).collect::<Vec<_>>())
                        .unwrap_or_default()
                };
                list(kv) == list(pv)
            } else {
                norm(kv) == norm(pv)
            };
            s.meta_n += 1;
            s.meta_ok += usize::from(ok);
            if !ok {
                s.diffs.push(format!(
                    "  table {} [{lbl}] meta {f}: golden {kv} ≠ got {pv}",
                    ti + 1
                ));
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn identical_documents_score_perfectly_and_differences_are_listed() {
        let g = json!({"tables": [{"kind": "project", "meta": {"project_name": "甲", "funds_total": 1.0},
            "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "培训场次", "value": "≥1场"}]}]});
        let s = score(&g, &g);
        assert!(s.is_perfect());
        assert_eq!((s.record.f1(), s.meta_acc()), (1.0, 1.0));
        let p = json!({"tables": [{"kind": "project", "meta": {"project_name": "甲", "funds_total": 2.0},
            "indicators": [{"level1": "产出指标", "level2": "质量指标", "name": "培训场次 ", "value": "≥1场"}]}]});
        let s = score(&g, &p);
        assert_eq!((s.name.tp, s.record.tp), (1, 0));
        assert_eq!(s.meta_ok, 1);
        assert_eq!(s.diffs.len(), 3, "{:?}", s.diffs);
        // per-field meta: project_name right, funds_total wrong
        let field = |name: &str| {
            META_FIELDS
                .iter()
                .position(|f| *f == name)
                .and_then(|i| s.meta_fields.get(i).copied())
                .unwrap_or_default()
        };
        assert_eq!(field("project_name").f1(), 1.0);
        assert_eq!(
            field("funds_total"),
            Counts {
                tp: 0,
                pred: 1,
                key: 1
            }
        );
        assert_eq!(s.level1.tp, 1);
    }

    #[test]
    fn a_missing_null_value_is_listed_as_empty_not_as_a_control_character() {
        let g = json!({"tables": [{"kind": "project", "indicators": [
            {"level1": "产出指标", "level2": null, "name": "甲", "value": "1个"}]}]});
        let s = score(
            &g,
            &json!({"tables": [{"kind": "project", "indicators": []}]}),
        );
        assert_eq!(s.diffs.len(), 1, "{:?}", s.diffs);
        assert!(
            s.diffs[0].ends_with("产出指标 | ∅ | 甲 | 1个"),
            "{:?}",
            s.diffs
        );
        assert!(!s.diffs[0].contains('\u{0}'));
    }

    #[test]
    fn a_table_of_another_kind_or_year_is_a_difference() {
        let g = json!({"tables": [{"kind": "department", "year": 2024, "indicators": []}]});
        assert!(score(&g, &g).is_perfect());
        let swapped = json!({"tables": [{"kind": "project", "year": 2024, "indicators": []}]});
        let s = score(&g, &swapped);
        assert_eq!(s.diffs.len(), 1, "{:?}", s.diffs);
        assert!(s.diffs[0].contains("kind"), "{:?}", s.diffs);
        let year = json!({"tables": [{"kind": "department", "year": 2023, "indicators": []}]});
        assert!(score(&g, &year).diffs[0].contains("year: golden 2024"));
        // a golden that leaves the year unread does not hold the output to one
        let unread = json!({"tables": [{"kind": "department", "year": null, "indicators": []}]});
        assert!(score(&unread, &year).is_perfect());
    }

    #[test]
    fn norm_matches_score_py() {
        assert_eq!(
            norm(&json!("会期（含报到 和离开时间）。")),
            "会期(含报到和离开时间)"
        );
        assert_eq!(norm(&json!(214.5)), norm(&json!(214.50)));
    }
}
