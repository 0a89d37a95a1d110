//! actorgraph: validate, export and review datasets of organizations and their typed,
//! sourced, dated relationships, kept as YAML.
//!
//! The data flows through one module per stage: [`load`] reads YAML into raw records,
//! [`validate`] checks them and builds the [`model`], [`filter`] slices it, and
//! [`export`] writes it in one module per format. Nothing in the library prints: [`run`] writes to the streams it is given.

pub mod cli;
pub mod diagnostic;
pub mod diff;
pub mod export;
pub mod filter;
pub mod import;
pub mod load;
pub mod model;
mod output;
mod parallel;
pub mod pipeline;
mod report;
pub mod revision;
pub mod schema;
mod show;
mod suggest;
pub mod validate;

use std::ffi::OsString;
use std::io::Write;

/// Exit status: success (warnings allowed).
pub const EXIT_OK: u8 = 0;
/// Exit status: the dataset has errors (or differences, for `diff --exit-code`).
pub const EXIT_INVALID: u8 = 1;
/// Exit status: a usage error or a file that could not be read or written.
pub const EXIT_FAILURE: u8 = 2;

/// Runs the command line `args` (program name first), writing results to `stdout` and
/// diagnostics to `stderr`, and returns the exit status.
pub fn run<I, T>(args: I, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    cli::run(args, stdout, stderr)
}
