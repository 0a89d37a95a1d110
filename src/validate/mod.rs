//! Validation: every check of the format that needs more than one value at a time
//! (unique ids, known endpoints, types and sources, date order, duplicates) plus the
//! warnings, and, when nothing is in error, the construction of the [`Dataset`]. This is
//! the only place a [`Dataset`] is made.

mod build;
mod duplicates;
mod edges;
mod fields;
mod grades;
mod records;
mod unread;
mod usage;

use crate::diagnostic::{Code, Diagnostic, Files, Location, Severity, Span};
use crate::load::raw::{RawDataset, Text};
use crate::model::Dataset;

pub use fields::{is_http_url, is_id, is_wikidata};
pub use unread::skip_what_unread_files_decide;

/// What validation is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// The diagnostics only: nothing of the model is made.
    Diagnostics,
    /// The diagnostics and, when no check fails, the model (made ready for
    /// [`Pending::build`]). Ask for it only when loading found no error.
    Model,
}

/// The outcome of validation.
#[derive(Debug)]
pub struct Validation {
    /// Everything found, unsorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The dataset, not yet built: when the goal is the model and nothing is in error.
    pub pending: Option<Pending>,
}

/// Validates raw records: every check runs, so all problems show at once, and the
/// model's parts are made when `goal` asks for them and nothing is in error. The model
/// itself is assembled by [`Pending::build`], which the caller may run while it reports.
pub fn validate(raw: RawDataset, files: &Files, goal: Goal) -> Validation {
    let mut cx = Checker {
        files,
        diagnostics: Vec::new(),
    };
    let pending = cx.run(raw, goal);
    Validation {
        diagnostics: cx.diagnostics,
        pending,
    }
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

impl Checker<'_> {
    fn run(&mut self, raw: RawDataset, goal: Goal) -> Option<Pending> {
        let RawDataset {
            edge_types,
            organizations,
            sources: raw_sources,
            edges,
        } = raw;
        let types = self.edge_types(&edge_types);
        let orgs = self.organizations(&organizations);
        let sources = self.sources(&raw_sources);
        let used = usage::Used::new(organizations.len(), raw_sources.len());
        let org_order = build::Order::by_id(organizations.iter().map(|o| id(o.id.as_ref())));
        let source_order = build::Order::by_id(raw_sources.iter().map(|s| id(s.id.as_ref())));
        let model = (goal == Goal::Model && !self.has_errors()).then_some(build::ModelEdges {
            orgs: &org_order,
            sources: &source_order,
        });
        let look = edges::Lookups {
            types: &types,
            orgs: &orgs,
            raw_orgs: &organizations,
            sources: &sources,
            used: &used,
        };
        let model_edges = self.edges(edges, &look, model);
        self.unused(&organizations, &raw_sources, &used, &orgs, &sources);
        let org_dates = orgs.into_dates();
        let source_dates = sources.into_dates();
        match model_edges {
            Some(edges) if !self.has_errors() => Some(Pending(build::Parts {
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
        }
    }
}

fn id(t: Option<&Text>) -> Option<&str> {
    t.map(|t| t.value.as_str())
}

/// What is wrong with an invalid id, in a few words for the caret label.
fn id_problem(id: &str) -> std::borrow::Cow<'static, str> {
    if id.is_empty() {
        "empty id".into()
    } else if id.len() > fields::MAX_ID_LEN {
        format!("longer than {} characters", fields::MAX_ID_LEN).into()
    } else if id.bytes().any(|b| b.is_ascii_uppercase()) {
        "ids are lowercase".into()
    } else if id.starts_with(['.', '_', '-']) {
        "ids start with a letter or digit".into()
    } else {
        "ids use only a-z, 0-9, `.`, `_` and `-`".into()
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
        d.label = Some(id_problem(&id.value).into_owned());
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
