//! Validation: every check of the format that needs more than one value at a time
//! (unique ids, known endpoints, types and sources, date order, duplicates) plus the
//! warnings, and, when nothing is in error, the construction of the [`Dataset`]. This is
//! the only place a [`Dataset`] is made.

mod build;
mod duplicates;
mod edges;
mod fields;
mod records;
mod usage;

use crate::diagnostic::{Code, Diagnostic, Files, Location, Severity, Span};
use crate::load::raw::{RawDataset, Text};
use crate::model::Dataset;

pub use fields::{is_http_url, is_id, is_wikidata};

/// The outcome of validation.
#[derive(Debug)]
pub struct Validation {
    /// Everything found, unsorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The dataset, when there is no error.
    pub dataset: Option<Dataset>,
}

/// Validates raw records. `prior` are the diagnostics of loading: when any is an error
/// the dataset is not built, but every check still runs so all problems show at once.
pub fn validate(raw: RawDataset, files: &Files, prior_errors: bool) -> Validation {
    let (diagnostics, pending) = validate_deferred(raw, files, prior_errors);
    Validation {
        diagnostics,
        dataset: pending.map(Pending::build),
    }
}

/// Validates like [`validate`], returning the diagnostics at once and the dataset's
/// construction as a separate step, which the caller may run while it reports.
pub fn validate_deferred(
    raw: RawDataset,
    files: &Files,
    prior_errors: bool,
) -> (Vec<Diagnostic>, Option<Pending>) {
    run(raw, files, prior_errors, true)
}

/// Checks `raw` like [`validate`] but never builds the model: what `actorgraph validate`
/// needs, without the time and memory of a dataset it would only drop.
pub fn check(raw: RawDataset, files: &Files) -> Vec<Diagnostic> {
    run(raw, files, false, false).0
}

/// A dataset that passed validation, not yet built: its records, sorted and assembled
/// into a graph by [`Pending::build`].
pub struct Pending(build::Parts);

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending")
            .field("edges", &self.0.edges.len())
            .finish_non_exhaustive()
    }
}

impl Pending {
    /// Builds the dataset (the one way a [`Dataset`] is made).
    pub fn build(self) -> Dataset {
        build::build(self.0)
    }
}

fn run(
    raw: RawDataset,
    files: &Files,
    prior_errors: bool,
    build_model: bool,
) -> (Vec<Diagnostic>, Option<Pending>) {
    let mut cx = Checker {
        files,
        diagnostics: Vec::new(),
    };
    let RawDataset {
        edge_types,
        organizations,
        sources: raw_sources,
        edges,
    } = raw;
    let types = cx.edge_types(&edge_types);
    let orgs = cx.organizations(&organizations);
    let sources = cx.sources(&raw_sources);
    let used = usage::Used::new(organizations.len(), raw_sources.len());
    let org_order = build::Order::by_id(organizations.iter().map(|o| id(o.id.as_ref())));
    let source_order = build::Order::by_id(raw_sources.iter().map(|s| id(s.id.as_ref())));
    let model = (build_model && !prior_errors && !cx.has_errors())
        .then(|| build::ModelEdges::new(&org_order, &source_order));
    let look = edges::Lookups {
        types: &types,
        orgs: &orgs,
        raw_orgs: &organizations,
        sources: &sources,
        used: &used,
    };
    let model_edges = cx.edges(edges, &look, model.as_ref());
    cx.unused(&organizations, &raw_sources, &used, &orgs, &sources);
    let org_dates = orgs.into_dates();
    let source_dates = sources.into_dates();
    let pending = match model_edges {
        Some(edges) if !cx.has_errors() => Some(Pending(build::Parts {
            organizations,
            org_dates,
            sources: raw_sources,
            source_dates,
            edge_types: types.list,
            edges,
        })),
        other => {
            crate::parallel::drop_in_background((other, organizations, raw_sources));
            None
        }
    };
    (cx.diagnostics, pending)
}

fn id(t: Option<&Text>) -> Option<&str> {
    t.map(|t| t.value.as_str())
}

/// What is wrong with an invalid id, in a few words for the caret label.
fn id_problem(id: &str) -> &'static str {
    if id.is_empty() {
        "empty id"
    } else if id.len() > fields::MAX_ID_LEN {
        "longer than 64 characters"
    } else if id.bytes().any(|b| b.is_ascii_uppercase()) {
        "ids are lowercase"
    } else if id.starts_with(['.', '_', '-']) {
        "ids start with a letter or digit"
    } else {
        "ids use only a-z, 0-9, `.`, `_` and `-`"
    }
}

/// Collects diagnostics while the checks run.
struct Checker<'f> {
    files: &'f Files,
    diagnostics: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    fn at(&mut self, code: Code, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let location = self.files.locate(span);
        self.diagnostics
            .push(Diagnostic::new(code, Some(location), message));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    fn locate(&self, span: Span) -> Location {
        self.files.locate(span)
    }

    /// Reports an id that breaks the syntax; returns whether it is valid.
    fn check_id(&mut self, id: &Text, what: &str) -> bool {
        if fields::is_id(&id.value) {
            return true;
        }
        let slug = fields::slug(&id.value);
        let d = self.at(
            Code::InvalidId,
            id.span,
            format!("invalid {what} id `{}`", id.value),
        );
        d.label = Some(id_problem(&id.value).into());
        d.help = Some(if slug.is_empty() || slug == id.value {
            format!(
                "ids match [a-z0-9][a-z0-9._-]* and have at most {} characters",
                fields::MAX_ID_LEN
            )
        } else {
            format!("ids match [a-z0-9][a-z0-9._-]*; for example `{slug}`")
        });
        false
    }

    /// Parses an optional date, reporting it when invalid.
    fn date(&mut self, field: Option<&Text>, key: &str) -> Option<crate::model::Date> {
        match fields::date(field) {
            Ok(d) => d,
            Err((text, e)) => {
                let d = self.at(
                    Code::InvalidDate,
                    text.span,
                    format!("invalid date in `{key}`: {}", e.message),
                );
                d.help = Some(e.help);
                None
            }
        }
    }
}
