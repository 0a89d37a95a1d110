//! `actorgraph lsp`: runs the language server on standard input and output.

use std::io::Write;

use clap::Args;

use super::error::CommandError;
use super::reporting::ExcludeArgs;
use crate::EXIT_OK;
use crate::lsp::{self, Ended, Options};

/// Arguments of `lsp`.
#[derive(Debug, Args)]
pub(super) struct LspArgs {
    /// Speak the protocol over standard input and output (the only transport; accepted
    /// because many editors pass it).
    #[arg(long)]
    stdio: bool,
    #[command(flatten)]
    exclude: ExcludeArgs,
}

/// The exit status the protocol asks for when the client exits without `shutdown`, or
/// goes away.
const EXIT_ABRUPT: u8 = 1;

/// Serves one editor session; exit status 0 after `shutdown` and `exit`, else 1.
pub(super) fn run(args: &LspArgs, stdout: &mut dyn Write) -> Result<u8, CommandError> {
    let _ = args.stdio;
    let options = Options {
        exclude: args.exclude.patterns()?,
        ..Options::default()
    };
    match lsp::serve(Box::new(std::io::stdin()), stdout, &options) {
        Ok(Ended::Cleanly) => Ok(EXIT_OK),
        Ok(Ended::Abruptly) => Ok(EXIT_ABRUPT),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(EXIT_ABRUPT),
        Err(e) => Err(CommandError::Write(e)),
    }
}
