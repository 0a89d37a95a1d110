//! The workspace: the folders the client opened, the buffers it holds open, and the
//! snapshot of the dataset validated from both. Files are found with the command line's
//! own discovery (links, special files, hidden entries, `.actorgraphignore` and
//! `--exclude`), read with its bounds, and an open buffer's unsaved text takes the place
//! of its file; nothing outside the workspace folders is ever read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::TextDocumentContentChangeEvent;

use super::index::Index;
use super::position::{Lines, offset_of};
use super::uri;
use crate::diagnostic::Diagnostic;
use crate::load::{self, Exclude, Identity, InMemory, is_yaml};
use crate::pipeline::{self, Input, Mode};

/// An open buffer.
#[derive(Debug)]
pub struct Doc {
    /// Its text as the client last sent it.
    pub text: String,
    /// Where its lines start.
    pub lines: Lines,
    /// The text handed to the last validation, while it is still the current text.
    shared: Option<Arc<[u8]>>,
}

impl Doc {
    fn new(text: String) -> Doc {
        Doc {
            lines: Lines::of(text.as_bytes()),
            text,
            shared: None,
        }
    }

    /// The text, shared with validation (copied once per edit).
    fn shared(&mut self) -> Arc<[u8]> {
        Arc::clone(
            self.shared
                .get_or_insert_with(|| Arc::from(self.text.as_bytes())),
        )
    }

    /// Whether `bytes` is the text this buffer last handed to validation, unchanged since.
    pub fn is(&self, bytes: &Arc<[u8]>) -> bool {
        self.shared.as_ref().is_some_and(|s| Arc::ptr_eq(s, bytes))
    }
}

/// The folders and buffers.
#[derive(Debug, Default)]
pub struct Workspace {
    /// The workspace folders, as the client named them.
    pub roots: Vec<PathBuf>,
    /// What the user excludes (`--exclude`).
    pub exclude: Exclude,
    /// Open buffers by path.
    pub docs: HashMap<PathBuf, Doc>,
}

/// What the background validation needs: the folders and the open buffers' texts.
#[derive(Debug, Clone)]
pub struct Job {
    /// The folders.
    pub roots: Vec<PathBuf>,
    /// What to exclude.
    pub exclude: Exclude,
    /// Open buffers' texts by path.
    pub overlay: Vec<(PathBuf, Arc<[u8]>)>,
}

impl Workspace {
    /// Whether `path` is inside a workspace folder (with no folder, every open buffer is
    /// its own workspace and nothing is read from disk).
    pub fn contains(&self, path: &Path) -> bool {
        self.roots.is_empty() || self.roots.iter().any(|r| path.starts_with(r))
    }

    /// The path of a `file:` URI inside the workspace.
    pub fn path_of(&self, uri: &str) -> Option<PathBuf> {
        uri::to_path(uri).filter(|p| self.contains(p))
    }

    /// Opens (or replaces) a buffer.
    pub fn open(&mut self, path: PathBuf, text: String) {
        self.docs.insert(path, Doc::new(text));
    }

    /// Applies a client's edits to a buffer, in order; positions out of range are
    /// clamped into the text.
    pub fn change(&mut self, path: &Path, changes: Vec<TextDocumentContentChangeEvent>) {
        let Some(doc) = self.docs.get_mut(path) else {
            return;
        };
        for change in changes {
            match change.range {
                None => doc.text = change.text,
                Some(range) => {
                    let start = offset_of(&doc.text, &doc.lines, range.start);
                    let end = offset_of(&doc.text, &doc.lines, range.end).max(start);
                    doc.text.replace_range(start..end, &change.text);
                }
            }
            doc.lines = Lines::of(doc.text.as_bytes());
        }
        doc.shared = None;
    }

    /// Closes a buffer: its file on disk counts again.
    pub fn close(&mut self, path: &Path) {
        self.docs.remove(path);
    }

    /// The job validating the workspace as it is now.
    pub fn job(&mut self) -> Job {
        let mut overlay: Vec<_> = self
            .docs
            .iter_mut()
            .map(|(path, doc)| (path.clone(), doc.shared()))
            .collect();
        overlay.sort_by(|a, b| a.0.cmp(&b.0));
        Job {
            roots: self.roots.clone(),
            exclude: self.exclude.clone(),
            overlay,
        }
    }
}

/// One validated state of the workspace.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// The files, sorted by path.
    pub paths: Vec<PathBuf>,
    /// Their URIs.
    pub uris: Vec<String>,
    /// The text each was validated with.
    pub texts: Vec<Arc<[u8]>>,
    /// Where their lines start.
    pub lines: Vec<Arc<Lines>>,
    /// The validator's diagnostics, in report order, until they are converted into
    /// [`Snapshot::published`] (then empty).
    pub diagnostics: Vec<Diagnostic>,
    /// Definitions, references and records.
    pub index: Index,
    /// Each file's diagnostics as published.
    pub published: Vec<Vec<lsp_types::Diagnostic>>,
    /// The messages of diagnostics that belong to no file.
    pub elsewhere: Vec<String>,
    /// The files that could not be read or parsed (their records are missing).
    pub unread: Vec<PathBuf>,
}

impl Snapshot {
    /// Whether requests should be answered from this snapshot rather than from
    /// `previous`: unless a file that `previous` read could not be read or parsed in this
    /// one (a buffer in the middle of an edit, say). Then the previous one is the last
    /// good index, and stays in use until the file parses again; a file that never
    /// parsed does not hold anything back.
    pub fn replaces(&self, previous: &Snapshot) -> bool {
        self.unread
            .iter()
            .all(|p| previous.unread.contains(p) || previous.file(p).is_none())
    }

    /// The position of a file by path.
    pub fn file(&self, path: &Path) -> Option<usize> {
        self.paths.binary_search_by(|p| p.as_path().cmp(path)).ok()
    }
}

/// A file's text, or why it could not be read.
type Content = Result<Arc<[u8]>, String>;

/// The files read from disk in the last round, kept for as long as their size, time of
/// change and identity stay the same: a one-character edit in a buffer then re-reads
/// nothing, and the unchanged files' text is shared with the previous snapshot rather
/// than held twice.
#[derive(Debug, Default)]
pub struct DiskCache {
    files: HashMap<PathBuf, (Stamp, Arc<[u8]>)>,
    /// The line index of each text of the last snapshot, by the address of its bytes
    /// (kept alive here, so an address cannot be reused meanwhile).
    lines: HashMap<usize, (Arc<[u8]>, Arc<Lines>)>,
}

/// What says a file on disk is unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    identity: Identity,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl DiskCache {
    /// The text of a found file: the cached one if the file is unchanged, else read.
    fn read(&self, path: &Path, identity: Identity, next: &mut DiskCache) -> Content {
        let stamp = std::fs::metadata(path).ok().map(|meta| Stamp {
            identity: Identity::of(&meta),
            len: meta.len(),
            modified: meta.modified().ok(),
        });
        let stamp = stamp.filter(|s| s.identity == identity && s.modified.is_some());
        if let (Some(stamp), Some((cached, text))) = (stamp, self.files.get(path))
            && stamp == *cached
        {
            next.files
                .insert(path.to_owned(), (stamp, Arc::clone(text)));
            return Ok(Arc::clone(text));
        }
        let text = load::read_found(path, identity).map(without_bom)?;
        if let Some(stamp) = stamp {
            next.files
                .insert(path.to_owned(), (stamp, Arc::clone(&text)));
        }
        Ok(text)
    }
}

/// Validates the workspace `job` describes, through [`pipeline::check`] like every
/// command, indexing the records on the way; `cache` holds the files read last time.
pub fn validate(job: &Job, cache: &mut DiskCache) -> Snapshot {
    let overlay: HashMap<&Path, &Arc<[u8]>> =
        job.overlay.iter().map(|(p, t)| (p.as_path(), t)).collect();
    let (found, mut problems) = if job.roots.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        load::discover_files(&job.roots, &job.exclude)
    };
    let mut next = DiskCache::default();
    let mut files: Vec<(PathBuf, Content)> = found
        .into_iter()
        .map(|(path, identity)| {
            let content = match overlay.get(path.as_path()) {
                Some(text) => bounded(text),
                None => cache.read(&path, identity, &mut next),
            };
            (path, content)
        })
        .collect();
    let previous_lines = std::mem::take(&mut cache.lines);
    *cache = next;
    for (path, text) in &job.overlay {
        if unsaved_new_file(job, path) && !files.iter().any(|(p, _)| p == path) {
            files.push((path.clone(), bounded(text)));
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut snapshot = Snapshot::default();
    let mut given = Vec::with_capacity(files.len());
    for (path, content) in files {
        let text = content
            .as_ref()
            .map_or_else(|_| Arc::from(&b""[..]), Arc::clone);
        let key = Arc::as_ptr(&text).cast::<u8>() as usize;
        let lines = match previous_lines.get(&key) {
            Some((_, lines)) => Arc::clone(lines),
            None => Arc::new(Lines::of(&text)),
        };
        cache
            .lines
            .insert(key, (Arc::clone(&text), Arc::clone(&lines)));
        snapshot.lines.push(lines);
        snapshot.texts.push(text);
        snapshot.uris.push(uri::from_path(&path));
        given.push(InMemory {
            name: path.to_string_lossy().into_owned(),
            content,
        });
        snapshot.paths.push(path);
    }
    let mut index = Index::default();
    let mut unread = Vec::new();
    let checked =
        pipeline::check_inspecting(Input::InMemory(given), Mode::Check, &mut |f, r, u| {
            index = Index::build(f, r);
            unread = u.iter().map(|id| f.path(*id).to_owned()).collect();
        });
    snapshot.unread = unread;
    problems.extend(checked.diagnostics);
    snapshot.diagnostics = problems;
    snapshot.index = index;
    (snapshot.published, snapshot.elsewhere) = super::diagnostics::per_file(&snapshot);
    // Published is all that is kept of them (a generated dataset can have 300,000).
    snapshot.diagnostics = Vec::new();
    snapshot
}

/// A buffer's text, unless it is larger than a file may be (it is then an `io-error`, as
/// such a file would be).
fn bounded(text: &Arc<[u8]>) -> Content {
    if text.len() as u64 > load::MAX_FILE_BYTES {
        return Err(load::too_large());
    }
    Ok(Arc::clone(text))
}

/// A file's bytes without a byte order mark: editors leave it out of their buffers and
/// positions, and the loader skips it.
fn without_bom(mut bytes: Vec<u8>) -> Arc<[u8]> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    Arc::from(bytes)
}

/// Whether an open buffer is a YAML file not yet saved that the command line's discovery
/// would take once saved (hidden entries, links, `.actorgraphignore` and `--exclude`
/// alike): it is then part of the dataset the way it will be. With no workspace folder,
/// every open YAML buffer is.
fn unsaved_new_file(job: &Job, path: &Path) -> bool {
    if job.roots.is_empty() {
        return is_yaml(path);
    }
    load::would_discover(&job.roots, &job.exclude, path)
        && matches!(std::fs::symlink_metadata(path), Err(e) if e.kind() == std::io::ErrorKind::NotFound)
}
