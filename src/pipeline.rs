//! Loading and validating a dataset: the one entry point, [`check`], shared by every
//! command. It loads the files, validates the records, sorts the diagnostics into report
//! order and, as the [`Mode`] asks, builds the model.

use std::path::PathBuf;

use crate::diagnostic::{self, Diagnostic, Files, Severity};
use crate::load;
pub use crate::load::{Exclude, InMemory};
use crate::model::Dataset;
use crate::validate::{self, Goal};

/// Which files to load.
#[derive(Debug, Clone)]
pub enum Input<'a> {
    /// YAML files and directories (searched recursively), named in messages as given.
    Paths(&'a [PathBuf]),
    /// Like [`Input::Paths`], leaving out in directories what the patterns exclude.
    PathsExcluding(&'a [PathBuf], &'a Exclude),
    /// Files held in memory, loaded exactly as files on disk, named in messages as given
    /// (a git revision's blobs, shown as `REV:PATH/file.yaml`).
    InMemory(Vec<InMemory>),
}

/// How far [`check`] goes.
pub enum Mode<'r> {
    /// Only the diagnostics: the model is never built (`dataset` is `None`), which saves
    /// the time and memory of a dataset the caller would only drop.
    Check,
    /// The diagnostics and, when there is no error, the model.
    Build,
    /// Like [`Mode::Build`], calling `report` with the files and the sorted diagnostics
    /// as soon as they are known: it runs while the model is built on another thread, so
    /// a long report costs no time.
    BuildWhileReporting(&'r mut dyn FnMut(&Files, &[Diagnostic])),
}

impl std::fmt::Debug for Mode<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Mode::Check => "Check",
            Mode::Build => "Build",
            Mode::BuildWhileReporting(_) => "BuildWhileReporting",
        })
    }
}

/// A loaded and validated dataset, with everything found on the way.
#[derive(Debug)]
pub struct Checked {
    /// The files read.
    pub files: Files,
    /// All diagnostics, sorted by file, line and column.
    pub diagnostics: Vec<Diagnostic>,
    /// The dataset, when there is no error and the mode builds one.
    pub dataset: Option<Dataset>,
}

impl Checked {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        has_errors(&self.diagnostics)
    }

    /// Whether reading the input failed (a missing path, an unreadable file).
    pub fn input_failed(&self) -> bool {
        self.diagnostics.iter().any(|d| d.code.is_input_failure())
    }
}

/// Loads and validates `input`, building the model when `mode` asks for it and nothing
/// is in error. Every check runs whatever the mode, so all problems show at once.
pub fn check(input: Input<'_>, mode: Mode<'_>) -> Checked {
    check_inspecting(input, mode, &mut |_, _, _| {})
}

/// Like [`check`], calling `inspect` with the files, their raw records (with the span of
/// every value) and the files that could not be read or parsed, once they are loaded and
/// before they are validated: the language server indexes ids and references there,
/// from the very records checked.
pub(crate) fn check_inspecting(
    input: Input<'_>,
    mode: Mode<'_>,
    inspect: &mut dyn FnMut(&Files, &crate::load::raw::RawDataset, &[diagnostic::FileId]),
) -> Checked {
    let loaded = match input {
        Input::Paths(paths) => load::load(paths),
        Input::PathsExcluding(paths, exclude) => load::load_excluding(paths, exclude),
        Input::InMemory(files) => load::load_in_memory(files),
    };
    inspect(&loaded.files, &loaded.raw, &loaded.unread);
    let goal = match mode {
        Mode::Build | Mode::BuildWhileReporting(_) if !has_errors(&loaded.diagnostics) => {
            Goal::Model
        }
        _ => Goal::Diagnostics,
    };
    let validation = validate::validate(loaded.raw, &loaded.files, goal);
    let mut diagnostics = merged(validation.diagnostics, loaded.diagnostics);
    validate::skip_what_unread_files_decide(&mut diagnostics, &loaded.unread);
    let files = loaded.files;
    let pending = validation.pending;
    let dataset = match mode {
        Mode::BuildWhileReporting(report) => std::thread::scope(|scope| {
            // Building writes nowhere (the library never prints): `report` may hold the
            // lock of the stream it writes to for as long as it runs.
            let building = pending.map(|p| scope.spawn(move || p.build()));
            report(&files, &diagnostics);
            building.map(|b| b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
        }),
        Mode::Check | Mode::Build => pending.map(validate::Pending::build),
    };
    Checked {
        files,
        diagnostics,
        dataset,
    }
}

fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// Validation's diagnostics and loading's, in report order.
fn merged(mut validation: Vec<Diagnostic>, loading: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // Validation's list is usually the long one: extend it, rather than copy it.
    validation.extend(loading);
    diagnostic::sort(&mut validation);
    validation
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reporting while the dataset is built gives what checking first and reporting
    /// afterwards gives: the same sorted diagnostics, seen by the report, and the same
    /// dataset; checking only gives the same diagnostics and no dataset.
    #[test]
    fn the_modes_agree() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["graphs", "tests/fixtures/valid", "tests/fixtures/invalid"] {
            let paths = [root.join(dir)];
            let before = check(Input::Paths(&paths), Mode::Build);
            let mut seen = Vec::new();
            let mut report = |_: &Files, d: &[Diagnostic]| seen = d.to_vec();
            let after = check(Input::Paths(&paths), Mode::BuildWhileReporting(&mut report));
            let only = check(Input::Paths(&paths), Mode::Check);
            assert_eq!(before.dataset.is_some(), dir != "tests/fixtures/invalid");
            assert_eq!(seen, before.diagnostics, "{dir}");
            assert_eq!(after.diagnostics, before.diagnostics, "{dir}");
            assert_eq!(only.diagnostics, before.diagnostics, "{dir}");
            assert!(only.dataset.is_none());
            assert_eq!(
                format!("{:?}", after.dataset),
                format!("{:?}", before.dataset),
                "{dir}"
            );
        }
    }
}
