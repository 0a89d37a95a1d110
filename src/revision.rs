//! Datasets at a git revision, for `diff`. The YAML files of `REV:PATH` are read from the
//! repository's object store straight into memory and loaded like files on disk, named
//! `REV:PATH/file.yaml` in messages: nothing is written anywhere, and the working tree
//! and index are never touched. git runs as a child process with its arguments passed
//! one by one, never through a shell; a revision that could be taken for an option is
//! refused; every blob's size is checked (`git cat-file --batch-check`) before it is
//! read, with the loader's per-file limit.

use std::fmt;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use crate::load::{Exclude, IGNORE_FILE, InMemory, MAX_FILE_BYTES, MAX_IGNORE_BYTES};
/// A git revision and the path inside it, as written on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionSpec {
    /// The revision (`main`, `HEAD~1`, a commit id).
    pub rev: String,
    /// The file or directory inside it, as git reads it: from the repository's root, or
    /// from the current directory when it starts with `./` or `../`.
    pub path: String,
}

impl RevisionSpec {
    /// Splits `REV:PATH`; a bare `REV` takes `default_path`. A PATH of `.` or `..` is
    /// the current directory or its parent, written `./` or `../` for git, which would
    /// otherwise look for a file named `.` at the repository's root.
    pub fn parse(spec: &str, default_path: &str) -> RevisionSpec {
        match spec.split_once(':') {
            Some((rev, path)) => RevisionSpec {
                rev: rev.to_owned(),
                path: match path {
                    "." | ".." => format!("{path}/"),
                    _ => path.to_owned(),
                },
            },
            None => RevisionSpec {
                rev: spec.to_owned(),
                path: default_path.to_owned(),
            },
        }
    }

    /// How files from this revision are named in messages: `REV:PATH`.
    pub fn label(&self) -> String {
        format!("{}:{}", self.rev, self.path.trim_end_matches('/'))
    }
}

/// Why a revision could not be read: a message and, where it helps, what to do.
#[derive(Debug)]
pub struct RevisionError {
    /// What went wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl RevisionError {
    fn new(message: String) -> Self {
        RevisionError {
            message,
            help: None,
        }
    }
}

impl fmt::Display for RevisionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

impl std::error::Error for RevisionError {}

/// Whether the revision part of `spec` (before its first `:`, or all of it) names a
/// commit or tree of the repository in the current directory; `false` outside a
/// repository, without git, or for text that git could take for an option.
pub fn names_a_revision(spec: &str) -> bool {
    let rev = spec.split_once(':').map_or(spec, |(rev, _)| rev);
    is_safe_revision(rev)
        && git(
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{rev}^{{tree}}"),
            ],
            None,
        )
        .is_ok()
}

/// The path from the repository's root of `path`, a path on disk: a relative path is
/// read from the current directory (as git reads `REV:./PATH`), an absolute one must lie
/// inside the repository. `None` outside a repository, or for a path that leaves it.
pub fn path_for_git(path: &str) -> Option<String> {
    if Path::new(path).is_relative() {
        let prefix = git(&["rev-parse", "--show-prefix"], None).ok()?;
        let prefix = String::from_utf8(prefix).ok()?;
        return normalize(&format!("{}{path}", prefix.trim_end_matches('\n')));
    }
    let top = git(&["rev-parse", "--show-toplevel"], None).ok()?;
    let top = std::fs::canonicalize(String::from_utf8_lossy(&top).trim()).ok()?;
    let real = std::fs::canonicalize(path).ok()?;
    let inside = real.strip_prefix(top).ok()?;
    Some(inside.to_str()?.replace('\\', "/"))
}

/// `path` with its `.` and `..` components worked out, without a trailing `/`; `None`
/// when it climbs above its start.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// A revision git will read as a revision: not empty (`:PATH` reads the index), not an
/// option (`--upload-pack=…`).
fn is_safe_revision(rev: &str) -> bool {
    !rev.is_empty() && !rev.starts_with('-')
}

/// The YAML files of `spec` (a file, or a directory searched recursively), in memory and
/// named for messages, in the order the loader would find them on disk. A file larger
/// than the loader's limit is listed with that reason and never read. In a directory,
/// what `exclude` and the directory's own `.actorgraphignore` (in the revision) match is
/// left out, as on disk.
pub fn read(spec: &RevisionSpec, exclude: &Exclude) -> Result<Vec<InMemory>, RevisionError> {
    if !is_safe_revision(&spec.rev) {
        return Err(RevisionError::new(format!(
            "`{}` is not a path, and `{}` is not a git revision",
            spec.label(),
            spec.rev
        )));
    }
    let object = format!("{}:{}", spec.rev, spec.path);
    let label = spec.label();
    let kind = git(&["cat-file", "-t", &object], None).map_err(|e| RevisionError {
        message: format!("cannot read `{label}` from git: {e}"),
        help: Some(
            "give an existing path, or REV:PATH with a revision of this repository (`main:graphs`, `HEAD~1`)"
                .to_owned(),
        ),
    })?;
    let entries = match String::from_utf8_lossy(&kind).trim() {
        "tree" => tree_entries(&object, &label, exclude)?,
        "blob" => {
            let id = git(&["rev-parse", "--verify", &object], None)
                .map_err(|e| RevisionError::new(format!("cannot read `{label}` from git: {e}")))?;
            let id = String::from_utf8_lossy(&id).trim().to_owned();
            vec![Entry {
                id,
                name: label.clone(),
            }]
        }
        other => {
            return Err(RevisionError::new(format!(
                "`{label}` is a git {other}, not a file or directory"
            )));
        }
    };
    fetch(entries, &label)
}

/// A blob to read and the name it is shown by.
struct Entry {
    id: String,
    name: String,
}

/// The regular YAML blobs of the tree `object`, in the loader's order, named `label/PATH`.
fn tree_entries(object: &str, label: &str, exclude: &Exclude) -> Result<Vec<Entry>, RevisionError> {
    let listing = git(&["ls-tree", "-r", "-z", "--full-tree", object], None)
        .map_err(|e| RevisionError::new(format!("cannot list `{label}`: {e}")))?;
    let ignore_text = ignore_file(object, label)?;
    let skip = exclude
        .matcher(Path::new(""), ignore_text.as_deref())
        .map_err(|e| RevisionError::new(format!("cannot use `{label}/{IGNORE_FILE}`: {e}")))?;
    let mut entries: Vec<(PathBuf, String)> = listing
        .split(|&b| b == 0)
        .filter(|r| !r.is_empty())
        .filter_map(parse_entry)
        .filter(|(_, path)| !skip.matched_path_or_any_parents(path, false).is_ignore())
        .map(|(id, path)| (path, id))
        .collect();
    if entries.is_empty() {
        return Err(RevisionError::new(format!(
            "`{label}` holds no *.yaml or *.yml files"
        )));
    }
    // The order `discover` gives files on disk, so both sides read alike.
    entries.sort();
    Ok(entries
        .into_iter()
        .map(|(path, id)| Entry {
            id,
            name: name_below(label, &path),
        })
        .collect())
}

/// The text of the tree's `.actorgraphignore`, if it has one as a regular blob; its size
/// is checked before it is read.
fn ignore_file(object: &str, label: &str) -> Result<Option<String>, RevisionError> {
    let blob = if object.ends_with(':') {
        format!("{object}{IGNORE_FILE}")
    } else {
        format!("{}/{IGNORE_FILE}", object.trim_end_matches('/'))
    };
    let Ok(kind) = git(&["cat-file", "-t", &blob], None) else {
        return Ok(None);
    };
    let refuse =
        |why: &str| RevisionError::new(format!("cannot use `{label}/{IGNORE_FILE}`: {why}"));
    if String::from_utf8_lossy(&kind).trim() != "blob" {
        return Err(refuse("not a file"));
    }
    let size = git(&["cat-file", "-s", &blob], None).map_err(|e| refuse(&e))?;
    let size: u64 = String::from_utf8_lossy(&size)
        .trim()
        .parse()
        .unwrap_or(u64::MAX);
    if size > MAX_IGNORE_BYTES {
        return Err(refuse("larger than 1 MiB"));
    }
    let text = git(&["cat-file", "blob", &blob], None).map_err(|e| refuse(&e))?;
    String::from_utf8(text)
        .map(Some)
        .map_err(|_| refuse("not valid UTF-8"))
}

/// `label/PATH`, or `labelPATH` when the label ends in `:` or `/`.
fn name_below(label: &str, path: &Path) -> String {
    let rest = path.to_string_lossy().replace('\\', "/");
    if label.ends_with([':', '/']) {
        format!("{label}{rest}")
    } else {
        format!("{label}/{rest}")
    }
}

/// Reads the entries' blobs: sizes first, then only the blobs within the limit.
fn fetch(entries: Vec<Entry>, label: &str) -> Result<Vec<InMemory>, RevisionError> {
    let failed = |e: String| RevisionError::new(format!("cannot read the files of `{label}`: {e}"));
    let sizes = sizes(&entries).map_err(failed)?;
    let wanted: Vec<&str> = entries
        .iter()
        .zip(&sizes)
        .filter(|&(_, &size)| size <= MAX_FILE_BYTES)
        .map(|(e, _)| e.id.as_str())
        .collect();
    let mut blobs = read_blobs(&wanted).map_err(failed)?.into_iter();
    let mut files = Vec::with_capacity(entries.len());
    for (entry, size) in entries.into_iter().zip(sizes) {
        let content = if size <= MAX_FILE_BYTES {
            let blob = blobs
                .next()
                .ok_or_else(|| failed("git returned fewer blobs than asked".to_owned()))?;
            Ok(Arc::from(blob))
        } else {
            Err(crate::load::too_large())
        };
        files.push(InMemory {
            name: entry.name,
            content,
        });
    }
    Ok(files)
}

/// The size of each entry's blob, from `git cat-file --batch-check`.
fn sizes(entries: &[Entry]) -> Result<Vec<u64>, String> {
    let ids = request(entries.iter().map(|e| e.id.as_str()));
    let out = git(&["cat-file", "--batch-check"], Some(&ids))?;
    let text = String::from_utf8_lossy(&out);
    let mut lines = text.lines();
    entries
        .iter()
        .map(|entry| {
            let line = lines.next().unwrap_or_default();
            parse_header(line, &entry.id).ok_or_else(|| format!("unexpected answer `{line}`"))
        })
        .collect()
}

/// One object id per line, for git's batch commands.
fn request<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<u8> {
    ids.flat_map(|id| id.bytes().chain(std::iter::once(b'\n')))
        .collect()
}

/// The size in a batch header `ID blob SIZE` for the blob `id`.
fn parse_header(line: &str, id: &str) -> Option<u64> {
    let mut fields = line.split(' ');
    let (got, kind, size) = (fields.next()?, fields.next()?, fields.next()?);
    (got == id && kind == "blob" && fields.next().is_none())
        .then(|| size.parse().ok())
        .flatten()
}

/// Reads the blobs `ids` with one `git cat-file --batch`, each checked against its header
/// and read to its exact size, never more than [`MAX_FILE_BYTES`].
fn read_blobs(ids: &[&str]) -> Result<Vec<Vec<u8>>, String> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = git_command(&["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let input = request(ids.iter().copied());
    let (stdin, stdout) = (child.stdin.take(), child.stdout.take());
    let result = std::thread::scope(|scope| {
        if let Some(mut stdin) = stdin {
            // A second thread feeds the requests, so neither pipe can fill and block.
            scope.spawn(move || {
                let _ = stdin.write_all(&input);
            });
        }
        let mut reader = BufReader::new(stdout.ok_or("git has no output")?);
        ids.iter().map(|id| next_blob(&mut reader, id)).collect()
    });
    let _ = child.kill();
    let _ = child.wait();
    result
}

/// One blob of `cat-file --batch` output: `ID blob SIZE\n`, the content, `\n`.
fn next_blob(reader: &mut impl BufRead, id: &str) -> Result<Vec<u8>, String> {
    let mut header = Vec::new();
    reader
        .by_ref()
        .take(256)
        .read_until(b'\n', &mut header)
        .map_err(|e| e.to_string())?;
    let header = String::from_utf8_lossy(&header);
    let size = parse_header(header.trim_end(), id)
        .filter(|&size| size <= MAX_FILE_BYTES)
        .ok_or_else(|| format!("unexpected answer `{}`", header.trim_end()))?;
    let mut blob = vec![0; usize::try_from(size).map_err(|e| e.to_string())?];
    reader.read_exact(&mut blob).map_err(|e| e.to_string())?;
    let mut newline = [0];
    reader.read_exact(&mut newline).map_err(|e| e.to_string())?;
    Ok(blob)
}

/// A `ls-tree` record `MODE TYPE ID\tPATH` for a regular YAML file whose path is a plain
/// relative path: no `..`, `.` or root component, and no hidden component (the loader
/// skips those on disk too). Symbolic links and submodules are skipped: they have no
/// YAML content in the revision itself.
fn parse_entry(record: &[u8]) -> Option<(String, PathBuf)> {
    let tab = record.iter().position(|&b| b == b'\t')?;
    let meta = std::str::from_utf8(&record[..tab]).ok()?;
    let mut fields = meta.split(' ');
    let (mode, kind, id) = (fields.next()?, fields.next()?, fields.next()?);
    if kind != "blob" || !(mode == "100644" || mode == "100755") {
        return None;
    }
    if !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let raw = &record[tab + 1..];
    // Each part between slashes is a plain name: not empty (no root, no `//`), not `.`
    // or `..`, not hidden.
    let plain = raw
        .split(|&b| b == b'/')
        .all(|part| part.first().is_some_and(|&b| b != b'.'));
    let path = bytes_to_path(raw);
    (plain && crate::load::is_yaml(&path)).then(|| (id.to_owned(), path))
}

#[cfg(unix)]
fn bytes_to_path(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn bytes_to_path(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// git with the options every run takes: replacement objects (`refs/replace`) are not
/// honoured, so a revision's files are the ones its commit records.
fn git_command(args: &[&str]) -> Command {
    let mut command = Command::new("git");
    command.arg("--no-replace-objects").args(args);
    command
}

/// Runs git with `args` (and `input` on standard input); its standard output, or its
/// first line of standard error as the error.
fn git(args: &[&str], input: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let mut child = git_command(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    // Feed standard input from a second thread while this one drains the output, so
    // neither side can fill a pipe and wait on the other.
    let stdin = child.stdin.take();
    let out = std::thread::scope(|scope| {
        if let (Some(mut stdin), Some(bytes)) = (stdin, input) {
            scope.spawn(move || {
                let _ = stdin.write_all(bytes);
            });
        }
        child.wait_with_output()
    })
    .map_err(|e| format!("git failed: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr.lines().next().unwrap_or("git failed").trim();
        Err(first.trim_start_matches("fatal: ").to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_split_at_the_first_colon() {
        let s = RevisionSpec::parse("main:graphs/x", "graphs");
        assert_eq!((s.rev.as_str(), s.path.as_str()), ("main", "graphs/x"));
        let s = RevisionSpec::parse("HEAD~1", "graphs");
        assert_eq!(s.label(), "HEAD~1:graphs");
        // git reads `REV:.` at the repository's root; `./` is the current directory.
        assert_eq!(RevisionSpec::parse("HEAD~1:.", "graphs").path, "./");
        assert_eq!(RevisionSpec::parse("HEAD~1:..", "graphs").path, "../");
    }

    #[test]
    fn paths_are_worked_out_from_the_root() {
        assert_eq!(normalize("graphs/./a/../b/").as_deref(), Some("graphs/b"));
        assert_eq!(normalize("graphs/..").as_deref(), Some(""));
        assert_eq!(normalize("graphs/../.."), None);
    }

    #[test]
    fn unsafe_tree_paths_are_skipped() {
        assert!(parse_entry(b"100644 blob abc\t../evil.yaml").is_none());
        assert!(parse_entry(b"120000 blob abc\tlink.yaml").is_none());
        assert!(parse_entry(b"160000 commit abc\tsub").is_none());
        let (id, path) = parse_entry(b"100644 blob abc\tgraphs/a.yaml").expect("entry");
        assert_eq!((id.as_str(), path), ("abc", PathBuf::from("graphs/a.yaml")));
    }

    #[test]
    fn hidden_and_odd_tree_paths_are_skipped() {
        for record in [
            &b"100644 blob abc\t.hidden.yaml"[..],
            b"100644 blob abc\tdir/.git/x.yaml",
            b"100644 blob abc\t/abs.yaml",
            b"100644 blob abc\ta/./b.yaml",
            b"100644 blob abc\ta/../../b.yaml",
            b"100644 blob a\nb\tx.yaml",
        ] {
            assert!(parse_entry(record).is_none(), "{record:?}");
        }
    }

    #[test]
    fn batch_output_is_read_by_size() {
        let mut out = &b"a1 blob 3\nxyz\nb2 blob 0\n\n"[..];
        assert_eq!(next_blob(&mut out, "a1").expect("first"), b"xyz");
        assert_eq!(next_blob(&mut out, "b2").expect("second"), b"");
        assert!(out.is_empty());
        let mut wrong = &b"a1 blob 3\nxyz\n"[..];
        assert!(
            next_blob(&mut wrong, "b2").is_err(),
            "another object's answer"
        );
        let huge = format!("a1 blob {}\n", MAX_FILE_BYTES + 1);
        assert!(
            next_blob(&mut huge.as_bytes(), "a1").is_err(),
            "never allocated"
        );
        assert!(next_blob(&mut &b"a1 missing\n"[..], "a1").is_err());
    }
}
