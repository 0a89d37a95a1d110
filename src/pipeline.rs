//! The shared front half of every command: load the files, validate, and sort the
//! diagnostics into report order.

use std::path::PathBuf;

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
        has_errors(&self.diagnostics)
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

/// Loads and validates a dataset whose files are held in memory (a git revision's, see
/// [`load::load_in_memory`]).
pub fn check_in_memory(files: Vec<load::InMemory>) -> Checked {
    run(load::load_in_memory(files), true)
}

/// Loads and validates like [`check`], without building the dataset (`dataset` is
/// always `None`): for reports that need only the diagnostics.
pub fn check_only(paths: &[PathBuf]) -> Checked {
    run(load::load(paths), false)
}

/// Loads and validates like [`check`], calling `report` with the files and the sorted
/// diagnostics as soon as they are known: it runs while the dataset is built on another
/// thread, so a long report costs no time.
pub fn check_reporting<R>(
    paths: &[PathBuf],
    report: impl FnOnce(&Files, &[Diagnostic]) -> R,
) -> (Checked, R) {
    let loaded = load::load(paths);
    let prior_errors = has_errors(&loaded.diagnostics);
    let (diagnostics, pending) =
        validate::validate_deferred(loaded.raw, &loaded.files, prior_errors);
    let diagnostics = merged(diagnostics, loaded.diagnostics);
    let files = loaded.files;
    let (dataset, reported) = std::thread::scope(|scope| {
        // Building writes nowhere (the library never prints): `report` may hold the lock
        // of the stream it writes to for as long as it runs.
        let building = pending.map(|p| scope.spawn(move || p.build()));
        let reported = report(&files, &diagnostics);
        let dataset = building.map(|b| b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        (dataset, reported)
    });
    let checked = Checked {
        files,
        diagnostics,
        dataset,
    };
    (checked, reported)
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

fn run(loaded: load::Loaded, build: bool) -> Checked {
    let prior_errors = has_errors(&loaded.diagnostics);
    let (diagnostics, dataset) = if build {
        let validation = validate::validate(loaded.raw, &loaded.files, prior_errors);
        (validation.diagnostics, validation.dataset)
    } else {
        (validate::check(loaded.raw, &loaded.files), None)
    };
    let diagnostics = merged(diagnostics, loaded.diagnostics);
    Checked {
        files: loaded.files,
        diagnostics,
        dataset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reporting while the dataset is built gives what checking first and reporting
    /// afterwards gives: the same sorted diagnostics, seen by the report, and the same
    /// dataset.
    #[test]
    fn reporting_while_building_changes_nothing() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["graphs", "tests/fixtures/valid", "tests/fixtures/invalid"] {
            let paths = [root.join(dir)];
            let before = check(&paths);
            let (after, seen) = check_reporting(&paths, |_, d| d.to_vec());
            assert_eq!(before.dataset.is_some(), dir != "tests/fixtures/invalid");
            assert_eq!(seen, before.diagnostics, "{dir}");
            assert_eq!(after.diagnostics, before.diagnostics, "{dir}");
            assert_eq!(
                format!("{:?}", after.dataset),
                format!("{:?}", before.dataset),
                "{dir}"
            );
        }
    }
}
