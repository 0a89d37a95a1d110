//! `actorgraph completions SHELL` and `actorgraph man`: shell completions and a roff man
//! page generated from the same clap definitions as `--help`, so they never drift.

use std::io::Write;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, CommandError};
use crate::EXIT_OK;

#[derive(Debug, Args)]
pub(super) struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    shell: Shell,
}

#[derive(Debug, Args)]
pub(super) struct ManArgs {}

/// Prints the completion script for the shell.
pub(super) fn completions(
    args: &CompletionsArgs,
    stdout: &mut dyn Write,
) -> Result<u8, CommandError> {
    let mut command = Cli::command();
    let mut buffer = Vec::new();
    clap_complete::generate(args.shell, &mut command, "actorgraph", &mut buffer);
    stdout.write_all(&buffer)?;
    stdout.flush()?;
    Ok(EXIT_OK)
}

/// Prints the man page, `actorgraph.1`, in roff.
pub(super) fn man(_args: &ManArgs, stdout: &mut dyn Write) -> Result<u8, CommandError> {
    let mut buffer = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buffer)?;
    stdout.write_all(&buffer)?;
    stdout.flush()?;
    Ok(EXIT_OK)
}
