//! The OCR tools' own JSON: decoded text that is a MinerU content list
//! (`*_content_list.json`: a flat list of items in reading order — `text` items with an
//! optional `text_level`, `table` items whose `table_body` is HTML — each with a 0-based
//! `page_idx`) or a docling `DoclingDocument` (`body.children` referring to `texts`, `groups`
//! and `tables` in reading order; a table's `data.table_cells` with row/column offsets and
//! spans; `prov[].page_no`, 1-based) goes in. Out come the blocks the Markdown and HTML readers
//! make — headings, paragraphs, tables as grids with merged cells expanded — in document order,
//! each cell's span at its text in the JSON file, and the 1-based page of each table (`Pages`),
//! which the pipeline writes into the records' `source.page`. Detection is by content: only a
//! text whose first character is `[` or `{` is parsed, and only the two shapes are taken; any
//! other JSON (or a Markdown file that opens with a link) is read as before.

use super::cell_text::clean_cell;
use super::html::html_grids;
use crate::limits::{clamp_blocks, Limits};
use crate::model::{Block, Cell, Diagnostics, Grid, GridSource, Span};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::HashSet;

/// Which tool wrote the JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    MinerU,
    Docling,
}

/// The 1-based page of each table, by the lines its cells stand on: `(first line, last line,
/// page)`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pages(Vec<(usize, usize, u32)>);

impl Pages {
    /// The page of the table whose cells include line `line`.
    pub fn at(&self, line: usize) -> Option<u32> {
        self.0
            .iter()
            .find(|(first, last, _)| (*first..=*last).contains(&line))
            .map(|(_, _, p)| *p)
    }
}

/// What the reader made of an OCR tool's JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolJson {
    pub tool: Tool,
    pub blocks: Vec<Block>,
    pub pages: Pages,
}

/// Reads `text` as a MinerU content list or a DoclingDocument; `None` when it is neither.
pub fn read(text: &str, limits: &Limits, diags: &mut Diagnostics) -> Option<ToolJson> {
    let first = text.trim_start().as_bytes().first()?;
    let mut out = match first {
        b'[' => mineru(text, limits, diags)?,
        b'{' => docling(text, limits)?,
        _ => return None,
    };
    clamp_blocks(&mut out.blocks, limits, diags);
    Some(out)
}

/// Line and column (1-based, columns in characters) of byte offsets: the line starts are
/// found once (one pass), a position is a binary search and a count within its line.
struct Lines<'a> {
    text: &'a str,
    /// byte offset of the start of each line after the first
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text,
            starts: memchr::memchr_iter(b'\n', text.as_bytes())
                .map(|i| i + 1)
                .collect(),
        }
    }

    fn span(&mut self, at: usize, len: usize) -> Span {
        let line = self.starts.partition_point(|&s| s <= at);
        let from = if line == 0 {
            0
        } else {
            self.starts.get(line - 1).copied().unwrap_or(0)
        };
        let col = 1 + self.text.get(from..at).map_or(0, |p| p.chars().count());
        Span {
            line: line + 1,
            col,
            start: at,
            end: at + len,
        }
    }

    /// The span of a raw JSON value of the text.
    fn of(&mut self, raw: &RawValue) -> Span {
        let s = raw.get();
        let at = (s.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        self.span(at, s.len())
    }
}

/// A raw JSON string value's text (`None` for any other value).
fn string(raw: &RawValue) -> Option<String> {
    serde_json::from_str::<String>(raw.get()).ok()
}

/// Plain text (docling's) as cell text: a `<` or `&` in it is text, not markup.
fn clean_plain(text: &str) -> String {
    if text.contains(['<', '&']) {
        clean_cell(&text.replace('&', "&amp;").replace('<', "&lt;"))
    } else {
        clean_cell(text)
    }
}

#[derive(Deserialize)]
struct MinerUItem<'a> {
    #[serde(rename = "type")]
    kind: String,
    #[serde(borrow, default)]
    text: Option<&'a RawValue>,
    #[serde(default)]
    text_level: Option<u32>,
    #[serde(borrow, default)]
    table_body: Option<&'a RawValue>,
    #[serde(default)]
    table_caption: Option<Vec<String>>,
    #[serde(default)]
    page_idx: Option<u32>,
}

fn mineru(text: &str, limits: &Limits, diags: &mut Diagnostics) -> Option<ToolJson> {
    let raw: Vec<&RawValue> = serde_json::from_str(text).ok()?;
    let items: Vec<(MinerUItem<'_>, &RawValue)> = raw
        .iter()
        .filter_map(|r| {
            serde_json::from_str::<MinerUItem<'_>>(r.get())
                .ok()
                .map(|i| (i, *r))
        })
        .collect();
    // a content list: typed items with pages (an empty list is not recognisably one)
    if items.is_empty() || !items.iter().any(|(i, _)| i.page_idx.is_some()) {
        return None;
    }
    let mut lines = Lines::new(text);
    let mut blocks = Vec::new();
    let mut pages = Vec::new();
    for (item, raw) in items {
        let page = item.page_idx.map(|p| p.saturating_add(1));
        match item.kind.as_str() {
            "text" | "title" => {
                let Some(t) = item.text else { continue };
                let span = lines.of(t);
                let text = clean_cell(&string(t).unwrap_or_default());
                if text.is_empty() {
                    continue;
                }
                blocks.push(match item.text_level {
                    Some(l) if l > 0 => Block::Heading { text, span },
                    _ => Block::Paragraph { text, span },
                });
            }
            "table" => {
                for caption in item.table_caption.iter().flatten() {
                    let text = clean_cell(caption);
                    if !text.is_empty() {
                        blocks.push(Block::Paragraph {
                            text,
                            span: lines.of(raw),
                        });
                    }
                }
                let Some(body) = item.table_body else {
                    continue;
                };
                let base = lines.of(body);
                let html = string(body).unwrap_or_default();
                for grid in html_grids(&html, base, limits, diags) {
                    if let Some(p) = page {
                        let (first, last) = grid_lines(&grid);
                        pages.push((first, last, p));
                    }
                    blocks.push(Block::Table(grid));
                }
            }
            _ => {}
        }
    }
    Some(ToolJson {
        tool: Tool::MinerU,
        blocks,
        pages: Pages(pages),
    })
}

/// The first and last line a grid's cells stand on.
fn grid_lines(grid: &Grid) -> (usize, usize) {
    let lines = grid.rows.iter().flatten().map(|c| c.span.line);
    let first = lines
        .clone()
        .filter(|&l| l > 0)
        .min()
        .unwrap_or(grid.span.line);
    let last = lines.max().unwrap_or(grid.span.line);
    (first, last.max(first))
}

#[derive(Deserialize)]
struct Ref {
    #[serde(rename = "$ref", alias = "cref")]
    to: String,
}

#[derive(Deserialize)]
struct Node {
    #[serde(default)]
    children: Vec<Ref>,
}

#[derive(Deserialize)]
struct Prov {
    #[serde(default)]
    page_no: Option<u32>,
}

#[derive(Deserialize)]
struct DoclingText<'a> {
    #[serde(default)]
    label: String,
    #[serde(default)]
    content_layer: Option<String>,
    #[serde(borrow, default)]
    text: Option<&'a RawValue>,
    #[serde(default)]
    children: Vec<Ref>,
}

#[derive(Deserialize)]
struct DoclingCell<'a> {
    #[serde(borrow, default)]
    text: Option<&'a RawValue>,
    start_row_offset_idx: usize,
    end_row_offset_idx: usize,
    start_col_offset_idx: usize,
    end_col_offset_idx: usize,
}

#[derive(Deserialize)]
struct TableData<'a> {
    #[serde(borrow, default)]
    table_cells: Vec<DoclingCell<'a>>,
}

#[derive(Deserialize)]
struct DoclingTable<'a> {
    #[serde(default)]
    content_layer: Option<String>,
    #[serde(default)]
    prov: Vec<Prov>,
    #[serde(default)]
    captions: Vec<Ref>,
    #[serde(borrow)]
    data: Option<TableData<'a>>,
}

#[derive(Deserialize)]
struct DoclingDoc<'a> {
    #[serde(default)]
    schema_name: Option<String>,
    body: Node,
    #[serde(default)]
    groups: Vec<Node>,
    #[serde(borrow, default)]
    texts: Vec<DoclingText<'a>>,
    #[serde(borrow, default)]
    tables: Vec<DoclingTable<'a>>,
}

/// `#/texts/3` → (`texts`, 3).
fn target(r: &Ref) -> Option<(&str, usize)> {
    let rest = r.to.strip_prefix("#/")?;
    let (kind, i) = rest.split_once('/')?;
    Some((kind, i.parse().ok()?))
}

fn docling(text: &str, limits: &Limits) -> Option<ToolJson> {
    let doc: DoclingDoc<'_> = serde_json::from_str(text).ok()?;
    if doc
        .schema_name
        .as_deref()
        .is_some_and(|n| n != "DoclingDocument")
    {
        return None;
    }
    let mut lines = Lines::new(text);
    let mut blocks = Vec::new();
    let mut pages = Vec::new();
    let mut seen: HashSet<(String, usize)> = HashSet::new();
    // depth first through the body, children in order (a stack of refs, last child on top)
    let mut stack: Vec<&Ref> = doc.body.children.iter().rev().collect();
    while let Some(r) = stack.pop() {
        let Some((kind, i)) = target(r) else { continue };
        if !seen.insert((kind.to_string(), i)) {
            continue;
        }
        match kind {
            "groups" => {
                if let Some(g) = doc.groups.get(i) {
                    stack.extend(g.children.iter().rev());
                }
            }
            "texts" => {
                let Some(t) = doc.texts.get(i) else { continue };
                stack.extend(t.children.iter().rev());
                if let Some(b) = text_block(t, &mut lines) {
                    blocks.push(b);
                }
            }
            "tables" => {
                let Some(t) = doc.tables.get(i) else { continue };
                if t.content_layer.as_deref() == Some("furniture") {
                    continue;
                }
                // a caption not in the body's order is read before its table
                for c in &t.captions {
                    let Some(("texts", ci)) = target(c) else {
                        continue;
                    };
                    if seen.insert(("texts".to_string(), ci)) {
                        if let Some(b) = doc.texts.get(ci).and_then(|t| text_block(t, &mut lines)) {
                            blocks.push(b);
                        }
                    }
                }
                let Some(data) = &t.data else { continue };
                let grid = docling_grid(data, &mut lines, limits);
                let page = t.prov.iter().find_map(|p| p.page_no);
                if let Some(p) = page {
                    let (first, last) = grid_lines(&grid);
                    pages.push((first, last, p));
                }
                blocks.push(Block::Table(grid));
            }
            _ => {}
        }
    }
    Some(ToolJson {
        tool: Tool::Docling,
        blocks,
        pages: Pages(pages),
    })
}

fn text_block(t: &DoclingText<'_>, lines: &mut Lines<'_>) -> Option<Block> {
    if t.content_layer.as_deref() == Some("furniture")
        || matches!(t.label.as_str(), "page_header" | "page_footer")
    {
        return None;
    }
    let raw = t.text?;
    let span = lines.of(raw);
    let text = clean_plain(&string(raw)?);
    if text.is_empty() {
        return None;
    }
    Some(match t.label.as_str() {
        "title" | "section_header" => Block::Heading { text, span },
        _ => Block::Paragraph { text, span },
    })
}

/// A docling table's cells as a grid: each cell at its offsets, a merged cell copied into
/// every slot it covers (as the HTML reader expands rowspan and colspan); within the limits.
fn docling_grid(data: &TableData<'_>, lines: &mut Lines<'_>, limits: &Limits) -> Grid {
    let max_rows = limits.max_rows;
    let max_cols = limits.max_columns;
    let mut slots: Vec<Vec<Option<Cell>>> = Vec::new();
    let mut filled = 0usize;
    let mut start: Option<Span> = None;
    for c in &data.table_cells {
        let (r0, c0) = (c.start_row_offset_idx, c.start_col_offset_idx);
        if r0 >= max_rows || c0 >= max_cols {
            continue;
        }
        let r1 = c
            .end_row_offset_idx
            .clamp(r0 + 1, max_rows.min(r0 + limits.max_span));
        let c1 = c
            .end_col_offset_idx
            .clamp(c0 + 1, max_cols.min(c0 + limits.max_span));
        let area = (r1 - r0) * (c1 - c0);
        if filled.saturating_add(area) > limits.max_cells {
            break;
        }
        filled += area;
        let (text, span) = match c.text {
            Some(raw) => (
                string(raw).map(|t| clean_plain(&t)).unwrap_or_default(),
                lines.of(raw),
            ),
            None => (String::new(), Span::default()),
        };
        start.get_or_insert(span);
        if slots.len() < r1 {
            slots.resize_with(r1, Vec::new);
        }
        for row in slots.iter_mut().take(r1).skip(r0) {
            if row.len() < c1 {
                row.resize(c1, None);
            }
            for slot in row.iter_mut().take(c1).skip(c0) {
                *slot = Some(Cell {
                    text: text.clone(),
                    span,
                });
            }
        }
    }
    let start = start.unwrap_or_default();
    let rows = slots
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|c| {
                    c.unwrap_or(Cell {
                        text: String::new(),
                        span: start,
                    })
                })
                .collect()
        })
        .collect();
    Grid {
        rows,
        span: start,
        source: GridSource::Html,
        tight_pipes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Heading { text, .. } => format!("h:{text}"),
                Block::Paragraph { text, .. } => format!("p:{text}"),
                Block::Table(g) => format!(
                    "t:{}",
                    g.rows
                        .iter()
                        .map(|r| r
                            .iter()
                            .map(|c| c.text.as_str())
                            .collect::<Vec<_>>()
                            .join(","))
                        .collect::<Vec<_>>()
                        .join("/")
                ),
            })
            .collect()
    }

    #[test]
    fn a_mineru_content_list_reads_in_order_with_pages() {
        let json = r#"[
  {"type": "text", "text": "项目支出绩效目标表", "text_level": 1, "page_idx": 0},
  {"type": "text", "text": "(2024年度)", "page_idx": 0},
  {"type": "image", "img_path": "a.jpg", "page_idx": 0},
  {"type": "table", "table_body": "<table><tr><td rowspan=\"2\">产出指标</td><td>a &amp; b</td></tr><tr><td>c</td></tr></table>", "page_idx": 2}
]"#;
        let mut d = Vec::new();
        let got = read(json, &Limits::default(), &mut d).unwrap_or_else(|| panic!("not read"));
        assert_eq!(got.tool, Tool::MinerU);
        assert_eq!(
            texts(&got.blocks),
            [
                "h:项目支出绩效目标表",
                "p:(2024年度)",
                "t:产出指标,a & b/产出指标,c"
            ]
        );
        let Some(Block::Table(g)) = got.blocks.last() else {
            panic!("no table")
        };
        assert_eq!(
            g.rows[0][0].span.line, 5,
            "the table_body's line in the JSON"
        );
        assert_eq!(got.pages.at(5), Some(3), "page_idx 2 is the third page");
        assert_eq!(got.pages.at(2), None);
    }

    #[test]
    fn a_docling_document_reads_the_body_order_with_spans_expanded() {
        let cell = |r: usize, c: usize, rs: usize, cs: usize, t: &str| {
            format!(
                r#"{{"row_span": {rs}, "col_span": {cs}, "start_row_offset_idx": {r}, "end_row_offset_idx": {}, "start_col_offset_idx": {c}, "end_col_offset_idx": {}, "text": "{t}", "column_header": false}}"#,
                r + rs,
                c + cs
            )
        };
        let json = format!(
            r##"{{"schema_name": "DoclingDocument", "version": "1.10.0",
  "body": {{"self_ref": "#/body", "children": [{{"$ref": "#/tables/0"}}, {{"cref": "#/groups/0"}}]}},
  "groups": [{{"self_ref": "#/groups/0", "children": [{{"$ref": "#/texts/1"}}]}}],
  "texts": [
    {{"self_ref": "#/texts/0", "label": "caption", "text": "表一"}},
    {{"self_ref": "#/texts/1", "label": "section_header", "text": "结尾 <附>"}}
  ],
  "tables": [{{"self_ref": "#/tables/0", "label": "table", "captions": [{{"$ref": "#/texts/0"}}],
    "prov": [{{"page_no": 4}}, {{"page_no": 5}}],
    "data": {{"table_cells": [
      {},
      {},
      {}
    ], "num_rows": 2, "num_cols": 2, "grid": []}}}}]
}}"##,
            cell(0, 0, 2, 1, "产出指标"),
            cell(0, 1, 1, 1, "数量\\n指标"),
            cell(1, 1, 1, 1, "<5%")
        );
        let mut d = Vec::new();
        let got = read(&json, &Limits::default(), &mut d).unwrap_or_else(|| panic!("not read"));
        assert_eq!(got.tool, Tool::Docling);
        assert_eq!(
            texts(&got.blocks),
            ["p:表一", "t:产出指标,数量指标/产出指标,<5%", "h:结尾 <附>"]
        );
        let Some(Block::Table(g)) = got.blocks.get(1) else {
            panic!("no table")
        };
        assert_eq!(
            got.pages.at(g.rows[1][1].span.line),
            Some(4),
            "the first page"
        );
    }

    #[test]
    fn other_json_and_markdown_are_not_taken() {
        let mut d = Vec::new();
        for text in [
            "[link](https://example.org) and a table",
            "[1, 2, 3]",
            r#"[{"type": "text", "text": "no pages"}]"#,
            r#"{"schema_name": "Other", "body": {"children": []}}"#,
            r#"{"a": 1}"#,
            "| a | b |",
        ] {
            assert!(read(text, &Limits::default(), &mut d).is_none(), "{text}");
        }
    }
}
