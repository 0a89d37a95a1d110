//! `actorgraph show`: validate, then print one organization with its edges and their
//! quoted citations.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::CommandError;
use super::dataset_args::{DatasetArgs, write_buffered};
use crate::EXIT_OK;
use crate::show;

#[derive(Debug, Args)]
pub(super) struct ShowArgs {
    /// The organization's id, or its name, short name or alias (case, spaces and accents
    /// ignored).
    id: String,
    /// How to write the organization.
    #[arg(long, short, value_enum, default_value_t)]
    format: ShowFormat,
    #[command(flatten)]
    dataset: DatasetArgs,
}

/// `show`'s output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
enum ShowFormat {
    /// Plain lines, for terminals.
    #[default]
    Text,
    /// One JSON document with the `file` and `line` of each record, for scripts and editors.
    Json,
}

pub(super) fn run(
    args: &ShowArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, CommandError> {
    args.dataset.load_then(stderr, |loaded| {
        let dataset = &loaded.dataset;
        let org = crate::find::resolve(dataset, &args.id)?;
        write_buffered(stdout, |out| match args.format {
            ShowFormat::Text => show::write(dataset, org, out),
            ShowFormat::Json => show::write_json(dataset, org, &loaded.files, out),
        })?;
        Ok(EXIT_OK)
    })
}
