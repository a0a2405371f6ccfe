//! Which source cells to mark. A table's records and unassigned cells go in; out comes, per
//! source position (line, column), the classes and hover notes of the grid cell read there: the
//! name and value cells of every record, `repaired` (some repair changed text) or `moved` (repairs only moved
//! text) with each repair's reason, `low` when its confidence is below `LOW_CONFIDENCE`, `unassigned` with the
//! reason a cell fed nothing. Positions without a line (0) are not marked.

use crate::model::{Effect, Record, Table};
use std::collections::{BTreeSet, HashMap};

/// Records below this confidence are listed first and their cells marked: 0.7 is what a record
/// resting on a printed label alone gets, so anything lower has had repairs or a guess.
pub const LOW_CONFIDENCE: f64 = 0.7;

/// The marks of one grid cell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mark {
    pub classes: BTreeSet<&'static str>,
    pub notes: Vec<String>,
}

/// Marks by (line, column) of the source text.
pub type Marks = HashMap<(usize, usize), Mark>;

/// Whether a record is low-confidence.
pub fn is_low(r: &Record) -> bool {
    r.confidence < LOW_CONFIDENCE
}

/// How a record was repaired: `text` when some repair changed a cell's text (look-alikes,
/// completions), `layout` when repairs only moved text between cells or fields, None without
/// repairs. A reviewer checks the first kind; the second is usually safe.
pub fn repair_effect(r: &Record) -> Option<&'static str> {
    if r.repairs
        .iter()
        .any(|rep| rep.kind.effect() == Effect::Text)
    {
        Some("text")
    } else if r.repairs.is_empty() {
        None
    } else {
        Some("layout")
    }
}

/// The marks of one table (see the module doc).
pub fn marks(table: &Table) -> Marks {
    let mut m = Marks::new();
    for r in &table.indicators {
        let mut cells = vec![(r.source.line, r.source.col, "name")];
        if let Some(v) = &r.value_source {
            cells.push((v.line, v.col, "value"));
        }
        for (line, col, role) in cells {
            if line == 0 {
                continue;
            }
            let mark = m.entry((line, col)).or_default();
            mark.classes.insert(role);
            if is_low(r) {
                mark.classes.insert("low");
            }
            if let Some(effect) = repair_effect(r) {
                mark.classes.insert(if effect == "text" {
                    "repaired"
                } else {
                    "moved"
                });
                for rep in &r.repairs {
                    mark.notes.push(format!(
                        "{} ({role}): {} — {}",
                        r.name,
                        rep.code(),
                        rep.reason
                    ));
                }
            }
        }
    }
    for u in table.unassigned.iter().filter(|u| u.line > 0) {
        let mark = m.entry((u.line, u.col)).or_default();
        mark.classes.insert("unassigned");
        mark.notes.push(format!("unassigned: {}", u.reason));
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RepairKind;
    use crate::model::{Repair, Source, TableKind, Unassigned};

    fn record(confidence: f64, repairs: Vec<Repair>) -> Record {
        Record {
            fields: Default::default(),
            level1: "产出指标",
            level2: "数量指标",
            name: "n".into(),
            value: Some("1个".into()),
            parsed: None,
            confidence,
            repairs,
            source: Source {
                page: None,
                line: 3,
                col: 5,
                text: "n".into(),
            },
            value_source: Some(Source {
                page: None,
                line: 3,
                col: 9,
                text: "1个".into(),
            }),
        }
    }

    fn table(indicators: Vec<Record>) -> Table {
        Table {
            stage: Default::default(),
            framework: 2018,
            execution: None,
            conclusion: None,
            kind: TableKind::Project,
            year: None,
            title: None,
            line: 1,
            meta: Default::default(),
            indicators,
            unassigned: vec![
                Unassigned {
                    line: 4,
                    col: 2,
                    text: "x".into(),
                    reason: "stray".into(),
                },
                Unassigned {
                    line: 0,
                    col: 0,
                    text: "y".into(),
                    reason: "nowhere".into(),
                },
            ],
        }
    }

    #[test]
    fn repaired_record_marks_name_and_value_with_reasons() {
        let rep = Repair {
            kind: RepairKind::CellShift,
            reason: "moved".into(),
        };
        let m = marks(&table(vec![record(0.5, vec![rep])]));
        let name = m.get(&(3, 5)).cloned().unwrap_or_default();
        assert!(name.classes.contains("moved") && name.classes.contains("low"));
        assert!(
            !name.classes.contains("repaired"),
            "a shift changed no text"
        );
        assert!(name
            .notes
            .iter()
            .any(|n| n.contains("cell_shift") && n.contains("moved")));
        let value = m.get(&(3, 9)).cloned().unwrap_or_default();
        assert!(value.classes.contains("value") && value.classes.contains("moved"));
    }

    #[test]
    fn clean_record_is_not_repaired_and_unassigned_cells_are_marked() {
        let m = marks(&table(vec![record(0.99, vec![])]));
        let name = m.get(&(3, 5)).cloned().unwrap_or_default();
        assert!(!name.classes.contains("repaired") && !name.classes.contains("low"));
        let u = m.get(&(4, 2)).cloned().unwrap_or_default();
        assert!(u.classes.contains("unassigned") && u.notes.iter().any(|n| n.contains("stray")));
        assert!(!m.contains_key(&(0, 0)));
    }
}
