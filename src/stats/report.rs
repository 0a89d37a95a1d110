//! The tables `stats` prints as text and as Markdown, built once from a [`Stats`] so
//! both formats say the same thing: the network's size, its components, the top
//! [`TOP`] organizations by degree and betweenness, evidence quality, the sources whose
//! withdrawal leaves edges unsupported, and edges per decade. Each cell says what kind
//! of text it holds, so each renderer can make dataset text inert its own way.
//!
//! After [`evidence`] come the graded evidence tables ([`grades`]): citations and edges
//! per Admiralty grade, and the edges resting only on weak or ungraded evidence; for a
//! slice with no grade at all, one short line saying so.

use super::evidence::{PerGrade, STRONG};
use super::{Stats, TOP, top};
use crate::export::grades::list;
use crate::export::text::edge_id;
use crate::model::{Credibility, Reliability};

/// One cell's text, by where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// The tool's own words and numbers.
    Word(String),
    /// Text from the dataset: names, titles.
    Data(String),
    /// An id from the dataset (code in Markdown).
    Id(String),
}

/// How a column aligns in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// A titled table, with an optional line after it in the tool's own words.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub title: &'static str,
    /// Each column's heading (the tool's words, or a type name as an id) and alignment.
    pub columns: Vec<(Cell, Align)>,
    pub rows: Vec<Vec<Cell>>,
    pub note: Option<String>,
}

fn word(n: impl std::fmt::Display) -> Cell {
    Cell::Word(n.to_string())
}

/// Columns headed by the tool's own words.
fn columns(list: &[(&str, Align)]) -> Vec<(Cell, Align)> {
    list.iter().map(|&(h, a)| (word(h), a)).collect()
}

fn key_values(title: &'static str, rows: Vec<(&str, String)>) -> Table {
    Table {
        title,
        columns: columns(&[("measure", Align::Left), ("value", Align::Right)]),
        rows: rows
            .into_iter()
            .map(|(k, v)| vec![word(k), word(v)])
            .collect(),
        note: None,
    }
}

/// `and N more` when `shown` of `all` are listed.
fn more(shown: usize, all: usize, what: &str) -> Option<String> {
    (all > shown).then(|| format!("… and {} more {what} (all in --format json)", all - shown))
}

/// Every table, in order.
pub(crate) fn tables(stats: &Stats<'_>) -> Vec<Table> {
    let mut tables = vec![
        size(stats),
        types(stats),
        components(stats),
        isolated(stats),
        degree(stats),
        ranking(
            stats,
            "Highest betweenness",
            "betweenness",
            &|o| stats.betweenness[o],
            &|o| format!("{:.6}", stats.betweenness[o]),
        ),
        ranking(
            stats,
            "Most directed edges in",
            "in",
            &|o| f64::from(stats.degrees.of(o).incoming),
            &|o| stats.degrees.of(o).incoming.to_string(),
        ),
        ranking(
            stats,
            "Most directed edges out",
            "out",
            &|o| f64::from(stats.degrees.of(o).out),
            &|o| stats.degrees.of(o).out.to_string(),
        ),
        evidence(stats),
    ];
    tables.extend(grades(stats));
    tables.extend([sources(stats), decades(stats)]);
    tables
}

fn size(stats: &Stats<'_>) -> Table {
    let s = &stats.size;
    let largest = stats.components.sizes.first().copied().unwrap_or(0);
    key_values(
        "Network",
        vec![
            ("organizations", s.organizations.to_string()),
            (
                "sources cited",
                format!("{} of {}", s.sources_cited, s.sources),
            ),
            ("edges", s.edges.to_string()),
            ("pairs of organizations linked", s.linked_pairs.to_string()),
            ("disputed edges", s.disputed.to_string()),
            ("undated edges", s.undated.to_string()),
            ("possibly active edges", s.possibly_active.to_string()),
            (
                "components (weak)",
                stats.components.sizes.len().to_string(),
            ),
            ("largest component", largest.to_string()),
            ("isolated organizations", stats.isolated.len().to_string()),
        ],
    )
}

fn types(stats: &Stats<'_>) -> Table {
    let rows = stats
        .dataset
        .edge_types
        .iter()
        .zip(&stats.size.by_type)
        .filter(|(_, n)| **n > 0)
        .map(|(t, n)| {
            let direction = if t.directed { "directed" } else { "undirected" };
            vec![Cell::Id(t.name.clone()), word(direction), word(n)]
        })
        .collect();
    Table {
        title: "Edges by type",
        columns: columns(&[
            ("type", Align::Left),
            ("direction", Align::Left),
            ("edges", Align::Right),
        ]),
        rows,
        note: None,
    }
}

/// The smallest id in each of the first components, as a way to name it.
fn components(stats: &Stats<'_>) -> Table {
    let c = &stats.components;
    let shown = c.sizes.len().min(TOP);
    let mut first = vec![None; shown];
    for (org, &k) in c.of.iter().enumerate() {
        if let Some(slot @ None) = first.get_mut(k as usize) {
            *slot = Some(org);
        }
    }
    let rows = (0..shown)
        .map(|k| {
            let id = first[k].map_or("", |o| &stats.dataset.organizations[o].id);
            vec![word(k + 1), word(c.sizes[k]), Cell::Id(id.to_owned())]
        })
        .collect();
    Table {
        title: "Components (weak), largest first",
        columns: columns(&[
            ("#", Align::Right),
            ("organizations", Align::Right),
            ("including", Align::Left),
        ]),
        rows,
        note: more(shown, c.sizes.len(), "components"),
    }
}

fn org_cells(stats: &Stats<'_>, o: usize) -> [Cell; 2] {
    let org = &stats.dataset.organizations[o];
    [
        Cell::Data(org.display_name().into_owned()),
        Cell::Id(org.id.to_string()),
    ]
}

fn isolated(stats: &Stats<'_>) -> Table {
    let all = &stats.isolated;
    let rows = all
        .iter()
        .take(TOP)
        .map(|&o| org_cells(stats, o).into())
        .collect();
    Table {
        title: "Isolated organizations",
        columns: columns(&[("organization", Align::Left), ("id", Align::Left)]),
        rows,
        note: more(all.len().min(TOP), all.len(), "isolated organizations"),
    }
}

fn degree(stats: &Stats<'_>) -> Table {
    let d = &stats.degrees;
    let orgs = top(stats.dataset.organizations.len(), TOP, |o| d.of(o).total());
    let rows = orgs
        .iter()
        .enumerate()
        .map(|(rank, &o)| {
            let c = d.of(o);
            let [name, id] = org_cells(stats, o);
            vec![
                word(rank + 1),
                name,
                id,
                word(c.total()),
                word(c.out),
                word(c.incoming),
                word(c.undirected),
            ]
        })
        .collect();
    Table {
        title: "Highest degree",
        columns: columns(&[
            ("#", Align::Right),
            ("organization", Align::Left),
            ("id", Align::Left),
            ("edges", Align::Right),
            ("out", Align::Right),
            ("in", Align::Right),
            ("undirected", Align::Right),
        ]),
        rows,
        note: None,
    }
}

fn ranking(
    stats: &Stats<'_>,
    title: &'static str,
    column: &'static str,
    key: &dyn Fn(usize) -> f64,
    value: &dyn Fn(usize) -> String,
) -> Table {
    let orgs = top(stats.dataset.organizations.len(), TOP, key);
    let rows = orgs
        .iter()
        .enumerate()
        .map(|(rank, &o)| {
            let [name, id] = org_cells(stats, o);
            vec![word(rank + 1), name, id, word(value(o))]
        })
        .collect();
    Table {
        title,
        columns: columns(&[
            ("#", Align::Right),
            ("organization", Align::Left),
            ("id", Align::Left),
            (column, Align::Right),
        ]),
        rows,
        note: None,
    }
}

fn evidence(stats: &Stats<'_>) -> Table {
    let e = &stats.evidence;
    let of_edges = |n: usize| format!("{n} of {}", stats.size.edges);
    key_values(
        "Evidence",
        vec![
            (
                "citations without a quote",
                format!("{} of {}", e.unquoted, e.citations),
            ),
            (
                "edges with one source only",
                of_edges(e.single_source.len()),
            ),
            ("edges citing bare source ids only", of_edges(e.bare.len())),
            ("undated edges", of_edges(e.undated.len())),
            ("low-confidence edges", of_edges(e.low_confidence.len())),
        ],
    )
}

/// The graded evidence tables, or one line when nothing in the slice is graded.
fn grades(stats: &Stats<'_>) -> Vec<Table> {
    let g = &stats.evidence.grades;
    if g.graded_citations == 0 {
        let mut none = key_values(
            "Graded evidence",
            vec![(
                "graded citations",
                format!("0 of {}", stats.evidence.citations),
            )],
        );
        none.note =
            Some("None is graded: no reliability on its source, no credibility of its own.".into());
        return vec![none];
    }
    vec![grade_counts(stats), weak_edges(stats)]
}

/// One row per grade of both scales, then one for no grade on each.
fn grade_counts(stats: &Stats<'_>) -> Table {
    let g = &stats.evidence.grades;
    let row = |grade: &str, meaning: &str, scale: fn(&PerGrade) -> &[usize; 7], i: usize| {
        vec![
            word(grade),
            word(meaning),
            word(scale(&g.supporting)[i]),
            word(scale(&g.disputing)[i]),
            word(scale(&g.edges)[i]),
        ]
    };
    let reliability: fn(&PerGrade) -> &[usize; 7] = |p| &p.reliability;
    let credibility: fn(&PerGrade) -> &[usize; 7] = |p| &p.credibility;
    let mut rows: Vec<Vec<Cell>> = Reliability::ALL
        .iter()
        .enumerate()
        .map(|(i, r)| row(r.letter(), r.meaning(), reliability, i))
        .collect();
    rows.push(row("-", "no reliability", reliability, 6));
    rows.extend(
        Credibility::ALL
            .iter()
            .enumerate()
            .map(|(i, c)| row(c.digit(), c.meaning(), credibility, i)),
    );
    rows.push(row("-", "no credibility", credibility, 6));
    Table {
        title: "Graded evidence (Admiralty code)",
        columns: columns(&[
            ("grade", Align::Left),
            ("meaning", Align::Left),
            ("supporting", Align::Right),
            ("disputing", Align::Right),
            ("edges (best)", Align::Right),
        ]),
        rows,
        note: Some(format!(
            "{} of {} citations graded. Citations count by their source's reliability and \
             their own credibility; an edge by the best of each among its supporting \
             citations.",
            g.graded_citations, stats.evidence.citations
        )),
    }
}

/// The edges no supporting citation graded [`STRONG`] (B3) or better supports, graded
/// or not, in edge order.
fn weak_edges(stats: &Stats<'_>) -> Table {
    let g = &stats.evidence.grades;
    let dataset = stats.dataset;
    let mut edges: Vec<usize> = g.weak.iter().chain(&g.ungraded).copied().collect();
    edges.sort_unstable();
    let rows = edges
        .iter()
        .take(TOP)
        .map(|&i| {
            let e = &dataset.edges[i];
            let mut graded = list(dataset, &e.sources);
            let ungraded = e.sources.len() - graded.len();
            if ungraded > 0 {
                graded.push(format!("{ungraded} ungraded"));
            }
            vec![
                Cell::Id(edge_id(dataset, e).into_owned()),
                Cell::Data(graded.join(", ")),
            ]
        })
        .collect();
    let mut note = format!(
        "{} of {} edges, {} of them with no grade at all; --min-reliability {} \
         --min-credibility {} leaves them out.",
        edges.len(),
        stats.size.edges,
        g.ungraded.len(),
        STRONG.0.letter(),
        STRONG.1.digit()
    );
    if let Some(more) = more(edges.len().min(TOP), edges.len(), "edges") {
        note = format!("{note} {more}");
    }
    Table {
        title: "Edges resting only on weak or ungraded evidence (nothing graded B3 or better)",
        columns: columns(&[("edge", Align::Left), ("its sources' grades", Align::Left)]),
        rows,
        note: Some(note),
    }
}

fn sources(stats: &Stats<'_>) -> Table {
    let all = &stats.evidence.sources;
    let rows = all
        .iter()
        .take(TOP)
        .map(|s| {
            let source = &stats.dataset.sources[s.source];
            let example = s.sole.first().map_or(String::new(), |&e| {
                edge_id(stats.dataset, &stats.dataset.edges[e]).into_owned()
            });
            vec![
                Cell::Data(source.title.to_string()),
                Cell::Id(source.id.to_string()),
                word(s.supports),
                word(s.sole.len()),
                word(s.disputes),
                Cell::Id(example),
            ]
        })
        .collect();
    Table {
        title: "Sources, by the edges left unsupported without them",
        columns: columns(&[
            ("source", Align::Left),
            ("id", Align::Left),
            ("supports", Align::Right),
            ("alone", Align::Right),
            ("disputes", Align::Right),
            ("e.g.", Align::Left),
        ]),
        rows,
        note: more(all.len().min(TOP), all.len(), "sources"),
    }
}

fn decades(stats: &Stats<'_>) -> Table {
    let d = &stats.decades;
    let types: Vec<usize> = (0..stats.dataset.edge_types.len())
        .filter(|&t| d.rows.iter().any(|r| r.by_type[t] > 0))
        .collect();
    let mut heads = columns(&[("decade", Align::Left), ("edges", Align::Right)]);
    let type_name = |t: usize| Cell::Id(stats.dataset.edge_types[t].name.clone());
    heads.extend(types.iter().map(|&t| (type_name(t), Align::Right)));
    let mut rows: Vec<Vec<Cell>> = d
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![word(format!("{}s", r.decade)), word(r.total())];
            row.extend(types.iter().map(|&t| word(r.by_type[t])));
            row
        })
        .collect();
    if d.no_start > 0 {
        let mut row = vec![word("no start"), word(d.no_start)];
        row.extend(types.iter().map(|_| word("")));
        rows.push(row);
    }
    Table {
        title: "Edges by decade of their start",
        columns: heads,
        rows,
        note: None,
    }
}
