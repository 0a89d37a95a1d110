//! `actorgraph path FROM TO`: validate, filter, then write the shortest path(s) between
//! two organizations with the evidence for each step. Exit status 1 when there is no
//! path; 2 for an unknown organization (with the suggestion `show` gives).

use std::io::Write;

use clap::Args;

use super::CommandError;
use super::dataset_args::{DatasetArgs, write_buffered};
use super::filter_args::FilterArgs;
use super::stats::AnswerFormat;
use crate::model::Dataset;
use crate::path::{self, Query};
use crate::{EXIT_INVALID, EXIT_OK};

#[derive(Debug, Args)]
pub(super) struct PathArgs {
    /// Where paths start: an id, or a name, short name or alias.
    from: String,
    /// Where paths end: an id, or a name, short name or alias.
    to: String,
    /// List every shortest path (at most 100; the output says when there are more).
    #[arg(long)]
    all: bool,
    /// Accept only paths of at most N steps.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    max_length: Option<u32>,
    /// Follow directed edges from `from` to `to` only (undirected types either way).
    #[arg(long)]
    directed: bool,
    /// How to write the paths.
    #[arg(long, short, value_enum, default_value_t)]
    format: AnswerFormat,
    #[command(flatten)]
    dataset: DatasetArgs,
    #[command(flatten)]
    filter: FilterArgs,
}

pub(super) fn run(
    args: &PathArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, CommandError> {
    args.dataset
        .load_then(stderr, |loaded| answer(args, &loaded.dataset, stdout))
}

/// The paths `args` ask for in `dataset`, written to `stdout`.
fn answer(args: &PathArgs, dataset: &Dataset, stdout: &mut dyn Write) -> Result<u8, CommandError> {
    // Names resolve in the whole dataset, so a filtered-out organization is reported as
    // such rather than as unknown.
    let from = crate::find::resolve(dataset, &args.from)?;
    let to = crate::find::resolve(dataset, &args.to)?;
    if from == to {
        return Err(CommandError::Usage(format!(
            "`{}` and `{}` are the same organization (`{}`)",
            args.from, args.to, dataset.organizations[from].id
        )));
    }
    let filtered = args.filter.to_filter().apply(dataset)?;
    let q = Query {
        from: kept(&filtered, &dataset.organizations[from].id)?,
        to: kept(&filtered, &dataset.organizations[to].id)?,
        directed: args.directed,
        all: args.all,
        max_length: args.max_length.map(|n| n as usize),
    };
    let found = path::search(&filtered, &q);
    write_buffered(stdout, |out| match args.format {
        AnswerFormat::Text => path::text::write(&filtered, &q, &found, out),
        AnswerFormat::Markdown => path::markdown::write(&filtered, &q, &found, out),
        AnswerFormat::Json => path::json::write(&filtered, &q, &found, out),
    })?;
    Ok(if found.paths.is_empty() {
        EXIT_INVALID
    } else {
        EXIT_OK
    })
}

/// The index of organization `id` in the filtered dataset, or why there is no path.
fn kept(filtered: &Dataset, id: &str) -> Result<usize, CommandError> {
    filtered
        .organizations
        .binary_search_by(|o| o.id.as_str().cmp(id))
        .map_err(|_| {
            CommandError::NoAnswer(format!(
                "no path: the filters leave out `{id}` ({})",
                filtered.caption.as_deref().unwrap_or("Filters:")
            ))
        })
}
