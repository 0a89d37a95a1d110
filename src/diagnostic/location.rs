//! Where a diagnostic points: compact spans recorded while loading, resolved to
//! printable locations through the table of files that were read.

use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// Files whose lines are not shown under a diagnostic (tables, workbooks): their
    /// columns count cells, not characters.
    opaque: Vec<bool>,
}

impl Files {
    /// Registers a file and returns its id.
    pub fn add(&mut self, path: PathBuf) -> FileId {
        let id = FileId(u32::try_from(self.paths.len()).unwrap_or(u32::MAX));
        self.display
            .push(Arc::from(path.to_string_lossy().replace('\\', "/")));
        self.paths.push(path);
        self.opaque.push(false);
        id
    }

    /// Registers a file shown as `label` whose text is never quoted under a diagnostic:
    /// a table, where a location is a row and a cell column, or a workbook's sheet.
    pub fn add_opaque(&mut self, path: PathBuf, label: &str) -> FileId {
        let id = self.add(path);
        self.display[id.0 as usize] = Arc::from(label);
        self.opaque[id.0 as usize] = true;
        id
    }

    /// Whether a file's lines may be shown under its diagnostics.
    pub fn shows_source(&self, id: FileId) -> bool {
        !self.opaque.get(id.0 as usize).copied().unwrap_or(true)
    }

    /// Shows the files under `root` as `label` followed by their path below `root`,
    /// for files read from somewhere other than where the user pointed (a git revision
    /// unpacked into a temporary directory). They are still read from their real path.
    pub fn relabel(&mut self, root: &Path, label: &str) {
        for (path, display) in self.paths.iter().zip(&mut self.display) {
            if let Ok(rest) = path.strip_prefix(root) {
                let rest = rest.to_string_lossy().replace('\\', "/");
                let name = match (label.is_empty(), rest.is_empty()) {
                    (_, true) => label.to_owned(),
                    (true, false) => rest,
                    (false, false) if label.ends_with(['/', ':']) => format!("{label}{rest}"),
                    (false, false) => format!("{label}/{rest}"),
                };
                *display = Arc::from(name);
            }
        }
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// Whether no file was registered.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// The path of a file on disk.
    pub fn path(&self, id: FileId) -> &Path {
        &self.paths[id.0 as usize]
    }

    /// All paths, in id order.
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
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
