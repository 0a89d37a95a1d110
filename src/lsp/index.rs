//! The index of one validated snapshot: where each organization, source and edge-type id
//! is defined and referenced (spans from the raw records the validator checked), what
//! hover and completion show about each, and each file's records for the outline. Built
//! once per validation in the background; requests only read it.

use std::collections::{BTreeMap, HashMap};

use compact_str::CompactString;

use super::completion::Candidates;
use crate::diagnostic::{Files, Span};
use crate::load::raw::{RawCitation, RawDataset, RawEdge, Text};
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
        for file in raw.edges.files() {
            for edge in file.iter() {
                index.edge(&edge);
            }
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

    fn refer(&mut self, kind: Kind, id: &Text) {
        self.refs
            .entry((kind, id.value.clone()))
            .or_default()
            .push(id.span);
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
                notes: value(&s.notes),
            });
    }

    fn edge(&mut self, e: &RawEdge) {
        for end in [&e.from, &e.to].into_iter().flatten() {
            self.refer(Kind::Organization, end);
        }
        if let Some(t) = &e.edge_type {
            self.refer(Kind::EdgeType, t);
        }
        let cited = e.sources.as_ref().map_or(&[][..], |s| &s.value[..]);
        for c in cited.iter().chain(&e.disputed_by) {
            self.citation(c);
        }
        let value = |t: &Option<Text>| t.as_ref().map(|t| t.value.clone());
        let file = e.span.file.0 as usize;
        if let Some(edges) = self.edges.get_mut(file) {
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
    }

    fn citation(&mut self, c: &RawCitation) {
        if let Some(source) = &c.source {
            self.refer(Kind::Source, source);
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
