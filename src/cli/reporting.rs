//! The options every command that reports shares: `--quiet` and `--color` for its
//! diagnostics, and `--exclude` for the dataset it loads.

use std::io::IsTerminal;

use clap::{Args, ValueEnum};

use super::CommandError;
use crate::pipeline::Exclude;
use crate::report::ReportStyle;

/// How diagnostics are shown.
#[derive(Debug, Args)]
pub(super) struct ReportingArgs {
    /// Print only the errors and the summary line (warnings are still counted).
    #[arg(long, short)]
    quiet: bool,
    /// When to colour the human report: on a terminal unless NO_COLOR is set, always, or never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t)]
    color: ColorWhen,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
enum ColorWhen {
    /// Colours when the report goes to a terminal and NO_COLOR is unset or empty.
    #[default]
    Auto,
    /// Always colours, even into a file or a pipe.
    Always,
    /// Never colours.
    Never,
}

/// Which standard stream a report is written to, for `--color auto`.
#[derive(Debug, Clone, Copy)]
pub(super) enum Stream {
    Stdout,
    Stderr,
}

impl ReportingArgs {
    /// The style of a report written to `stream`.
    pub(super) fn style(&self, stream: Stream) -> ReportStyle {
        let terminal = || match stream {
            Stream::Stdout => std::io::stdout().is_terminal(),
            Stream::Stderr => std::io::stderr().is_terminal(),
        };
        ReportStyle {
            quiet: self.quiet,
            color: colours(self.color, terminal, std::env::var_os("NO_COLOR")),
        }
    }
}

/// Whether to colour: `always`, `never`, or for `auto` a terminal and no `NO_COLOR` (set
/// to anything but the empty string, as no-color.org defines it).
fn colours(
    when: ColorWhen,
    terminal: impl FnOnce() -> bool,
    no_color: Option<std::ffi::OsString>,
) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => no_color.is_none_or(|v| v.is_empty()) && terminal(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_colours_a_terminal_unless_no_color_is_set() {
        let set = || Some("1".into());
        assert!(colours(ColorWhen::Auto, || true, None));
        assert!(colours(ColorWhen::Auto, || true, Some("".into())));
        assert!(!colours(ColorWhen::Auto, || true, set()));
        assert!(!colours(ColorWhen::Auto, || false, None));
        assert!(colours(ColorWhen::Always, || false, set()));
        assert!(!colours(ColorWhen::Never, || true, None));
    }
}

/// Which files of a dataset directory to leave out.
#[derive(Debug, Args)]
pub(super) struct ExcludeArgs {
    /// Leave out of directories the files and folders matching GLOB (gitignore syntax,
    /// relative to each directory given; repeatable). A directory's `.actorgraphignore`
    /// lists more, one pattern a line.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
}

impl ExcludeArgs {
    /// The patterns, checked.
    pub(super) fn patterns(&self) -> Result<Exclude, CommandError> {
        Exclude::new(&self.exclude).map_err(CommandError::Usage)
    }
}
