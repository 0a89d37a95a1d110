//! The arguments of every command that reads a dataset — its paths, how to print its
//! diagnostics, which files to leave out — and the front half they share: load and
//! validate while reporting, then answer with the dataset or stop with the exit status.
//! Also the back half: write the answer through a buffer on standard output.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;

use super::reporting::{ExcludeArgs, ReportingArgs, Stream};
use super::values::ReportArg;
use super::{CommandError, exit_status};
use crate::diagnostic::Files;
use crate::model::Dataset;
use crate::pipeline::{self, Checked, Exclude, Input, Mode};
use crate::report::{ReportFormat, ReportStyle};

/// How a command reports on the datasets it loads (on standard error), and which files
/// it leaves out of them.
#[derive(Debug, Args)]
pub(super) struct LoadArgs {
    /// How to print diagnostics (on standard error).
    #[arg(long, value_enum, default_value_t)]
    diagnostics: ReportArg,
    #[command(flatten)]
    reporting: ReportingArgs,
    #[command(flatten)]
    exclude: ExcludeArgs,
}

impl LoadArgs {
    /// The format of the diagnostics.
    pub(super) fn format(&self) -> ReportFormat {
        self.diagnostics.0
    }

    /// The style of the diagnostics, on standard error.
    pub(super) fn style(&self) -> ReportStyle {
        self.reporting.style(Stream::Stderr)
    }

    /// The `--exclude` patterns, checked.
    pub(super) fn exclude(&self) -> Result<Exclude, CommandError> {
        self.exclude.patterns()
    }
}

/// The dataset a command reads, and how it reports on it.
#[derive(Debug, Args)]
pub(super) struct DatasetArgs {
    /// YAML files or directories (searched recursively for *.yaml and *.yml).
    #[arg(default_value = "graphs")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    load: LoadArgs,
}

/// A dataset loaded without errors, and the files it was read from.
pub(super) struct Loaded {
    pub(super) dataset: Dataset,
    pub(super) files: Files,
}

impl DatasetArgs {
    /// Loads and validates the paths, printing any diagnostics on `stderr` while the
    /// model is built, then hands the dataset to `answer`; when there is none (errors,
    /// unreadable input), the exit status that says why.
    pub(super) fn load_then(
        &self,
        stderr: &mut dyn Write,
        answer: impl FnOnce(Loaded) -> Result<u8, CommandError>,
    ) -> Result<u8, CommandError> {
        let checked = self.check_reporting(stderr)?;
        let status = exit_status(&checked);
        let Checked { files, dataset, .. } = checked;
        match dataset {
            Some(dataset) => answer(Loaded { dataset, files }),
            None => Ok(status),
        }
    }

    fn check_reporting(&self, stderr: &mut dyn Write) -> Result<Checked, CommandError> {
        let exclude = self.load.exclude()?;
        let (format, style) = (self.load.format(), self.load.style());
        let mut reported = Ok(());
        let mut report = |files: &_, diagnostics: &[_]| {
            if !diagnostics.is_empty() {
                reported =
                    crate::report::write_report_styled(stderr, format, style, diagnostics, files);
            }
        };
        let input = Input::PathsExcluding(&self.paths, &exclude);
        let checked = pipeline::check(input, Mode::BuildWhileReporting(&mut report));
        reported?;
        Ok(checked)
    }
}

/// Writes a command's answer to `stdout` through a buffer, then flushes it.
pub(super) fn write_buffered<E>(
    stdout: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Result<(), CommandError>
where
    CommandError: From<E>,
{
    let mut out = io::BufWriter::new(stdout);
    write(&mut out)?;
    out.flush()?;
    Ok(())
}
