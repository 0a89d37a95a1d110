//! `actorgraph validate`: check a dataset and report every diagnostic.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::CommandError;
use super::values::ReportArg;
use crate::diagnostic;
use crate::pipeline::{self, Input, Mode};
use crate::report::write_report;

#[derive(Debug, Args)]
pub(super) struct ValidateArgs {
    /// YAML files or directories (searched recursively for *.yaml and *.yml).
    #[arg(default_value = "graphs")]
    paths: Vec<PathBuf>,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t)]
    format: ReportArg,
}

pub(super) fn run(args: &ValidateArgs, out: &mut dyn Write) -> Result<u8, CommandError> {
    let mut checked = pipeline::check(Input::Paths(&args.paths), Mode::Check);
    if args.strict {
        diagnostic::make_strict(&mut checked.diagnostics);
    }
    write_report(out, args.format.0, &checked.diagnostics, &checked.files)?;
    Ok(super::exit_status(&checked))
}
