//! The validator's diagnostics as the protocol's: the same code, severity and message,
//! at the same place with columns turned into UTF-16 units, the help line appended to the
//! message and kept in `data` (quick fixes read it), and the related place (a first
//! definition) as related information. Diagnostics with no file (a link leading outside
//! the workspace) go to the client's log instead. A file gets at most
//! [`MAX_PER_FILE`] (errors first), and a note saying how many more there are: a
//! generated dataset with 300,000 warnings would otherwise send the editor hundreds of
//! megabytes of JSON on every keystroke.

use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri};
use serde_json::json;

use super::position::range_of;
use super::workspace::Snapshot;
use crate::diagnostic::{Diagnostic, Severity};

/// The name diagnostics carry as their source.
pub const SOURCE: &str = "actorgraph";

/// The most diagnostics published for one file.
pub const MAX_PER_FILE: usize = 500;

/// Each file's diagnostics, in the snapshot's file order, and the messages of those
/// that have no file.
pub fn per_file(snapshot: &Snapshot) -> (Vec<Vec<lsp_types::Diagnostic>>, Vec<String>) {
    let mut files: Vec<Vec<&Diagnostic>> = vec![Vec::new(); snapshot.paths.len()];
    let mut elsewhere = Vec::new();
    for d in &snapshot.diagnostics {
        match d.location.as_ref() {
            Some(l) if (l.file_id.0 as usize) < files.len() => {
                files[l.file_id.0 as usize].push(d);
            }
            _ => elsewhere.push(format!("{}: {}", d.code.as_str(), d.message)),
        }
    }
    let files = files
        .into_iter()
        .map(|list| {
            let more = list.len().saturating_sub(MAX_PER_FILE);
            let mut out: Vec<_> = capped(list)
                .into_iter()
                .map(|d| convert(snapshot, d))
                .collect();
            if more > 0 {
                out.push(truncated(more));
            }
            out
        })
        .collect();
    (files, elsewhere)
}

/// At most [`MAX_PER_FILE`] of a file's diagnostics, errors first, in report order.
fn capped(mut list: Vec<&Diagnostic>) -> Vec<&Diagnostic> {
    if list.len() > MAX_PER_FILE {
        // Stable: within a severity, report order stays.
        list.sort_by_key(|d| d.severity);
        list.truncate(MAX_PER_FILE);
        list.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    list
}

/// The note standing for the diagnostics left out.
fn truncated(more: usize) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        severity: Some(DiagnosticSeverity::INFORMATION),
        source: Some(SOURCE.to_owned()),
        message: format!(
            "{more} more diagnostics in this file are not shown (at most {MAX_PER_FILE} are, errors first); `actorgraph validate` lists them all"
        ),
        ..lsp_types::Diagnostic::default()
    }
}

fn convert(snapshot: &Snapshot, d: &Diagnostic) -> lsp_types::Diagnostic {
    let l = d.location.as_ref().expect("located");
    let f = l.file_id.0 as usize;
    let range = range_of(
        &snapshot.texts[f],
        &snapshot.lines[f],
        l.line,
        l.column,
        l.len,
    );
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    let related = d.related.as_ref().and_then(|r| {
        let g = r.location.file_id.0 as usize;
        let uri = snapshot.uris.get(g)?.parse::<Uri>().ok()?;
        let range = range_of(
            &snapshot.texts[g],
            &snapshot.lines[g],
            r.location.line,
            r.location.column,
            r.location.len,
        );
        Some(vec![DiagnosticRelatedInformation {
            location: Location { uri, range },
            message: r.note.clone(),
        }])
    });
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_owned())),
        source: Some(SOURCE.to_owned()),
        message,
        related_information: related,
        data: Some(json!({ "help": d.help, "label": d.label })),
        ..lsp_types::Diagnostic::default()
    }
}
