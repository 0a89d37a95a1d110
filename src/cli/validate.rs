//! `actorgraph validate`: check a dataset and report every diagnostic.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;

use crate::diagnostic;
use crate::pipeline;
use crate::report::{ReportFormat, write_report};

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
    format: ReportFormat,
}

pub(super) fn run(args: &ValidateArgs, out: &mut dyn Write) -> io::Result<u8> {
    let mut checked = pipeline::check_only(&args.paths);
    if args.strict {
        diagnostic::make_strict(&mut checked.diagnostics);
    }
    write_report(out, args.format, &checked.diagnostics, &checked.files)?;
    Ok(super::exit_status(&checked))
}
