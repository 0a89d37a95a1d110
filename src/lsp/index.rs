//! The index of one validated snapshot: where each organization, source and edge-type id
//! is defined and referenced (spans from the raw records the validator checked), what
//! hover and completion show about each, and each file's records for the outline. Built
//! once per validation in the background; requests only read it.

use std::collections::{BTreeMap, HashMap};

use compact_str::CompactString;

use super::completion::Candidates;
use crate::diagnostic::{Files, Span};
use crate::load::raw::{RawDataset, Text};
use crate::model::edge_type::BUILTINS;

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// An organization (`id` under `organizations`, `from`, `to`).
    Organization,
    /// A source (`id` under `sources`, `ref`, the lists `sources` and `disputed_by`).
    Source,
    /// An edge type (`name` under `edge_types`, `type`).
    EdgeType,
}

impl Kind {
    /// The word for messages.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Organization => "organization",
            Kind::Source => "source",
            Kind::EdgeType => "edge type",
        }
    }
}

/// What hover and completion show about an organization.
#[derive(Debug, Clone, Default)]
pub struct OrgInfo {
    /// `name`.
    pub name: Option<CompactString>,
    /// `short`.
    pub short: Option<CompactString>,
    /// `aliases`.
    pub aliases: Vec<CompactString>,
    /// `founded`, as written.
    pub founded: Option<CompactString>,
    /// `dissolved`, as written.
    pub dissolved: Option<CompactString>,
    /// `notes`.
    pub notes: Option<CompactString>,
}

/// What hover and completion show about a source.
#[derive(Debug, Clone, Default)]
pub struct SourceInfo {
    /// `title`.
    pub title: Option<CompactString>,
    /// `author`.
    pub author: Option<CompactString>,
    /// `published`, as written.
    pub published: Option<CompactString>,
    /// `reliability`, as written.
    pub reliability: Option<CompactString>,
    /// `notes`.
    pub notes: Option<CompactString>,
}

/// What hover and completion show about an edge type.
#[derive(Debug, Clone, Default)]
pub struct TypeInfo {
    /// `label`, or the built-in one.
    pub label: Option<CompactString>,
    /// `directed`, when known.
    pub directed: Option<bool>,
    /// Whether it is one of the built-in types.
    pub builtin: bool,
}

/// One edge, for hover and the outline.
#[derive(Debug, Clone, Default)]
pub struct EdgeInfo {
    /// Where the record starts.
    pub span: Span,
    /// `id`.
    pub id: Option<CompactString>,
    /// `from`.
    pub from: Option<CompactString>,
    /// `to`.
    pub to: Option<CompactString>,
    /// `type`.
    pub edge_type: Option<CompactString>,
    /// `date`, `start`, `end` as written.
    pub date: Option<CompactString>,
    /// `start`.
    pub start: Option<CompactString>,
    /// `end`.
    pub end: Option<CompactString>,
    /// Number of `sources` citations.
    pub citations: usize,
    /// Number of `disputed_by` citations.
    pub disputed: usize,
}

/// A record in a file's outline.
#[derive(Debug, Clone)]
pub struct Symbol {
    /// What it is (`None`: an edge).
    pub kind: Option<Kind>,
    /// Its id (for an edge, the index into the file's edges).
    pub name: CompactString,
    /// Where its id is written (for an edge, the record's first key).
    pub span: Span,
}

/// Definitions and references of every id in a snapshot.
#[derive(Debug, Default)]
pub struct Index {
    defs: HashMap<(Kind, CompactString), Vec<Span>>,
    refs: HashMap<(Kind, CompactString), Vec<Span>>,
    /// Organizations by id (the first definition).
    pub orgs: BTreeMap<CompactString, OrgInfo>,
    /// Sources by id.
    pub sources: BTreeMap<CompactString, SourceInfo>,
    /// Edge types by name, the built-in ones included.
    pub types: BTreeMap<CompactString, TypeInfo>,
    /// Each file's edges, in document order.
    pub edges: Vec<Vec<EdgeInfo>>,
    /// Each file's organizations and sources, in document order.
    pub symbols: Vec<Vec<Symbol>>,
    /// What completion offers.
    pub candidates: Candidates,
}

impl Index {
    /// Indexes the raw records of `files`.
    pub fn build(files: &Files, raw: &RawDataset) -> Index {
        let mut index = Index {
            edges: vec![Vec::new(); files.len()],
            symbols: vec![Vec::new(); files.len()],
            ..Index::default()
        };
        for (name, directed, label, _, _) in BUILTINS {
            index.types.insert(
                (*name).into(),
                TypeInfo {
                    label: Some((*label).into()),
                    directed: Some(*directed),
                    builtin: true,
                },
            );
        }
        for t in &raw.edge_types {
            index.edge_type(t);
        }
        for o in &raw.organizations {
            index.organization(o);
        }
        for s in &raw.sources {
            index.source(s);
        }
        // Unpacking half a million edges is most of the work: files on all cores.
        let files = raw.edges.files();
        let parts = crate::parallel::map(files.len(), |(): &mut (), i| file_edges(&files[i]));
        for part in parts {
            index.add_edges(part);
        }
        index.candidates = Candidates::of(&index);
        index
    }

    fn define(&mut self, kind: Kind, id: &Text) {
        self.defs
            .entry((kind, id.value.clone()))
            .or_default()
            .push(id.span);
        if kind != Kind::EdgeType
            && let Some(symbols) = self.symbols.get_mut(id.span.file.0 as usize)
        {
            symbols.push(Symbol {
                kind: Some(kind),
                name: id.value.clone(),
                span: id.span,
            });
        }
    }

    fn edge_type(&mut self, t: &crate::load::raw::RawEdgeType) {
        let Some(name) = &t.name else { return };
        self.define(Kind::EdgeType, name);
        let info = self.types.entry(name.value.clone()).or_default();
        if let Some(label) = &t.label {
            info.label = Some(label.value.clone());
        }
        if let Some(d) = &t.directed {
            info.directed = Some(d.value);
        }
    }

    fn organization(&mut self, o: &crate::load::raw::RawOrganization) {
        let Some(id) = &o.id else { return };
        self.define(Kind::Organization, id);
        let value = |t: &Option<Text>| t.as_ref().map(|t| t.value.clone());
        self.orgs
            .entry(id.value.clone())
            .or_insert_with(|| OrgInfo {
                name: value(&o.name),
                short: value(&o.short),
                aliases: o.aliases.iter().map(|a| a.value.clone()).collect(),
                founded: value(&o.founded),
                dissolved: value(&o.dissolved),
                notes: value(&o.notes),
            });
    }

    fn source(&mut self, s: &crate::load::raw::RawSource) {
        let Some(id) = &s.id else { return };
        self.define(Kind::Source, id);
        let value = |t: &Option<Text>| t.as_ref().map(|t| t.value.clone());
        self.sources
            .entry(id.value.clone())
            .or_insert_with(|| SourceInfo {
                title: value(&s.title),
                author: value(&s.author),
                published: value(&s.published),
                reliability: value(&s.reliability),
                notes: value(&s.notes),
            });
    }

    /// Adds one file's edges, indexed by [`file_edges`].
    fn add_edges(&mut self, (edges, refs): FileEdges) {
        for (kind, id, span) in refs {
            self.refs.entry((kind, id)).or_default().push(span);
        }
        if let Some(list) = edges
            .first()
            .and_then(|e| self.edges.get_mut(e.span.file.0 as usize))
        {
            *list = edges;
        }
    }

    /// Where `id` is defined.
    pub fn definitions(&self, kind: Kind, id: &str) -> &[Span] {
        self.defs
            .get(&(kind, CompactString::from(id)))
            .map_or(&[], Vec::as_slice)
    }

    /// Where `id` is referred to.
    pub fn references(&self, kind: Kind, id: &str) -> &[Span] {
        self.refs
            .get(&(kind, CompactString::from(id)))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether any organization, source or edge type (built-in included) has the id
    /// `id` of `kind`, defined or not yet.
    pub fn taken(&self, kind: Kind, id: &str) -> bool {
        !self.definitions(kind, id).is_empty()
            || (kind == Kind::EdgeType && self.types.contains_key(id))
    }

    /// The edge of file `file` whose record holds 1-based `line` (the last one starting
    /// at or before it).
    pub fn edge_at(&self, file: usize, line: u32) -> Option<&EdgeInfo> {
        let edges = self.edges.get(file)?;
        let i = edges.partition_point(|e| e.span.line <= line);
        edges.get(i.checked_sub(1)?)
    }
}

/// One file's edges and the references they make.
type FileEdges = (Vec<EdgeInfo>, Vec<(Kind, CompactString, Span)>);

/// Indexes the edges of one file.
fn file_edges(packed: &crate::load::raw::PackedEdges) -> FileEdges {
    let mut edges = Vec::with_capacity(packed.len());
    let mut refs = Vec::with_capacity(packed.len() * 5);
    for e in packed.iter() {
        let mut refer = |kind, t: &Text| refs.push((kind, t.value.clone(), t.span));
        for end in [&e.from, &e.to].into_iter().flatten() {
            refer(Kind::Organization, end);
        }
        if let Some(t) = &e.edge_type {
            refer(Kind::EdgeType, t);
        }
        let cited = e.sources.as_ref().map_or(&[][..], |s| &s.value[..]);
        for source in cited
            .iter()
            .chain(&e.disputed_by)
            .filter_map(|c| c.source.as_ref())
        {
            refer(Kind::Source, source);
        }
        let value = |t: &Option<Text>| t.as_ref().map(|t| t.value.clone());
        edges.push(EdgeInfo {
            span: e.span,
            id: value(&e.id),
            from: value(&e.from),
            to: value(&e.to),
            edge_type: value(&e.edge_type),
            date: value(&e.date),
            start: value(&e.start),
            end: value(&e.end),
            citations: cited.len(),
            disputed: e.disputed_by.len(),
        });
    }
    (edges, refs)
}
