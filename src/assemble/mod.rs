//! Forms → tables of records. The stitched forms of one document go in; out come tables with
//! meta fields, indicator records (categories decided, repairs recorded, confidence, source)
//! and the cells that fed nothing. `meta` reads the rows above the indicator block; `rows`
//! reads the indicator rows by role, calling the repairs, each its own module in `repair`
//! opening with a before/after example; `category` decides categories (meaning over print);
//! `confidence` scores each record.

pub mod category;
pub mod closing;
pub mod columns;
pub mod confidence;
pub mod draft;
pub mod framework;
pub mod meta;
pub mod meta_family;
pub mod meta_field;
pub mod names;
pub mod repair;
pub mod rows;
pub mod segment;

use crate::model::{
    Conclusion, Diagnostics, Meta, Parsed, Record, Source, Stage, Table, TableKind, Unassigned,
};
use crate::stitch::RawForm;
use crate::vocab::classify::Typed;
use crate::vocab::{Known, ValueClass, Vocab};
use draft::Draft;
use repair::{complete, pipe_cell};

struct Partial {
    kind: TableKind,
    year: Option<i32>,
    title: Option<String>,
    line: usize,
    stage: Stage,
    meta: Meta,
    conclusion: Option<Conclusion>,
    unassigned: Vec<Unassigned>,
}

/// Assembles all forms of one document (see the module doc).
pub fn assemble(forms: Vec<RawForm>, vocab: &Vocab, diags: &mut Diagnostics) -> Vec<Table> {
    let mut partials = Vec::with_capacity(forms.len());
    let mut drafts: Vec<Vec<Draft>> = Vec::with_capacity(forms.len());
    for mut form in forms {
        let mut typed: Vec<Vec<Typed>> = std::mem::take(&mut form.rows);
        let start = columns::indicator_start(&typed, vocab);
        let ind_rows = typed.split_off(start.min(typed.len()));
        let (mut meta, mut unassigned) = meta::read_meta(&typed, vocab, diags);
        let read = rows::read_rows(ind_rows, start, form.year, vocab);
        let mut ds = read.drafts;
        pipe_cell::record_joins(&mut ds, &form.pipe_joins, diags);
        unassigned.extend(read.lost);
        let stage = form
            .title
            .as_deref()
            .and_then(|t| vocab.family().stage(&vocab.key(t)))
            .or(read.evaluates.then_some(Stage::SelfEvaluation))
            .unwrap_or_default();
        let conclusion = read.conclusion.or(meta.conclusion.take());
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
            stage,
            meta,
            conclusion,
            unassigned,
        });
        drafts.push(ds);
    }
    let meta_texts = partials.iter().flat_map(|p: &Partial| {
        let m = &p.meta;
        [&m.project_name, &m.department, &m.implementing_unit]
            .into_iter()
            .flatten()
            .chain(&m.goals)
            .map(String::as_str)
    });
    repair::lookalike_unseen::respell_names(&mut drafts, meta_texts, vocab);
    complete::complete(&mut drafts, vocab);
    let decisions = category::decide(&drafts, vocab, diags);
    partials
        .into_iter()
        .zip(drafts)
        .zip(decisions)
        .map(|((mut p, ds), decs)| {
            let framework = framework::framework(&ds, vocab);
            let indicators = ds
                .into_iter()
                .zip(decs)
                .map(|(d, dec)| to_record(d, dec, framework, vocab))
                .collect();
            Table {
                kind: p.kind,
                year: p.year,
                title: p.title,
                line: p.line,
                stage: p.stage,
                framework,
                execution: p.meta.execution.take(),
                conclusion: p.conclusion,
                meta: p.meta,
                indicators,
                unassigned: p.unassigned,
            }
        })
        .collect()
}

fn to_record(mut d: Draft, dec: category::Decision, framework: u16, vocab: &Vocab) -> Record {
    // neither the category repair nor the confidence reads the draft's own list
    let mut repairs = std::mem::take(&mut d.repairs);
    if let Some(r) = category::category_repair(&d, &dec, vocab) {
        repairs.push(r);
    }
    let confidence = confidence::confidence(&d, &dec, &repairs, vocab);
    // a 2021 form keeps its printed levels, for the rows the model left under their label
    let printed_2021 = framework::printed_levels(&d, vocab)
        .filter(|_| framework == 2021 && d.printed == Some(dec.cat));
    let (level1, level2) = match printed_2021 {
        Some(l) => (l.level1, l.level2),
        None => vocab
            .category(dec.cat)
            .map(|c| (c.level1, c.level2))
            .unwrap_or_default(),
    };
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
        fields: d.fields,
    }
}
