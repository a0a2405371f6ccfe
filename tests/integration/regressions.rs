//! Regressions found by the property tests, the fuzz run and review, one test each, named after what
//! broke. Inputs are small generated documents; outputs are assertions on the extraction.

use std::time::Duration;

fn extract(src: &str) -> tablemend::model::Document {
    crate::util::extractor().extract("r.md", src.as_bytes())
}

/// Fuzz: a long free-text cell beside another on an indicator row made `respan` try every
/// split point of the joined text as a label (quadratic): a 16 KB page took seconds.
#[test]
fn long_cells_on_an_indicator_row_do_not_make_respan_quadratic() {
    let long = "就业政策宣传力度提升知晓度".repeat(700); // 9,100 characters
    let src = format!(
        "| 项目名称 | 甲 |\n| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n\
         | | 产出指标 | {long} | {long} | ≥1次 |\n"
    );
    let (doc, took) = crate::util::cpu_time_of(|| extract(&src));
    assert!(took < Duration::from_secs(3), "{took:?} of CPU");
    assert_eq!(doc.tables.len(), 1);
}

/// Property test: a header cell merged down (rowspan) onto the first indicator row put two
/// header words on that row, so the whole row was skipped as a header row and its name and
/// value were lost without a trace.
#[test]
fn header_words_merged_down_onto_an_indicator_row_do_not_drop_it() {
    let doc = extract(
        "<table>\n<tr><td>项目名称</td><td>甲</td></tr>\n\
         <tr><td rowspan=\"2\" colspan=2>绩效指标</td><td>一级指标</td><td>二级指标</td>\
         <td>三级指标</td><td>指标值</td></tr>\n\
         <tr><td>产出指标</td><td>培训场次</td><td>≥1场</td></tr>\n</table>\n",
    );
    let names: Vec<(&str, Option<&str>)> = doc
        .tables
        .iter()
        .flat_map(|t| &t.indicators)
        .map(|r| (r.name.as_str(), r.value.as_deref()))
        .collect();
    assert_eq!(names, vec![("培训场次", Some("≥1场"))]);
}

/// Fuzz: a bogus tag with several attributes inside an HTML cell (`<lt;img src=x onerror=…>`)
/// was re-serialised with its attributes in hash order, so the cleaned cell text — and the
/// indicator name built from it — differed from run to run. scraper's `deterministic` feature
/// keeps the source order.
#[test]
fn attribute_order_in_html_cells_does_not_change_between_runs() {
    let src = "<table>\n<tr><td>项目名称</td><td>甲</td></tr>\n\
               <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>\n\
               <tr><td>满意度指标</td><td>满意度指标<lt;img src=x onerror=alert(1) b=c d=e&gt;样本/td>\
               <td>城乡居民对基本公共卫生服务满意度</td><td>≥85%</td></tr>\n</table>\n";
    let first = tablemend::sink::json::to_json(&extract(src));
    for _ in 0..64 {
        assert_eq!(tablemend::sink::json::to_json(&extract(src)), first);
    }
}

/// Bench corpus: a blank row inserted after a table's first row with the delimiter row moved
/// below it (`| 项目名称 | … |`, `|  |  |`, `|---|`) made pulldown-cmark start a GFM table at
/// the blank row, so the first row became a one-row table of its own: the form lost its
/// project name to a stray table. The table extension is now off and our own line reader finds
/// the rows: every form of the reference reads as it does unbroken.
#[test]
fn a_delimiter_row_below_a_blank_row_does_not_cut_the_form() {
    let src = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/suzhou/suzhou-hrss-2024.md"),
    )
    .unwrap_or_default();
    // after the first row of each table: a blank row, then the delimiter row it had
    let mut broken = String::new();
    let mut lines = src.lines().peekable();
    let mut prev_is_row = false;
    while let Some(line) = lines.next() {
        let is_row = line.trim_start().starts_with('|');
        broken.push_str(line);
        broken.push('\n');
        if is_row && !prev_is_row {
            if let Some(next) = lines.peek().filter(|l| l.contains("---")) {
                let width = line.matches('|').count().saturating_sub(1).max(1);
                broken.push_str(&format!("|{}\n", "  |".repeat(width)));
                broken.push_str(next);
                broken.push('\n');
                lines.next();
            }
        }
        prev_is_row = is_row;
    }
    assert_ne!(broken, src, "the document has tables with delimiter rows");
    let read = |s: &str| {
        let doc = extract(s);
        let metas: Vec<_> = doc
            .tables
            .iter()
            .map(|t| t.meta.project_name.clone())
            .collect();
        let names: Vec<String> = doc
            .tables
            .iter()
            .flat_map(|t| &t.indicators)
            .map(|r| r.name.clone())
            .collect();
        (doc.tables.len(), metas, names)
    };
    let (n, metas, names) = read(&src);
    assert_eq!(n, 8);
    assert_eq!(read(&broken), (n, metas, names));
}

/// Review: an escaped entity in an HTML cell (`&amp;lt;`, printed as `&lt;`) was decoded twice
/// (the parser decodes it once; the cell's text went back through the cleaner as markup), so
/// `&amp;lt;b&amp;gt;` read as a `<b>` tag's text and `&amp;amp;` as `&`.
#[test]
fn an_escaped_entity_in_an_html_cell_is_decoded_once() {
    let name = "A &amp;lt;b&amp;gt; &amp;amp; C";
    for src in [
        // a whole HTML page, and a table in Markdown
        format!(
            "<html><body><table><tr><td>项目名称</td><td>{name}</td></tr></table></body></html>"
        ),
        format!("# 表\n\n<table><tr><td>项目名称</td><td>{name}</td></tr></table>\n"),
    ] {
        let doc = extract(&src);
        let got: Vec<Option<&str>> = doc
            .tables
            .iter()
            .map(|t| t.meta.project_name.as_deref())
            .collect();
        assert_eq!(got, vec![Some("A &lt;b&gt; &amp; C")], "{src}");
    }
}
