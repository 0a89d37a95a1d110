//! `stats --format json`: one document, `"format": "actorgraph-stats/1"`, with every
//! organization (not only the top ones) and every edge list in full, for scripts. Its
//! JSON Schema is `schema/actorgraph-stats-1.schema.json`; docs/questions.md describes
//! each field. Edges are named by their export id ([`edge_id`]), organizations and
//! sources by their dataset id; maps are keyed by edge type name, in the dataset's
//! type order.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::Stats;
use super::degree::Count;
use crate::export::text::edge_id;
use crate::model::Dataset;

/// The version of the document's layout.
pub(crate) const FORMAT: &str = "actorgraph-stats/1";

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    filters: Option<&'a str>,
    size: Value,
    components: Value,
    organizations: Vec<Value>,
    evidence: Value,
    decades: Value,
}

/// Writes `stats` as JSON.
pub(crate) fn write(stats: &Stats<'_>, out: &mut dyn Write) -> io::Result<()> {
    let doc = Document {
        format: FORMAT,
        filters: stats.dataset.caption.as_deref(),
        size: size(stats),
        components: components(stats),
        organizations: organizations(stats),
        evidence: evidence(stats),
        decades: decades(stats),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// `{type: value}` over the types with a non-zero `count`, in type order.
fn by_type(dataset: &Dataset, count: impl Fn(usize) -> Option<Value>) -> Value {
    let map: Map<String, Value> = (0..dataset.edge_types.len())
        .filter_map(|t| count(t).map(|v| (dataset.edge_types[t].name.clone(), v)))
        .collect();
    Value::Object(map)
}

fn size(stats: &Stats<'_>) -> Value {
    let s = &stats.size;
    json!({
        "organizations": s.organizations,
        "sources": {"cited": s.sources_cited, "total": s.sources},
        "edges": s.edges,
        "edges_by_type": by_type(stats.dataset, |t| (s.by_type[t] > 0).then(|| json!(s.by_type[t]))),
        "linked_pairs": s.linked_pairs,
        "disputed": s.disputed,
        "undated": s.undated,
        "possibly_active": s.possibly_active,
    })
}

fn ids(stats: &Stats<'_>, orgs: &[usize]) -> Vec<String> {
    orgs.iter()
        .map(|&o| stats.dataset.organizations[o].id.to_string())
        .collect()
}

fn components(stats: &Stats<'_>) -> Value {
    json!({
        "count": stats.components.sizes.len(),
        "sizes": stats.components.sizes,
        "isolated": ids(stats, &stats.isolated),
    })
}

fn degree(c: Count) -> Value {
    json!({"total": c.total(), "out": c.out, "in": c.incoming, "undirected": c.undirected})
}

fn organizations(stats: &Stats<'_>) -> Vec<Value> {
    let dataset = stats.dataset;
    let d = &stats.degrees;
    (0..dataset.organizations.len())
        .map(|o| {
            let org = &dataset.organizations[o];
            let types = by_type(dataset, |t| {
                let c = d.of_type(o, t);
                (c.total() > 0).then(|| degree(c))
            });
            json!({
                "id": org.id,
                "name": org.name,
                "component": stats.components.of[o],
                "degree": degree(d.of(o)),
                "degree_by_type": types,
                "betweenness": stats.betweenness[o],
            })
        })
        .collect()
}

fn edge_ids(stats: &Stats<'_>, edges: &[usize]) -> Vec<String> {
    edges
        .iter()
        .map(|&e| edge_id(stats.dataset, &stats.dataset.edges[e]).into_owned())
        .collect()
}

fn evidence(stats: &Stats<'_>) -> Value {
    let e = &stats.evidence;
    let sources: Vec<Value> = e
        .sources
        .iter()
        .map(|s| {
            let source = &stats.dataset.sources[s.source];
            json!({
                "id": source.id,
                "title": source.title,
                "supports": s.supports,
                "disputes": s.disputes,
                "sole_support_of": edge_ids(stats, &s.sole),
            })
        })
        .collect();
    json!({
        "citations": e.citations,
        "unquoted_citations": e.unquoted,
        "single_source_edges": edge_ids(stats, &e.single_source),
        "bare_citation_edges": edge_ids(stats, &e.bare),
        "undated_edges": edge_ids(stats, &e.undated),
        "low_confidence_edges": edge_ids(stats, &e.low_confidence),
        "sources": sources,
    })
}

fn decades(stats: &Stats<'_>) -> Value {
    let rows: Vec<Value> = stats
        .decades
        .rows
        .iter()
        .map(|r| {
            let types = by_type(stats.dataset, |t| {
                (r.by_type[t] > 0).then(|| json!(r.by_type[t]))
            });
            json!({"decade": r.decade, "edges": r.total(), "by_type": types})
        })
        .collect();
    json!({"by_start": rows, "no_start": stats.decades.no_start})
}
