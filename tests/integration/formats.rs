//! Tables as OCR tools write them: the hand-written documents under `corpus/formats/` go in;
//! out must come what their goldens cannot show — the diagnostics and repairs that explain how
//! each was read (nested tables, script in cells, running headings, pipes inside cells).

use crate::util::extract_file as extract;
use tablemend::model::Document;

fn codes(doc: &Document) -> Vec<&'static str> {
    doc.diagnostics.iter().map(|d| d.code()).collect()
}

#[test]
fn nested_table_in_a_markdown_html_cell_is_part_of_the_cell() {
    let doc = extract("corpus/formats/nested-table-in-cell.md");
    let c = codes(&doc);
    assert!(!c.contains(&"table.not_a_form"), "{c:?}");
    assert!(c.contains(&"html.nested_table"), "{c:?}");
    assert!(c.contains(&"cell.script_dropped"), "{c:?}");
    assert_eq!(doc.tables.len(), 1);
    let names: Vec<&str> = doc.tables[0]
        .indicators
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert!(names.iter().all(|n| !n.contains("alert")), "{names:?}");
    assert!(doc.tables[0].unassigned.is_empty());
}

#[test]
fn running_headings_between_page_parts_do_not_split_the_form_or_lend_their_year() {
    let doc = extract("corpus/formats/running-heading.md");
    assert_eq!(doc.tables.len(), 2);
    let continued = doc
        .diagnostics
        .iter()
        .filter(|d| d.code() == "stitch.continued")
        .count();
    assert_eq!(continued, 2, "{:?}", codes(&doc));
    assert_eq!(doc.tables[0].indicators.len(), 9);
    assert_eq!(doc.tables[0].year, Some(2024));
    // the year is checked here: the golden scorer does not compare it
    assert_eq!(doc.tables[1].year, None);
    assert_eq!(doc.tables[1].indicators.len(), 4);
}

#[test]
fn literal_pipes_make_one_cell_with_a_repair_or_a_diagnostic() {
    let doc = extract("corpus/formats/literal-pipe.md");
    let t = &doc.tables[0];
    let repaired = |name: &str| {
        t.indicators
            .iter()
            .find(|r| r.name == name)
            .map(|r| r.repairs.iter().map(|p| p.code()).collect::<Vec<_>>())
            .unwrap_or_else(|| panic!("no record {name}"))
    };
    assert_eq!(repaired("窗口|网厅业务办理量"), vec!["pipe_in_cell"]);
    assert_eq!(repaired("平台运行评价等次"), vec!["pipe_in_cell"]);
    // an escaped pipe is plain text, and a padded extra column is still a shifted value
    assert!(repaired("线上|线下招聘会场次").is_empty());
    assert_eq!(repaired("培训场次"), vec!["value_extra_column"]);
    // the meta value fed no record: a diagnostic says what was joined
    let joined: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code() == "pipe.joined")
        .collect();
    assert_eq!(joined.len(), 1, "{:?}", codes(&doc));
    assert_eq!(joined[0].line, Some(12));
    assert!(t.unassigned.is_empty(), "{:?}", t.unassigned);
}

#[test]
fn without_padding_a_literal_pipe_is_found_by_content() {
    let doc = extract("corpus/formats/literal-pipe-unpadded.md");
    let t = &doc.tables[0];
    let r = t
        .indicators
        .iter()
        .find(|r| r.value.as_deref() == Some("≥90%|良好"))
        .unwrap_or_else(|| panic!("no joined value"));
    assert_eq!(r.repairs.first().map(|p| p.code()), Some("pipe_in_cell"));
    assert!(t.unassigned.is_empty(), "{:?}", t.unassigned);
    assert!(!codes(&doc).contains(&"table.not_a_form"));
}
