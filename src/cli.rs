//! The command line: argument definitions (clap derive) and the dispatch of each
//! subcommand to the pipeline and the renderers.

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::diagnostic;
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
    let text = e.render().ansi().to_string();
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

fn exit_status(checked: &pipeline::Checked) -> u8 {
    if checked.input_failed() {
        EXIT_FAILURE
    } else if checked.has_errors() {
        EXIT_INVALID
    } else {
        EXIT_OK
    }
}
