//! The cuts the segmenter made where no delimiter stood (`产出指标数量指标学校改造覆盖率100%`),
//! carried to the records they affect. The segmenter records each such cut (`Cuts::add`: the
//! cells on either side and what decided it); after assembly `apply` gives every record whose
//! name or value cell touches a cut a `text_cut` repair that names each cut and its evidence,
//! and lowers its confidence by the cut's doubt (`Why::sure`): a cut at one of the form's words
//! is certain, one at the value grammar nearly so, one at a qualitative phrase or at the first
//! digit of a piece could have fallen elsewhere.

use crate::model::{Record, Repair, RepairKind, Table};
use rustc_hash::FxHashMap;

/// What decided where a cell starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Whitespace (a delimiter: no repair).
    Space,
    /// One of the form's words (a label, a meta key, a header word) starts or ends here.
    Word,
    /// A value read backward from the piece's end: operator, number, unit.
    Value,
    /// A listed qualitative phrase runs to the piece's end.
    Phrase,
    /// A known indicator name ends here.
    Name,
    /// The piece's first digit, after a name's character (`验收时间6月底前`).
    Digit,
    /// A word that opens a qualitative target (`持续`, `较上年`), the rest short.
    Opener,
}

impl Why {
    /// How sure the cut is: where else it could have fallen.
    pub fn sure(self) -> f64 {
        match self {
            Why::Space | Why::Word => 1.0,
            Why::Value => 0.97,
            Why::Name => 0.95,
            Why::Phrase => 0.9,
            Why::Digit => 0.8,
            Why::Opener => 0.8,
        }
    }

    fn evidence(self) -> &'static str {
        match self {
            Why::Space => "a space",
            Why::Word => "a form word",
            Why::Value => "the value grammar",
            Why::Name => "a known name",
            Why::Phrase => "a listed qualitative phrase",
            Why::Digit => "the first digit, no operator or unit",
            Why::Opener => "a word opening a qualitative target",
        }
    }
}

/// One cut with no delimiter: the text on either side of it and what decided it.
#[derive(Debug, Clone)]
struct Cut {
    left: String,
    right: String,
    why: Why,
}

/// The cuts of a document, and for each cell (line, column) the cuts at its edges.
#[derive(Debug, Default)]
pub struct Cuts {
    cuts: Vec<Cut>,
    cells: FxHashMap<(usize, usize), Vec<usize>>,
}

impl Cuts {
    /// Records a cut between the cell at `left_at` (text `left`) and the one at `right_at`.
    pub fn add(
        &mut self,
        (left_at, left): ((usize, usize), &str),
        (right_at, right): ((usize, usize), &str),
        why: Why,
    ) {
        if why == Why::Space {
            return;
        }
        let id = self.cuts.len();
        self.cuts.push(Cut {
            left: left.to_string(),
            right: right.to_string(),
            why,
        });
        self.cells.entry(left_at).or_default().push(id);
        self.cells.entry(right_at).or_default().push(id);
    }

    pub fn is_empty(&self) -> bool {
        self.cuts.is_empty()
    }

    /// Gives each record whose name or value cell touches a cut its `text_cut` repair.
    pub fn apply(&self, tables: &mut [Table]) {
        if self.cuts.is_empty() {
            return;
        }
        for t in tables {
            for r in &mut t.indicators {
                self.apply_record(r);
            }
        }
    }

    fn apply_record(&self, r: &mut Record) {
        let mut ids: Vec<usize> = Vec::new();
        let mut at = vec![(r.source.line, r.source.col)];
        if let Some(v) = &r.value_source {
            at.push((v.line, v.col));
        }
        for a in at {
            ids.extend(self.cells.get(&a).into_iter().flatten());
        }
        ids.sort_unstable();
        ids.dedup();
        let cuts: Vec<&Cut> = ids.iter().filter_map(|&i| self.cuts.get(i)).collect();
        if cuts.is_empty() {
            return;
        }
        let sure: f64 = cuts.iter().map(|c| c.why.sure()).product();
        let list: Vec<String> = cuts
            .iter()
            .map(|c| format!("`{}`|`{}` at {}", c.left, c.right, c.why.evidence()))
            .collect();
        let kind = RepairKind::TextCut;
        r.repairs.push(Repair::new(
            kind,
            format!(
                "cut where the line had no cell delimiter: {}",
                list.join(", ")
            ),
        ));
        // rounded as `assemble::confidence` rounds
        let c = (r.confidence * kind.factor() * sure).clamp(0.0, 1.0);
        r.confidence = (c * 1000.0).round() / 1000.0;
    }
}
