//! The command line: the top-level parser, and the dispatch of each subcommand to its
//! own module, which turns arguments into calls on the pipeline and the renderers.

mod dataset_args;
mod diff;
mod error;
mod export;
mod filter_args;
mod find;
mod generate;
mod import;
mod init;
mod lsp;
mod path;
mod reporting;
mod schema;
mod show;
mod stats;
mod validate;
mod values;

use std::ffi::OsString;
use std::io::Write;

use clap::{Parser, Subcommand};

use crate::pipeline;
use crate::{EXIT_FAILURE, EXIT_INVALID, EXIT_OK};
use error::CommandError;

use crate::printable::printable;

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
    Validate(validate::ValidateArgs),
    /// Validate, then write the dataset as DOT, GraphML, GEXF, JSON or a Mermaid flowchart.
    Export(Box<export::ExportArgs>),
    /// Validate, then print one organization with all its edges, dates and quoted citations.
    Show(show::ShowArgs),
    /// Validate, then list the organizations and sources whose id, name, short name,
    /// alias or title matches a query, best match first, with their ids.
    Find(find::FindArgs),
    /// Validate, filter, then answer questions about the network: size, components,
    /// degree and betweenness, evidence quality (single points of failure), edges per
    /// decade.
    Stats(Box<stats::StatsArgs>),
    /// Validate, filter, then print the shortest path(s) between two organizations,
    /// each step with its relations, dates and quoted citations. Exit status 1: no path.
    Path(Box<path::PathArgs>),
    /// Print the JSON Schema (draft 2020-12) of a dataset file, for editors such as VS Code
    /// with yaml-language-server.
    ///
    /// Save it (a copy is committed as schema/actorgraph-v1.schema.json) and point a file
    /// at it with a first line `# yaml-language-server: $schema=PATH`.
    Schema(schema::SchemaArgs),
    /// Show what changed between two datasets (paths or git revisions such as `main:graphs`).
    Diff(diff::DiffArgs),
    /// Turn tables (CSV, TSV, XLSX, ODS: MMP, Gephi, Kumu or your own) into a dataset,
    /// reporting every row that cannot be mapped at FILE:ROW:COLUMN.
    Import(Box<import::ImportArgs>),
    /// Start a project: a commented example dataset (with the schema modeline for
    /// editors), the schema, and the GitHub review workflow. Never overwrites a file.
    Init(init::InitArgs),
    /// Run the language server (completion, diagnostics as you type, go to definition,
    /// rename…) over standard input and output, for an editor to start; see docs/editors.md.
    Lsp(lsp::LspArgs),
    /// Print the completion script for a shell (bash, zsh, fish, powershell, elvish).
    ///
    /// For example `actorgraph completions bash > ~/.local/share/bash-completion/completions/actorgraph`.
    Completions(generate::CompletionsArgs),
    /// Print the man page (roff): `actorgraph man > actorgraph.1; man ./actorgraph.1`.
    Man(generate::ManArgs),
}

/// Parses `args` and runs the subcommand; see [`crate::run`].
pub(crate) fn run<I, T>(args: I, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e, stdout, stderr),
    };
    let result = match cli.command {
        Command::Validate(args) => validate::run(&args, stdout),
        Command::Export(args) => export::run(&args, stdout, stderr),
        Command::Diff(args) => diff::run(&args, stdout, stderr),
        Command::Show(args) => show::run(&args, stdout, stderr),
        Command::Find(args) => find::run(&args, stdout, stderr),
        Command::Stats(args) => stats::run(&args, stdout, stderr),
        Command::Path(args) => path::run(&args, stdout, stderr),
        Command::Schema(args) => schema::run(&args, stdout),
        Command::Import(args) => import::run(&args, stdout, stderr),
        Command::Init(args) => init::run(&args, stdout),
        Command::Lsp(args) => lsp::run(&args, stdout),
        Command::Completions(args) => generate::completions(&args, stdout),
        Command::Man(args) => generate::man(&args, stdout),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.is_broken_pipe() => EXIT_OK,
        Err(e) => {
            // The one place a command's error is printed, through `printable`: its words
            // may quote what was typed, a revision, git, or names from the dataset.
            let _ = writeln!(stderr, "error: {}", printable(&e.to_string()));
            if let Some(help) = e.help() {
                let _ = writeln!(stderr, "  = help: {}", printable(help));
            }
            e.exit_status()
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

/// The exit status for a checked dataset: input failures over errors over success.
fn exit_status(checked: &pipeline::Checked) -> u8 {
    if checked.input_failed() {
        EXIT_FAILURE
    } else if checked.has_errors() {
        EXIT_INVALID
    } else {
        EXIT_OK
    }
}
