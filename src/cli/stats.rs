//! `actorgraph stats`: validate, filter, then write the network's statistics (size,
//! components, centrality, evidence quality, edges per decade) as text, Markdown or
//! JSON.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::CommandError;
use super::filter_args::FilterArgs;
use super::reporting::{ExcludeArgs, ReportingArgs};
use super::values::ReportArg;
use crate::EXIT_OK;
use crate::stats;

#[derive(Debug, Args)]
pub(super) struct StatsArgs {
    /// YAML files or directories (searched recursively for *.yaml and *.yml).
    #[arg(default_value = "graphs")]
    paths: Vec<PathBuf>,
    /// How to write the statistics.
    #[arg(long, short, value_enum, default_value_t)]
    format: AnswerFormat,
    /// How to print diagnostics (on standard error).
    #[arg(long, value_enum, default_value_t)]
    diagnostics: ReportArg,
    #[command(flatten)]
    reporting: ReportingArgs,
    #[command(flatten)]
    exclude: ExcludeArgs,
    #[command(flatten)]
    filter: FilterArgs,
}

/// The output formats of `stats` and `path`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(super) enum AnswerFormat {
    /// Aligned plain text, for terminals.
    #[default]
    Text,
    /// GitHub Markdown, for pasting into a report (dataset text made inert).
    Markdown,
    /// One versioned JSON document, for scripts.
    Json,
}

pub(super) fn run(
    args: &StatsArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, CommandError> {
    let how = super::Reporting::on_stderr(args.diagnostics, &args.reporting, &args.exclude);
    let checked = super::check_reporting(&args.paths, &how, stderr)?;
    let Some(dataset) = &checked.dataset else {
        return Ok(super::exit_status(&checked));
    };
    let filtered = args.filter.to_filter().apply(dataset)?;
    let stats = stats::compute(&filtered);
    let mut out = io::BufWriter::new(stdout);
    match args.format {
        AnswerFormat::Text => stats::text::write(&stats, &mut out)?,
        AnswerFormat::Markdown => stats::markdown::write(&stats, &mut out)?,
        AnswerFormat::Json => stats::json::write(&stats, &mut out)?,
    }
    out.flush()?;
    Ok(EXIT_OK)
}
