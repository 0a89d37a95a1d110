//! The command line: argument definitions (clap derive) and the dispatch of each
//! subcommand to the pipeline and the renderers.

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::diagnostic;
use crate::export;
use crate::filter::Filter;
use crate::model::{Confidence, Date};
use crate::output;
use crate::pipeline;
use crate::report::{ReportFormat, write_report};
use crate::{EXIT_FAILURE, EXIT_INVALID, EXIT_OK};

/// Validate, export and review datasets of organizations and their relationships.
#[derive(Debug, Parser)]
#[command(name = "actorgraph", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a dataset and report every problem at its `file:line:column`.
    Validate(ValidateArgs),
    /// Validate, then write the dataset as DOT, GraphML or JSON.
    Export(Box<ExportArgs>),
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// YAML files or directories (searched recursively for *.yaml and *.yml).
    #[arg(default_value = "graphs")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum)]
    format: export::Format,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// DOT: add a legend of the edge types present.
    #[arg(long)]
    legend: bool,
    /// DOT: group organizations into clusters.
    #[arg(long, value_enum, value_name = "FIELD")]
    cluster_by: Option<export::ClusterBy>,
    /// GraphML: write directed="false" on undirected edges (Gephi reads it; networkx rejects it, igraph ignores it).
    #[arg(long)]
    per_edge_direction: bool,
    /// How to print diagnostics (on standard error).
    #[arg(long, value_enum, default_value_t)]
    diagnostics: ReportFormat,
    #[command(flatten)]
    filter: FilterArgs,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Filters")]
struct FilterArgs {
    /// The network as it may have stood on DATE (EDTF, e.g. 2001 or 2015-08).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Edges that may have held at some point in FROM..TO.
    #[arg(long, value_name = "FROM..TO", value_parser = parse_span, conflicts_with = "as_of")]
    between: Option<(Date, Date)>,
    /// Keep only these relation types.
    #[arg(long = "type", value_name = "T", value_delimiter = ',')]
    types: Vec<String>,
    /// Drop these relation types.
    #[arg(long, value_name = "T", value_delimiter = ',')]
    exclude_type: Vec<String>,
    /// Keep the organizations within --depth steps of ID, and the edges among them.
    #[arg(long, value_name = "ID")]
    focus: Option<String>,
    /// Steps from --focus.
    #[arg(long, default_value_t = 1, requires = "focus")]
    depth: usize,
    /// Drop disputed edges.
    #[arg(long)]
    exclude_disputed: bool,
    /// Drop edges below this confidence (and edges that state none).
    #[arg(long, value_name = "LEVEL", value_parser = parse_confidence)]
    min_confidence: Option<Confidence>,
    /// Keep only edges these sources support.
    #[arg(long, value_name = "SOURCE", value_delimiter = ',')]
    according_to: Vec<String>,
    /// Drop organizations left without edges.
    #[arg(long)]
    drop_isolated: bool,
}

impl FilterArgs {
    fn to_filter(&self) -> Filter {
        Filter {
            as_of: self.as_of.clone(),
            between: self.between.clone(),
            types: self.types.clone(),
            exclude_types: self.exclude_type.clone(),
            focus: self.focus.clone(),
            depth: self.depth,
            exclude_disputed: self.exclude_disputed,
            min_confidence: self.min_confidence,
            according_to: self.according_to.clone(),
            drop_isolated: self.drop_isolated,
        }
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).map_err(|e| format!("{} ({})", e.message, e.help))
}

fn parse_span(s: &str) -> Result<(Date, Date), String> {
    let (from, to) = s
        .split_once("..")
        .ok_or_else(|| "write the span as FROM..TO, for example 1998..2001".to_owned())?;
    Ok((parse_date(from)?, parse_date(to)?))
}

fn parse_confidence(s: &str) -> Result<Confidence, String> {
    Confidence::parse(s).ok_or_else(|| format!("use one of: {}", Confidence::NAMES.join(", ")))
}

#[derive(Debug, Args)]
struct ValidateArgs {
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

/// Parses `args` and runs the subcommand; see [`crate::run`].
pub fn run<I, T>(args: I, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e, stdout, stderr),
    };
    let result = match cli.command {
        Command::Validate(args) => validate(&args, stdout),
        Command::Export(args) => export(&args, stdout, stderr),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            EXIT_FAILURE
        }
    }
}

fn usage_error(e: &clap::Error, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let text = e.render().to_string();
    if e.use_stderr() {
        let _ = write!(stderr, "{text}");
        EXIT_FAILURE
    } else {
        let _ = write!(stdout, "{text}");
        EXIT_OK
    }
}

fn validate(args: &ValidateArgs, out: &mut dyn Write) -> io::Result<u8> {
    let mut checked = pipeline::check(&args.paths);
    if args.strict {
        diagnostic::make_strict(&mut checked.diagnostics);
    }
    write_report(out, args.format, &checked.diagnostics, &checked.files)?;
    Ok(exit_status(&checked))
}

fn export(args: &ExportArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> io::Result<u8> {
    let checked = pipeline::check(&args.paths);
    if !checked.diagnostics.is_empty() {
        write_report(
            stderr,
            args.diagnostics,
            &checked.diagnostics,
            &checked.files,
        )?;
    }
    let Some(dataset) = &checked.dataset else {
        return Ok(exit_status(&checked));
    };
    let dataset = match args.filter.to_filter().apply(dataset) {
        Ok(filtered) => filtered,
        Err(e) => {
            writeln!(stderr, "error: {e}")?;
            return Ok(EXIT_FAILURE);
        }
    };
    let dataset = &dataset;
    let options = export::Options {
        legend: args.legend,
        cluster_by: args.cluster_by,
        per_edge_direction: args.per_edge_direction,
    };
    let write = |out: &mut dyn Write| export::write(args.format, dataset, &options, out);
    let Some(target) = &args.output else {
        let mut out = io::BufWriter::new(stdout);
        write(&mut out)?;
        out.flush()?;
        return Ok(EXIT_OK);
    };
    let written = output::check_not_input(target, checked.files.paths())
        .and_then(|()| output::write_atomically(target, write));
    match written {
        Ok(()) => Ok(EXIT_OK),
        Err(e) => {
            writeln!(stderr, "error: {e}")?;
            Ok(EXIT_FAILURE)
        }
    }
}

fn exit_status(checked: &pipeline::Checked) -> u8 {
    if checked.input_failed() {
        EXIT_FAILURE
    } else if checked.has_errors() {
        EXIT_INVALID
    } else {
        EXIT_OK
    }
}
