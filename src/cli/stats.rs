//! `actorgraph stats`: validate, filter, then write the network's statistics (size,
//! components, centrality, evidence quality, edges per decade) as text, Markdown or
//! JSON.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::CommandError;
use super::dataset_args::{DatasetArgs, write_buffered};
use super::filter_args::FilterArgs;
use crate::EXIT_OK;
use crate::stats;

#[derive(Debug, Args)]
pub(super) struct StatsArgs {
    /// How to write the statistics.
    #[arg(long, short, value_enum, default_value_t)]
    format: AnswerFormat,
    #[command(flatten)]
    dataset: DatasetArgs,
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
    args.dataset.load_then(stderr, |loaded| {
        let filtered = args.filter.to_filter().apply(&loaded.dataset)?;
        let stats = stats::compute(&filtered);
        write_buffered(stdout, |out| match args.format {
            AnswerFormat::Text => stats::text::write(&stats, out),
            AnswerFormat::Markdown => stats::markdown::write(&stats, out),
            AnswerFormat::Json => stats::json::write(&stats, out),
        })?;
        Ok(EXIT_OK)
    })
}
