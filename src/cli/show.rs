//! `actorgraph show`: validate, then print one organization with its edges and their
//! quoted citations.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;

use crate::report::ReportFormat;
use crate::show;
use crate::{EXIT_FAILURE, EXIT_OK};

#[derive(Debug, Args)]
pub(super) struct ShowArgs {
    /// The organization's id.
    id: String,
    /// YAML files or directories (searched recursively for *.yaml and *.yml).
    #[arg(default_value = "graphs")]
    paths: Vec<PathBuf>,
    /// How to print diagnostics (on standard error).
    #[arg(long, value_enum, default_value_t)]
    diagnostics: ReportFormat,
}

pub(super) fn run(
    args: &ShowArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> io::Result<u8> {
    let checked = super::check_reporting(&args.paths, args.diagnostics, stderr)?;
    let Some(dataset) = &checked.dataset else {
        return Ok(super::exit_status(&checked));
    };
    match show::find(dataset, &args.id) {
        Ok(org) => {
            let mut out = io::BufWriter::new(stdout);
            show::write(dataset, org, &mut out)?;
            out.flush()?;
            Ok(EXIT_OK)
        }
        Err(message) => {
            writeln!(stderr, "error: {message}")?;
            Ok(EXIT_FAILURE)
        }
    }
}
