//! Unvalidated records exactly as the YAML files wrote them, each value with its span.
//!
//! Decoding fills these; only `validate` turns them into the model. Required fields are
//! still `Option` here because a record missing one is reported, not dropped, so that
//! later checks (unknown endpoints, duplicates) do not cascade from one typo.

use compact_str::CompactString;

pub use super::packed::PackedEdges;
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
pub type Text = Spanned<CompactString>;

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
    /// `reliability`, still unparsed.
    pub reliability: Option<Text>,
}

/// One citation, in either the mapping or the bare-id form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawCitation {
    /// Position of the citation.
    pub span: Span,
    /// The source id (`ref`, or the bare scalar).
    pub source: Option<Text>,
    /// `quote`.
    pub quote: Option<Text>,
    /// `locator`.
    pub locator: Option<Text>,
    /// `credibility`: the text of a YAML integer (the decoder refuses any other kind).
    pub credibility: Option<Text>,
}

/// An `edges` entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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

/// The records decoded from one file, in document order.
#[derive(Debug, Clone, Default)]
pub struct RawFile {
    /// Declared edge types.
    pub edge_types: Vec<RawEdgeType>,
    /// Organizations.
    pub organizations: Vec<RawOrganization>,
    /// Sources.
    pub sources: Vec<RawSource>,
    /// Edges, packed as they are decoded.
    pub edges: PackedEdges,
}

impl RawFile {
    /// Releases the capacity the growing vectors over-reserved.
    pub fn shrink_to_fit(&mut self) {
        self.edge_types.shrink_to_fit();
        self.organizations.shrink_to_fit();
        self.sources.shrink_to_fit();
        self.edges.shrink_to_fit();
    }
}

/// Everything decoded from all files, records in file order then document order.
#[derive(Debug, Clone, Default)]
pub struct RawDataset {
    /// Declared edge types.
    pub edge_types: Chunks<RawEdgeType>,
    /// Organizations.
    pub organizations: Chunks<RawOrganization>,
    /// Sources.
    pub sources: Chunks<RawSource>,
    /// Edges, packed.
    pub edges: RawEdges,
}

impl RawDataset {
    /// Appends another file's records, keeping order.
    pub fn append(&mut self, file: RawFile) {
        self.edge_types.push(file.edge_types);
        self.organizations.push(file.organizations);
        self.sources.push(file.sources);
        self.edges.push(file.edges);
    }
}

/// Every file's edges, packed, in file order.
#[derive(Debug, Clone, Default)]
pub struct RawEdges {
    files: Vec<PackedEdges>,
    len: usize,
}

impl RawEdges {
    /// Appends a file's edges (an empty list is not kept).
    pub fn push(&mut self, edges: PackedEdges) {
        if !edges.is_empty() {
            self.len += edges.len();
            self.files.push(edges);
        }
    }

    /// Number of edges.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there is no edge.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The edges of each file that has any, in file order, left in place.
    pub fn files(&self) -> &[PackedEdges] {
        &self.files
    }

    /// The edges of each file that has any, in file order.
    pub fn into_files(self) -> Vec<PackedEdges> {
        self.files
    }
}

/// One sequence of records kept in the per-file vectors it was decoded into.
///
/// Concatenating the files' vectors would hold every record twice for a moment, which was
/// the peak of the whole run; consuming a `Chunks` frees each file's records as soon as
/// they have been moved out.
#[derive(Debug, Clone)]
pub struct Chunks<T> {
    parts: Vec<Vec<T>>,
    /// The index of each chunk's first record.
    starts: Vec<usize>,
    len: usize,
}

impl<T> Default for Chunks<T> {
    fn default() -> Self {
        Chunks {
            parts: Vec::new(),
            starts: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Chunks<T> {
    /// Appends a chunk (empty ones are not kept).
    pub fn push(&mut self, chunk: Vec<T>) {
        if chunk.is_empty() {
            return;
        }
        self.starts.push(self.len);
        self.len += chunk.len();
        self.parts.push(chunk);
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there is no record.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The records, one vector per file that has any, in file order.
    pub fn parts(&self) -> &[Vec<T>] {
        &self.parts
    }

    /// The records in order.
    pub fn iter(&self) -> std::iter::Flatten<std::slice::Iter<'_, Vec<T>>> {
        self.parts.iter().flatten()
    }
}

impl<T> std::ops::Index<usize> for Chunks<T> {
    type Output = T;

    fn index(&self, index: usize) -> &T {
        let chunk = self
            .starts
            .partition_point(|&s| s <= index)
            .saturating_sub(1);
        &self.parts[chunk][index - self.starts[chunk]]
    }
}

impl<T> IntoIterator for Chunks<T> {
    type Item = T;
    type IntoIter = std::iter::Flatten<std::vec::IntoIter<Vec<T>>>;

    /// Moves the records out, freeing each chunk once it is consumed.
    fn into_iter(self) -> Self::IntoIter {
        self.parts.into_iter().flatten()
    }
}

impl<'a, T> IntoIterator for &'a Chunks<T> {
    type Item = &'a T;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Vec<T>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::Chunks;

    #[test]
    fn chunks_index_and_iterate_as_one_sequence() {
        let mut c = Chunks::default();
        c.push(vec![0, 1, 2]);
        c.push(Vec::new());
        c.push(vec![3]);
        c.push(vec![4, 5]);
        assert_eq!(c.len(), 6);
        assert_eq!((0..6).map(|i| c[i]).collect::<Vec<_>>(), [0, 1, 2, 3, 4, 5]);
        assert_eq!(c.iter().copied().collect::<Vec<_>>(), [0, 1, 2, 3, 4, 5]);
        assert_eq!(c.into_iter().collect::<Vec<_>>(), [0, 1, 2, 3, 4, 5]);
    }
}
