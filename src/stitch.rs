//! Blocks → forms. Headings, paragraphs and table grids go in, in document order; out come the
//! forms: each a run of table rows with the title and year printed before it. A table continued
//! after a page break (blank lines, a page number, a running heading between the parts, a
//! repeated header row or none) is joined to the form before it; a table whose first rows
//! start a new form (a project-name or department-name key) begins a new one, so two adjacent forms stay apart.
//! Before that, each pipe table's cells split by a `|` of their own text are joined again
//! (`pipe_join`, here: stitching is its only caller); the form keeps the joins so its records can say so.
//! A table that holds several forms back to back, or a list of many projects, is cut into
//! one segment per form first (`split`).

mod pipe_join;
pub mod split;

pub use pipe_join::PipeJoin;

use crate::model::{
    Block, ColumnRole, Diagnostic, DiagnosticKind, Diagnostics, MetaKey, Severity, Span, TableKind,
};
use crate::vocab::classify::Typed;
use crate::vocab::{MetaField, Vocab};
use pipe_join::join_literal_pipes;
use regex::Regex;
use std::sync::OnceLock;

/// One form's rows before classification.
#[derive(Debug, Clone, PartialEq)]
pub struct RawForm {
    pub title: Option<String>,
    pub kind_hint: Option<TableKind>,
    pub year: Option<i32>,
    /// The form's rows, each cell typed (`vocab::classify`).
    pub rows: Vec<Vec<Typed>>,
    pub line: usize,
    /// How many source tables were joined into this form.
    pub parts: usize,
    /// Cells of its rows that a literal `|` had split and that were joined again.
    pub pipe_joins: Vec<PipeJoin>,
}

/// How many leading non-empty rows are looked at to decide whether a table starts a form.
const FORM_START_ROWS: usize = 3;

/// How many of the form's words (category labels, indicator-block header words, meta keys) a
/// table with no form title before it and no form-starting key must hold to be read as a form.
/// Values alone (`5元`, `≥90%`) are no evidence: a price list is full of them.
const MIN_FORM_WORDS: usize = 2;

fn year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"((?:19|20)[0-9]{2})\s*年")
            .unwrap_or_else(|e| unreachable!("static regex: {e}"))
    })
}

/// A form title without the year it prints (`某某表 (2031年度)` → `某某表`):
/// the year is the table's `year`.
fn title_without_year(text: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"[(（]?\s*(?:19|20)[0-9]{2}\s*年度?\s*[)）]?")
            .unwrap_or_else(|e| unreachable!("static regex: {e}"))
    });
    if year_in(text).is_none() {
        return text.to_string();
    }
    re.replace_all(text, "").trim().to_string()
}

/// The year a title or subtitle names (`(2031 年度)` → 2031).
pub fn year_in(text: &str) -> Option<i32> {
    let read = |t: &str| {
        year_re()
            .captures(t)
            .and_then(|c| c.get(1))
            .and_then(|m| m.as_str().parse().ok())
    };
    // text of ASCII and CJK ideographs only is its own NFKC form: a year there needs an ASCII
    // digit and 年 (most paragraphs have neither), and no normalised copy
    if text.chars().all(crate::normalize::is_nfkc_stable) {
        if !text.contains('年') || !text.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        return read(text);
    }
    let t: String = unicode_normalization::UnicodeNormalization::nfkc(text).collect();
    read(&t)
}

/// Whether a table's first rows start a new form (a 项目名称 or 部门名称 key), and whether that
/// key opens its row (a form prints `项目名称 | …`; a listing prints `序号 | 乡镇 | 项目名称 | 金额`).
/// A 项目名称 among those rows makes a project form even below a department-name row.
fn starts_form(rows: &[Vec<Typed>], vocab: &Vocab) -> Option<(TableKind, bool)> {
    let mut first = None;
    for row in rows
        .iter()
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .take(FORM_START_ROWS)
    {
        for (i, cell) in row.iter().filter(|c| !c.is_empty()).enumerate() {
            let kind = match vocab.meta_key(cell) {
                // a 项目名称 makes a project form, wherever the department row stands
                Some(MetaField::Field(MetaKey::ProjectName)) => {
                    return Some((TableKind::Project, i == 0))
                }
                Some(MetaField::Field(MetaKey::Department)) => vocab.form_of_department_key(cell),
                _ => continue,
            };
            first = first.or(Some((kind, i == 0)));
        }
    }
    first
}

/// Whether a table looks like part of an indicator block (some cell is a category label, a
/// header word or a value), so it may continue a form.
fn looks_like_indicators(rows: &[Vec<Typed>], vocab: &Vocab) -> bool {
    rows.iter()
        .flatten()
        .filter(|c| !c.is_empty())
        .any(|c| vocab.label(c).is_some() || vocab.is_header(c) || vocab.value_class(c).is_value())
}

/// Whether some cell of the rows is a meta key (`年度目标`, `资金总额`).
fn has_meta_key(rows: &[Vec<Typed>], vocab: &Vocab) -> bool {
    rows.iter()
        .flatten()
        .filter(|c| !c.is_empty())
        .any(|c| vocab.meta_key(c).is_some())
}

/// Whether some cell of the rows belongs to an indicator block: a category label or a header
/// word.
fn has_block_words(rows: &[Vec<Typed>], vocab: &Vocab) -> bool {
    rows.iter()
        .flatten()
        .filter(|c| !c.is_empty())
        .any(|c| vocab.label(c).is_some() || vocab.is_header(c))
}

/// Whether some cell of the rows is a category label or names a column of an indicator
/// block (一级指标, 三级指标, 指标值 …; not 备注 or 分值, which listings print too).
fn has_indicator_columns(rows: &[Vec<Typed>], vocab: &Vocab) -> bool {
    rows.iter().flatten().filter(|c| !c.is_empty()).any(|c| {
        vocab.label(c).is_some() || vocab.column_role(c).is_some_and(ColumnRole::is_content)
    })
}

/// How many cells of the table are the form's words, counted up to `MIN_FORM_WORDS`: category
/// labels and header words (where an indicator block prints them) and meta keys.
fn form_words(rows: &[Vec<Typed>], vocab: &Vocab) -> usize {
    rows.iter()
        .flatten()
        .filter(|c| !c.is_empty())
        .filter(|c| vocab.label(c).is_some() || vocab.is_header(c) || vocab.meta_key(c).is_some())
        .take(MIN_FORM_WORDS)
        .count()
}

/// What a unit note printed above a table says its amounts are in: `单位：元`, `（金额单位：元）`
/// → in 元 (`true`); `单位：万元` → not (`false`); any other text → `None`.
fn unit_note(text: &str) -> Option<bool> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '（' | '）'))
        .collect();
    let unit = t
        .strip_prefix("金额单位")
        .or_else(|| t.strip_prefix("单位"))?
        .strip_prefix([':', '：'])?;
    match unit {
        "元" => Some(true),
        "万元" => Some(false),
        _ => None,
    }
}

/// Groups blocks into forms (see the module doc).
pub fn stitch(blocks: Vec<Block>, vocab: &Vocab, diags: &mut Diagnostics) -> Vec<RawForm> {
    let mut st = Stitching::default();
    for block in blocks {
        match block {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => {
                if let Some(kind) = vocab.form_kind(&text) {
                    st.title = Some((title_without_year(&text), Some(kind)));
                } else if let Some((t, kind)) = split::title_text(&text, vocab) {
                    st.title = Some((title_without_year(&t), kind));
                }
                if let Some(y) = year_in(&text) {
                    st.year = Some(y);
                }
                if let Some(yuan) = unit_note(&text) {
                    st.in_yuan = yuan;
                }
            }
            Block::Table(mut grid) => {
                let joins = join_literal_pipes(&mut grid, vocab);
                if grid.rows.iter().flatten().all(|c| c.is_empty()) {
                    continue;
                }
                let rows = split::typed(std::mem::take(&mut grid.rows), vocab);
                let segments = split::split(rows, vocab, std::mem::take(&mut st.in_yuan));
                let several = segments.len() > 1;
                // the title and year a list table's projects share
                let mut listed: Option<(Option<split::Title>, Option<i32>)> = None;
                for seg in segments {
                    if seg.listed {
                        match &listed {
                            Some((t, y)) => {
                                st.title = t.clone();
                                st.year = *y;
                            }
                            None => listed = Some((st.title.clone(), st.year)),
                        }
                    }
                    let joins: Vec<PipeJoin> = if several {
                        let starts: Vec<usize> = seg
                            .rows
                            .iter()
                            .flatten()
                            .map(|c| c.cell.span.start)
                            .collect();
                        joins
                            .iter()
                            .filter(|j| starts.contains(&j.span.start))
                            .cloned()
                            .collect()
                    } else {
                        joins.clone()
                    };
                    let own_title = seg.title.is_some();
                    if let Some(t) = seg.title {
                        st.title = Some(t);
                    }
                    if let Some(y) = seg.year {
                        st.year = Some(y);
                    }
                    // a form cut from the table starts where its first cell stands
                    let span = match seg.rows.iter().flatten().find(|c| !c.is_empty()) {
                        Some(c) if several => c.cell.span,
                        _ => grid.span,
                    };
                    let new_form = seg.starts_form || own_title;
                    st.add_table(seg.rows, new_form, joins, span, vocab, diags);
                }
            }
        }
    }
    st.forms
}

/// The forms so far, and the title and year printed since the last table.
#[derive(Default)]
struct Stitching {
    forms: Vec<RawForm>,
    title: Option<split::Title>,
    year: Option<i32>,
    /// A unit note (`单位：元`) printed since the last table: the next table's amounts are in 元.
    in_yuan: bool,
}

impl Stitching {
    /// Adds one table (or one form's segment of it): it continues the last form, or starts a
    /// new one (`new_form`: it was cut from a table as a form of its own).
    fn add_table(
        &mut self,
        rows: Vec<Vec<Typed>>,
        new_form: bool,
        joins: Vec<PipeJoin>,
        span: Span,
        vocab: &Vocab,
        diags: &mut Diagnostics,
    ) {
        if rows.iter().flatten().all(|c| c.is_empty()) {
            return;
        }
        let (meta, block) = (has_meta_key(&rows, vocab), has_block_words(&rows, vocab));
        let opened = starts_form(&rows, vocab);
        let start = opened.map(|(kind, _)| kind);
        // the form's meta printed below its indicators, as a table of its own: it joins the
        // form above when that one printed indicators and no meta at all
        if !new_form && self.title.is_none() && meta && !block {
            if let Some(form) = self
                .forms
                .last_mut()
                .filter(|f| has_block_words(&f.rows, vocab) && !has_meta_key(&f.rows, vocab))
            {
                diags.push(
                    Diagnostic::new(
                        DiagnosticKind::StitchContinued,
                        Severity::Info,
                        format!(
                            "table at line {} holds the meta of the form that starts at line {} \
                             (printed below its indicators)",
                            span.line, form.line
                        ),
                    )
                    .at(span),
                );
                form.rows.splice(0..0, rows);
                form.parts += 1;
                form.pipe_joins.extend(joins);
                self.year = None;
                return;
            }
        }
        // a meta block cut by a line that is no table row (`资金情况（万元） |`): a table of
        // meta keys continues a form that has not reached its indicator block yet
        let meta_goes_on = meta
            && !block
            && self
                .forms
                .last()
                .is_some_and(|f| !has_block_words(&f.rows, vocab));
        let continues = !new_form
            && start.is_none()
            && !self.forms.is_empty()
            && (looks_like_indicators(&rows, vocab) || meta_goes_on);
        if continues {
            if let Some(form) = self.forms.last_mut() {
                diags.push(
                    Diagnostic::new(
                        DiagnosticKind::StitchContinued,
                        Severity::Info,
                        format!(
                            "table at line {} continues the form that starts at line {}",
                            span.line, form.line
                        ),
                    )
                    .at(span),
                );
                form.rows.extend(rows);
                form.parts += 1;
                form.pipe_joins.extend(joins);
            }
            // a running heading between the parts (the form title, perhaps with a year)
            // belongs to the form it repeats: neither its title nor its year carries over
            // to the next form
            self.title = None;
            self.year = None;
            return;
        }
        if let Some(why) = self.not_a_form(&rows, opened, vocab) {
            diags.push(
                Diagnostic::new(
                    DiagnosticKind::TableNotAForm,
                    Severity::Warning,
                    format!(
                        "table at line {} ({} rows) {why}; skipped",
                        span.line,
                        rows.len()
                    ),
                )
                .at(span),
            );
            return;
        }
        let (t, kind_hint) = match self.title.take() {
            Some((t, k)) => (Some(t), k.or(start)),
            None => (None, start),
        };
        self.forms.push(RawForm {
            title: t,
            kind_hint,
            year: self.year.take(),
            rows,
            line: span.line,
            parts: 1,
            pipe_joins: joins,
        });
    }

    /// Why a table that starts no form and continues none is no form, if it is none: a
    /// listing that names projects in a column (an allocation table: 序号 | 乡镇 | 项目名称 | 金额)
    /// with no title and no indicator block, or a table with no title and no form-starting key
    /// holding fewer than `MIN_FORM_WORDS` of the form's words.
    fn not_a_form(
        &self,
        rows: &[Vec<Typed>],
        opened: Option<(TableKind, bool)>,
        vocab: &Vocab,
    ) -> Option<String> {
        if self.title.is_some() {
            return None;
        }
        if opened.is_some_and(|(_, leads)| !leads) && !has_indicator_columns(rows, vocab) {
            return Some(
                "lists projects in a column, with no title and no indicator block: no \
                 performance-target form"
                    .to_string(),
            );
        }
        if opened.is_none() && form_words(rows, vocab) < MIN_FORM_WORDS {
            return Some(format!(
                "is not a performance-target form (fewer than {MIN_FORM_WORDS} of its words: \
                 category labels, header words, meta keys)"
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::blocks;

    fn forms(text: &str) -> Vec<RawForm> {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let mut d = Vec::new();
        stitch(blocks(text, &mut d), &v, &mut d)
    }

    #[test]
    fn unit_notes_name_the_amounts_unit() {
        assert_eq!(unit_note("单位：元"), Some(true));
        assert_eq!(unit_note("（金额单位: 元）"), Some(true));
        assert_eq!(unit_note("单位：万元"), Some(false));
        assert_eq!(unit_note("单位：青岚市档案馆"), None);
    }

    #[test]
    fn page_break_continuation_is_joined() {
        let f = forms(
            "# 项目支出绩效目标表\n(2024年度)\n\n| 项目名称 | X |\n| | 产出指标 | 数量指标 | 培训场次 | ≥1场 |\n\n- 2 -\n\n| | | | 培训人次 | ≥5人 |\n",
        );
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].rows.len(), f[0].parts, f[0].year), (3, 2, Some(2024)));
        assert_eq!(f[0].kind_hint, Some(TableKind::Project));
    }

    #[test]
    fn running_heading_between_parts_is_joined_and_forgotten() {
        let f = forms(
            "# 项目支出绩效目标表\n\n| 项目名称 | X |\n| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| | 产出指标 | 数量指标 | 培训场次 | ≥1场 |\n\n# 项目支出绩效目标表\n\n| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| | | | 培训人次 | ≥5人 |\n\n2031年度项目支出绩效目标表\n\n| | | | 培训天数 | ≥2天 |\n\n# 项目支出绩效目标表\n\n| 项目名称 | Y |\n| | 产出指标 | 数量指标 | b | 2个 |\n",
        );
        assert_eq!(f.len(), 2);
        assert_eq!((f[0].parts, f[0].rows.len()), (3, 6));
        // the second form prints no year: the running heading's year is not its
        assert_eq!((f[1].parts, f[1].year), (1, None));
        assert!(f[1].title.is_some());
    }

    #[test]
    fn meta_printed_below_the_indicators_joins_their_form() {
        let f = forms("| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| 产出指标 | 数量指标 | a | 1个 |\n\n项目基本信息\n\n| 项目名称 | A |\n| 主管部门 | B |\n");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].parts, f[0].rows.len()), (2, 4));
        // the meta rows come first, as the form prints them elsewhere
        assert_eq!(f[0].rows[0].first().map(Typed::text), Some("项目名称"));
        // a form that has its meta keeps it: the next table of meta is a new form
        let f = forms("| 项目名称 | A |\n| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| 产出指标 | 数量指标 | a | 1个 |\n\n| 项目名称 | B |\n");
        assert_eq!(f.len(), 2);
    }

    #[test]
    fn a_meta_block_cut_by_a_non_table_line_goes_on() {
        let f = forms("| 项目名称 | A |\n| 资金总额 | 80 |\n\n总 体 目 标\n\n| 年度目标 | |\n| 建设一处广场。 | |\n\n| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| 产出指标 | 数量指标 | a | 1个 |\n");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].parts, 3);
    }

    #[test]
    fn a_footnote_naming_the_forms_words_is_no_form() {
        let f = forms("| 项目名称 | A |\n| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| 产出指标 | 数量指标 | a | 1个 |\n\n注：一级指标分值统一设置为：产出指标60分、效益指标20分、满意度指标10分。\n");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].parts, f[0].rows.len()), (1, 3));
    }

    #[test]
    fn adjacent_forms_stay_apart() {
        let f = forms("| 项目名称 | A |\n| | 产出指标 | 数量指标 | a | 1个 |\n\n| 项目名称 | B |\n| | 产出指标 | 数量指标 | b | 2个 |\n");
        assert_eq!(f.len(), 2);
    }

    #[test]
    fn a_listing_of_projects_is_no_form_the_form_after_it_is() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let mut d = Vec::new();
        let b = blocks(
            "| 序号 | 乡镇 | 项目名称 | 补助金额 | 备注 |\n| 1 | 东岭镇 | 村道养护 | 30 | |\n\
             | 合计 | | | 30 | |\n\n| 项目名称 | 村道养护 |\n| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n\
             | 产出指标 | 数量指标 | 养护里程 | 18公里 |\n",
            &mut d,
        );
        let f = stitch(b, &v, &mut d);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(d.iter().any(|d| d.code() == "table.not_a_form"));
    }

    #[test]
    fn unrelated_table_is_skipped_with_a_diagnostic() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let mut d = Vec::new();
        let b = blocks("| 姓名 | 电话 |\n| 张三 | 李四 |\n", &mut d);
        assert!(stitch(b, &v, &mut d).is_empty());
        assert!(d.iter().any(|d| d.code() == "table.not_a_form"));
    }

    #[test]
    fn year_from_subtitle() {
        assert_eq!(year_in("(2024 年度)"), Some(2024));
        assert_eq!(year_in("（２０２３年度）"), Some(2023));
        assert_eq!(year_in("附件"), None);
        assert_eq!(year_in("2024"), None, "a year is followed by 年");
        assert_eq!(year_in("第 3 页，共 2024 年"), Some(2024));
    }
}
