//! Checks on edges: endpoints, type, dates, citations, ids. One pass over every file's
//! packed edges, on all cores, one job per file: each edge is unpacked and checked
//! (resolved to indices), then, when a model is wanted, handed to the file's
//! [`FileModel`], which makes its model edge while the file has no error.

use std::collections::HashMap;

use super::Checker;
use super::build::{FileModel, ModelEdges};
use super::duplicates::DuplicateKey;
use super::records::{OrgTable, SourceTable, TypeTable};
use super::usage::Used;
use crate::diagnostic::{Code, Related, Span};
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::raw::{
    Chunks, PackedEdges, RawCitation, RawEdge, RawEdges, RawOrganization, Text,
};
use crate::model::Edge;
use crate::model::{Confidence, When};
use crate::suggest;
use compact_str::CompactString;

/// How many unknown references get a fuzzy "did you mean"; past this only exact
/// (case-insensitive) name matches are suggested, so 10,000 typos stay fast.
const FUZZY_SUGGESTIONS: usize = 200;

/// An edge whose references all resolved (indices into the raw records).
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The record's position, for the duplicate check.
    pub span: Span,
    pub from: usize,
    pub to: usize,
    pub edge_type: usize,
    pub when: When,
    pub confidence: Option<Confidence>,
}

/// What the edge checks resolve references against.
pub struct Lookups<'a, 'r> {
    pub types: &'a TypeTable,
    pub orgs: &'a OrgTable<'r>,
    /// The organizations' records, for the names in messages.
    pub raw_orgs: &'a Chunks<RawOrganization>,
    pub sources: &'a SourceTable<'r>,
    /// Marked with every reference that resolves, valid edge or not.
    pub used: &'a Used,
}

/// What one file's edge checks found.
struct FileChecks {
    diagnostics: Vec<Diagnostic>,
    guesses: Vec<Guess>,
    /// The edges' ids, for the check that none repeats.
    ids: Vec<Text>,
}

/// One file's edges, owned by the job that checks them, with the file's share of the
/// slots for what the checks yield.
struct FileJob<'a, 's> {
    packed: PackedEdges,
    /// The index of its first edge among all files' edges.
    first: usize,
    /// Slots for its edges' duplicate keys.
    keys: &'s mut [Option<DuplicateKey>],
    /// Its model edges, when a model is made.
    model: Option<FileModel<'a, 's>>,
}

/// Splits the edges into one job per file, each with its share of the slots.
fn split_by_file<'a, 's>(
    edges: RawEdges,
    model: Option<ModelEdges<'a>>,
    mut made: &'s mut [Option<Edge>],
    mut keys: &'s mut [Option<DuplicateKey>],
) -> Vec<FileJob<'a, 's>> {
    let mut first = 0;
    let mut jobs = Vec::new();
    for packed in edges.into_files() {
        let n = packed.len();
        let (m, k) = (n.min(made.len()), n.min(keys.len()));
        let (file_made, rest) = std::mem::take(&mut made).split_at_mut(m);
        made = rest;
        let (file_keys, rest) = std::mem::take(&mut keys).split_at_mut(k);
        keys = rest;
        jobs.push(FileJob {
            packed,
            first,
            keys: file_keys,
            model: model.map(|m| FileModel::new(m, file_made)),
        });
        first += n;
    }
    jobs
}

/// An unknown reference waiting for its fuzzy "did you mean". The search runs after the
/// parallel checks, in edge order, so the first [`FUZZY_SUGGESTIONS`] references get one
/// whatever the threads did.
struct Guess {
    /// Index of its diagnostic.
    diagnostic: usize,
    word: CompactString,
    of: Target,
}

enum Target {
    Organization,
    Source,
}

impl Checker<'_> {
    /// Checks every edge, each file's on their own on all cores, making the model's edges
    /// on the way when `model` is given; they are returned when no edge had an error.
    pub(super) fn edges(
        &mut self,
        edges: RawEdges,
        look: &Lookups<'_, '_>,
        model: Option<ModelEdges<'_>>,
    ) -> Option<Vec<Edge>> {
        let files = self.files;
        let total = edges.len();
        // One slot per edge for its model edge and its duplicate key, filled by the file
        // that has it: allocated once, these vectors go back to the system when freed
        // instead of leaving holes in the heap, as per-file vectors would.
        let mut made: Vec<Option<Edge>> = Vec::new();
        if model.is_some() {
            made.resize_with(total, || None);
        }
        let mut keys: Vec<Option<DuplicateKey>> = Vec::new();
        keys.resize_with(total, || None);
        let jobs = split_by_file(edges, model, &mut made, &mut keys);
        let checked = crate::parallel::map_jobs(jobs, |(): &mut (), job| {
            let mut cx = Checker {
                files,
                diagnostics: Vec::new(),
            };
            cx.file_edges(job, look)
        });
        let mut guesses = Vec::new();
        let mut ids = Vec::new();
        for part in checked {
            let offset = self.diagnostics.len();
            guesses.extend(part.guesses.into_iter().map(|g| Guess {
                diagnostic: g.diagnostic + offset,
                ..g
            }));
            self.diagnostics.extend(part.diagnostics);
            ids.extend(part.ids);
        }
        self.guess(&guesses, look);
        self.edge_ids(&ids);
        // `filter_map` (not `flatten`) lets `collect` reuse the vector's allocation.
        #[allow(clippy::filter_map_identity)]
        self.duplicates(keys.into_iter().filter_map(|k| k).collect(), look.types);
        let complete = model.is_some() && !self.has_errors();
        // Every slot is filled when no edge failed. `filter_map` (not `flatten`) lets
        // `collect` reuse the vector's allocation rather than hold the edges twice.
        #[allow(clippy::filter_map_identity)]
        complete.then(|| made.into_iter().filter_map(|e| e).collect())
    }

    /// Checks one file's edges, unpacking each in turn and freeing the file's buffer as
    /// it goes, and hands each to the file's model (when one is made) with the outcome.
    fn file_edges(&mut self, job: FileJob<'_, '_>, look: &Lookups<'_, '_>) -> FileChecks {
        let FileJob {
            packed,
            first,
            keys,
            mut model,
        } = job;
        let mut guesses = Vec::new();
        let mut ids = Vec::new();
        for ((k, edge), key) in packed.into_iter().enumerate().zip(keys) {
            // Checking: diagnostics, and the edge's references resolved when all are.
            let errors = self.diagnostics.len();
            let resolved = self.edge(&edge, look, &mut guesses);
            self.edge_usage(&edge, resolved.as_ref(), look.raw_orgs, look.orgs);
            ids.extend(edge.id.clone());
            *key = resolved
                .as_ref()
                .map(|r| DuplicateKey::new(r, first + k, look.types));
            let passed = !self.diagnostics[errors..]
                .iter()
                .any(|d| d.severity == Severity::Error);
            // Building: the model edge of an edge that passed.
            if let Some(model) = &mut model {
                let source_of = |id: &str| look.sources.by_id.get(id).copied();
                model.add(k, edge, resolved.filter(|_| passed), source_of);
            }
        }
        FileChecks {
            diagnostics: std::mem::take(&mut self.diagnostics),
            guesses,
            ids,
        }
    }

    /// Fills in the fuzzy "did you mean" of the first unknown references.
    /// Which ones get one is decided in edge order; each is measured against every known
    /// id, so they are worked out on all cores.
    fn guess(&mut self, guesses: &[Guess], look: &Lookups<'_, '_>) {
        let guesses = &guesses[..guesses.len().min(FUZZY_SUGGESTIONS)];
        let found = crate::parallel::map(guesses.len(), |(): &mut (), i| {
            let g = &guesses[i];
            match g.of {
                Target::Organization => look.orgs.suggest(&g.word),
                Target::Source => suggest::closest(&g.word, look.sources.by_id.keys().copied()),
            }
        });
        for (g, found) in guesses.iter().zip(found) {
            if let Some(id) = found {
                self.diagnostics[g.diagnostic].help = Some(format!("did you mean `{id}`?"));
            }
        }
    }

    /// Checks edge ids: their syntax, and that none repeats.
    fn edge_ids(&mut self, all: &[Text]) {
        let mut ids: HashMap<&str, Span> = HashMap::new();
        for id in all {
            self.check_id(id, "edge");
            if let Some(&first) = ids.get(id.value.as_str()) {
                self.duplicate_edge_id(id, first);
            } else {
                ids.insert(&id.value, id.span);
            }
        }
    }

    fn duplicate_edge_id(&mut self, id: &Text, first: Span) {
        let related = Related {
            location: self.locate(first),
            note: "first defined".into(),
        };
        let d = self.at(
            Code::DuplicateId,
            id.span,
            format!("duplicate edge id `{}`", id.value),
        );
        d.related = Some(Box::new(related));
        d.help = Some("edge ids are unique across all files; rename one".into());
    }

    fn edge(
        &mut self,
        edge: &RawEdge,
        look: &Lookups<'_, '_>,
        guesses: &mut Vec<Guess>,
    ) -> Option<Resolved> {
        let from = edge
            .from
            .as_ref()
            .and_then(|t| self.endpoint(t, look, guesses));
        let to = edge
            .to
            .as_ref()
            .and_then(|t| self.endpoint(t, look, guesses));
        let edge_type = edge
            .edge_type
            .as_ref()
            .and_then(|t| self.edge_type(t, look.types));
        if let (Some(f), Some(t)) = (&edge.from, &edge.to)
            && f.value == t.value
        {
            self.at(Code::SelfLoop, t.span, format!("edge from `{}` to itself", f.value))
                .help = Some("an organization cannot ally with, split from or host itself; check `from` and `to`".into());
        }
        let when = self.when(edge);
        let confidence = edge.confidence.as_ref().and_then(|c| self.confidence(c));
        let sources_ok = self.citations(edge, look, guesses);
        let disputes_ok = self.disputes(edge, look, guesses);
        let ok_conf = edge.confidence.is_none() || confidence.is_some();
        let from_ne_to = from != to;
        // Citations are checked here but not kept: the model edge finds their sources by
        // id again, which saves two vectors per edge.
        match (from, to, edge_type, when) {
            (Some(from), Some(to), Some(edge_type), Some(when))
                if sources_ok && disputes_ok && ok_conf && from_ne_to =>
            {
                Some(Resolved {
                    span: edge.span,
                    from,
                    to,
                    edge_type,
                    when,
                    confidence,
                })
            }
            _ => None,
        }
    }

    fn endpoint(
        &mut self,
        name: &Text,
        look: &Lookups<'_, '_>,
        guesses: &mut Vec<Guess>,
    ) -> Option<usize> {
        if let Some(&i) = look.orgs.by_id.get(name.value.as_str()) {
            look.used.org(i);
            return Some(i);
        }
        let exact = look.orgs.by_name(&name.value);
        if exact.is_none() {
            guesses.push(Guess {
                diagnostic: self.diagnostics.len(),
                word: name.value.clone(),
                of: Target::Organization,
            });
        }
        let d = self.at(
            Code::UnknownOrganization,
            name.span,
            format!("unknown organization `{}`", name.value),
        );
        d.label = Some("no organization has this id".into());
        d.help = Some(match exact {
            Some(id) => format!("did you mean `{id}`?"),
            None => {
                "endpoints are organization ids; declare the organization under `organizations:`"
                    .into()
            }
        });
        None
    }

    fn edge_type(&mut self, name: &Text, types: &TypeTable) -> Option<usize> {
        if let Some(&i) = types.by_name.get(name.value.as_str()) {
            return Some(i);
        }
        let known: Vec<&str> = types.list.iter().map(|t| t.name.as_str()).collect();
        let help = match suggest::closest(&name.value, known.iter().copied()) {
            Some(k) => format!("did you mean `{k}`? Known types: {}", known.join(", ")),
            None => format!(
                "known types: {}; declare new ones under `edge_types:`",
                known.join(", ")
            ),
        };
        self.at(
            Code::UnknownEdgeType,
            name.span,
            format!("unknown edge type `{}`", name.value),
        )
        .help = Some(help);
        None
    }

    /// Parses the edge's dates; `None` when any is invalid or they contradict each other.
    fn when(&mut self, edge: &RawEdge) -> Option<When> {
        let date = self.date(edge.date.as_ref(), "date");
        let start = self.date(edge.start.as_ref(), "start");
        let end = self.date(edge.end.as_ref(), "end");
        let bad_date = edge.date.is_some() && date.is_none();
        let bad_interval =
            (edge.start.is_some() && start.is_none()) || (edge.end.is_some() && end.is_none());
        if let (Some(d), true) = (&edge.date, edge.start.is_some() || edge.end.is_some()) {
            self.at(
                Code::DateWithInterval,
                d.span,
                "`date` cannot be combined with `start` or `end`",
            )
            .help = Some(
                "use `date` for a single event, or `start`/`end` for a relationship that lasted"
                    .into(),
            );
            return None;
        }
        if bad_date || bad_interval {
            return None;
        }
        if let (Some(s), Some(e), Some(end_text)) = (&start, &end, &edge.end) {
            let before = e.latest() < s.earliest();
            self.check_order(s, e, end_text.span, "end", "start");
            if before {
                return None;
            }
        }
        Some(match (date, start, end) {
            (Some(d), _, _) => When::Point(d),
            (None, None, None) => When::Undated,
            (None, start, end) => When::Interval { start, end },
        })
    }

    fn confidence(&mut self, c: &Text) -> Option<Confidence> {
        let parsed = Confidence::parse(&c.value);
        if parsed.is_none() {
            self.at(
                Code::InvalidValue,
                c.span,
                format!("unknown confidence `{}`", c.value),
            )
            .help = Some(format!("use one of: {}", Confidence::NAMES.join(", ")));
        }
        parsed
    }

    /// Whether the edge has citations and every one names a known source.
    fn citations(
        &mut self,
        edge: &RawEdge,
        look: &Lookups<'_, '_>,
        guesses: &mut Vec<Guess>,
    ) -> bool {
        let Some(list) = edge.sources.as_ref() else {
            return false;
        };
        if list.value.is_empty() {
            self.at(Code::MissingCitation, list.span, "edge cites no source")
                .help =
                Some("every edge needs at least one citation: `sources: [source-id]`".into());
            return false;
        }
        self.resolve_all(&list.value, look, guesses)
    }

    /// Whether every disputing citation names a known source.
    fn disputes(
        &mut self,
        edge: &RawEdge,
        look: &Lookups<'_, '_>,
        guesses: &mut Vec<Guess>,
    ) -> bool {
        if edge.disputed_by.is_empty() {
            return true;
        }
        if !self.resolve_all(&edge.disputed_by, look, guesses) {
            return false;
        }
        let supporting: Vec<&str> = edge
            .sources
            .iter()
            .flat_map(|s| &s.value)
            .filter_map(|c| c.source.as_ref().map(|t| t.value.as_str()))
            .collect();
        for c in &edge.disputed_by {
            if let Some(src) = &c.source
                && supporting.contains(&src.value.as_str())
            {
                self.at(Code::SelfDisputed, src.span, format!("source `{}` both supports and disputes this edge", src.value))
                    .help = Some("a source that contradicts itself is worth a note; otherwise cite it on one side only".into());
            }
        }
        true
    }

    fn resolve_all(
        &mut self,
        list: &[RawCitation],
        look: &Lookups<'_, '_>,
        guesses: &mut Vec<Guess>,
    ) -> bool {
        let mut ok = true;
        for c in list {
            if let Some(grade) = &c.credibility {
                ok &= self.credibility(grade).is_some();
            }
            let Some(src) = &c.source else {
                ok = false;
                continue;
            };
            if let Some(&i) = look.sources.by_id.get(src.value.as_str()) {
                look.used.source(i);
                continue;
            }
            ok = false;
            guesses.push(Guess {
                diagnostic: self.diagnostics.len(),
                word: src.value.clone(),
                of: Target::Source,
            });
            let d = self.at(
                Code::UnknownSource,
                src.span,
                format!("unknown source `{}`", src.value),
            );
            d.help = Some("citations name a source id; declare the source under `sources:`".into());
        }
        ok
    }
}
