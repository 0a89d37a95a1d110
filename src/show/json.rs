//! `show --format json`: the same organization, edges and citations as the text, as one
//! JSON document for scripts and editors, each record with the `file` and `line` where
//! it is written. Values are the dataset's own strings (JSON escaping keeps them inert).

use std::io::{self, Write};

use serde::Serialize;

use super::{Direction, groups};
use crate::diagnostic::Files;
use crate::export::records::{AsWritten, OrganizationRecord};
use crate::model::{Citation, Dataset, Edge, Origin};

#[derive(Serialize)]
struct Shown<'a> {
    organization: JsonOrganization<'a>,
    edges: Vec<JsonEdge<'a>>,
}

/// Where a record is written.
#[derive(Serialize)]
struct At<'a> {
    file: &'a str,
    line: u32,
}

/// The organization, `aliases` written even when empty.
#[derive(Serialize)]
struct JsonOrganization<'a> {
    #[serde(flatten)]
    record: OrganizationRecord<'a, AsWritten>,
    #[serde(flatten)]
    at: At<'a>,
}

#[derive(Serialize)]
struct JsonEdge<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(rename = "type")]
    edge_type: &'a str,
    direction: &'static str,
    /// The other organization's id.
    other: &'a str,
    from: &'a str,
    to: &'a str,
    /// The dates as the text shows them; empty when undated.
    dates: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<&'static str>,
    disputed: bool,
    sources: Vec<JsonCitation<'a>>,
    disputed_by: Vec<JsonCitation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a str>,
    #[serde(flatten)]
    at: At<'a>,
}

/// A citation with its source's title and grade beside its own, so it has fields of
/// its own rather than [`crate::export::records::CitationRecord`]'s.
#[derive(Serialize)]
struct JsonCitation<'a> {
    source: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    locator: Option<&'a str>,
    /// The source's Admiralty reliability letter.
    #[serde(skip_serializing_if = "Option::is_none")]
    reliability: Option<&'static str>,
    /// The citation's Admiralty credibility number.
    #[serde(skip_serializing_if = "Option::is_none")]
    credibility: Option<u8>,
    /// Where the source is declared.
    #[serde(flatten)]
    at: At<'a>,
}

/// Writes organization `org` of `dataset` as one pretty-printed JSON document; `files`
/// names the files the records' origins point into.
pub(crate) fn write(
    dataset: &Dataset,
    org: usize,
    files: &Files,
    out: &mut dyn Write,
) -> io::Result<()> {
    let at = |o: Origin| At {
        file: files.display(o.file),
        line: o.line,
    };
    let o = &dataset.organizations[org];
    let organization = JsonOrganization {
        record: o.into(),
        at: at(o.origin),
    };
    let mut edges = Vec::new();
    for group in groups(dataset, org) {
        let direction = match group.direction {
            Direction::Outgoing => "outgoing",
            Direction::Incoming => "incoming",
            Direction::Undirected => "undirected",
        };
        for edge in group.edges {
            edges.push(json_edge(dataset, org, edge, direction, &at));
        }
    }
    serde_json::to_writer_pretty(
        &mut *out,
        &Shown {
            organization,
            edges,
        },
    )?;
    writeln!(out)
}

fn json_edge<'a>(
    dataset: &'a Dataset,
    org: usize,
    edge: &'a Edge,
    direction: &'static str,
    at: &impl Fn(Origin) -> At<'a>,
) -> JsonEdge<'a> {
    let cite = |list: &'a [Citation]| {
        list.iter()
            .map(|c| {
                let source = &dataset.sources[c.source];
                JsonCitation {
                    source: &source.id,
                    title: &source.title,
                    quote: c.quote.as_deref(),
                    locator: c.locator.as_deref(),
                    reliability: source.reliability.map(crate::model::Reliability::letter),
                    credibility: c.credibility.map(crate::model::Credibility::number),
                    at: at(source.origin),
                }
            })
            .collect()
    };
    let other = if edge.from == org { edge.to } else { edge.from };
    JsonEdge {
        id: edge.id.as_deref(),
        edge_type: &dataset.edge_types[edge.edge_type].name,
        direction,
        other: &dataset.organizations[other].id,
        from: &dataset.organizations[edge.from].id,
        to: &dataset.organizations[edge.to].id,
        dates: edge.when.label(),
        confidence: edge.confidence.map(crate::model::Confidence::as_str),
        disputed: edge.is_disputed(),
        sources: cite(&edge.sources),
        disputed_by: cite(&edge.disputed_by),
        notes: edge.notes.as_deref(),
        at: at(edge.origin),
    }
}
