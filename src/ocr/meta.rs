//! The meta rows of a page table. The stream of printed lines goes in (title and year already
//! lifted out) with where the indicator block begins; out come the rows `key | value` in the
//! standard layout, which lines they used, and how many rows they are.
//!
//! Keys are taken in the order printed, and values by type in the same order — amounts pair
//! with the amount keys (a department's 金额合计 takes the last three), a period (`3年`) with
//! 项目期, sentences (目标1：…, text with ， or 。) are the goals in order wherever the engine put
//! them, a project-source phrase of the vocabulary and a `[code]…` value are found wherever they
//! stand, and the other text lines are grouped into as many values as there are text keys.

use super::group::{group, join_lines};
use super::items::{cell, field_of, first_span, item_text};
use super::pieces::{Kind, Piece};
use crate::model::{Cell, Span};
use crate::vocab::Vocab;

/// Text meta fields a project form prints (their values are lines of text).
const TEXT_KEYS: [&str; 4] = [
    "project_name",
    "department",
    "implementing_unit",
    "project_source",
];
/// Amount fields (their values are plain decimals).
const FUND_KEYS: [&str; 4] = [
    "funds_total",
    "funds_fiscal",
    "funds_carryover",
    "funds_other",
];

/// How many lines on a broken project-source phrase looks for its end.
const SOURCE_REACH: usize = 4;

/// Whether a text line reads as (part of) a goal sentence.
/// How many of a department's last money lines the sum row's amounts are looked for among.
const SUM_ROW_REACH: usize = 24;

/// A money line's amount (`1,160.02` → 1160.02).
fn amount(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.contains(',') {
        t.replace(',', "").parse().ok()
    } else {
        t.parse().ok()
    }
}

fn goal_like(p: &Piece) -> bool {
    p.text.contains(['，', '。', '；', ','])
        || (p.text.contains("目标") && p.text.chars().any(|c| c.is_ascii_digit()))
        || p.width >= 40
}

/// Whether a line ends or numbers a goal sentence (。, 目标N：).
fn sentence_end(p: &Piece) -> bool {
    p.text.contains('。') || (p.text.contains("目标") && p.text.chars().any(|c| c.is_ascii_digit()))
}

/// Whether a value line is a period (`3年`, `长期`, `1-3年`).
fn period_like(p: &Piece) -> bool {
    let t = p.text.trim();
    t == "长期"
        || (t.ends_with('年')
            && t.chars().count() <= 4
            && t.trim_end_matches('年')
                .chars()
                .all(|c| c.is_ascii_digit() || c == '-'))
}

/// The first meta value line (`vals`, stream indices) that prints a project-source phrase of
/// the vocabulary, alone or completed by one of the next few lines (`上级转移支付项` … `目`): the
/// positions in `vals` of its lines.
fn find_source(vals: &[usize], ps: &[Piece], vocab: &Vocab) -> Option<Vec<usize>> {
    let text = |i: usize| {
        vals.get(i)
            .and_then(|&v| ps.get(v))
            .map(|p| p.text.as_str())
    };
    for at in 0..vals.len() {
        let Some(t) = text(at) else { break };
        if vocab.is_source(t) {
            return Some(vec![at]);
        }
        if t.chars().count() < 3 || !vocab.is_source_prefix(t) {
            continue;
        }
        for next in at + 1..(at + 1 + SOURCE_REACH).min(vals.len()) {
            if text(next).is_some_and(|u| vocab.is_source(format!("{t}{u}").as_str())) {
                return Some(vec![at, next]);
            }
        }
    }
    None
}

/// What `read` made: the meta rows, which stream lines they used (keys and amounts included),
/// and how many rows.
pub struct MetaRows {
    pub rows: Vec<Vec<Cell>>,
    pub used: Vec<bool>,
    pub count: usize,
}

/// The meta rows being built over the stream.
struct Meta<'a> {
    ps: &'a [Piece],
    vocab: &'a Vocab,
    keys: Vec<usize>,
    money: Vec<usize>,
    used: Vec<bool>,
    rows: Vec<Vec<Cell>>,
    count: usize,
}

/// Reads the meta rows (see the module doc); `ind_start` = the first header word or label,
/// `first_label` = the first label.
pub fn read(
    ps: &[Piece],
    vocab: &Vocab,
    department: bool,
    ind_start: usize,
    first_label: usize,
) -> MetaRows {
    let mut m = Meta::new(ps, vocab);
    let (goals, goal_span) = m.goals(department, first_label);
    if department {
        m.department(ind_start);
    } else {
        m.project(ind_start, first_label);
    }
    if !goals.is_empty() {
        let key = m.key_cell("goals", goal_span);
        m.push(vec![key, cell(goals, goal_span)]);
    }
    MetaRows {
        rows: m.rows,
        used: m.used,
        count: m.count,
    }
}

impl<'a> Meta<'a> {
    fn new(ps: &'a [Piece], vocab: &'a Vocab) -> Self {
        let of = |want: fn(&Kind) -> bool| -> Vec<usize> {
            (0..ps.len())
                .filter(|&k| ps.get(k).is_some_and(|p| want(&p.kind)))
                .collect()
        };
        let keys = of(|k| matches!(k, Kind::Key(_)));
        let money = of(|k| *k == Kind::Money);
        let mut m = Meta {
            ps,
            vocab,
            keys: Vec::new(),
            money: Vec::new(),
            used: vec![false; ps.len()],
            rows: Vec::new(),
            count: 0,
        };
        m.mark(&keys);
        m.mark(&money);
        m.keys = keys;
        m.money = money;
        m
    }

    fn mark(&mut self, ks: &[usize]) {
        for &k in ks {
            if let Some(u) = self.used.get_mut(k) {
                *u = true;
            }
        }
    }

    fn is_used(&self, k: usize) -> bool {
        self.used.get(k).copied().unwrap_or(true)
    }

    fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
        self.count += 1;
    }

    fn key_span(&self, field: &str) -> Option<Span> {
        self.keys
            .iter()
            .filter_map(|&k| self.ps.get(k))
            .find(|p| field_of(p) == Some(field))
            .map(|p| p.span)
    }

    /// The key cell of a field: as printed, else the vocabulary's own key for it.
    fn key_cell(&self, field: &str, fallback: Span) -> Cell {
        self.keys
            .iter()
            .filter_map(|&k| self.ps.get(k))
            .find(|p| field_of(p) == Some(field))
            .map(|p| cell(p.text.clone(), p.span))
            .unwrap_or_else(|| {
                cell(
                    self.vocab
                        .meta_key_for(field)
                        .unwrap_or_default()
                        .to_string(),
                    fallback,
                )
            })
    }

    fn money_cell(&self, k: usize) -> Cell {
        self.ps
            .get(k)
            .map(|p| cell(p.text.clone(), p.span))
            .unwrap_or_default()
    }

    /// The fields of `set` whose keys are printed, in print order, each once.
    fn fields_in_order(&self, set: &[&str]) -> Vec<&'a str> {
        let ps = self.ps;
        self.keys
            .iter()
            .filter_map(|&k| ps.get(k).and_then(field_of))
            .filter(|f| set.contains(f))
            .fold(Vec::new(), |mut v, f| {
                if !v.contains(&f) {
                    v.push(f);
                }
                v
            })
    }

    /// Unused text lines before `end`.
    fn free_texts(&self, end: usize) -> Vec<usize> {
        (0..end.min(self.ps.len()))
            .filter(|&k| self.ps.get(k).is_some_and(|p| p.kind == Kind::Text) && !self.is_used(k))
            .collect()
    }

    /// The goals' text and span, their lines marked used: sentences before the first label (a
    /// department's after its 金额合计: the task contents before it are sentences too), and
    /// lines with 。 or 目标N up to the first value after the labels begin.
    fn goals(&mut self, department: bool, first_label: usize) -> (String, Span) {
        let ps = self.ps;
        let goals_from = if department {
            ps.iter()
                .position(|p| field_of(p) == Some("sum_row"))
                .unwrap_or(0)
        } else {
            0
        };
        let first_value = (first_label..ps.len())
            .find(|&k| ps.get(k).is_some_and(|p| p.kind == Kind::Value))
            .unwrap_or(ps.len());
        let goal_idx: Vec<usize> = (goals_from..first_value.min(ps.len()))
            .filter(|&k| {
                ps.get(k).is_some_and(|p| {
                    p.kind == Kind::Text
                        && if k < first_label {
                            goal_like(p)
                        } else {
                            sentence_end(p)
                        }
                })
            })
            .collect();
        self.mark(&goal_idx);
        let goal_refs: Vec<&Piece> = goal_idx.iter().filter_map(|&k| ps.get(k)).collect();
        let goals = join_lines(goal_refs.iter().map(|p| p.text.as_str()));
        let goal_span = goal_refs.first().map(|p| p.span).unwrap_or_default();
        (goals, goal_span)
    }

    /// A department's form: the department name key | name; the task block's amounts;
    /// 金额合计 takes the last three.
    fn department(&mut self, ind_start: usize) {
        let first = self.free_texts(ind_start).first().copied();
        if let Some((k, p)) = first.and_then(|k| self.ps.get(k).map(|p| (k, p))) {
            let row = vec![
                self.key_cell("department", p.span),
                cell(p.text.clone(), p.span),
            ];
            self.push(row);
            self.mark(&[k]);
        }
        if self.money.len() >= 3 {
            let last = self
                .sum_row_amounts()
                .unwrap_or_else(|| self.money.iter().rev().take(3).rev().copied().collect());
            let sp = self.key_span("sum_row").unwrap_or_default();
            let head = vec![
                cell(String::new(), sp),
                self.key_cell("funds_total", sp),
                self.key_cell("funds_fiscal", sp),
                self.key_cell("funds_other", sp),
            ];
            self.push(head);
            let mut r = vec![self.key_cell("sum_row", sp)];
            r.extend(last.iter().map(|&k| self.money_cell(k)));
            self.push(r);
        }
    }

    /// The 金额合计 row's amounts (总额, 财政拨款, 其他资金) among a department's money lines,
    /// wherever the engine put them: the total is the largest amount two others add up to (the
    /// sum is at least each task's amount, and its row holds its own parts); of its pairs, the
    /// one printed latest (the sum row comes after the tasks'); a part equal to the total is
    /// the fiscal money, else the parts keep their printed order. None when no amount is the
    /// sum of two others. Only the last `SUM_ROW_REACH` money lines are tried.
    fn sum_row_amounts(&self) -> Option<Vec<usize>> {
        let from = self.money.len().saturating_sub(SUM_ROW_REACH);
        let tail = self.money.get(from..).unwrap_or(&[]);
        let amounts: Vec<(usize, f64)> = tail
            .iter()
            .filter_map(|&k| Some((k, amount(&self.ps.get(k)?.text)?)))
            .collect();
        let mut best: Option<(f64, (usize, usize), usize)> = None;
        for (t, &(tk, total)) in amounts.iter().enumerate() {
            if best.is_some_and(|(b, _, _)| b >= total) {
                continue;
            }
            let mut pair: Option<(usize, usize)> = None;
            for (i, &(ik, a)) in amounts.iter().enumerate() {
                for &(jk, b) in amounts.iter().skip(i + 1) {
                    let fits = i != t && jk != tk && (a + b - total).abs() < 0.006;
                    // latest: the later first part, then the later second
                    if fits && pair.is_none_or(|(pi, pj)| (ik, jk) > (pi, pj)) {
                        pair = Some((ik, jk));
                    }
                }
            }
            if let Some(p) = pair {
                best = Some((total, p, tk));
            }
        }
        let (total, (a, b), tk) = best?;
        let is_total = |k: usize| {
            self.ps
                .get(k)
                .and_then(|p| amount(&p.text))
                .is_some_and(|v| (v - total).abs() < 0.006)
        };
        let (fiscal, other) = if is_total(b) && !is_total(a) {
            (b, a)
        } else {
            (a, b)
        };
        Some(vec![tk, fiscal, other])
    }

    /// A project's form: the source and a coded department wherever they stand, the other text
    /// keys' values grouped to as many, the period, the amounts.
    fn project(&mut self, ind_start: usize, first_label: usize) {
        let mut text_fields = self.fields_in_order(&TEXT_KEYS);
        let mut vals = self.free_texts(ind_start);
        // the project's source is one of the vocabulary's phrases, wherever the engine put it
        // and however it broke it (`上级转移支付项` `目`)
        if let Some(pos) = find_source(&vals, self.ps, self.vocab) {
            let parts: Vec<usize> = pos.iter().filter_map(|&i| vals.get(i).copied()).collect();
            vals.retain(|v| !parts.contains(v));
            self.value_row("project_source", &parts);
            text_fields.retain(|f| *f != "project_source");
        }
        if text_fields.contains(&"department") && self.coded_department(&mut vals) {
            text_fields.retain(|f| *f != "department");
        }
        self.text_values(&text_fields, &vals);
        if self.key_span("project_period").is_some() {
            self.period(first_label);
        }
        // amounts with the amount keys, in print order
        let fund_fields = self.fields_in_order(&FUND_KEYS);
        let money = self.money.clone();
        for (f, &m) in fund_fields.iter().zip(&money) {
            let row = vec![self.key_cell(f, Span::default()), self.money_cell(m)];
            self.push(row);
        }
    }

    /// A row `field | the lines of parts joined`, at the first line's span; the lines used.
    fn value_row(&mut self, field: &str, parts: &[usize]) {
        let lines: Vec<&str> = parts
            .iter()
            .filter_map(|&v| self.ps.get(v))
            .map(|p| p.text.as_str())
            .collect();
        let span = parts
            .first()
            .and_then(|&v| self.ps.get(v))
            .map(|p| p.span)
            .unwrap_or_default();
        let row = vec![
            self.key_cell(field, span),
            cell(join_lines(lines.iter().copied()), span),
        ];
        self.push(row);
        self.mark(parts);
    }

    /// A value led by a bracketed code (`[320]某县交通`) is the department's, wherever the
    /// engine put it; it runs on into the next line of its column when it fills the column.
    /// Whether one was found (its lines leave `vals`).
    fn coded_department(&mut self, vals: &mut Vec<usize>) -> bool {
        let ps = self.ps;
        let Some(pos) = vals
            .iter()
            .position(|&k| ps.get(k).is_some_and(|p| p.text.starts_with(['[', '【'])))
        else {
            return false;
        };
        let k = vals.remove(pos);
        let mut parts = vec![k];
        if let Some(d) = ps.get(k) {
            // a line opening with the department's own place name (`[372]远山市教育局` …
            // `远山市教育局`, `远山市第一中学`) names an organisation of its own (实施单位)
            let place: String = d
                .text
                .split_once([']', '】'])
                .map_or("", |(_, rest)| rest)
                .chars()
                .take(2)
                .collect();
            let own = |p: &Piece| place.chars().count() == 2 && p.text.starts_with(place.as_str());
            let cap = vals
                .iter()
                .filter_map(|&v| ps.get(v))
                .filter(|p| p.col == d.col)
                .map(|p| p.width)
                .chain(std::iter::once(d.width))
                .max()
                .unwrap_or(0);
            // its cell's next line first (a wrapped cell), else its column's next line
            let same_cell = vals.iter().position(|&v| {
                v == k + 1 && ps.get(v).is_some_and(|p| p.cell == d.cell && !own(p))
            });
            if let Some(next) = same_cell {
                parts.push(vals.remove(next));
            } else if d.width + 2 >= cap {
                // (a line that repeats the name is a value of its own: 实施单位)
                if let Some(next) = vals.iter().position(|&v| {
                    v > k
                        && ps.get(v).is_some_and(|p| {
                            p.col == d.col && !d.text.contains(p.text.as_str()) && !own(p)
                        })
                }) {
                    parts.push(vals.remove(next));
                }
            }
        }
        // (the row takes the span of the code's line)
        self.value_row("department", &parts);
        true
    }

    /// The other text keys in print order, their values grouped to as many.
    fn text_values(&mut self, text_fields: &[&str], vals: &[usize]) {
        let refs: Vec<&Piece> = vals.iter().filter_map(|&k| self.ps.get(k)).collect();
        let owned: Vec<Piece> = refs.iter().map(|p| (*p).clone()).collect();
        let items = if text_fields.is_empty() {
            Vec::new()
        } else {
            group(&owned, Some(text_fields.len().min(owned.len())), &|_| false)
        };
        for (f, it) in text_fields.iter().zip(&items) {
            let (text, _) = item_text(&refs, it);
            let row = vec![
                self.key_cell(f, Span::default()),
                cell(text, first_span(&refs, it)),
            ];
            self.push(row);
        }
        let taken: Vec<usize> = items
            .iter()
            .flat_map(|it| it.parts.iter().filter_map(|&k| vals.get(k).copied()))
            .collect();
        self.mark(&taken);
    }

    /// The period: the first period-like value before the first label.
    fn period(&mut self, first_label: usize) {
        let ps = self.ps;
        let Some(k) = (0..first_label.min(ps.len())).find(|&k| {
            ps.get(k)
                .is_some_and(|p| p.kind == Kind::Value && period_like(p))
        }) else {
            return;
        };
        if let Some(p) = ps.get(k) {
            let row = vec![
                self.key_cell("project_period", p.span),
                cell(p.text.clone(), p.span),
            ];
            self.push(row);
        }
        self.mark(&[k]);
    }
}
