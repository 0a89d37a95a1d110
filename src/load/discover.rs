//! Finding the dataset's files: every `*.yaml`/`*.yml` under the given paths, directories
//! searched recursively, in sorted path order so results never depend on the file system.
//! A directory's contents are hostile: a symbolic link in it is followed only when it
//! leads to somewhere inside the directory given on the command line, and only regular
//! files are read.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::open::{Identity, special_kind};
use crate::diagnostic::{Code, Diagnostic};

/// Whether a path names a YAML file by its extension.
pub fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// A file to read, and which file it was when it was found: loading reads it only if the
/// path still leads to that file.
#[derive(Debug)]
pub struct Found {
    /// The path as found (through links, as the user or the dataset named it).
    pub path: PathBuf,
    /// The file it led to.
    pub identity: Identity,
}

/// The sorted, deduplicated YAML files under `paths`, and problems met on the way.
///
/// A file named directly is read whatever its extension, and may be a symbolic link (the
/// user chose it); it must be a regular file. Inside directories, hidden entries (names
/// starting with `.`) are skipped, a link that leads outside the directory named on the
/// command line is not followed (`link-outside-dataset`), a YAML name that is not a
/// regular file is refused (`not-a-regular-file`), and a directory reached twice through
/// links is searched once, so a link loop cannot hang the search.
pub fn discover(paths: &[PathBuf]) -> (Vec<Found>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let before = (found.len(), problems.len());
                walk(path, &mut found, &mut problems);
                if (found.len(), problems.len()) == before {
                    problems.push(no_yaml_files(path));
                }
            }
            Ok(meta) => match special_kind(&meta) {
                None => found.push(Found {
                    path: path.clone(),
                    identity: Identity::of(&meta),
                }),
                Some(kind) => problems.push(not_regular(path, kind)),
            },
            Err(e) => problems.push(io_problem(path, &e)),
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found.dedup_by(|a, b| a.path == b.path);
    (found, problems)
}

/// Where the search of one directory named on the command line is.
struct Walk<'a> {
    /// The directory as named.
    given: &'a Path,
    /// The directory named, links resolved: nothing outside it is read.
    root: PathBuf,
    found: &'a mut Vec<Found>,
    problems: &'a mut Vec<Diagnostic>,
    pending: Vec<PathBuf>,
}

fn walk(root: &Path, found: &mut Vec<Found>, problems: &mut Vec<Diagnostic>) {
    let real_root = match fs::canonicalize(root) {
        Ok(real) => real,
        Err(e) => return problems.push(io_problem(root, &e)),
    };
    let mut walk = Walk {
        given: root,
        root: real_root,
        found,
        problems,
        pending: vec![root.to_path_buf()],
    };
    let mut visited = HashSet::new();
    while let Some(dir) = walk.pending.pop() {
        let key = match fs::canonicalize(&dir) {
            Ok(key) => key,
            Err(e) => {
                walk.problems.push(io_problem(&dir, &e));
                continue;
            }
        };
        // Checked again as each directory is opened: one swapped for a link after it was
        // listed is not searched either.
        if !key.starts_with(&walk.root) {
            walk.problems.push(link_outside(&dir, walk.given));
        } else if visited.insert(key) {
            walk.directory(&dir);
        }
    }
}

impl Walk<'_> {
    /// Looks at each entry of `dir`, queueing directories and keeping YAML files.
    fn directory(&mut self, dir: &Path) {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return self.problems.push(io_problem(dir, &e)),
        };
        for entry in entries.flatten() {
            if entry.file_name().as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_symlink() => self.link(path),
                Ok(kind) if kind.is_dir() => self.pending.push(path),
                Ok(_) if is_yaml(&path) => match entry.metadata() {
                    Ok(meta) => self.file(path, &meta),
                    Err(e) => self.problems.push(io_problem(&path, &e)),
                },
                Err(e) if is_yaml(&path) => self.problems.push(io_problem(&path, &e)),
                Ok(_) | Err(_) => {}
            }
        }
    }

    /// A symbolic link: followed only when everything it leads through stays inside the
    /// root. Its target is never opened to find out: only its kind is looked at.
    fn link(&mut self, path: PathBuf) {
        let real = match fs::canonicalize(&path) {
            Ok(real) => real,
            // Dangling, or a loop: an error only where a file would have been read.
            Err(e) if is_yaml(&path) => return self.problems.push(io_problem(&path, &e)),
            Err(_) => return,
        };
        let Ok(meta) = fs::metadata(&real) else {
            return;
        };
        if !real.starts_with(&self.root) {
            if meta.is_dir() || is_yaml(&path) {
                self.problems.push(link_outside(&path, self.given));
            }
            return;
        }
        if meta.is_dir() {
            self.pending.push(path);
        } else if is_yaml(&path) {
            self.file(path, &meta);
        }
    }

    /// A YAML name with its (followed) metadata: kept if it is a regular file.
    fn file(&mut self, path: PathBuf, meta: &fs::Metadata) {
        match special_kind(meta) {
            None => self.found.push(Found {
                identity: Identity::of(meta),
                path,
            }),
            Some(kind) => self.problems.push(not_regular(&path, kind)),
        }
    }
}

fn no_yaml_files(path: &Path) -> Diagnostic {
    Diagnostic::new(
        Code::NoYamlFiles,
        None,
        format!("no YAML files in `{}`", path.display()),
    )
    .with_help("dataset files end in .yaml or .yml")
}

/// A diagnostic for a path that could not be read.
pub fn io_problem(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(
        Code::IoError,
        None,
        format!("cannot read `{}`: {}", path.display(), e),
    )
}

/// A diagnostic for a path that leads to a pipe, device, socket or directory.
pub fn not_regular(path: &Path, kind: &str) -> Diagnostic {
    Diagnostic::new(
        Code::NotARegularFile,
        None,
        format!(
            "not reading `{}`: it is {kind}, not a regular file",
            path.display()
        ),
    )
    .with_help("only regular files are read; save a command's output to a file first")
}

/// A diagnostic for a link found in a dataset directory that leads out of it. It names
/// the link only: where it leads was written by whoever wrote the dataset.
fn link_outside(path: &Path, root: &Path) -> Diagnostic {
    Diagnostic::new(
        Code::LinkOutsideDataset,
        None,
        format!(
            "not following `{}`: the symbolic link leads outside the dataset directory `{}`",
            path.display(),
            root.display()
        ),
    )
    .with_help(
        "links are followed only within the directory searched; copy the file into the \
         dataset, or name it on the command line to read it",
    )
}
