//! Sidecar expectations of a golden: the fields the golden shape cannot hold. A golden's
//! `<name>.extra.json` and the document's JSON output go in; out come how many sidecar fields
//! were checked and the ones that differ.
//!
//! The sidecar is `{"tables": [{"stage", "framework", "execution", "conclusion",
//! "meta_other", "indicators": [{"name", "op", "unit", …}]}]}`, tables in golden order. A key
//! absent from the sidecar is no expectation. Records are matched by table index and name.
//! Texts compare after the scorer's normalisation (NFKC, no whitespace, trailing 。 dropped);
//! numbers within 1e-6 (a printed `15` matches 15); `op` and `unit` fall back to the record's
//! `parsed`; a map (`extra`, `basis` {header: text}) matches when each of its entries does, and a
//! `basis` string matches the map's texts joined by `；` in column order.
//!
//! Before/after: sidecar `{"name": "受益农村人口", "op": ">=", "weight": 10}` against a record
//! `{"name": "受益农村人口", "op": ">=", "weight": "10"}` → 2 fields checked, none differs.

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// File-name ending of a golden's sidecar (`x.json` → `x.extra.json`).
pub const SIDECAR_SUFFIX: &str = "extra.json";

/// The table-level keys a sidecar may hold.
const TABLE_KEYS: [&str; 5] = [
    "stage",
    "framework",
    "execution",
    "conclusion",
    "meta_other",
];

/// What comparing one sidecar gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SidecarScore {
    pub checked: usize,
    pub diffs: Vec<String>,
}

fn norm(s: &str) -> String {
    let t: String = s
        .nfkc()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '，' => ',',
            '：' => ':',
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect();
    t.trim_end_matches('。').to_string()
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => norm(s).trim_end_matches('%').parse().ok(),
        _ => None,
    }
}

/// Whether the output value `got` meets the sidecar's `want`.
fn same(want: &Value, got: Option<&Value>) -> bool {
    let got = got.unwrap_or(&Value::Null);
    match want {
        Value::Null => got.is_null(),
        Value::Object(w) => match got {
            Value::String(g) => {
                let joined: Vec<&str> = w.values().filter_map(Value::as_str).collect();
                norm(&joined.join("；")) == norm(g)
            }
            Value::Object(g) => w.iter().all(|(k, wv)| {
                let nk = norm(k);
                same(wv, g.iter().find(|(gk, _)| norm(gk) == nk).map(|(_, v)| v))
            }),
            _ => false,
        },
        Value::Number(_) => match (number(want), number(got)) {
            (Some(a), Some(b)) => (a - b).abs() < 1e-6,
            _ => false,
        },
        Value::String(w) => match got {
            Value::String(g) => norm(w) == norm(g),
            // a framework printed as a number, a weight as a string: compare the numbers
            Value::Number(_) => number(want)
                .zip(number(got))
                .is_some_and(|(a, b)| (a - b).abs() < 1e-6),
            _ => false,
        },
        _ => want == got,
    }
}

fn show(v: Option<&Value>) -> String {
    v.map_or_else(|| "absent".to_string(), Value::to_string)
}

/// The sidecar of a golden (`x.json` → `x.extra.json`).
pub fn sidecar_path(golden: &std::path::Path) -> std::path::PathBuf {
    golden.with_extension(SIDECAR_SUFFIX)
}

/// Name of the file in a golden family folder that holds the family's sidecar fields to a
/// bar (the share of them right, 0–1); without it every sidecar field must be right.
pub const SIDECAR_BAR_FILE: &str = "MIN_SIDECAR";

/// The sidecar bar a family's golden folder sets, if any.
pub fn sidecar_bar(golden: &std::path::Path, family: &str) -> Option<f64> {
    let text = std::fs::read_to_string(golden.join(family).join(SIDECAR_BAR_FILE)).ok()?;
    text.trim().parse().ok()
}

/// The value under `key` in an output map, or in a list of `[key, value]` pairs (how
/// `meta.other` is written: a form may print a key twice).
fn entry<'a>(got: &'a Value, key: &str) -> Option<&'a Value> {
    match got {
        Value::Array(pairs) => pairs.iter().find_map(|p| match p.as_array()?.as_slice() {
            [k, v] if k.as_str() == Some(key) => Some(v),
            _ => None,
        }),
        _ => got.get(key),
    }
}

/// Compares a sidecar with a document's JSON output (see the module doc).
pub fn compare(sidecar: &Value, doc: &Value) -> SidecarScore {
    let mut out = SidecarScore::default();
    let empty = Vec::new();
    let want_tables = sidecar
        .get("tables")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let got_tables = doc
        .get("tables")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    for (ti, st) in want_tables.iter().enumerate() {
        let pt = got_tables.get(ti);
        for key in TABLE_KEYS {
            let Some(want) = st.get(key) else { continue };
            let got = match key {
                "meta_other" => pt.and_then(|t| t.get("meta")).and_then(|m| m.get("other")),
                _ => pt.and_then(|t| t.get(key)),
            };
            match want {
                Value::Object(w) => {
                    for (k, wv) in w {
                        out.checked += 1;
                        let g = got.and_then(|g| entry(g, k));
                        if !same(wv, g) {
                            out.diffs.push(format!(
                                "  table {} sidecar {key}.{k}: want {wv} got {}",
                                ti + 1,
                                show(g)
                            ));
                        }
                    }
                }
                w => {
                    out.checked += 1;
                    if !same(w, got) {
                        out.diffs.push(format!(
                            "  table {} sidecar {key}: want {w} got {}",
                            ti + 1,
                            show(got)
                        ));
                    }
                }
            }
        }
        let records = pt
            .and_then(|t| t.get("indicators"))
            .and_then(Value::as_array)
            .unwrap_or(&empty);
        let want_records = st
            .get("indicators")
            .and_then(Value::as_array)
            .unwrap_or(&empty);
        for sr in want_records {
            let Some(Value::Object(fields)) = Some(sr) else {
                continue;
            };
            let name = fields.get("name").and_then(Value::as_str).unwrap_or("");
            let nname = norm(name);
            let pr = records.iter().find(|r| {
                r.get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| norm(n) == nname)
            });
            for (k, want) in fields.iter().filter(|(k, _)| k.as_str() != "name") {
                out.checked += 1;
                let mut got = pr.and_then(|r| r.get(k)).filter(|v| !v.is_null());
                if got.is_none() && matches!(k.as_str(), "op" | "unit") {
                    got = pr
                        .and_then(|r| r.get("parsed"))
                        .and_then(|p| p.get(k))
                        .filter(|v| !v.is_null());
                }
                if !same(want, got) {
                    out.diffs.push(format!(
                        "  table {} [{name}] sidecar {k}: want {want} got {}",
                        ti + 1,
                        show(got)
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sidecar_fields_compare_by_meaning_not_by_print() {
        let side = json!({"tables": [{
            "stage": "self_evaluation",
            "execution": {"rate": 98.0, "score": 9.8},
            "indicators": [
                {"name": "受益农村人口", "op": ">=", "weight": 10, "extra": {"备注": "新建"}},
                {"name": "工程管护机制", "unit": "年"}
            ]
        }]});
        let doc = json!({"tables": [{
            "stage": "self_evaluation",
            "execution": {"rate": 98.0, "score": 9.7},
            "indicators": [
                {"name": "受益农村人口", "op": ">=", "weight": "10", "extra": {"备注": "新建 "}},
                {"name": "工程管护机制", "unit": null, "parsed": {"unit": "年"}}
            ]
        }]});
        let s = compare(&side, &doc);
        assert_eq!(s.checked, 7);
        assert_eq!(s.diffs.len(), 1, "{:?}", s.diffs);
        assert!(s.diffs[0].contains("execution.score"));
    }

    #[test]
    fn meta_other_written_as_pairs_compares_with_a_sidecar_map() {
        let side = json!({"tables": [{"meta_other": {"项目属性": "新增", "项目负责人": "吕某"}}]});
        let doc =
            json!({"tables": [{"meta": {"other": [["项目属性", "新增"], ["联系电话", "1"]]}}]});
        let s = compare(&side, &doc);
        assert_eq!(s.checked, 2);
        assert_eq!(s.diffs.len(), 1, "{:?}", s.diffs);
        assert!(s.diffs[0].contains("项目负责人"), "{:?}", s.diffs);
    }
}
