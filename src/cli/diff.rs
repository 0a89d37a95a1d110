//! `actorgraph diff OLD NEW`: validate both sides (paths, or git revisions read from the
//! object store into memory), then report what changed as Markdown, JSON or text. An
//! argument that names both an existing path and a revision is refused as ambiguous,
//! as git refuses it, unless `--rev` says to read revisions.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::CommandError;
use super::dataset_args::{LoadArgs, write_buffered};
use crate::diagnostic::{Diagnostic, Severity};
use crate::diff::{self, Diff};
use crate::pipeline::{self, Checked, Exclude, Input, Mode};
use crate::report::write_report_styled;
use crate::revision::{self, RevisionError, RevisionSpec};
use crate::{EXIT_INVALID, EXIT_OK};

#[derive(Debug, Args)]
pub(super) struct DiffArgs {
    /// The dataset before: a path, or a git revision with an optional path (`main:graphs`,
    /// `HEAD~1:.`, read from the current directory when it starts with `./` or is `.`). A
    /// bare revision (`HEAD~1`) reads the other side's path.
    old: String,
    /// The dataset after: a path, or a git revision with an optional path.
    #[arg(default_value = "graphs")]
    new: String,
    /// How to write the differences.
    #[arg(long, short, value_enum, default_value_t)]
    format: DiffFormat,
    /// Exit with 1 when there are differences (like `git diff --exit-code`).
    #[arg(long)]
    exit_code: bool,
    #[command(flatten)]
    load: LoadArgs,
    /// Read an argument that names both an existing path and a git revision as the
    /// revision (without it, such an argument is refused; write `./ARG` for the path).
    #[arg(long)]
    rev: bool,
}

/// The diff's output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
enum DiffFormat {
    /// A summary table, sections and a Mermaid diagram, for pull-request comments.
    #[default]
    Markdown,
    /// One JSON document, for bots.
    Json,
    /// Plain lines, for terminals.
    Text,
}

/// One side of the diff, resolved.
enum Side {
    Path(PathBuf),
    Revision(RevisionSpec),
}

impl Side {
    /// An existing path is a path, anything else a git revision; an argument that is
    /// both is refused, unless `prefer_revision`. A bare revision takes the other side's
    /// path: a path on disk as git finds it from the current directory, or the path of
    /// the other revision, or else `./graphs`.
    fn resolve(spec: &str, other: &str, prefer_revision: bool) -> Result<Side, RevisionError> {
        if Path::new(spec).exists() {
            if !revision::names_a_revision(spec) {
                return Ok(Side::Path(PathBuf::from(spec)));
            }
            if !prefer_revision {
                return Err(RevisionError {
                    message: format!("`{spec}` is both a path and a git revision"),
                    help: Some(format!(
                        "write `./{spec}` for the path, or add `--rev` to read the revision"
                    )),
                });
            }
        }
        if !spec.contains(':') && !revision::names_a_revision(spec) {
            return Err(RevisionError {
                message: format!("`{spec}` is neither a path nor a git revision"),
                help: Some(
                    "give the dataset's path (from the current directory), or a revision of \
                     this repository: `HEAD~1`, `main:graphs`, `HEAD~1:.`"
                        .to_owned(),
                ),
            });
        }
        let default = if Path::new(other).exists() {
            revision::path_for_git(other).ok_or_else(|| RevisionError {
                message: format!("`{other}` is not inside the git repository"),
                help: Some(format!(
                    "write `{spec}:PATH` with the path inside the revision"
                )),
            })?
        } else {
            match other.split_once(':') {
                Some(_) => RevisionSpec::parse(other, "").path,
                None => revision::path_for_git("graphs").unwrap_or_else(|| "graphs".to_owned()),
            }
        };
        Ok(Side::Revision(RevisionSpec::parse(spec, &default)))
    }

    fn label(&self) -> String {
        match self {
            Side::Path(p) => p.to_string_lossy().into_owned(),
            Side::Revision(r) => r.label(),
        }
    }
}

fn load(side: &Side, exclude: &Exclude) -> Result<Checked, RevisionError> {
    let input = match side {
        Side::Path(p) => Input::PathsExcluding(std::slice::from_ref(p), exclude),
        Side::Revision(spec) => Input::InMemory(revision::read(spec, exclude)?),
    };
    Ok(pipeline::check(input, Mode::Build))
}

pub(super) fn run(
    args: &DiffArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, CommandError> {
    let old_side = Side::resolve(&args.old, &args.new, args.rev)?;
    let new_side = Side::resolve(&args.new, &args.old, args.rev)?;
    let exclude = args.load.exclude()?;
    let sides = [load(&old_side, &exclude)?, load(&new_side, &exclude)?];
    let (format, style) = (args.load.format(), args.load.style());
    let mut status = EXIT_OK;
    for c in &sides {
        // Warnings belong to `validate`; a diff reports only what stops it.
        let errors: Vec<Diagnostic> = c
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        if !errors.is_empty() {
            write_report_styled(stderr, format, style, &errors, &c.files)?;
        }
        status = status.max(super::exit_status(c));
    }
    let (Some(old), Some(new)) = (&sides[0].dataset, &sides[1].dataset) else {
        return Ok(status.max(EXIT_INVALID));
    };
    if status != EXIT_OK {
        return Ok(status);
    }
    let diff = Diff::new(old, new);
    let (old_label, new_label) = (old_side.label(), new_side.label());
    write_buffered(stdout, |out| match args.format {
        DiffFormat::Markdown => diff::markdown::write(&diff, &old_label, &new_label, out),
        DiffFormat::Json => diff::json::write(&diff, &old_label, &new_label, out),
        DiffFormat::Text => diff::text::write(&diff, &old_label, &new_label, out),
    })?;
    Ok(if args.exit_code && !diff.is_empty() {
        EXIT_INVALID
    } else {
        EXIT_OK
    })
}
