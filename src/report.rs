//! Writing a diagnostics report in the format the user chose.

use std::io::{self, Write};

use crate::diagnostic::{self, Diagnostic, Files, Severity, SourceCache, Summary};

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

/// How a report is shown besides its format: `--quiet` and `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportStyle {
    /// Only the errors and the summary, which still counts the warnings.
    pub quiet: bool,
    /// ANSI colours in the human format (never in JSON or GitHub commands).
    pub color: bool,
}

/// Renders `diagnostics` with their summary, in `style`.
pub fn write_report_styled(
    out: &mut dyn Write,
    format: ReportFormat,
    style: ReportStyle,
    diagnostics: &[Diagnostic],
    files: &Files,
) -> io::Result<()> {
    let summary = Summary::of(diagnostics, files.len());
    let errors: Vec<Diagnostic>;
    let shown = if style.quiet {
        errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        &errors[..]
    } else {
        diagnostics
    };
    match format {
        ReportFormat::Human => {
            let mut cache = SourceCache::new(files);
            diagnostic::render_human_styled(out, shown, &summary, &mut cache, style.color)
        }
        ReportFormat::Json => diagnostic::render_json(out, shown, &summary),
        ReportFormat::Github => diagnostic::render_github(out, shown, &summary),
    }
}
