//! Finding the dataset's files: every `*.yaml`/`*.yml` under the given paths, directories
//! searched recursively, in sorted path order so results never depend on the file system.
//! A directory's contents are hostile: a symbolic link in it is followed only when it
//! leads to somewhere inside the directory given on the command line, and only regular
//! files are read. What the user excludes (`--exclude GLOB`, and the lines of an
//! `.actorgraphignore` file at the top of a directory searched, both in gitignore syntax)
//! is left out of the search: the patterns only decide which entries are skipped, and the
//! walk and its safety checks stay this module's own.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

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
///
/// Inside a directory, entries matched by `exclude` or by the directory's
/// `.actorgraphignore` are skipped; a file named directly is always read.
pub fn discover(paths: &[PathBuf], exclude: &Exclude) -> (Vec<Found>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let before = (found.len(), problems.len());
                let skip = match exclude.for_directory(path) {
                    Ok(skip) => skip,
                    Err(problem) => {
                        problems.push(problem);
                        continue;
                    }
                };
                walk(path, &skip, &mut found, &mut problems);
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

/// Whether searching the directories `roots` would take `path` if it were a regular YAML
/// file: for a file not on disk yet (an editor's unsaved buffer), admitted to the dataset
/// by the rules [`discover`] follows. It must be a YAML name under one of the roots (each
/// one a directory) with no hidden component, reached through no excluded directory, not
/// excluded itself (by `exclude` or that root's `.actorgraphignore`, which must be usable)
/// and not under a link that leads out of the root.
pub(crate) fn would_find(roots: &[PathBuf], exclude: &Exclude, path: &Path) -> bool {
    is_yaml(path)
        && roots
            .iter()
            .any(|root| would_find_under(root, exclude, path))
}

fn would_find_under(root: &Path, exclude: &Exclude, path: &Path) -> bool {
    let Ok(rest) = path.strip_prefix(root) else {
        return false;
    };
    let names: Option<Vec<_>> = rest
        .components()
        .map(|c| match c {
            std::path::Component::Normal(name) if !name.as_encoded_bytes().starts_with(b".") => {
                Some(name)
            }
            _ => None,
        })
        .collect();
    let Some((file, dirs)) = names.as_deref().and_then(<[_]>::split_last) else {
        return false;
    };
    if !fs::metadata(root).is_ok_and(|m| m.is_dir()) || !stays_inside(root, path) {
        return false;
    }
    let Ok(skip) = exclude.for_directory(root) else {
        return false;
    };
    let mut at = root.to_path_buf();
    for dir in dirs {
        at.push(dir);
        if skip.matched(&at, true).is_ignore() {
            return false;
        }
    }
    at.push(file);
    !skip.matched(&at, false).is_ignore()
}

/// Whether the deepest existing directory above `path` is, links resolved, inside `root`.
fn stays_inside(root: &Path, path: &Path) -> bool {
    let Ok(real_root) = fs::canonicalize(root) else {
        return false;
    };
    path.ancestors()
        .skip(1)
        .find_map(|dir| fs::canonicalize(dir).ok())
        .is_some_and(|real| real.starts_with(&real_root))
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
    /// What the user excluded.
    skip: &'a Gitignore,
}

fn walk(root: &Path, skip: &Gitignore, found: &mut Vec<Found>, problems: &mut Vec<Diagnostic>) {
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
        skip,
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
                Ok(kind) if kind.is_dir() => {
                    if !self.skipped(&path, true) {
                        self.pending.push(path);
                    }
                }
                Ok(_) if self.skipped(&path, false) => {}
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
        if self.skipped(&path, meta.is_dir()) {
            return;
        }
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

    /// Whether the user excluded `path` (a name found in the walk, under the root).
    fn skipped(&self, path: &Path, is_dir: bool) -> bool {
        self.skip.matched(path, is_dir).is_ignore()
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

/// The name of the file, at the top of a dataset directory, that lists what to leave out.
pub const IGNORE_FILE: &str = ".actorgraphignore";

/// The largest `.actorgraphignore` read: a list of patterns, never a dataset.
pub const MAX_IGNORE_BYTES: u64 = 1024 * 1024;

/// Patterns of files to leave out of a directory's search, in gitignore syntax
/// (`--exclude GLOB`); each directory's `.actorgraphignore` adds its own.
#[derive(Debug, Clone, Default)]
pub struct Exclude {
    globs: Vec<String>,
}

impl Exclude {
    /// Checks every pattern, so a mistyped one is refused before anything is read.
    pub fn new(globs: &[String]) -> Result<Exclude, String> {
        let mut builder = GitignoreBuilder::new("");
        for glob in globs {
            builder
                .add_line(None, glob)
                .map_err(|e| format!("invalid `--exclude` pattern `{glob}`: {e}"))?;
        }
        builder
            .build()
            .map_err(|e| format!("invalid `--exclude` pattern: {e}"))?;
        Ok(Exclude {
            globs: globs.to_vec(),
        })
    }

    /// The matcher for a directory named on the command line: its `.actorgraphignore`,
    /// then the `--exclude` patterns, which come last and so win.
    fn for_directory(&self, root: &Path) -> Result<Gitignore, Diagnostic> {
        let file = root.join(IGNORE_FILE);
        let text = read_ignore_file(root, &file)?;
        self.matcher(root, text.as_deref())
            .map_err(|why| ignore_problem(&file, &why))
    }

    /// The matcher for paths under `root`: the lines of `ignore_file` (the text of its
    /// `.actorgraphignore`, if any), then the `--exclude` patterns, which come last and
    /// so win.
    pub(crate) fn matcher(
        &self,
        root: &Path,
        ignore_file: Option<&str>,
    ) -> Result<Gitignore, String> {
        let mut builder = GitignoreBuilder::new(root);
        for (n, line) in ignore_file.unwrap_or_default().lines().enumerate() {
            builder
                .add_line(None, line)
                .map_err(|e| format!("line {}: {e}", n + 1))?;
        }
        for glob in &self.globs {
            builder.add_line(None, glob).map_err(|e| e.to_string())?;
        }
        builder.build().map_err(|e| e.to_string())
    }
}

/// The text of a directory's `.actorgraphignore`, if it has one. Like a dataset file, it
/// is read only if it is (or links to) a regular file inside the directory, and only up
/// to [`MAX_IGNORE_BYTES`].
fn read_ignore_file(root: &Path, file: &Path) -> Result<Option<String>, Diagnostic> {
    match fs::symlink_metadata(file) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_problem(file, &e)),
        Ok(_) => {}
    }
    let inside = fs::canonicalize(root)
        .and_then(|r| fs::canonicalize(file).map(|f| f.starts_with(r)))
        .map_err(|e| io_problem(file, &e))?;
    if !inside {
        return Err(link_outside(file, root));
    }
    let meta = fs::metadata(file).map_err(|e| io_problem(file, &e))?;
    if let Some(kind) = special_kind(&meta) {
        return Err(not_regular(file, kind));
    }
    let mut bytes = Vec::new();
    fs::File::open(file)
        .and_then(|f| f.take(MAX_IGNORE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| io_problem(file, &e))?;
    if bytes.len() as u64 > MAX_IGNORE_BYTES {
        return Err(ignore_problem(file, "larger than 1 MiB"));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| ignore_problem(file, "not valid UTF-8"))
}

/// A diagnostic for an `.actorgraphignore` or `--exclude` pattern that cannot be used:
/// which files form the dataset is then unknown, so nothing is read.
fn ignore_problem(file: &Path, why: &str) -> Diagnostic {
    Diagnostic::new(
        Code::IoError,
        None,
        format!("cannot use `{}`: {why}", file.display()),
    )
    .with_help("it lists files to leave out, one gitignore pattern a line")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`would_find`] says of each path what [`discover`] does once the files exist:
    /// hidden entries, the ignore file (a whitelisted file in an ignored directory
    /// included), `--exclude`, and links leading out of the root.
    #[test]
    fn would_find_agrees_with_discover() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("z.yaml"), "").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(
            root.join(IGNORE_FILE),
            "drafts/\n!drafts/keep.yaml\nold*.yaml\n",
        )
        .unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(outside.path(), root.join("out")).unwrap();
        let names = [
            "a.yaml",
            "a.txt",
            "drafts/x.yaml",
            "drafts/keep.yaml",
            "old1.yaml",
            "sub/old2.yaml",
            "sub/x.tmp.yaml",
            "deep/a/b/skip.yaml",
            "deep/a/ok.yaml",
            ".hidden/a.yaml",
            "sub/.h.yaml",
            "out/z.yaml",
        ];
        for name in names {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "").unwrap();
        }
        let exclude = Exclude::new(&["*.tmp.yaml".into(), "deep/**/skip.yaml".into()]).unwrap();
        let roots = [root.clone()];
        let (found, _) = discover(&roots, &exclude);
        let found: Vec<_> = found.into_iter().map(|f| f.path).collect();
        let kept: Vec<_> = names
            .iter()
            .filter(|n| would_find(&roots, &exclude, &root.join(n)))
            .copied()
            .collect();
        assert_eq!(kept, ["a.yaml", "deep/a/ok.yaml"]);
        for name in names {
            let path = root.join(name);
            assert_eq!(
                would_find(&roots, &exclude, &path),
                found.contains(&path),
                "{name}"
            );
        }
        // Outside every root, or the root itself, is never found.
        assert!(!would_find(
            &roots,
            &exclude,
            &outside.path().join("z.yaml")
        ));
        assert!(!would_find(&roots, &exclude, &root));
    }
}
