//! `actorgraph export`: validate, filter, then write one format to standard output or
//! atomically to a file.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::CommandError;
use super::dataset_args::{DatasetArgs, Loaded, write_buffered};
use super::filter_args::FilterArgs;
use super::values::{ClusterByArg, DialectArg, FormatArg};
use crate::EXIT_OK;
use crate::export;
use crate::output;

#[derive(Debug, Args)]
pub(super) struct ExportArgs {
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
    #[command(flatten)]
    dataset: DatasetArgs,
    #[command(flatten)]
    filter: FilterArgs,
}

impl ExportArgs {
    fn options(&self) -> export::Options {
        export::Options {
            legend: self.legend,
            cluster_by: self.cluster_by.map(|c| c.0),
            per_edge_direction: self.per_edge_direction,
            dialect: self.dialect.0,
        }
    }

    /// The file `-o` names: none for `-`, which means standard output, as for most
    /// tools (`./-` names a file).
    fn target(&self) -> Option<&PathBuf> {
        self.output.as_ref().filter(|t| t.as_os_str() != "-")
    }
}

pub(super) fn run(
    args: &ExportArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, CommandError> {
    args.dataset
        .load_then(stderr, |loaded| export(args, loaded, stdout))
}

/// Filters `loaded` and writes it as `args` say.
fn export(args: &ExportArgs, loaded: Loaded, stdout: &mut dyn Write) -> Result<u8, CommandError> {
    let filtered = args.filter.to_filter().apply(&loaded.dataset)?;
    let dataset = &*filtered;
    if args.format.0 == export::Format::Csv {
        let dir = args.target().ok_or_else(|| {
            CommandError::Usage(
                "`-f csv` writes four files: give the directory with `-o DIR`".to_owned(),
            )
        })?;
        write_csv(dataset, dir, loaded.files.paths()).map_err(CommandError::Files)?;
        return Ok(EXIT_OK);
    }
    let options = args.options();
    let write = |out: &mut dyn Write| export::write(args.format.0, dataset, &options, out);
    let Some(target) = args.target() else {
        write_buffered(stdout, write)?;
        return Ok(EXIT_OK);
    };
    let staged = output::check_not_input(target, loaded.files.paths())
        .and_then(|()| output::stage(target, write));
    drop(filtered);
    crate::parallel::drop_in_background(loaded);
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
