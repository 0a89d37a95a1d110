//! Where a diagnostic points: compact spans recorded while loading, resolved to
//! printable locations through the table of files that were read.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::load::open::Fingerprint;

/// Index of a file in [`Files`], in sorted path order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A value's position in a file: 1-based line and column (in characters) and its length
/// in characters on its first line (0 when unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// Which file.
    pub file: FileId,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
    /// Width of the value in characters on its first line.
    pub len: u32,
}

/// A resolved position that names its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file's index, kept for sorting and for re-reading the source line.
    pub file_id: FileId,
    /// The path as the user gave it (lossily converted for display).
    pub path: Arc<str>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column in characters.
    pub column: u32,
    /// Width in characters (0 when unknown).
    pub len: u32,
}

/// The files of one run, in the order they were read.
#[derive(Debug, Clone, Default)]
pub struct Files {
    paths: Vec<PathBuf>,
    display: Vec<Arc<str>>,
    /// For each file on disk that was read and decoded as text, what the report needs to
    /// re-read exactly those bytes.
    prints: Vec<Option<Fingerprint>>,
    /// The content of files given in memory (a git revision's blobs), `None` for files
    /// on disk.
    contents: Vec<Option<Arc<[u8]>>>,
}

impl Files {
    /// Registers a file and returns its id.
    pub fn add(&mut self, path: PathBuf) -> FileId {
        let id = self.next_id();
        self.display
            .push(Arc::from(path.to_string_lossy().replace('\\', "/")));
        self.paths.push(path);
        self.prints.push(None);
        self.contents.push(None);
        id
    }

    /// Records what was read from a file that decoded as text.
    pub(crate) fn set_fingerprint(&mut self, id: FileId, print: Fingerprint) {
        self.prints[id.0 as usize] = Some(print);
    }

    /// What was read from a file, if it decoded as text; `None` means its lines must not
    /// be quoted from disk.
    pub(crate) fn fingerprint(&self, id: FileId) -> Option<&Fingerprint> {
        self.prints.get(id.0 as usize)?.as_ref()
    }

    /// Registers a file shown as `label` whose text is never quoted under a diagnostic
    /// (it never gets a fingerprint): a table, where a location is a row and a cell
    /// column, or a workbook's sheet.
    pub fn add_opaque(&mut self, path: PathBuf, label: &str) -> FileId {
        let id = self.add(path);
        self.display[id.0 as usize] = Arc::from(label);
        id
    }

    /// Registers a file held in memory, shown in messages as `name` (`REV:PATH/file.yaml`);
    /// it is never looked for on disk.
    pub fn add_in_memory(&mut self, name: &str, content: Arc<[u8]>) -> FileId {
        let id = self.next_id();
        self.display.push(Arc::from(name));
        self.paths.push(PathBuf::from(name));
        self.prints.push(None);
        self.contents.push(Some(content));
        id
    }

    fn next_id(&self) -> FileId {
        FileId(u32::try_from(self.paths.len()).unwrap_or(u32::MAX))
    }

    /// The content of a file held in memory; `None` for a file to read from its path.
    pub fn content(&self, id: FileId) -> Option<&[u8]> {
        self.contents[id.0 as usize].as_deref()
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// Whether no file was registered.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// The path of a file on disk (for a file held in memory, its name: read its
    /// [`content`](Self::content) instead).
    pub fn path(&self, id: FileId) -> &Path {
        &self.paths[id.0 as usize]
    }

    /// All paths, in id order.
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// How messages name a file.
    pub fn display(&self, id: FileId) -> &str {
        &self.display[id.0 as usize]
    }

    /// The printable location of a span.
    pub fn locate(&self, span: Span) -> Location {
        Location {
            file_id: span.file,
            path: Arc::clone(&self.display[span.file.0 as usize]),
            line: span.line,
            column: span.column,
            len: span.len,
        }
    }

    /// The location of a whole file (line 1, column 1), for file-level problems.
    pub fn start_of(&self, id: FileId) -> Location {
        self.locate(Span {
            file: id,
            line: 1,
            column: 1,
            len: 0,
        })
    }
}
