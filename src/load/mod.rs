//! Loading a dataset: find the files, read each one, parse it into a spanned YAML tree and
//! decode the tree into raw records. Files are independent, so they are processed on all
//! cores; results are put back in path order, which keeps every output deterministic.

pub(crate) mod chars;
mod decode;
mod discover;
mod fast_yaml;
pub(crate) mod open;
mod packed;
pub mod raw;
mod saphyr_text;
mod syntax_help;
mod tags;
pub(crate) mod yaml;

#[cfg(test)]
pub(crate) use decode::RECORD_KEYS;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use discover::{Exclude, IGNORE_FILE, MAX_IGNORE_BYTES, is_yaml};
pub(crate) use open::Identity;
use open::{Fingerprint, OpenError};
pub use open::{MAX_FILE_BYTES, too_large};
use raw::{RawDataset, RawFile};

use crate::diagnostic::{Code, Diagnostic, FileId, Files, Span};

/// The result of loading: the files read, their records, and every problem met.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The files, in sorted order; spans index into this table.
    pub files: Files,
    /// The records of all files, in file order.
    pub raw: RawDataset,
    /// Problems found while reading, parsing and decoding.
    pub diagnostics: Vec<Diagnostic>,
    /// The files whose records are missing because they could not be read or parsed, in
    /// order: a reference to a record may be unknown only because it is in one of them.
    pub unread: Vec<FileId>,
}

/// Loads every YAML file under `paths`.
pub fn load(paths: &[PathBuf]) -> Loaded {
    load_excluding(paths, &Exclude::default())
}

/// Loads every YAML file under `paths` but those `exclude` (or an `.actorgraphignore`)
/// leaves out.
pub fn load_excluding(paths: &[PathBuf], exclude: &Exclude) -> Loaded {
    let (found, diagnostics) = discover::discover(paths, exclude);
    let mut files = Files::default();
    let mut identities = Vec::with_capacity(found.len());
    for discover::Found { path, identity } in found {
        files.add(path);
        identities.push(Some(identity));
    }
    load_files(files, &identities, diagnostics)
}

/// The YAML files under `paths` exactly as [`load_excluding`] finds them (links,
/// special files, hidden entries and ignore rules alike), in sorted order, each with the
/// file it led to, and the problems met on the way: for the language server, which
/// reads them itself so that an editor's unsaved text can take a file's place.
pub(crate) fn discover_files(
    paths: &[PathBuf],
    exclude: &Exclude,
) -> (Vec<(PathBuf, Identity)>, Vec<Diagnostic>) {
    let (found, problems) = discover::discover(paths, exclude);
    let found = found.into_iter().map(|f| (f.path, f.identity)).collect();
    (found, problems)
}

/// Whether discovery of `paths` would find `path`, a YAML file not on disk yet, were it
/// a regular file there (see [`discover_files`]): the same hidden entries, links and
/// ignore rules decide.
pub(crate) fn would_discover(paths: &[PathBuf], exclude: &Exclude, path: &Path) -> bool {
    discover::would_find(paths, exclude, path)
}

/// Reads a file [`discover_files`] found, as loading reads it: bounded, and only if the
/// path still leads to the file that was found. The error says why, naming the path.
pub(crate) fn read_found(path: &Path, identity: Identity) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    match open::read_bounded(path, Some(identity), &mut bytes) {
        Ok(_) => Ok(bytes),
        Err(e) => Err(unread(path, e).message),
    }
}

/// A file given in memory rather than on disk: a git revision's blob.
#[derive(Debug, Clone)]
pub struct InMemory {
    /// How messages name it (`REV:PATH/file.yaml`).
    pub name: String,
    /// Its content, or why it could not be had (it is larger than the 128 MiB a file may
    /// have).
    pub content: Result<Arc<[u8]>, String>,
}

/// Loads files held in memory, in the order given, exactly as files on disk are loaded;
/// a file whose content could not be had is an `io-error` naming it.
pub fn load_in_memory(given: Vec<InMemory>) -> Loaded {
    let mut files = Files::default();
    let mut diagnostics = Vec::new();
    for file in given {
        match file.content {
            Ok(content) => {
                files.add_in_memory(&file.name, content);
            }
            Err(reason) => diagnostics.push(Diagnostic::new(
                Code::IoError,
                None,
                format!("cannot read `{}`: {reason}", file.name),
            )),
        }
    }
    let identities = vec![None; files.len()];
    load_files(files, &identities, diagnostics)
}

/// Reads, parses and decodes `files` (on disk, `identities` says which file each path
/// must still be; in memory, `None`).
fn load_files(
    mut files: Files,
    identities: &[Option<Identity>],
    mut diagnostics: Vec<Diagnostic>,
) -> Loaded {
    let mut raw = RawDataset::default();
    let mut unread = Vec::new();
    for (i, (part, problems, print)) in process_all(&files, identities).into_iter().enumerate() {
        let id = FileId(u32::try_from(i).unwrap_or(u32::MAX));
        if part.is_none() {
            unread.push(id);
        }
        raw.append(part.unwrap_or_default());
        diagnostics.extend(problems);
        if let Some(print) = print {
            files.set_fingerprint(id, print);
        }
    }
    Loaded {
        files,
        raw,
        diagnostics,
        unread,
    }
}

/// What loading one file yields: its records (`None` when it could not be read or
/// parsed), its problems, and, when it was read from
/// disk and decoded as text, what the report needs to quote it.
type FileResult = (Option<RawFile>, Vec<Diagnostic>, Option<Fingerprint>);

/// Runs [`load_file`] on every file, in parallel, returning results in file order.
fn process_all(files: &Files, identities: &[Option<Identity>]) -> Vec<FileResult> {
    crate::parallel::map(files.len(), |scratch: &mut Scratch, i| {
        let id = FileId(u32::try_from(i).unwrap_or(u32::MAX));
        load_file(files, id, identities[i], scratch)
    })
}

/// Buffers one loading thread reuses for every file it reads: allocated once, they do not
/// leave holes in the heap between the records that outlive them.
#[derive(Default)]
struct Scratch {
    bytes: Vec<u8>,
    tree: yaml::Tree,
}

/// Reads, parses and decodes one file.
fn load_file(
    files: &Files,
    id: FileId,
    identity: Option<Identity>,
    scratch: &mut Scratch,
) -> FileResult {
    let Scratch { bytes, tree } = scratch;
    let (bytes, identity): (&[u8], _) = match (files.content(id), identity) {
        (Some(content), _) => (content, None),
        (None, identity) => {
            let path = files.path(id);
            bytes.clear();
            match open::read_bounded(path, identity, bytes) {
                Ok(identity) => (bytes, Some(identity)),
                Err(e) => return (None, vec![unread(path, e)], None),
            }
        }
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            return (None, vec![not_utf8(files, id, bytes, &e)], None);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(at) = text.find('\0') {
        return (None, vec![nul_byte(files, id, &text[..at])], None);
    }
    // Only text is ever quoted in a report: valid UTF-8 without NUL bytes, as here. A
    // file held in memory is quoted from that memory (`diagnostic::source`).
    let print = identity.map(|identity| Fingerprint {
        identity,
        len: bytes.len() as u64,
        hash: open::hash(bytes),
    });
    let (ok, mut diagnostics) = yaml::parse(text, id, files, tree);
    if !ok {
        return (None, diagnostics, print);
    }
    let (mut raw, more) = decode::decode_file(tree, id, files);
    diagnostics.extend(more);
    // The records wait for the other files; give back what the growing vectors over-reserved.
    raw.shrink_to_fit();
    (Some(raw), diagnostics, print)
}

/// The diagnostic for a file that was found but not read.
fn unread(path: &Path, e: OpenError) -> Diagnostic {
    match e {
        OpenError::Io(e) => discover::io_problem(path, &e),
        OpenError::Special(kind) => discover::not_regular(path, kind),
        OpenError::Replaced => discover::io_problem(
            path,
            &std::io::Error::other("the file was replaced while the dataset was being read"),
        ),
    }
}

fn bytecount(bytes: &[u8], needle: u8) -> usize {
    bytes.iter().fold(0, |n, &b| n + usize::from(b == needle))
}

/// The span of the character that follows `before`, the (valid) text preceding it.
fn span_after(id: FileId, before: &[u8]) -> Span {
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = bytecount(before, b'\n') + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Span {
        file: id,
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
        len: 1,
    }
}

/// A NUL byte: the YAML parser would take it for the end of the input, so it is reported
/// before parsing, at its own position.
fn nul_byte(files: &Files, id: FileId, before: &str) -> Diagnostic {
    let span = span_after(id, before.as_bytes());
    Diagnostic::new(
        Code::ControlCharacter,
        Some(files.locate(span)),
        "the file contains a NUL byte (U+0000)",
    )
    .with_help(
        "no text value may contain it; delete it, or re-save the file as UTF-8 if it is UTF-16",
    )
}

fn not_utf8(files: &Files, id: FileId, bytes: &[u8], e: &std::str::Utf8Error) -> Diagnostic {
    let valid = &bytes[..e.valid_up_to()];
    // Columns count from after a byte order mark, as they do for every other diagnostic.
    let valid = valid.strip_prefix("\u{feff}".as_bytes()).unwrap_or(valid);
    let span = span_after(id, valid);
    let byte = bytes[e.valid_up_to()];
    let help = if (0x80..=0x9f).contains(&byte) || byte >= 0xa0 {
        "the file looks like Windows-1252 or Latin-1; re-save it as UTF-8 (for example with `iconv -f WINDOWS-1252 -t UTF-8`)"
    } else {
        "re-save the file as UTF-8"
    };
    Diagnostic::new(
        Code::InvalidUtf8,
        Some(files.locate(span)),
        format!("the file is not valid UTF-8 (byte 0x{byte:02X})"),
    )
    .with_help(help)
}

/// Loads the YAML files under `paths` together with documents that exist only in memory
/// (`(path, text)`: the path they will be written to, and their text), as if those were
/// files too: what `import` checks its output with before writing anything.
pub fn load_with_texts(paths: &[PathBuf], texts: &[(PathBuf, String)]) -> Loaded {
    let mut loaded = if paths.is_empty() {
        Loaded::default()
    } else {
        load(paths)
    };
    let mut tree = yaml::Tree::default();
    for (path, text) in texts {
        let id = loaded.files.add(path.clone());
        let (ok, mut diagnostics) = yaml::parse(text, id, &loaded.files, &mut tree);
        if ok {
            let (mut raw, more) = decode::decode_file(&tree, id, &loaded.files);
            raw.shrink_to_fit();
            loaded.raw.append(raw);
            diagnostics.extend(more);
        } else {
            loaded.unread.push(id);
        }
        loaded.diagnostics.extend(diagnostics);
        tree.clear();
    }
    loaded
}
