//! Construction of the [`Dataset`] from raw records that passed every check: records
//! are sorted by id, references become indices, and the raw strings move into the model
//! without copies.

use std::collections::HashMap;

use super::edges::Resolved;
use crate::load::raw::{Chunks, RawCitation, RawDataset, Text};
use crate::model::{Citation, CompactString, Dataset, Date, Edge, EdgeType, Organization, Source};

/// Each record's two dates, parsed during validation.
pub type Dates = Vec<(Option<Date>, Option<Date>)>;

/// Builds the dataset. Called only when validation found no error, so every required
/// field is present and every reference resolved; records that are not are skipped
/// rather than trusted.
pub fn build(
    raw: RawDataset,
    edge_types: Vec<EdgeType>,
    org_dates: Dates,
    source_dates: Dates,
    resolved: Chunks<Option<Resolved>>,
) -> Dataset {
    let (organizations, org_index) = organizations(raw.organizations, org_dates);
    let (sources, _) = sources(raw.sources, source_dates);
    let source_by_id: HashMap<&str, usize> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    // Sized up front: `filter_map` cannot tell `collect` how many edges come, and a
    // doubling vector would reserve up to twice the room.
    let mut edges = Vec::with_capacity(raw.edges.len());
    edges.extend(raw.edges.into_iter().zip(resolved).filter_map(|(edge, r)| {
        let r = r?;
        Some(Edge {
            id: value(edge.id),
            from: org_index[r.from],
            to: org_index[r.to],
            edge_type: r.edge_type,
            when: r.when,
            confidence: r.confidence,
            sources: cite(
                edge.sources.map(|s| s.value).unwrap_or_default(),
                &source_by_id,
            ),
            disputed_by: cite(edge.disputed_by, &source_by_id),
            notes: value(edge.notes),
            possibly_active: false,
        })
    }));
    Dataset::new(organizations, sources, edge_types, edges)
}

/// The model's citations, in a vector of their own exact size: the raw list is freed at
/// once, and the next edge's raw list takes its place in the heap.
fn cite(list: Vec<RawCitation>, source_by_id: &HashMap<&str, usize>) -> Vec<Citation> {
    let mut out = Vec::with_capacity(list.len());
    out.extend(list.into_iter().filter_map(|c| {
        let source = *source_by_id.get(c.source?.value.as_str())?;
        Some(Citation {
            source,
            quote: value(c.quote),
            locator: value(c.locator),
        })
    }));
    out
}

fn value(t: Option<Text>) -> Option<CompactString> {
    t.map(|t| t.value)
}

/// Sorts records by id; returns them and, for each raw index, the sorted index.
fn sort_by_id<T>(records: Vec<(CompactString, T)>) -> (Vec<T>, Vec<usize>) {
    let mut order: Vec<usize> = (0..records.len()).collect();
    order.sort_by(|&a, &b| records[a].0.cmp(&records[b].0));
    let mut index = vec![0; records.len()];
    for (sorted, &raw) in order.iter().enumerate() {
        index[raw] = sorted;
    }
    let mut slots: Vec<Option<T>> = records.into_iter().map(|(_, r)| Some(r)).collect();
    let sorted = order.iter().filter_map(|&i| slots[i].take()).collect();
    (sorted, index)
}

fn organizations(
    raw: Chunks<crate::load::raw::RawOrganization>,
    dates: Dates,
) -> (Vec<Organization>, Vec<usize>) {
    let records = raw
        .into_iter()
        .zip(dates)
        .map(|(o, (founded, dissolved))| {
            let id = value(o.id).unwrap_or_default();
            let org = Organization {
                id: id.clone(),
                name: value(o.name).unwrap_or_default(),
                short: value(o.short),
                aliases: o.aliases.into_iter().map(|a| a.value).collect(),
                kind: value(o.kind),
                region: value(o.region),
                founded,
                dissolved,
                wikidata: value(o.wikidata),
                notes: value(o.notes),
            };
            (id, org)
        })
        .collect();
    sort_by_id(records)
}

fn sources(raw: Chunks<crate::load::raw::RawSource>, dates: Dates) -> (Vec<Source>, Vec<usize>) {
    let records = raw
        .into_iter()
        .zip(dates)
        .map(|(s, (published, accessed))| {
            let id = value(s.id).unwrap_or_default();
            let source = Source {
                id: id.clone(),
                title: value(s.title).unwrap_or_default(),
                author: value(s.author),
                publisher: value(s.publisher),
                published,
                url: value(s.url),
                accessed,
                notes: value(s.notes),
            };
            (id, source)
        })
        .collect();
    sort_by_id(records)
}
