//! `actorgraph import`: tables (CSV, TSV, XLSX, ODS) in, a canonical dataset out.
//!
//! `read` turns each file into rows of text cells, `map` finds which column holds which
//! field, `build` maps rows to organizations, sources and edges (ids from `ids`, dates
//! from `dates`), reporting each row it cannot map as a diagnostic at `FILE:ROW:COLUMN`,
//! and `write` renders the result as canonical YAML. Before anything
//! is written, the YAML is loaded and validated like any dataset: an error there is a bug
//! in the importer, never the user's, and nothing is written.

mod build;
pub mod dates;
pub mod ids;
pub mod map;
pub mod read;
mod repairs;
mod workbook;
pub mod write;

use std::path::{Path, PathBuf};

use crate::diagnostic::{self, Diagnostic, Files, Severity};
use crate::load;
use crate::validate;

pub use map::{Field, Preset};

/// What `import` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A known layout.
    pub preset: Option<Preset>,
    /// `--map field=column` overrides.
    pub overrides: Vec<(Field, String)>,
    /// The node table, if any.
    pub nodes: Option<PathBuf>,
    /// Table reading options (delimiter, sheet).
    pub read: read::ReadOptions,
    /// The id of the source rows cite when they name none.
    pub source_id: Option<String>,
    /// An existing dataset to import into: only what is new is written.
    pub into: Option<PathBuf>,
    /// Repair C1 characters (Windows-1252 decoded as Latin-1) instead of reporting them.
    pub repair_mojibake: bool,
    /// Undo backslash escapes and HTML character references instead of reporting them.
    pub repair_escapes: bool,
    /// One edge file per relation.
    pub split_by_relation: bool,
}

impl Options {
    /// Whether `damage` is to be repaired rather than reported.
    pub(crate) fn repairs(&self, damage: repairs::Damage) -> bool {
        match damage {
            repairs::Damage::Mojibake => self.repair_mojibake,
            repairs::Damage::Escapes => self.repair_escapes,
        }
    }
}

/// An imported dataset before it is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// Declared edge types, sorted by name.
    pub edge_types: Vec<DraftType>,
    /// Organizations, sorted by id.
    pub organizations: Vec<DraftOrg>,
    /// Sources, sorted by id.
    pub sources: Vec<DraftSource>,
    /// Edges, sorted by endpoints, type, dates and id.
    pub edges: Vec<DraftEdge>,
}

/// A declared edge type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftType {
    /// Name.
    pub name: String,
    /// Direction.
    pub directed: bool,
    /// Why that direction (written as a comment).
    pub why: Option<String>,
    /// Label, colour and style, when the table gives them.
    pub label: Option<String>,
    /// Colour.
    pub color: Option<String>,
    /// Line style.
    pub style: Option<String>,
}

/// An organization.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct DraftOrg {
    pub id: String,
    pub name: String,
    pub short: Option<String>,
    pub aliases: Vec<String>,
    pub kind: Option<String>,
    pub region: Option<String>,
    pub founded: Option<String>,
    pub dissolved: Option<String>,
    pub wikidata: Option<String>,
    pub notes: Option<String>,
}

/// A source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct DraftSource {
    pub id: String,
    pub title: String,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub accessed: Option<String>,
    pub notes: Option<String>,
    /// The Admiralty letter, checked.
    pub reliability: Option<String>,
}

/// A citation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[allow(missing_docs)]
pub struct DraftCitation {
    pub source: String,
    pub quote: Option<String>,
    pub locator: Option<String>,
    /// The Admiralty number.
    pub credibility: Option<u8>,
}

/// An edge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct DraftEdge {
    pub id: Option<String>,
    pub from: String,
    pub to: String,
    pub edge_type: String,
    pub date: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub confidence: Option<String>,
    pub sources: Vec<DraftCitation>,
    pub disputed_by: Vec<DraftCitation>,
    pub notes: Option<String>,
}

/// The outcome of an import: the files to write, and everything found on the way.
#[derive(Debug)]
pub struct Imported {
    /// The tables read (diagnostics point into them) and the files to be written.
    pub files: Files,
    /// Every diagnostic, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// `(path, text)` of each output file, in name order.
    pub outputs: Vec<(PathBuf, String)>,
    /// Numbers for the summary.
    pub counts: Counts,
}

/// What the import made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Data rows read.
    pub rows: usize,
    /// Rows refused (an error on the row).
    pub refused: usize,
    /// Organizations written.
    pub organizations: usize,
    /// Sources written.
    pub sources: usize,
    /// Edges written.
    pub edges: usize,
}

/// Why an import stopped before it had anything to write.
#[derive(Debug)]
pub enum ImportError {
    /// A usage problem (`--map` naming no column, a sheet that does not exist…).
    Usage(String),
    /// The dataset given to `--into` is invalid or unreadable.
    Into(Box<crate::pipeline::Checked>),
    /// The importer wrote YAML the validator refuses: a bug.
    Bug(Box<Imported>),
}

/// Imports `inputs` (edge tables, or directories written by `export -f csv`) into files
/// for the directory `out`.
pub fn import(inputs: &[PathBuf], out: &Path, options: &Options) -> Result<Imported, ImportError> {
    let into = match &options.into {
        Some(path) => {
            let checked = crate::pipeline::check(
                crate::pipeline::Input::Paths(std::slice::from_ref(path)),
                crate::pipeline::Mode::Build,
            );
            match checked.dataset {
                Some(_) if !checked.has_errors() => Some(checked),
                _ => return Err(ImportError::Into(Box::new(checked))),
            }
        }
        None => None,
    };
    let existing = into.as_ref().and_then(|c| c.dataset.as_ref());
    let Built {
        mut files,
        mut diagnostics,
        draft,
        counts,
    } = build::build(inputs, options, existing)?;
    drop(into);
    let header = inputs
        .iter()
        .map(|p| format!("`{}`", read::printable_path(p)))
        .collect::<Vec<_>>()
        .join(", ");
    let texts: Vec<(PathBuf, String)> = write::render(&draft, &header, options.split_by_relation)
        .into_iter()
        .map(|(name, text)| (out.join(name), text))
        .collect();
    drop(draft);
    // Checked, not built: only the diagnostics of the output are needed.
    let into_paths: Vec<PathBuf> = options.into.iter().cloned().collect();
    let loaded = load::load_with_texts(&into_paths, &texts);
    let mut checks = loaded.diagnostics;
    checks.extend(
        validate::validate(loaded.raw, &loaded.files, validate::Goal::Diagnostics).diagnostics,
    );
    // Offsets of the output files among the validation's files.
    let first_output = loaded.files.len() - texts.len();
    let bug = checks.iter().any(|d| d.severity == Severity::Error);
    // The output's own warnings (undated edges, unused sources) belong in the report,
    // re-registered after the tables so their ids do not clash.
    let mut outputs_files = Vec::new();
    for (path, text) in &texts {
        // Held in memory, so the report quotes the lines about to be written.
        let name = path.to_string_lossy().replace('\\', "/");
        outputs_files.push(files.add_in_memory(&name, std::sync::Arc::from(text.as_bytes())));
    }
    for mut d in checks {
        // The import reports C1 characters at their cell.
        if d.code == diagnostic::Code::SuspectedMojibake {
            continue;
        }
        let Some(loc) = &mut d.location else { continue };
        let Some(i) = (loc.file_id.0 as usize).checked_sub(first_output) else {
            continue; // about the dataset imported into, not the output
        };
        loc.file_id = outputs_files[i];
        if let Some(r) = &mut d.related
            && let Some(j) = (r.location.file_id.0 as usize).checked_sub(first_output)
        {
            r.location.file_id = outputs_files[j];
        }
        diagnostics.push(d);
    }
    diagnostic::sort(&mut diagnostics);
    let imported = Imported {
        files,
        diagnostics,
        outputs: texts,
        counts,
    };
    if bug {
        return Err(ImportError::Bug(Box::new(imported)));
    }
    Ok(imported)
}

/// What [`build::build`] hands back.
struct Built {
    files: Files,
    diagnostics: Vec<Diagnostic>,
    draft: Draft,
    counts: Counts,
}
