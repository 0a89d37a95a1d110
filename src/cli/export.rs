//! `actorgraph export`: validate, filter, then write one format to standard output or
//! atomically to a file.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;

use super::CommandError;
use super::filter_args::FilterArgs;
use super::reporting::{ExcludeArgs, ReportingArgs};
use super::values::{ClusterByArg, DialectArg, FormatArg, ReportArg};
use crate::EXIT_OK;
use crate::export;
use crate::output;

#[derive(Debug, Args)]
pub(super) struct ExportArgs {
    /// YAML files or directories (searched recursively for *.yaml and *.yml).
    #[arg(default_value = "graphs")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum)]
    format: FormatArg,
    /// Write to FILE (atomically) instead of standard output; `-` is standard output
    /// (`-f csv`: into the directory FILE).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// DOT: add a legend of the edge types present.
    #[arg(long)]
    legend: bool,
    /// DOT: group organizations into clusters.
    #[arg(long, value_enum, value_name = "FIELD")]
    cluster_by: Option<ClusterByArg>,
    /// GraphML, GEXF: mark undirected edges on the edge itself (Gephi reads it; networkx rejects it).
    #[arg(long)]
    per_edge_direction: bool,
    /// Cypher: the engine whose schema statements open the script.
    #[arg(long, value_enum, default_value_t)]
    dialect: DialectArg,
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

pub(super) fn run(
    args: &ExportArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, CommandError> {
    let how = super::Reporting::on_stderr(args.diagnostics, &args.reporting, &args.exclude);
    let checked = super::check_reporting(&args.paths, &how, stderr)?;
    let Some(dataset) = &checked.dataset else {
        return Ok(super::exit_status(&checked));
    };
    let filtered = args.filter.to_filter().apply(dataset)?;
    let dataset = &*filtered;
    let options = export::Options {
        legend: args.legend,
        cluster_by: args.cluster_by.map(|c| c.0),
        per_edge_direction: args.per_edge_direction,
        dialect: args.dialect.0,
    };
    if args.format.0 == export::Format::Csv {
        let dir = args.output.as_ref().filter(|t| t.as_os_str() != "-");
        let dir = dir.ok_or_else(|| {
            CommandError::Usage(
                "`-f csv` writes four files: give the directory with `-o DIR`".to_owned(),
            )
        })?;
        write_csv(dataset, dir, checked.files.paths()).map_err(CommandError::Files)?;
        return Ok(EXIT_OK);
    }
    let write = |out: &mut dyn Write| export::write(args.format.0, dataset, &options, out);
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
    staged.and_then(output::Staged::commit)?;
    Ok(EXIT_OK)
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
