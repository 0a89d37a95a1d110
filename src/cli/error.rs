//! What stops a command once its arguments have parsed, other than the dataset's own
//! diagnostics (those are reports, not errors): one type for all commands, printed in one
//! place, [`super::run`].

use std::{fmt, io};

use crate::filter::FilterError;
use crate::find::UnknownOrganization;
use crate::output::OutputError;
use crate::revision::RevisionError;

/// A command's failure, printed as `error: …` with exit status 2.
#[derive(Debug)]
pub(super) enum CommandError {
    /// Writing to standard output or standard error failed.
    Write(io::Error),
    /// A filter names an unknown type, organization or source.
    Filter(FilterError),
    /// `-o FILE` could not be written (or would overwrite an input).
    Output(OutputError),
    /// `show` was given an id no organization has.
    UnknownOrganization(UnknownOrganization),
    /// A git revision of `diff` could not be read.
    Revision(RevisionError),
    /// Arguments that parse but do not fit together (`--map` naming no field, `-f csv`
    /// without `-o DIR`).
    Usage(String),
    /// Files could not be written (or would replace a file without `--force`), or a
    /// dataset an `import` relies on could not be read; or `import` found its own output
    /// invalid.
    Files(String),
    /// A dataset a command relies on has errors (reported before): exit status 1.
    Invalid(String),
    /// The question has no answer in what the filters keep (`path` to an organization
    /// they leave out): exit status 1, as when there is no path.
    NoAnswer(String),
}

impl CommandError {
    /// Whether the reader of standard output went away (`actorgraph … | head`), which is
    /// not a failure.
    pub(super) fn is_broken_pipe(&self) -> bool {
        matches!(self, CommandError::Write(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }

    /// The exit status: 1 when a dataset has errors, else 2.
    pub(super) fn exit_status(&self) -> u8 {
        match self {
            CommandError::Invalid(_) | CommandError::NoAnswer(_) => crate::EXIT_INVALID,
            _ => crate::EXIT_FAILURE,
        }
    }

    /// What to do about it, where that helps (printed on a line of its own).
    pub(super) fn help(&self) -> Option<&str> {
        match self {
            CommandError::Revision(e) => e.help.as_deref(),
            _ => None,
        }
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::Write(e) => write!(f, "cannot write to standard output: {e}"),
            CommandError::Filter(e) => e.fmt(f),
            CommandError::Output(e) => e.fmt(f),
            CommandError::UnknownOrganization(e) => e.fmt(f),
            CommandError::Revision(e) => f.write_str(&e.message),
            CommandError::Usage(m)
            | CommandError::Files(m)
            | CommandError::Invalid(m)
            | CommandError::NoAnswer(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for CommandError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CommandError::Write(e) => Some(e),
            CommandError::Filter(e) => Some(e),
            CommandError::Output(e) => Some(e),
            CommandError::UnknownOrganization(e) => Some(e),
            CommandError::Revision(e) => Some(e),
            CommandError::Usage(_)
            | CommandError::Files(_)
            | CommandError::Invalid(_)
            | CommandError::NoAnswer(_) => None,
        }
    }
}

impl From<io::Error> for CommandError {
    fn from(e: io::Error) -> Self {
        CommandError::Write(e)
    }
}

impl From<FilterError> for CommandError {
    fn from(e: FilterError) -> Self {
        CommandError::Filter(e)
    }
}

impl From<OutputError> for CommandError {
    fn from(e: OutputError) -> Self {
        CommandError::Output(e)
    }
}

impl From<UnknownOrganization> for CommandError {
    fn from(e: UnknownOrganization) -> Self {
        CommandError::UnknownOrganization(e)
    }
}

impl From<RevisionError> for CommandError {
    fn from(e: RevisionError) -> Self {
        CommandError::Revision(e)
    }
}
