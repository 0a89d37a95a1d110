//! What request handlers see: the workspace's buffers and the last validated snapshot,
//! with the lookups they share (a file's text, where the cursor is, a span as a
//! protocol location). A URI outside the workspace, or a file neither open nor in the
//! snapshot, gives `None`: nothing is read to answer a request.

use std::path::PathBuf;

use lsp_types::{Location, Position, Range, TextDocumentPositionParams, Uri};

use super::context::{self, Slot};
use super::index::Kind;
use super::position::{Lines, byte_of_utf16, line_str, range_of};
use super::workspace::{Snapshot, Workspace};
use crate::diagnostic::Span;

/// The buffers and the snapshot.
pub struct View<'a> {
    /// Folders and open buffers.
    pub workspace: &'a Workspace,
    /// The last validated state.
    pub snapshot: &'a Snapshot,
}

/// Where the cursor is and what it is on.
#[derive(Debug, Clone)]
pub struct Cursor {
    /// The file.
    pub path: PathBuf,
    /// 0-based line.
    pub line: u32,
    /// What the value there names.
    pub slot: Slot,
    /// The id-like word under the cursor (possibly empty).
    pub word: String,
    /// The word's range.
    pub range: Range,
}

impl Cursor {
    /// The kind of id and the id the cursor is on, if it is on one.
    pub fn id(&self) -> Option<(Kind, &str)> {
        let kind = match self.slot {
            Slot::OrgRef | Slot::OrgDef => Kind::Organization,
            Slot::SourceRef | Slot::SourceDef => Kind::Source,
            Slot::TypeRef | Slot::TypeDef => Kind::EdgeType,
            Slot::Edge | Slot::Other => return None,
        };
        (!self.word.is_empty()).then_some((kind, self.word.as_str()))
    }
}

impl View<'_> {
    /// A file's current text and lines: the open buffer, else the validated text.
    pub fn text(&self, path: &std::path::Path) -> Option<(&[u8], &Lines)> {
        if let Some(doc) = self.workspace.docs.get(path) {
            return Some((doc.text.as_bytes(), &doc.lines));
        }
        let i = self.snapshot.file(path)?;
        Some((&self.snapshot.texts[i], &self.snapshot.lines[i]))
    }

    /// The cursor of a position request, in the workspace.
    pub fn cursor(&self, at: &TextDocumentPositionParams) -> Option<Cursor> {
        let path = self.workspace.path_of(at.text_document.uri.as_str())?;
        let (bytes, lines) = self.text(&path)?;
        let n = at.position.line as usize;
        let line = line_str(bytes, lines, n)?;
        let byte = byte_of_utf16(&line, at.position.character);
        let (start, end) = context::word_at(&line, byte);
        let slot = context::slot(&|k| line_str(bytes, lines, k), n, byte);
        let units = |b: usize| u32::try_from(line[..b].encode_utf16().count()).unwrap_or(0);
        Some(Cursor {
            line: at.position.line,
            slot,
            word: line[start..end].to_owned(),
            range: Range::new(
                Position::new(at.position.line, units(start)),
                Position::new(at.position.line, units(end)),
            ),
            path,
        })
    }

    /// The protocol location of a span of the snapshot, narrowed to `id` when the span
    /// holds it (a quoted value's span takes its quotes in).
    pub fn location(&self, span: Span, id: &str) -> Option<Location> {
        let f = span.file.0 as usize;
        let uri = self.snapshot.uris.get(f)?.parse::<Uri>().ok()?;
        Some(Location {
            uri,
            range: self.id_range(span, id),
        })
    }

    /// The range of `id` in a span of the snapshot.
    pub fn id_range(&self, span: Span, id: &str) -> Range {
        let f = span.file.0 as usize;
        let (text, lines) = (&self.snapshot.texts[f], &self.snapshot.lines[f]);
        let mut range = range_of(text, lines, span.line, span.column, span.len);
        let line = line_str(text, lines, span.line.saturating_sub(1) as usize).unwrap_or_default();
        let start = line
            .char_indices()
            .nth(span.column.saturating_sub(1) as usize)
            .map_or(line.len(), |(i, _)| i);
        if let Some(found) = line[start..].find(id).filter(|_| !id.is_empty()) {
            let units = |b: usize| u32::try_from(line[..b].encode_utf16().count()).unwrap_or(0);
            range.start.character = units(start + found);
            range.end.character = units(start + found + id.len());
        }
        range
    }
}
