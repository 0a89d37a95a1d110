//! Unvalidated records exactly as the YAML files wrote them, each value with its span.
//!
//! Decoding fills these; only `validate` turns them into the model. Required fields are
//! still `Option` here because a record missing one is reported, not dropped, so that
//! later checks (unknown endpoints, duplicates) do not cascade from one typo.

use crate::diagnostic::Span;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Its position.
    pub span: Span,
}

/// Text value with its span.
pub type Text = Spanned<String>;

/// An `edge_types` entry.
#[derive(Debug, Clone, Default)]
pub struct RawEdgeType {
    /// Position of the record (its first key).
    pub span: Span,
    /// `name`.
    pub name: Option<Text>,
    /// `directed`.
    pub directed: Option<Spanned<bool>>,
    /// `label`.
    pub label: Option<Text>,
    /// `color`.
    pub color: Option<Text>,
    /// `style`.
    pub style: Option<Text>,
}

/// An `organizations` entry.
#[derive(Debug, Clone, Default)]
pub struct RawOrganization {
    /// Position of the record.
    pub span: Span,
    /// `id`.
    pub id: Option<Text>,
    /// `name`.
    pub name: Option<Text>,
    /// `short`.
    pub short: Option<Text>,
    /// `aliases`.
    pub aliases: Vec<Text>,
    /// `kind`.
    pub kind: Option<Text>,
    /// `region`.
    pub region: Option<Text>,
    /// `founded`, still unparsed.
    pub founded: Option<Text>,
    /// `dissolved`, still unparsed.
    pub dissolved: Option<Text>,
    /// `wikidata`.
    pub wikidata: Option<Text>,
    /// `notes`.
    pub notes: Option<Text>,
}

/// A `sources` entry.
#[derive(Debug, Clone, Default)]
pub struct RawSource {
    /// Position of the record.
    pub span: Span,
    /// `id`.
    pub id: Option<Text>,
    /// `title`.
    pub title: Option<Text>,
    /// `author`.
    pub author: Option<Text>,
    /// `publisher`.
    pub publisher: Option<Text>,
    /// `published`, still unparsed.
    pub published: Option<Text>,
    /// `url`.
    pub url: Option<Text>,
    /// `accessed`, still unparsed.
    pub accessed: Option<Text>,
    /// `notes`.
    pub notes: Option<Text>,
}

/// One citation, in either the mapping or the bare-id form.
#[derive(Debug, Clone, Default)]
pub struct RawCitation {
    /// Position of the citation.
    pub span: Span,
    /// The source id (`ref`, or the bare scalar).
    pub source: Option<Text>,
    /// `quote`.
    pub quote: Option<Text>,
    /// `locator`.
    pub locator: Option<Text>,
}

/// An `edges` entry.
#[derive(Debug, Clone, Default)]
pub struct RawEdge {
    /// Position of the record.
    pub span: Span,
    /// `id`.
    pub id: Option<Text>,
    /// `from`.
    pub from: Option<Text>,
    /// `to`.
    pub to: Option<Text>,
    /// `type`.
    pub edge_type: Option<Text>,
    /// `date`.
    pub date: Option<Text>,
    /// `start`.
    pub start: Option<Text>,
    /// `end`.
    pub end: Option<Text>,
    /// `confidence`.
    pub confidence: Option<Text>,
    /// `sources`; `None` when the key is absent.
    pub sources: Option<Spanned<Vec<RawCitation>>>,
    /// `disputed_by`.
    pub disputed_by: Vec<RawCitation>,
    /// `notes`.
    pub notes: Option<Text>,
}

/// Everything decoded from all files, records in file order then document order.
#[derive(Debug, Clone, Default)]
pub struct RawDataset {
    /// Declared edge types.
    pub edge_types: Vec<RawEdgeType>,
    /// Organizations.
    pub organizations: Vec<RawOrganization>,
    /// Sources.
    pub sources: Vec<RawSource>,
    /// Edges.
    pub edges: Vec<RawEdge>,
}

impl RawDataset {
    /// Reserves exactly the room for `parts`, so appending them wastes no capacity.
    pub fn reserve_for(&mut self, parts: &[RawDataset]) {
        let sum = |f: fn(&RawDataset) -> usize| parts.iter().map(f).sum::<usize>();
        self.edge_types.reserve_exact(sum(|p| p.edge_types.len()));
        self.organizations.reserve_exact(sum(|p| p.organizations.len()));
        self.sources.reserve_exact(sum(|p| p.sources.len()));
        self.edges.reserve_exact(sum(|p| p.edges.len()));
    }

    /// Releases unused capacity.
    pub fn shrink_to_fit(&mut self) {
        self.edge_types.shrink_to_fit();
        self.organizations.shrink_to_fit();
        self.sources.shrink_to_fit();
        self.edges.shrink_to_fit();
    }

    /// Appends another file's records, keeping order.
    pub fn append(&mut self, other: RawDataset) {
        self.edge_types.extend(other.edge_types);
        self.organizations.extend(other.organizations);
        self.sources.extend(other.sources);
        self.edges.extend(other.edges);
    }
}
