//! One table's output as HTML. Table `t` and the page's context (id map, findings) go in; out
//! come its meta fields (a `<dl>`; each amount linked to the cell it was read from, a field a
//! finding names marked `finding` with the suggestion beside it), each record's cells for the
//! aligned grid (`record_cells`: categories, name, value, confidence, repairs with their reasons,
//! and the source line:column linked to the source cell; repaired and low-confidence records
//! carry those classes, a name or value a finding is at is marked) and its unassigned cells (a
//! list, each place linked). All text is escaped.

use super::escape::{clip, escape};
use super::findings::notes_html;
use super::marks::{is_low, repair_effect};
use super::Ctx;
use crate::model::{Effect, Meta, MetaKey, Record, Source, Table, DEPARTMENT_CODE};
use std::fmt::Write;

/// One meta value: escaped, marked when findings name it, its source place linked.
fn meta_value(t: usize, meta: &Meta, key: MetaKey, text: String, ctx: &Ctx) -> String {
    let at = meta
        .spans
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, s)| format!(" {}", ctx.anchors.at_html(s.line, Some(s.col))))
        .unwrap_or_default();
    let found = ctx.findings.on_meta(t, key);
    if found.is_empty() {
        format!("{text}{at}")
    } else {
        format!(
            "<mark class=\"finding\">{text}</mark>{}{at}",
            notes_html(found)
        )
    }
}

/// The meta fields of table `t` that hold something, as a definition list.
pub fn meta_html(t: usize, meta: &Meta, ctx: &Ctx) -> String {
    let mut rows: Vec<(String, String)> = Vec::new();
    for &key in MetaKey::ALL {
        if let Some(v) = meta.text(key) {
            rows.push((
                key.as_str().to_string(),
                meta_value(t, meta, key, clip(v), ctx),
            ));
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
            let v = meta.amount(key)?;
            Some(meta_value(
                t,
                meta,
                key,
                escape(&format!("{name} {v}")),
                ctx,
            ))
        })
        .collect();
    if !funds.is_empty() {
        rows.push(("funds".into(), funds.join(" · ")));
    }
    if !meta.goals.is_empty() {
        let items: String = meta
            .goals
            .iter()
            .map(|g| format!("<li>{}</li>", clip(g)))
            .collect();
        rows.push(("goals".into(), format!("<ol>{items}</ol>")));
    }
    if !meta.tasks.is_empty() {
        rows.push(("tasks".into(), format!("{} rows", meta.tasks.len())));
    }
    for (k, v) in &meta.other {
        rows.push((k.clone(), clip(v)));
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

/// A record's name or value cell: the text (folded when long), marked with the findings at the
/// place it was read from.
fn field_html(text: &str, from: Option<&Source>, ctx: &Ctx) -> String {
    let found = from.map_or(&[][..], |s| ctx.findings.at(s.line, s.col));
    if found.is_empty() {
        format!("<td class=\"r\">{}</td>", clip(text))
    } else {
        format!(
            "<td class=\"r finding\"><mark class=\"finding\">{}</mark>{}</td>",
            clip(text),
            notes_html(found)
        )
    }
}

/// The heads of a record's cells, as `record_cells` writes them.
pub const RECORD_HEADS: &str = "<th>#</th><th>一级指标</th><th>二级指标</th><th>三级指标</th>\
                                <th>指标值</th><th>conf.</th><th>repairs</th><th>source</th>";

/// How many cells `record_cells` writes.
pub const RECORD_CELLS: usize = 8;

/// Record `n` (1-based) of table `t` as one table row's worth: its classes (`repaired` or
/// `moved`, `low`) and its cells — number, categories, name, value, confidence, the reason it is
/// low and its repairs, the places it was read from linked to the source cells. Each cell is
/// classed `r` so the row's tint falls on the record, not on source cells sharing its row.
pub fn record_cells(n: usize, r: &Record, ctx: &Ctx) -> (Vec<&'static str>, String) {
    let mut classes = Vec::new();
    match repair_effect(r) {
        Some("text") => classes.push("repaired"),
        Some(_) => classes.push("moved"),
        None => {}
    }
    // the reason a record is low goes in the wide repairs column, before its repairs
    let (conf, why) = if is_low(r) {
        classes.push("low");
        let why = escape(&low_reason(r));
        (
            format!(
                "<span class=\"lowmark\" title=\"{why}\">▲ {:.2}</span>",
                r.confidence
            ),
            format!("<span class=\"why\">{why}</span>"),
        )
    } else {
        (format!("{:.2}", r.confidence), String::new())
    };
    let value_at = r
        .value_source
        .as_ref()
        .map(|v| format!(" · {}", ctx.anchors.at_html(v.line, Some(v.col))))
        .unwrap_or_default();
    let cells = format!(
        "<td class=\"r rn\">{n}</td><td class=\"r cat\">{}</td><td class=\"r cat\">{}</td>{}{}\
         <td class=\"r num\">{conf}</td><td class=\"r\">{why}{}</td><td class=\"r src\">{}{}</td>",
        escape(r.level1),
        escape(r.level2),
        field_html(&r.name, Some(&r.source), ctx),
        field_html(
            r.value.as_deref().unwrap_or(""),
            r.value_source.as_ref(),
            ctx
        ),
        repairs_html(r),
        ctx.anchors.at_html(r.source.line, Some(r.source.col)),
        value_at
    );
    (classes, cells)
}

/// The unassigned cells of a table as a list (empty string when there are none).
pub fn unassigned_html(table: &Table, ctx: &Ctx) -> String {
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
            "<li>{} <q>{}</q> — {}</li>",
            ctx.anchors.at_html(u.line, Some(u.col)),
            clip(&u.text),
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
                    page: None,
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
    fn record_cells_carry_classes_and_repairs() {
        let t = table();
        let (classes, html) =
            super::super::with_empty_ctx(|c| record_cells(1, &t.indicators[0], c));
        assert_eq!(classes, ["moved", "low"]);
        assert_eq!(html.matches("<td").count(), RECORD_CELLS);
        assert_eq!(RECORD_HEADS.matches("<th>").count(), RECORD_CELLS);
        assert!(html.contains("class=\"repair layout\""));
        assert!(html.contains("<span class=\"why\">repaired (cell_shift)</span>"));
        assert!(html.contains("<td class=\"r\">a&lt;b</td>"));
        assert!(html.contains("title=\"moved &quot;left&quot;\"><b>cell_shift</b>"));
        // no grid holds L4:3 here, so the place is plain text, not a link that would break
        assert!(html.contains("<td class=\"r src\"><span class=\"at\">L4:3</span></td>"));
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
        let (classes, html) =
            super::super::with_empty_ctx(|c| record_cells(1, &t.indicators[0], c));
        assert_eq!(classes, ["repaired", "low"]);
        assert!(html.contains("class=\"repair text\""));
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
        let meta = super::super::with_empty_ctx(|c| meta_html(1, &t.meta, c));
        assert!(meta.contains("<dd>&lt;i&gt;p&lt;/i&gt;</dd>"));
        assert!(meta.contains("<ol><li>g1</li><li>g2</li></ol>"));
        let u = super::super::with_empty_ctx(|c| unassigned_html(&t, c));
        assert!(u.contains("<q>&lt;x&gt;</q>") && u.contains("L9:1"));
        let mut empty = t;
        empty.unassigned.clear();
        assert_eq!(
            super::super::with_empty_ctx(|c| unassigned_html(&empty, c)),
            ""
        );
    }
}
