//! The data the HTML view embeds: the dataset's records with indices instead of ids,
//! each organization's position, and the time control's slices. Serialized as compact
//! JSON; optional fields that are absent are left out.

use serde::Serialize;

use super::layout::layout;
use super::timeline::{Timeline, timeline};
use crate::export::records::{AsWritten, CitationRecord, OrganizationRecord, SourceRecord};
use crate::model::{Citation, Dataset, Edge, EdgeType, Organization};

#[derive(Serialize)]
pub(super) struct Page<'a> {
    format: &'static str,
    types: Vec<Type<'a>>,
    orgs: Vec<Org<'a>>,
    sources: Vec<SourceRecord<'a, AsWritten>>,
    edges: Vec<Link<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<Time>,
}

#[derive(Serialize)]
struct Type<'a> {
    name: &'a str,
    label: &'a str,
    color: &'a str,
    style: &'static str,
    directed: bool,
}

/// An organization, with its position and the slices where it appears or disappears.
#[derive(Serialize)]
struct Org<'a> {
    #[serde(flatten)]
    record: OrganizationRecord<'a, AsWritten>,
    x: i64,
    y: i64,
    /// Slice indices where the organization appears or disappears.
    t: Vec<u32>,
}

/// A citation, its source by index.
#[derive(Serialize)]
struct Cite<'a> {
    source: usize,
    #[serde(flatten)]
    record: CitationRecord<'a, AsWritten>,
}

#[derive(Serialize)]
struct Link<'a> {
    /// The export id ([`crate::export::text::edge_id`]), so `#edge=` names any edge.
    id: std::borrow::Cow<'a, str>,
    from: usize,
    to: usize,
    #[serde(rename = "type")]
    edge_type: usize,
    when: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<&'static str>,
    /// Possibly active in the exported slice (an export filtered by `--as-of`).
    possibly: bool,
    sources: Vec<Cite<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    disputed_by: Vec<Cite<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a str>,
    /// Flat `(slice index, state)` pairs where the state changes.
    t: Vec<u32>,
}

#[derive(Serialize)]
struct Time {
    first: u16,
    last: u16,
    years: Vec<u16>,
}

fn edge_type(t: &EdgeType) -> Type<'_> {
    Type {
        name: &t.name,
        label: &t.label,
        color: &t.color,
        style: t.style.as_str(),
        directed: t.directed,
    }
}

fn org(o: &Organization, at: (i64, i64), t: Vec<u32>) -> Org<'_> {
    Org {
        record: OrganizationRecord::from(o).without_empty_aliases(),
        x: at.0,
        y: at.1,
        t,
    }
}

fn cites(list: &[Citation]) -> Vec<Cite<'_>> {
    list.iter()
        .map(|c| Cite {
            source: c.source,
            record: c.into(),
        })
        .collect()
}

fn edge<'a>(dataset: &Dataset, e: &'a Edge, changes: &[(u32, u8)]) -> Link<'a> {
    Link {
        id: crate::export::text::edge_id(dataset, e),
        from: e.from,
        to: e.to,
        edge_type: e.edge_type,
        when: e.when.label(),
        confidence: e.confidence.map(crate::model::Confidence::as_str),
        possibly: e.possibly_active,
        sources: cites(&e.sources),
        disputed_by: cites(&e.disputed_by),
        notes: e.notes.as_deref(),
        t: changes
            .iter()
            .flat_map(|&(i, s)| [i, u32::from(s)])
            .collect(),
    }
}

/// Everything the page needs, laid out and sliced.
pub(super) fn page(dataset: &Dataset) -> Page<'_> {
    let ids: Vec<&str> = dataset
        .organizations
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    let links: Vec<(usize, usize)> = dataset.edges.iter().map(|e| (e.from, e.to)).collect();
    let positions = layout(&ids, &links);
    let Timeline {
        span,
        years,
        organizations,
        edges,
    } = timeline(dataset);
    Page {
        format: "actorgraph-html/1",
        types: dataset.edge_types.iter().map(edge_type).collect(),
        orgs: dataset
            .organizations
            .iter()
            .zip(positions)
            .zip(organizations)
            .map(|((o, at), t)| org(o, at, t))
            .collect(),
        sources: dataset.sources.iter().map(SourceRecord::from).collect(),
        edges: dataset
            .edges
            .iter()
            .zip(&edges)
            .map(|(e, t)| edge(dataset, e, t))
            .collect(),
        time: span.map(|(first, last)| Time { first, last, years }),
    }
}
