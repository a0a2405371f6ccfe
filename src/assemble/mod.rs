//! Forms → tables of records. The stitched forms of one document go in; out come tables with
//! meta fields, indicator records (categories decided, repairs recorded, confidence, source)
//! and the cells that fed nothing. `meta` reads the rows above the indicator block; `rows`
//! reads the indicator rows by role, calling the repairs, each its own module in `repair`
//! opening with a before/after example; `category` decides categories (meaning over print);
//! `confidence` scores each record.

pub mod category;
pub mod confidence;
pub mod meta;
pub mod names;
pub mod repair;
pub mod rows;
pub mod segment;

use crate::model::{Diagnostics, Meta, Parsed, Record, Source, Table, TableKind, Unassigned};
use crate::stitch::RawForm;
use crate::vocab::classify::{classify_row, indicator_start, Typed};
use crate::vocab::{Known, ValueClass, Vocab};
use repair::{complete, pipe_cell};
use rows::Draft;

struct Partial {
    kind: TableKind,
    year: Option<i32>,
    title: Option<String>,
    line: usize,
    meta: Meta,
    unassigned: Vec<Unassigned>,
}

/// Assembles all forms of one document (see the module doc).
pub fn assemble(forms: Vec<RawForm>, vocab: &Vocab, diags: &mut Diagnostics) -> Vec<Table> {
    let mut partials = Vec::with_capacity(forms.len());
    let mut drafts: Vec<Vec<Draft>> = Vec::with_capacity(forms.len());
    for mut form in forms {
        let mut typed: Vec<Vec<Typed>> = std::mem::take(&mut form.rows)
            .into_iter()
            .map(|r| classify_row(r, vocab))
            .collect();
        let start = indicator_start(&typed);
        let ind_rows = typed.split_off(start.min(typed.len()));
        let (meta, mut unassigned) = meta::read_meta(&typed, diags);
        let (mut ds, lost) = rows::read_rows(ind_rows, start, vocab);
        pipe_cell::record_joins(&mut ds, &form.pipe_joins, diags);
        unassigned.extend(lost);
        let kind = form.kind_hint.unwrap_or(if meta.project_name.is_some() {
            TableKind::Project
        } else {
            TableKind::Department
        });
        partials.push(Partial {
            kind,
            year: form.year,
            title: form.title,
            line: form.line,
            meta,
            unassigned,
        });
        drafts.push(ds);
    }
    repair::lookalike_unseen::respell_names(&mut drafts, vocab);
    complete::complete(&mut drafts, vocab);
    let decisions = category::decide(&drafts, vocab, diags);
    partials
        .into_iter()
        .zip(drafts)
        .zip(decisions)
        .map(|((p, ds), decs)| {
            let indicators = ds
                .into_iter()
                .zip(decs)
                .map(|(d, dec)| to_record(d, dec, vocab))
                .collect();
            Table {
                kind: p.kind,
                year: p.year,
                title: p.title,
                line: p.line,
                meta: p.meta,
                indicators,
                unassigned: p.unassigned,
            }
        })
        .collect()
}

fn to_record(mut d: Draft, dec: category::Decision, vocab: &Vocab) -> Record {
    // neither the category repair nor the confidence reads the draft's own list
    let mut repairs = std::mem::take(&mut d.repairs);
    if let Some(r) = category::category_repair(&d, &dec, vocab) {
        repairs.push(r);
    }
    let confidence = confidence::confidence(&d, &dec, &repairs, vocab);
    let (level1, level2) = vocab
        .category(dec.cat)
        .map(|c| (c.level1, c.level2))
        .unwrap_or_default();
    let parsed: Option<Parsed> = d.value.as_ref().and_then(|v| match &*vocab.value_class(v) {
        ValueClass::Quantitative(p) => Some(p.clone()),
        _ => None,
    });
    Record {
        level1,
        level2,
        name: d.name.into_string(),
        value: d.value.map(Known::into_string),
        parsed,
        confidence,
        repairs,
        source: Source::from_cell(d.name_cell),
        value_source: d.value_cell.map(Source::from_cell),
    }
}
