//! Datasets at a git revision, for `diff`: `REV:PATH` is unpacked from the repository's
//! object store into a temporary directory (the working tree and index are never
//! touched), so the normal loader reads it and diagnostics name `REV:PATH/file.yaml`.
//! git runs as a child process with arguments passed one by one, never through a shell.

use std::ffi::OsString;
use std::fmt;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

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
    /// Splits `REV:PATH`; a bare `REV` takes `default_path`.
    pub fn parse(spec: &str, default_path: &str) -> RevisionSpec {
        match spec.split_once(':') {
            Some((rev, path)) => RevisionSpec {
                rev: rev.to_owned(),
                path: path.to_owned(),
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

/// Why a revision could not be read.
#[derive(Debug)]
pub struct RevisionError(String);

impl fmt::Display for RevisionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RevisionError {}

/// A revision's dataset unpacked on disk; removed when dropped.
#[derive(Debug)]
pub struct Unpacked {
    /// Held for its `Drop`, which removes the files.
    #[allow(dead_code)]
    dir: TempDir,
    /// What to load: the unpacked directory, or the one unpacked file.
    pub root: PathBuf,
}

/// Unpacks the YAML files of `spec` (a file, or a directory searched recursively) into a
/// temporary directory.
pub fn unpack(spec: &RevisionSpec) -> Result<Unpacked, RevisionError> {
    if spec.rev.is_empty() || spec.rev.starts_with('-') {
        return Err(RevisionError(format!(
            "`{}` is not a path, and `{}` is not a git revision",
            spec.label(),
            spec.rev
        )));
    }
    let object = format!("{}:{}", spec.rev, spec.path);
    let kind = git(&["cat-file", "-t", &object], None).map_err(|e| {
        RevisionError(format!(
            "cannot read `{}` from git: {e}\n  = help: give an existing path, or REV:PATH with a revision of this repository (`main:graphs`, `HEAD~1`)",
            spec.label()
        ))
    })?;
    let dir = tempfile::Builder::new()
        .prefix("actorgraph-rev-")
        .tempdir()
        .map_err(|e| RevisionError(format!("cannot create a temporary directory: {e}")))?;
    let root = match String::from_utf8_lossy(&kind).trim() {
        "tree" => {
            unpack_tree(&object, dir.path(), &spec.label())?;
            dir.path().to_path_buf()
        }
        "blob" => {
            let name = Path::new(&spec.path)
                .file_name()
                .map_or_else(|| OsString::from("dataset.yaml"), OsString::from);
            let file = dir.path().join(name);
            let bytes = git(&["cat-file", "blob", &object], None).map_err(|e| {
                RevisionError(format!("cannot read `{}` from git: {e}", spec.label()))
            })?;
            write_file(&file, &bytes)?;
            file
        }
        other => {
            return Err(RevisionError(format!(
                "`{}` is a git {other}, not a file or directory",
                spec.label()
            )));
        }
    };
    Ok(Unpacked { dir, root })
}

/// Writes every blob of the tree `object` into `dest`, keeping relative paths.
fn unpack_tree(object: &str, dest: &Path, label: &str) -> Result<(), RevisionError> {
    let listing = git(&["ls-tree", "-r", "-z", "--full-tree", object], None)
        .map_err(|e| RevisionError(format!("cannot list `{label}`: {e}")))?;
    let mut entries = Vec::new();
    for record in listing.split(|&b| b == 0).filter(|r| !r.is_empty()) {
        if let Some(entry) = parse_entry(record) {
            entries.push(entry);
        }
    }
    if entries.is_empty() {
        return Err(RevisionError(format!(
            "`{label}` holds no *.yaml or *.yml files"
        )));
    }
    let ids: Vec<u8> = entries
        .iter()
        .flat_map(|(id, _)| id.bytes().chain(std::iter::once(b'\n')))
        .collect();
    let batch = git(&["cat-file", "--batch"], Some(&ids))
        .map_err(|e| RevisionError(format!("cannot read the files of `{label}`: {e}")))?;
    let mut rest = batch.as_slice();
    for (_, path) in &entries {
        let (content, tail) = next_blob(rest)
            .ok_or_else(|| RevisionError(format!("git returned a short batch for `{label}`")))?;
        write_file(&dest.join(path), content)?;
        rest = tail;
    }
    Ok(())
}

/// A `ls-tree` record `MODE TYPE ID\tPATH` for a regular YAML file whose path is safe to
/// recreate (no `..`, no absolute path); the loader then skips hidden ones as usual. Symbolic links and submodules are skipped: they
/// have no YAML content in the revision itself.
fn parse_entry(record: &[u8]) -> Option<(String, PathBuf)> {
    let tab = record.iter().position(|&b| b == b'\t')?;
    let meta = std::str::from_utf8(&record[..tab]).ok()?;
    let mut fields = meta.split(' ');
    let (mode, kind, id) = (fields.next()?, fields.next()?, fields.next()?);
    if kind != "blob" || !(mode == "100644" || mode == "100755") {
        return None;
    }
    let path = bytes_to_path(&record[tab + 1..]);
    let safe = path.components().all(|c| matches!(c, Component::Normal(_)));
    (safe && crate::load::is_yaml(&path)).then(|| (id.to_owned(), path))
}

/// One blob from `cat-file --batch` output (`ID TYPE SIZE\nCONTENT\n`), and the rest.
fn next_blob(output: &[u8]) -> Option<(&[u8], &[u8])> {
    let newline = output.iter().position(|&b| b == b'\n')?;
    let header = std::str::from_utf8(&output[..newline]).ok()?;
    let size: usize = header.rsplit(' ').next()?.parse().ok()?;
    let body = output.get(newline + 1..newline + 1 + size)?;
    let rest = output.get(newline + 2 + size..)?;
    Some((body, rest))
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

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), RevisionError> {
    let fail = |e: io::Error| RevisionError(format!("cannot write {}: {e}", path.display()));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    std::fs::write(path, bytes).map_err(fail)
}

/// Runs git with `args` (and `input` on standard input); its standard output, or its
/// first line of standard error as the error.
fn git(args: &[&str], input: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let mut child = Command::new("git")
        .args(args)
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
    fn batch_output_is_split_by_size() {
        let out = b"a blob 3\nxyz\nb blob 0\n\n";
        let (first, rest) = next_blob(out).expect("first");
        assert_eq!(first, b"xyz");
        let (second, rest) = next_blob(rest).expect("second");
        assert_eq!((second, rest), (&b""[..], &b""[..]));
    }
}
