//! Machine-readable output: one JSON object `{"diagnostics": [...], "summary": {...}}`.

use std::io::{self, Write};

use serde::Serialize;

use super::{Code, Diagnostic, Severity, Summary};

#[derive(Serialize)]
struct Report<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: &'a Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: Code,
    severity: Severity,
    message: &'a str,
    file: Option<&'a str>,
    line: Option<u32>,
    column: Option<u32>,
    /// Width of the offending value in characters on its line (0 when unknown).
    length: Option<u32>,
    /// The words printed under the caret in human output.
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    related: Option<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    note: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
}

/// Writes the report as one pretty-printed JSON document followed by a newline.
pub fn render_json(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    summary: &Summary,
) -> io::Result<()> {
    let report = Report {
        diagnostics: diagnostics.iter().map(to_json).collect(),
        summary,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

fn to_json(d: &Diagnostic) -> JsonDiagnostic<'_> {
    let loc = d.location.as_ref();
    JsonDiagnostic {
        code: d.code,
        severity: d.severity,
        message: &d.message,
        file: loc.map(|l| &*l.path),
        line: loc.map(|l| l.line),
        column: loc.map(|l| l.column),
        length: loc.map(|l| l.len),
        label: d.label.as_deref(),
        help: d.help.as_deref(),
        related: d.related.as_ref().map(|r| JsonRelated {
            note: &r.note,
            file: &r.location.path,
            line: r.location.line,
            column: r.location.column,
        }),
    }
}
