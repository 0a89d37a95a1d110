//! `actorgraph show`: validate, then print one organization with its edges and their
//! quoted citations.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::CommandError;
use super::reporting::{ExcludeArgs, ReportingArgs};
use super::values::ReportArg;
use crate::EXIT_OK;
use crate::show;

#[derive(Debug, Args)]
pub(super) struct ShowArgs {
    /// The organization's id, or its name, short name or alias (case, spaces and accents
    /// ignored).
    id: String,
    /// YAML files or directories (searched recursively for *.yaml and *.yml).
    #[arg(default_value = "graphs")]
    paths: Vec<PathBuf>,
    /// How to write the organization.
    #[arg(long, short, value_enum, default_value_t)]
    format: ShowFormat,
    /// How to print diagnostics (on standard error).
    #[arg(long, value_enum, default_value_t)]
    diagnostics: ReportArg,
    #[command(flatten)]
    reporting: ReportingArgs,
    #[command(flatten)]
    exclude: ExcludeArgs,
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
    let how = super::Reporting::on_stderr(args.diagnostics, &args.reporting, &args.exclude);
    let checked = super::check_reporting(&args.paths, &how, stderr)?;
    let Some(dataset) = &checked.dataset else {
        return Ok(super::exit_status(&checked));
    };
    let org = crate::find::resolve(dataset, &args.id)?;
    let mut out = io::BufWriter::new(stdout);
    match args.format {
        ShowFormat::Text => show::write(dataset, org, &mut out)?,
        ShowFormat::Json => show::write_json(dataset, org, &checked.files, &mut out)?,
    }
    out.flush()?;
    Ok(EXIT_OK)
}
