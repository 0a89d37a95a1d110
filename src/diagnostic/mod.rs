//! Diagnostics as data: every problem the loader or validator finds becomes one
//! [`Diagnostic`] value with a stable code, a severity, a message, the location of the
//! offending value and an optional help line. The renderers in the submodules turn the
//! same values into human text, JSON or GitHub annotations; nothing here prints.

mod code;
mod github;
mod human;
mod json;
mod location;
mod source;

pub use code::Code;
pub use github::render_github;
pub use human::{render_human, render_human_styled};
pub use json::render_json;
pub use location::{FileId, Files, Location, Span};
pub use source::SourceCache;

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The dataset is invalid; nothing is exported.
    Error,
    /// Probably a mistake, but the dataset is still usable.
    Warning,
}

impl Severity {
    /// The lowercase word used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem found in a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable identifier, documented in `docs/diagnostics.md`.
    pub code: Code,
    /// Error or warning (before `--strict` is applied).
    pub severity: Severity,
    /// One sentence saying what is wrong.
    pub message: String,
    /// Where the offending value is; `None` for problems with no position (an empty directory).
    pub location: Option<Location>,
    /// A short label printed under the caret in human output.
    pub label: Option<String>,
    /// What to do about it, when there is something useful to say.
    pub help: Option<String>,
    /// A second place that explains this one (the first definition of a duplicate id).
    /// Boxed: few diagnostics have one, and reports can hold hundreds of thousands.
    pub related: Option<Box<Related>>,
}

/// A secondary location with a note, such as "first defined here".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Where.
    pub location: Location,
    /// What it is.
    pub note: String,
}

impl Diagnostic {
    /// A diagnostic with the severity its code implies.
    pub fn new(code: Code, location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            location,
            label: None,
            help: None,
            related: None,
        }
    }

    /// Adds a help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a help line when there is one.
    #[must_use]
    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Adds a caret label.
    #[must_use]
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a related location.
    #[must_use]
    pub fn with_related(mut self, location: Location, note: impl Into<String>) -> Self {
        self.related = Some(Box::new(Related {
            location,
            note: note.into(),
        }));
        self
    }

    /// The order reports use: by file, then position, then code.
    pub fn sort_key(&self) -> (Option<(FileId, u32, u32)>, Code, &str) {
        let pos = self
            .location
            .as_ref()
            .map(|l| (l.file_id, l.line, l.column));
        (pos, self.code, &self.message)
    }
}

/// Counts shown in the summary line and the JSON summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    /// Number of error diagnostics.
    pub errors: usize,
    /// Number of warning diagnostics.
    pub warnings: usize,
    /// Number of YAML files read.
    pub files: usize,
}

impl Summary {
    /// Counts the diagnostics of a report.
    pub fn of(diagnostics: &[Diagnostic], files: usize) -> Self {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Summary {
            errors,
            warnings: diagnostics.len() - errors,
            files,
        }
    }

    /// `N errors, M warnings in K files`, with singulars where they belong.
    pub fn line(&self) -> String {
        format!(
            "{}, {} in {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.files, "file")
        )
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Sorts diagnostics into report order: file, line, column, code.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Turns every warning into an error (`--strict`).
pub fn make_strict(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        d.severity = Severity::Error;
    }
}
