//! The whole dataset as one JSON document, mirroring the YAML field names, with each
//! edge's direction and each date's day bounds resolved, for scripts. As in every export,
//! the edge type is called `relation`. Grades are written only where given: `reliability`
//! on a source, `credibility` (a number) on a citation.

use std::io::{self, Write};

use serde::Serialize;

use super::batches;
use super::records::{
    CitationRecord, OrganizationRecord, Resolved, ResolvedDate, SourceRecord, date,
};
use crate::model::{Citation, Dataset, Edge, EdgeType, When};

#[derive(Serialize)]
struct JsonType<'a> {
    name: &'a str,
    directed: bool,
    label: &'a str,
    color: &'a str,
    style: &'static str,
    builtin: bool,
}

/// A citation: the source's id as `ref`, then what it says.
#[derive(Serialize)]
struct JsonCitation<'a> {
    #[serde(rename = "ref")]
    source: &'a str,
    #[serde(flatten)]
    record: CitationRecord<'a, Resolved>,
}

#[derive(Serialize)]
struct JsonEdge<'a> {
    /// The export id: the edge's own, or the one made from its content.
    id: std::borrow::Cow<'a, str>,
    from: &'a str,
    to: &'a str,
    relation: &'a str,
    directed: bool,
    disputed: bool,
    possibly_active: bool,
    date: Option<ResolvedDate<'a>>,
    start: Option<ResolvedDate<'a>>,
    end: Option<ResolvedDate<'a>>,
    confidence: Option<&'static str>,
    sources: Vec<JsonCitation<'a>>,
    disputed_by: Vec<JsonCitation<'a>>,
    notes: Option<&'a str>,
}

/// Writes the dataset as pretty-printed JSON followed by a newline: one object with
/// `format`, `edge_types`, `organizations`, `sources` and `edges`.
///
/// The document is written list by list, each record serialized on its own (on all
/// cores, for the long lists) and indented to its depth, so no copy of the whole
/// dataset is built; the bytes are those `serde_json::to_writer_pretty` would write.
pub fn write(dataset: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"{\n  \"format\": \"actorgraph/1\"")?;
    list(out, "edge_types", &dataset.edge_types, |t| edge_type(t))?;
    list(out, "organizations", &dataset.organizations, |o| {
        OrganizationRecord::<Resolved>::from(o)
    })?;
    list(out, "sources", &dataset.sources, |s| {
        SourceRecord::<Resolved>::from(s)
    })?;
    list(out, "edges", &dataset.edges, |e| edge(dataset, e))?;
    out.write_all(b"\n}\n")
}

/// Writes `,\n  "key": [...]` with each record as `view` shows it.
fn list<'a, T: Sync, V: Serialize>(
    out: &mut dyn Write,
    key: &str,
    records: &'a [T],
    view: impl Fn(&'a T) -> V + Sync,
) -> io::Result<()> {
    write!(out, ",\n  \"{key}\": [")?;
    if records.is_empty() {
        return out.write_all(b"]");
    }
    // Indexing keeps the record's lifetime `'a`, which the view borrows from.
    batches::write_in_order(records, out, |i, _, buf| {
        buf.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
        element(buf, &view(&records[i]))
    })?;
    out.write_all(b"\n  ]")
}

/// Appends `value` pretty-printed at the depth of a list element (4 spaces). Line
/// breaks inside JSON strings are escaped, so every raw newline is the printer's own.
fn element(buf: &mut Vec<u8>, value: &impl Serialize) -> io::Result<()> {
    let text = serde_json::to_vec_pretty(value)?;
    for (n, line) in text.split(|&b| b == b'\n').enumerate() {
        if n > 0 {
            buf.extend_from_slice(b"\n    ");
        }
        buf.extend_from_slice(line);
    }
    Ok(())
}

fn edge_type(t: &EdgeType) -> JsonType<'_> {
    JsonType {
        name: &t.name,
        directed: t.directed,
        label: &t.label,
        color: &t.color,
        style: t.style.as_str(),
        builtin: t.builtin,
    }
}

fn citations<'a>(dataset: &'a Dataset, list: &'a [Citation]) -> Vec<JsonCitation<'a>> {
    list.iter()
        .map(|c| JsonCitation {
            source: &dataset.sources[c.source].id,
            record: c.into(),
        })
        .collect()
}

fn edge<'a>(dataset: &'a Dataset, e: &'a Edge) -> JsonEdge<'a> {
    let (from, to) = dataset.endpoints(e);
    let ty = dataset.edge_type(e);
    let (point, start, end) = match &e.when {
        When::Undated => (None, None, None),
        When::Point(d) => (Some(d), None, None),
        When::Interval { start, end } => (None, start.as_ref(), end.as_ref()),
    };
    JsonEdge {
        id: super::text::edge_id(dataset, e),
        from: &from.id,
        to: &to.id,
        relation: &ty.name,
        directed: ty.directed,
        disputed: e.is_disputed(),
        possibly_active: e.possibly_active,
        date: date::<Resolved>(point),
        start: date::<Resolved>(start),
        end: date::<Resolved>(end),
        confidence: e.confidence.map(crate::model::Confidence::as_str),
        sources: citations(dataset, &e.sources),
        disputed_by: citations(dataset, &e.disputed_by),
        notes: e.notes.as_deref(),
    }
}
