//! `actorgraph lsp`: a language server for the dataset's YAML, over the streams it is
//! handed (standard input and output). The main loop answers requests at once from the
//! buffers and the last validated snapshot, while a background thread validates the
//! workspace (debounced, through [`crate::pipeline`] like every command) and hands back a
//! new snapshot, whose diagnostics are then published. See docs/editors.md.

mod actions;
mod completion;
mod context;
mod diagnostics;
mod handshake;
mod hover;
mod index;
mod navigation;
mod position;
mod rename;
mod server;
mod symbols;
mod transport;
mod uri;
mod view;
mod worker;
mod workspace;

use std::io::{Read, Write};
use std::time::Duration;

use crate::load::Exclude;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// What to leave out of the workspace folders, besides their `.actorgraphignore`.
    pub exclude: Exclude,
    /// How long the buffers must stay unchanged before they are validated.
    pub debounce: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            exclude: Exclude::default(),
            debounce: Duration::from_millis(200),
        }
    }
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The client asked to shut down, then to exit.
    Cleanly,
    /// The client exited without shutting down, or went away (its stream closed or
    /// broke).
    Abruptly,
}

/// Serves one client reading `input` and writing `output` until it exits or goes away.
pub fn serve(
    input: Box<dyn Read + Send>,
    output: &mut dyn Write,
    options: &Options,
) -> std::io::Result<Ended> {
    server::Server::run(input, output, options)
}
