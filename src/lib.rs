//! actorgraph: validate, export and review datasets of organizations and their typed,
//! sourced, dated relationships, kept as YAML.
//!
//! **This library is not a stable API.** It exists for the `actorgraph` binary and its
//! tests, and any release may change it; depend on the command line instead.
//!
//! What it offers: [`pipeline::check`] loads and validates a dataset (the one way in),
//! giving [`diagnostic`]s and, when there is no error, the validated [`model`];
//! [`filter`] slices a dataset, [`export`] writes one in each format, and [`import`]
//! turns tables (CSV, TSV, workbooks) into a dataset. Nothing in the
//! library prints: [`run`], the whole command line, writes to the streams it is given.

pub(crate) mod cli;
pub mod diagnostic;
pub(crate) mod diff;
pub mod export;
pub mod filter;
pub(crate) mod find;
pub mod import;
pub(crate) mod init;
pub(crate) mod load;
pub(crate) mod lsp;
pub(crate) mod markdown;
pub mod model;
pub(crate) mod output;
pub(crate) mod parallel;
pub(crate) mod path;
pub mod pipeline;
pub(crate) mod printable;
pub(crate) mod report;
pub(crate) mod revision;
pub(crate) mod schema;
pub(crate) mod show;
pub(crate) mod stats;
pub(crate) mod suggest;
pub(crate) mod validate;

/// The stages behind [`pipeline::check`], for the crate's own benchmarks and examples
/// (`bench/hot_paths`, `examples/`), which time them one by one. Not part of the API, even
/// less than the rest.
#[doc(hidden)]
pub mod internals {
    pub use crate::load::{Loaded, is_yaml, load};
    pub use crate::validate::{Goal, Pending, Validation, validate};
}

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
