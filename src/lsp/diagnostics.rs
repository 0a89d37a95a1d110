//! The validator's diagnostics as the protocol's: the same code, severity and message,
//! at the same place with columns turned into UTF-16 units, the help line appended to the
//! message and kept in `data` (quick fixes read it), and the related place (a first
//! definition) as related information. Diagnostics with no file (a link leading outside
//! the workspace) go to the client's log instead.

use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri};
use serde_json::json;

use super::position::range_of;
use super::workspace::Snapshot;
use crate::diagnostic::{Diagnostic, Severity};

/// The name diagnostics carry as their source.
pub const SOURCE: &str = "actorgraph";

/// Each file's diagnostics, in the snapshot's file order, and the messages of those
/// that have no file.
pub fn per_file(snapshot: &Snapshot) -> (Vec<Vec<lsp_types::Diagnostic>>, Vec<String>) {
    let mut files = vec![Vec::new(); snapshot.paths.len()];
    let mut elsewhere = Vec::new();
    for d in &snapshot.diagnostics {
        match d.location.as_ref() {
            Some(l) if (l.file_id.0 as usize) < files.len() => {
                files[l.file_id.0 as usize].push(convert(snapshot, d));
            }
            _ => elsewhere.push(format!("{}: {}", d.code.as_str(), d.message)),
        }
    }
    (files, elsewhere)
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
