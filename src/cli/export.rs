//! `actorgraph export`: validate, filter, then write one format to standard output or
//! atomically to a file.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;

use super::filter_args::FilterArgs;
use crate::export;
use crate::output;
use crate::report::ReportFormat;
use crate::{EXIT_FAILURE, EXIT_OK};

#[derive(Debug, Args)]
pub(super) struct ExportArgs {
    /// YAML files or directories (searched recursively for *.yaml and *.yml).
    #[arg(default_value = "graphs")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum)]
    format: export::Format,
    /// Write to FILE (atomically) instead of standard output; `-` is standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// DOT: add a legend of the edge types present.
    #[arg(long)]
    legend: bool,
    /// DOT: group organizations into clusters.
    #[arg(long, value_enum, value_name = "FIELD")]
    cluster_by: Option<export::ClusterBy>,
    /// GraphML, GEXF: mark undirected edges on the edge itself (Gephi reads it; networkx rejects it).
    #[arg(long)]
    per_edge_direction: bool,
    /// How to print diagnostics (on standard error).
    #[arg(long, value_enum, default_value_t)]
    diagnostics: ReportFormat,
    #[command(flatten)]
    filter: FilterArgs,
}

pub(super) fn run(
    args: &ExportArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> io::Result<u8> {
    let checked = super::check_reporting(&args.paths, args.diagnostics, stderr)?;
    let Some(dataset) = &checked.dataset else {
        return Ok(super::exit_status(&checked));
    };
    let filtered = match args.filter.to_filter().apply(dataset) {
        Ok(filtered) => filtered,
        Err(e) => {
            // The filter's words may quote what was typed, or names from the dataset.
            let message = e.to_string();
            writeln!(stderr, "error: {}", crate::printable::printable(&message))?;
            return Ok(EXIT_FAILURE);
        }
    };
    let dataset = &*filtered;
    let options = export::Options {
        legend: args.legend,
        cluster_by: args.cluster_by,
        per_edge_direction: args.per_edge_direction,
    };
    let write = |out: &mut dyn Write| export::write(args.format, dataset, &options, out);
    // `-` means standard output, as for most tools; `./-` names a file.
    let target = args.output.as_ref().filter(|t| t.as_os_str() != "-");
    let Some(target) = target else {
        let mut out = io::BufWriter::new(stdout);
        write(&mut out)?;
        out.flush()?;
        return Ok(EXIT_OK);
    };
    let staged = output::check_not_input(target, checked.files.paths())
        .and_then(|()| output::stage(target, write));
    drop(filtered);
    crate::parallel::drop_in_background(checked);
    let written = staged.and_then(output::Staged::commit);
    match written {
        Ok(()) => Ok(EXIT_OK),
        Err(e) => {
            writeln!(stderr, "error: {e}")?;
            Ok(EXIT_FAILURE)
        }
    }
}
