//! The run summary: documents go in as they are written; out comes the tally a bulk run prints
//! at the end (documents, tables, records, repairs, diagnostics by severity, skipped, failed).

use crate::model::{Document, Severity};
use std::fmt;

/// Counts over a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub documents: u64,
    pub tables: u64,
    pub records: u64,
    pub repairs: u64,
    pub unassigned: u64,
    pub diag_errors: u64,
    pub diag_warnings: u64,
    pub diag_infos: u64,
    /// Inputs already complete in the output (`--resume`).
    pub skipped: u64,
    /// Inputs that produced no document (see the errors file).
    pub failed: u64,
    /// Input bytes read for the documents written.
    pub bytes: u64,
    /// Cells read (parse-only runs).
    pub cells: u64,
    /// The run was stopped by an interrupt before every input was taken.
    pub interrupted: bool,
}

impl Summary {
    pub fn add_document(&mut self, doc: &Document, bytes: usize) {
        self.documents += 1;
        self.bytes += bytes as u64;
        self.tables += doc.tables.len() as u64;
        for t in &doc.tables {
            self.records += t.indicators.len() as u64;
            self.repairs += t
                .indicators
                .iter()
                .map(|r| r.repairs.len() as u64)
                .sum::<u64>();
            self.unassigned += t.unassigned.len() as u64;
        }
        for d in &doc.diagnostics {
            match d.severity {
                Severity::Error => self.diag_errors += 1,
                Severity::Warning => self.diag_warnings += 1,
                Severity::Info => self.diag_infos += 1,
            }
        }
    }

    pub fn add_parsed(&mut self, bytes: usize, cells: usize) {
        self.documents += 1;
        self.bytes += bytes as u64;
        self.cells += cells as u64;
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} documents, {} tables, {} records, {} repairs, {} unassigned cells; \
             diagnostics: {} error, {} warning, {} info; {} skipped, {} failed",
            self.documents,
            self.tables,
            self.records,
            self.repairs,
            self.unassigned,
            self.diag_errors,
            self.diag_warnings,
            self.diag_infos,
            self.skipped,
            self.failed
        )?;
        if self.interrupted {
            write!(f, "; interrupted")?;
        }
        Ok(())
    }
}
