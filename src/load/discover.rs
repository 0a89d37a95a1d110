//! Finding the dataset's files: every `*.yaml`/`*.yml` under the given paths, directories
//! searched recursively, in sorted path order so results never depend on the file system.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};

/// Whether a path names a YAML file by its extension.
pub fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// The sorted, deduplicated YAML files under `paths`, and problems met on the way.
///
/// A file named directly is read whatever its extension or kind (so `<(command)` works).
/// Inside directories, hidden entries (names starting with `.`) and anything but regular
/// files (a named pipe would block the read forever) are skipped, and a directory reached
/// twice through symbolic links is searched once, so a link loop cannot hang the search.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let before = found.len();
                walk(path, &mut found, &mut problems);
                if found.len() == before {
                    problems.push(
                        Diagnostic::new(
                            Code::NoYamlFiles,
                            None,
                            format!("no YAML files in `{}`", path.display()),
                        )
                        .with_help("dataset files end in .yaml or .yml"),
                    );
                }
            }
            Ok(_) => found.push(path.clone()),
            Err(e) => problems.push(io_problem(path, &e)),
        }
    }
    found.sort();
    found.dedup();
    (found, problems)
}

fn walk(root: &Path, found: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>) {
    let mut visited = HashSet::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let key = fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if !visited.insert(key) {
            continue;
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(io_problem(&dir, &e));
                continue;
            }
        };
        for entry in entries.flatten() {
            if entry.file_name().as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let path = entry.path();
            // `metadata` follows links: a link to a directory is searched, a dangling one skipped.
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => pending.push(path),
                Ok(meta) if meta.is_file() && is_yaml(&path) => found.push(path),
                Err(e) if is_yaml(&path) => problems.push(io_problem(&path, &e)),
                Ok(_) | Err(_) => {}
            }
        }
    }
}

/// A diagnostic for a path that could not be read.
pub fn io_problem(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(
        Code::IoError,
        None,
        format!("cannot read `{}`: {}", path.display(), e),
    )
}
