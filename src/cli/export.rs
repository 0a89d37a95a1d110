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
    /// Write to FILE (atomically) instead of standard output (`-f csv`: into the directory FILE).
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
            writeln!(stderr, "error: {e}")?;
            return Ok(EXIT_FAILURE);
        }
    };
    let dataset = &*filtered;
    let options = export::Options {
        legend: args.legend,
        cluster_by: args.cluster_by,
        per_edge_direction: args.per_edge_direction,
    };
    if args.format == export::Format::Csv {
        let Some(dir) = &args.output else {
            writeln!(
                stderr,
                "error: `-f csv` writes four files: give the directory with `-o DIR`"
            )?;
            return Ok(EXIT_FAILURE);
        };
        return match write_csv(dataset, dir, checked.files.paths()) {
            Ok(()) => Ok(EXIT_OK),
            Err(e) => {
                writeln!(stderr, "error: {e}")?;
                Ok(EXIT_FAILURE)
            }
        };
    }
    let write = |out: &mut dyn Write| export::write(args.format, dataset, &options, out);
    let Some(target) = &args.output else {
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

/// Writes the CSV tables into `dir` (made if missing): each staged first, then all put in
/// place, so a failure leaves none of them half-written.
fn write_csv(
    dataset: &crate::model::Dataset,
    dir: &std::path::Path,
    inputs: &[PathBuf],
) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    let mut staged = Vec::new();
    for name in export::csv::FILES {
        let target = dir.join(name);
        output::check_not_input(&target, inputs).map_err(|e| e.to_string())?;
        let s = output::stage(&target, |out| export::csv::write_table(dataset, name, out))
            .map_err(|e| e.to_string())?;
        staged.push(s);
    }
    for s in staged {
        s.commit().map_err(|e| e.to_string())?;
    }
    Ok(())
}
