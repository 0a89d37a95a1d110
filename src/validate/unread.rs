//! When a file could not be read or parsed, its records are missing: a reference that
//! points at one of them looks unknown, and a record used only by one of them looks
//! unused. Such diagnostics say nothing about the dataset, so they are withheld, the
//! failure that caused them is put first, and it says how many checks were skipped.

use crate::diagnostic::{Code, Diagnostic, FileId};

/// Whether `code` is found by looking at every record at once, so that a missing file's
/// records could have prevented it.
fn needs_every_record(code: Code) -> bool {
    matches!(
        code,
        Code::UnknownOrganization
            | Code::UnknownEdgeType
            | Code::UnknownSource
            | Code::UnusedSource
            | Code::IsolatedOrganization
    )
}

/// Whether `code` is the failure that left a file's records unread.
fn is_unreadable(code: Code) -> bool {
    code.is_input_failure()
        || matches!(
            code,
            Code::YamlSyntax
                | Code::MultipleDocuments
                | Code::NestingTooDeep
                | Code::InvalidUtf8
                | Code::ControlCharacter
        )
}

/// Removes from `diagnostics` (in report order) what the records of the `unread` files
/// (in increasing order, as [`crate::load::Loaded`] lists them) could have satisfied,
/// moves the failures of those files to the front, and adds to the first one's help how
/// many checks were skipped.
pub fn skip_what_unread_files_decide(diagnostics: &mut Vec<Diagnostic>, unread: &[FileId]) {
    if unread.is_empty() {
        return;
    }
    let before = diagnostics.len();
    diagnostics.retain(|d| !needs_every_record(d.code));
    let skipped = before - diagnostics.len();
    let in_unread = |d: &Diagnostic| {
        d.location
            .as_ref()
            .is_none_or(|l| unread.binary_search(&l.file_id).is_ok())
    };
    // A stable sort on one flag keeps the report order within each part.
    diagnostics.sort_by_key(|d| !(in_unread(d) && is_unreadable(d.code)));
    if skipped == 0 {
        return;
    }
    let Some(first) = diagnostics
        .iter_mut()
        .find(|d| in_unread(d) && is_unreadable(d.code))
    else {
        return;
    };
    let note = format!(
        "{} that depend{} on every file's records (unknown references, unused or isolated records) {} skipped until {} can be read",
        if skipped == 1 {
            "1 check".to_owned()
        } else {
            format!("{skipped} checks")
        },
        if skipped == 1 { "s" } else { "" },
        if skipped == 1 { "was" } else { "were" },
        if unread.len() == 1 {
            "this file"
        } else {
            "every file"
        },
    );
    first.help = Some(match first.help.take() {
        Some(help) => format!("{help}; {note}"),
        None => note,
    });
}
