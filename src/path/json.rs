//! `path --format json`: one document, `"format": "actorgraph-path/1"`, with each path's
//! organizations and, per step, every edge joining them with its citations in full, their
//! grades included (`reliability`, `credibility`; `null` when not graded). Its
//! JSON Schema is `schema/actorgraph-path-1.schema.json`; docs/questions.md describes each
//! field. Edges are named by their export id ([`edge_id`]).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Value, json};

use super::{Found, MAX_PATHS, Query, sentence, steps};
use crate::export::text::edge_id;
use crate::model::{Citation, Dataset, Date, Edge, When};

/// The version of the document's layout.
pub(crate) const FORMAT: &str = "actorgraph-path/1";

/// The document, its fields in this order (`format` first); nested objects have their
/// keys sorted.
#[derive(Serialize)]
#[allow(clippy::struct_excessive_bools)] // a JSON document's flags, not a state
struct Document<'a> {
    format: &'static str,
    filters: Option<&'a str>,
    from: Value,
    to: Value,
    directed: bool,
    all: bool,
    max_length: Option<usize>,
    found: bool,
    length: Option<usize>,
    paths: Vec<Value>,
    capped: bool,
    cap: usize,
}

/// Writes the paths `found` for `q` (an empty list when there is none).
pub(crate) fn write(
    dataset: &Dataset,
    q: &Query,
    found: &Found,
    out: &mut dyn Write,
) -> io::Result<()> {
    let org = |o: usize| {
        let org = &dataset.organizations[o];
        json!({"id": org.id, "name": org.name})
    };
    let paths: Vec<Value> = found.paths.iter().map(|p| path(dataset, q, p)).collect();
    let doc = Document {
        format: FORMAT,
        filters: dataset.caption.as_deref(),
        from: org(q.from),
        to: org(q.to),
        directed: q.directed,
        all: q.all,
        max_length: q.max_length,
        found: !found.paths.is_empty(),
        length: found.paths.first().map(|p| p.len() - 1),
        paths,
        capped: found.capped,
        cap: MAX_PATHS,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

fn path(dataset: &Dataset, q: &Query, path: &[usize]) -> Value {
    let ids: Vec<&str> = path
        .iter()
        .map(|&o| dataset.organizations[o].id.as_str())
        .collect();
    let steps: Vec<Value> = steps(dataset, path, q.directed)
        .iter()
        .map(|s| {
            let edges: Vec<Value> = s.edges.iter().map(|e| edge(dataset, e, s.from)).collect();
            json!({
                "from": dataset.organizations[s.from].id,
                "to": dataset.organizations[s.to].id,
                "edges": edges,
            })
        })
        .collect();
    json!({"organizations": ids, "steps": steps})
}

fn edge(dataset: &Dataset, e: &Edge, step_from: usize) -> Value {
    let (from, to) = dataset.endpoints(e);
    let ty = dataset.edge_type(e);
    let label = e.when.label();
    let (start, end, point) = match &e.when {
        When::Undated => (None, None, None),
        When::Point(d) => (None, None, Some(d.text())),
        When::Interval { start, end } => (
            start.as_ref().map(Date::text),
            end.as_ref().map(Date::text),
            None,
        ),
    };
    json!({
        "id": edge_id(dataset, e),
        "type": ty.name,
        "label": ty.label,
        "directed": ty.directed,
        "from": from.id,
        "to": to.id,
        "along": !ty.directed || e.from == step_from,
        "sentence": sentence(dataset, e),
        "when": (!label.is_empty()).then_some(label),
        "date": point,
        "start": start,
        "end": end,
        "confidence": e.confidence.map(crate::model::Confidence::as_str),
        "disputed": e.is_disputed(),
        "possibly_active": e.possibly_active,
        "notes": e.notes,
        "sources": citations(dataset, &e.sources),
        "disputed_by": citations(dataset, &e.disputed_by),
    })
}

fn citations(dataset: &Dataset, list: &[Citation]) -> Vec<Value> {
    list.iter()
        .map(|c| {
            let s = &dataset.sources[c.source];
            json!({
                "source": s.id,
                "title": s.title,
                "url": s.url,
                "quote": c.quote,
                "locator": c.locator,
                "reliability": s.reliability.map(crate::model::Reliability::letter),
                "credibility": c.credibility.map(crate::model::Credibility::number),
            })
        })
        .collect()
}
