//! A stable id for every edge, for the formats that MERGE or reference edges by id
//! (Cypher, STIX): the dataset's own `id`, else a key made of the edge's own fields
//! (endpoints, type, dates as written) and a counter among earlier edges with the same
//! key. It does not depend on other records, so adding, removing or filtering out
//! unrelated records never changes it.

use std::borrow::Cow;

use crate::model::{Dataset, Edge, When};

/// The key of an edge without an id: `from~type~to~when`, where `when` is the date as
/// written, `start..end` for an interval (either side may be empty), or empty. `~` is
/// not allowed in dataset ids, so a key never equals an id.
fn key(dataset: &Dataset, edge: &Edge) -> String {
    let (from, to) = dataset.endpoints(edge);
    let when = match &edge.when {
        When::Undated => String::new(),
        When::Point(d) => d.text().to_owned(),
        When::Interval { start, end } => format!(
            "{}..{}",
            start.as_ref().map_or("", |d| d.text()),
            end.as_ref().map_or("", |d| d.text())
        ),
    };
    format!(
        "{}~{}~{}~{when}",
        from.id,
        dataset.edge_type(edge).name,
        to.id
    )
}

/// The stable ids of all edges, in edge order. Edges with the same key are adjacent in
/// the dataset's order, so the counter only looks back at the previous edge.
pub fn edge_ids(dataset: &Dataset) -> Vec<Cow<'_, str>> {
    let mut ids = Vec::with_capacity(dataset.edges.len());
    let mut previous: Option<(String, usize)> = None;
    for edge in &dataset.edges {
        if let Some(id) = &edge.id {
            ids.push(Cow::Borrowed(id.as_str()));
            continue;
        }
        let k = key(dataset, edge);
        let n = match &previous {
            Some((p, n)) if *p == k => n + 1,
            _ => 0,
        };
        ids.push(Cow::Owned(if n == 0 {
            k.clone()
        } else {
            format!("{k}~{n}")
        }));
        previous = Some((k, n));
    }
    ids
}
