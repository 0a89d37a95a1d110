//! The shared front half of every command: load the files, validate, and sort the
//! diagnostics into report order.

use std::path::{Path, PathBuf};

use crate::diagnostic::{self, Diagnostic, Files, Severity};
use crate::load;
use crate::model::Dataset;
use crate::validate;

/// A loaded and validated dataset, with everything found on the way.
#[derive(Debug)]
pub struct Checked {
    /// The files read.
    pub files: Files,
    /// All diagnostics, sorted by file, line and column.
    pub diagnostics: Vec<Diagnostic>,
    /// The dataset, when there is no error.
    pub dataset: Option<Dataset>,
}

impl Checked {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// Whether reading the input failed (a missing path, an unreadable file).
    pub fn input_failed(&self) -> bool {
        self.diagnostics.iter().any(|d| d.code.is_input_failure())
    }
}

/// Loads and validates the dataset under `paths`.
pub fn check(paths: &[PathBuf]) -> Checked {
    run(load::load(paths), true)
}

/// Loads and validates the dataset under `root`, naming its files `label` followed by
/// their path below `root` (see [`load::load_as`]).
pub fn check_as(root: &Path, label: &str) -> Checked {
    run(load::load_as(root, label), true)
}

/// Loads and validates like [`check`], without building the dataset (`dataset` is
/// always `None`): for reports that need only the diagnostics.
pub fn check_only(paths: &[PathBuf]) -> Checked {
    run(load::load(paths), false)
}

fn run(loaded: load::Loaded, build: bool) -> Checked {
    let prior_errors = loaded
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    let (mut diagnostics, dataset) = if build {
        let validation = validate::validate(loaded.raw, &loaded.files, prior_errors);
        (validation.diagnostics, validation.dataset)
    } else {
        (validate::check(loaded.raw, &loaded.files), None)
    };
    // Validation's list is usually the long one: extend it, rather than copy it.
    diagnostics.extend(loaded.diagnostics);
    diagnostic::sort(&mut diagnostics);
    Checked {
        files: loaded.files,
        diagnostics,
        dataset,
    }
}
