//! `actorgraph validate`: check a dataset and report every diagnostic.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::CommandError;
use super::reporting::{ExcludeArgs, ReportingArgs, Stream};
use super::values::ReportArg;
use crate::diagnostic;
use crate::pipeline::{self, Input, Mode};
use crate::report::write_report_styled;

#[derive(Debug, Args)]
pub(super) struct ValidateArgs {
    /// YAML files or directories (searched recursively for *.yaml and *.yml).
    #[arg(default_value = "graphs")]
    paths: Vec<PathBuf>,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// How to print the diagnostics (`validate`'s output; `--diagnostics` is the same).
    #[arg(long, short, value_enum, default_value_t, alias = "diagnostics")]
    format: ReportArg,
    #[command(flatten)]
    reporting: ReportingArgs,
    #[command(flatten)]
    exclude: ExcludeArgs,
}

pub(super) fn run(args: &ValidateArgs, out: &mut dyn Write) -> Result<u8, CommandError> {
    let exclude = args.exclude.patterns()?;
    let mut checked = pipeline::check(Input::PathsExcluding(&args.paths, &exclude), Mode::Check);
    if args.strict {
        diagnostic::make_strict(&mut checked.diagnostics);
    }
    let style = args.reporting.style(Stream::Stdout);
    write_report_styled(
        out,
        args.format.0,
        style,
        &checked.diagnostics,
        &checked.files,
    )?;
    Ok(super::exit_status(&checked))
}
