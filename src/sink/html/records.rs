//! One table's output as HTML. A table goes in; out come its meta fields (a `<dl>`), its
//! records (a `<table class="records">`, one row per record with categories, name, value,
//! confidence, repairs with their reasons, and the source line:column) and its unassigned cells
//! (a list). Repaired and low-confidence rows carry those classes; every row has an id
//! (`t{table}-r{record}`) the page's lists link to. All text is escaped.

use super::escape::escape;
use super::marks::{is_low, repair_effect};
use crate::model::{Effect, Meta, MetaKey, Record, Table, DEPARTMENT_CODE};
use std::fmt::Write;

/// The anchor id of record `r` of table `t` (both 1-based).
pub fn record_id(t: usize, r: usize) -> String {
    format!("t{t}-r{r}")
}

/// The meta fields that hold something, as a definition list.
pub fn meta_html(meta: &Meta) -> String {
    let mut rows: Vec<(String, String)> = Vec::new();
    for &key in MetaKey::ALL {
        if let Some(v) = meta.text(key) {
            rows.push((key.as_str().to_string(), escape(v)));
        }
        if let (MetaKey::Department, Some(code)) = (key, &meta.department_code) {
            rows.push((DEPARTMENT_CODE.to_string(), escape(code)));
        }
    }
    // the amounts on one line: `total 12.5 · fiscal 10`
    let funds: Vec<String> = MetaKey::ALL
        .iter()
        .filter_map(|&key| {
            let name = key.as_str().strip_prefix("funds_")?;
            meta.amount(key).map(|v| format!("{name} {v}"))
        })
        .collect();
    if !funds.is_empty() {
        rows.push(("funds".into(), escape(&funds.join(" · "))));
    }
    if !meta.goals.is_empty() {
        let items: String = meta
            .goals
            .iter()
            .map(|g| format!("<li>{}</li>", escape(g)))
            .collect();
        rows.push(("goals".into(), format!("<ol>{items}</ol>")));
    }
    if !meta.tasks.is_empty() {
        rows.push(("tasks".into(), format!("{} rows", meta.tasks.len())));
    }
    for (k, v) in &meta.other {
        rows.push((k.clone(), escape(v)));
    }
    let mut out = String::from("<dl class=\"meta\">\n");
    for (k, v) in rows {
        let _ = writeln!(out, "<dt>{}</dt><dd>{v}</dd>", escape(&k));
    }
    out.push_str("</dl>\n");
    out
}

/// Why a record below `LOW_CONFIDENCE` is there, in words: its repairs lowered it, it has no
/// value, or (neither) its name is not one the vocabulary knows exactly, so its category rests
/// on the printed label or its neighbours.
pub fn low_reason(r: &Record) -> String {
    let mut why: Vec<String> = r
        .repairs
        .iter()
        .filter(|rep| rep.kind.factor() < 1.0)
        .map(|rep| format!("repaired ({})", rep.code()))
        .collect();
    if r.value.is_none() {
        why.push("no value".into());
    }
    if why.is_empty() {
        why.push(
            "name not known to the vocabulary (or only like a known one): its category rests on \
             the printed label or its neighbours"
                .into(),
        );
    }
    why.join("; ")
}

/// The repairs of a record as HTML: each code with its reason, classed `text` (changed the
/// text) or `layout` (moved it).
pub fn repairs_html(r: &Record) -> String {
    r.repairs
        .iter()
        .map(|rep| {
            let effect = match rep.kind.effect() {
                Effect::Text => "text",
                Effect::Layout => "layout",
            };
            format!(
                "<span class=\"repair {effect}\" title=\"{}\"><b>{}</b> {}</span>",
                escape(&rep.reason),
                escape(rep.code()),
                escape(&rep.reason)
            )
        })
        .collect()
}

/// The records of table `t` (1-based) as HTML (see the module doc).
pub fn records_html(t: usize, table: &Table) -> String {
    let mut out = String::from(
        "<table class=\"records\">\n<tr><th>#</th><th>一级指标</th><th>二级指标</th>\
         <th>三级指标</th><th>指标值</th><th>conf.</th><th>repairs</th><th>source</th></tr>\n",
    );
    for (i, r) in table.indicators.iter().enumerate() {
        let mut classes = Vec::new();
        match repair_effect(r) {
            Some("text") => classes.push("repaired"),
            Some(_) => classes.push("moved"),
            None => {}
        }
        let conf = if is_low(r) {
            classes.push("low");
            format!(
                "<span class=\"lowmark\" title=\"{}\">▲ {:.2}</span><span class=\"why\">{}</span>",
                escape(&low_reason(r)),
                r.confidence,
                escape(&low_reason(r))
            )
        } else {
            format!("{:.2}", r.confidence)
        };
        let value_at = r
            .value_source
            .as_ref()
            .map(|v| format!(" · L{}:{}", v.line, v.col))
            .unwrap_or_default();
        let class = if classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", classes.join(" "))
        };
        let _ = writeln!(
            out,
            "<tr id=\"{}\"{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td class=\"num\">{conf}</td><td>{}</td><td class=\"at\">L{}:{}{}</td></tr>",
            record_id(t, i + 1),
            i + 1,
            escape(r.level1),
            escape(r.level2),
            escape(&r.name),
            escape(r.value.as_deref().unwrap_or("")),
            repairs_html(r),
            r.source.line,
            r.source.col,
            value_at
        );
    }
    out.push_str("</table>\n");
    out
}

/// The unassigned cells of a table as a list (empty string when there are none).
pub fn unassigned_html(table: &Table) -> String {
    if table.unassigned.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "<h3>Unassigned cells ({})</h3>\n<ul class=\"unassigned\">\n",
        table.unassigned.len()
    );
    for u in &table.unassigned {
        let _ = writeln!(
            out,
            "<li><span class=\"at\">L{}:{}</span> <q>{}</q> — {}</li>",
            u.line,
            u.col,
            escape(&u.text),
            escape(&u.reason)
        );
    }
    out.push_str("</ul>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RepairKind;
    use crate::model::{Repair, Source, TableKind, Unassigned};

    fn table() -> Table {
        Table {
            stage: Default::default(),
            framework: 2018,
            execution: None,
            conclusion: None,
            kind: TableKind::Project,
            year: Some(2024),
            title: None,
            line: 1,
            meta: Meta {
                project_name: Some("<i>p</i>".into()),
                goals: vec!["g1".into(), "g2".into()],
                ..Default::default()
            },
            indicators: vec![Record {
                fields: Default::default(),
                level1: "产出指标",
                level2: "数量指标",
                name: "a<b".into(),
                value: Some("≥1场".into()),
                parsed: None,
                confidence: 0.5,
                repairs: vec![Repair {
                    kind: RepairKind::CellShift,
                    reason: "moved \"left\"".into(),
                }],
                source: Source {
                    line: 4,
                    col: 3,
                    text: "a<b".into(),
                },
                value_source: None,
            }],
            unassigned: vec![Unassigned {
                line: 9,
                col: 1,
                text: "<x>".into(),
                reason: "r".into(),
            }],
        }
    }

    #[test]
    fn records_rows_carry_ids_classes_and_repairs() {
        let html = records_html(2, &table());
        assert!(html.contains("<tr id=\"t2-r1\" class=\"moved low\">"));
        assert!(html.contains("class=\"repair layout\""));
        assert!(html.contains("<span class=\"why\">repaired (cell_shift)</span>"));
        assert!(html.contains("<td>a&lt;b</td>"));
        assert!(html.contains("title=\"moved &quot;left&quot;\"><b>cell_shift</b>"));
        assert!(html.contains("L4:3</td>"));
    }

    #[test]
    fn text_repairs_are_told_apart_from_layout_repairs() {
        let mut t = table();
        assert_eq!(repair_effect(&t.indicators[0]), Some("layout"));
        t.indicators[0].repairs.push(Repair {
            kind: RepairKind::Lookalike,
            reason: "己→已".into(),
        });
        assert_eq!(repair_effect(&t.indicators[0]), Some("text"));
        let html = records_html(1, &t);
        assert!(html.contains("class=\"repaired low\"") && html.contains("class=\"repair text\""));
        t.indicators[0].repairs.clear();
        assert_eq!(repair_effect(&t.indicators[0]), None);
    }

    #[test]
    fn every_low_record_states_why() {
        let mut r = table().indicators.remove(0);
        r.repairs.clear();
        assert!(low_reason(&r).contains("vocabulary"));
        r.value = None;
        assert_eq!(low_reason(&r), "no value");
    }

    #[test]
    fn meta_and_unassigned_are_listed_escaped() {
        let t = table();
        let meta = meta_html(&t.meta);
        assert!(meta.contains("<dd>&lt;i&gt;p&lt;/i&gt;</dd>"));
        assert!(meta.contains("<ol><li>g1</li><li>g2</li></ol>"));
        let u = unassigned_html(&t);
        assert!(u.contains("<q>&lt;x&gt;</q>") && u.contains("L9:1"));
        let mut empty = t;
        empty.unassigned.clear();
        assert_eq!(unassigned_html(&empty), "");
    }
}
