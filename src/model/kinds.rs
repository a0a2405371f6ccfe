//! The catalogues of stable codes: every repair a record can carry (`RepairKind`) and every
//! diagnostic a run can report (`DiagnosticKind`). Each variant owns its code string (what the
//! outputs print); a repair kind also owns the confidence a record keeps after it and whether it
//! changes a cell's text or only where the text stood. A new repair or diagnostic is one
//! variant here: the compiler then asks for its code and factor.

use serde::{Serialize, Serializer};

/// What a repair does to the source cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The text reads as printed; only which cell or field it belongs to changed.
    Layout,
    /// The text itself was changed (characters replaced or added).
    Text,
}

/// One kind of repair applied to a record (see `assemble::repair`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RepairKind {
    /// The row's cells stood one or more columns off the header's.
    CellShift,
    /// The value stood in a column past 指标值.
    ValueExtraColumn,
    /// The value stood alone on the row under its name.
    ValueNextRow,
    /// A name split across two cells, joined.
    NameSplit,
    /// A category label split across two cells, joined.
    LabelSplit,
    /// A category label spilled into the name's cell, taken off it.
    LabelSpill,
    /// Look-alike characters in a name (己/已), read as the known name.
    Lookalike,
    /// Look-alike characters in a name the vocabulary does not know, read where known text
    /// (the vocabulary's, the document's) settles them.
    LookalikeUnseen,
    /// Look-alike letters in a value's digits (`1O0%`), read as digits.
    LookalikeDigits,
    /// A literal `|` in a cell's text had split it; the parts were joined.
    PipeInCell,
    /// A name cut short, completed from a known or repeated name.
    NameCompleted,
    /// A value cut short, completed.
    ValueCompleted,
    /// A value glued to its name in one cell, split off.
    ValueGlued,
    /// A target printed in three cells (sign, number, unit), read as one value.
    ValueComposed,
    /// A value's unit or date tail spilled into the next cell, joined.
    ValueSplit,
    /// The category comes from the name's meaning, not from the printed label.
    CategoryFromMeaning,
    /// The category comes from the value's type (money per unit, a date …), not the label.
    CategoryFromValue,
    /// The category comes from the order of categories around the row, not its label.
    CategoryFromOrder,
    /// OCR page table: one cell held the lines of several rows; split, paired in order.
    RowMerge,
    /// OCR page table: a name's lines, or its value, stood on other rows; re-paired by order.
    RowSplit,
    /// OCR page table: a name printed over several lines, joined without the break's space.
    LineJoin,
    /// OCR page table: no value was left to pair with the name.
    ValueMissing,
    /// Printed in traditional script, read in simplified (the printed text stays in the source).
    ScriptConverted,
    /// A line with no cell delimiters was cut into cells at the form's words; the record's
    /// cells came from such a cut.
    TextCut,
}

impl RepairKind {
    /// Every kind, in catalogue order.
    pub const ALL: &[RepairKind] = &[
        RepairKind::CellShift,
        RepairKind::ValueExtraColumn,
        RepairKind::ValueNextRow,
        RepairKind::NameSplit,
        RepairKind::LabelSplit,
        RepairKind::LabelSpill,
        RepairKind::Lookalike,
        RepairKind::LookalikeDigits,
        RepairKind::LookalikeUnseen,
        RepairKind::PipeInCell,
        RepairKind::NameCompleted,
        RepairKind::ValueCompleted,
        RepairKind::ValueGlued,
        RepairKind::ValueComposed,
        RepairKind::ValueSplit,
        RepairKind::CategoryFromMeaning,
        RepairKind::CategoryFromValue,
        RepairKind::CategoryFromOrder,
        RepairKind::RowMerge,
        RepairKind::RowSplit,
        RepairKind::LineJoin,
        RepairKind::ValueMissing,
        RepairKind::ScriptConverted,
        RepairKind::TextCut,
    ];

    /// The stable code the outputs print.
    pub const fn code(self) -> &'static str {
        match self {
            RepairKind::CellShift => "cell_shift",
            RepairKind::ValueExtraColumn => "value_extra_column",
            RepairKind::ValueNextRow => "value_next_row",
            RepairKind::NameSplit => "name_split",
            RepairKind::LabelSplit => "label_split",
            RepairKind::LabelSpill => "label_spill",
            RepairKind::Lookalike => "lookalike",
            RepairKind::LookalikeDigits => "lookalike_digits",
            RepairKind::LookalikeUnseen => "lookalike_unseen",
            RepairKind::PipeInCell => "pipe_in_cell",
            RepairKind::NameCompleted => "name_completed",
            RepairKind::ValueCompleted => "value_completed",
            RepairKind::ValueGlued => "value_glued",
            RepairKind::ValueComposed => "value_composed",
            RepairKind::ValueSplit => "value_split",
            RepairKind::CategoryFromMeaning => "category_from_meaning",
            RepairKind::CategoryFromValue => "category_from_value",
            RepairKind::CategoryFromOrder => "category_from_order",
            RepairKind::RowMerge => "row_merge",
            RepairKind::RowSplit => "row_split",
            RepairKind::LineJoin => "line_join",
            RepairKind::ValueMissing => "value_missing",
            RepairKind::ScriptConverted => "script_converted",
            RepairKind::TextCut => "text_cut",
        }
    }

    /// The confidence a record keeps after this repair (calibrated: README "Confidence
    /// calibration"). Layout that is no damage (a target printed in three cells, a category
    /// read from meaning) keeps all of it.
    pub const fn factor(self) -> f64 {
        match self {
            RepairKind::CellShift | RepairKind::ValueExtraColumn => 0.99,
            RepairKind::LabelSplit | RepairKind::LabelSpill | RepairKind::NameSplit => 0.95,
            RepairKind::ValueSplit => 0.95,
            RepairKind::Lookalike | RepairKind::LookalikeDigits | RepairKind::PipeInCell => 0.95,
            RepairKind::LookalikeUnseen => 0.9,
            RepairKind::NameCompleted | RepairKind::ValueCompleted | RepairKind::ValueGlued => 0.9,
            RepairKind::ValueNextRow => 0.85,
            RepairKind::CategoryFromMeaning
            | RepairKind::CategoryFromValue
            | RepairKind::CategoryFromOrder
            | RepairKind::ValueComposed => 1.0,
            // the pairing's own doubt (line widths against the count) multiplies these
            RepairKind::RowMerge => 0.9,
            RepairKind::RowSplit => 0.85,
            RepairKind::LineJoin => 0.98,
            RepairKind::ValueMissing => 0.6,
            RepairKind::ScriptConverted => 0.99,
            // the cut's own ambiguity multiplies this
            RepairKind::TextCut => 0.98,
        }
    }

    /// Whether the repair changed the text or only where it stood.
    pub const fn effect(self) -> Effect {
        match self {
            RepairKind::Lookalike
            | RepairKind::LookalikeDigits
            | RepairKind::LookalikeUnseen
            | RepairKind::NameCompleted
            | RepairKind::ValueCompleted
            | RepairKind::ScriptConverted => Effect::Text,
            RepairKind::CellShift
            | RepairKind::ValueExtraColumn
            | RepairKind::ValueNextRow
            | RepairKind::NameSplit
            | RepairKind::LabelSplit
            | RepairKind::LabelSpill
            | RepairKind::PipeInCell
            | RepairKind::ValueGlued
            | RepairKind::ValueComposed
            | RepairKind::ValueSplit
            | RepairKind::CategoryFromMeaning
            | RepairKind::CategoryFromValue
            | RepairKind::CategoryFromOrder
            | RepairKind::RowMerge
            | RepairKind::RowSplit
            | RepairKind::LineJoin
            | RepairKind::ValueMissing
            | RepairKind::TextCut => Effect::Layout,
        }
    }
}

impl Serialize for RepairKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// One kind of diagnostic (README "Diagnostics" lists what each means).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiagnosticKind {
    DecodeInvalid,
    DecodeRadicals,
    LimitInputBytes,
    LimitCellChars,
    LimitRows,
    LimitCells,
    LimitColumns,
    LimitHtmlDepth,
    HtmlNestedTable,
    HtmlSpanClamped,
    HtmlUnclosedComment,
    CellScriptDropped,
    PipeJoined,
    TableNotAForm,
    InputEmpty,
    ReadText,
    ReadPlaceholder,
    ReadScript,
    StitchContinued,
    MetaNotANumber,
    MatchBelowThreshold,
    IndicatorDuplicate,
    ValueNotANumber,
    ValueUnitUnknown,
    ValuePercentOver100,
    FundsArithmetic,
    FundsCostMismatch,
    FundsDepartmentTotal,
    FundsCulprit,
    FundsCulpritAmbiguous,
    FundsCulpritSkipped,
    OcrPageTable,
}

impl DiagnosticKind {
    /// Every kind, in catalogue order.
    pub const ALL: &[DiagnosticKind] = &[
        DiagnosticKind::DecodeInvalid,
        DiagnosticKind::DecodeRadicals,
        DiagnosticKind::LimitInputBytes,
        DiagnosticKind::LimitCellChars,
        DiagnosticKind::LimitRows,
        DiagnosticKind::LimitCells,
        DiagnosticKind::LimitColumns,
        DiagnosticKind::LimitHtmlDepth,
        DiagnosticKind::HtmlNestedTable,
        DiagnosticKind::HtmlSpanClamped,
        DiagnosticKind::HtmlUnclosedComment,
        DiagnosticKind::CellScriptDropped,
        DiagnosticKind::PipeJoined,
        DiagnosticKind::TableNotAForm,
        DiagnosticKind::InputEmpty,
        DiagnosticKind::ReadText,
        DiagnosticKind::ReadPlaceholder,
        DiagnosticKind::ReadScript,
        DiagnosticKind::StitchContinued,
        DiagnosticKind::MetaNotANumber,
        DiagnosticKind::MatchBelowThreshold,
        DiagnosticKind::IndicatorDuplicate,
        DiagnosticKind::ValueNotANumber,
        DiagnosticKind::ValueUnitUnknown,
        DiagnosticKind::ValuePercentOver100,
        DiagnosticKind::FundsArithmetic,
        DiagnosticKind::FundsCostMismatch,
        DiagnosticKind::FundsDepartmentTotal,
        DiagnosticKind::FundsCulprit,
        DiagnosticKind::FundsCulpritAmbiguous,
        DiagnosticKind::FundsCulpritSkipped,
        DiagnosticKind::OcrPageTable,
    ];

    /// The stable code the outputs print.
    pub const fn code(self) -> &'static str {
        match self {
            DiagnosticKind::DecodeInvalid => "decode.invalid",
            DiagnosticKind::DecodeRadicals => "decode.radicals",
            DiagnosticKind::LimitInputBytes => "limit.input_bytes",
            DiagnosticKind::LimitCellChars => "limit.cell_chars",
            DiagnosticKind::LimitRows => "limit.rows",
            DiagnosticKind::LimitCells => "limit.cells",
            DiagnosticKind::LimitColumns => "limit.columns",
            DiagnosticKind::LimitHtmlDepth => "limit.html_depth",
            DiagnosticKind::HtmlNestedTable => "html.nested_table",
            DiagnosticKind::HtmlSpanClamped => "html.span_clamped",
            DiagnosticKind::HtmlUnclosedComment => "html.unclosed_comment",
            DiagnosticKind::CellScriptDropped => "cell.script_dropped",
            DiagnosticKind::PipeJoined => "pipe.joined",
            DiagnosticKind::TableNotAForm => "table.not_a_form",
            DiagnosticKind::InputEmpty => "input.empty",
            DiagnosticKind::ReadText => "read.text",
            DiagnosticKind::ReadPlaceholder => "read.placeholder",
            DiagnosticKind::ReadScript => "read.script",
            DiagnosticKind::StitchContinued => "stitch.continued",
            DiagnosticKind::MetaNotANumber => "meta.not_a_number",
            DiagnosticKind::MatchBelowThreshold => "match.below_threshold",
            DiagnosticKind::IndicatorDuplicate => "indicator.duplicate",
            DiagnosticKind::ValueNotANumber => "value.not_a_number",
            DiagnosticKind::ValueUnitUnknown => "value.unit_unknown",
            DiagnosticKind::ValuePercentOver100 => "value.percent_over_100",
            DiagnosticKind::FundsArithmetic => "funds.arithmetic",
            DiagnosticKind::FundsCostMismatch => "funds.cost_mismatch",
            DiagnosticKind::FundsDepartmentTotal => "funds.department_total",
            DiagnosticKind::FundsCulprit => "funds.culprit",
            DiagnosticKind::FundsCulpritAmbiguous => "funds.culprit_ambiguous",
            DiagnosticKind::FundsCulpritSkipped => "funds.culprit_skipped",
            DiagnosticKind::OcrPageTable => "ocr.page_table",
        }
    }
}

impl Serialize for DiagnosticKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_code_is_spelled_once() {
        let r: HashSet<&str> = RepairKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(r.len(), RepairKind::ALL.len());
        let d: HashSet<&str> = DiagnosticKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(d.len(), DiagnosticKind::ALL.len());
    }

    #[test]
    fn repair_factors_lower_or_keep_confidence() {
        for k in RepairKind::ALL {
            assert!(k.factor() > 0.0 && k.factor() <= 1.0, "{k:?}");
        }
        assert_eq!(RepairKind::ValueGlued.factor(), 0.9);
        assert_eq!(RepairKind::Lookalike.effect(), Effect::Text);
        assert_eq!(RepairKind::CellShift.effect(), Effect::Layout);
    }
}
