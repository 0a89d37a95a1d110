//! Writing a diagnostics report in the format the user chose.

use std::io::{self, Write};

use crate::diagnostic::{self, Diagnostic, Files, SourceCache, Summary};

/// How diagnostics are rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportFormat {
    /// rustc-style text with the source line and a caret.
    #[default]
    Human,
    /// One JSON object with `diagnostics` and `summary`.
    Json,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

impl ReportFormat {
    /// Every format.
    pub const ALL: &'static [ReportFormat] = &[
        ReportFormat::Human,
        ReportFormat::Json,
        ReportFormat::Github,
    ];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ReportFormat::Human => "human",
            ReportFormat::Json => "json",
            ReportFormat::Github => "github",
        }
    }
}

/// Renders `diagnostics` with their summary.
pub fn write_report(
    out: &mut dyn Write,
    format: ReportFormat,
    diagnostics: &[Diagnostic],
    files: &Files,
) -> io::Result<()> {
    let summary = Summary::of(diagnostics, files.len());
    match format {
        ReportFormat::Human => {
            let mut cache = SourceCache::new(files);
            diagnostic::render_human(out, diagnostics, &summary, &mut cache)
        }
        ReportFormat::Json => diagnostic::render_json(out, diagnostics, &summary),
        ReportFormat::Github => diagnostic::render_github(out, diagnostics, &summary),
    }
}
