//! Page tables of an OCR table-structure engine (SLANet via RapidTable, PP-Structure, MinerU)
//! → clean forms. The document's blocks go in; out come the same blocks, except that each HTML
//! table that carries the engine's marks (the form's title inside the table, cells holding the
//! lines of several rows) is read again as the stream of its printed lines (`pieces`) and
//! replaced by a heading, a year line and a clean table in the standard layout: meta rows
//! (key | value), the header row, then one row per indicator (一级 | 二级 | 三级 | 指标值).
//! The engine keeps reading order but not the rows: names and values are paired in order
//! (`group`), which undoes both rows merged into one (`meta` `names`: two names in one cell) and
//! one row split over two (a name's lines on different rows). Each such record gets its repair
//! and a confidence that falls where the widths did not decide (`Fix`, applied after assembly).
//!
//! Before/after: `| 数量指标 培训场次 培训人 次 | ≥1场 ≥50人 |` → `| | 数量指标 | 培训场次 | ≥1场 |`,
//! `| | | 培训人次 | ≥50人 |`.

pub mod group;
pub mod indicators;
pub mod items;
pub mod labels;
pub mod layout;
pub mod meta;
pub mod pieces;

use crate::model::{
    Block, Diagnostic, DiagnosticKind, Diagnostics, Repair, RepairKind, Severity, Table,
};
use crate::vocab::Vocab;
use pieces::{Kind, Piece};

/// A repair made while reading a page table, for the record read from the cell it made.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub line: usize,
    pub col: usize,
    /// The text of the cell the repair made (the record's source text before this step).
    pub text: String,
    /// The printed lines it was made from, as the engine wrote them.
    pub printed: String,
    pub kind: RepairKind,
    pub reason: String,
    /// How sure the pairing was (1.0: the line widths agreed with the count); the kind's own
    /// factor multiplies it.
    pub sure: f64,
}

/// How many cells must show the engine's marks before a table without a title inside is read
/// as a page table.
const MIN_MARKED_CELLS: usize = 2;

/// Whether the stream shows an OCR page table: cells that hold the lines of several rows (two
/// values, a label with names, a key with values) — `MIN_MARKED_CELLS` of them, or one when the
/// form's title stands inside the table; a title inside a table whose header row is broken
/// over rows (no `whole_header`) or with a cell of several printed lines is enough.
fn is_page_table(ps: &[Piece], vocab: &Vocab) -> bool {
    // a title inside the table is common in hand-made HTML forms too: with it, one marked
    // cell or a header broken over rows is enough; without it, MIN_MARKED_CELLS
    let titled = ps.iter().take(6).any(|p| p.kind == Kind::Title);
    if titled && (!whole_header(ps, vocab) || wrapped(ps)) {
        return true;
    }
    let need = if titled { 1 } else { MIN_MARKED_CELLS };
    let mut marked = 0;
    let mut i = 0;
    while i < ps.len() {
        let cell = ps.get(i).map_or(0, |p| p.cell);
        let mut j = i;
        while ps.get(j).is_some_and(|p| p.cell == cell) {
            j += 1;
        }
        let c = ps.get(i..j).unwrap_or(&[]);
        let values = c
            .iter()
            .filter(|p| matches!(p.kind, Kind::Value | Kind::Money))
            .count();
        let labels = c
            .iter()
            .filter(|p| matches!(p.kind, Kind::Label(_)))
            .count();
        let keys = c.iter().filter(|p| matches!(p.kind, Kind::Key(_))).count();
        let texts = c.iter().filter(|p| p.kind == Kind::Text).count();
        if values >= 2 || (labels >= 1 && texts >= 1) || keys >= 2 {
            marked += 1;
        }
        i = j.max(i + 1);
    }
    marked >= need
}

/// Whether one grid row holds both the name (三级指标) and the value (指标值) header, as a
/// hand-made table's header row does (the engine tends to break it over two rows).
fn whole_header(ps: &[Piece], vocab: &Vocab) -> bool {
    use crate::model::ColumnRole;
    let mut row = usize::MAX;
    let (mut name, mut value) = (false, false);
    for p in ps
        .iter()
        .filter(|p| matches!(p.kind, Kind::Header | Kind::Text))
    {
        if p.row != row {
            row = p.row;
            (name, value) = (false, false);
        }
        match vocab.column_role(p.text.as_str()) {
            Some(ColumnRole::Name) => name = true,
            Some(ColumnRole::Value) => value = true,
            _ => {}
        }
        if name && value {
            return true;
        }
    }
    false
}

/// Whether a cell holds a word broken over printed lines: the engine's space between two
/// ideographs (`年度主要任 务`); a space after punctuation, around signs or between `key：text`
/// lines is no mark.
fn wrapped(ps: &[Piece]) -> bool {
    let ideograph = |c: Option<char>| c.is_some_and(|c| matches!(c as u32, 0x4E00..=0x9FFF));
    // a line holding a key and its text (`填报人：某 审核人：`) is printed so by hand too
    let field = |p: &Piece| p.text.contains(['：', ':']);
    ps.windows(2).any(|w| {
        matches!(w, [a, b] if a.cell == b.cell
            && !field(a) && !field(b)
            && ideograph(a.text.chars().next_back())
            && ideograph(b.text.chars().next()))
    })
}

/// Whether the cells can make a page table at all — a cheap, exact pre-check before the
/// stream is classified. `is_page_table` needs a title, or a cell holding several pieces; a cell
/// holds several only when its text has several printed lines, or when `pieces` segments a run
/// of short lines (≤ 3 characters each, consecutive in the stream) into keys.
fn may_be_page_table(rows: &[Vec<crate::model::Cell>], vocab: &Vocab) -> bool {
    let mut seen: rustc_hash::FxHashSet<(usize, usize)> = rustc_hash::FxHashSet::default();
    let mut prev_short = false;
    for cell in rows.iter().flatten() {
        let t = cell.text.trim();
        if t.is_empty() {
            continue;
        }
        // (a merged cell is read once, as `pieces::stream` reads it)
        let id = (cell.span.start, cell.span.end);
        if id != (0, 0) && !seen.insert(id) {
            continue;
        }
        if t.split_whitespace().nth(1).is_some() || vocab.form_kind(t).is_some() {
            return true;
        }
        let short = t.chars().count() <= 3;
        if short && prev_short {
            return true;
        }
        prev_short = short;
    }
    false
}

/// Reads the document's OCR page tables again (see the module doc); `fixes` gets the repairs.
pub fn relayout(
    blocks: Vec<Block>,
    vocab: &Vocab,
    diags: &mut Diagnostics,
    fixes: &mut Vec<Fix>,
) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        let Block::Table(grid) = b else {
            out.push(b);
            continue;
        };
        if grid.source != crate::model::GridSource::Html {
            out.push(Block::Table(grid));
            continue;
        }
        if !may_be_page_table(&grid.rows, vocab) {
            out.push(Block::Table(grid));
            continue;
        }
        let ps = pieces::stream(&grid.rows, vocab);
        if !is_page_table(&ps, vocab) {
            out.push(Block::Table(grid));
            continue;
        }
        let page = layout::lay_out(ps, &grid, vocab, fixes);
        diags.push(
            Diagnostic::new(
                DiagnosticKind::OcrPageTable,
                Severity::Info,
                format!(
                    "table at line {} read as an OCR page table: {} meta rows, {} indicator rows",
                    grid.span.line, page.meta_rows, page.indicator_rows
                ),
            )
            .at(grid.span),
        );
        out.extend(page.blocks);
    }
    out
}

/// Adds each fix to the record read from the cell it made, and keeps the printed text in the
/// record's source.
pub fn apply_fixes(tables: &mut [Table], fixes: &[Fix]) {
    if fixes.is_empty() {
        return;
    }
    for t in tables {
        for r in &mut t.indicators {
            let mut printed = None;
            for f in fixes.iter().filter(|f| {
                f.line == r.source.line && f.col == r.source.col && f.text == r.source.text
            }) {
                r.repairs.push(Repair::new(f.kind, f.reason.clone()));
                // rounded as `assemble::confidence` rounds
                let c = (r.confidence * f.kind.factor() * f.sure).clamp(0.0, 1.0);
                r.confidence = (c * 1000.0).round() / 1000.0;
                printed = Some(f.printed.clone());
            }
            if let Some(p) = printed {
                r.source.text = p;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Table;
    use crate::{Extractor, Vocab};

    /// The first table extracted from `html` with the embedded vocabulary.
    fn first_table(html: &str) -> Table {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let doc = Extractor::new(v).extract("x", html.as_bytes());
        doc.tables
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no table"))
    }

    /// Each record's name and value, in order.
    fn pairs(t: &Table) -> Vec<(&str, Option<&str>)> {
        t.indicators
            .iter()
            .map(|r| (r.name.as_str(), r.value.as_deref()))
            .collect()
    }

    #[test]
    fn a_page_table_with_merged_and_wrapped_rows_reads_as_its_records() {
        let html = "<html><body><table>\
            <tr><td colspan=4>项目支出绩效目标表 (2024年度)</td></tr>\
            <tr><td>项目名称</td><td colspan=3>乡村学校营养改善项目</td></tr>\
            <tr><td>主管部门及代码</td><td>[305]某县教育 局</td><td>实施单位</td><td>某县教育局</td></tr>\
            <tr><td>年度目标</td><td colspan=3>目标1：保障学生营养。</td></tr>\
            <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>\
            <tr><td>产出指标</td><td>数量指标</td><td>覆盖学校数量 培训教师人次</td><td>≥168所 ≥300人次</td></tr>\
            <tr><td></td><td></td><td>受助学生人 数</td><td>≥1200人</td></tr>\
            </table></body></html>";
        let t = &first_table(html);
        assert_eq!(t.year, Some(2024));
        assert_eq!(t.meta.project_name.as_deref(), Some("乡村学校营养改善项目"));
        assert_eq!(t.meta.department.as_deref(), Some("某县教育局"));
        assert_eq!(t.meta.department_code.as_deref(), Some("305"));
        let got = pairs(t);
        assert_eq!(
            got,
            [
                ("覆盖学校数量", Some("≥168所")),
                ("培训教师人次", Some("≥300人次")),
                ("受助学生人数", Some("≥1200人")),
            ]
        );
        let codes = |i: usize| -> Vec<&str> {
            t.indicators
                .get(i)
                .map(|r| r.repairs.iter().map(|x| x.code()).collect())
                .unwrap_or_default()
        };
        assert!(codes(0).contains(&"row_merge"), "{:?}", codes(0));
        assert!(codes(2).contains(&"line_join"), "{:?}", codes(2));
        // the printed lines stay in the source
        assert_eq!(
            t.indicators.get(2).map(|r| r.source.text.as_str()),
            Some("受助学生人 数")
        );
    }
    #[test]
    fn a_row_whose_columns_drifted_keeps_its_name_and_a_repeated_label_names_its_row() {
        // the third indicator row has an empty cell too many: its name stands in the column
        // where most values stand, its value one further right
        let html = "<html><body><table>\
            <tr><td colspan=4>项目支出绩效目标表 (2024年度)</td></tr>\
            <tr><td>项目名称</td><td colspan=3>乡村学校营养改善项目</td></tr>\
            <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>\
            <tr><td rowspan=3>产出指标</td><td>数量指标</td><td>培训场次 培训人次</td><td>≥12场 ≥300人次</td></tr>\
            <tr><td></td><td>覆盖学校数量</td><td>≥16所</td></tr>\
            <tr><td>质量指标</td><td></td><td>资金使用合规性</td><td>严格执行财经制度</td></tr>\
            <tr><td rowspan=2>效益指标</td><td>生态效益指标</td><td>生态效益指标</td><td>不适用</td></tr>\
            </table></body></html>";
        let t = &first_table(html);
        let got = pairs(t);
        assert_eq!(
            got,
            [
                ("培训场次", Some("≥12场")),
                ("培训人次", Some("≥300人次")),
                ("覆盖学校数量", Some("≥16所")),
                ("资金使用合规性", Some("严格执行财经制度")),
                ("生态效益指标", Some("不适用")),
            ]
        );
    }
    #[test]
    fn a_broken_project_source_is_found_by_the_vocabulary_wherever_it_stands() {
        // the source printed over two lines with another key between them, the unit's value
        // in the source's row
        let html = "<html><body><table>\
            <tr><td colspan=4>项目支出绩效目标表 (2024年度)</td></tr>\
            <tr><td>项目名称</td><td colspan=3>乡村学校营养改善项目</td></tr>\
            <tr><td>主管部门及代码</td><td>[305]某县教育局</td><td>实施单位</td><td></td></tr>\
            <tr><td>项目来源</td><td>上级转移支付项 项目期 目</td><td>某县第一中学</td><td>3年</td></tr>\
            <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>\
            <tr><td>产出指标</td><td>数量指标</td><td>覆盖学校数量</td><td>≥168所</td></tr>\
            </table></body></html>";
        let t = &first_table(html);
        assert_eq!(t.meta.project_source.as_deref(), Some("上级转移支付项目"));
        assert_eq!(t.meta.implementing_unit.as_deref(), Some("某县第一中学"));
    }
    #[test]
    fn a_stray_key_fragment_is_no_name_and_a_trend_phrase_is_a_value_of_its_own() {
        // `标` (a key's tail, broken into an indicator row of the key column) was a name and
        // shifted every later pair; `同比下降` was joined to the value above it
        let html = "<html><body><table>\
            <tr><td colspan=4>项目支出绩效目标表 (2024年度)</td></tr>\
            <tr><td>项目名称</td><td colspan=3>乡村学校营养改善项目</td></tr>\
            <tr><td>年度总体目标</td><td colspan=3>目标1：保障学生营养。</td></tr>\
            <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>\
            <tr><td>产出指标</td><td>数量指标</td><td>覆盖学校数量</td><td>≥168所</td></tr>\
            <tr><td>标</td><td></td><td>培训教师人次</td><td>≥300人次 同比下降</td></tr>\
            <tr><td>效益指标</td><td>社会效益指标</td><td>学生营养不良发生率</td><td></td></tr>\
            </table></body></html>";
        let t = &first_table(html);
        let got = pairs(t);
        assert_eq!(
            got,
            [
                ("覆盖学校数量", Some("≥168所")),
                ("培训教师人次", Some("≥300人次")),
                ("学生营养不良发生率", Some("同比下降")),
            ]
        );
        // kept outside the records (the rows above the header: a task row here)
        let kept = serde_json::to_string(&(&t.meta, &t.unassigned)).unwrap_or_default();
        assert!(kept.contains("\"标\""), "the fragment is kept: {kept}");
    }
    #[test]
    fn a_name_in_a_label_cell_is_the_lower_row_and_names_out_of_order_follow_their_values() {
        // row 4: the merged 成本指标 cell holds the LOWER row's name (项目总成本) beside the
        // upper row's; row 5: the engine printed 沿线群众满意度 before the name whose value
        // (a phrase) comes first, and a satisfaction takes the %
        let html = "<html><body><table>\
            <tr><td colspan=4>项目支出绩效目标表 (2024年度)</td></tr>\
            <tr><td>项目名称</td><td colspan=3>乡村道路养护项目</td></tr>\
            <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>\
            <tr><td>产出指标</td><td>数量指标</td><td>养护道路里程</td><td>≥120公里</td></tr>\
            <tr><td></td><td>成本指标 项目总成本</td><td>每公里养护补助</td><td>≤0.6万元 ≤90万元</td></tr>\
            <tr><td>效益指标</td><td>满意度指标</td><td>沿线群众满意度 道路通行条件</td><td>明显改善 ≥92%</td></tr>\
            </table></body></html>";
        let t = &first_table(html);
        let got = pairs(t);
        assert!(
            got.contains(&("每公里养护补助", Some("≤0.6万元"))),
            "{got:?}"
        );
        assert!(got.contains(&("项目总成本", Some("≤90万元"))), "{got:?}");
        assert!(got.contains(&("道路通行条件", Some("明显改善"))), "{got:?}");
        assert!(got.contains(&("沿线群众满意度", Some("≥92%"))), "{got:?}");
        let swapped = t.indicators.iter().find(|r| r.name == "沿线群众满意度");
        assert!(
            swapped.is_some_and(|r| r.repairs.iter().any(|f| f.reason.contains("out of order"))),
            "the swap is a visible repair"
        );
    }
    #[test]
    fn a_unit_of_the_same_place_after_the_coded_department_is_the_implementing_unit() {
        // the engine put the unit's line into the department's cell: it opens with the
        // department's place name, so it is no continuation of the department
        let html = "<html><body><table>\
            <tr><td colspan=4>项目支出绩效目标表 (2024年度)</td></tr>\
            <tr><td>项目名称</td><td colspan=3>乡村学校营养改善项目</td></tr>\
            <tr><td>主管部门及代码</td><td colspan=3>[305]石桥县教育局 石桥县第一中学</td></tr>\
            <tr><td>实施单位 项目来源</td><td>本级申报项目</td><td>项目期</td><td>3年</td></tr>\
            <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>\
            <tr><td>产出指标</td><td>数量指标</td><td>覆盖学校数量</td><td>≥168所</td></tr>\
            </table></body></html>";
        let t = &first_table(html);
        assert_eq!(t.meta.department.as_deref(), Some("石桥县教育局"));
        assert_eq!(t.meta.implementing_unit.as_deref(), Some("石桥县第一中学"));
    }
    #[test]
    fn a_department_sum_row_whose_amounts_the_engine_merged_with_a_task_row_keeps_them_apart() {
        // regression (corpus/ocr4 jiguan-department g1, corpus/ocr eco-2024-03 …): the sum's
        // 总额 and 财政拨款 share cells with the last task's, and the task's 其他资金 0.00 follows
        // them, so the last three amounts printed are 1160.02 0.00 0.00 — read as fiscal 0
        let html = "<html><body><table>\
            <tr><td colspan=5>部门（单位）整体支出绩效目标申报表 (2025年度)</td></tr>\
            <tr><td>部门（单位）名称</td><td colspan=4>某区机关事务管理局</td></tr>\
            <tr><td>任务名称</td><td>主要内容</td><td>总额</td><td>财政拨款</td><td>其他资金</td></tr>\
            <tr><td>公务用车运行保障经费</td><td>保障公务出行</td><td>374.80</td><td>374.80</td><td>0.00</td></tr>\
            <tr><td>办公用房维修 金额合计</td><td>消除安全隐患</td><td>785.22 1160.02</td><td>785.22 1160.02</td><td>0.00</td><td>0.00</td></tr>\
            <tr><td>年度总体目标</td><td colspan=4>全面完成年度各项工作目标。</td></tr>\
            <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>\
            <tr><td>产出指标</td><td>数量指标</td><td>保障公务出行车次</td><td>≥5200车次</td></tr>\
            </table></body></html>";
        let t = &first_table(html);
        use crate::model::MetaKey;
        assert_eq!(t.meta.amount(MetaKey::FundsTotal), Some(1160.02));
        assert_eq!(t.meta.amount(MetaKey::FundsFiscal), Some(1160.02));
        assert_eq!(t.meta.amount(MetaKey::FundsOther), Some(0.0));
    }
}
