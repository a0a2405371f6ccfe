//! Space-aligned columns, as `pdftotext -layout` writes a table. A form's lines go in; out come
//! its rows of cells. A line is cut into pieces at gaps (two or more columns of white space, a
//! tab or an ideographic space; CJK characters count two columns, as the layout measured them),
//! and after a leading form word and a single space (real pdftotext writes a CJK glyph one
//! column wide, so cells a gap apart on the page may stand one space apart);
//! the column edges are the pieces' starts on the header row (the line holding two header
//! words), or on the line with the most pieces (and a column of its own for pieces standing left
//! of them); each piece goes to the column whose edge it stands at. A piece is full (its text
//! may wrap) when it runs up to the next piece or its column's right edge (a piece past that edge
//! spans merged columns: up to the margin); outside the value column also when it ends within a
//! wide glyph and a space of its column's widest piece, unless the table is centred. Which lines
//! make one row is decided by `rowdecode`: top-aligned (a wrap continues its cell below; a form
//! word or, below the header, a value in the value column opens a row), or — when that explains
//! the lines with clearly fewer rows — centred as pdftotext writes a short cell beside a tall
//! one (a tall cell's first lines above the row's main line); level labels centred over the rows
//! they merge are moved to their group's first row.
//!
//! ```text
//!     产出指标   数量指标   开展乡镇农技站设立、农技人员职称评    ≥3次
//!                           比、县级示范基地认定
//! → [产出指标, 数量指标, 开展乡镇农技站设立、农技人员职称评比、县级示范基地认定, ≥3次]
//! ```

use super::rowdecode::{self, Mark};
use super::values::is_value;
use super::{char_width, empty_at, Lexicon, Line, WordKind};
use crate::model::Cell;
use crate::normalize::is_cjk;

/// How far (in display columns) a piece may stand left of its column's edge.
const EDGE_SLACK: usize = 2;
/// A piece is full (its text may wrap) when it ends at most this many columns before the next
/// piece or the right margin.
const FULL_SLACK: usize = 4;
/// … or, outside the value column, when it ends at most this many columns before the widest
/// piece that stays inside its column (a wrap leaves up to one wide glyph and a space unused,
/// whatever the gap between the columns).
const WIDEST_SLACK: usize = 3;

/// A table is read as centred when that explains its lines with at least this many rows
/// fewer than reading it top-aligned (one fewer is a wrap's width matching by chance).
const CENTRED_MARGIN: usize = 2;

/// A run of text between gaps: byte range in its line and display columns `x0..x1`.
#[derive(Debug, Clone, Copy)]
struct Piece {
    s: usize,
    e: usize,
    x0: usize,
    x1: usize,
}

/// The pieces of a line (see the module doc).
fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut x = 0usize;
    let mut cur: Option<Piece> = None;
    // white space seen since the piece's last character: (byte, columns, forces a gap)
    let mut ws: Option<(usize, usize, bool)> = None;
    for (i, c) in text.char_indices() {
        let w = match c {
            '\t' => 8 - x % 8,
            '\u{3000}' => 2,
            c if c.is_whitespace() => 1,
            c => char_width(c),
        };
        if c.is_whitespace() {
            let hard = matches!(c, '\t' | '\u{3000}');
            ws = Some(match ws {
                Some((b, n, h)) => (b, n + w, h || hard),
                None => (i, w, hard),
            });
        } else {
            match (cur.as_mut(), ws) {
                (Some(p), Some((b, n, hard))) if n >= 2 || hard => {
                    p.e = b;
                    out.push(*p);
                    cur = None;
                }
                (Some(p), _) => {
                    p.e = i + c.len_utf8();
                    p.x1 = x + w;
                }
                (None, _) => {}
            }
            if cur.is_none() {
                cur = Some(Piece {
                    s: i,
                    e: i + c.len_utf8(),
                    x0: x,
                    x1: x + w,
                });
            } else if let Some(p) = cur.as_mut() {
                p.e = i + c.len_utf8();
                p.x1 = x + w;
            }
            ws = None;
        }
        x += w;
    }
    if let Some(p) = cur {
        out.push(p);
    }
    out
}

/// The pieces of a line with each piece cut again after a leading form word and a single space
/// (`项目名称 某项目`, `数量指标 培训场次`): pdftotext writes a CJK glyph one column wide
/// whatever its width on the page, so two cells a gap apart on the page may stand one space
/// apart in the text.
fn split_pieces(text: &str, lex: &Lexicon) -> Vec<Piece> {
    let mut out = Vec::new();
    for mut p in pieces(text) {
        while let Some(sp) = text.get(p.s..p.e).and_then(|t| t.find(' ')) {
            let at = p.s + sp;
            let head = text.get(p.s..at).unwrap_or_default();
            if !is_form_word(head, lex) {
                break;
            }
            let w: usize = head.chars().map(char_width).sum();
            out.push(Piece {
                s: p.s,
                e: at,
                x0: p.x0,
                x1: p.x0 + w,
            });
            p.s = at + 1;
            p.x0 += w + 1;
        }
        out.push(p);
    }
    out
}

/// Whether a piece's text is one of the form's words (a label, header word or meta key): such
/// a piece starts a row, it never continues a cell.
fn is_form_word(text: &str, lex: &Lexicon) -> bool {
    matches!(
        lex.kind_of(text.trim()),
        Some(WordKind::Level1 | WordKind::Level2 | WordKind::Header | WordKind::Meta { .. })
    )
}

/// Joins a wrapped cell's next line to its text: CJK text joins without a space.
pub fn join_wrapped(cell: &mut Cell, more: &str) {
    let more = more.trim();
    if more.is_empty() {
        return;
    }
    let glue = match (cell.text.chars().last(), more.chars().next()) {
        (Some(a), Some(b)) => !(is_cjk(a) || is_cjk(b)),
        _ => false,
    };
    if glue && !cell.text.is_empty() {
        cell.text.push(' ');
    }
    cell.text.push_str(more);
}

/// Places each piece in the column of the last edge it reaches, never left of the piece
/// before it.
fn place(ps: &[Piece], edges: &[usize]) -> Vec<(usize, Piece)> {
    let mut placed: Vec<(usize, Piece)> = Vec::with_capacity(ps.len());
    let mut prev: Option<usize> = None;
    for p in ps {
        let mut k = edges
            .iter()
            .rposition(|&e| e <= p.x0 + EDGE_SLACK)
            .unwrap_or(0);
        if let Some(pk) = prev {
            if k <= pk {
                k = pk + 1;
            }
        }
        prev = Some(k);
        placed.push((k, *p));
    }
    placed
}

/// Whether line `i` is the first lines' fragment of a tall cell standing above its row's main
/// line (see the module doc).
fn wrapped_above(
    i: usize,
    body: &[Line],
    placed: &[Vec<(usize, Piece)>],
    (last, ncols): (&[(usize, Piece, bool)], usize),
    lex: &Lexicon,
) -> bool {
    let (Some(line), Some(here)) = (body.get(i), placed.get(i)) else {
        return false;
    };
    // never in the value column (a short cell, on the main line), never where the line above
    // holds a full piece it could continue
    let plain = here.iter().all(|(k, p)| {
        let t = line.text.get(p.s..p.e).unwrap_or("").trim();
        *k + 1 < ncols
            && !last.iter().any(|(lk, _, full)| lk == k && *full)
            && !is_form_word(t, lex)
            && !is_value(t, lex)
    });
    if !plain || here.is_empty() {
        return false;
    }
    let cols = |ps: &[(usize, Piece)]| ps.iter().map(|(k, _)| *k).collect::<Vec<_>>();
    let mine = cols(here);
    for next in placed.iter().skip(i + 1).filter(|ps| !ps.is_empty()) {
        let theirs = cols(next);
        if next.len() > here.len() {
            return mine.iter().all(|k| theirs.contains(k));
        }
        // another fragment line in the same columns: look past it
        if !theirs.iter().all(|k| mine.contains(k)) {
            return false;
        }
    }
    false
}

/// Reads a space-aligned form (see the module doc).
pub fn read(body: &[Line], lex: &Lexicon) -> Vec<Vec<Cell>> {
    let cut: Vec<Vec<Piece>> = body.iter().map(|l| split_pieces(l.text, lex)).collect();
    let (header, edges) = header_and_edges(&cut, body, lex);
    let margin = cut
        .iter()
        .filter_map(|ps| ps.last().map(|p| p.x1))
        .max()
        .unwrap_or(0);
    let ncols = edges.len().max(1);
    let placed_all: Vec<Vec<(usize, Piece)>> = cut.iter().map(|ps| place(ps, &edges)).collect();
    let widest = widest_in_column(&placed_all, &edges);
    // which pieces are full, strictly (by the gap to their right) and loosely (also by the
    // column's widest piece); a centred table (some fragment stands above its row even under
    // the loose reading) keeps the strict one, else a loosely full piece may wrap
    let fulls_of = |loose: bool| -> Vec<Vec<bool>> {
        placed_all
            .iter()
            .map(|placed| full_pieces(placed, (&edges, margin), loose.then_some(&widest[..])))
            .collect()
    };
    let loose = fulls_of(true);
    let centred = header.is_some_and(|h| {
        let mut prev: Option<usize> = None;
        (0..body.len()).any(|i| {
            if placed_all.get(i).is_none_or(|p| p.is_empty()) {
                return false;
            }
            let last: Vec<(usize, Piece, bool)> = prev
                .and_then(|j| Some(placed_all.get(j)?.iter().zip(loose.get(j)?)))
                .map(|it| it.map(|((k, p), f)| (*k, *p, *f)).collect())
                .unwrap_or_default();
            prev = Some(i);
            i > h + 1 && wrapped_above(i, body, &placed_all, (&last, ncols), lex)
        })
    });
    let strict = fulls_of(false);
    let fulls_all = if centred { &strict } else { &loose };
    // the decode's lines: the non-blank ones, each piece marked (full by `fulls`)
    let idx: Vec<usize> = (0..body.len())
        .filter(|&i| placed_all.get(i).is_some_and(|p| !p.is_empty()))
        .collect();
    let form = Placed {
        body,
        placed: &placed_all,
        idx: &idx,
        header,
        ncols,
    };
    let header_at = header.and_then(|h| idx.iter().position(|&i| i == h));
    let free = label_columns(&form, lex);
    // read top-aligned (a wrap continues its cell below), and as centred (strictly full
    // wraps only); the centred reading is taken when it explains the lines with fewer rows
    let top = rowdecode::rows(&marks(&form, fulls_all, lex), free, header_at, false);
    let mid = rowdecode::rows(&marks(&form, &strict, lex), free, header_at, true);
    let decoded = if mid.len() + CENTRED_MARGIN <= top.len() {
        mid
    } else {
        top
    };
    let (mut rows, mut geo) = cells_of_rows(&form, &decoded);
    if let Some(h) = header_at.and_then(|h| decoded.iter().position(|r| r.first == h)) {
        relocate_labels(&mut rows, &mut geo, (&decoded, h, free), lex);
    }
    rows
}

/// A form's lines with their pieces placed in columns: what the row decode and the cell
/// building read.
struct Placed<'a, 'b> {
    body: &'a [Line<'b>],
    /// per body line, its pieces with their column
    placed: &'a [Vec<(usize, Piece)>],
    /// the decode's lines: the body lines that hold a piece
    idx: &'a [usize],
    /// the header line (body index), if one was found
    header: Option<usize>,
    ncols: usize,
}

/// The header line (the first with two header words) and the columns' left edges: the
/// header's pieces, else the widest line's; a piece standing left of the first edge (a merged
/// lead cell centred away from the header line) is a column of its own.
fn header_and_edges(
    cut: &[Vec<Piece>],
    body: &[Line],
    lex: &Lexicon,
) -> (Option<usize>, Vec<usize>) {
    let header = cut.iter().zip(body).position(|(ps, l)| {
        ps.iter()
            .filter(|p| {
                l.text
                    .get(p.s..p.e)
                    .is_some_and(|t| lex.kind_of(t.trim()) == Some(WordKind::Header))
            })
            .count()
            >= 2
    });
    let edges: Vec<usize> = match header.and_then(|h| cut.get(h)) {
        Some(ps) => ps.iter().map(|p| p.x0).collect(),
        None => cut
            .iter()
            .max_by_key(|ps| ps.len())
            .map(|ps| ps.iter().map(|p| p.x0).collect())
            .unwrap_or_default(),
    };
    // a piece standing left of the first edge (a merged lead cell centred away from the
    // header line) is a column of its own
    let mut edges = edges;
    let leftmost = cut.iter().flatten().map(|p| p.x0).min();
    if let (Some(&e0), Some(x)) = (edges.first(), leftmost) {
        if x + EDGE_SLACK < e0 {
            edges.insert(0, x);
        }
    }
    (header, edges)
}

/// Each decode line's pieces as the row decode sees them: column, full (by `fulls`), and
/// whether the piece opens a row (a form word, or a value in the value column below the
/// header: `≥95%`, `2024年6月前` below a full `2025年9月末前`).
fn marks(form: &Placed, fulls: &[Vec<bool>], lex: &Lexicon) -> Vec<Vec<Mark>> {
    form.idx
        .iter()
        .map(|&i| {
            let (line, placed) = (form.body.get(i), form.placed.get(i));
            let fulls = fulls.get(i);
            placed
                .into_iter()
                .flatten()
                .enumerate()
                .map(|(n, (k, p))| {
                    let text = line.and_then(|l| l.text.get(p.s..p.e)).unwrap_or("");
                    let value = *k + 1 >= form.ncols
                        && form.header.is_some_and(|h| h < i)
                        && (is_value(text, lex)
                            || text.trim_start().starts_with(|c: char| c.is_ascii_digit()));
                    let word = is_form_word(text, lex);
                    Mark {
                        k: *k,
                        full: fulls.and_then(|f| f.get(n)).copied().unwrap_or(false),
                        opens: value || word,
                        word,
                    }
                })
                .collect()
        })
        .collect()
}

/// The label columns: up to the rightmost one holding a level label below the header, never
/// the names' or the values'.
fn label_columns(form: &Placed, lex: &Lexicon) -> usize {
    form.header
        .map_or(0, |h| {
            form.idx
                .iter()
                .filter(|&&i| i > h)
                .filter_map(|&i| Some((form.body.get(i)?, form.placed.get(i)?)))
                .flat_map(|(l, ps)| ps.iter().map(move |(k, p)| (*k, l.text.get(p.s..p.e))))
                .filter(|(_, t)| t.is_some_and(|t| is_label(t, lex)))
                .map(|(k, _)| k + 1)
                .max()
                .unwrap_or(0)
        })
        .min(form.ncols.saturating_sub(2))
}

/// Per row and column: the first line (decode index) and the number of lines of its cell.
type Geometry = Vec<Vec<Option<(usize, usize)>>>;

/// The decoded rows' cells: each column's pieces on the row's lines, wrapped lines joined;
/// with each cell's geometry.
fn cells_of_rows(form: &Placed, decoded: &[rowdecode::Row]) -> (Vec<Vec<Cell>>, Geometry) {
    let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(decoded.len());
    let mut geo: Geometry = Vec::with_capacity(decoded.len());
    for r in decoded {
        let Some(first) = form.idx.get(r.first).and_then(|&i| form.body.get(i)) else {
            continue;
        };
        let mut cells: Vec<Option<Cell>> = vec![None; form.ncols];
        let mut g: Vec<Option<(usize, usize)>> = vec![None; form.ncols];
        for li in r.first..=r.last {
            let Some((line, placed)) = form
                .idx
                .get(li)
                .and_then(|&i| Some((form.body.get(i)?, form.placed.get(i)?)))
            else {
                continue;
            };
            for (k, p) in placed {
                if *k >= cells.len() {
                    cells.resize(k + 1, None);
                    g.resize(k + 1, None);
                }
                let (Some(cell), Some(at)) = (cells.get_mut(*k), g.get_mut(*k)) else {
                    continue;
                };
                match (cell.as_mut(), at.as_mut()) {
                    (Some(c), Some(a)) => {
                        join_wrapped(c, line.text.get(p.s..p.e).unwrap_or(""));
                        a.1 += 1;
                    }
                    _ => {
                        *cell = Some(line.cell(p.s, p.e));
                        *at = Some((li, 1));
                    }
                }
            }
        }
        rows.push(
            cells
                .into_iter()
                .map(|c| c.unwrap_or_else(|| empty_at(first)))
                .collect(),
        );
        geo.push(g);
    }
    (rows, geo)
}

/// Whether a piece's text is a level label.
fn is_label(text: &str, lex: &Lexicon) -> bool {
    matches!(
        lex.kind_of(text.trim()),
        Some(WordKind::Level1 | WordKind::Level2)
    )
}

/// In a table that centres its cells (a row the decode read as centred, or a level-1 label
/// with no level-2 label beside it), each label column's cells from the header down are moved
/// to the first row of the rows they were merged over (`rowdecode::group_starts`); a label
/// wrapped onto the first line of the next row is joined first.
fn relocate_labels(
    rows: &mut [Vec<Cell>],
    geo: &mut [Vec<Option<(usize, usize)>>],
    (decoded, header, free): (&[rowdecode::Row], usize, usize),
    lex: &Lexicon,
) {
    let cell_at = |rows: &[Vec<Cell>], r: usize, k: usize| {
        rows.get(r)
            .and_then(|row| row.get(k))
            .is_some_and(|c| !c.is_empty())
    };
    let lone_level1 = free >= 2
        && (header + 1..rows.len())
            .any(|r| cell_at(rows, r, free - 2) && !cell_at(rows, r, free - 1));
    if !(lone_level1 || decoded.iter().any(|r| !r.top)) {
        return;
    }
    for k in 0..free {
        // a label wrapped onto the next row's first line joins its cell
        for r in header + 1..rows.len() {
            let (Some(Some((pl, pn))), Some(Some((nl, _)))) = (
                geo.get(r - 1).and_then(|g| g.get(k)).copied(),
                geo.get(r).and_then(|g| g.get(k)).copied(),
            ) else {
                continue;
            };
            let whole = rows
                .get(r - 1)
                .and_then(|row| row.get(k))
                .is_some_and(|c| lex.kind_of(&c.text).is_some());
            if pl + pn != nl || whole {
                continue;
            }
            let more = rows
                .get_mut(r)
                .and_then(|row| row.get_mut(k))
                .map(|c| std::mem::take(&mut c.text))
                .unwrap_or_default();
            if let Some(c) = rows.get_mut(r - 1).and_then(|row| row.get_mut(k)) {
                join_wrapped(c, &more);
            }
            if let Some(g) = geo.get_mut(r - 1).and_then(|g| g.get_mut(k)) {
                *g = Some((pl, pn + 1));
            }
            if let Some(g) = geo.get_mut(r).and_then(|g| g.get_mut(k)) {
                *g = None;
            }
        }
        let labels: Vec<rowdecode::Label> = (header..rows.len())
            .filter(|&r| cell_at(rows, r, k))
            .filter_map(|r| {
                let (line, lines) = (*geo.get(r)?.get(k)?)?;
                Some(rowdecode::Label {
                    row: r,
                    line,
                    lines,
                })
            })
            .collect();
        let Some(starts) = rowdecode::group_starts(&labels, decoded, header) else {
            continue;
        };
        for (lab, s) in labels.iter().zip(starts) {
            if s >= lab.row {
                continue;
            }
            let cell = rows
                .get_mut(lab.row)
                .and_then(|row| row.get_mut(k))
                .map(|c| c.clone());
            if let (Some(cell), Some(slot)) = (cell, rows.get_mut(s).and_then(|row| row.get_mut(k)))
            {
                *slot = cell;
                if let Some(old) = rows.get_mut(lab.row).and_then(|row| row.get_mut(k)) {
                    old.text.clear();
                }
            }
        }
    }
}

/// Which pieces of a placed line are full (see `FULL_SLACK`; with `widest`, also
/// `WIDEST_SLACK` outside the value column).
fn full_pieces(
    placed: &[(usize, Piece)],
    (edges, margin): (&[usize], usize),
    widest: Option<&[usize]>,
) -> Vec<bool> {
    let ncols = edges.len().max(1);
    placed
        .iter()
        .enumerate()
        .map(|(i, (k, p))| {
            // the right edge: the next piece, else the next column's edge, else the margin;
            // a piece past its column's edge spans merged columns, up to the margin
            let edge = edges
                .get(k + 1)
                .copied()
                .filter(|&e| p.x1 <= e)
                .unwrap_or(margin);
            let right = match placed.get(i + 1) {
                Some((_, n)) => n.x0.min(edge.max(p.x0 + 1)),
                None => edge,
            };
            let reaches_widest = k + 1 < ncols
                && widest
                    .and_then(|w| w.get(*k))
                    .is_some_and(|&w| w > p.x0 && p.x1 + WIDEST_SLACK >= w);
            p.x1 + FULL_SLACK >= right || reaches_widest
        })
        .collect()
}

/// The right end of the widest piece of each column among those that end before the next
/// column's edge (a piece spanning merged columns says nothing about its own column).
fn widest_in_column(placed: &[Vec<(usize, Piece)>], edges: &[usize]) -> Vec<usize> {
    let mut widest = vec![0usize; edges.len()];
    for (k, p) in placed.iter().flatten() {
        let inside = edges.get(k + 1).is_some_and(|&e| p.x1 <= e);
        if let Some(w) = widest.get_mut(*k).filter(|_| inside) {
            *w = (*w).max(p.x1);
        }
    }
    widest
}

#[cfg(test)]
mod tests {
    use super::super::lines;
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::new(
            vec![
                ("一级指标".into(), WordKind::Header),
                ("二级指标".into(), WordKind::Header),
                ("三级指标".into(), WordKind::Header),
                ("指标值".into(), WordKind::Header),
                ("产出指标".into(), WordKind::Level1),
                ("数量指标".into(), WordKind::Level2),
            ],
            Vec::new(),
        )
    }

    fn texts(rows: &[Vec<Cell>]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn pieces_split_at_gaps_and_measure_cjk_double() {
        let ps = pieces("产出指标  数量 指标\t≥3次");
        let xs: Vec<(usize, usize)> = ps.iter().map(|p| (p.x0, p.x1)).collect();
        assert_eq!(xs, vec![(0, 8), (10, 19), (24, 28)]);
    }

    /// Real `pdftotext -layout` of a CJK PDF writes a glyph one column wide, so a label and the
    /// name beside it may stand one space apart: a leading form word is a piece of its own.
    #[test]
    fn a_form_word_one_space_before_a_cell_is_a_piece_of_its_own() {
        let text = "产出指标 数量指标 培训 场次  ≥3次";
        let ps = split_pieces(text, &lex());
        let got: Vec<(&str, usize)> = ps
            .iter()
            .map(|p| (text.get(p.s..p.e).unwrap_or("?"), p.x0))
            .collect();
        assert_eq!(
            got,
            vec![
                ("产出指标", 0),
                ("数量指标", 9),
                ("培训 场次", 18),
                ("≥3次", 29)
            ]
        );
    }

    #[test]
    fn columns_from_the_header_and_wrapped_cells_joined() {
        let text = "一级指标  二级指标  三级指标            指标值\n\
                    产出指标  数量指标  开展技工学校设立职称  ≥3次\n\
                    \x20                   评比\n\
                    \x20                   培训人次              ≥50人\n";
        let ls = lines(text);
        let rows = read(&ls, &lex());
        assert_eq!(
            texts(&rows),
            vec![
                vec!["一级指标", "二级指标", "三级指标", "指标值"],
                vec!["产出指标", "数量指标", "开展技工学校设立职称评比", "≥3次"],
                vec!["", "", "培训人次", "≥50人"],
            ]
        );
        // the span is the printed cell's: line 4, its first character
        assert_eq!((rows[2][2].span.line, rows[2][2].span.col), (4, 21));
    }

    #[test]
    fn a_wrap_that_leaves_a_glyph_and_a_space_unused_still_continues() {
        // `建设材料, ` wrapped before `推广` (a space and one wide glyph short of the column);
        // the widest piece of the column ends 3 columns further; a value below a full
        // name and a full value opens a row
        let text = "一级指标  二级指标  三级指标                指标值\n\
                    产出指标  数量指标  开展技工学校设立职称    ≥3次\n\
                    \x20                   采用节能建设材料,       明显\n\
                    \x20                   推广绿色理念\n\
                    \x20                   年度任务完成时间节点    2025年9月末前\n\
                    \x20                   处置及时率              ≥95%\n";
        let rows = read(&lines(text), &lex());
        assert_eq!(
            texts(&rows)[2..],
            vec![
                vec!["", "", "采用节能建设材料,推广绿色理念", "明显"],
                vec!["", "", "年度任务完成时间节点", "2025年9月末前"],
                vec!["", "", "处置及时率", "≥95%"],
            ]
        );
    }

    #[test]
    fn a_tall_cell_centred_on_its_row_opens_above_the_main_line() {
        // two rows whose names are centred around their values: read as centred, each name
        // opens on the line above its row's values
        let text = "一级指标  二级指标  三级指标      指标值\n\
                    \x20                   开展技工学校\n\
                    产出指标  数量指标  设立职称评比  ≥3次\n\
                    \x20                   工作\n\
                    \x20                   组织开展技能\n\
                    \x20                   竞赛活动场次  ≥2场\n\
                    \x20                   和培训\n\
                    \x20                   培训人次      ≥50人\n";
        let ls = lines(text);
        let rows = read(&ls, &lex());
        assert_eq!(
            texts(&rows),
            vec![
                vec!["一级指标", "二级指标", "三级指标", "指标值"],
                vec![
                    "产出指标",
                    "数量指标",
                    "开展技工学校设立职称评比工作",
                    "≥3次"
                ],
                vec!["", "", "组织开展技能竞赛活动场次和培训", "≥2场"],
                vec!["", "", "培训人次", "≥50人"],
            ]
        );
        // the printed cell starts on the line above the row
        assert_eq!(rows[1][2].span.line, 2);
    }
}
