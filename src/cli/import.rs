//! `actorgraph import`: map tables to a dataset, report every row that cannot be mapped,
//! and write the canonical YAML atomically into a directory (never over an existing file
//! unless `--force`; nothing at all when `--strict` finds a problem).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::CommandError;
use super::reporting::{ReportingArgs, Stream};
use super::values::{PresetArg, ReportArg};
use crate::diagnostic::{self, Diagnostic, Files, Severity};
use crate::import::{self, ImportError, Imported, Options, map};
use crate::output;
use crate::report::write_report_styled;
use crate::{EXIT_FAILURE, EXIT_INVALID, EXIT_OK};

#[derive(Debug, Args)]
pub(super) struct ImportArgs {
    /// Edge tables (CSV, TSV, XLSX, ODS), or directories written by `export -f csv`.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The directory to write the YAML files into (made if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// An existing dataset: organizations and sources it has are matched, not written again.
    #[arg(long, value_name = "DATASET")]
    into: Option<PathBuf>,
    /// A known table layout.
    #[arg(long, value_enum)]
    preset: Option<PresetArg>,
    /// Take FIELD from COLUMN (fields: from, to, type, date, start, end, quote, url,
    /// locator, source, confidence, notes, id, directed, interval, from-key, to-key).
    #[arg(long = "map", value_name = "FIELD=COLUMN")]
    maps: Vec<String>,
    /// The sheet of a workbook holding the edges.
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// The field delimiter of a text table (a character, or `tab`); detected if absent.
    #[arg(long, value_name = "CHAR")]
    delimiter: Option<String>,
    /// A node table: organizations with their names and other fields.
    #[arg(long, value_name = "FILE")]
    nodes: Option<PathBuf>,
    /// The id of the source rows cite when they name none.
    #[arg(long, value_name = "ID")]
    source_id: Option<String>,
    #[command(flatten)]
    repairs: RepairArgs,
    /// Treat warnings as errors, and write nothing when there is any error.
    #[arg(long)]
    strict: bool,
    /// Overwrite existing output files.
    #[arg(long)]
    force: bool,
    /// Write one edge file per relation.
    #[arg(long, value_enum, value_name = "FIELD")]
    split_by: Option<SplitBy>,
    /// How to print the diagnostics (`--format` is the same, kept for one release).
    #[arg(long, value_enum, default_value_t, alias = "format")]
    diagnostics: ReportArg,
    #[command(flatten)]
    reporting: ReportingArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SplitBy {
    /// `edges-<relation>.yaml`.
    Relation,
}

/// What to repair rather than report.
#[derive(Debug, Args)]
struct RepairArgs {
    /// Replace C1 characters (Windows-1252 read as Latin-1) by what they stood for.
    #[arg(long)]
    repair_mojibake: bool,
    /// Undo backslash escapes (`\'`) and HTML character references (`&#039;`) left in texts.
    #[arg(long)]
    repair_escapes: bool,
}

pub(super) fn run(
    args: &ImportArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, CommandError> {
    let options = options(args).map_err(CommandError::Usage)?;
    let (format, style) = (args.diagnostics.0, args.reporting.style(Stream::Stdout));
    let report = |out: &mut dyn Write, diagnostics: &[Diagnostic], files: &Files| {
        write_report_styled(out, format, style, diagnostics, files)
    };
    let mut imported = match import::import(&args.files, &args.out, &options) {
        Ok(imported) => imported,
        Err(ImportError::Usage(message)) => return Err(CommandError::Usage(message)),
        Err(ImportError::Into(checked)) => {
            report(stdout, &checked.diagnostics, &checked.files)?;
            let message = "the dataset given to `--into` is not valid; nothing was imported";
            return Err(if checked.input_failed() {
                CommandError::Files(message.to_owned())
            } else {
                CommandError::Invalid(message.to_owned())
            });
        }
        Err(ImportError::Bug(imported)) => {
            report(stdout, &imported.diagnostics, &imported.files)?;
            return Err(CommandError::Files(
                "internal error: the YAML this import made does not validate (the errors above, in files that were not written); please report it with the table".to_owned(),
            ));
        }
    };
    if args.strict {
        diagnostic::make_strict(&mut imported.diagnostics);
    }
    let failed = imported
        .diagnostics
        .iter()
        .any(|d| d.code.is_input_failure());
    let errors = imported
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    let write = !(failed || args.strict && errors);
    let written = if write {
        write_outputs(&imported, args.force)
    } else {
        Ok(0)
    };
    report(stdout, &imported.diagnostics, &imported.files)?;
    let n = written.map_err(CommandError::Files)?;
    let c = imported.counts;
    let what = format!(
        "{} organizations, {} sources, {} edges from {} rows ({} refused)",
        c.organizations, c.sources, c.edges, c.rows, c.refused
    );
    let out = import::read::printable_path(&args.out);
    if write {
        writeln!(stderr, "imported {what}: {n} files written to {out}")?;
    } else {
        writeln!(stderr, "nothing written ({what}): fix the errors above")?;
    }
    Ok(if failed {
        EXIT_FAILURE
    } else if errors {
        EXIT_INVALID
    } else {
        EXIT_OK
    })
}

fn options(args: &ImportArgs) -> Result<Options, String> {
    let mut overrides = Vec::new();
    for m in &args.maps {
        let (field, column) = m
            .split_once('=')
            .ok_or_else(|| format!("`--map {m}`: write FIELD=COLUMN"))?;
        let field = map::MAP_NAMES
            .iter()
            .find(|(name, _)| *name == field.trim())
            .map(|&(_, f)| f)
            .ok_or_else(|| {
                let names: Vec<&str> = map::MAP_NAMES.iter().map(|(n, _)| *n).collect();
                format!(
                    "`--map {m}`: no field `{field}` (fields: {})",
                    names.join(", ")
                )
            })?;
        overrides.push((field, column.to_owned()));
    }
    let delimiter = match args.delimiter.as_deref() {
        None => None,
        Some("tab" | "\\t" | "\t") => Some(b'\t'),
        Some(d) if d.len() == 1 => Some(d.as_bytes()[0]),
        Some(d) => {
            return Err(format!(
                "`--delimiter {d}`: give one ASCII character, or `tab`"
            ));
        }
    };
    Ok(Options {
        preset: args.preset.map(|p| p.0),
        overrides,
        nodes: args.nodes.clone(),
        read: import::read::ReadOptions {
            delimiter,
            sheet: args.sheet.clone(),
            nodes: false,
        },
        source_id: args.source_id.clone(),
        into: args.into.clone(),
        repair_mojibake: args.repairs.repair_mojibake,
        repair_escapes: args.repairs.repair_escapes,
        split_by_relation: args.split_by == Some(SplitBy::Relation),
    })
}

/// Writes every output atomically, after checking that none would replace a file (unless
/// `force`) or an input; returns how many were written.
fn write_outputs(imported: &Imported, force: bool) -> Result<usize, String> {
    if !force {
        let existing: Vec<String> = imported
            .outputs
            .iter()
            .filter(|(p, _)| p.exists())
            .map(|(p, _)| import::read::printable_path(p))
            .collect();
        if !existing.is_empty() {
            return Err(format!(
                "{} already exist; nothing was written (use `--force` to replace them)",
                existing.join(", ")
            ));
        }
    }
    let Some(dir) = imported.outputs.first().and_then(|(p, _)| p.parent()) else {
        return Ok(0);
    };
    if !dir.as_os_str().is_empty() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    }
    let inputs: Vec<PathBuf> = imported
        .files
        .paths()
        .iter()
        .filter(|p| !imported.outputs.iter().any(|(o, _)| o == *p))
        .cloned()
        .collect();
    let mut staged = Vec::new();
    for (path, text) in &imported.outputs {
        output::check_not_input(path, &inputs).map_err(|e| e.to_string())?;
        let s =
            output::stage(path, |out| out.write_all(text.as_bytes())).map_err(|e| e.to_string())?;
        staged.push(s);
    }
    let n = staged.len();
    for s in staged {
        s.commit().map_err(|e| e.to_string())?;
    }
    Ok(n)
}
