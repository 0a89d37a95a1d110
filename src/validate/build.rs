//! Construction of the [`Dataset`] from records that passed every check: records are
//! sorted by id, references become indices, and the raw strings move into the model
//! without copies. Edges are made during the edge pass, file by file, from each edge that
//! passed its checks (see [`FileModel`]), so no file's raw edges outlive the pass; the
//! rest is assembled here.

use super::edges::Resolved;
use crate::load::raw::{Chunks, RawCitation, RawEdge, RawOrganization, RawSource, Text};
use crate::model::{
    Citation, CompactString, Credibility, Dataset, Date, Edge, EdgeType, Organization, Reliability,
    Source,
};

/// Each record's two dates, parsed during validation.
pub type Dates = Vec<(Option<Date>, Option<Date>)>;

/// Where each record goes in the model, which is sorted by id.
#[derive(Debug)]
pub struct Order {
    /// For each raw index, its position in the model.
    index: Vec<usize>,
}

impl Order {
    /// The order of records with these ids (a record without one sorts first).
    pub fn by_id<'a>(ids: impl Iterator<Item = Option<&'a str>>) -> Order {
        let ids: Vec<&str> = ids.map(Option::unwrap_or_default).collect();
        let mut sorted: Vec<usize> = (0..ids.len()).collect();
        sorted.sort_by(|&a, &b| ids[a].cmp(ids[b]));
        let mut index = vec![0; ids.len()];
        for (position, &raw) in sorted.iter().enumerate() {
            index[raw] = position;
        }
        Order { index }
    }

    /// The model position of the record with raw index `raw`.
    pub fn of(&self, raw: usize) -> usize {
        self.index[raw]
    }
}

/// Where the model's edges point: the model positions of organizations and sources,
/// which are known before any edge is made.
#[derive(Debug, Clone, Copy)]
pub struct ModelEdges<'a> {
    /// Organizations' model positions, by raw index.
    pub orgs: &'a Order,
    /// Sources' model positions, by raw index.
    pub sources: &'a Order,
}

/// One file's model edges, each made into the slot of its raw edge as soon as that edge
/// has passed its checks. The first edge that fails stops the file's edges for good, since
/// no dataset will be built; what was made is dropped with the slots.
#[derive(Debug)]
pub struct FileModel<'a, 's> {
    edges: ModelEdges<'a>,
    slots: &'s mut [Option<Edge>],
    failed: bool,
}

impl<'a, 's> FileModel<'a, 's> {
    /// Makes model edges into `slots`, one per raw edge of the file.
    pub fn new(edges: ModelEdges<'a>, slots: &'s mut [Option<Edge>]) -> FileModel<'a, 's> {
        FileModel {
            edges,
            slots,
            failed: false,
        }
    }

    /// Takes the file's edge `k` with the outcome of its checks: its resolved references,
    /// or `None` when it failed. `source_of` finds a citation's source (its raw index) by id.
    pub fn add(
        &mut self,
        k: usize,
        edge: RawEdge,
        checked: Option<Resolved>,
        source_of: impl Fn(&str) -> Option<usize>,
    ) {
        let Some(r) = checked else {
            self.failed = true;
            return;
        };
        if let (false, Some(slot)) = (self.failed, self.slots.get_mut(k)) {
            *slot = Some(self.edges.edge(edge, r, source_of));
        }
    }
}

impl ModelEdges<'_> {
    /// The model edge of a raw edge that resolved; `source_of` finds a citation's source
    /// (its raw index) by id.
    fn edge(&self, edge: RawEdge, r: Resolved, source_of: impl Fn(&str) -> Option<usize>) -> Edge {
        let cite = |list: Vec<RawCitation>| {
            // An allocation of its own exact size: the raw list is freed at once, and the
            // next edge's raw list takes its place in the heap.
            let mut out = Vec::with_capacity(list.len());
            out.extend(list.into_iter().filter_map(|c| {
                let source = self.sources.of(source_of(&c.source?.value)?);
                Some(Citation {
                    source,
                    quote: long(c.quote),
                    locator: value(c.locator),
                    credibility: c.credibility.and_then(|t| Credibility::parse(&t.value)),
                })
            }));
            out.into_boxed_slice()
        };
        Edge {
            id: value(edge.id),
            from: self.orgs.of(r.from),
            to: self.orgs.of(r.to),
            edge_type: r.edge_type,
            when: r.when,
            confidence: r.confidence,
            sources: cite(edge.sources.map(|s| s.value).unwrap_or_default()),
            disputed_by: cite(edge.disputed_by),
            notes: long(edge.notes),
            possibly_active: false,
            origin: origin(edge.span),
        }
    }
}

/// Everything a dataset is built from.
pub struct Parts {
    pub organizations: Chunks<RawOrganization>,
    pub org_dates: Dates,
    pub sources: Chunks<RawSource>,
    pub source_dates: Dates,
    pub edge_types: Vec<EdgeType>,
    pub edges: Vec<Edge>,
}

/// Builds the dataset. Called only when validation found no error, so every required
/// field is present.
pub fn build(parts: Parts) -> Dataset {
    let mut organizations: Vec<Organization> = parts
        .organizations
        .into_iter()
        .zip(parts.org_dates)
        .map(organization)
        .collect();
    let mut sources: Vec<Source> = parts
        .sources
        .into_iter()
        .zip(parts.source_dates)
        .map(source)
        .collect();
    // Sorted in place, which gives the edges' [`Order`]: ids are unique and present once
    // validation passed, so any sort by id agrees with it.
    organizations.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    sources.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    Dataset::new(organizations, sources, parts.edge_types, parts.edges)
}

fn origin(span: crate::diagnostic::Span) -> crate::model::Origin {
    crate::model::Origin {
        file: span.file,
        line: span.line,
    }
}

fn value(t: Option<Text>) -> Option<CompactString> {
    t.map(|t| t.value)
}

/// Long free text, in an allocation of its exact size.
fn long(t: Option<Text>) -> Option<Box<str>> {
    t.map(|t| t.value.into_string().into_boxed_str())
}

fn organization(
    (o, (founded, dissolved)): (RawOrganization, (Option<Date>, Option<Date>)),
) -> Organization {
    Organization {
        id: value(o.id).unwrap_or_default(),
        name: value(o.name).unwrap_or_default(),
        short: value(o.short),
        aliases: o.aliases.into_iter().map(|a| a.value).collect(),
        kind: value(o.kind),
        region: value(o.region),
        founded,
        dissolved,
        wikidata: value(o.wikidata),
        notes: long(o.notes),
        origin: origin(o.span),
    }
}

fn source((s, (published, accessed)): (RawSource, (Option<Date>, Option<Date>))) -> Source {
    Source {
        id: value(s.id).unwrap_or_default(),
        title: value(s.title).unwrap_or_default(),
        author: value(s.author),
        publisher: value(s.publisher),
        published,
        url: value(s.url),
        accessed,
        notes: long(s.notes),
        reliability: s.reliability.and_then(|t| Reliability::parse(&t.value)),
        origin: origin(s.span),
    }
}
